import TCGDomain

/// The register's clock as `set today` takes it: a date, or back to the system date.
public enum ClockSetting: Sendable, Equatable {
    /// A fixed date.
    case day(Day)
    /// The system date.
    case off
}

/// The readers commands declare their arguments with: each turns an expression into the typed
/// value the domain needs, or refuses it with a diagnostic at the argument.
extension Reader where T == String {
    /// Any value, as text (what `echo` would show), for a slot that takes text.
    static func described(_ slot: Slot) -> Reader<String> {
        Reader(slot) { e, c throws(Diagnostic) in try c.interpreter.eval(e, c.frame).description }
    }

    /// Text: a string (or any value, shown as text).
    public static var text: Reader<String> {
        described(.text)
    }

    /// A name word or string (a unit being added, a role, an agency).
    public static var name: Reader<String> {
        described(.name)
    }

    /// A unit of the register, by name (case-insensitive); its name as the register spells it.
    public static var unit: Reader<String> {
        Reader(.unit) { e, c throws(Diagnostic) in try c.interpreter.unit(e, c.frame) }
    }

    /// A file path: a bare path word or a string.
    public static var path: Reader<String> {
        described(.path)
    }

    /// A help topic: the rest of the statement's words.
    public static var topic: Reader<String> {
        described(.topic)
    }
}

extension Reader where T == Int {
    /// A person known to the register (`"NAME"` or `PE-n`, R11): their number.
    public static var person: Reader<Int> {
        Reader(.person) { e, c throws(Diagnostic) in try c.interpreter.person(e, c.frame) }
    }

    /// A whole number.
    public static var integer: Reader<Int> {
        Reader(.integer) { e, c throws(Diagnostic) in
            guard case .int(let n) = try c.interpreter.eval(e, c.frame) else {
                throw Diagnostic(.error, "expected a whole number", range: e.range)
            }
            return n
        }
    }

    /// The number of an existing record of one kind (`DP-3` → 3).
    public static func record(_ kind: RecordKind) -> Reader<Int> {
        Reader(.id([kind])) { e, c throws(Diagnostic) in try c.interpreter.id(e, [kind], c.frame).number }
    }
}

extension Reader where T == [Int] {
    /// One or more people, separated by commas.
    public static var people: Reader<[Int]> {
        Reader(.people) { e, c throws(Diagnostic) in try c.interpreter.people(e, c.frame) }
    }
}

extension Reader where T == Day {
    /// A date: `2027-03-01`, `today`, `today+14d`, `+3d`.
    public static var date: Reader<Day> {
        Reader(.date) { e, c throws(Diagnostic) in try c.interpreter.date(e, c.frame) }
    }
}

extension Reader where T == ClockSetting {
    /// A date, or `off`.
    public static var clock: Reader<ClockSetting> {
        Reader(.dateOrOff) { e, c throws(Diagnostic) in
            if case .word(let w, _) = e, w.lowercased() == "off" { return .off }
            return .day(try c.interpreter.date(e, c.frame))
        }
    }
}

extension Reader where T == Duration {
    /// A duration: `14d`, `2w`, `3mo`.
    public static var duration: Reader<Duration> {
        Reader(.duration) { e, c throws(Diagnostic) in try c.interpreter.duration(e, c.frame) }
    }
}

extension Reader where T == RecordID {
    /// An existing record of one of these kinds.
    public static func id(_ kinds: [RecordKind]) -> Reader<RecordID> {
        Reader(.id(kinds)) { e, c throws(Diagnostic) in try c.interpreter.id(e, kinds, c.frame) }
    }

    /// An id of one of these kinds, whether or not the record exists (`history A-9` of a record
    /// that an undo removed).
    public static func anyID(_ kinds: [RecordKind]) -> Reader<RecordID> {
        Reader(.id(kinds)) { e, c throws(Diagnostic) in try c.interpreter.id(e, kinds, c.frame, mustExist: false) }
    }
}

extension Reader where T == [RecordID] {
    /// One or more existing records, separated by commas.
    public static func ids(_ kinds: [RecordKind]) -> Reader<[RecordID]> {
        Reader(.ids(kinds)) { e, c throws(Diagnostic) in
            if case .list(let items, _) = e {
                var out: [RecordID] = []
                for i in items { out.append(try c.interpreter.id(i, kinds, c.frame)) }
                return out
            }
            if case .list(let values) = try c.interpreter.eval(e, c.frame) {
                var out: [RecordID] = []
                for v in values { out.append(try c.interpreter.id(.literal(v, e.range), kinds, c.frame)) }
                return out
            }
            return [try c.interpreter.id(e, kinds, c.frame)]
        }
    }
}

extension Reader where T == Escalation.Subject {
    /// What is escalated: an action or a plan by id, or a matter in words.
    public static var escalationSubject: Reader<Escalation.Subject> {
        Reader(.idOrText([.action, .plan])) { e, c throws(Diagnostic) in
            let v = try c.interpreter.eval(e, c.frame)
            let rid: RecordID?
            switch v {
            case .id(let id): rid = id
            default: rid = RecordID(v.description)
            }
            guard let rid else { return .text(v.description) }
            return .record(try c.interpreter.id(.literal(.id(rid), e.range), [.action, .plan], c.frame))
        }
    }
}

extension Reader where T == [(name: String, value: Int)] {
    /// Harm factors and their scores, as written (the scheme checks the names and scales).
    public static var factors: Reader<[(name: String, value: Int)]> {
        Reader(.factors) { e, c throws(Diagnostic) in
            guard case .list(let pairs, _) = e else { throw Diagnostic(.error, "expected harm factors and their scores", range: e.range) }
            var out: [(name: String, value: Int)] = []
            for pair in pairs {
                guard case .list(let parts, _) = pair, parts.count == 2, case .word(let name, _) = parts[0] else {
                    throw Diagnostic(.error, "expected a harm factor and its score", range: pair.range)
                }
                guard case .int(let n) = try c.interpreter.eval(parts[1], c.frame) else {
                    throw Diagnostic(.error, "expected a whole number", range: parts[1].range)
                }
                out.append((name, n))
            }
            return out
        }
    }
}

extension Reader where T == KindSchema {
    /// What a query lists: `actions`, `plans`, …
    public static var kind: Reader<KindSchema> {
        Reader(.kind) { e, c throws(Diagnostic) in
            guard case .word(let name, _) = e, let schema = QueryKinds.schema(name) else {
                throw Diagnostic(.error, "expected what to list (actions, plans, …)", range: e.range)
            }
            return schema
        }
    }
}

extension Reader where T == Expr {
    /// A `where` condition, kept as written: the query evaluates it per record.
    public static var condition: Reader<Expr> {
        Reader(.condition) { e, _ throws(Diagnostic) in e }
    }
}

extension Reader where T == FieldName {
    /// A field's name (`group by owner`); the query checks that its kind has it.
    public static var fieldName: Reader<FieldName> {
        Reader(.field) { e, c throws(Diagnostic) in
            if case .word(let name, let range) = e { return FieldName(name: name, range: range) }
            return FieldName(name: try c.interpreter.eval(e, c.frame).description.lowercased(), range: e.range)
        }
    }
}

extension Reader where T == [OrderKey] {
    /// An `order by` list.
    public static var order: Reader<[OrderKey]> {
        Reader(slot: .order) { argument, c throws(Diagnostic) in
            guard case .order(let keys) = argument else {
                throw Diagnostic(.error, "expected fields to order by", range: c.range)
            }
            return keys
        }
    }
}

extension Reader {
    /// One of a fixed set of words, each standing for a value (`enforcement` → `.enforcement`).
    public static func choice(_ table: [(word: String, value: T)]) -> Reader<T> where T: Sendable {
        Reader(.choice(table.map(\.word))) { e, c throws(Diagnostic) in try pick(e, c, from: table) }
    }

    /// One or more words of a fixed set, separated by commas (`prevention, enforcement`), or a
    /// list value holding them.
    public static func choices<E: Sendable>(_ table: [(word: String, value: E)]) -> Reader<T> where T == [E] {
        Reader(.choices(table.map(\.word))) { e, c throws(Diagnostic) in
            if case .list(let items, _) = e {
                var out: [E] = []
                for item in items { out.append(try Reader<E>.pick(item, c, from: table)) }
                return out
            }
            if case .list(let values) = try c.interpreter.eval(e, c.frame) {
                var out: [E] = []
                for v in values { out.append(try Reader<E>.pick(.literal(v, e.range), c, from: table)) }
                return out
            }
            return [try Reader<E>.pick(e, c, from: table)]
        }
    }

    /// The value of the table's word that `e` is, or an error with the nearest word.
    static func pick(_ e: Expr, _ c: Call, from table: [(word: String, value: T)]) throws(Diagnostic) -> T {
        let words = table.map(\.word)
        let word = try c.interpreter.eval(e, c.frame).description.lowercased()
        guard let found = table.first(where: { $0.word == word }) else {
            throw Diagnostic(.error, "`\(word)` is not one of \(words.joined(separator: ", "))", range: e.range,
                             help: Suggest.didYouMean(Suggest.nearest(word, among: words)))
        }
        return found.value
    }
}
