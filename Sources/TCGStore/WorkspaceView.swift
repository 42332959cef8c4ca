#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGJSON

/// A register as read from a snapshot and the journal lines after it, with where on disk it
/// came from, so that a later look can tell what changed and read only that.
struct WorkspaceView {
    /// The register: the snapshot with the journal lines read so far applied.
    var register: Register
    /// The snapshot's fingerprint; `.missing` when there is no snapshot.
    var snapshot: FileState
    /// The snapshot's `journal_seq`: journal lines up to it are already in the snapshot.
    var watermark: Int
    /// The journal's fingerprint when last read or written; `.missing` when there is none.
    var journal: FileState = .missing
    /// The bytes at the start of the journal read as complete lines; what follows is an
    /// unfinished or torn line, or nothing.
    var consumed = 0
    /// The number of complete lines read, for line numbers in messages.
    var lines = 0
    /// The `seq` of the last line applied, or the watermark when none has been.
    var lastSeq: Int
    /// The `seq` of the last complete line read, applied or skipped; nil when none.
    var lastLineSeq: Int?
    /// Whether the journal begins with lines the snapshot already holds (a compaction stopped
    /// before it emptied the journal).
    var hasFolded = false
    /// The last of the audit entries the register leaves on disk (`earlierAudit`), when known;
    /// needed only while the register holds none in memory.
    var earlierLast: AuditEntry?
    /// The snapshot's format version (the journal's lines follow it); an older one than
    /// ``WorkspaceFormat/version`` is migrated before anything is written.
    var version = WorkspaceFormat.version

    /// A view of a snapshot with no journal read yet.
    init(register: Register, snapshot: FileState, watermark: Int) {
        self.register = register
        self.snapshot = snapshot
        self.watermark = watermark
        self.lastSeq = watermark
    }

    /// The register's last audit entry, if it has any.
    var lastAudit: AuditEntry? { register.audit.last ?? earlierLast }

    /// Whether the journal holds nothing the snapshot lacks, only lines already folded into it.
    var onlyFolded: Bool { lastSeq == watermark }

    /// The length to cut the journal to before appending: drops a torn or unfinished tail,
    /// and the whole journal when all it holds is folded.
    var journalKeep: Int { hasFolded && onlyFolded ? 0 : consumed }

    /// Advice for a damaged journal.
    static func damagedHelp(_ workspace: String) -> String {
        "the journal is damaged; restore \(workspace) and \(workspace).journal from a backup, or correct the line by hand "
            + "(docs/workspace.md); moving the journal aside opens the workspace as it was when the journal was last folded in"
    }

    /// Reads the complete lines of `bytes`, the journal from byte `consumed` on, and applies
    /// those after the watermark; returns how many were applied.
    ///
    /// A last line without its newline is unfinished (being written, or torn by a crash), and
    /// a last line that is not JSON is torn: both are left unread. Anything else wrong — a
    /// damaged line before the last, a line out of sequence, one that does not fit the register
    /// — throws, and the view is then part-changed and must be discarded.
    mutating func replay(_ bytes: [UInt8], workspace: String) throws(StoreError) -> Int {
        let journalPath = workspace + ".journal"
        var applied = 0
        var start = 0
        while start < bytes.count, let newline = Self.newline(in: bytes, from: start) {
            let line = Array(bytes[start..<newline])
            let number = lines + 1
            func failure(_ message: String) -> StoreError {
                StoreError(path: journalPath, message: "line \(number): \(message)", help: Self.damagedHelp(workspace))
            }
            let entry: JournalEntry
            do {
                entry = try WorkspaceDecoder.journalEntry(line, version: version)
            } catch {
                if newline == bytes.count - 1, !Self.isJSON(line) { break }
                throw StoreError(path: journalPath, message: "line \(number), column \(error.column): \(error.message)",
                                 help: Self.damagedHelp(workspace))
            }
            if entry.seq <= watermark {
                // Already in the snapshot: a compaction stopped before emptying the journal.
                guard onlyFolded, lastLineSeq.map({ entry.seq == $0 + 1 }) ?? true else {
                    throw failure("seq \(entry.seq) is out of sequence after \(lastLineSeq ?? watermark)")
                }
                hasFolded = true
            } else {
                guard entry.seq == lastSeq + 1 else {
                    throw failure("seq \(entry.seq) does not follow \(lastSeq); "
                                  + (entry.seq > lastSeq ? "a line is missing, or the journal is not this workspace's" : "lines are out of order"))
                }
                if let problem = entry.apply(to: &register) {
                    throw failure("does not fit the register: \(problem)")
                }
                if let problem = WorkspaceValidator.problem(in: register, after: entry) {
                    throw failure("makes the register inconsistent: \(problem)")
                }
                lastSeq = entry.seq
                applied += 1
            }
            lastLineSeq = entry.seq
            lines = number
            start = newline + 1
            consumed += line.count + 1
        }
        // Units are written whole and people may be inserted: rebuild the name indexes once.
        if applied > 0 { register.reindex() }
        return applied
    }

    /// The index of the first newline in `bytes` at or after `start`, or nil.
    private static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, start < buffer.count,
                  let found = memchr(base + start, 0x0A, buffer.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Whether `line` is one whole JSON value (a torn line never is).
    private static func isJSON(_ line: [UInt8]) -> Bool {
        var reader = JSONReader(bytes: line, maxDepth: 64)
        do {
            try reader.skipValue()
            try reader.finish()
            return true
        } catch {
            return false
        }
    }
}
