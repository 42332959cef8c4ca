#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGLanguage
import TCGPostgres
import TCGStore

/// `tcg verify [--head HASH] [--accept]`: the audit trail is tamper-evident; this lists every
/// entry altered, removed, merged or reordered, every record changed outside tcg and a cut
/// tail, and proves an anchor (`--head`) or records that a person accepts the breaks (`--accept`).
enum Verify {
    /// Exit 0 when the chain holds (and reaches `head`), 1 when it is broken or keyed without
    /// the key, 3 when the workspace cannot be read.
    static func run(store: WorkspaceFile, path: String, head: String?, accept: Bool, user: String, today: Day?,
                    console: Console) -> ExitStatus {
        report(path: path, head: head, headFile: store.headPath, console: console) {
            if let absent = store.absent { throw absent }
            if accept { return try store.acceptBreaks(user: user, day: today) }
            return (try checked(on: console) { try store.check(progress: $0) }, nil)
        }
    }

    /// `tcg verify` against a database (``PostgresStore``), named by its URL without a password.
    static func run(database store: PostgresStore, head: String?, accept: Bool, user: String, today: Day?, console: Console) -> ExitStatus {
        report(path: store.address.shown, head: head, headFile: nil, console: console) {
            if accept { return try store.acceptBreaks(user: user, day: today) }
            return (try checked(on: console) { try store.check(progress: $0) }, nil)
        }
    }

    /// Runs `check` with a progress line on stderr at a terminal (the total is known once the
    /// register is read), erased when it is done.
    private static func checked(on console: Console,
                                _ check: (((_ done: Int, _ total: Int) -> Void)?) throws -> AuditCheck) throws -> AuditCheck {
        let meter = ProgressMeter.onStderr(of: console.terminal, total: 0, label: "entries and records checked")
        defer { meter?.finish() }
        return try check(meter.map { meter in { meter.update($0, of: $1) } })
    }

    /// Runs `checking` and reports what it found; `headFile` is the head file that a cut tail
    /// needs (nil for a database, whose head row is checked with it).
    private static func report(path: String, head: String?, headFile: String?, console: Console,
                               checking: () throws -> (check: AuditCheck, entry: AuditEntry?)) -> ExitStatus {
        let check: AuditCheck
        var accepted: AuditEntry?
        do {
            (check, accepted) = try checking()
        } catch let error as StoreError {
            console.message(error.report)
            return .workspace
        } catch {
            console.message("\(path): error: \(error)")
            return .workspace
        }
        if check.keyedUnchecked > 0 {
            console.message("\(path): error: the audit chain is keyed (HMAC): \(check.keyedUnchecked) of \(check.count) entries cannot be checked without the key")
            console.message("help: set TCG_AUDIT_KEY_FILE to the key file (mode 0600) and run tcg verify again")
            return .statementFailed
        }
        for problem in check.problems where problem.acceptedAt != nil {
            console.write("\(path): accepted at entry \(problem.acceptedAt ?? 0): \(problem.message)\n")
        }
        if let accepted {
            console.write("\(path): entry \(accepted.seq) by \(accepted.user) accepts \(accepted.changes.count) break\(accepted.changes.count == 1 ? "" : "s") "
                          + "and seals the \(accepted.ids.count) records as they are now; changes are saved again\n")
            console.flush()
            return .success
        }
        var status = ExitStatus.success
        if let head {
            if let anchor = check.entry(withHash: head.lowercased()) {
                if check.intact(through: anchor.seq) {
                    console.write("\(path): entry #\(anchor.seq) has hash \(anchor.hash): nothing up to it has changed since\n")
                } else {
                    let first = check.problems.first { $0.kind == .link && $0.seq <= anchor.seq }
                    console.message("\(path): error: entry #\(anchor.seq) has hash \(anchor.hash), but the chain to it is broken at entry \(first?.seq ?? 0): \(first?.message ?? "")")
                    status = .statementFailed
                }
            } else {
                console.message("\(path): error: no audit entry has the hash \(head): the trail was rewritten or cut before it, or the hash is not this workspace's"
                                + (head.count < 12 ? " (give at least 12 hex digits)" : ""))
                status = .statementFailed
            }
        }
        let open = check.unaccepted
        if !open.isEmpty {
            for problem in open { console.message("\(path): error: \(problem.message)") }
            console.message("help: the workspace was changed outside tcg; entries before #\(open[0].seq) check out. "
                            + "It is read-only until a person runs `tcg verify --accept`")
            return .statementFailed
        }
        console.write("\(path): the audit trail is intact: \(check.count) entries, head #\(check.lastSeq) \(check.lastHash); "
                      + "\(check.sealedRecords) records match the entries that last changed them"
                      + (check.hadHead || check.count == 0 ? "" : headFile.map { "; \($0) is missing, so a cut tail cannot be seen" } ?? "") + "\n")
        console.flush()
        return status
    }

    /// The key in `TCG_AUDIT_KEY_FILE`, if set: refused unless a regular file only its owner may
    /// read or write (mode 0600 or stricter) and not empty.
    static func key(file: String?) -> (key: AuditKey?, problem: String?) {
        guard let file, !file.isEmpty else { return (nil, nil) }
        var info = stat()
        guard stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return (nil, "TCG_AUDIT_KEY_FILE: cannot read \(file)")
        }
        guard info.st_mode & 0o077 == 0 else {
            return (nil, "TCG_AUDIT_KEY_FILE: \(file) may be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); chmod 600 it")
        }
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return (nil, "TCG_AUDIT_KEY_FILE: cannot open \(file)") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
            if n <= 0 { break }
            bytes += buffer[0..<n]
            if bytes.count > 1 << 16 { return (nil, "TCG_AUDIT_KEY_FILE: \(file) is too large for a key") }
        }
        guard !bytes.isEmpty else { return (nil, "TCG_AUDIT_KEY_FILE: \(file) is empty") }
        return (AuditKey(bytes: bytes), nil)
    }
}
