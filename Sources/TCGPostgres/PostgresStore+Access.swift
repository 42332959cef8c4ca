import TCGDomain
import TCGStore

/// Identity and access decided by the server (docs/postgresql.md, "Identity and access"): the
/// session's role, what a role without clearance may not do, the lists row-level security hides
/// by, and the words for the server's refusals.
extension PostgresStore {
    /// The database role tcg acts as (`session_user`): the user every audit entry names.
    public func sessionUser() throws(StoreError) -> String {
        try storeErrors { () throws(PGError) in
            try reconnecting { () throws(PGError) in try roleOfSession().name }
        }
    }

    /// The whole register, for `tcg copy`; refused to a role from which row-level security
    /// hides records (a copy would be partial and its audit chain broken).
    public func whole() throws(StoreError) -> Register {
        let register = try open()
        try refuseUnlessEverythingIsSeen(.copy)
        return register
    }

    /// Fills `tcg.hidden` and `tcg.hidden_audit` for the register as it is (`db init`, after
    /// migration 7 on a database that already held a register). Needs clearance.
    public func markHidden() throws(StoreError) {
        try storeErrors { () throws(PGError) in
            let db = try connect()
            try db.exec("BEGIN")
            do throws(PGError) {
                _ = try lockHead()
                try keepHidden(of: try load(inTransaction: true), after: 0, on: db)
                try db.exec("COMMIT")
            } catch {
                _ = try? db.exec("ROLLBACK")
                throw error
            }
        }
    }

    /// What a role needs the whole register for.
    enum WholeRegisterUse { case change, verify, copy }

    /// Refuses a role without clearance when row-level security hides records from it: it
    /// cannot add to the audit chain (each entry seals the whole register), check it, or copy
    /// the register. What it cannot see is unverifiable, not broken.
    func refuseUnlessEverythingIsSeen(_ use: WholeRegisterUse) throws(StoreError) {
        let hidden = try storeErrors { () throws(PGError) -> Int in
            let role = try roleOfSession()
            if role.cleared { return 0 }
            return Int(try connect().exec("SELECT count(*) FROM tcg.hidden").scalar ?? "") ?? 0
        }
        guard hidden > 0, let role else { return }
        let what = "\(hidden) record\(hidden == 1 ? " is" : "s are") hidden from role \(role.name) (OFFICIAL-SENSITIVE, or recorded under such a record)"
        let clearance = "a role in tcg_sensitive may (GRANT tcg_sensitive TO \(role.name))"
        switch use {
        case .change:
            throw StoreError(path: address.shown, message: "\(what): only a role with clearance may change this register",
                             help: "\(clearance); the register was not changed")
        case .verify:
            throw StoreError(path: address.shown, message: "\(what), and the audit entries that name them: the audit trail cannot be verified "
                                 + "by this role (unverifiable, not broken)",
                             help: "\(clearance): run tcg verify as such a role")
        case .copy:
            throw StoreError(path: address.shown, message: "\(what): a copy would leave them out and break its audit chain",
                             help: "\(clearance): copy as such a role; nothing was written")
        }
    }

    /// The session's role and clearance (``role``), connecting first when needed.
    func roleOfSession() throws(PGError) -> (name: String, cleared: Bool) {
        _ = try connect()
        if let role { return role }
        throw PGError(address: address.shown, sqlState: nil, message: "the server did not say which role this session is")
    }

    /// Brings `tcg.hidden` and `tcg.hidden_audit` (migration 7) up to date with `register`: the
    /// records a role without clearance may not read, and the audit entries that name them.
    /// Entries before `after` are looked at again only when the hidden records changed.
    func keepHidden(of register: Register, after: Int, on db: PGConnection) throws(PGError) {
        let now = register.hidden(under: .official)
        let ids = Set(now.records.map(\.description))
        let stored = Set(try db.exec("SELECT id FROM tcg.hidden").rows.compactMap { $0[0] })
        var entries = register.audit[...]
        if ids != stored {
            try db.exec("DELETE FROM tcg.hidden WHERE NOT (id = ANY($1::text[]))", [Self.array(ids.sorted())])
            try db.exec("INSERT INTO tcg.hidden (id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING", [Self.array(ids.sorted())])
        } else {
            entries = register.audit[min(after, register.audit.count)...]
        }
        if ids.isEmpty && stored.isEmpty { return }
        let seqs = entries.filter { Register.hides($0, hidden: now.records, names: now.names) }.map { String($0.seq) }
        if entries.startIndex == register.audit.startIndex {
            try db.exec("DELETE FROM tcg.hidden_audit WHERE NOT (seq = ANY($1::integer[]))", [Self.array(seqs)])
        }
        try db.exec("INSERT INTO tcg.hidden_audit (seq) SELECT unnest($1::integer[]) ON CONFLICT DO NOTHING", [Self.array(seqs)])
    }

    /// A PostgreSQL array literal of plain words (ids, numbers).
    static func array(_ words: [String]) -> String { "{" + words.joined(separator: ",") + "}" }

    /// For the server's "permission denied for table T": which role the change needs (exit 3).
    func denied(_ error: PGError) -> String? {
        let prefix = "permission denied for table "
        let who = role.map { "role \($0.name)" } ?? "this role"
        // Row-level security on tcg.hidden (migration 7): only a cleared role may hide records.
        if error.sqlState == "42501", error.message.contains("row-level security policy for table \"hidden") {
            return "\(who) may not mark a record OFFICIAL-SENSITIVE (nor record under one): that needs clearance, tcg_sensitive (SQLSTATE 42501)"
        }
        guard error.sqlState == "42501", error.message.hasPrefix(prefix) else { return nil }
        let table = error.message.dropFirst(prefix.count).prefix { $0.isLetter || $0 == "_" }
        switch table {
        case _ where PGSchema.managerTables.contains(String(table)), "register_head":
            let what = table == "register_head" ? "the scoring scheme" : table == "units" ? "units or their policy" : "the control strategy (\(table))"
            return "\(who) may not change \(what): that needs tcg_manager (SQLSTATE 42501)"
        default:
            return "\(who) may not change the register (table \(table)): recording business needs tcg_tasker, the control strategy tcg_manager (SQLSTATE 42501)"
        }
    }
}
