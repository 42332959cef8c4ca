#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain

/// `PATH.head`: the audit trail's last entry (its `seq` and `hash`) as tcg last wrote it, with
/// the fingerprints of the snapshot and journal it wrote, so that entries cut from the end of
/// the trail can be seen (docs/workspace.md, "The head file").
///
/// One line: `tcg-head SEQ HASH SNAPSHOT JOURNAL`, the fingerprints as `missing` or
/// `DEV.INODE.SIZE.MSEC.MNSEC.CSEC.CNSEC`, followed, when the chain is keyed, by the
/// HMAC-SHA256 of those five words with the audit key (so that the head cannot be forged to
/// make a writer skip its check). Written under the writer lock after each commit, mode 0600,
/// without `fsync`: after a crash it may name an earlier entry, which verify accepts.
struct AuditHead: Equatable {
    /// The last entry's sequence number.
    var seq: Int
    /// The last entry's hash.
    var hash: String
    /// The snapshot as tcg left it.
    var snapshot: FileState
    /// The journal as tcg left it.
    var journal: FileState

    /// The head file of the workspace at `workspace`.
    static func path(of workspace: String) -> String { workspace + ".head" }

    /// The head recorded beside `workspace`, or nil when there is none or it cannot be read; with
    /// `key`, also nil when its HMAC is missing or wrong.
    static func read(workspace: String, key: AuditKey? = nil) -> AuditHead? {
        guard let (bytes, _) = try? FileBytes.contents(of: path(of: workspace)) else { return nil }
        let words = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        guard words.count == 5 || words.count == 6, words[0] == "tcg-head", let seq = Int(words[1]), seq >= 0,
              let snapshot = fingerprint(words[3]), let journal = fingerprint(words[4]) else { return nil }
        if let key, words.count != 6 || words[5] != mac(words[0..<5].joined(separator: " "), key) { return nil }
        return AuditHead(seq: seq, hash: words[2] == "-" ? "" : words[2], snapshot: snapshot, journal: journal)
    }

    /// Writes the head beside `workspace`, signed with `key` when there is one; failures are
    /// ignored (the head is a second witness, not the workspace).
    func write(workspace: String, key: AuditKey? = nil) {
        let line = "tcg-head \(seq) \(hash.isEmpty ? "-" : hash) \(Self.text(snapshot)) \(Self.text(journal))"
        let text = line + (key.map { " " + Self.mac(line, $0) } ?? "") + "\n"
        let fd = Glibc.open(Self.path(of: workspace), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return }
        defer { Glibc.close(fd) }
        _ = fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    /// The HMAC-SHA256 of `line` with `key`, as hex.
    private static func mac(_ line: String, _ key: AuditKey) -> String {
        Array(line.utf8).withUnsafeBytes { SHA256.hmacHex(key: key.bytes, $0) }
    }

    private static func text(_ state: FileState) -> String {
        guard case .present(let device, let inode, let size, let modified, let changed) = state else { return "missing" }
        return [Int64(bitPattern: device), Int64(bitPattern: inode), size, modified.seconds, modified.nanoseconds,
                changed.seconds, changed.nanoseconds].map(String.init).joined(separator: ".")
    }

    private static func fingerprint(_ text: String) -> FileState? {
        if text == "missing" { return .missing }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { Int64($0) }
        guard parts.count == 7 else { return nil }
        return .present(device: UInt64(bitPattern: parts[0]), inode: UInt64(bitPattern: parts[1]), size: parts[2],
                        modified: .init(seconds: parts[3], nanoseconds: parts[4]),
                        changed: .init(seconds: parts[5], nanoseconds: parts[6]))
    }
}
