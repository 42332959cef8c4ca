import TCGDomain
import TCGJSON

/// The register cut into rows for a database store: each record, unit and audit entry as the
/// compact JSON the workspace writes for it, plus the small top-level state.
///
/// The encoding is the workspace's own (``JSONWriter`` records, ``WorkspaceFormat/decode(_:path:)``),
/// so a register stored as rows and read back is the register a workspace file would hold, byte
/// for byte when written out again: a database store never has a second encoding.
public struct RegisterRows: Sendable, Equatable {
    /// The register's clock, `YYYY-MM-DD`.
    public var clock: String?
    /// The workspace's highest marking shown, as the workspace writes it (`OFFICIAL`).
    public var maxMarking: String?
    /// The scoring schemes a force has set, as the workspace's JSON array; nil while the default holds.
    public var schemes: String?
    /// The id counters as a JSON object, `{"PE":5,…}`.
    public var lastIDs = "{}"
    /// Every unit's JSON, in the register's order (all of them, whenever any changed).
    public var units: [String] = []
    /// Whether ``units`` is meant to replace the stored units (a change that leaves them alone
    /// carries them all the same, unchanged).
    /// Whether the scoring schemes changed (always, for a whole register); a role that may not
    /// change them (a database's `tcg_tasker`) leaves them as they are.
    public var schemesChanged = true
    public var unitsChanged = true
    /// Records written, kind by kind in workspace order, each kind in id order.
    public var records: [RecordRow] = []
    /// Records removed (`undo` removes what a statement created).
    public var deleted: [RecordRow.Key] = []
    /// Audit entries appended, oldest first.
    public var audit: [AuditRow] = []

    /// Nothing yet.
    public init() {}
}

/// One record as a row: its table, id, number and stored JSON.
public struct RecordRow: Sendable, Equatable {
    /// Where a record's row is: its table and id.
    public struct Key: Sendable, Equatable, Hashable {
        /// The table, the workspace's array name (`actions`).
        public var table: String
        /// The id as written, `A-3`.
        public var id: String

        /// The row of record `id` in `table`.
        public init(table: String, id: String) {
            self.table = table
            self.id = id
        }
    }

    /// Table and id.
    public var key: Key
    /// The number in the id.
    public var number: Int
    /// The record's compact JSON, as the workspace writes it.
    public var json: String
    /// Whether the record is new: not in the register the rows change (every record of a
    /// whole register is new), so a store may insert it without looking for an older row.
    public var isNew: Bool

    /// A record's row.
    public init(key: Key, number: Int, json: String, isNew: Bool = false) {
        self.key = key
        self.number = number
        self.json = json
        self.isNew = isNew
    }
}

/// One audit entry as a row.
public struct AuditRow: Sendable, Equatable {
    /// The entry's sequence number.
    public var seq: Int
    /// The entry's chain hash.
    public var hash: String
    /// Who made the change.
    public var user: String
    /// The entry's compact JSON, as the workspace writes it.
    public var json: String

    /// An audit entry's row.
    public init(seq: Int, hash: String, user: String, json: String) {
        self.seq = seq
        self.hash = hash
        self.user = user
        self.json = json
    }
}

extension RegisterRows {
    /// The records' tables, one per kind, in the order of the workspace's arrays (people first).
    public static let tables: [String] = RecordKind.allCases.map(\.arrayName)

    /// Every row of `register`: its state, units, records and whole audit trail (entries a
    /// workspace left on disk are read now).
    public static func all(of register: Register) throws(StoreError) -> RegisterRows {
        var rows = RegisterRows(state: register)
        var collector = Collector(register: register)
        collector.visitAll()
        rows.records = collector.rows
        rows.audit = try register.fullAudit().map(auditRow)
        return rows
    }

    /// `register`'s state and units, with no record or audit entry.
    public static func state(of register: Register) -> RegisterRows { RegisterRows(state: register) }

    /// The rows a transaction changed from `old` to `new`: the records the new audit entries
    /// name (written when they differ, removed when gone), the units when they changed, and the
    /// appended audit entries; nil when `new` is not `old` with audit entries appended.
    ///
    /// When the record counts show a change no audit entry names (a bug elsewhere), every
    /// record is compared instead, so that nothing is lost.
    ///
    /// `tick` is called every few hundred rows made, so that a caller sending rows ahead
    /// (a database store) can move on what is on its way meanwhile.
    public static func change(from old: Register, to new: Register, tick: (() -> Void)? = nil) -> RegisterRows? {
        guard new.auditCount > old.auditCount, old.earlierAudit == nil, new.earlierAudit == nil,
              old.audit.isEmpty || new.audit[old.audit.count - 1] == old.audit[old.audit.count - 1] else { return nil }
        var rows = RegisterRows(state: new)
        rows.unitsChanged = old.units != new.units
        rows.schemesChanged = old.schemes != new.schemes
        rows.audit = new.audit[old.audit.count...].enumerated().map { n, entry in
            if n & 255 == 255 { tick?() }
            return auditRow(entry)
        }
        if let entry = JournalEntry.change(from: old, to: new, seq: 1, limit: .max, withAudit: false) {
            var collector = Collector(entry: entry, old: old)
            collector.tick = tick
            collector.visitAll()
            rows.records = collector.rows
            rows.deleted = entry.deleted.map { RecordRow.Key(table: $0.kind.arrayName, id: $0.description) }
            return rows
        }
        let before = try? RegisterRows.all(of: old), after = try? RegisterRows.all(of: new)
        guard let before, let after else { return nil }
        let kept = Dictionary(uniqueKeysWithValues: before.records.map { ($0.key, $0.json) })
        let now = Set(after.records.map(\.key))
        rows.records = after.records.filter { kept[$0.key] != $0.json }.map { row in
            var row = row
            row.isNew = kept[row.key] == nil
            return row
        }
        rows.deleted = before.records.map(\.key).filter { !now.contains($0) }
        return rows
    }

    /// The register the rows hold, read as a workspace document would be (every check of
    /// ``WorkspaceFormat/decode(_:path:)``); `name` names the store in errors.
    public func register(name: String) throws(StoreError) -> Register {
        try WorkspaceFormat.decode(document(), path: name)
    }

    /// The workspace document (format version 3, `journal_seq` 0) the rows make.
    public func document() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096 + records.reduce(0) { $0 + $1.json.utf8.count + 2 } + audit.reduce(0) { $0 + $1.json.utf8.count + 2 })
        func add(_ s: String) { out.append(contentsOf: s.utf8) }
        add("{\"format\":\"\(WorkspaceFormat.name)\",\"version\":\(WorkspaceFormat.version),\"journal_seq\":0")
        if let clock { add(",\"clock\":\(Self.quoted(clock))") }
        if let maxMarking { add(",\"max_marking\":\(Self.quoted(maxMarking))") }
        if let schemes { add(",\"scoring_schemes\":\(schemes)") }
        add(",\"last_ids\":\(lastIDs),\"units\":[\(units.joined(separator: ","))]")
        var i = 0
        for kind in RecordKind.allCases {
            add(",\"\(kind.arrayName)\":[")
            var first = true
            while i < records.count, records[i].key.table == kind.arrayName {
                if !first { add(",") }
                add(records[i].json)
                first = false
                i += 1
            }
            add("]")
        }
        add(",\"audit\":[")
        for (n, entry) in audit.enumerated() {
            if n > 0 { add(",") }
            add(entry.json)
        }
        add("]}")
        return out
    }

    /// Rows with `register`'s state and units, and nothing else yet.
    private init(state register: Register) {
        clock = register.clock.map { day in
            var bytes: [UInt8] = []
            day.appendISO(to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        maxMarking = register.maxMarking?.workspaceName
        if !register.schemes.isEmpty {
            var w = JSONWriter(style: .compact, capacity: 256)
            w.beginObject()
            w.field("scoring_schemes", schemes: register.schemes)
            w.endObject()
            // `{"scoring_schemes":[…]}` → `[…]`.
            schemes = String(decoding: w.bytes.dropFirst(#"{"scoring_schemes":"#.utf8.count).dropLast(), as: UTF8.self)
        }
        var w = JSONWriter(style: .compact, capacity: 128)
        w.beginObject()
        w.lastIDs(register.lastNumber)
        w.endObject()
        // `{"last_ids":{…}}` → `{…}`.
        lastIDs = String(decoding: w.bytes.dropFirst(#"{"last_ids":"#.utf8.count).dropLast(), as: UTF8.self)
        units = register.units.map { unit in
            var u = JSONWriter(style: .compact, capacity: 128)
            u.record(unit)
            return String(decoding: u.bytes, as: UTF8.self)
        }
    }

    /// `s` as a JSON string.
    static func quoted(_ s: String) -> String {
        var w = JSONWriter(style: .compact, capacity: s.utf8.count + 2)
        w.string(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// An audit entry's row.
    private static func auditRow(_ entry: AuditEntry) -> AuditRow {
        var w = JSONWriter(style: .compact, capacity: 512)
        w.record(entry)
        return AuditRow(seq: entry.seq, hash: entry.hash, user: entry.user, json: String(decoding: w.bytes, as: UTF8.self))
    }

    /// Gathers the rows of a register's records, or of a journal entry's written records.
    private struct Collector: RecordKindVisitor {
        var register: Register?
        var entry: JournalEntry?
        /// The register an entry's change is from, to tell new records from changed ones.
        var old: Register?
        /// Called every 256 rows.
        var tick: (() -> Void)?
        var rows: [RecordRow] = []
        private var writer = JSONWriter(style: .compact, capacity: 1024)

        init(register: Register) { self.register = register }
        init(entry: JournalEntry, old: Register) {
            self.entry = entry
            self.old = old
        }

        mutating func visit<T: StoredRecord>(_ type: T.Type) {
            if let register {
                for record in register[keyPath: T.inRegister] { add(record, isNew: true) }
            } else if let entry, let old {
                let before = old[keyPath: T.inRegister]
                for record in entry[keyPath: T.inEntry] { add(record, isNew: before.index(ofNumber: record.number) == nil) }
            }
        }

        private mutating func add<T: StoredRecord>(_ record: T, isNew: Bool) {
            if rows.count & 255 == 255 { tick?() }
            writer.bytes.removeAll(keepingCapacity: true)
            record.write(to: &writer)
            rows.append(RecordRow(key: RecordRow.Key(table: T.arrayName, id: record.recordID.description), number: record.number,
                                  json: String(decoding: writer.bytes, as: UTF8.self), isNew: isNew))
        }
    }
}
