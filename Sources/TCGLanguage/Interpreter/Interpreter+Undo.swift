import TCGDomain

extension Interpreter {
    /// Reverts this session's latest statement not yet undone: the records it touched go back to
    /// what they were. Refused only when another writer changed those records since (or a record
    /// now refers to one the statement created). The undo is itself a change in the audit trail.
    func undo(_ c: Call) throws(Diagnostic) {
        guard let point = undoStack.last else {
            throw Diagnostic(.error, "nothing to undo in this session", range: c.range,
                             help: "undo reverts statements committed at this prompt or in this script")
        }
        let later: [AuditEntry]
        do { later = try entries(after: point.afterSeq) } catch {
            throw Diagnostic(.error, "cannot read the audit trail to check for other writers: \(error)", range: c.range)
        }
        for entry in later where !ownEntries.contains(entry.seq) {
            if let shared = entry.ids.first(where: point.ids.contains) {
                throw Diagnostic(.error, "\(shared) was changed since by \(entry.user) (#\(entry.seq): `\(entry.statement)`); undoing `\(point.statement)` would lose that change",
                                 range: c.range, help: "look at `history \(shared)` and put things right with new statements")
            }
        }
        if let conflict = register.revertConflict(point.ids, before: point.before, after: point.after) {
            let why: String
            switch conflict {
            case .recordChanged(let id): why = "\(id) has changed since"
            case .unitChanged(let name): why = "unit \(name) has changed since"
            case .clockChanged: why = "the register's clock has moved since"
            case .stillReferenced(let what, let user): why = "\(user.map { "\($0)" } ?? "another unit") now refers to \(what)"
            }
            throw Diagnostic(.error, "cannot undo `\(point.statement)`: \(why)", range: c.range,
                             help: "look at `history` and put things right with new statements")
        }
        register.revert(point.ids, before: point.before, after: point.after)
        register.pendingChanges = [Register.undoChange(of: point.afterSeq, point.statement)]
        register.pendingIDs = point.ids
        undoStack.removeLast()
        if currentMeeting == point.meetingAfter { currentMeeting = point.meetingBefore }
        if c.printing { c.confirm(.text("undone: \(point.statement)")) }
    }

    /// The audit entries after a sequence number: this register's when it holds them, else the
    /// whole trail as the store keeps it.
    func entries(after seq: Int) throws -> [AuditEntry] {
        if let first = register.audit.first, first.seq <= seq + 1 {
            return register.audit.filter { $0.seq > seq }
        }
        return try auditTrail().filter { $0.seq > seq }
    }
}
