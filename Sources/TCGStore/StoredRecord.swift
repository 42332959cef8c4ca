import TCGDomain
import TCGJSON

/// A kind of numbered record as the workspace stores it: its id kind, its array in the
/// register and in a journal entry, and how it is written, read and checked.
///
/// The twelve conformances let the journal, the validator and the change finder handle every
/// kind with one generic function; ``RecordKindVisitor`` runs such a function for each kind.
protocol StoredRecord: Numbered, Equatable {
    /// The id kind (`A` for actions).
    static var recordKind: RecordKind { get }
    /// The register's array of these records.
    static var inRegister: WritableKeyPath<Register, RecordList<Self>> { get }
    /// A journal entry's array of these records written by the transaction.
    static var inEntry: WritableKeyPath<JournalEntry, [Self]> { get }
    /// Writes the record as docs/workspace.md describes it.
    func write(to writer: inout JSONWriter)
    /// Reads one record.
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Self
    /// The first person number the record refers to for which `isPerson` is false, with the
    /// member that refers to it (`owner`), or nil.
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)?
    /// The member holding the first date for which `isBad` is true, or nil.
    func badDate(_ isBad: (Day) -> Bool) -> String?
    /// The unit name the record refers to for which `isUnit` is false, with the member (`unit`),
    /// or nil.
    func missingUnit(_ isUnit: (String) -> Bool) -> (member: String, name: String)?
    /// The first record the record refers to (other than people) for which `exists` is false,
    /// with the member that refers to it (`plan`), or nil.
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)?
}

extension StoredRecord {
    /// Most records name no unit.
    func missingUnit(_ isUnit: (String) -> Bool) -> (member: String, name: String)? { nil }
    /// Records that refer to no other records.
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? { nil }
}

/// `(member, KIND-n)` when `n` is given and `exists` is false for it.
private func reference(_ member: String, _ kind: RecordKind, _ n: Int?, _ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
    guard let n else { return nil }
    let id = RecordID(kind, n)
    return exists(id) ? nil : (member, id)
}

/// The first note whose meeting does not exist, as `(member, M-n)`.
private func noteMeetings(_ member: String, _ notes: [Note], _ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
    for note in notes {
        if let found = reference(member, .meeting, note.meeting, exists) { return found }
    }
    return nil
}

/// The first amendment whose meeting does not exist, as `("amendments", M-n)`.
private func amendmentMeetings(_ amendments: [Amendment], _ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
    for a in amendments {
        if let found = reference("amendments", .meeting, a.meeting, exists) { return found }
    }
    return nil
}

/// The first person an amendment names (an old or new owner) who is not a person, as
/// `("amendments", number)`.
private func amendmentPeople(_ amendments: [Amendment], _ isPerson: (Int) -> Bool) -> (member: String, number: Int)? {
    for a in amendments {
        for case .person(let n)? in [a.old, a.new] where !isPerson(n) { return ("amendments", n) }
    }
    return nil
}

/// `("unit", name)` when `name` is given and is not a unit.
private func unknownUnit(_ name: String?, _ isUnit: (String) -> Bool) -> (member: String, name: String)? {
    guard let name, !isUnit(name) else { return nil }
    return ("unit", name)
}

extension StoredRecord {
    /// The top-level array's name in the workspace (`actions`), the plural of the kind.
    static var arrayName: String { recordKind.arrayName }
    /// The record's id.
    var recordID: RecordID { RecordID(Self.recordKind, number) }
}

/// A generic operation run once for each stored record kind, in the order of the workspace's
/// arrays (people first, reviews last).
protocol RecordKindVisitor {
    /// Runs the operation for records of type `T`.
    mutating func visit<T: StoredRecord>(_ type: T.Type)
}

extension RecordKindVisitor {
    /// Visits every kind in workspace order.
    mutating func visitAll() {
        visit(Person.self)
        visit(Meeting.self)
        visit(Product.self)
        visit(Priority.self)
        visit(Candidate.self)
        visit(Requirement.self)
        visit(Commission.self)
        visit(Plan.self)
        visit(Action.self)
        visit(Decision.self)
        visit(Escalation.self)
        visit(Review.self)
    }
}

/// `(member, number)` when `number` is given and is not a person.
private func missing(_ member: String, _ number: Int?, _ isPerson: (Int) -> Bool) -> (member: String, number: Int)? {
    guard let number, !isPerson(number) else { return nil }
    return (member, number)
}

extension Person: StoredRecord {
    static var recordKind: RecordKind { .person }
    static var inRegister: WritableKeyPath<Register, RecordList<Person>> { \.people }
    static var inEntry: WritableKeyPath<JournalEntry, [Person]> { \.people }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Person { try decoder.person() }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? { nil }
    func missingUnit(_ isUnit: (String) -> Bool) -> (member: String, name: String)? { unknownUnit(unit, isUnit) }
    func badDate(_ isBad: (Day) -> Bool) -> String? { nil }
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? { amendmentMeetings(amendments, exists) }
}

extension Meeting: StoredRecord {
    static var recordKind: RecordKind { .meeting }
    static var inRegister: WritableKeyPath<Register, RecordList<Meeting>> { \.meetings }
    static var inEntry: WritableKeyPath<JournalEntry, [Meeting]> { \.meetings }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Meeting { try decoder.meeting() }
    func missingUnit(_ isUnit: (String) -> Bool) -> (member: String, name: String)? { unknownUnit(unit, isUnit) }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? {
        if let found = missing("chair", chair, isPerson) { return found }
        for n in attendees where !isPerson(n) { return ("attendees", n) }
        for n in partners where !isPerson(n) { return ("partners", n) }
        return nil
    }
    func badDate(_ isBad: (Day) -> Bool) -> String? { isBad(date) ? "date" : nil }
}

extension Product: StoredRecord {
    static var recordKind: RecordKind { .product }
    static var inRegister: WritableKeyPath<Register, RecordList<Product>> { \.products }
    static var inEntry: WritableKeyPath<JournalEntry, [Product]> { \.products }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Product { try decoder.product() }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? { missing("author", author, isPerson) }
    func badDate(_ isBad: (Day) -> Bool) -> String? { isBad(date) ? "date" : nil }
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
        if let missing = reference("for", .commission, commission, exists) ?? reference("presented_at", .meeting, presentedAt, exists) {
            return missing
        }
        for n in presentations.dropFirst() {
            if let missing = reference("presented_again_at", .meeting, n, exists) { return missing }
        }
        return amendmentMeetings(amendments, exists)
    }
}

extension Priority: StoredRecord {
    static var recordKind: RecordKind { .priority }
    static var inRegister: WritableKeyPath<Register, RecordList<Priority>> { \.priorities }
    static var inEntry: WritableKeyPath<JournalEntry, [Priority]> { \.priorities }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Priority { try decoder.priority() }
    func missingUnit(_ isUnit: (String) -> Bool) -> (member: String, name: String)? { unknownUnit(unit, isUnit) }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? { missing("owner", owner, isPerson) }
    func badDate(_ isBad: (Day) -> Bool) -> String? { nil }
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
        reference("meeting", .meeting, meeting, exists) ?? reference("retired_at", .meeting, retiredAt, exists)
    }
}

extension Candidate: StoredRecord {
    static var recordKind: RecordKind { .candidate }
    static var inRegister: WritableKeyPath<Register, RecordList<Candidate>> { \.candidates }
    static var inEntry: WritableKeyPath<JournalEntry, [Candidate]> { \.candidates }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Candidate { try decoder.candidate() }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? { nil }
    func badDate(_ isBad: (Day) -> Bool) -> String? { nil }
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
        reference("meeting", .meeting, meeting, exists)
    }
}

extension Requirement: StoredRecord {
    static var recordKind: RecordKind { .requirement }
    static var inRegister: WritableKeyPath<Register, RecordList<Requirement>> { \.requirements }
    static var inEntry: WritableKeyPath<JournalEntry, [Requirement]> { \.requirements }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Requirement { try decoder.requirement() }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? {
        missing("owner", owner, isPerson) ?? amendmentPeople(amendments, isPerson)
    }
    func badDate(_ isBad: (Day) -> Bool) -> String? { notes.contains { isBad($0.date) } ? "notes" : nil }
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
        reference("priority", .priority, priority, exists) ?? reference("plan", .plan, plan, exists)
            ?? reference("meeting", .meeting, meeting, exists) ?? noteMeetings("notes", notes, exists)
            ?? amendmentMeetings(amendments, exists)
    }
}

extension Commission: StoredRecord {
    static var recordKind: RecordKind { .commission }
    static var inRegister: WritableKeyPath<Register, RecordList<Commission>> { \.commissions }
    static var inEntry: WritableKeyPath<JournalEntry, [Commission]> { \.commissions }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Commission { try decoder.commission() }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? {
        missing("assignee", assignee, isPerson) ?? amendmentPeople(amendments, isPerson)
    }
    func badDate(_ isBad: (Day) -> Bool) -> String? { isBad(due) ? "due" : nil }
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
        reference("meeting", .meeting, meeting, exists) ?? amendmentMeetings(amendments, exists)
    }
}

extension Plan: StoredRecord {
    static var recordKind: RecordKind { .plan }
    static var inRegister: WritableKeyPath<Register, RecordList<Plan>> { \.plans }
    static var inEntry: WritableKeyPath<JournalEntry, [Plan]> { \.plans }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Plan { try decoder.plan() }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? {
        missing("owner", owner, isPerson) ?? amendmentPeople(amendments, isPerson)
    }
    func badDate(_ isBad: (Day) -> Bool) -> String? {
        if let start, isBad(start) { return "start" }
        if let review, isBad(review) { return "review" }
        return nil
    }
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
        if let serves, !exists(serves) { return ("serves", serves) }
        if let found = reference("meeting", .meeting, meeting, exists) { return found }
        for r in reviews {
            if let found = reference("reviews", .meeting, r.meeting, exists) { return found }
        }
        return amendmentMeetings(amendments, exists)
    }
}

extension Action: StoredRecord {
    static var recordKind: RecordKind { .action }
    static var inRegister: WritableKeyPath<Register, RecordList<Action>> { \.actions }
    static var inEntry: WritableKeyPath<JournalEntry, [Action]> { \.actions }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Action { try decoder.action() }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? {
        missing("owner", owner, isPerson) ?? amendmentPeople(amendments, isPerson)
    }
    func badDate(_ isBad: (Day) -> Bool) -> String? {
        if isBad(due) { return "due" }
        return progress.contains { isBad($0.date) } ? "progress" : nil
    }
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
        reference("plan", .plan, plan, exists) ?? reference("meeting", .meeting, meeting, exists)
            ?? noteMeetings("progress", progress, exists) ?? amendmentMeetings(amendments, exists)
    }
}

extension Decision: StoredRecord {
    static var recordKind: RecordKind { .decision }
    static var inRegister: WritableKeyPath<Register, RecordList<Decision>> { \.decisions }
    static var inEntry: WritableKeyPath<JournalEntry, [Decision]> { \.decisions }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Decision { try decoder.decision() }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? { nil }
    func badDate(_ isBad: (Day) -> Bool) -> String? { nil }
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
        if let found = reference("meeting", .meeting, meeting, exists) { return found }
        for id in about where !exists(id) { return ("about", id) }
        return reference("supersedes", .decision, supersedes, exists) ?? reference("superseded_by", .decision, supersededBy, exists)
    }
}

extension Escalation: StoredRecord {
    static var recordKind: RecordKind { .escalation }
    static var inRegister: WritableKeyPath<Register, RecordList<Escalation>> { \.escalations }
    static var inEntry: WritableKeyPath<JournalEntry, [Escalation]> { \.escalations }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Escalation { try decoder.escalation() }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? { nil }
    func badDate(_ isBad: (Day) -> Bool) -> String? { nil }
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
        if case .record(let id) = subject, !exists(id) { return ("subject", id) }
        return reference("meeting", .meeting, meeting, exists) ?? reference("decided_at", .meeting, decidedAt, exists)
    }
}

extension Review: StoredRecord {
    static var recordKind: RecordKind { .review }
    static var inRegister: WritableKeyPath<Register, RecordList<Review>> { \.reviews }
    static var inEntry: WritableKeyPath<JournalEntry, [Review]> { \.reviews }
    func write(to writer: inout JSONWriter) { writer.record(self) }
    static func read(_ decoder: inout WorkspaceDecoder) throws(JSONError) -> Review { try decoder.review() }
    func missingPerson(_ isPerson: (Int) -> Bool) -> (member: String, number: Int)? { nil }
    func badDate(_ isBad: (Day) -> Bool) -> String? { nil }
    func missingRecord(_ exists: (RecordID) -> Bool) -> (member: String, id: RecordID)? {
        reference("plan", .plan, plan, exists) ?? reference("meeting", .meeting, meeting, exists)
    }
}
