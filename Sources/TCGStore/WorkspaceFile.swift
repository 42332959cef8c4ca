import TCGDomain

/// The register kept in one JSON workspace file (docs/workspace.md), shared safely between
/// processes.
///
/// Readers take no lock: a save replaces the file by rename, so a reader sees a whole old
/// version or a whole new one. Writers take an exclusive lock on `PATH.lock` for the length of
/// a transaction, re-read the file if another process changed it, and save durably (temporary
/// file, fsync, rename, fsync of the folder) before unlocking. The file is always mode 0600.
///
/// The instance caches the register it last read or wrote, with the file's fingerprint
/// (device, inode, size, times), and reuses it while the file is unchanged.
public final class WorkspaceFile: RegisterStore {
    /// The workspace file.
    public let path: String
    /// How long a transaction waits for another writer's lock, in seconds.
    public let lockTimeout: Double
    /// The register as this instance last read or wrote it.
    private var cached: Register?
    /// The file's state when `cached` was read or written; nil when unknown.
    private var seen: FileState?

    /// A store for the workspace at `path`; nothing is read or created until it is used.
    public init(path: String, lockTimeout: Double = 10) {
        self.path = path
        self.lockTimeout = lockTimeout
    }

    /// The sidecar lock file, `PATH.lock`.
    public var lockPath: String { path + ".lock" }

    /// The register as stored now, or an empty register if the file does not exist yet.
    public func open() throws(StoreError) -> Register {
        if let cached, let seen, try FileState.of(path) == seen { return cached }
        return try load()
    }

    /// The latest register if the file changed since this instance last read or wrote it (or
    /// it never has), else nil.
    public func refresh() throws(StoreError) -> Register? {
        if cached != nil, let seen, try FileState.of(path) == seen { return nil }
        return try load()
    }

    /// Runs `body` on the latest register under the writer lock; saves if the audit trail's
    /// length changed. See ``RegisterStore/transaction(_:)``.
    public func transaction<T>(_ body: (inout Register) throws -> T) throws -> T {
        let lock = try WorkspaceLock.acquire(workspace: path, timeout: lockTimeout)
        defer { lock.release() }
        var register = try open()
        let before = register.audit.count
        let result = try body(&register)
        if register.audit.count != before {
            try save(register)
        }
        return result
    }

    /// Reads and decodes the file, remembering what was read.
    private func load() throws(StoreError) -> Register {
        seen = nil
        cached = nil
        guard let (bytes, state) = try FileBytes.contents(of: path) else {
            cached = Register()
            seen = .missing
            return Register()
        }
        let register = try WorkspaceFormat.decode(bytes, path: path)
        cached = register
        seen = state
        return register
    }

    /// Validates, encodes and durably replaces the file; the caller holds the lock.
    private func save(_ register: Register) throws(StoreError) {
        if let problem = WorkspaceValidator.problem(in: register) {
            throw StoreError(path: path, message: "refusing to save an inconsistent register: \(problem)",
                             help: "this is a bug in tcg; the workspace was not changed")
        }
        let bytes = WorkspaceFormat.encode(register)
        seen = nil
        cached = nil
        try AtomicFileWriter.replace(path, with: bytes)
        var stored = register
        stored.pendingChanges = []
        stored.pendingIDs = []
        cached = stored
        seen = try? FileState.of(path)
    }
}
