import TCGDomain
import TCGStore

/// The register kept in a PostgreSQL database made by `tcg db init` (docs/postgresql.md).
///
/// Each record is a row holding the JSON a workspace file would hold for it (``RegisterRows``),
/// so reading the tables back gives exactly the register a workspace would, audit chain and
/// all. The `register_head` row carries a version that every commit raises by one.
///
/// A transaction locks the head row (`SELECT … FOR UPDATE`, so writers in any number of
/// processes take turns, as with a workspace's lock), reads the tables again only when the
/// version moved since this instance last looked, runs the statements in memory, and writes
/// only the records the new audit entries name, the entries themselves and the head — with
/// `UPDATE … WHERE version = old`, which must change exactly one row. The statements run once:
/// they are never retried, since what they print is promised only after the commit.
public final class PostgresStore: RegisterStore {
    /// The database.
    public let address: PGAddress
    /// How long a transaction waits for another writer, in seconds.
    public let lockTimeout: Double
    /// How audit entries seal records; keyed with `TCG_AUDIT_KEY_FILE`'s key when tcg has one.
    public var seal = WorkspaceSeal()
    /// How long one SQL statement may run before the server cancels it, in seconds, so that a
    /// stuck server cannot hang the REPL.
    public var statementTimeout: Double = 30
    private var connection: PGConnection?
    /// The database role this session is (`session_user`) and whether it holds clearance for
    /// OFFICIAL-SENSITIVE (`tcg_sensitive`), as found when the connection was made.
    private(set) var role: (name: String, cleared: Bool)?
    /// Whether row-level security applies to this session's role (it does not to the schema's
    /// owner), which decides how rows are inserted (``insert(_:into:_:_:tick:_:)``).
    private var rowSecurity = true
    /// The register as of the head's `state` (its version and count of writes outside tcg),
    /// as this instance last read or wrote it.
    var cached: (state: HeadState, register: Register)?

    /// A store for the database at `address`; nothing is read until it is used.
    public init(address: PGAddress, lockTimeout: Double = 10) {
        self.address = address
        self.lockTimeout = lockTimeout
    }

    /// The register as stored now.
    public func open() throws(StoreError) -> Register {
        try storeErrors { () throws(PGError) in
            let state = try reconnecting { () throws(PGError) in try headState() }
            if let cached, cached.state == state { return cached.register }
            return try current()
        }
    }

    /// The register when another writer changed it since this instance last looked, else nil.
    public func refresh() throws(StoreError) -> Register? {
        try storeErrors { () throws(PGError) in
            let state = try reconnecting { () throws(PGError) in try headState() }
            if let cached, cached.state == state { return nil }
            return try current()
        }
    }

    /// Runs `body` on the latest register with the head row locked; writes what it changed.
    /// Refuses (nothing run) when the audit chain was changed outside tcg and is broken.
    /// See ``RegisterStore/transaction(_:)``.
    public func transaction<T>(_ body: (inout Register) throws -> T) throws -> T {
        try locked(checking: true, body)
    }

    /// `tcg verify --accept`: with the head row locked, checks the trail and, when something is
    /// wrong, appends an entry by `user` that lists every break it accepts and seals every record
    /// as it is now. Returns the check and the entry, or the check alone when there was nothing
    /// to accept.
    public func acceptBreaks(user: String, day: Day?) throws -> (check: AuditCheck, entry: AuditEntry?) {
        try locked(checking: false) { (register: inout Register) throws -> (check: AuditCheck, entry: AuditEntry?) in
            let check = try AuditCheck.of(register, key: seal.key, name: address.shown)
            if check.keyedUnchecked > 0 {
                throw StoreError(path: address.shown, message: "the audit chain is keyed (HMAC) and tcg has no key: it cannot be checked, so no break can be accepted",
                                 help: "set TCG_AUDIT_KEY_FILE to the key file (mode 0600) and try again; the register was not changed")
            }
            guard let entry = check.acceptance(of: register, user: user, day: day) else { return (check, nil) }
            register.appendAudit(entry)
            return (check, register.audit.last)
        }
    }

    /// Runs `body` on the latest register with the head row locked and commits what it changed.
    /// When writes outside tcg were counted since the chain was last found intact, the chain is
    /// checked first (`checking`; refused when broken) or left to `body` (`verify --accept`),
    /// and the count is marked checked in the same transaction.
    private func locked<T>(checking: Bool, _ body: (inout Register) throws -> T) throws -> T {
        let db = try storeErrors { () throws(PGError) in
            try reconnecting { () throws(PGError) in
                let db = try connect()
                try db.exec("BEGIN ISOLATION LEVEL READ COMMITTED")
                return db
            }
        }
        try storeErrors { () throws(PGError) in
            try db.exec("SELECT set_config('lock_timeout', $1, true)", ["\(Int(lockTimeout * 1000))ms"])
        }
        do {
            let head = try storeErrors { () throws(PGError) in
                do throws(PGError) {
                    return try lockHead()
                } catch where error.sqlState == "42501" {
                    let who = role.map { "role \($0.name)" } ?? "this role"
                    throw PGError(address: address.shown, sqlState: error.sqlState,
                                  message: "\(who) may only read this register: changing it needs tcg_tasker (business) or tcg_manager (control strategy)")
                } catch where error.sqlState == "55P03" {
                    throw PGError(address: address.shown, sqlState: error.sqlState,
                                  message: "another writer has held the register for \(Int(lockTimeout)) s (lock timeout)")
                }
            }
            try refuseUnlessEverythingIsSeen(.change)
            let old: Register
            if let cached, cached.state == head.state { old = cached.register } else { old = try storeErrors { () throws(PGError) in try current(inTransaction: true) } }
            if head.state.outside != head.checked {
                if checking { try requireIntact(old) }
                try storeErrors { () throws(PGError) in
                    try db.exec("SELECT set_config('tcg.committing', 'on', true)")
                    try db.exec("UPDATE tcg.register_head SET checked_outside = $1", [String(head.state.outside)])
                }
            }
            var register = old
            sending = Sending(sent: old, db: db)
            let result = try body(&register)
            if register.auditCount != old.auditCount {
                try storeErrors { () throws(PGError) in try write(from: old, to: register, version: head.state.version, on: db) }
            } else {
                sending = nil
            }
            try storeErrors { () throws(PGError) in try db.exec("COMMIT") }
            if register.auditCount != old.auditCount {
                register.pendingChanges = []
                register.pendingIDs = []
                cached = (HeadState(version: head.state.version + 1, outside: head.state.outside), register)
            }
            return result
        } catch {
            // What was sent ahead has run (or failed) before the rollback.
            try? sending?.db.drain()
            sending = nil
            _ = try? db.exec("ROLLBACK")
            if !db.isOpen { connection = nil }
            cached = nil
            throw error
        }
    }

    /// Refuses to add to an audit chain that is broken and not accepted, or keyed when tcg has
    /// no key (as a workspace file does).
    private func requireIntact(_ register: Register) throws {
        let check = try AuditCheck.of(register, key: seal.key, name: address.shown)
        if let first = check.unaccepted.first {
            let more = check.unaccepted.count > 1 ? " (and \(check.unaccepted.count - 1) more)" : ""
            throw StoreError(path: address.shown, message: "the audit trail is broken at entry \(first.seq): \(first.message)\(more); "
                                 + "the register is read-only until a person accepts the break",
                             help: "`tcg verify` lists every break; `tcg verify --accept` records in the audit trail that you accept them, "
                                 + "after which changes are saved again; the register was not changed")
        }
        if check.keyedUnchecked > 0 || (register.audit.last?.keyed == true && seal.key == nil) {
            throw StoreError(path: address.shown, message: "the audit chain is keyed (HMAC) and tcg has no key: refusing to add to it",
                             help: "set TCG_AUDIT_KEY_FILE to the key file (mode 0600) and try again; the register was not changed")
        }
    }

    /// Whether the register holds nothing yet: no audit entry and no record (a copy's target).
    public func isEmpty() throws(StoreError) -> Bool {
        try storeErrors { () throws(PGError) in
            let db = try connect()
            let found = try db.exec("SELECT version, last_seq FROM tcg.register_head")
            return found.rows.first.map { $0[0] == "0" && $0[1] == "0" } ?? true
        }
    }

    /// Stores `register` whole in an empty database (``isEmpty()``); refuses one that holds a
    /// register. Used by `tcg copy`.
    public func create(from register: Register) throws(StoreError) {
        try storeErrors { () throws(PGError) in
            let db = try connect()
            try db.exec("BEGIN")
            do throws(PGError) {
                let head = try db.exec("SELECT version, last_seq FROM tcg.register_head FOR UPDATE")
                guard head.rows.first.map({ $0[0] == "0" && $0[1] == "0" }) == true else {
                    throw PGError(address: address.shown, sqlState: nil, message: "already holds a register: tcg copy never writes over one")
                }
                let rows: RegisterRows
                do throws(StoreError) { rows = try RegisterRows.all(of: register) } catch {
                    throw PGError(address: address.shown, sqlState: nil, message: error.message)
                }
                try write(rows, version: 0, on: db)
                // Read back: a register from a file may keep the start of its audit trail on disk.
                try keepHidden(of: try load(inTransaction: true), after: 0, on: db)
                try db.exec("COMMIT")
            } catch {
                _ = try? db.exec("ROLLBACK")
                throw error
            }
        }
        cached = nil
    }

    /// Runs `body` in one read-only snapshot of the database, without reading the register: for
    /// a query answered in SQL over the tables' columns (`count … where`), which needs a few
    /// rows rather than the whole register.
    public func reading<T>(_ body: (PGConnection) throws(PGError) -> T) throws(StoreError) -> T {
        try storeErrors { () throws(PGError) in
            let db = try reconnecting { () throws(PGError) in
                let db = try connect()
                try db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                return db
            }
            do throws(PGError) {
                let result = try body(db)
                try db.exec("COMMIT")
                return result
            } catch {
                _ = try? db.exec("ROLLBACK")
                throw error
            }
        }
    }

    /// Checks the whole audit trail and the records it seals, telling `progress` how far it is;
    /// refused to a role that cannot see all of it (``refuseUnlessEverythingIsSeen(_:)``).
    public func check(progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws(StoreError) -> AuditCheck {
        let register = try open()
        try refuseUnlessEverythingIsSeen(.verify)
        return try AuditCheck.of(register, key: seal.key, name: address.shown, progress: progress)
    }

    // MARK: Reading and writing

    /// The connection, opened (and the schema checked) on first use or after it was lost.
    func connect() throws(PGError) -> PGConnection {
        if let connection, connection.isOpen { return connection }
        connection = nil
        let db = try PGConnection(address)
        let version = try PGSchema.installedVersion(db)
        guard version > 0 else {
            throw PGError(address: address.shown, sqlState: nil, message: "holds no tcg register (no tcg schema): run tcg db init \(address.shown) first")
        }
        guard version <= PGSchema.version else {
            throw PGError(address: address.shown, sqlState: nil,
                          message: "has tcg schema version \(version); this tcg knows versions up to \(PGSchema.version): use a newer tcg")
        }
        if version < PGSchema.version {
            throw PGError(address: address.shown, sqlState: nil,
                          message: "has tcg schema version \(version), older than this tcg's \(PGSchema.version): run tcg db init \(address.shown) to migrate it")
        }
        try db.exec("SELECT set_config('statement_timeout', $1, false)", ["\(Int(statementTimeout * 1000))ms"])
        let found = try db.exec("SELECT session_user, \(PGSchema.cleared), row_security_active('tcg.audit')")
        guard let row = found.rows.first, row.count == 3, let name = row[0] else {
            throw PGError(address: address.shown, sqlState: nil, message: "the server did not say which role this session is")
        }
        role = (name, row[1] == "t")
        rowSecurity = row[2] != "f"
        connection = db
        return db
    }

    /// Runs `body`, the first statement of a unit of work, again on a new connection when it
    /// failed because the connection was lost (the server restarted, or ended an idle
    /// session): nothing had run yet, so nothing can be applied twice.
    func reconnecting<T>(_ body: () throws(PGError) -> T) throws(PGError) -> T {
        do {
            return try body()
        } catch {
            guard let connection, !connection.isOpen else { throw error }
            self.connection = nil
            return try body()
        }
    }

    /// The head row's version and count of writes made outside tcg: a register read at another
    /// state is read again.
    struct HeadState: Equatable {
        var version: Int
        var outside: Int
    }

    /// The head's state now.
    private func headState() throws(PGError) -> HeadState {
        let found = try connect().exec("SELECT version, outside_changes FROM tcg.register_head")
        guard let row = found.rows.first, row.count == 2, let version = row[0].flatMap({ Int($0) }),
              let outside = row[1].flatMap({ Int($0) }) else { throw damagedHead() }
        return HeadState(version: version, outside: outside)
    }

    /// Locks the head row until the transaction ends; its state, and the count of writes
    /// outside tcg at which the chain was last found intact.
    func lockHead() throws(PGError) -> (state: HeadState, checked: Int) {
        let found = try connect().exec("SELECT version, outside_changes, checked_outside FROM tcg.register_head FOR UPDATE")
        guard let row = found.rows.first, row.count == 3, let version = row[0].flatMap({ Int($0) }),
              let outside = row[1].flatMap({ Int($0) }), let checked = row[2].flatMap({ Int($0) }) else { throw damagedHead() }
        return (HeadState(version: version, outside: outside), checked)
    }

    /// The error for a change that is not the register with audit entries appended.
    private func notAppended() -> PGError {
        PGError(address: address.shown, sqlState: nil,
                message: "refusing to save: the change does not append to the audit trail (this is a bug in tcg; nothing was saved)")
    }

    /// The error for a database whose head row is missing.
    func damagedHead() -> PGError {
        PGError(address: address.shown, sqlState: nil, message: "the register_head row is missing: the database is damaged")
    }

    /// Reads every table (in one snapshot) into a register and keeps it as ``cached``.
    func load(inTransaction: Bool = false) throws(PGError) -> Register {
        let db = try connect()
        if !inTransaction { try db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
        do throws(PGError) {
            var rows = RegisterRows()
            let head = try db.exec("SELECT version, to_char(clock, 'YYYY-MM-DD'), max_marking, last_ids, outside_changes, scoring_schemes FROM tcg.register_head")
            guard let h = head.rows.first, h.count == 6, let version = h[0].flatMap({ Int($0) }), let outside = h[4].flatMap({ Int($0) }) else {
                throw damagedHead()
            }
            rows.clock = h[1]
            rows.maxMarking = h[2]
            rows.lastIDs = h[3] ?? "{}"
            rows.schemes = h[5]
            rows.units = try db.exec("SELECT doc FROM tcg.units ORDER BY position").rows.compactMap { $0[0] }
            for table in RegisterRows.tables {
                for row in try db.exec("SELECT id, number, doc FROM tcg.\(table) ORDER BY number").rows {
                    rows.records.append(RecordRow(key: RecordRow.Key(table: table, id: row[0] ?? ""), number: Int(row[1] ?? "") ?? 0, json: row[2] ?? ""))
                }
            }
            for row in try db.exec("SELECT seq, hash, \"user\", doc FROM tcg.audit ORDER BY seq").rows {
                rows.audit.append(AuditRow(seq: Int(row[0] ?? "") ?? 0, hash: row[1] ?? "", user: row[2] ?? "", json: row[3] ?? ""))
            }
            if !inTransaction { try db.exec("COMMIT") }
            var register: Register
            do throws(StoreError) { register = try rows.register(name: address.shown) } catch {
                throw PGError(address: address.shown, sqlState: nil, message: error.message)
            }
            try requireAuditColumns(rows.audit, match: register.audit)
            register.seal = seal
            if role?.cleared == false {
                let hidden = try db.exec("SELECT id FROM tcg.hidden").rows.compactMap { $0[0].flatMap(RecordID.init) }
                if !hidden.isEmpty { register = register.withholding(Set(hidden), names: [], under: .official) }
            }
            cached = (HeadState(version: version, outside: outside), register)
            return register
        } catch {
            if !inTransaction { _ = try? db.exec("ROLLBACK") }
            throw error
        }
    }

    /// Writes the change from `old` to `new` in the open transaction on `db` and raises the
    /// head's version from `version`: what ``sendAhead(entries:_:)`` has not sent yet, once what it
    /// sent has run.
    private func write(from old: Register, to new: Register, version: Int, on db: PGConnection) throws(PGError) {
        // The parts sent ahead are still being written while the last one is made (`tick`).
        let part = sending
        sending = nil
        let sent = part?.sent ?? old
        let tick: (() -> Void)? = part.map { part in { _ = try? part.db.pump() } }
        var rows: RegisterRows
        if sent.auditCount == new.auditCount, sent.audit.last == new.audit.last {
            rows = RegisterRows.state(of: new)
            rows.unitsChanged = false
        } else if let change = RegisterRows.change(from: sent, to: new, tick: tick) {
            rows = change
        } else {
            if part != nil { try db.drain() }
            throw notAppended()
        }
        rows.schemesChanged = old.schemes != new.schemes
        if let part {
            if part.failure == nil { try db.enqueue(writes(for: rows, tick: tick)) }
            try db.drain()
            if let failure = part.failure { throw failure }
        } else {
            try writeRows(rows, on: db)
        }
        try writeHead(rows, last: new.audit.last.map { ($0.seq, $0.hash) }, version: version, on: db)
        try keepHidden(of: new, after: old.audit.count, on: db)
    }

    /// A script's transaction while it runs: the register as last sent to the server (written
    /// in the transaction, not committed), and why a part could not be sent.
    private struct Sending {
        var sent: Register
        let db: PGConnection
        /// Why a part could not be sent; nothing more is sent after it.
        var failure: PGError?
    }

    /// The transaction running, while its body runs.
    private var sending: Sending?

    /// Audit entries a transaction appends before what it changed so far is sent ahead.
    public var entriesPerSend = 8000
    /// When ``sendAhead(entries:_:)`` last moved the queue on (``MonotonicClock/seconds()``).
    private var lastPump = 0.0

    /// Parts sent ahead (``sendAhead(entries:_:)``) since this store was made.
    public private(set) var partsSent = 0

    /// Between two statements of a transaction's body: once ``entriesPerSend`` audit entries
    /// were appended since the last part sent, queues the statements writing the records and
    /// entries they changed, and a check of their foreign keys, without waiting for them
    /// (``PGConnection/enqueue(_:)``), so that the server writes them while the statements go
    /// on; after each statement in between, moves on what is on its way. All in the transaction:
    /// nothing is committed before the body returns, and nothing stays when it throws. A part
    /// that fails fails the commit.
    public func sendAhead(entries: Int, _ register: () -> Register) {
        // Most statements only move the queue on: neither the register nor the part in
        // `sending` is copied for them.
        guard let db = sending?.db, sending?.failure == nil, let sentCount = sending?.sent.auditCount else { return }
        if entries - sentCount < entriesPerSend {
            // Moving the queue on costs a system call or two: a statement takes some 15 µs,
            // and the socket holds far more than the server reads in 0.2 ms.
            let now = MonotonicClock.seconds()
            guard now - lastPump >= 0.000_2 else { return }
            lastPump = now
            do throws(PGError) {
                if let failure = db.queueFailure { throw failure }
                try db.pump()
            } catch {
                sending?.failure = error
            }
            return
        }
        guard var part = sending else { return }
        sending = nil
        defer { sending = part }
        do throws(PGError) {
            if let failure = part.db.queueFailure { throw failure }
            // The server goes on with what is queued while the part is made: between two statements
            // it waits for tcg to start the next.
            let db = part.db
            let tick = { _ = try? db.pump() }
            let register = register()
            guard let rows = RegisterRows.change(from: part.sent, to: register, tick: tick) else {
                throw notAppended()
            }
            // The foreign keys are checked as each part is written, rather than all at the commit.
            try part.db.enqueue(writes(for: rows, tick: tick) + [.exec("SET CONSTRAINTS ALL IMMEDIATE", []), .exec("SET CONSTRAINTS ALL DEFERRED", [])])
            part.sent = register
            partsSent += 1
        } catch {
            // Nothing more is sent, and the commit reports the failure.
            part.failure = error
        }
    }

    /// Writes `rows` (records, removals, units when changed, audit entries) and the head.
    private func write(_ rows: RegisterRows, version: Int, on db: PGConnection) throws(PGError) {
        try writeRows(rows, on: db)
        try writeHead(rows, last: rows.audit.last.map { ($0.seq, $0.hash) }, version: version, on: db)
    }

    /// Writes `rows`' records, removals, units (when changed) and audit entries in the
    /// transaction open on `db`; the head is left as it is.
    func writeRows(_ rows: RegisterRows, on db: PGConnection) throws(PGError) {
        try send(writes(for: rows), on: db)
    }

    /// One statement of a write.
    typealias Write = PGConnection.Queued

    /// Runs `writes` in order on `db`.
    func send(_ writes: [Write], on db: PGConnection) throws(PGError) {
        for write in writes {
            switch write {
            case .exec(let sql, let parameters): try db.exec(sql, parameters)
            case .copy(let sql, let rows): try db.copy(sql, rows)
            }
        }
    }

    /// The statements that write `rows`' records, removals, units (when changed) and audit
    /// entries; made without the server, so that a part sent ahead is made while the part
    /// before it is being written (`tick`, called every few hundred rows, moves that on).
    func writes(for rows: RegisterRows, tick: (() -> Void)? = nil) -> [Write] {
        // tcg's own writes: not counted as changes made outside tcg (migration 2).
        var writes: [Write] = [.exec("SELECT set_config('tcg.committing', 'on', true)", [])]
        if rows.unitsChanged {
            writes.append(.exec("DELETE FROM tcg.units", []))
            for (position, unit) in rows.units.enumerated() {
                writes.append(.exec("INSERT INTO tcg.units (position, doc) VALUES ($1, $2)", [String(position), unit]))
            }
        }
        for key in rows.deleted {
            writes.append(.exec("DELETE FROM tcg.\(key.table) WHERE id = $1", [key.id]))
        }
        // New rows are inserted (by COPY when many: a 100,000-action script writes some 300,000
        // rows); records that exist already are upserted. Each goes with its columns
        // (migration 8), read from its JSON here.
        var tables: [String] = [], added: [String: [RecordRow]] = [:], changed: [String: [RecordRow]] = [:]
        for record in rows.records {
            let table = record.key.table
            if added[table] == nil, changed[table] == nil { tables.append(table) }
            if record.isNew {
                added[table, default: []].append(record)
            } else {
                changed[table, default: []].append(record)
            }
        }
        for table in tables {
            let columns = PGSchema.columns[table] ?? []
            let names = ["id", "number", "doc"] + columns.map(\.name)
            let paths = columns.map(\.path)
            func values(_ record: RecordRow) -> [String?] { Self.values(of: record, at: paths) }
            if let new = added[table] {
                let types: [PGCopyRows.Column] = [.text, .integer, .text] + columns.map(\.copied)
                writes += insert(new, into: table, names.joined(separator: ", "), types, tick: tick, values)
            }
            // One row per id: an upsert may not touch a row twice in one statement.
            var last: [String: Int] = [:]
            let records = changed[table] ?? []
            for (i, record) in records.enumerated() { last[record.key.id] = i }
            let unique = records.enumerated().filter { last[$0.element.key.id] == $0.offset }.map(\.element)
            let replaced = names.dropFirst().map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
            writes += Self.inserts(unique, into: table, names.joined(separator: ", "), then: " ON CONFLICT (id) DO UPDATE SET \(replaced)", values)
        }
        writes += insert(rows.audit, into: "audit", "seq, hash, \"user\", doc", [.integer, .text, .text, .text], tick: tick) {
            [String($0.seq), $0.hash, $0.user, $0.json]
        }
        return writes
    }

    /// Raises the head's version from `version` and records the state `rows` ends at, whose
    /// last audit entry is `last`.
    private func writeHead(_ rows: RegisterRows, last: (seq: Int, hash: String)?, version: Int, on db: PGConnection) throws(PGError) {
        // Only a manager may change the schemes (migration 6): a tasker's commit leaves the column alone.
        let updated = try db.exec("""
            UPDATE tcg.register_head SET version = version + 1, clock = $2::date, max_marking = $3, last_ids = $4,
                last_seq = coalesce($5::integer, last_seq), last_hash = coalesce($6, last_hash), changed_at = now()
                \(rows.schemesChanged ? ", scoring_schemes = $7" : "")
            WHERE version = $1
            """, [String(version), rows.clock, rows.maxMarking, rows.lastIDs, last.map { String($0.seq) }, last?.hash]
                + (rows.schemesChanged ? [rows.schemes] : []))
        guard updated.affected == 1 else {
            throw PGError(address: address.shown, sqlState: "40001", message: "another writer changed the register at the same time; nothing was saved")
        }
    }

    /// Rows per INSERT statement (each a few parameters; PostgreSQL takes up to 65,535).
    static let rowsPerInsert = 1000

    /// Rows from which an insert goes by COPY rather than by INSERT statements.
    static let rowsToCopy = 200

    /// Inserts `items` into `table`, each a row of values (`values`) for the columns `names`
    /// (of the types `types`). Many go by COPY, which costs the server a third of an INSERT with
    /// a parameter per value, in COPY's binary format (or its text format, should a value not
    /// be the integer or date its column needs: the server then refuses it as it should).
    /// PostgreSQL refuses COPY into a table with row-level security (migration 7) to a role the
    /// policies apply to: for such a role the rows are copied into a temporary table of the same
    /// columns, then inserted from there in one statement, with the policies checked. A few go
    /// by INSERT statements (a statement at the prompt: fewer round trips).
    private func insert<T>(_ items: [T], into table: String, _ names: String, _ types: [PGCopyRows.Column],
                           tick: (() -> Void)? = nil, _ values: (T) -> [String?]) -> [Write] {
        guard items.count >= Self.rowsToCopy else { return Self.inserts(items, into: table, names, values) }
        var rows = PGCopyRows(binary: types, capacity: items.count * 256)
        for (n, item) in items.enumerated() {
            if n & 255 == 255 { tick?() }
            if !rows.append(values(item)) {
                rows = PGCopyRows(capacity: items.count * 256)
                for item in items { rows.append(values(item)) }
                break
            }
        }
        guard rowSecurity else { return [.copy("COPY tcg.\(table) (\(names)) FROM STDIN\(rows.options)", rows)] }
        let staging = "pg_temp.tcg_new_\(table)"
        return [.exec("CREATE TEMPORARY TABLE IF NOT EXISTS tcg_new_\(table) (LIKE tcg.\(table)) ON COMMIT DELETE ROWS", []),
                .copy("COPY \(staging) (\(names)) FROM STDIN\(rows.options)", rows),
                .exec("INSERT INTO tcg.\(table) (\(names)) SELECT \(names) FROM \(staging)", []),
                .exec("TRUNCATE \(staging)", [])]
    }

    /// INSERT statements of ``rowsPerInsert`` rows each (`VALUES ($1, $2), ($3, $4)…`), each
    /// row's values given by `values`; `then` follows (an ON CONFLICT clause).
    static func inserts<T>(_ items: [T], into table: String, _ names: String, then: String = "", _ values: (T) -> [String?]) -> [Write] {
        stride(from: 0, to: items.count, by: rowsPerInsert).map { start in
            var parameters: [String?] = [], tuples: [String] = []
            for item in items[start..<min(start + rowsPerInsert, items.count)] {
                let row = values(item), first = parameters.count
                parameters.append(contentsOf: row)
                tuples.append("(" + (1...row.count).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
            }
            return .exec("INSERT INTO tcg.\(table) (\(names)) VALUES \(tuples.joined(separator: ", "))\(then)", parameters)
        }
    }

    /// A record's row: id, number, JSON and its table's columns, read from the JSON at `paths`
    /// (``PGSchema/columns``).
    static func values(of record: RecordRow, at paths: [[String]]) -> [String?] {
        [record.key.id, String(record.number), record.json] + JSONMembers.values(in: record.json, at: paths)
    }

    /// Runs `body`, turning a ``PGError`` into the ``StoreError`` tcg reports (exit 3).
    @discardableResult
    func storeErrors<T>(_ body: () throws(PGError) -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            if let connection, !connection.isOpen { self.connection = nil }
            throw StoreError(path: error.address, message: denied(error) ?? error.description, help: help(for: error))
        }
    }

    /// Advice for a failure, when there is any.
    private func help(for error: PGError) -> String? {
        switch error.sqlState {
        case nil where error.message.hasPrefix("cannot connect"):
            return "check the URL (--workspace or $TCG_WORKSPACE) and that the server is running; nothing was changed"
        case "55P03"?, "40001"?, "40P01"?:
            return "try again; nothing was changed"
        case "57014"?:
            return "the server took longer than \(Int(statementTimeout)) s (statement timeout); nothing was changed"
        case "42501"?:
            return "your database role may not do this (docs/postgresql.md, \"Roles and grants\"); nothing was changed"
        default:
            return nil
        }
    }
}
