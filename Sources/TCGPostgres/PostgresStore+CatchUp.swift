import TCGDomain
import TCGStore

/// Catching up with other writers (docs/postgresql.md, "Commits and concurrency"): when the
/// head's version moved past the cached register's, only the audit entries appended since are
/// read, with the rows of the records they name, the head's small state and the units when they
/// changed, and applied to the cached register as the JSON store applies a journal line. Every
/// table is read again (``load(inTransaction:)``) whenever the catch-up cannot be sure.
extension PostgresStore {
    /// The register as stored now: the cached one caught up (``caughtUp(inTransaction:)``), or
    /// every table read again.
    func current(inTransaction: Bool = false) throws(PGError) -> Register {
        if let register = try caughtUp(inTransaction: inTransaction) { return register }
        return try load(inTransaction: inTransaction)
    }

    /// The cached register with the changes committed since applied, read in one snapshot (the
    /// open transaction's when `inTransaction`) and kept as ``cached``. Nil when it cannot be
    /// sure and the whole register must be read: nothing cached; a role without clearance (what
    /// row-level security hides may change under it); writes outside tcg counted since; the
    /// cached register's last audit entry not the database's entry at that seq (hashes
    /// compared); more new entries than the register holds (reading it all is as cheap); or
    /// rows that do not decode or apply. An audit row written outside tcg is refused.
    func caughtUp(inTransaction: Bool = false) throws(PGError) -> Register? {
        let db = try connect()
        guard let cached, role?.cleared == true, cached.register.earlierAudit == nil, let last = cached.register.audit.last else { return nil }
        if !inTransaction { try db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
        do throws(PGError) {
            let found = try changes(after: last, from: cached, in: db)
            if !inTransaction { try db.exec("COMMIT") }
            guard let found else { return nil }
            var register = cached.register
            do throws(StoreError) { try found.rows.apply(to: &register, name: address.shown) } catch { return nil }
            self.cached = (found.state, register)
            return register
        } catch {
            if !inTransaction { _ = try? db.exec("ROLLBACK") }
            throw error
        }
    }

    /// What changed in the database after audit entry `last`, the cached register's: the head's
    /// state and the rows to apply; nil when the catch-up cannot be sure (``caughtUp(inTransaction:)``).
    /// Two round trips: the head with the new audit rows, then the records they name.
    private func changes(after last: AuditEntry, from cached: (state: HeadState, register: Register),
                         in db: PGConnection) throws(PGError) -> (state: HeadState, rows: RegisterRows)? {
        let found = try db.exec(Self.headAndAudit, [String(last.seq), String(cached.register.audit.count)]).rows
        guard let h = found.first(where: { $0.first == "head" }), h.count == 9, let version = h[1].flatMap({ Int($0) }),
              let outside = h[2].flatMap({ Int($0) }), let lastSeq = h[3].flatMap({ Int($0) }) else { throw damagedHead() }
        let state = HeadState(version: version, outside: outside)
        guard outside == cached.state.outside, lastSeq > last.seq, lastSeq - last.seq <= cached.register.audit.count else { return nil }
        let audit = found.filter { $0.first == "audit" }.map {
            AuditRow(seq: Int($0[1] ?? "") ?? 0, hash: $0[2] ?? "", user: $0[3] ?? "", json: $0[4] ?? "")
        }.sorted { $0.seq < $1.seq }
        guard audit.first?.seq == last.seq, audit.first?.hash == last.hash, audit.count == lastSeq - last.seq + 1, audit.last?.seq == lastSeq else { return nil }
        var rows = RegisterRows()
        rows.audit = Array(audit.dropFirst())
        guard let entries = try? RegisterRows.auditEntries(rows.audit, name: address.shown) else { return nil }
        try requireAuditColumns(rows.audit, match: entries)
        rows.clock = h[4]
        rows.maxMarking = h[5]
        rows.lastIDs = h[6] ?? "{}"
        rows.schemes = h[7]
        rows.unitsChanged = h[8] != RegisterRows.unitsDigest(of: cached.register)
        if rows.unitsChanged { rows.units = try db.exec("SELECT doc FROM tcg.units ORDER BY position").rows.compactMap { $0[0] } }
        rows.records = try records(named: Set(entries.flatMap(\.ids)), in: db)
        return (state, rows)
    }

    /// The head row (tagged `head`: version, writes outside tcg, last seq, clock, marking, id
    /// counters, schemes and the units' digest) and the audit rows (tagged `audit`: seq, hash,
    /// user, doc) from seq `$1` on, at most `$2` of them after it, in one snapshot.
    private static let headAndAudit = """
        SELECT 'head', version::text, outside_changes::text, last_seq::text, to_char(clock, 'YYYY-MM-DD'), max_marking::text,
            last_ids::text, scoring_schemes::text,
            (SELECT encode(sha256(convert_to(coalesce(string_agg(doc || chr(10), '' ORDER BY position), ''), 'UTF8')), 'hex') FROM tcg.units)
        FROM tcg.register_head
        UNION ALL
        SELECT 'audit', seq::text, hash, "user", doc, NULL, NULL, NULL, NULL FROM tcg.audit
        WHERE seq >= $1::integer AND seq <= $1::integer + $2::integer
        """

    /// The rows of the records `ids` names that the database holds, in one query.
    private func records(named ids: Set<RecordID>, in db: PGConnection) throws(PGError) -> [RecordRow] {
        var byTable: [String: [String]] = [:]
        for id in ids { byTable[RecordRow.Key(id).table, default: []].append(id.description) }
        let tables = RegisterRows.tables.filter { byTable[$0] != nil }
        guard !tables.isEmpty else { return [] }
        let query = tables.enumerated().map { "SELECT '\($0.element)', id, number, doc FROM tcg.\($0.element) WHERE id = ANY($\($0.offset + 1)::text[])" }
        let found = try db.exec(query.joined(separator: " UNION ALL "), tables.map { Self.array(byTable[$0]?.sorted() ?? []) })
        return found.rows.map {
            RecordRow(key: RecordRow.Key(table: $0[0] ?? "", id: $0[1] ?? ""), number: Int($0[2] ?? "") ?? 0, json: $0[3] ?? "")
        }
    }

    /// Refuses audit rows whose entries have another seq, user or hash than their columns:
    /// rows written outside tcg (migration 8 no longer has the server check it).
    func requireAuditColumns(_ rows: [AuditRow], match entries: some Collection<AuditEntry>) throws(PGError) {
        do throws(StoreError) { try RegisterRows.requireColumns(rows, match: entries, name: address.shown) } catch {
            throw PGError(address: address.shown, sqlState: nil, message: error.message)
        }
    }
}
