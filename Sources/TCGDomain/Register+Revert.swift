/// Why a statement's change cannot be reverted without losing someone else's work.
public enum RevertConflict: Sendable, Equatable {
    /// The record was changed since by another statement.
    case recordChanged(RecordID)
    /// The unit was changed since (units have no id in the audit trail).
    case unitChanged(String)
    /// The register's clock was moved since.
    case clockChanged
    /// Reverting would remove a record (or unit) that another record now refers to.
    case stillReferenced(String, by: RecordID?)
}

extension Register {
    /// What stands in the way of putting the records `ids`, the units and the clock back as they
    /// were in `before`, given that the statement left them as in `after`; nil when nothing does.
    public func revertConflict(_ ids: [RecordID], before: Register, after: Register) -> RevertConflict? {
        for id in ids where record(id) != after.record(id) { return .recordChanged(id) }
        for name in changedUnits(before, after) where unit(named: name) != after.unit(named: name) { return .unitChanged(name) }
        if before.clock != after.clock, clock != after.clock { return .clockChanged }
        for id in ids where !before.exists(id) && exists(id) {
            if let user = references(to: id).first(where: { !ids.contains($0) }) { return .stillReferenced(id.description, by: user) }
        }
        for name in changedUnits(before, after) where before.unit(named: name) == nil {
            if let user = references(toUnit: name) { return .stillReferenced(name, by: user) }
        }
        return nil
    }

    /// Puts the records `ids`, the units and the clock back as they were in `before` (a record
    /// that did not exist then is removed). Id counters are kept: ids are never reused.
    /// Check ``revertConflict(_:before:after:)`` first.
    public mutating func revert(_ ids: [RecordID], before: Register, after: Register) {
        for id in ids { restore(id, from: before) }
        for name in changedUnits(before, after) {
            units.removeAll { $0.name.lowercased() == name.lowercased() }
            if let old = before.unit(named: name), let at = before.units.firstIndex(where: { $0.name == old.name }) {
                units.insert(old, at: min(at, units.count))
            }
        }
        if before.clock != after.clock { clock = before.clock }
        if before.maxMarking != after.maxMarking { maxMarking = before.maxMarking }
        if before.schemes != after.schemes { schemes = before.schemes }
        reindex()
    }

    /// The names of the units that differ between two registers.
    func changedUnits(_ a: Register, _ b: Register) -> [String] {
        var names: [String] = []
        for u in b.units where a.unit(named: u.name) != u { names.append(u.name) }
        for u in a.units where b.unit(named: u.name) == nil { names.append(u.name) }
        return names
    }

    /// The record with this id, as a comparable value (nil when there is none).
    func record(_ id: RecordID) -> AnyHashable? {
        func find<T: Numbered & Hashable>(_ list: RecordList<T>) -> AnyHashable? {
            list.index(ofNumber: id.number).map { AnyHashable(list[$0]) }
        }
        switch id.kind {
        case .person: return find(people)
        case .meeting: return find(meetings)
        case .product: return find(products)
        case .priority: return find(priorities)
        case .candidate: return find(candidates)
        case .requirement: return find(requirements)
        case .commission: return find(commissions)
        case .plan: return find(plans)
        case .action: return find(actions)
        case .decision: return find(decisions)
        case .escalation: return find(escalations)
        case .review: return find(reviews)
        }
    }

    /// Sets the record with this id to what it is in `other`, or removes it when `other` has none.
    mutating func restore(_ id: RecordID, from other: Register) {
        func put<T: Numbered>(_ list: inout RecordList<T>, _ source: RecordList<T>) {
            let old = source.index(ofNumber: id.number).map { source[$0] }
            if let i = list.index(ofNumber: id.number) {
                if let old { list[i] = old } else { _ = list.remove(at: i) }
            } else if let old {
                let at = list.firstIndex { $0.number > id.number } ?? list.count
                list.insert(old, at: at)
            }
        }
        switch id.kind {
        case .person: put(&people, other.people)
        case .meeting: put(&meetings, other.meetings)
        case .product: put(&products, other.products)
        case .priority: put(&priorities, other.priorities)
        case .candidate: put(&candidates, other.candidates)
        case .requirement: put(&requirements, other.requirements)
        case .commission: put(&commissions, other.commissions)
        case .plan: put(&plans, other.plans)
        case .action: put(&actions, other.actions)
        case .decision: put(&decisions, other.decisions)
        case .escalation: put(&escalations, other.escalations)
        case .review: put(&reviews, other.reviews)
        }
    }

    /// The records that refer to a record: its people, meeting, plan, priority, commission, …
    public func references(to id: RecordID) -> [RecordID] {
        var out: [RecordID] = []
        let n = id.number
        switch id.kind {
        case .person:
            for m in meetings where m.chair == n || m.attendees.contains(n) || m.partners.contains(n) { out.append(m.id) }
            for p in priorities where p.owner == n { out.append(p.id) }
            for r in requirements where r.owner == n { out.append(r.id) }
            for c in commissions where c.assignee == n { out.append(c.id) }
            for p in plans where p.owner == n { out.append(p.id) }
            for a in actions where a.owner == n { out.append(a.id) }
            for p in products where p.author == n { out.append(p.id) }
        case .meeting:
            for p in priorities where p.meeting == n || p.retiredAt == n || p.scores.contains(where: { $0.meeting == n }) { out.append(p.id) }
            for c in candidates where c.meeting == n || c.scores.contains(where: { $0.meeting == n }) { out.append(c.id) }
            for r in requirements where r.meeting == n || r.notes.contains(where: { $0.meeting == n }) { out.append(r.id) }
            for c in commissions where c.meeting == n { out.append(c.id) }
            for p in plans where p.meeting == n { out.append(p.id) }
            for a in actions where a.meeting == n || a.progress.contains(where: { $0.meeting == n }) { out.append(a.id) }
            for d in decisions where d.meeting == n { out.append(d.id) }
            for e in escalations where e.meeting == n || e.decidedAt == n { out.append(e.id) }
            for p in products where p.presentations.contains(n) { out.append(p.id) }
            for p in plans where p.reviews.contains(where: { $0.meeting == n }) && !out.contains(p.id) { out.append(p.id) }
            out += amended(at: n).filter { !out.contains($0) }
        case .priority, .escalation:
            for p in plans where p.serves == id { out.append(p.id) }
            if id.kind == .priority { for r in requirements where r.priority == n { out.append(r.id) } }
        case .plan:
            for a in actions where a.plan == n { out.append(a.id) }
            for r in requirements where r.plan == n { out.append(r.id) }
            for r in reviews where r.plan == n { out.append(r.id) }
        case .commission:
            for p in products where p.commission == n { out.append(p.id) }
        case .decision:
            for d in decisions where d.supersedes == n || d.supersededBy == n { out.append(d.id) }
        case .product, .candidate, .requirement, .action, .review:
            break
        }
        if id.kind == .action || id.kind == .plan {
            for e in escalations where e.subject == .record(id) { out.append(e.id) }
        }
        for d in decisions where d.about.contains(id) { out.append(d.id) }
        return out
    }

    /// The records with an amendment recorded at meeting `n`.
    func amended(at n: Int) -> [RecordID] {
        func at(_ list: [Amendment]) -> Bool { list.contains { $0.meeting == n } }
        return people.filter { at($0.amendments) }.map(\.id) + products.filter { at($0.amendments) }.map(\.id)
            + requirements.filter { at($0.amendments) }.map(\.id) + commissions.filter { at($0.amendments) }.map(\.id)
            + plans.filter { at($0.amendments) }.map(\.id) + actions.filter { at($0.amendments) }.map(\.id)
    }

    /// A record (or, as nil, another unit) that refers to the unit with this name.
    func references(toUnit name: String) -> RecordID?? {
        let lower = name.lowercased()
        if units.contains(where: { $0.parent?.lowercased() == lower }) { return .some(nil) }
        if let p = people.first(where: { $0.unit?.lowercased() == lower }) { return p.id }
        if let m = meetings.first(where: { $0.unit?.lowercased() == lower }) { return m.id }
        if let p = priorities.first(where: { $0.unit?.lowercased() == lower }) { return p.id }
        if let e = escalations.first(where: { $0.from.lowercased() == lower || $0.to.lowercased() == lower }) { return e.id }
        return nil
    }
}
