extension Register {
    /// A person's open work: the active priorities, open requirements, commissioned analysis,
    /// active plans and open actions they own, in that order.
    public func openWork(of p: Int) -> [RecordID] {
        priorities.filter { $0.owner == p && $0.status == .active }.map(\.id)
            + requirements.filter { $0.owner == p && $0.status == .open }.map(\.id)
            + commissions.filter { $0.assignee == p && $0.status == .commissioned }.map(\.id)
            + plans.filter { $0.owner == p && $0.status == .active }.map(\.id)
            + actions.filter { $0.owner == p && $0.status == .open }.map(\.id)
    }

    /// Hands a leaver's open work over to an active person, with why; each record moved is in the
    /// audit trail as old owner -> new owner with the rationale (R13: nothing is lost).
    ///
    /// It is management business, not a tasking decision: the work itself does not change, only
    /// who carries it, so it needs no meeting (`at` records it at one). The person must have left:
    /// an active person's work is reassigned at a TT&CG (`assign`, R6). Their priorities move only
    /// at an ST&CG or PSG (R1); elsewhere they stay, and the warning names them.
    public mutating func handover(from old: Int, to new: Int, rationale: String, at m: Int?) throws(DomainError) -> (moved: [RecordID], warning: DomainWarning?) {
        guard let leaver = person(old) else { throw .unknownRecord(RecordID(.person, old)) }
        try requireText(rationale, .missingRationale(for: .handover))
        if old == new { throw .handoverToSamePerson(leaver.id, name: leaver.name) }
        try requireActive(new, as: .owner)
        let meeting = try m.map { (n) throws(DomainError) in meetings[try openForRecord(n)] }
        guard leaver.status == .left else { throw .handoverOfActivePerson(leaver.id, name: leaver.name) }
        var moved: [RecordID] = [], kept: [RecordID] = []
        for id in openWork(of: old) {
            if id.kind == .priority, !(meeting.map { Self.strategyGroup.contains($0.kind) } ?? false) {
                kept.append(id)
                continue
            }
            _ = try setOwner(of: id, to: new)
            let change = "\(id) handed over: owner \(leaver.name) -> \(name(of: new)): \(rationale)"
            if let meeting { log(change, id, at: meeting.id) } else { log(change, id) }
            moved.append(id)
        }
        let warning = kept.isEmpty ? nil : DomainWarning.prioritiesKeptUntilSTCG(leaver.id, name: leaver.name, priorities: kept)
        return (moved, warning)
    }
}
