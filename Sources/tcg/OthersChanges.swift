import TCGDomain

/// At the prompt: the changes other sessions committed since this session's last statement,
/// in a line said before the next statement runs ("2 changes by ann since your last statement").
enum OthersChanges {
    /// The line for the audit entries of `fresh` after entry `seen`, or nil when there are none.
    /// Under a marking ceiling (the lower of `flag` and the register's own) only entries the
    /// session may see are counted, so hidden business leaves no trace.
    static func note(in fresh: Register, since seen: Int, flag: Marking?) -> String? {
        guard fresh.lastAuditSeq > seen else { return nil }
        var entries = fresh.audit.filter { $0.seq > seen }
        if entries.first?.seq != seen + 1, let all = try? fresh.fullAudit() { entries = all.filter { $0.seq > seen } }
        let ceiling = [flag, fresh.maxMarking].compactMap { $0 }.min()
        if let ceiling {
            let view = fresh.visible(under: ceiling)
            entries = entries.filter { view.shows($0) }
        }
        guard !entries.isEmpty else { return nil }
        var users: [String] = []
        for entry in entries where !users.contains(entry.user) { users.append(entry.user) }
        let who = users.count == 1 ? users[0] : users.dropLast().joined(separator: ", ") + " and " + (users.last ?? "")
        return "note: \(entries.count) change\(entries.count == 1 ? "" : "s") by \(who) since your last statement"
    }
}
