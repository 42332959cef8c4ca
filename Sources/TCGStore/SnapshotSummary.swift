#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGJSON

/// A snapshot's `journal_seq` and last audit entry, read from its first and last few kilobytes
/// without decoding the rest.
///
/// A fold writes the register it holds as a new snapshot whose `journal_seq` is the last line
/// it folded. A store that had applied the journal up to that line, and whose last audit entry
/// is the snapshot's, already holds that register: it can take the new snapshot as its own
/// without reading it. Works on snapshots laid out as tcg writes them; nil for anything else.
struct SnapshotSummary: Equatable {
    /// The snapshot's `journal_seq`.
    var journalSeq: Int
    /// The snapshot's last audit entry.
    var lastAudit: AuditEntry

    /// How much of each end of the file is read.
    private static let window = 64 << 10

    /// The summary of the snapshot at `path` if it is still the file fingerprinted `state`.
    static func read(_ path: String, state: FileState) -> SnapshotSummary? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let now = try? FileState.of(descriptor: fd, path: path), now == state else { return nil }
        let size = state.size
        guard let head = bytes(fd, at: 0, count: min(size, 256)),
              let tail = bytes(fd, at: max(0, size - window), count: min(size, window)),
              let journalSeq = watermark(in: head),
              let lastAudit = lastAuditEntry(in: tail) else { return nil }
        return SnapshotSummary(journalSeq: journalSeq, lastAudit: lastAudit)
    }

    /// `count` bytes at `offset`, or nil if they cannot all be read.
    private static func bytes(_ fd: Int32, at offset: Int, count: Int) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            while initialized < count {
                let n = pread(fd, buffer.baseAddress.map { $0 + initialized }, count - initialized, off_t(offset + initialized))
                if n > 0 {
                    initialized += n
                } else if n < 0, errno == EINTR {
                    continue
                } else {
                    failed = true
                    return
                }
            }
        }
        return failed ? nil : bytes
    }

    /// `journal_seq` from `{"format": …, "version": 2, "journal_seq": N, …` (the current version only).
    private static func watermark(in head: [UInt8]) -> Int? {
        var reader = JSONReader(bytes: head, maxDepth: 4)
        do {
            try reader.beginObject()
            guard try reader.nextKey() == "format", try reader.readString() == WorkspaceFormat.name,
                  try reader.nextKey() == "version", try reader.readInt() == WorkspaceFormat.version,
                  try reader.nextKey() == "journal_seq" else { return nil }
            return try reader.readInt()
        } catch {
            return nil
        }
    }

    /// The audit entry on the last line of the `audit` array, which tcg ends with `}` then
    /// `]` and `}` on lines of their own.
    private static func lastAuditEntry(in tail: [UInt8]) -> AuditEntry? {
        var end = tail.count
        if end > 0, tail[end - 1] == 0x0A { end -= 1 }
        let closing: [UInt8] = [0x0A, UInt8(ascii: "]"), 0x0A, UInt8(ascii: "}")]
        guard end >= closing.count, Array(tail[(end - closing.count)..<end]) == closing else { return nil }
        let lineEnd = end - closing.count
        guard let newline = tail[..<lineEnd].lastIndex(of: 0x0A) else { return nil }
        var line = Array(tail[(newline + 1)..<lineEnd])
        guard line.first == UInt8(ascii: "{") else { return nil }
        if line.last == UInt8(ascii: ",") { line.removeLast() }
        var decoder = WorkspaceDecoder(line)
        guard let entry = try? decoder.auditEntry(), (try? decoder.reader.finish()) != nil else { return nil }
        return entry
    }
}
