import TCGDomain

/// One line of the journal: what one committed transaction changed (docs/workspace.md).
///
/// It carries the records the transaction wrote (whole, grouped by kind), the ids of the
/// records it removed (`undo` removes what a statement created), the audit entries it appended,
/// and the small top-level state whole: units, clock, current meeting and id counters.
struct JournalEntry: Equatable {
    /// The journal sequence number: one more than the line before, or than the snapshot's
    /// `journal_seq` for the first line after it.
    var seq: Int
    /// The `seq` of the last audit entry before the transaction (0 when there was none): the
    /// entry applies only to a register whose audit trail ends there.
    var base: Int
    /// The register's clock after the transaction.
    var clock: Day?
    /// The workspace's highest marking shown after the transaction.
    var maxMarking: Marking?
    /// The scoring schemes after the transaction, all of them.
    var schemes: [ScoringScheme] = []
    /// The id counters after the transaction.
    var lastNumber: [RecordKind: Int] = [:]
    /// The units after the transaction, all of them.
    var units: [Unit] = []
    /// Records written, in ascending id order within each kind.
    var people: [Person] = []
    var meetings: [Meeting] = []
    var products: [Product] = []
    var priorities: [Priority] = []
    var candidates: [Candidate] = []
    var requirements: [Requirement] = []
    var commissions: [Commission] = []
    var plans: [Plan] = []
    var actions: [Action] = []
    var decisions: [Decision] = []
    var escalations: [Escalation] = []
    var reviews: [Review] = []
    /// Records removed, in ascending id order.
    var deleted: [RecordID] = []
    /// The audit entries appended, oldest first; never empty.
    var audit: [AuditEntry] = []

    /// An entry with the top-level state of `register` and nothing else yet.
    init(seq: Int, base: Int, state register: Register) {
        self.seq = seq
        self.base = base
        clock = register.clock
        maxMarking = register.maxMarking
        schemes = register.schemes
        lastNumber = register.lastNumber
        units = Array(register.units)
    }

    /// The number of records written or removed.
    var recordCount: Int {
        var counter = Counter(entry: self)
        counter.visitAll()
        return counter.count + deleted.count
    }

    /// Whether the entry writes or removes people (their name index must be rebuilt).
    var touchesPeople: Bool { !people.isEmpty || deleted.contains { $0.kind == .person } }

    /// Adds up the records written.
    private struct Counter: RecordKindVisitor {
        let entry: JournalEntry
        var count = 0
        mutating func visit<T: StoredRecord>(_ type: T.Type) { count += entry[keyPath: T.inEntry].count }
    }
}

extension JournalEntry {
    /// The change from `old` to `new` as a journal entry, found from the audit entries the
    /// transaction appended; nil when it cannot be expressed as one (the audit trail was not
    /// simply appended to in memory, or the record counts show a change no audit entry names)
    /// and the caller must write a whole snapshot instead.
    ///
    /// Every change to a record is logged with its id in the statement's audit entry, so the
    /// records touched are the union of the new entries' `ids`: each is written if it is in
    /// `new` and differs from `old`, and removed if it is in `old` only. Also nil when more
    /// than `limit` records are named: a snapshot is cheaper then. `withAudit`: false leaves
    /// the new audit entries out of the entry (a caller that writes them itself).
    static func change(from old: Register, to new: Register, seq: Int, limit: Int, withAudit: Bool = true) -> JournalEntry? {
        let before = old.audit.count
        guard new.audit.count > before, new.earlierAudit?.count == old.earlierAudit?.count,
              new.earlierAudit?.lastSeq == old.earlierAudit?.lastSeq else { return nil }
        if let last = old.audit.last, new.audit[before - 1] != last { return nil }
        var entry = JournalEntry(seq: seq, base: old.lastAuditSeq, state: new)
        if withAudit { entry.audit = Array(new.audit[before...]) }
        var touched = Set<RecordID>()
        for n in before..<new.audit.count {
            touched.formUnion(new.audit[n].ids)
            if touched.count > limit { return nil }
        }
        var finder = ChangeFinder(old: old, new: new, touched: touched.sorted(), entry: entry)
        finder.visitAll()
        guard finder.consistent else { return nil }
        return finder.entry
    }

    /// Collects the written and removed records of each kind, and checks that each kind's
    /// record count changed by exactly the records created and removed.
    private struct ChangeFinder: RecordKindVisitor {
        let old: Register
        let new: Register
        /// The ids named by the new audit entries, sorted.
        let touched: [RecordID]
        var entry: JournalEntry
        var consistent = true

        mutating func visit<T: StoredRecord>(_ type: T.Type) {
            let before = old[keyPath: T.inRegister]
            let after = new[keyPath: T.inRegister]
            var created = 0
            for id in touched where id.kind == T.recordKind {
                let was = before.index(ofNumber: id.number)
                if let i = after.index(ofNumber: id.number) {
                    if let was {
                        if before[was] != after[i] { entry[keyPath: T.inEntry].append(after[i]) }
                    } else {
                        created += 1
                        entry[keyPath: T.inEntry].append(after[i])
                    }
                } else if was != nil {
                    created -= 1
                    entry.deleted.append(id)
                }
            }
            if after.count != before.count + created { consistent = false }
        }
    }

    /// Applies the entry to `register`; returns what makes it inconsistent with the register,
    /// or nil when it applied. The register is left part-changed when a problem is returned.
    func apply(to register: inout Register) -> String? {
        let last = register.lastAuditSeq
        guard base == last else {
            return "it continues the audit trail from entry #\(base), but the register's last audit entry is #\(last)"
        }
        guard let first = audit.first else { return "it appends no audit entry" }
        if first.seq <= last { return "audit[0]: seq \(first.seq) does not follow \(last)" }
        // The applier owns the register while it works, so the arrays change in place.
        var applier = Applier(entry: self)
        swap(&applier.register, &register)
        applier.visitAll()
        swap(&applier.register, &register)
        if let problem = applier.problem { return problem }
        register.units = RecordList(units)
        register.clock = clock
        register.maxMarking = maxMarking
        register.schemes = schemes
        register.lastNumber = lastNumber
        register.audit.append(contentsOf: audit)
        return nil
    }

    /// Removes the entry's deleted records and writes its records, kind by kind.
    private struct Applier: RecordKindVisitor {
        let entry: JournalEntry
        var register = Register()
        var problem: String?

        init(entry: JournalEntry) { self.entry = entry }

        mutating func visit<T: StoredRecord>(_ type: T.Type) {
            guard problem == nil else { return }
            for id in entry.deleted where id.kind == T.recordKind {
                guard let i = register[keyPath: T.inRegister].index(ofNumber: id.number) else {
                    problem = "it removes \(id), which is not in the register"
                    return
                }
                register[keyPath: T.inRegister].remove(at: i)
            }
            for record in entry[keyPath: T.inEntry] {
                let position = register[keyPath: T.inRegister].insertionIndex(of: record.number)
                if position.found {
                    register[keyPath: T.inRegister][position.index] = record
                } else {
                    register[keyPath: T.inRegister].insert(record, at: position.index)
                }
            }
        }
    }
}

extension RecordList where Element: Numbered {
    /// Where the record numbered `n` is (found) or would go to keep the array in order.
    func insertionIndex(of n: Int) -> (index: Int, found: Bool) {
        if let last = self.last?.number, last < n { return (count, false) }
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            let m = self[mid].number
            if m == n { return (mid, true) }
            if m < n { lo = mid + 1 } else { hi = mid }
        }
        return (lo, false)
    }
}
