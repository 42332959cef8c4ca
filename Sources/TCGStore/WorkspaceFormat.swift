import TCGDomain
import TCGJSON

/// The workspace file format (docs/workspace.md): one JSON object, version 1. The journal
/// beside it, `PATH.journal`, is ``JournalEntry``'s.
public enum WorkspaceFormat {
    /// The value of the `format` member.
    public static let name = "tcg-workspace"
    /// The format version this tcg writes and reads.
    public static let version = 1

    /// The register as a workspace document: JSON laid out one record per line, ending in a
    /// newline, with `journal_seq` 0.
    public static func encode(_ register: Register) -> [UInt8] {
        var document: [UInt8] = []
        encode(register, journalSeq: 0, chunkSize: .max) { (bytes: inout [UInt8]) in swap(&document, &bytes) }
        return document
    }

    /// Writes the document for `register` with the given `journal_seq` in pieces: `flush` is
    /// called with the text so far whenever it passes `chunkSize` bytes, and once at the end;
    /// it must take the bytes and leave the array empty (its capacity is reused).
    static func encode<E: Error>(_ register: Register, journalSeq: Int, chunkSize: Int,
                                 flush: (inout [UInt8]) throws(E) -> Void) throws(E) {
        let records = register.people.count + register.meetings.count + register.products.count
            + register.priorities.count + register.candidates.count + register.requirements.count
            + register.commissions.count + register.plans.count + register.actions.count
            + register.decisions.count + register.escalations.count + register.reviews.count
        let estimate = 4096 + 256 * (records + register.units.count) + 512 * register.audit.count
        var w = JSONWriter(style: .recordPerLine, capacity: chunkSize < estimate ? chunkSize + 65_536 : estimate)
        func array<T>(_ key: String, _ list: RecordList<T>, _ write: (inout JSONWriter, T) -> Void) throws(E) {
            try Self.array(key, list, into: &w, chunkSize: chunkSize, flush: flush, write)
        }
        w.beginObject()
        w.field("format", name)
        w.field("version", version)
        w.field("journal_seq", journalSeq)
        w.field("clock", day: register.clock)
        w.field("current_meeting", .meeting, register.currentMeeting)
        w.lastIDs(register.lastNumber)
        try array("units", register.units) { $0.record($1) }
        try array("people", register.people) { $0.record($1) }
        try array("meetings", register.meetings) { $0.record($1) }
        try array("products", register.products) { $0.record($1) }
        try array("priorities", register.priorities) { $0.record($1) }
        try array("candidates", register.candidates) { $0.record($1) }
        try array("requirements", register.requirements) { $0.record($1) }
        try array("commissions", register.commissions) { $0.record($1) }
        try array("plans", register.plans) { $0.record($1) }
        try array("actions", register.actions) { $0.record($1) }
        try array("decisions", register.decisions) { $0.record($1) }
        try array("escalations", register.escalations) { $0.record($1) }
        try array("reviews", register.reviews) { $0.record($1) }
        try array("audit", register.audit) { $0.record($1) }
        w.endObject()
        w.bytes.append(0x0A)
        try flush(&w.bytes)
    }

    /// Writes `key: [records…]`, flushing between records when the text is long enough.
    private static func array<T, E: Error>(_ key: String, _ list: RecordList<T>, into w: inout JSONWriter, chunkSize: Int,
                                           flush: (inout [UInt8]) throws(E) -> Void,
                                           _ write: (inout JSONWriter, T) -> Void) throws(E) {
        w.key(key)
        w.beginArray()
        for record in list {
            write(&w, record)
            if w.bytes.count >= chunkSize { try flush(&w.bytes) }
        }
        w.endArray()
    }

    /// Reads a workspace document; `path` names the file in errors.
    ///
    /// Refuses (never crashes on) anything that is not a valid version-1 workspace: malformed
    /// JSON, another format or version, wrong id kinds, impossible dates, unknown enum values,
    /// records out of id order or duplicated, and references to people who do not exist.
    public static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> Register {
        try decodeSnapshot(bytes, path: path).register
    }

    /// Reads a workspace document as ``decode(_:path:)`` does, with its `journal_seq` (0 when absent).
    static func decodeSnapshot(_ bytes: [UInt8], path: String) throws(StoreError) -> (register: Register, journalSeq: Int) {
        var (register, journalSeq) = try WorkspaceDecoder.decode(bytes, path: path)
        if let problem = WorkspaceValidator.problem(in: register) {
            throw StoreError(path: path, message: problem,
                             help: "the workspace is inconsistent; restore it from a backup, or correct it by hand (docs/workspace.md)")
        }
        register.reindex()
        return (register, journalSeq)
    }
}
