import TCGDomain
import TCGJSON

/// Where a snapshot's audit entries lie in its file, as found by skipping them unread.
struct AuditExtent: Equatable, Sendable {
    /// How many entries there are (at least one).
    var count: Int
    /// The last entry, decoded and checked.
    var last: AuditEntry
    /// The bytes from the `[` that opens the `audit` array to just after its `]`.
    var array: Range<Int>
    /// The bytes from the start of the first entry to the end of the last, separators included.
    var entries: Range<Int>
}

/// The audit entries of one version of a snapshot, left in its file until they are asked for.
///
/// The audit trail is most of a large workspace and only `history` reads it, so opening a
/// workspace checks the entries' JSON without decoding them and the register gets an
/// ``EarlierAudit`` whose location is this object: the store reads them from it when asked
/// (``Register/fullAudit()``). It keeps the snapshot's descriptor open, so it reads the version
/// that was opened even after another writer has replaced the file, and a new snapshot copies
/// the entries from it byte for byte.
final class AuditOnDisk: Sendable {
    /// The snapshot version that holds the entries.
    let file: SnapshotFile
    /// Where they are in it.
    let extent: AuditExtent
    /// The snapshot's format version: from 2, every entry carries its `hash`.
    let version: Int

    /// The entries `extent` of `file`, a snapshot in format `version`.
    init(file: SnapshotFile, extent: AuditExtent, version: Int = WorkspaceFormat.version) {
        self.file = file
        self.extent = extent
        self.version = version
    }

    /// The entries as the register's ``EarlierAudit``.
    var earlierAudit: EarlierAudit {
        EarlierAudit(count: extent.count, lastSeq: extent.last.seq, lastHash: extent.last.hash, location: self)
    }

    /// Reads, decodes and checks the entries: each as when the whole file is read (members,
    /// types, dates), in ascending `seq` order, and as many as when the file was opened.
    func entries() throws(StoreError) -> [AuditEntry] {
        let buffer = try ReadBuffer(file, extent.array)
        var decoder = WorkspaceDecoder(reader: JSONReader(buffer: buffer.bytes, owner: buffer, maxDepth: 64))
        decoder.section = "audit"
        decoder.version = version
        var list: [AuditEntry] = []
        list.reserveCapacity(extent.count)
        do {
            try decoder.reader.beginArray()
            while try decoder.reader.nextElement() {
                decoder.index += 1
                decoder.field = ""
                list.append(try decoder.auditEntry())
            }
            try decoder.reader.finish()
        } catch {
            let (line, column) = file.position(of: extent.array.lowerBound + error.offset)
            throw StoreError(path: file.path, message: "line \(line), column \(column): \(decoder.located(error.message))",
                             help: WorkspaceDecoder.damagedHelp)
        }
        var previous = 0
        for (i, entry) in list.enumerated() {
            if let problem = WorkspaceValidator.auditProblem(entry, at: i, after: previous) {
                throw StoreError(path: file.path, message: problem, help: WorkspaceFormat.inconsistentHelp)
            }
            previous = entry.seq
        }
        guard list.count == extent.count, list.last == extent.last else {
            throw StoreError(path: file.path, message: "audit: the entries are not those read when the workspace was opened",
                             help: "the file was changed in place; open the workspace again")
        }
        return list
    }

    /// Passes the entries' bytes, exactly as in the file, to `flush` in pieces of at most
    /// `chunkSize` bytes (`flush` must take them and leave the array empty).
    func copyEntries(chunkSize: Int, to flush: (inout [UInt8]) throws(StoreError) -> Void) throws(StoreError) {
        var offset = extent.entries.lowerBound
        while offset < extent.entries.upperBound {
            let count = min(max(1, chunkSize), extent.entries.upperBound - offset)
            var chunk = try file.bytes(at: offset, count: count)
            try flush(&chunk)
            offset += count
        }
    }

    // MARK: Recognising the entries of a register

    /// What a register's ``EarlierAudit`` holds: entries left in a snapshot by this store, or
    /// (from any other source) the entries themselves.
    enum Contents {
        /// Entries in a snapshot, to be copied from it.
        case onDisk(AuditOnDisk)
        /// Entries held in memory.
        case entries([AuditEntry])
    }

    /// What `earlier` holds: a snapshot's entries (its location is an ``AuditOnDisk`` of as many
    /// entries), or entries in memory (its location is the entries). `path` names the workspace.
    static func contents(of earlier: EarlierAudit, path: String) throws(StoreError) -> Contents {
        if let source = earlier.location as? AuditOnDisk, source.extent.count == earlier.count, source.extent.last.seq == earlier.lastSeq {
            return .onDisk(source)
        }
        if let source = earlier.location as? AuditOnDisk {
            return .entries(Array(try source.entries().prefix(earlier.count)))
        }
        if let entries = earlier.location as? [AuditEntry] { return .entries(entries) }
        if let error = earlier.location as? StoreError { throw error }
        throw StoreError(path: path, message: "cannot read the audit trail: it is kept where this store cannot read it",
                         help: "the workspace was not changed")
    }
}

extension Register {
    /// The whole audit trail: the entries the store keeps (``EarlierAudit``), read now, then the
    /// register's own. Only the store can read them; the register never touches storage.
    public func fullAudit() throws(StoreError) -> [AuditEntry] {
        guard let earlier = earlierAudit else { return Array(audit) }
        switch try AuditOnDisk.contents(of: earlier, path: "the workspace") {
        case .onDisk(let disk): return try disk.entries() + Array(audit)
        case .entries(let entries): return entries + Array(audit)
        }
    }
}
