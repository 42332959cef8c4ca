#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's contents durably and atomically: readers see the old file or the new one,
/// never a mixture, and after a crash the file is one or the other.
///
/// The steps: create `.NAME.tmp-PID` in the same folder (mode 0600, `O_EXCL | O_NOFOLLOW`),
/// write every byte, `fsync` it, `rename` it over the file, `fsync` the folder. On any failure
/// before the rename the temporary file is removed and the old file is left as it was. A
/// symbolic link, a non-regular file or another user's file at the path is refused, and so is a
/// folder writable by others without the sticky bit (``OwnedFile``).
enum AtomicFileWriter {
    /// Where the new contents go, piece by piece.
    struct Output {
        fileprivate let fd: Int32
        fileprivate let workspace: String
        fileprivate let temporary: String

        /// Writes every byte of `bytes` to the temporary file.
        func write(_ bytes: [UInt8]) throws(StoreError) {
            try AtomicFileWriter.writeAll(fd, bytes, workspace: workspace, temporary: temporary)
        }
    }

    /// Writes `bytes` to `path` as described above. `path` names the workspace in errors.
    static func replace(_ path: String, with bytes: [UInt8]) throws(StoreError) {
        try replace(path) { (output: Output) throws(StoreError) in try output.write(bytes) }
    }

    /// Replaces `path` with what `produce` writes to the output, as described above, so that
    /// a large file need not be held in memory whole. If `produce` throws, the old file is kept.
    static func replace(_ path: String, writing produce: (Output) throws(StoreError) -> Void) throws(StoreError) {
        _ = try replace(path, keepingOpen: false, writing: produce)
    }

    /// As ``replace(_:writing:)``, and when `keepingOpen`, returns the new file open for
    /// reading (nil if it could not be opened).
    /// Removes `.NAME.tmp-PID` files that a writer killed mid-save left behind. Called under the
    /// writer lock, when no save can be in progress; never touches the workspace itself.
    static func removeStaleTemporaries(of path: String) {
        let (folder, prefix, name) = split(path)
        guard !name.isEmpty, let dir = opendir(folder.isEmpty ? "." : folder) else { return }
        defer { closedir(dir) }
        let stem = ".\(name).tmp-"
        var stale: [String] = []
        while let entry = readdir(dir) {
            let entryName = withUnsafePointer(to: entry.pointee.d_name) { p in
                p.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if entryName.hasPrefix(stem), entryName.dropFirst(stem.count).allSatisfy({ $0.isASCII && $0.isNumber }) {
                stale.append(entryName)
            }
        }
        for entryName in stale { unlink(prefix + entryName) }
    }

    static func replace(_ path: String, keepingOpen: Bool,
                        writing produce: (Output) throws(StoreError) -> Void) throws(StoreError) -> SnapshotFile? {
        let (folder, prefix, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw StoreError(path: path, message: "cannot save: the path names a folder, not a file")
        }
        if let problem = OwnedFile.folderProblem(folder) {
            throw StoreError(path: path, message: "cannot save: \(problem)",
                             help: "save in a folder only you can write (or one with the sticky bit, chmod +t); nothing was written")
        }
        try refuseTarget(path)
        let temporary = prefix + ".\(name).tmp-\(getpid())"
        let fd = try createTemporary(temporary, workspace: path, folder: folder)
        do throws(StoreError) {
            try produce(Output(fd: fd, workspace: path, temporary: temporary))
            try retrying(fd, path, "cannot save: flushing \(temporary) to disk failed") { fsync($0) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        // Opened before the rename, so that it is this file whatever happens to the name.
        let readable = keepingOpen ? open(temporary, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1
        func giveUp() {
            if readable >= 0 { close(readable) }
            unlink(temporary)
        }
        if close(fd) != 0 {
            let text = SystemError.current
            giveUp()
            throw StoreError(path: path, message: "cannot save: closing \(temporary) failed: \(text)",
                             help: "the workspace was not changed")
        }
        do throws(StoreError) { try refuseTarget(path) } catch {
            giveUp()
            throw error
        }
        if rename(temporary, path) != 0 {
            let text = SystemError.current
            giveUp()
            throw StoreError(path: path, message: "cannot save: renaming \(temporary) over the workspace failed: \(text)",
                             help: "the workspace was not changed")
        }
        do {
            try syncFolder(folder, workspace: path)
        } catch {
            if readable >= 0 { close(readable) }
            throw error
        }
        guard readable >= 0 else { return nil }
        var info = stat()
        guard fstat(readable, &info) == 0 else {
            close(readable)
            return nil
        }
        return SnapshotFile(fd: readable, path: path, state: FileState(info))
    }

    /// The folder of `path` (`.` when none is given), the path up to and including its last
    /// `/` (empty when none), and the file name after it. Splits on bytes, not characters.
    static func split(_ path: String) -> (folder: String, prefix: String, name: String) {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return (".", "", path) }
        let after = utf8.index(after: slash)
        let folder = String(decoding: utf8[..<slash], as: UTF8.self)
        return (folder.isEmpty ? "/" : folder, String(decoding: utf8[..<after], as: UTF8.self),
                String(decoding: utf8[after...], as: UTF8.self))
    }

    /// Whether the folder of `path` exists and this process may create files in it.
    static func isWritableFolder(of path: String) -> Bool {
        access(split(path).folder, W_OK) == 0
    }

    /// Throws unless `path` is free or the user's own regular file: a symbolic link there is
    /// refused rather than replaced (the user meant to write where it points, which tcg does not
    /// do), and so are a folder, a device or FIFO, and another user's file.
    static func refuseTarget(_ path: String) throws(StoreError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let type = info.st_mode & S_IFMT
        let problem: String
        if type == S_IFLNK {
            problem = "it is a symbolic link, which tcg does not replace or write through"
        } else if type == S_IFDIR {
            problem = "it is a folder"
        } else if type != S_IFREG {
            problem = "it is not a regular file"
        } else if info.st_uid != geteuid() {
            problem = "it is owned by another user (uid \(info.st_uid))"
        } else {
            return
        }
        throw StoreError(path: path, message: "cannot save: \(problem)",
                         help: "choose another path, or move it aside; nothing was written")
    }

    /// Creates the temporary file, removing a stale one left by a crashed process with our pid.
    private static func createTemporary(_ temporary: String, workspace: String, folder: String) throws(StoreError) -> Int32 {
        var attempt = 0
        while true {
            let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, mode_t(0o600))
            if fd >= 0 {
                // The umask cannot widen 0600, but be sure the file is the owner's only.
                if fchmod(fd, mode_t(0o600)) != 0 {
                    let text = SystemError.current
                    close(fd)
                    unlink(temporary)
                    throw StoreError(path: workspace, message: "cannot save: cannot set the mode of \(temporary): \(text)",
                                     help: "the workspace was not changed")
                }
                return fd
            }
            let code = errno
            if code == EINTR { continue }
            // We hold the writer lock, so an existing temporary file is a leftover: remove it once.
            if code == EEXIST, attempt == 0, unlink(temporary) == 0 {
                attempt += 1
                continue
            }
            throw StoreError(path: workspace,
                             message: "cannot save: cannot create \(temporary): \(SystemError.text(code))",
                             help: code == ENOENT ? "the folder \(folder) does not exist; create it first"
                                 : "check that the folder \(folder) exists and is writable; the workspace was not changed")
        }
    }

    /// Writes every byte, resuming after partial writes and interrupted calls.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], workspace: String, temporary: String) throws(StoreError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                let n = write(fd, base + done, min(raw.count - done, 1 << 30))
                if n > 0 {
                    done += n
                } else if n < 0, errno == EINTR {
                    continue
                } else {
                    failure = n < 0 ? errno : EIO
                    return
                }
            }
        }
        if failure != 0 {
            throw StoreError(path: workspace, message: "cannot save: writing \(temporary) failed: \(SystemError.text(failure))",
                             help: failure == ENOSPC || failure == EDQUOT ? "free some disk space; the workspace was not changed"
                                 : "the workspace was not changed")
        }
    }

    /// Runs a call that returns -1 and sets errno on failure, retrying on EINTR.
    private static func retrying(_ fd: Int32, _ workspace: String, _ what: String, _ call: (Int32) -> Int32) throws(StoreError) {
        while call(fd) != 0 {
            let code = errno
            if code == EINTR { continue }
            throw StoreError(path: workspace, message: "\(what): \(SystemError.text(code))", help: "the workspace was not changed")
        }
    }

    /// Makes the rename durable by syncing the folder. File systems that cannot sync a folder
    /// (EINVAL, ENOTSUP) are accepted: the rename has happened and is all they offer.
    static func syncFolder(_ folder: String, workspace: String) throws(StoreError) {
        let fd = open(folder, O_RDONLY | O_CLOEXEC | O_DIRECTORY)
        guard fd >= 0 else {
            throw StoreError(path: workspace, message: "saved, but cannot open the folder \(folder) to make the save durable: \(SystemError.current)")
        }
        defer { close(fd) }
        while fsync(fd) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EINVAL || code == ENOTSUP || code == EROFS { return }
            throw StoreError(path: workspace, message: "saved, but syncing the folder \(folder) failed: \(SystemError.text(code))")
        }
    }
}
