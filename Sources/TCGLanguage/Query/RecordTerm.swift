import TCGDomain

/// One side of a `where` comparison that computes (`due - today <= 7`): a value known before
/// any record is read, or one worked out from each record's fields.
enum RecordTerm {
    /// The same for every record (`7`, `today + 14d`, `$n`).
    case constant(Value)
    /// Read from the record: `sample` is a value of its type, to check types before any record is
    /// read; `shown` names it in messages; `value` is nil when a field it reads is absent.
    case computed(sample: Value, shown: String, value: (Register, Int) throws(Diagnostic) -> Value?)

    /// A value of the term's type.
    var sample: Value {
        switch self {
        case .constant(let v): return v
        case .computed(let sample, _, _): return sample
        }
    }

    /// The record's value of the term.
    func value(_ r: Register, _ i: Int) throws(Diagnostic) -> Value? {
        switch self {
        case .constant(let v): return v
        case .computed(_, _, let value): return try value(r, i)
        }
    }

    /// A date field's sample (any date in the calendar serves).
    static let sampleDay = Day(number: 0)

    /// A value standing for a field of this type, to check what it may be added to or compared with.
    static func sample(of type: FieldType) -> Value {
        switch type {
        case .date: return .date(sampleDay)
        case .int: return .int(0)
        case .bool: return .bool(false)
        case .choice: return .word("")
        case .people, .ids: return .list([])
        case .text, .unit, .person, .id: return .string("")
        }
    }
}

extension Interpreter {
    /// How messages name a term: its value, or how it is written.
    func shown(_ term: RecordTerm) -> String {
        switch term {
        case .constant(let v): return described(v)
        case .computed(_, let shown, _): return shown
        }
    }

    /// Compiles one side of a computed comparison. A bare word names a field of the kind here,
    /// as on the left of any comparison; everything else is worked out once.
    func term(_ e: Expr, _ schema: KindSchema, _ frame: Frame) throws(Diagnostic) -> RecordTerm {
        switch e {
        case .word(let name, let range):
            let f = try field(name, schema, range)
            let get = f.get
            return .computed(sample: RecordTerm.sample(of: f.type), shown: "field `\(f.name)`") { r, i in get(r, i)?.value }
        case .arithmetic(let op, let l, let rhs, let range):
            let a = try term(l, schema, frame), b = try term(rhs, schema, frame)
            if case .constant(let x) = a, case .constant(let y) = b { return .constant(try arithmetic(op, x, y, range)) }
            let names = (shown(a), shown(b))
            let sample: Value
            do {
                sample = try Arithmetic.apply(op, a.sample, b.sample)
            } catch {
                // Only the types are checked here: a sample out of range says nothing of the records.
                switch error {
                case .types: throw arithmeticFailure(error, op, names, range)
                case .overflow: sample = .int(0)
                case .outOfCalendar: sample = .date(RecordTerm.sampleDay)
                }
            }
            return .computed(sample: sample, shown: "`\(frame.source.text(range).shortened)`") { (r, i) throws(Diagnostic) -> Value? in
                guard let x = try a.value(r, i), let y = try b.value(r, i) else { return nil }
                return try self.arithmetic(op, x, y, range, shown: names)
            }
        default:
            return .constant(try eval(e, frame))
        }
    }

    /// `where due - today <= 7`: both sides worked out for each record, then compared. A record
    /// whose field is absent matches only `!=`, as in any comparison.
    func computedComparison(_ op: String, _ l: Expr, _ rhs: Expr, _ schema: KindSchema, _ frame: Frame,
                            _ range: SourceRange) throws(Diagnostic) -> Predicate {
        let a = try term(l, schema, frame), b = try term(rhs, schema, frame)
        do {
            _ = try compare(op, a.sample, b.sample, range)
        } catch {
            throw Diagnostic(.error, "cannot compare \(shown(a)) with \(shown(b))", range: range,
                             help: "a date minus a date is a number of days (due - today <= 7); a date plus a duration is a date (due < today + 14d)")
        }
        return { r, i in
            guard let x = try a.value(r, i), let y = try b.value(r, i) else { return op == "!=" }
            return try self.compare(op, x, y, range)
        }
    }

    /// `where due - today in [0, 7]`: the computed value equals one of the list's.
    func computedMembership(_ l: Expr, _ rhs: Expr, _ schema: KindSchema, _ frame: Frame,
                            _ range: SourceRange) throws(Diagnostic) -> Predicate {
        var tests: [Predicate] = []
        for item in try members(rhs, of: frame.source.text(l.range).shortened, frame) { tests.append(try computedComparison("=", l, item, schema, frame, range)) }
        return { r, i in
            for test in tests where try test(r, i) { return true }
            return false
        }
    }
}
