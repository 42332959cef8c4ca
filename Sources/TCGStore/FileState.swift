#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A cheap fingerprint of one version of a file: absent, or its device, inode, size and
/// modification and change times to the nanosecond.
///
/// Saves replace the workspace by rename, so any write gives the path a new inode; comparing
/// fingerprints tells whether someone else has written since we last looked.
enum FileState: Equatable, Sendable {
    /// No file at the path.
    case missing
    /// A file with these attributes.
    case present(device: UInt64, inode: UInt64, size: Int64, modified: Timestamp, changed: Timestamp)

    /// Whether this is the file `device`/`inode` (in whatever state).
    func isFile(device: UInt64, inode: UInt64) -> Bool {
        if case .present(let d, let i, _, _, _) = self { return d == device && i == inode }
        return false
    }

    /// Seconds and nanoseconds.
    struct Timestamp: Equatable, Sendable {
        /// Whole seconds since the epoch.
        var seconds: Int64
        /// Nanoseconds within the second.
        var nanoseconds: Int64
    }

    /// The fingerprint of `info`.
    init(_ info: stat) {
        #if canImport(Darwin)
        let modified = Timestamp(seconds: Int64(info.st_mtimespec.tv_sec), nanoseconds: Int64(info.st_mtimespec.tv_nsec))
        let changed = Timestamp(seconds: Int64(info.st_ctimespec.tv_sec), nanoseconds: Int64(info.st_ctimespec.tv_nsec))
        #else
        let modified = Timestamp(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec))
        let changed = Timestamp(seconds: Int64(info.st_ctim.tv_sec), nanoseconds: Int64(info.st_ctim.tv_nsec))
        #endif
        self = .present(device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino),
                        size: Int64(info.st_size), modified: modified, changed: changed)
    }

    /// The size in bytes; 0 when missing.
    var size: Int {
        if case .present(_, _, let size, _, _) = self { return Int(size) }
        return 0
    }

    /// Whether both are the same file (device and inode), whatever its contents now.
    func isSameFile(as other: FileState) -> Bool {
        switch (self, other) {
        case (.present(let d1, let i1, _, _, _), .present(let d2, let i2, _, _, _)): return d1 == d2 && i1 == i2
        default: return false
        }
    }

    /// The state of the open file `fd`.
    static func of(descriptor fd: Int32, path: String) throws(StoreError) -> FileState {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw StoreError(path: path, message: "cannot read the state of the file: \(SystemError.current)")
        }
        return FileState(info)
    }

    /// The state of the file at `path` now; a symbolic link's own (tcg never follows a link at
    /// a workspace file's name: opening it is refused).
    static func of(_ path: String) throws(StoreError) -> FileState {
        var info = stat()
        if lstat(path, &info) == 0 { return FileState(info) }
        let code = errno
        if code == ENOENT { return .missing }
        throw StoreError(path: path, message: "cannot read the workspace: \(SystemError.text(code))",
                         help: "check the path and its permissions")
    }
}
