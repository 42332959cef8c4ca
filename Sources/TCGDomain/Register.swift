/// The start of an audit trail that the store keeps: its size and its last entry's number and hash.
/// The audit trail is most of a large register and is seldom read whole, so the register carries
/// only this; the store reads the entries when someone asks it for the trail (the register never
/// reads storage itself).
public struct EarlierAudit: Sendable {
    /// How many entries.
    public var count: Int
    /// The last entry's sequence number.
    public var lastSeq: Int
    /// The last entry's chain hash ("" when the trail predates the chain).
    public var lastHash: String
    /// Where the store that made this keeps the entries: its own token, which only it reads.
    public let location: any Sendable

    /// Describes audit entries a store keeps at `location`.
    public init(count: Int, lastSeq: Int, lastHash: String = "", location: any Sendable) {
        self.count = count
        self.lastSeq = lastSeq
        self.lastHash = lastHash
        self.location = location
    }
}

/// A record with a register-assigned number; arrays of them are kept in ascending number order.
public protocol Numbered {
    /// The number in the record's id.
    var number: Int { get }
}

extension Person: Numbered {}
extension Meeting: Numbered {}
extension Product: Numbered {}
extension Priority: Numbered {}
extension Candidate: Numbered {}
extension Requirement: Numbered {}
extension Commission: Numbered {}
extension Plan: Numbered {}
extension Action: Numbered {}
extension Decision: Numbered {}
extension Escalation: Numbered {}
extension Review: Numbered {}

/// The tasking and coordination register: every record, the id counters and the audit trail.
///
/// All changes go through its mutating methods, which enforce DOMAIN.md's rules and log what
/// changed (`pendingChanges`) for the audit trail. It does no I/O.
public struct Register: Sendable {
    /// Units (forces and BCUs) in the order added.
    public var units: RecordList<Unit> = []
    /// People.
    public var people: RecordList<Person> = []
    /// Meetings.
    public var meetings: RecordList<Meeting> = []
    /// Intelligence products.
    public var products: RecordList<Product> = []
    /// Priorities of the control strategy.
    public var priorities: RecordList<Priority> = []
    /// Rejected candidates.
    public var candidates: RecordList<Candidate> = []
    /// Intelligence requirements.
    public var requirements: RecordList<Requirement> = []
    /// Commissions.
    public var commissions: RecordList<Commission> = []
    /// Delivery plans.
    public var plans: RecordList<Plan> = []
    /// PIER actions.
    public var actions: RecordList<Action> = []
    /// Decisions.
    public var decisions: RecordList<Decision> = []
    /// Escalations.
    public var escalations: RecordList<Escalation> = []
    /// Operational reviews.
    public var reviews: RecordList<Review> = []
    /// The audit trail held in memory, oldest first: all of it, or (when `earlierAudit` is set)
    /// the entries after those the store left on disk.
    public var audit: RecordList<AuditEntry> = []
    /// The start of the audit trail, left on disk by the store and read only when asked for.
    public var earlierAudit: EarlierAudit?
    /// The last number used for each kind of id (ids are never reused, even after a change is undone).
    public var lastNumber: [RecordKind: Int] = [:]
    /// The scoring schemes a force has set, oldest first (empty: tcg's default, version 1, in force).
    public var schemes: [ScoringScheme] = []
    /// The register's clock, when a trainer has set it.
    public var clock: Day?
    /// The workspace's highest marking shown (`set max-marking`): records above it are left out of
    /// every answer, whatever `--max-marking` says (nil: no ceiling of its own).
    public var maxMarking: Marking?

    /// Set on a view made by `visible(under:)`: the ceiling it was made under (nil for the register itself).
    public internal(set) var ceiling: Marking?
    /// In a view: the names (lower case) of the people it leaves out, for checking audit entries.
    var withheldNames: [String] = []

    /// How audit entries seal the records they touch (set by the store that loaded the register).
    public var seal: (any RecordSeal)?
    /// The state digest the last audit entry made from this register recorded ("" before any):
    /// an entry records `state` only when it differs.
    public var lastStateDigest = ""

    /// The register's clock for the statements being run ("today": `--today`, the saved clock or
    /// the system date), set by whoever runs them. Business at a meeting dated after it is refused
    /// (R10). Nil only for a register built directly (tests of other rules), which checks no date.
    public var today: Day?

    /// What the statement being run has changed so far, for its audit entry.
    public var pendingChanges: [String] = []
    /// The records the statement being run has touched.
    public var pendingIDs: [RecordID] = []
    /// Of those, the meetings it named only as where the business was recorded, unchanged.
    var pendingVenues: [RecordID] = []

    private var personIndex: [String: Int] = [:]
    private var unitIndex: [String: Int] = [:]

    /// An empty register.
    public init() {}

    /// The sequence number of the last audit entry (0 when there is none).
    public var lastAuditSeq: Int { audit.last?.seq ?? earlierAudit?.lastSeq ?? 0 }

    /// The last audit entry's chain hash ("" when there is none).
    public var lastAuditHash: String { audit.last?.hash ?? earlierAudit?.lastHash ?? "" }

    /// How many audit entries there are in all.
    public var auditCount: Int { (earlierAudit?.count ?? 0) + audit.count }

    /// Rebuilds the name indexes after records were loaded directly into the arrays.
    public mutating func reindex() {
        personIndex = [:]
        for (i, p) in people.enumerated() { personIndex[NameText.key(p.name)] = i }
        unitIndex = [:]
        for (i, u) in units.enumerated() { unitIndex[NameText.key(u.name)] = i }
    }

    /// Takes the next number for a kind of record.
    mutating func take(_ kind: RecordKind) -> Int {
        let n = (lastNumber[kind] ?? 0) + 1
        lastNumber[kind] = n
        return n
    }

    /// Logs a change to the records `ids` for the audit trail.
    mutating func log(_ change: String, _ ids: RecordID...) {
        pendingChanges.append(change)
        for id in ids {
            pendingVenues.removeAll { $0 == id }
            if !pendingIDs.contains(id) { pendingIDs.append(id) }
        }
    }

    /// Logs a change to the record `id` recorded at `meeting`, which it names without changing.
    mutating func log(_ change: String, _ id: RecordID, at meeting: RecordID) {
        log(change, id)
        if !pendingIDs.contains(meeting) {
            pendingIDs.append(meeting)
            pendingVenues.append(meeting)
        }
    }

    /// Clears and returns what the last statement changed: its changes in words, the records it
    /// touched, and of those the meetings it named without changing them.
    public mutating func takePending() -> (changes: [String], ids: [RecordID], unchanged: [RecordID]) {
        defer {
            pendingChanges = []
            pendingIDs = []
            pendingVenues = []
        }
        return (pendingChanges, pendingIDs, pendingVenues)
    }

    // MARK: Lookups

    /// The unit with this name (case-insensitive, look-alike spaces as spaces; see `NameText`).
    public func unit(named name: String) -> Unit? {
        unitIndex[NameText.key(name)].map { units[$0] }
    }

    /// The person with this number.
    public func person(_ n: Int) -> Person? { people.index(ofNumber: n).map { people[$0] } }

    /// A person's name; in a view under a ceiling, "(withheld)" for one it leaves out; else `PE-n` if unknown.
    public func name(of n: Int) -> String { person(n)?.name ?? (ceiling != nil ? Register.withheldName : "PE-\(n)") }

    /// The number of the person with this name (case-insensitive, look-alike spaces as spaces; see `NameText`), if known.
    public func personNumber(named name: String) -> Int? {
        personIndex[NameText.key(name)].map { people[$0].number }
    }

    /// Resolves a person's name to their number, or refuses: no one has that name (R11).
    public func resolvePerson(named name: String) throws(DomainError) -> Int {
        if let n = personNumber(named: name) { return n }
        throw .unknownPerson(name: name)
    }

    /// Checks a person number exists, or refuses (R11).
    public func resolvePerson(number n: Int) throws(DomainError) -> Int {
        if person(n) != nil { return n }
        throw .unknownRecord(RecordID(.person, n))
    }

    /// Resolves a unit's name, or refuses: no unit has that name (R11).
    public func resolveUnit(named name: String) throws(DomainError) -> Unit {
        if let u = unit(named: name) { return u }
        throw .unknownUnit(name)
    }

    /// Whether a record with this id exists.
    public func exists(_ id: RecordID) -> Bool {
        switch id.kind {
        case .person: return people.index(ofNumber: id.number) != nil
        case .meeting: return meetings.index(ofNumber: id.number) != nil
        case .product: return products.index(ofNumber: id.number) != nil
        case .priority: return priorities.index(ofNumber: id.number) != nil
        case .candidate: return candidates.index(ofNumber: id.number) != nil
        case .requirement: return requirements.index(ofNumber: id.number) != nil
        case .commission: return commissions.index(ofNumber: id.number) != nil
        case .plan: return plans.index(ofNumber: id.number) != nil
        case .action: return actions.index(ofNumber: id.number) != nil
        case .decision: return decisions.index(ofNumber: id.number) != nil
        case .escalation: return escalations.index(ofNumber: id.number) != nil
        case .review: return reviews.index(ofNumber: id.number) != nil
        }
    }

    /// The numbers in use for a kind of record.
    public func numbers(of kind: RecordKind) -> [Int] {
        switch kind {
        case .person: return people.map(\.number)
        case .meeting: return meetings.map(\.number)
        case .product: return products.map(\.number)
        case .priority: return priorities.map(\.number)
        case .candidate: return candidates.map(\.number)
        case .requirement: return requirements.map(\.number)
        case .commission: return commissions.map(\.number)
        case .plan: return plans.map(\.number)
        case .action: return actions.map(\.number)
        case .decision: return decisions.map(\.number)
        case .escalation: return escalations.map(\.number)
        case .review: return reviews.map(\.number)
        }
    }

    /// Checks an id exists, or refuses (R11).
    public func require(_ id: RecordID) throws(DomainError) {
        if !exists(id) { throw .unknownRecord(id) }
    }

    /// The index of meeting `M-n`, or a refusal: there is no such meeting (R11).
    public func meetingIndex(_ n: Int) throws(DomainError) -> Int {
        guard let i = meetings.index(ofNumber: n) else { throw .unknownRecord(RecordID(.meeting, n)) }
        return i
    }

    /// Looks up a record's index, or refuses: there is no such record (R11).
    func indexOf<T: Numbered>(_ records: RecordList<T>, _ kind: RecordKind, _ n: Int) throws(DomainError) -> Int {
        guard let i = records.index(ofNumber: n) else { throw .unknownRecord(RecordID(kind, n)) }
        return i
    }

    /// The unit a record belongs to: the unit of the meeting it was created at.
    public func unit(ofMeeting n: Int?) -> String? {
        guard let n, let i = meetings.index(ofNumber: n) else { return nil }
        return meetings[i].unit
    }

    /// A unit and all the units below it.
    public func unitAndDescendants(_ name: String) -> Set<String> {
        var result: Set<String> = [name.lowercased()]
        var changed = true
        while changed {
            changed = false
            for u in units where !result.contains(u.name.lowercased()) {
                if let p = u.parent, result.contains(p.lowercased()) {
                    result.insert(u.name.lowercased())
                    changed = true
                }
            }
        }
        return result
    }

    /// Registers a newly added person or unit in the name indexes.
    mutating func indexPerson(at i: Int) { personIndex[NameText.key(people[i].name)] = i }
    mutating func indexUnit(at i: Int) { unitIndex[NameText.key(units[i].name)] = i }
}
