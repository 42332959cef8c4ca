import TCGDomain
import TCGJSON

/// The workspace file format (docs/workspace.md): one JSON object, version 3. The journal
/// beside it, `PATH.journal`, is ``JournalEntry``'s.
///
/// Version 2 differs from version 1 in that `journal_seq` is required and every audit entry
/// carries its `hash`, the chain running unbroken from the first entry. Version 3 hashes each
/// entry's fields with length prefixes and seals into it the records it touched (`records`,
/// `state`). Versions 1 and 2 are still read; ``WorkspaceFile`` migrates them
/// (``WorkspaceMigration``).
public enum WorkspaceFormat {
    /// The value of the `format` member.
    public static let name = "tcg-workspace"
    /// The format version this tcg writes.
    public static let version = 3
    /// The oldest format version this tcg reads (and migrates).
    public static let oldestVersion = 1

    /// Advice for a workspace that breaks the rules of the register.
    static let inconsistentHelp = "the workspace is inconsistent; restore it from a backup, or correct it by hand (docs/workspace.md)"

    /// The register as a workspace document: JSON laid out one record per line, ending in a
    /// newline, with `journal_seq` 0. Audit entries a store left on disk are copied from there;
    /// throws if they cannot be read.
    public static func encode(_ register: Register) throws(StoreError) -> [UInt8] {
        var document: [UInt8] = []
        _ = try encode(register, journalSeq: 0, chunkSize: .max, path: "the register") { (bytes: inout [UInt8]) in
            if document.isEmpty {
                swap(&document, &bytes)
            } else {
                document.append(contentsOf: bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        return document
    }

    /// Writes the document for `register` with the given `journal_seq` in pieces: `flush` is
    /// called with the text so far whenever it passes `chunkSize` bytes, and once at the end;
    /// it must take the bytes and leave the array empty (its capacity is reused). Returns where
    /// the audit entries are in the document, or nil when there are none.
    ///
    /// Audit entries left on disk by this store (``AuditOnDisk``) are copied byte for byte from
    /// the snapshot they were read from, without decoding them; those of any other
    /// ``EarlierAudit`` are read with its `load`. `path` names the workspace in errors.
    static func encode(_ register: Register, journalSeq: Int, chunkSize: Int, path: String,
                       flush: (inout [UInt8]) throws(StoreError) -> Void) throws(StoreError) -> AuditExtent? {
        let records = register.people.count + register.meetings.count + register.products.count
            + register.priorities.count + register.candidates.count + register.requirements.count
            + register.commissions.count + register.plans.count + register.actions.count
            + register.decisions.count + register.escalations.count + register.reviews.count
        let estimate = 4096 + 256 * (records + register.units.count) + 512 * register.audit.count
        var w = JSONWriter(style: .recordPerLine, capacity: chunkSize < estimate ? chunkSize + 65_536 : estimate)
        var written = 0
        func emit(_ bytes: inout [UInt8]) throws(StoreError) {
            written += bytes.count
            try flush(&bytes)
        }
        func array<T>(_ key: String, _ list: RecordList<T>, _ write: (inout JSONWriter, T) -> Void) throws(StoreError) {
            try Self.array(key, list, into: &w, chunkSize: chunkSize, flush: emit, write)
        }
        w.beginObject()
        w.field("format", name)
        w.field("version", version)
        w.field("journal_seq", journalSeq)
        w.field("clock", day: register.clock)
        w.field("max_marking", register.maxMarking?.workspaceName)
        w.field("scoring_schemes", schemes: register.schemes)
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
        w.key("audit")
        // The audit array and the document's end are written by hand, in the layout the writer
        // gives the other arrays, so that entries copied from the old snapshot can go in whole.
        let open = written + w.bytes.count
        w.bytes.append(UInt8(ascii: "["))
        var count = 0
        var first = 0
        var last: AuditEntry?
        func separate() {
            if count == 0 {
                w.bytes.append(0x0A)
                first = written + w.bytes.count
            } else {
                w.bytes.append(contentsOf: [UInt8(ascii: ","), 0x0A])
            }
        }
        var entry = JSONWriter(style: .compact, capacity: 1024)
        func append(_ entries: some Sequence<AuditEntry>) throws(StoreError) {
            for audit in entries {
                if audit.hash.isEmpty { throw unhashed(audit, path: path) }
                separate()
                entry.record(audit)
                w.bytes.append(contentsOf: entry.bytes)
                entry.bytes.removeAll(keepingCapacity: true)
                count += 1
                last = audit
                if w.bytes.count >= chunkSize { try emit(&w.bytes) }
            }
        }
        if let earlier = register.earlierAudit, earlier.count > 0 {
            switch try AuditOnDisk.contents(of: earlier, path: path) {
            case .onDisk(let source) where source.version < version:
                // Entries of an older version are not copied: they must carry hashes now.
                try append(try source.entries())
            case .onDisk(let source):
                separate()
                try emit(&w.bytes)
                try source.copyEntries(chunkSize: min(chunkSize, 1 << 20), to: emit)
                count = source.extent.count
                last = source.extent.last
            case .entries(let entries):
                try append(entries)
            }
        }
        try append(register.audit)
        let end = written + w.bytes.count
        if count > 0 { w.bytes.append(0x0A) }
        w.bytes.append(contentsOf: [UInt8(ascii: "]"), 0x0A, UInt8(ascii: "}"), 0x0A])
        let close = written + w.bytes.count - 3
        try emit(&w.bytes)
        guard let last else { return nil }
        return AuditExtent(count: count, last: last, array: open..<close, entries: first..<end)
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

    /// Reads a workspace document, all of it, audit trail included; `path` names the file in
    /// errors. A version-1 document is migrated in memory: its audit trail is chained again
    /// from the first entry (see ``chained(_:path:)``), without an entry for the migration.
    ///
    /// Refuses (never crashes on) anything that is not a valid workspace: malformed JSON,
    /// another format or a newer version, wrong id kinds, impossible dates, unknown enum values,
    /// records out of id order or duplicated, and references to people who do not exist.
    public static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> Register {
        var (register, _, version) = try WorkspaceDecoder.decode(bytes, path: path)
        try check(register, path: path)
        if version < self.version {
            register.audit = RecordList(try chained(Array(register.audit), version: version, path: path))
        }
        register.reindex()
        return register
    }

    /// The error for an audit entry that would be written without its hash.
    static func unhashed(_ entry: AuditEntry, path: String) -> StoreError {
        StoreError(path: path, message: "refusing to save audit entry \(entry.seq) without its hash (required from format version 2)",
                   help: "this is a bug in tcg; the workspace was not changed")
    }

    /// A version-1 or -2 audit trail with every entry's `hash` computed again in the version-3
    /// form, chained from the first.
    ///
    /// Version 1 allowed entries without a hash (written before the chain existed), after
    /// which the chain started again. The hashes already there are checked first, as the tcg
    /// that wrote them checked them: a trail altered since it was hashed is refused rather than
    /// hashed afresh, which would hide the change.
    static func chained(_ entries: [AuditEntry], version: Int, path: String) throws(StoreError) -> [AuditEntry] {
        var previous = ""
        for entry in entries {
            if entry.hash.isEmpty {
                previous = ""
            } else if entry.legacyChainHash(previous: previous) == entry.hash || entry.chainHash(previous: previous) == entry.hash {
                // Either form proves the entry unchanged since it was hashed (the version-3
                // form is found in a newer file whose version was lowered by hand).
                previous = entry.hash
            } else {
                throw StoreError(path: path, message: "cannot migrate from format version \(version): audit entry \(entry.seq) was altered: "
                                     + "its hash does not match its contents and the entry before it",
                                 help: "tcg verify finds the same with the tcg that wrote it; restore the workspace from a backup; the file was not changed")
            }
        }
        var chained = entries
        previous = ""
        for i in chained.indices {
            chained[i].keyed = false
            chained[i].hash = chained[i].chainHash(previous: previous) ?? ""
            previous = chained[i].hash
        }
        return chained
    }

    /// Reads the snapshot `file` as ``decode(_:path:)`` does, with its `journal_seq` (0 when
    /// absent) and format version (a version-1 trail is not chained again), except that the audit entries are left in the file: checked as JSON and
    /// counted, the last decoded and checked, and the others read when the register's
    /// ``EarlierAudit`` is loaded. The register's `audit` is empty. A mapped file's pages are
    /// given back every `dropInterval` bytes read.
    static func decodeSnapshot(_ file: SnapshotFile, dropInterval: Int = 4 << 20)
        throws(StoreError) -> (register: Register, journalSeq: Int, earlierLast: AuditEntry?, version: Int) {
        let (reader, mapping) = try file.reader(maxDepth: 64)
        var decoder = WorkspaceDecoder(reader: reader)
        decoder.leavesAuditOnDisk = true
        decoder.mapping = mapping
        decoder.dropInterval = dropInterval
        var (register, journalSeq, version) = try decoder.decodeWorkspace(isEmpty: file.size == 0, path: file.path)
        let extent = decoder.auditExtent
        if let extent {
            if let problem = WorkspaceValidator.auditProblem(extent.last, at: extent.count - 1, after: 0) {
                throw StoreError(path: file.path, message: problem, help: inconsistentHelp)
            }
            register.earlierAudit = AuditOnDisk(file: file, extent: extent, version: version).earlierAudit
        }
        try check(register, path: file.path)
        register.reindex()
        return (register, journalSeq, extent?.last, version)
    }

    /// Refuses a register that breaks the workspace's invariants.
    private static func check(_ register: Register, path: String) throws(StoreError) {
        if let problem = WorkspaceValidator.problem(in: register) {
            throw StoreError(path: path, message: problem, help: inconsistentHelp)
        }
    }
}
