import TCGDomain
import TCGJSON

/// A register kept up to date from rows: the audit entries another writer appended and the rows
/// of the records they name, applied as the JSON store applies a journal line (the same decoder,
/// ``JournalEntry/apply(to:)`` and the same checks), so that a database store need not read
/// every table again after each commit by someone else.
extension RegisterRows {
    /// The audit entries `rows` hold, decoded as the workspace decodes them (their columns are
    /// checked by ``requireColumns(_:match:name:)``).
    public static func auditEntries(_ rows: [AuditRow], name: String) throws(StoreError) -> [AuditEntry] {
        guard !rows.isEmpty else { return [] }
        var only = RegisterRows()
        only.audit = rows
        return try only.journalEntry(base: 0, name: name).audit
    }

    /// Refuses an audit row whose decoded entry has another seq, user or hash than the row's
    /// columns: a row written outside tcg (the server no longer checks it, to write faster).
    public static func requireColumns(_ rows: [AuditRow], match entries: some Collection<AuditEntry>, name: String) throws(StoreError) {
        guard rows.count == entries.count else {
            throw StoreError(path: name, message: "the audit table holds \(rows.count) rows but \(entries.count) entries were read from them: "
                                 + "it was written outside tcg", help: columnsHelp)
        }
        for (row, entry) in zip(rows, entries) where row.seq != entry.seq || row.user != entry.user || row.hash != entry.hash {
            let what = row.seq != entry.seq ? "seq \(entry.seq)" : row.user != entry.user ? "user \"\(entry.user)\"" : "hash \(entry.hash)"
            throw StoreError(path: name, message: "the audit row with seq \(row.seq) and user \"\(row.user)\" holds an entry with \(what): "
                                 + "it was written outside tcg", help: columnsHelp)
        }
    }

    /// The advice given with a refused audit row.
    private static var columnsHelp: String {
        "a row of tcg.audit says otherwise than the entry it holds; restore the database from a backup, "
            + "or correct the row so that its seq and user are its entry's; nothing was changed"
    }

    /// Applies these rows, a change read back from a store, to `register`, whose audit trail
    /// they continue: the audit entries appended; the records written (whole); every other
    /// record the entries name removed when `register` has it (absent from the rows means
    /// removed, as `undo` removes what a statement created); the clock, marking, id counters
    /// and schemes; the units only when ``unitsChanged``. Throws, leaving `register` as it was,
    /// when the rows do not apply or leave the register inconsistent.
    public func apply(to register: inout Register, name: String) throws(StoreError) {
        var entry = try journalEntry(base: register.lastAuditSeq, name: name)
        if !unitsChanged { entry.units = Array(register.units) }
        var absent = Absent(register: register, named: Set(entry.audit.flatMap(\.ids)), entry: entry)
        absent.visitAll()
        entry.deleted = absent.removed
        var changed = register
        if let problem = entry.apply(to: &changed) ?? WorkspaceValidator.problem(in: changed, after: entry) {
            throw StoreError(path: name, message: "the changes read back do not fit the register: \(problem)",
                             help: "the whole register is read again instead")
        }
        changed.reindex()
        register = changed
    }

    /// The digest of `register`'s units as the rows hold them (each unit's JSON, a newline
    /// after each): a store compares it with its own to read the units only when they changed.
    public static func unitsDigest(of register: Register) -> String {
        SHA256.hex(state(of: register).units.flatMap { Array($0.utf8) + [0x0A] })
    }

    /// The rows as one journal line (docs/workspace.md) continuing the audit trail from entry
    /// `base`, decoded by the journal's own decoder and checks.
    private func journalEntry(base: Int, name: String) throws(StoreError) -> JournalEntry {
        var line = "{\"seq\":1,\"base\":\(base)"
        if let clock { line += ",\"clock\":" + Self.quoted(clock) }
        if let maxMarking { line += ",\"max_marking\":" + Self.quoted(maxMarking) }
        if let schemes { line += ",\"scoring_schemes\":\(schemes)" }
        line += ",\"last_ids\":\(lastIDs),\"units\":[\(unitsChanged ? units.joined(separator: ",") : "")],\"upsert\":{"
        var table = 0
        for kind in RecordKind.allCases {
            let rows = records.filter { $0.key.table == kind.arrayName }.sorted { $0.number < $1.number }
            guard !rows.isEmpty else { continue }
            line += (table == 0 ? "" : ",") + "\"\(kind.arrayName)\":[" + rows.map(\.json).joined(separator: ",") + "]"
            table += 1
        }
        line += "},\"audit\":[" + audit.map(\.json).joined(separator: ",") + "]}"
        do {
            return try WorkspaceDecoder.journalEntry(Array(line.utf8))
        } catch {
            throw StoreError(path: name, message: "the changes read back are damaged: column \(error.column): \(error.message)",
                             help: "the whole register is read again instead")
        }
    }

    /// The records the new audit entries name that the rows do not hold and the register does:
    /// removed since.
    private struct Absent: RecordKindVisitor {
        let register: Register
        let named: Set<RecordID>
        let entry: JournalEntry
        var removed: [RecordID] = []

        mutating func visit<T: StoredRecord>(_ type: T.Type) {
            let written = Set(entry[keyPath: T.inEntry].map(\.number))
            let list = register[keyPath: T.inRegister]
            for id in named.sorted() where id.kind == T.recordKind && !written.contains(id.number) && list.index(ofNumber: id.number) != nil {
                removed.append(id)
            }
        }
    }
}

extension RecordRow.Key {
    /// The row of record `id`: its kind's table.
    public init(_ id: RecordID) {
        self.init(table: id.kind.arrayName, id: id.description)
    }
}
