/// The register as someone cleared only up to a handling marking may see it.
///
/// Contract: `visible(under:)` leaves out every record marked above the ceiling and every record
/// that inherits from one (a hidden meeting hides what was recorded at it; a hidden priority its
/// plans; a hidden plan its actions, reviews, tactical requirements and escalations; a hidden
/// commission its product; a hidden action or plan its escalation; a hidden escalation the plans
/// serving it), drops references to hidden records from those that stay (a decision's subjects,
/// progress notes, amendments and plan reviews recorded at a hidden meeting), and leaves hidden people out of `people` while
/// the records they own stay: their name reads "(withheld)". What is left cannot tell a hidden
/// record from one that never existed, except by the gap in the ids.
extension Register {
    /// The name shown for a person who is not shown under the ceiling.
    public static let withheldName = "(withheld)"

    /// This register with everything marked above `ceiling`, and everything under it, left out.
    public func visible(under ceiling: Marking) -> Register {
        let hidden = hidden(under: ceiling)
        return withholding(hidden.records, names: hidden.names, under: ceiling)
    }

    /// The records a session cleared only up to `ceiling` does not see (those marked above it
    /// and those that inherit from one), and the lowercased names of the people among them.
    public func hidden(under ceiling: Marking) -> (records: Set<RecordID>, names: [String]) {
        var hidden = Set<RecordID>()
        func above(_ m: Marking?) -> Bool { (m ?? .official) > ceiling }
        for p in people where above(p.marking) { hidden.insert(p.id) }
        for m in meetings where above(m.marking) { hidden.insert(m.id) }
        for p in products where above(p.marking) { hidden.insert(p.id) }
        for p in priorities where above(p.marking) { hidden.insert(p.id) }
        for c in candidates where above(c.marking) { hidden.insert(c.id) }
        for r in requirements where above(r.marking) { hidden.insert(r.id) }
        for c in commissions where above(c.marking) { hidden.insert(c.id) }
        for p in plans where above(p.marking) { hidden.insert(p.id) }
        for a in actions where above(a.marking) { hidden.insert(a.id) }
        for d in decisions where above(d.marking) { hidden.insert(d.id) }
        for e in escalations where above(e.marking) { hidden.insert(e.id) }
        for r in reviews where above(r.marking) { hidden.insert(r.id) }
        if hidden.isEmpty { return (hidden, []) }
        Self.inherit(&hidden, in: self)
        return (hidden, people.filter { hidden.contains($0.id) }.map { $0.name.lowercased() })
    }

    /// This register as a session cleared up to `ceiling` sees it when `hidden` are the records
    /// it may not see: those left out, references to them dropped from the records that stay,
    /// and the people named `names` withheld. The records in `hidden` may be missing already
    /// (a database's row-level security kept them from this session).
    public func withholding(_ hidden: Set<RecordID>, names: [String], under ceiling: Marking) -> Register {
        var view = self
        view.ceiling = ceiling
        if hidden.isEmpty { return view }
        view.withheldNames = names
        func meetingShown(_ n: Int?) -> Int? { n.flatMap { hidden.contains(RecordID(.meeting, $0)) ? nil : $0 } }
        func notesShown(_ notes: [Note]) -> [Note] { notes.filter { $0.meeting == nil || meetingShown($0.meeting) != nil } }
        func amendmentsShown(_ list: [Amendment]) -> [Amendment] { list.filter { $0.meeting == nil || meetingShown($0.meeting) != nil } }
        func amendmentsShown<T>(in record: T, _ amendments: WritableKeyPath<T, [Amendment]>) -> T {
            var record = record
            record[keyPath: amendments] = amendmentsShown(record[keyPath: amendments])
            return record
        }

        view.people = RecordList(people.lazy.filter { !hidden.contains($0.id) }.map { amendmentsShown(in: $0, \.amendments) })
        view.meetings = RecordList(meetings.lazy.filter { !hidden.contains($0.id) })
        view.products = RecordList(products.lazy.filter { !hidden.contains($0.id) }.map { amendmentsShown(in: $0, \.amendments) })
        view.priorities = RecordList(priorities.lazy.filter { !hidden.contains($0.id) }.map { p in
            var p = p
            p.retiredAt = meetingShown(p.retiredAt)
            return p
        })
        view.candidates = RecordList(candidates.lazy.filter { !hidden.contains($0.id) })
        view.requirements = RecordList(requirements.lazy.filter { !hidden.contains($0.id) }.map { r in
            var r = r
            r.notes = notesShown(r.notes)
            r.amendments = amendmentsShown(r.amendments)
            return r
        })
        view.commissions = RecordList(commissions.lazy.filter { !hidden.contains($0.id) }.map { amendmentsShown(in: $0, \.amendments) })
        view.plans = RecordList(plans.lazy.filter { !hidden.contains($0.id) }.map { p in
            var p = p
            p.reviews = p.reviews.filter { meetingShown($0.meeting) != nil }
            p.amendments = amendmentsShown(p.amendments)
            return p
        })
        view.actions = RecordList(actions.lazy.filter { !hidden.contains($0.id) }.map { a in
            guard a.progress.contains(where: { $0.meeting != nil }) || a.amendments.contains(where: { $0.meeting != nil }) else { return a }
            var a = a
            a.progress = notesShown(a.progress)
            a.amendments = amendmentsShown(a.amendments)
            return a
        })
        view.decisions = RecordList(decisions.lazy.filter { !hidden.contains($0.id) }.map { d in
            var d = d
            d.about = d.about.filter { !hidden.contains($0) }
            if let s = d.supersedes, hidden.contains(RecordID(.decision, s)) { d.supersedes = nil }
            if let s = d.supersededBy, hidden.contains(RecordID(.decision, s)) { d.supersededBy = nil }
            return d
        })
        view.escalations = RecordList(escalations.lazy.filter { !hidden.contains($0.id) }.map { e in
            var e = e
            e.decidedAt = meetingShown(e.decidedAt)
            return e
        })
        view.reviews = RecordList(reviews.lazy.filter { !hidden.contains($0.id) })
        view.reindex()
        return view
    }

    /// Adds to `hidden` every record that inherits from a hidden one, until nothing more is added.
    static func inherit(_ hidden: inout Set<RecordID>, in r: Register) {
        func h(_ kind: RecordKind, _ n: Int?) -> Bool { n.map { hidden.contains(RecordID(kind, $0)) } ?? false }
        var changed = true
        while changed {
            let before = hidden.count
            for p in r.priorities where h(.meeting, p.meeting) { hidden.insert(p.id) }
            for c in r.candidates where h(.meeting, c.meeting) || h(.product, c.from) { hidden.insert(c.id) }
            for c in r.commissions where h(.meeting, c.meeting) { hidden.insert(c.id) }
            for d in r.decisions where h(.meeting, d.meeting) { hidden.insert(d.id) }
            for e in r.escalations {
                if case .record(let s) = e.subject, hidden.contains(s) { hidden.insert(e.id) }
                if h(.meeting, e.meeting) { hidden.insert(e.id) }
            }
            for p in r.plans where h(.meeting, p.meeting) || p.serves.map({ hidden.contains($0) }) == true { hidden.insert(p.id) }
            for a in r.actions where h(.meeting, a.meeting) || h(.plan, a.plan) { hidden.insert(a.id) }
            for v in r.reviews where h(.meeting, v.meeting) || h(.plan, v.plan) { hidden.insert(v.id) }
            for q in r.requirements where h(.meeting, q.meeting) || h(.plan, q.plan) || h(.priority, q.priority) || h(.candidate, q.candidate) { hidden.insert(q.id) }
            for p in r.products where h(.commission, p.commission) || p.presentations.contains(where: { h(.meeting, $0) }) { hidden.insert(p.id) }
            changed = hidden.count != before
        }
    }

    /// Whether an audit entry may be shown in this register's view: none of the records it names
    /// is missing from the view (hidden, or removed by an undo), and it does not name a withheld
    /// person. Always true for a register without a ceiling.
    public func shows(_ entry: AuditEntry) -> Bool {
        guard ceiling != nil else { return true }
        return !Self.mentions(entry, names: withheldNames) { !exists($0) }
    }

    /// Whether a session that does not see `hidden` (and the people named `names`, lowercased)
    /// may not see `entry` either: it names or mentions one of them. Unlike ``shows(_:)``, an
    /// entry naming a record removed by an undo is not hidden.
    public static func hides(_ entry: AuditEntry, hidden: Set<RecordID>, names: [String]) -> Bool {
        !hidden.isEmpty && mentions(entry, names: names) { hidden.contains($0) }
    }

    /// Whether `entry` names a record `missing` holds for, or mentions one or a person named
    /// one of `names` in its statement or changes.
    private static func mentions(_ entry: AuditEntry, names: [String], _ missing: (RecordID) -> Bool) -> Bool {
        if entry.ids.contains(where: missing) { return true }
        for text in [entry.statement] + entry.changes {
            let lower = text.lowercased()
            if names.contains(where: { lower.contains($0) }) { return true }
            for word in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }) {
                if let id = RecordID(word), missing(id) { return true }
            }
        }
        return false
    }
}
