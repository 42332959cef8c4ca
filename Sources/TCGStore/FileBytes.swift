#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file with POSIX `open`/`read`, together with the fingerprint of what was read.
enum FileBytes {
    /// The largest file accepted as a workspace or journal.
    static let limit = 1 << 30

    /// The bytes of the file at `path` from byte `offset` to its end, and the fingerprint of
    /// the file read, or nil if there is no such file.
    /// `readBy`: when given, the file may also belong to the owner of the file at that path (a
    /// journal is read when it is its snapshot's owner's); else it must be the user's own.
    static func contents(of path: String, from offset: Int = 0, ownerOf readBy: String? = nil) throws(StoreError) -> (bytes: [UInt8], state: FileState)? {
        // O_NONBLOCK: opening a FIFO must not hang; it has no effect on regular files.
        // O_NOFOLLOW: a link planted at a workspace file's name is refused (OwnedFile).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        if fd < 0 {
            let code = errno
            if code == ENOENT { return nil }
            if code == ELOOP {
                throw StoreError(path: path, message: "cannot read the workspace: \(path) is a symbolic link",
                                 help: "tcg does not follow a link at the name of a workspace file; move it aside if you did not put it there")
            }
            throw StoreError(path: path, message: "cannot read the workspace: \(SystemError.text(code))",
                             help: "check the path and its permissions")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw StoreError(path: path, message: "cannot read the workspace: \(SystemError.current)")
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            throw StoreError(path: path, message: "is a folder, not a tcg workspace",
                             help: "give the path of the workspace file inside it, e.g. \(path)/tcg-workspace.json")
        }
        guard type == S_IFREG else {
            throw StoreError(path: path, message: "is not a regular file, so it cannot be a tcg workspace")
        }
        var owners = [geteuid()]
        var snapshot = stat()
        if let readBy, lstat(readBy, &snapshot) == 0 { owners.append(snapshot.st_uid) }
        if let problem = OwnedFile.problem(info, inPlace: false, owners: owners) {
            throw StoreError(path: path, message: "cannot read the workspace: \(path) \(problem)",
                             help: "tcg reads only its user's own workspace files; move it aside if you did not put it there")
        }
        let total = Int(info.st_size)
        guard total <= limit else {
            throw StoreError(path: path, message: "is \(total) bytes, too large for a tcg workspace (the limit is \(limit) bytes)")
        }
        if offset > 0, lseek(fd, off_t(offset), SEEK_SET) < 0 {
            throw StoreError(path: path, message: "cannot read the workspace: \(SystemError.current)")
        }
        let size = max(0, total - offset)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < size {
                let n = read(fd, base + initialized, size - initialized)
                if n > 0 {
                    initialized += n
                } else if n == 0 {
                    return
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        // The file is normally replaced, never grown in place; read on to the end all the same.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while failure == 0 {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: chunk[0..<n])
                guard bytes.count <= limit else {
                    throw StoreError(path: path, message: "is too large for a tcg workspace (the limit is \(limit) bytes)")
                }
            } else if n == 0 {
                break
            } else if errno != EINTR {
                failure = errno
            }
        }
        if failure != 0 {
            throw StoreError(path: path, message: "cannot read the workspace: \(SystemError.text(failure))")
        }
        return (bytes, FileState(info))
    }
}
