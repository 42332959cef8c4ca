/// One append-only line of the audit trail: who changed what, when and from where (R13).
public struct AuditEntry: Hashable, Sendable {
    /// Sequence number, from 1.
    public var seq: Int
    /// Wall-clock time, ISO 8601 UTC (`2027-03-10T09:41:07Z`).
    public var at: String
    /// The register's clock ("today") when it happened.
    public var day: Day
    /// Who made the change (a user name).
    public var user: String
    /// Where the statement came from (e.g. a file and line), as the caller names it.
    public var source: String
    /// The statement as written.
    public var statement: String
    /// What changed, one short line each ("created A-5", "A-5 status open -> done").
    public var changes: [String]
    /// The records it touched.
    public var ids: [RecordID]
    /// From format version 3: one digest per id in `ids`, in the same order, of that record as
    /// stored after the statement (``RecordSeal``); empty in entries written before.
    public var records: [String] = []
    /// From format version 3: the digest of the register's clock, units and id counters after
    /// the statement; "" in entries written before.
    public var state: String = ""
    /// The chain hash over this entry (its records' digests included) and the previous entry's
    /// hash: the tamper-evident chain; an HMAC when `keyed`.
    public var hash: String = ""
    /// Whether `hash` is an HMAC-SHA256 made with the audit key (`TCG_AUDIT_KEY_FILE`).
    public var keyed = false

    /// Creates an audit entry.
    public init(seq: Int, at: String, day: Day, user: String, source: String, statement: String, changes: [String], ids: [RecordID]) {
        self.seq = seq
        self.at = at
        self.day = day
        self.user = user
        self.source = source
        self.statement = statement
        self.changes = changes
        self.ids = ids
    }
}
