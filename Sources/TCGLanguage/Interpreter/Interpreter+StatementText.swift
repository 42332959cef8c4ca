import TCGDomain

extension Interpreter {
    /// A command's text (`statement`, the bytes from where it starts) with each `$variable` its
    /// arguments name replaced by the value it has now, so the audit trail keeps what was done
    /// (`open M-2`), not how a script spelled it (`open $tt`). Outside a string a value is written
    /// as the language reads it back (`Value.literal`); inside one, as its text escaped for that
    /// string. The places come from the parsed arguments, so nothing is lexed again.
    func resolvingVariables(of c: Command, in statement: ArraySlice<UInt8>) -> [UInt8] {
        guard statement.contains(UInt8(ascii: "$")) else { return Array(statement) }
        var replacements: [(range: SourceRange, text: String)] = []
        for argument in c.args.values {
            if case .expr(let e) = argument { substitutions(in: e, into: &replacements) }
        }
        replacements.sort { $0.range.start < $1.range.start }
        let base = statement.startIndex
        var out: [UInt8] = []
        var at = base
        for (range, text) in replacements where range.start >= at && range.end <= statement.endIndex {
            out += statement[at..<range.start]
            out += text.utf8
            at = range.end
        }
        return out + statement[at...]
    }

    /// The values of the variables an expression names, with where each is written.
    func substitutions(in e: Expr, into out: inout [(range: SourceRange, text: String)]) {
        switch e {
        case .variable(let name, let range):
            if let v = variables[name] { out.append((range, v.literal)) }
        case .string(let parts, _):
            for case .variable(let name, let range) in parts {
                if let v = variables[name] { out.append((range, String(Value.quoted(v.description).dropFirst().dropLast()))) }
            }
        case .list(let items, _):
            for item in items { substitutions(in: item, into: &out) }
        case .arithmetic(_, let a, let b, _), .compare(_, let a, let b, _), .member(let a, let b, _), .contains(let a, let b, _),
             .and(let a, let b), .or(let a, let b):
            substitutions(in: a, into: &out)
            substitutions(in: b, into: &out)
        case .not(let a, _):
            substitutions(in: a, into: &out)
        case .literal, .relativeDate, .word, .query:
            break
        }
    }
}
