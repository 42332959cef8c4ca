#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Durable changes to the journal, `PATH.journal`; the caller holds the writer lock.
///
/// A line is appended with one `write(2)` on an `O_APPEND` descriptor and made durable with
/// `fdatasync` before the lock is released. The file is created mode 0600 (its folder is then
/// synced so that the new name survives a crash) and kept 0600. It is opened without following
/// a symbolic link and written only when it is the user's own (``OwnedFile``).
enum JournalFile {
    /// Appends `line` (one whole line, newline included) durably, first cutting the file to
    /// `keep` bytes if it is longer (a torn tail, or lines already folded into the snapshot).
    /// Returns the journal's fingerprint afterwards.
    ///
    /// On failure the journal is cut back to `keep` bytes, so that no part of the line stays;
    /// a journal this call created is removed again, so that a failed first append leaves no
    /// empty journal behind.
    static func append(_ line: [UInt8], keep: Int, workspace: String) throws(StoreError) -> FileState {
        let path = workspace + ".journal"
        var creating = false
        var fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        if fd < 0, errno == ENOENT {
            creating = true
            fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode_t(0o600))
        }
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP { throw refused(path, workspace: workspace, OwnedFile.openFailure(code)) }
            throw StoreError(path: workspace, message: "cannot save: cannot \(creating ? "create" : "open") the journal \(path): \(SystemError.text(code))",
                             help: "check that the folder \(AtomicFileWriter.split(path).folder) is writable; the change was not saved")
        }
        var appended = false
        defer {
            close(fd)
            if creating, !appended { _ = unlink(path) }
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw StoreError(path: workspace, message: "cannot save: cannot examine the journal \(path): \(SystemError.current)",
                             help: "the change was not saved")
        }
        if let problem = OwnedFile.problem(info, inPlace: true) { throw refused(path, workspace: workspace, problem) }
        if info.st_mode & 0o7777 != 0o600 { _ = fchmod(fd, mode_t(0o600)) }
        let size = Int(info.st_size)
        guard size >= keep else {
            throw StoreError(path: workspace, message: "cannot save: the journal \(path) is shorter than when it was read under the lock",
                             help: "another program changed it; the change was not saved")
        }
        if size > keep, ftruncate(fd, off_t(keep)) != 0 {
            throw StoreError(path: workspace, message: "cannot save: cannot cut the torn end off the journal \(path): \(SystemError.current)",
                             help: "the change was not saved")
        }
        if let code = writeAll(fd, line) ?? sync(fd) {
            _ = ftruncate(fd, off_t(keep))
            throw StoreError(path: workspace, message: "cannot save: writing the journal \(path) failed: \(SystemError.text(code))",
                             help: code == ENOSPC || code == EDQUOT ? "free some disk space; the change was not saved" : "the change was not saved")
        }
        appended = true
        if creating { try AtomicFileWriter.syncFolder(AtomicFileWriter.split(path).folder, workspace: workspace) }
        return try FileState.of(descriptor: fd, path: workspace)
    }

    /// Empties the journal durably, after its lines were folded into a snapshot; returns its
    /// fingerprint afterwards (`.missing` when there is no journal).
    static func empty(workspace: String) throws(StoreError) -> FileState {
        let path = workspace + ".journal"
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        if fd < 0, errno == ENOENT { return .missing }
        guard fd >= 0 else {
            throw StoreError(path: workspace, message: "cannot empty the journal \(path): \(OwnedFile.openFailure(errno))")
        }
        defer { close(fd) }
        if let problem = OwnedFile.problem(descriptor: fd, inPlace: true) {
            throw StoreError(path: workspace, message: "cannot empty the journal \(path): it \(problem)",
                             help: "tcg does not write through it; move it aside if you did not put it there")
        }
        if ftruncate(fd, 0) != 0 {
            throw StoreError(path: workspace, message: "cannot empty the journal \(path): \(SystemError.current)")
        }
        if let code = sync(fd) {
            throw StoreError(path: workspace, message: "cannot empty the journal \(path): \(SystemError.text(code))")
        }
        return try FileState.of(descriptor: fd, path: workspace)
    }

    /// The error for a journal that cannot be trusted: it is left as it is.
    private static func refused(_ path: String, workspace: String, _ problem: String) -> StoreError {
        StoreError(path: workspace, message: "cannot save: the journal \(path) \(problem)",
                   help: "tcg does not write through it; move it aside if you did not put it there; the change was not saved")
    }

    /// Writes every byte, normally in one call; returns the errno of a failure, or nil.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { raw -> Int32? in
            guard let base = raw.baseAddress else { return nil }
            var done = 0
            while done < raw.count {
                let n = write(fd, base + done, raw.count - done)
                if n > 0 {
                    done += n
                } else if n < 0, errno == EINTR {
                    continue
                } else {
                    return n < 0 ? errno : EIO
                }
            }
            return nil
        }
    }

    /// Flushes the file's data (and its size) to disk; returns the errno of a failure, or nil.
    private static func sync(_ fd: Int32) -> Int32? {
        while true {
            #if canImport(Darwin)
            let result = fsync(fd)
            #else
            let result = fdatasync(fd)
            #endif
            if result == 0 { return nil }
            if errno != EINTR { return errno }
        }
    }
}
