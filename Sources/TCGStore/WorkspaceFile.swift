#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain

/// The register kept in a JSON workspace file and its journal (docs/workspace.md), shared
/// safely between processes.
///
/// `PATH` is a snapshot of the register; `PATH.journal` holds one line per transaction
/// committed since, each the records it changed. A commit appends one line and syncs it
/// (time proportional to the change, not to the register); a transaction that changes many
/// records writes a whole snapshot instead, and the journal is folded into a new snapshot
/// when it grows past a quarter of the snapshot (at most 4 MiB) and on ``close()``.
///
/// Readers take no lock: snapshots replace the file by rename and journal lines count only
/// once complete, so a reader sees a whole committed state; a reader that races a fold reads
/// again. Writers take an exclusive lock on `PATH.lock` for the length of a transaction, read
/// what other processes committed since they last looked (only the new journal lines when the
/// snapshot is unchanged), and make their change durable before unlocking. Both files are
/// always mode 0600.
public final class WorkspaceFile: RegisterStore {
    /// The workspace file (the snapshot).
    public let path: String
    /// How long a transaction waits for another writer's lock, in seconds.
    public let lockTimeout: Double
    /// When commits write a snapshot instead of a journal line, and when the journal is folded.
    var limits = Limits()
    /// What this instance last read or wrote; nil before the first read and after a failure
    /// that may have left it behind the files.
    var view: WorkspaceView?
    /// The journal length below which a commit does not try to fold the journal again after
    /// a fold failed.
    var nextFoldAttempt = 0
    /// Whether a workspace in an older format version is migrated when it is opened (see
    /// ``WorkspaceMigration``); when false (`--dry-run`) it is read as it is, and a transaction
    /// on it is refused.
    public var migrates = true
    /// Who the migration's audit entry names (`--user`); nil: the login name.
    public var user: String?
    /// Called once a workspace has been migrated (tcg prints it on stderr).
    public var onMigration: ((WorkspaceMigration) -> Void)?
    /// How audit entries seal records; keyed with `TCG_AUDIT_KEY_FILE`'s key when tcg has one.
    public var seal = WorkspaceSeal()
    /// The snapshot and journal whose audit trail this instance has found intact (or wrote
    /// itself), so that it is not checked again before each transaction.
    var trusted: (snapshot: FileState, journal: FileState)?

    /// Sizes that decide between a journal line and a snapshot.
    struct Limits {
        /// A transaction that writes or removes more records, or appends more audit entries,
        /// writes a snapshot.
        var recordsPerLine = 4096
        /// A transaction whose line would be longer than this or an eighth of the snapshot,
        /// whichever is more, writes a snapshot.
        var lineBytes = 256 << 10
        /// The journal is folded once longer than a quarter of the snapshot, but at least
        /// `smallestFold` and at most `largestFold` bytes.
        var smallestFold = 64 << 10
        /// See `smallestFold`.
        var largestFold = 4 << 20

        /// The journal length past which it is folded, for a snapshot of `snapshotBytes`.
        func foldAt(snapshotBytes: Int) -> Int {
            min(largestFold, max(smallestFold, snapshotBytes / 4))
        }
    }

    /// A store for the workspace at `path`; nothing is read or created until it is used.
    ///
    /// A symbolic link at `path` is resolved here, once, to the real path of the file it points
    /// to (``resolvingLink(_:)``), so that the journal and the lock are named after the real
    /// file: a register used through a link and through its target is one register.
    public init(path: String, lockTimeout: Double = 10) {
        self.path = WorkspaceFile.resolvingLink(path)
        self.lockTimeout = lockTimeout
    }

    /// `path` itself unless it is a symbolic link; then the real path of what it points to
    /// (every link and `..` resolved). A link to nothing is kept as it is: tcg refuses to read
    /// or write through it (exit status 3).
    public static func resolvingLink(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The sidecar lock file, `PATH.lock`.
    public var lockPath: String { path + ".lock" }

    /// The journal of changes committed since the snapshot, `PATH.journal`.
    public var journalPath: String { path + ".journal" }

    /// The register as stored now, or an empty register if nothing has been stored yet.
    ///
    /// A workspace in an older format version is migrated first when its folder is writable
    /// and no writer holds the lock (that writer migrates it); otherwise it is read as it is.
    public func open() throws(StoreError) -> Register {
        try migrateOnRead(try look(locked: false)).register
    }

    /// The latest register if another writer changed it since this instance last read or
    /// wrote it (or it never has), else nil.
    public func refresh() throws(StoreError) -> Register? {
        let first = view == nil
        let (register, changed) = try migrateOnRead(try look(locked: false))
        return first || changed ? register : nil
    }

    /// Runs `body` on the latest register under the writer lock; saves if the audit trail's
    /// length changed. See ``RegisterStore/transaction(_:)``.
    public func transaction<T>(_ body: (inout Register) throws -> T) throws -> T {
        let lock = try WorkspaceLock.acquire(workspace: path, timeout: lockTimeout)
        defer { lock.release() }
        AtomicFileWriter.removeStaleTemporaries(of: path)
        var register = try look(locked: true).register
        if let current = view, current.version < WorkspaceFormat.version {
            register = try migrate()
        }
        try requireIntact(register)
        let before = register.audit.count
        let result = try body(&register)
        if register.audit.count != before {
            try commit(register)
            writeHead(of: register)
        }
        return result
    }

    /// Folds the journal into a new snapshot and empties it, if it holds anything and no other
    /// writer holds the lock (then, or when the workspace's folder is not writable, it does
    /// nothing). A workspace in an older format version is migrated instead, which folds the
    /// journal too, or left alone when this store does not migrate. The instance stays usable.
    public func close() throws(StoreError) {
        guard try FileState.of(journalPath).size > 0,
              AtomicFileWriter.isWritableFolder(of: path),
              let lock = WorkspaceLock.attempt(workspace: path) else { return }
        defer { lock.release() }
        _ = try look(locked: true)
        if let current = view, current.version < WorkspaceFormat.version {
            if migrates { _ = try migrate() }
            return
        }
        let wasTrusted = isTrusted
        try fold()
        if wasTrusted, let register = view?.register { writeHead(of: register) }
    }

    // MARK: Reading

    /// Brings ``view`` up to date with the files and returns its register, and whether it
    /// changed. When the snapshot is unchanged and the journal only grew, reads just the new
    /// lines; otherwise reads both files.
    ///
    /// Without the lock a writer may fold the journal between the reads of the two files;
    /// the snapshot's fingerprint is checked again after reading the journal and the look
    /// retried if it changed, so that a fold is never mistaken for damage.
    func look(locked: Bool) throws(StoreError) -> (register: Register, changed: Bool) {
        var attempt = 0
        while true {
            attempt += 1
            let snapshot = try FileState.of(path)
            do throws(StoreError) {
                if let result = try lookAtJournal(snapshot) { return result }
                let loaded = try load()
                if !locked, try FileState.of(path) != loaded.snapshot, attempt < 10 { continue }
                view = loaded
                return (loaded.register, true)
            } catch {
                view = nil
                if !locked, attempt < 10, try FileState.of(path) != snapshot { continue }
                throw error
            }
        }
    }

    /// When the snapshot is the one in ``view``, or a fold of the register the view holds: the
    /// register after reading any new journal lines. Nil when the files must be read again whole.
    private func lookAtJournal(_ snapshot: FileState) throws(StoreError) -> (register: Register, changed: Bool)? {
        guard var current = view else { return nil }
        if current.snapshot != snapshot {
            guard adopt(snapshot, into: &current) else { return nil }
            view = current
        }
        let journal = try FileState.of(journalPath)
        if journal == current.journal { return (current.register, false) }
        guard current.journal == .missing || journal.isSameFile(as: current.journal), journal.size >= current.consumed else { return nil }
        // The view gives up its register while lines are applied, so that it changes in place.
        view = nil
        guard let (tail, state) = try FileBytes.contents(of: journalPath, from: current.consumed, ownerOf: path),
              state.isSameFile(as: journal) else { return nil }
        let applied = try current.replay(tail, workspace: path)
        current.journal = state
        if try FileState.of(path) != snapshot { return nil }
        view = current
        return (current.register, applied > 0)
    }

    /// Takes `snapshot`, a snapshot other than the view's, as the view's own if it is a fold of
    /// exactly the register the view holds (its `journal_seq` is the last line the view applied
    /// and its last audit entry is the view's): the journal is then read again from its start.
    /// Saves reading the whole snapshot after another process folded the journal. A fold is
    /// always a new file (renamed into place): a snapshot rewritten in place, as an editor may
    /// do, is read whole, since the view's audit entries on disk are in the old one.
    private func adopt(_ snapshot: FileState, into current: inout WorkspaceView) -> Bool {
        guard case .present(let device, let inode, _, _, _) = snapshot,
              !current.snapshot.isFile(device: device, inode: inode),
              current.lastSeq > 0, let last = current.lastAudit,
              let summary = SnapshotSummary.read(path, state: snapshot),
              summary.journalSeq == current.lastSeq, summary.lastAudit == last else { return false }
        current.snapshot = snapshot
        current.watermark = summary.journalSeq
        current.journal = .missing
        current.consumed = 0
        current.lines = 0
        current.lastLineSeq = nil
        current.hasFolded = false
        return true
    }

    /// Reads the snapshot (or starts from an empty register when there is none), leaving its
    /// audit entries on disk, and applies the journal.
    private func load() throws(StoreError) -> WorkspaceView {
        var loaded: WorkspaceView
        if let file = try SnapshotFile.openIfPresent(path) {
            var (register, watermark, earlierLast, version) = try WorkspaceFormat.decodeSnapshot(file)
            register.seal = seal
            loaded = WorkspaceView(register: register, snapshot: file.state, watermark: watermark)
            loaded.earlierLast = earlierLast
            loaded.version = version
        } else {
            var empty = Register()
            empty.seal = seal
            loaded = WorkspaceView(register: empty, snapshot: .missing, watermark: 0)
        }
        guard let (bytes, state) = try FileBytes.contents(of: journalPath, ownerOf: path) else { return loaded }
        if loaded.snapshot == .missing, bytes.contains(0x0A) {
            throw StoreError(path: journalPath, message: "holds changes to a workspace that does not exist (\(path))",
                             help: "restore \(path), or move the journal aside to start an empty workspace")
        }
        loaded.journal = state
        _ = try loaded.replay(bytes, workspace: path)
        return loaded
    }
}
