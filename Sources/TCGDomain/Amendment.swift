/// A change to a field of a record after it was made, with who, when and why (R13: the old value
/// is kept, nothing is lost). Each amended record keeps its amendments, oldest first.
public struct Amendment: Hashable, Sendable {
    /// A field that may be amended; which ones a record has depends on its kind (`fields(of:)`).
    public enum Field: CaseIterable, Sendable {
        case title, due, owner, assignee, review, objectives, question, name, role, unit
    }

    /// A field's value: text, a date or a person (kept by number, so a renamed or withheld person
    /// reads as the register shows them).
    public enum Value: Hashable, Sendable {
        case text(String)
        case day(Day)
        case person(Int)
    }

    /// The field changed.
    public var field: Field
    /// Its value before (nil when it had none).
    public var old: Value?
    /// Its value after.
    public var new: Value
    /// Who amended it (the audit trail's user).
    public var user: String
    /// The register's day it was amended.
    public var day: Day
    /// Why.
    public var rationale: String
    /// The meeting it was recorded at, if any.
    public var meeting: Int?

    /// Creates an amendment.
    public init(field: Field, old: Value?, new: Value, user: String, day: Day, rationale: String, meeting: Int?) {
        self.field = field
        self.old = old
        self.new = new
        self.user = user
        self.day = day
        self.rationale = rationale
        self.meeting = meeting
    }

    /// The fields of a kind of record that may be amended, in the order help lists them; nil for
    /// a kind that is never amended (a priority's fields are the control strategy's, R1).
    public static func fields(of kind: RecordKind) -> [Field]? {
        switch kind {
        case .action: return [.title, .due, .owner]
        case .commission: return [.title, .due, .assignee]
        case .plan: return [.title, .owner, .review, .objectives]
        case .requirement: return [.question, .owner]
        case .person: return [.name, .role, .unit]
        case .product: return [.title]
        default: return nil
        }
    }
}

/// An amendment with the record it changed, as `Register.amendments(from:through:)` lists them.
public struct AmendedRecord: Hashable, Sendable {
    /// The record amended.
    public var id: RecordID
    /// The amendment.
    public var amendment: Amendment
}
