import TCGDomain

/// The invariants of a stored register, checked after every load and before every save, so
/// that tcg never writes a workspace it would refuse to read.
///
/// Records of each kind are in strictly ascending id order (the register finds them by binary
/// search); `last_ids` is at least the largest id of each kind (ids are never reused); unit
/// and person names are unique ignoring case; owners, chairs, authors, assignees, attendees
/// and partners are people in the register; units named by units, people, meetings and
/// priorities are units in the register; the other records a record refers to (its plan, its
/// meeting, what it serves or supersedes) are in the register; the current meeting exists; every date lies in
/// the years 1–9999.
///
/// ``problem(in:)`` checks a whole register; ``problem(in:after:)`` checks only what a journal
/// entry changed in a register that was whole and valid before it, in time proportional to
/// the entry.
enum WorkspaceValidator {
    /// The first broken invariant, as `where: what`, or nil when there is none.
    static func problem(in r: Register) -> String? {
        names(r) ?? order(r) ?? references(r) ?? dates(r)
    }

    /// The first invariant broken by `entry` in `r`, the register with the entry applied
    /// (or the register a transaction produced, of which the entry lists the changes).
    static func problem(in r: Register, after entry: JournalEntry) -> String? {
        if let problem = unitNames(r) { return problem }
        if entry.touchesPeople, let problem = personNames(r) { return problem }
        if !entry.deleted.isEmpty, let problem = references(r) { return problem }
        var check = EntryCheck(register: r, entry: entry)
        check.visitAll()
        if let problem = check.problem { return problem }
        if let clock = r.clock, outOfRange(clock) { return "clock: the date is outside the years 1 to 9999" }
        let appended = r.audit.count - entry.audit.count
        guard appended >= 0 else { return "audit: the register has fewer entries than the journal line appends" }
        let earlier = r.earlierAudit?.count ?? 0
        var previous = appended > 0 ? r.audit[appended - 1].seq : r.earlierAudit?.lastSeq ?? 0
        for i in appended..<r.audit.count {
            if let problem = auditProblem(r.audit[i], at: earlier + i, after: previous) { return problem }
            previous = r.audit[i].seq
        }
        return nil
    }

    /// What is wrong with `entry`, the audit trail's entry number `i` (from 0), coming after the
    /// entry with seq `previous` (0 for the first), or nil: its seq must be above `previous`
    /// and its day within the years 1–9999.
    static func auditProblem(_ entry: AuditEntry, at i: Int, after previous: Int) -> String? {
        if entry.seq <= previous { return "audit[\(i)]: seq \(entry.seq) does not follow \(previous); entries are in ascending seq order" }
        if outOfRange(entry.day) { return "audit[\(i)].day: the date is outside the years 1 to 9999" }
        return nil
    }

    // MARK: Names

    /// Unique unit names and person names.
    private static func names(_ r: Register) -> String? {
        unitNames(r) ?? personNames(r)
    }

    /// Units have names, unique ignoring case, frequencies in range, and parents that are units.
    private static func unitNames(_ r: Register) -> String? {
        var units: Set<String> = []
        for (i, u) in r.units.enumerated() {
            if u.name.isEmpty { return "units[\(i)]: a unit needs a name" }
            if !units.insert(u.name.lowercased()).inserted { return "units[\(i)]: the unit name \(u.name) is used twice" }
            if let every = u.stcgEvery, !(0...999_999).contains(every.count) { return "units[\(i)]: stcg_every \(every) is out of range" }
            if let every = u.ttcgEvery, !(0...999_999).contains(every.count) { return "units[\(i)]: ttcg_every \(every) is out of range" }
            if let every = u.psgEvery, !(0...999_999).contains(every.count) { return "units[\(i)]: psg_every \(every) is out of range" }
        }
        for (i, u) in r.units.enumerated() {
            if let parent = u.parent, !units.contains(parent.lowercased()) {
                return "units[\(i)].parent: \(parent) is not a unit in the register"
            }
        }
        return nil
    }

    /// The register's unit names, lower-cased, for reference checks.
    private static func unitSet(_ r: Register) -> Set<String> {
        Set(r.units.map { $0.name.lowercased() })
    }

    /// People's names are unique ignoring case.
    private static func personNames(_ r: Register) -> String? {
        var people: [String: Int] = [:]
        for (i, p) in r.people.enumerated() {
            if let other = people.updateValue(p.number, forKey: p.name.lowercased()) {
                return "people[\(i)]: the name \"\(p.name)\" is already used by PE-\(other)"
            }
        }
        return nil
    }

    // MARK: Order

    /// Ascending, unique ids within each kind, `last_ids` at least the largest, and the audit
    /// trail in ascending order.
    private static func order(_ r: Register) -> String? {
        var check = OrderCheck(register: r)
        check.visitAll()
        return check.problem ?? auditOrder(r)
    }

    /// The order check for each kind.
    private struct OrderCheck: RecordKindVisitor {
        let register: Register
        var problem: String?

        mutating func visit<T: StoredRecord>(_ type: T.Type) {
            guard problem == nil else { return }
            let list = register[keyPath: T.inRegister]
            let name = T.arrayName, prefix = T.recordKind.prefix
            var previous = 0
            for i in list.indices {
                let n = list[i].number
                if let bad = badNumber(n, previous: previous, at: "\(name)[\(i)]", prefix) {
                    problem = bad
                    return
                }
                previous = n
            }
            problem = lastIDProblem(list, register)
        }
    }

    /// What is wrong with id number `n` following `previous` in its array, or nil.
    private static func badNumber(_ n: Int, previous: Int, at place: @autoclosure () -> String, _ prefix: String) -> String? {
        if n < 1 || n > 999_999_999 { return "\(place()): \(prefix)-\(n) is not a valid id number" }
        if n == previous { return "\(place()): duplicate id \(prefix)-\(n)" }
        if n < previous {
            return "\(place()): \(prefix)-\(n) comes after \(prefix)-\(previous); records are kept in ascending id order"
        }
        return nil
    }

    /// `last_ids` is at least the largest id of the kind (the last of its ordered array).
    private static func lastIDProblem<T: StoredRecord>(_ list: RecordList<T>, _ r: Register) -> String? {
        let largest = list.last?.number ?? 0
        let last = r.lastNumber[T.recordKind] ?? 0
        guard largest > last else { return nil }
        let prefix = T.recordKind.prefix
        return "last_ids.\(prefix) is \(last) but \(T.arrayName) has \(prefix)-\(largest); it must be at least the largest id"
    }

    /// Audit entries in ascending sequence. Those the store left on disk (`earlierAudit`) are
    /// not read: they were checked as JSON when the snapshot was opened, are checked whole when
    /// read, and are saved by copying them from the snapshot unchanged; the entries in memory
    /// must follow the last of them.
    private static func auditOrder(_ r: Register) -> String? {
        let earlier = r.earlierAudit?.count ?? 0
        var previous = r.earlierAudit?.lastSeq ?? 0
        for (i, entry) in r.audit.enumerated() {
            if entry.seq <= previous {
                return "audit[\(earlier + i)]: seq \(entry.seq) does not follow \(previous); entries are in ascending seq order"
            }
            previous = entry.seq
        }
        return nil
    }

    // MARK: References and dates

    /// People named by id exist.
    private static func references(_ r: Register) -> String? {
        var check = ReferenceCheck(register: r, known: Set(r.people.map(\.number)), units: unitSet(r))
        check.visitAll()
        return check.problem
    }

    /// The reference check for each kind.
    private struct ReferenceCheck: RecordKindVisitor {
        let register: Register
        let known: Set<Int>
        let units: Set<String>
        var problem: String?

        mutating func visit<T: StoredRecord>(_ type: T.Type) {
            guard problem == nil else { return }
            let list = register[keyPath: T.inRegister]
            for i in list.indices {
                if let (member, n) = list[i].missingPerson({ known.contains($0) }) {
                    problem = "\(T.arrayName)[\(i)].\(member): PE-\(n) is not a person in the register"
                    return
                }
                if let (member, name) = list[i].missingUnit({ units.contains($0.lowercased()) }) {
                    problem = "\(T.arrayName)[\(i)].\(member): \(name) is not a unit in the register"
                    return
                }
                if let (member, id) = list[i].missingRecord({ register.exists($0) }) {
                    problem = "\(T.arrayName)[\(i)].\(member): \(id) is not in the register"
                    return
                }
            }
        }
    }

    /// Every date within the years 1–9999, the range `YYYY-MM-DD` can spell.
    private static func dates(_ r: Register) -> String? {
        if let clock = r.clock, outOfRange(clock) { return "clock: the date is outside the years 1 to 9999" }
        var check = DateCheck(register: r)
        check.visitAll()
        if let problem = check.problem { return problem }
        let earlier = r.earlierAudit?.count ?? 0
        for i in r.audit.indices where outOfRange(r.audit[i].day) {
            return "audit[\(earlier + i)].day: the date is outside the years 1 to 9999"
        }
        return nil
    }

    /// The date check for each kind.
    private struct DateCheck: RecordKindVisitor {
        let register: Register
        var problem: String?

        mutating func visit<T: StoredRecord>(_ type: T.Type) {
            guard problem == nil else { return }
            let list = register[keyPath: T.inRegister]
            for i in list.indices {
                if let member = list[i].badDate(outOfRange) {
                    problem = "\(T.arrayName)[\(i)].\(member): the date is outside the years 1 to 9999"
                    return
                }
            }
        }
    }

    /// The first and last days `YYYY-MM-DD` can spell.
    private static let firstDay = Day(year: 1, month: 1, day: 1)?.number ?? Int.min
    private static let lastDay = Day(year: 9999, month: 12, day: 31)?.number ?? Int.max

    /// Whether `day` lies outside the years 1–9999.
    private static func outOfRange(_ day: Day) -> Bool {
        day.number < firstDay || day.number > lastDay
    }

    // MARK: One journal entry

    /// The checks of the records an entry writes, each found in the register: in order between
    /// its neighbours, referring to people who exist, with dates in range; and for every kind,
    /// `last_ids` at least its largest id.
    private struct EntryCheck: RecordKindVisitor {
        let register: Register
        let entry: JournalEntry
        var problem: String?

        mutating func visit<T: StoredRecord>(_ type: T.Type) {
            guard problem == nil else { return }
            let list = register[keyPath: T.inRegister]
            let people = register.people
            let units = register.units
            for record in entry[keyPath: T.inEntry] {
                guard let i = list.index(ofNumber: record.number) else {
                    problem = "\(T.arrayName): \(record.recordID) is missing or out of id order"
                    return
                }
                let place = "\(T.arrayName)[\(i)]"
                let previous = i > 0 ? list[i - 1].number : 0
                if let bad = badNumber(record.number, previous: previous, at: place, T.recordKind.prefix) {
                    problem = bad
                    return
                }
                if i + 1 < list.count, list[i + 1].number <= record.number {
                    problem = "\(T.arrayName)[\(i + 1)]: \(T.recordKind.prefix)-\(list[i + 1].number) comes after \(record.recordID); records are kept in ascending id order"
                    return
                }
                if let (member, n) = list[i].missingPerson({ people.index(ofNumber: $0) != nil }) {
                    problem = "\(place).\(member): PE-\(n) is not a person in the register"
                    return
                }
                if let (member, name) = list[i].missingUnit({ n in units.contains { $0.name.lowercased() == n.lowercased() } }) {
                    problem = "\(place).\(member): \(name) is not a unit in the register"
                    return
                }
                if let (member, id) = list[i].missingRecord({ register.exists($0) }) {
                    problem = "\(place).\(member): \(id) is not in the register"
                    return
                }
                if let member = list[i].badDate(outOfRange) {
                    problem = "\(place).\(member): the date is outside the years 1 to 9999"
                    return
                }
            }
            problem = lastIDProblem(list, register)
        }
    }
}
