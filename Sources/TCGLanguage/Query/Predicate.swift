import TCGDomain

/// A compiled `where` condition: tests the record at an index. It throws only when arithmetic
/// on a record's field leaves the numbers or the calendar (`due + $days`).
typealias Predicate = (Register, Int) throws(Diagnostic) -> Bool

extension Interpreter {
    /// Compiles a `where` expression against a kind's fields.
    func predicate(_ e: Expr, _ schema: KindSchema, _ frame: Frame) throws(Diagnostic) -> Predicate {
        let day = today
        switch e {
        case .and(let a, let b):
            let pa = try predicate(a, schema, frame), pb = try predicate(b, schema, frame)
            return { r, i in
                if try !pa(r, i) { return false }
                return try pb(r, i)
            }
        case .or(let a, let b):
            let pa = try predicate(a, schema, frame), pb = try predicate(b, schema, frame)
            return { r, i in
                if try pa(r, i) { return true }
                return try pb(r, i)
            }
        case .not(let a, _):
            let pa = try predicate(a, schema, frame)
            return { r, i in try !pa(r, i) }
        case .word(let w, let range):
            switch w.lowercased() {
            case "overdue":
                guard schema.outstanding != nil else { throw noStatus(schema, "overdue", range) }
                return { r, i in schema.isOverdue(r, i, today: day) }
            case "outstanding":
                guard let o = schema.outstanding else { throw noStatus(schema, "outstanding", range) }
                return o
            default:
                let f = try field(w, schema, range)
                guard f.type == .bool else {
                    throw Diagnostic(.error, "`\(w)` alone is not a condition", range: range,
                                     help: "compare it, e.g. \(w) = VALUE; alone, only overdue and outstanding are conditions")
                }
                return { r, i in f.get(r, i) == .bool(true) }
            }
        case .compare(let op, let l, let rhs, let range):
            if l.isArithmetic || rhs.isArithmetic { return try computedComparison(op, l, rhs, schema, frame, range) }
            guard case .word(let name, let fr) = l else {
                if case .word = rhs { return try predicate(.compare(flip(op), rhs, l, range), schema, frame) }
                let result = try compare(op, try eval(l, frame), try eval(rhs, frame), range)
                return { _, _ in result }
            }
            let f = try field(name, schema, fr)
            let target = try fieldTarget(f, rhs, frame)
            return fieldComparison(f, op, target)
        case .member(let l, let rhs, let range):
            if l.isArithmetic { return try computedMembership(l, rhs, schema, frame, range) }
            guard case .word(let name, let fr) = l else {
                let result = try truth(e, frame)
                return { _, _ in result }
            }
            let f = try field(name, schema, fr)
            var targets: [FieldValue] = []
            for item in try members(rhs, of: name, frame) { targets.append(try fieldTarget(f, item, frame)) }
            let tests = targets.map { fieldComparison(f, "=", $0) }
            return { r, i in tests.contains { $0(r, i) } }
        case .contains(let l, let rhs, _):
            guard case .word(let name, let fr) = l else {
                let result = try truth(e, frame)
                return { _, _ in result }
            }
            let f = try field(name, schema, fr)
            if f.type == .people || f.type == .ids {
                return fieldComparison(f, "=", try fieldTarget(f, rhs, frame))
            }
            let needle = try eval(rhs, frame).description.lowercased()
            return { r, i in
                guard let v = f.get(r, i) else { return false }
                return v.display.lowercased().contains(needle)
            }
        default:
            let v = try eval(e, frame)
            if case .bool(let b) = v { return { _, _ in b } }
            throw Diagnostic(.error, "expected a condition such as `status = open` or `overdue`", range: e.range)
        }
    }

    /// The items of the list on the right of `in`: written out, or a list value (`$ids`).
    func members(_ rhs: Expr, of left: String, _ frame: Frame) throws(Diagnostic) -> [Expr] {
        if case .list(let items, _) = rhs { return items }
        guard case .list(let values) = try eval(rhs, frame) else {
            throw Diagnostic(.error, "`in` needs a list on its right", range: rhs.range, help: "write \(left) in [a, b]")
        }
        return values.map { .literal($0, rhs.range) }
    }

    func flip(_ op: String) -> String {
        switch op {
        case "<": return ">"
        case ">": return "<"
        case "<=": return ">="
        case ">=": return "<="
        default: return op
        }
    }

    func noStatus(_ schema: KindSchema, _ word: String, _ range: SourceRange) -> Diagnostic {
        let kinds = QueryKinds.all.filter { $0.outstanding != nil }.map(\.name)
        return Diagnostic(.error, "\(schema.name) are never \(word)", range: range,
                          help: "`\(word)` applies to \(kinds.joined(separator: ", "))")
    }

    func field(_ name: String, _ schema: KindSchema, _ range: SourceRange) throws(Diagnostic) -> Field {
        if let f = schema.field(name.lowercased()) { return f }
        let names = schema.fields.map(\.name) + ["overdue", "outstanding"]
        throw Diagnostic(.error, "\(schema.name) have no field `\(name.shortened)`", range: range,
                         help: Suggest.didYouMean(Suggest.nearest(name, among: names)) ?? "fields: \(schema.outputFields.map(\.name).joined(separator: ", "))")
    }

    /// Converts the right-hand side of a comparison to the field's type (a person's name to them, text to a date…).
    func fieldTarget(_ f: Field, _ e: Expr, _ frame: Frame) throws(Diagnostic) -> FieldValue {
        let v = try eval(e, frame)
        switch f.type {
        case .date:
            return .date(try date(.literal(v, e.range), frame))
        case .person, .people:
            return .person(try person(.literal(v, e.range), frame), "")
        case .id, .ids:
            // An id that is not in the register is a typo, not an empty answer (R11).
            switch v {
            case .id(let id): return .id(try self.id(.literal(.id(id), e.range), RecordKind.allCases, frame))
            case .string(let s), .word(let s):
                if let id = RecordID(s) { return .id(try self.id(.literal(.id(id), e.range), RecordKind.allCases, frame)) }
                return .text(s)
            default: return .text(v.description)
            }
        case .choice(let values):
            let w = v.description.lowercased()
            if let canonical = values.first(where: { $0.lowercased() == w }) { return .word(canonical) }
            guard values.contains(w) else {
                throw Diagnostic(.error, "`\(v.description)` is never the \(f.name) of a record here; it is one of \(values.joined(separator: ", "))",
                                 range: e.range, help: Suggest.didYouMean(Suggest.nearest(w, among: values)))
            }
            return .word(w)
        case .int:
            guard case .int(let n) = v else {
                throw Diagnostic(.error, "\(f.name) is a number; found \(v.typeName) \(show(v))", range: e.range)
            }
            return .int(n)
        case .bool:
            guard case .bool(let b) = v else { throw Diagnostic(.error, "\(f.name) is true or false", range: e.range) }
            return .bool(b)
        case .unit:
            // `parent = ""` asks for no unit; any other name must be a unit's (R11).
            if v.description.isEmpty { return .text("") }
            return .text(try unit(.literal(v, e.range), frame))
        case .text:
            return .text(v.description)
        }
    }

    /// A test of one field against a value of its type.
    func fieldComparison(_ f: Field, _ op: String, _ target: FieldValue) -> (Register, Int) -> Bool {
        let get = f.get
        func order(_ a: FieldValue, _ b: FieldValue) -> Int? {
            switch (a, b) {
            case (.date(let x), .date(let y)): return x.number - y.number
            case (.person(let x, _), .person(let y, _)): return x == y ? 0 : (x < y ? -1 : 1)
            case (.id(let x), .id(let y)):
                if x.kind != y.kind { return x.kind.prefix < y.kind.prefix ? -1 : 1 }
                return x.number - y.number
            case (.int(let x), .int(let y)): return x - y
            case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
            case (.word(let x), .word(let y)): return x == y ? 0 : (x < y ? -1 : 1)
            default:
                let x = a.display.lowercased(), y = b.display.lowercased()
                return x == y ? 0 : (x < y ? -1 : 1)
            }
        }
        func holds(_ o: Int) -> Bool {
            switch op {
            case "=": return o == 0
            case "!=": return o != 0
            case "<": return o < 0
            case "<=": return o <= 0
            case ">": return o > 0
            default: return o >= 0
            }
        }
        // An absent value equals the empty string and nothing else.
        let emptyTarget = target == .text("")
        return { r, i in
            guard let v = get(r, i) else { return (op == "!=") != emptyTarget }
            if case .list(let items) = v {
                let any = items.contains { order($0, target) == 0 }
                return op == "!=" ? !any : (op == "=" ? any : false)
            }
            guard let o = order(v, target) else { return false }
            return holds(o)
        }
    }
}
