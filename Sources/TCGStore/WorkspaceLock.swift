#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive writer lock of a workspace: `flock` on the sidecar file `PATH.lock`.
///
/// The lock file is created 0600 if missing and never deleted (deleting it would let two
/// writers lock different files). It is opened without following a symbolic link and must be
/// the user's own regular file, not writable by others and with one name (``OwnedFile``), and
/// the workspace's folder must not be writable by others without the sticky bit. While held it says who holds it, `pid PID user USER since
/// TIME`, so that a writer that gives up waiting can say whom it waited for.
final class WorkspaceLock {
    /// The open lock file, or -1 once released.
    private var fd: Int32
    /// Whether the holder line can be written (the lock file may be read-only to us).
    private let writable: Bool

    private init(fd: Int32, writable: Bool) {
        self.fd = fd
        self.writable = writable
    }

    deinit { release() }

    /// Takes the lock on `workspace`, polling every 15 ms for up to `timeout` seconds.
    static func acquire(workspace: String, timeout: Double) throws(StoreError) -> WorkspaceLock {
        let lockPath = workspace + ".lock"
        guard !AtomicFileWriter.split(workspace).name.isEmpty else {
            throw StoreError(path: workspace, message: "cannot lock the workspace: the path names a folder, not a file",
                             help: "give the path of the workspace file")
        }
        if let problem = OwnedFile.folderProblem(AtomicFileWriter.split(workspace).folder) {
            throw StoreError(path: workspace, message: "cannot lock the workspace: \(problem)",
                             help: "keep the workspace in a folder only you can write (or one with the sticky bit, chmod +t); the workspace was not changed")
        }
        var workspaceInfo = stat()
        if lstat(workspace, &workspaceInfo) == 0, workspaceInfo.st_uid != geteuid() {
            throw StoreError(path: workspace, message: "cannot change the workspace: it is owned by another user (uid \(workspaceInfo.st_uid))",
                             help: "only its owner changes a workspace; others may read it")
        }
        var writable = true
        var fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, mode_t(0o600))
        var creating: Int32 = 0
        if fd < 0, errno == EACCES || errno == EROFS {
            creating = errno
            writable = false
            fd = open(lockPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        }
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT, creating != 0 {
                let folder = AtomicFileWriter.split(workspace).folder
                throw StoreError(path: workspace, message: "cannot lock the workspace: cannot create \(lockPath): \(SystemError.text(creating))",
                                 help: "the folder \(folder) is not writable, so changes cannot be saved there; the workspace was not changed")
            }
            if code == ENOENT {
                let folder = AtomicFileWriter.split(workspace).folder
                throw StoreError(path: workspace, message: "cannot lock the workspace: the folder \(folder) does not exist",
                                 help: "create the folder first, or choose another workspace path")
            }
            if code == ELOOP { throw refused(lockPath, workspace: workspace, OwnedFile.openFailure(code)) }
            throw StoreError(path: workspace, message: "cannot lock the workspace: cannot open \(lockPath): \(SystemError.text(code))",
                             help: "check that the workspace's folder exists and is writable")
        }
        if let problem = OwnedFile.problem(descriptor: fd, inPlace: true) {
            close(fd)
            throw refused(lockPath, workspace: workspace, problem)
        }
        let deadline = MonotonicClock.seconds() + max(0, timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK || code == EAGAIN else {
                close(fd)
                throw StoreError(path: workspace, message: "cannot lock \(lockPath): \(SystemError.text(code))")
            }
            let remaining = deadline - MonotonicClock.seconds()
            guard remaining > 0 else {
                let holder = readHolder(fd)
                close(fd)
                throw StoreError(path: workspace,
                                 message: "is locked by another writer" + (holder.isEmpty ? "" : " (\(holder))"),
                                 help: "wait for it to finish, or try again")
            }
            usleep(useconds_t(min(remaining, 0.015) * 1_000_000))
        }
        let lock = WorkspaceLock(fd: fd, writable: writable)
        lock.writeHolder()
        return lock
    }

    /// Takes the lock on `workspace` if it is free now; nil if another writer holds it or the
    /// lock file cannot be opened for writing.
    static func attempt(workspace: String) -> WorkspaceLock? {
        guard OwnedFile.folderProblem(AtomicFileWriter.split(workspace).folder) == nil else { return nil }
        var workspaceInfo = stat()
        if lstat(workspace, &workspaceInfo) == 0, workspaceInfo.st_uid != geteuid() { return nil }
        let fd = open(workspace + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, mode_t(0o600))
        guard fd >= 0 else { return nil }
        guard OwnedFile.problem(descriptor: fd, inPlace: true) == nil else {
            close(fd)
            return nil
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            close(fd)
            return nil
        }
        let lock = WorkspaceLock(fd: fd, writable: true)
        lock.writeHolder()
        return lock
    }

    /// The error for a lock file that cannot be trusted: it is left as it is.
    private static func refused(_ lockPath: String, workspace: String, _ problem: String) -> StoreError {
        StoreError(path: workspace, message: "cannot lock the workspace: the lock file \(lockPath) \(problem)",
                   help: "tcg does not write through it; remove it (tcg creates its own) if you did not put it there; the workspace was not changed")
    }

    /// Clears the holder line and releases the lock; does nothing the second time.
    func release() {
        guard fd >= 0 else { return }
        if writable { _ = ftruncate(fd, 0) }
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    /// Records `pid PID user USER since TIME` in the lock file (best effort).
    private func writeHolder() {
        guard writable else { return }
        let line = Array("pid \(getpid()) user \(Self.userName()) since \(Self.utcNow())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = line.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// The holder line of the lock file, cleaned for a message; empty if there is none.
    private static func readHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return "" }
        let line = buffer[0..<n].prefix { $0 != 0x0A }
        let text = String(decoding: line, as: UTF8.self)
        return String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
    }

    /// The login name of the effective user, else `$USER`, else `uid N`.
    static func userName() -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 1024)
        let found = buffer.withUnsafeMutableBufferPointer { storage -> String? in
            guard let base = storage.baseAddress,
                  getpwuid_r(geteuid(), &entry, base, storage.count, &result) == 0,
                  result != nil, let name = entry.pw_name else { return nil }
            return String(cString: name)
        }
        if let found, !found.isEmpty { return found }
        if let user = getenv("USER") { return String(cString: user) }
        return "uid \(geteuid())"
    }

    /// The wall-clock time now, ISO 8601 UTC (`2027-03-10T09:41:07Z`).
    static func utcNow() -> String {
        var seconds = time(nil)
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "an unknown time" }
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))Z"
    }
}
