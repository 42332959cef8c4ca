import TCGDomain

extension Interpreter {
    /// Evaluates an expression to a value.
    func eval(_ e: Expr, _ frame: Frame) throws(Diagnostic) -> Value {
        switch e {
        case .literal(let v, _): return v
        case .relativeDate(let base, let offset, _):
            let day = today.adding(days: base)
            return .date(offset.map { day.adding($0) } ?? day)
        case .string(let parts, _):
            var s = ""
            for part in parts {
                switch part {
                case .text(let t): s += t
                case .variable(let name, let range): s += try variable(name, range).description
                }
            }
            return .string(s)
        case .word(let w, _): return .word(w)
        case .variable(let name, let range): return try variable(name, range)
        case .list(let items, _):
            var out: [Value] = []
            for i in items { out.append(try eval(i, frame)) }
            return .list(out)
        case .query(let s, _): return try run(s, frame, quiet: true)
        case .arithmetic(let op, let l, let r, let range): return try arithmetic(op, eval(l, frame), eval(r, frame), range)
        case .compare, .member, .contains, .and, .or, .not: return .bool(try truth(e, frame))
        }
    }

    func variable(_ name: String, _ range: SourceRange) throws(Diagnostic) -> Value {
        if let v = variables[name] { return v }
        let near = Suggest.nearest(name, among: Array(variables.keys))
        throw Diagnostic(.error, "$\(name) is not set", range: range,
                         help: Suggest.didYouMean(near.map { "$" + $0 }) ?? "set it with let \(name) = …, or pass \(name)=VALUE on the command line")
    }

    /// Evaluates a condition in a script (`if`, `assert`).
    func truth(_ e: Expr, _ frame: Frame) throws(Diagnostic) -> Bool {
        switch e {
        case .and(let a, let b):
            if try !truth(a, frame) { return false }
            return try truth(b, frame)
        case .or(let a, let b):
            if try truth(a, frame) { return true }
            return try truth(b, frame)
        case .not(let a, _): return try !truth(a, frame)
        case .compare(let op, let l, let r, let range):
            return try compare(op, try eval(l, frame), try eval(r, frame), range)
        case .member(let l, let r, let range):
            let lv = try eval(l, frame)
            guard case .list(let items) = try eval(r, frame) else {
                throw Diagnostic(.error, "`in` needs a list on its right", range: r.range, help: "write x in [a, b]")
            }
            for item in items where try compare("=", lv, item, range) { return true }
            return false
        case .contains(let l, let r, let range):
            let lv = try eval(l, frame), rv = try eval(r, frame)
            if case .list(let items) = lv {
                for item in items where try compare("=", item, rv, range) { return true }
                return false
            }
            return lv.description.lowercased().contains(rv.description.lowercased())
        default:
            let v = try eval(e, frame)
            if case .bool(let b) = v { return b }
            throw Diagnostic(.error, "expected a condition, found \(v.typeName) \(show(v))", range: e.range,
                             help: "compare values with = != < <= > >=, e.g. (count actions where overdue) > 0")
        }
    }

    /// Compares two values, converting text to a date or id when the other side is one.
    func compare(_ op: String, _ a: Value, _ b: Value, _ range: SourceRange) throws(Diagnostic) -> Bool {
        let order: Int
        switch (a, b) {
        case (.int(let x), .int(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
        case (.date(let x), .date(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
        case (.date(let x), .string(let s)), (.date(let x), .word(let s)):
            guard let y = Day(iso: s) else { throw mismatch(a, b, range) }
            order = x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let s), .date(let y)), (.word(let s), .date(let y)):
            guard let x = Day(iso: s) else { throw mismatch(a, b, range) }
            order = x < y ? -1 : (x > y ? 1 : 0)
        case (.id(let x), .id(let y)):
            if x.kind != y.kind { order = x.kind.prefix < y.kind.prefix ? -1 : 1 } else { order = x.number < y.number ? -1 : (x.number > y.number ? 1 : 0) }
        case (.id(let x), .string(let s)), (.id(let x), .word(let s)):
            order = x.description.lowercased() == s.lowercased() ? 0 : (x.description < s ? -1 : 1)
        case (.string(let s), .id(let y)), (.word(let s), .id(let y)):
            order = y.description.lowercased() == s.lowercased() ? 0 : (s < y.description ? -1 : 1)
        case (.string(let x), .string(let y)), (.string(let x), .word(let y)), (.word(let x), .string(let y)), (.word(let x), .word(let y)):
            let lx = x.lowercased(), ly = y.lowercased()
            order = lx < ly ? -1 : (lx > ly ? 1 : 0)
        case (.bool(let x), .bool(let y)): order = x == y ? 0 : (x ? 1 : -1)
        case (.duration(let x), .duration(let y)):
            order = x.approximateDays < y.approximateDays ? -1 : (x.approximateDays > y.approximateDays ? 1 : 0)
        case (.list, .list), (.none, .none):
            guard op == "=" || op == "!=" else { throw mismatch(a, b, range) }
            return (a == b) == (op == "=")
        case (.none, _), (_, .none):
            guard op == "=" || op == "!=" else { throw mismatch(a, b, range) }
            return op == "!="
        default:
            throw mismatch(a, b, range)
        }
        switch op {
        case "=": return order == 0
        case "!=": return order != 0
        case "<": return order < 0
        case "<=": return order <= 0
        case ">": return order > 0
        default: return order >= 0
        }
    }

    func mismatch(_ a: Value, _ b: Value, _ range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "cannot compare \(a.typeName) \(show(a)) with \(b.typeName) \(show(b))", range: range)
    }

    // MARK: Values converted to what the register needs

    func person(_ e: Expr, _ frame: Frame) throws(Diagnostic) -> Int {
        let v = try eval(e, frame)
        let lookup: (inout Register) throws(DomainError) -> Int
        switch v {
        case .id(let id) where id.kind == .person:
            lookup = { (r) throws(DomainError) in try r.resolvePerson(number: id.number) }
        case .string(let s), .word(let s):
            if let id = RecordID(s), id.kind == .person {
                lookup = { (r) throws(DomainError) in try r.resolvePerson(number: id.number) }
            } else {
                lookup = { (r) throws(DomainError) in try r.resolvePerson(named: s) }
            }
        default:
            throw Diagnostic(.error, "expected a person (\"NAME\" or PE-n), found \(v.typeName) \(show(v))", range: e.range)
        }
        do {
            if ceiling == nil { return try inPlace(lookup) }
            var view = visibleRegister
            return try lookup(&view)
        } catch {
            throw Diagnostic(error, range: e.range, register: visibleRegister)
        }
    }

    /// A unit the session can see, by name (case-insensitive): its name as the register spells it (R11).
    func unit(_ e: Expr, _ frame: Frame) throws(Diagnostic) -> String {
        let v = try eval(e, frame)
        let view = visibleRegister
        do throws(DomainError) {
            return try view.resolveUnit(named: v.description).name
        } catch {
            throw Diagnostic(error, range: e.range, register: view)
        }
    }

    func people(_ e: Expr, _ frame: Frame) throws(Diagnostic) -> [Int] {
        if case .list(let items, _) = e {
            var out: [Int] = []
            for i in items { out.append(try person(i, frame)) }
            return out
        }
        if case .list(let values) = try eval(e, frame) {
            var out: [Int] = []
            for v in values { out.append(try person(.literal(v, e.range), frame)) }
            return out
        }
        return [try person(e, frame)]
    }

    func date(_ e: Expr, _ frame: Frame) throws(Diagnostic) -> Day {
        let day = try anyDate(e, frame)
        guard day.isInCalendar else { throw Interpreter.outOfCalendar(day, e.range) }
        return day
    }

    /// A date outside the years 1 to 9999, which the register cannot keep.
    static func outOfCalendar(_ day: Day, _ range: SourceRange) -> Diagnostic {
        Diagnostic(.error, "\(day) is outside the calendar the register keeps (0001-01-01 to 9999-12-31)", range: range,
                   help: "use a date in the years 1 to 9999")
    }

    func anyDate(_ e: Expr, _ frame: Frame) throws(Diagnostic) -> Day {
        let v = try eval(e, frame)
        switch v {
        case .date(let d): return d
        case .string(let s), .word(let s):
            if let d = Day(iso: s) { return d }
            let lexed = Lexer.tokenize(SourceFile(name: "", text: s)).tokens
            if lexed.count == 2, lexed[0].kind == .relativeDate {
                let base = today.adding(days: lexed[0].integer)
                return lexed[0].duration.map { base.adding($0) } ?? base
            }
        default: break
        }
        throw Diagnostic(.error, "expected a date, found \(v.typeName) \(show(v))", range: e.range,
                         help: "dates are YYYY-MM-DD, today, today+14d or +3d")
    }

    func duration(_ e: Expr, _ frame: Frame) throws(Diagnostic) -> Duration {
        let v = try eval(e, frame)
        switch v {
        case .duration(let d): return d
        case .string(let s), .word(let s): if let d = Duration(Substring(s)) { return d }
        default: break
        }
        throw Diagnostic(.error, "expected a duration (14d, 2w, 3mo), found \(v.typeName) \(show(v))", range: e.range)
    }

    func id(_ e: Expr, _ kinds: [RecordKind], _ frame: Frame, mustExist: Bool = true) throws(Diagnostic) -> RecordID {
        let v = try eval(e, frame)
        var found: RecordID?
        switch v {
        case .id(let id): found = id
        case .string(let s), .word(let s): found = RecordID(s)
        default: break
        }
        guard let id = found else {
            throw Diagnostic(.error, "expected \(kinds.map { "\($0.prefix)-n" }.joined(separator: " or ")), found \(v.typeName) \(show(v))", range: e.range)
        }
        guard kinds.contains(id.kind) else {
            throw Diagnostic(.error, "expected \(kinds.map { "\($0.prefix)-n" }.joined(separator: " or ")), but \(id) is a \(id.kind.noun)", range: e.range)
        }
        if mustExist {
            do {
                if ceiling == nil {
                    try inPlace { (r) throws(DomainError) in try r.require(id) }
                } else {
                    try visibleRegister.require(id)
                }
            } catch {
                throw Diagnostic(error, range: e.range, register: visibleRegister)
            }
        }
        return id
    }
}
