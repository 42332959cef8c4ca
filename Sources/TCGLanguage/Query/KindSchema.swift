import TCGDomain

/// One queryable field of a kind of record.
public struct Field: Sendable {
    /// The field's name in `where`, `order by` and JSON.
    public var name: String
    /// How it compares.
    public var type: FieldType
    /// Usable in `where` and `order by` but not part of the record's output.
    public var hidden: Bool
    /// Reads the field of the record at an index.
    public var get: @Sendable (Register, Int) -> FieldValue?
}

/// How queries see one kind of record: its fields, and how to tell what is outstanding and due.
public struct KindSchema: Sendable {
    /// The plural KIND (`actions`).
    public var name: String
    /// The record kind (nil for units, which have no id).
    public var record: RecordKind?
    /// Fields in output order.
    public var fields: [Field]
    /// The fields a table shows (others are in JSON, CSV and `show`).
    public var tableColumns: [String]
    /// How many records there are.
    public var count: @Sendable (Register) -> Int
    /// The record's id.
    public var id: @Sendable (Register, Int) -> RecordID?
    /// Whether the record is outstanding (nil: the kind has no such notion).
    public var outstanding: (@Sendable (Register, Int) -> Bool)?
    /// The record's due date, if the kind has one.
    public var due: (@Sendable (Register, Int) -> Day?)?
    /// The unit the record belongs to.
    public var unit: (@Sendable (Register, Int) -> String?)?
    /// The person responsible.
    public var owner: (@Sendable (Register, Int) -> Int?)?

    /// The field with this name.
    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    /// The output fields (not hidden).
    public var outputFields: [Field] { fields.filter { !$0.hidden } }

    /// Whether the record is overdue: outstanding with a due date before today.
    public func isOverdue(_ r: Register, _ i: Int, today: Day) -> Bool {
        guard let due, let outstanding, let d = due(r, i) else { return false }
        return d < today && outstanding(r, i)
    }

    /// How many days past its due date an overdue record is; nil when it is not overdue.
    public func daysLate(_ r: Register, _ i: Int, today: Day) -> Int? {
        guard isOverdue(r, i, today: today), let d = due?(r, i) else { return nil }
        return today.number - d.number
    }

    /// The computed columns JSON and CSV add to a kind with a due date (a table shows `late`).
    public static let lateColumns = ["overdue", "late_days"]

    /// A record's ``lateColumns``: whether it is overdue, and by how many days (absent when not).
    public func lateCells(_ r: Register, _ i: Int, today: Day) -> [FieldValue?] {
        let late = daysLate(r, i, today: today)
        return [.bool(late != nil), late.map { .int($0) }]
    }
}

func text(_ s: String?) -> FieldValue? { s.map { .text($0) } }
func person(_ r: Register, _ n: Int?) -> FieldValue? { n.map { .person($0, r.name(of: $0)) } }
func ident(_ k: RecordKind, _ n: Int?) -> FieldValue? { n.map { .id(RecordID(k, $0)) } }
/// The id `k-n` when the register shows that record (a view under a ceiling leaves out a hidden one).
func visible(_ r: Register, _ k: RecordKind, _ n: Int?) -> FieldValue? {
    guard let n, r.exists(RecordID(k, n)) else { return nil }
    return .id(RecordID(k, n))
}
/// The band of a score under the scheme it was made under.
func band(_ r: Register, _ s: Score?) -> FieldValue? {
    guard let s else { return nil }
    return r.scheme(version: s.scheme).band(of: s.priorityScore).map { .word($0) }
}
func field(_ name: String, _ type: FieldType, hidden: Bool = false, _ get: @escaping @Sendable (Register, Int) -> FieldValue?) -> Field {
    Field(name: name, type: type, hidden: hidden, get: get)
}
