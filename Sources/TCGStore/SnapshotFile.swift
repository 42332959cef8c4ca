#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TCGJSON

/// One version of the snapshot, open for reading: the descriptor stays open, and so keeps that
/// version readable, until the last reference goes, even after another writer replaces the
/// file by rename.
///
/// The register's audit trail is left in it (``AuditOnDisk``), so a register read from a
/// snapshot keeps the snapshot's descriptor open for as long as the register is held.
final class SnapshotFile: Sendable {
    /// The workspace path, for messages.
    let path: String
    /// The open descriptor, read-only; closed in deinit.
    let fd: Int32
    /// The fingerprint of this version.
    let state: FileState

    /// Takes ownership of `fd`, the open snapshot `path` with fingerprint `state`.
    init(fd: Int32, path: String, state: FileState) {
        self.fd = fd
        self.path = path
        self.state = state
    }

    deinit { close(fd) }

    /// The size in bytes.
    var size: Int { state.size }

    /// Opens the snapshot at `path`, or returns nil if there is none. Refuses folders, other
    /// non-regular files and files over ``FileBytes/limit``.
    static func openIfPresent(_ path: String) throws(StoreError) -> SnapshotFile? {
        // O_NONBLOCK: opening a FIFO must not hang; it has no effect on regular files.
        // O_NOFOLLOW: a link planted at a workspace file's name is refused (OwnedFile).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        if fd < 0 {
            let code = errno
            if code == ENOENT { return nil }
            if code == ELOOP {
                throw StoreError(path: path, message: "cannot read the workspace: it is a symbolic link",
                                 help: "tcg does not follow a link at the name of a workspace file; move it aside if you did not put it there")
            }
            throw StoreError(path: path, message: "cannot read the workspace: \(SystemError.text(code))",
                             help: "check the path and its permissions")
        }
        func refuse(_ error: StoreError) -> StoreError {
            close(fd)
            return error
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw refuse(StoreError(path: path, message: "cannot read the workspace: \(SystemError.current)"))
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            throw refuse(StoreError(path: path, message: "is a folder, not a tcg workspace",
                                    help: "give the path of the workspace file inside it, e.g. \(path)/tcg-workspace.json"))
        }
        guard type == S_IFREG else {
            throw refuse(StoreError(path: path, message: "is not a regular file, so it cannot be a tcg workspace"))
        }
        if let problem = OwnedFile.problem(info, inPlace: false, owners: nil) {
            throw refuse(StoreError(path: path, message: "cannot read the workspace: it \(problem)",
                                    help: "tcg reads only its user's own workspace files; move it aside if you did not put it there"))
        }
        let total = Int(info.st_size)
        guard total <= FileBytes.limit else {
            throw refuse(StoreError(path: path, message: "is \(total) bytes, too large for a tcg workspace (the limit is \(FileBytes.limit) bytes)"))
        }
        return SnapshotFile(fd: fd, path: path, state: FileState(info))
    }

    /// A reader over the whole file: mapped read-only when possible (nothing is copied, and
    /// ``SnapshotMapping/drop(before:)`` can give back the pages already read), else read into
    /// memory.
    func reader(maxDepth: Int) throws(StoreError) -> (reader: JSONReader, mapping: SnapshotMapping?) {
        if size > 0, let mapping = SnapshotMapping(fd: fd, count: size) {
            return (JSONReader(buffer: UnsafeRawBufferPointer(start: mapping.base, count: mapping.count), owner: mapping,
                               maxDepth: maxDepth), mapping)
        }
        let buffer = try ReadBuffer(self, 0..<size)
        return (JSONReader(buffer: buffer.bytes, owner: buffer, maxDepth: maxDepth), nil)
    }

    /// `count` bytes from `offset`; throws if the file is shorter.
    func bytes(at offset: Int, count: Int) throws(StoreError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            failure = read(into: UnsafeMutableRawPointer(base), count: count, at: offset, done: &initialized)
        }
        if failure != 0 { throw readError(failure) }
        return bytes
    }

    /// Reads `count` bytes at `offset` into `buffer` with `pread`, counting them in `done`;
    /// returns 0, or the errno of a failure (EIO when the file ends first).
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int, done: inout Int) -> Int32 {
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset + done))
            if n > 0 {
                done += n
            } else if n < 0, errno == EINTR {
                continue
            } else {
                return n < 0 ? errno : EIO
            }
        }
        return 0
    }

    /// The error for a failed read.
    func readError(_ code: Int32) -> StoreError {
        StoreError(path: path, message: "cannot read the workspace: \(code == EIO ? "it is shorter than when it was opened, or " : "")\(SystemError.text(code))")
    }

    /// The 1-based line and column (in characters) of byte `offset`, counted by reading the
    /// file from its start: for messages about a part of the file read on its own.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        let chunk = 1 << 20
        var start = 0
        while start < offset {
            let count = min(chunk, offset - start)
            guard let bytes = try? bytes(at: start, count: count) else { break }
            for byte in bytes {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            start += count
        }
        return (line, column)
    }
}

/// A snapshot mapped read-only into memory, unmapped when the last reader over it is gone.
///
/// The snapshot is never written in place (saves replace it by rename), so the mapping does
/// not change under the reader.
final class SnapshotMapping: @unchecked Sendable {
    // Unchecked: the memory is only read through, and unmapped only in deinit.
    /// The first byte.
    let base: UnsafeMutableRawPointer
    /// The length in bytes.
    let count: Int

    /// Maps `count` bytes of `fd` for sequential reading; nil if the file cannot be mapped.
    init?(fd: Int32, count: Int) {
        guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        base = address
        self.count = count
        _ = madvise(address, count, MADV_SEQUENTIAL)
    }

    deinit { munmap(base, count) }

    /// Gives back the memory of the whole pages before `offset`, which the reader has passed:
    /// reading them again reads them from the file again. Keeps the resident size of a large
    /// snapshot's decoding near that of what is decoded, rather than the file plus that.
    func drop(before offset: Int) {
        let page = Int(getpagesize())
        let end = min(offset, count) / page * page
        if end > 0 { _ = madvise(base, end, MADV_DONTNEED) }
    }
}

/// Bytes read from a snapshot into memory of their own, for a reader to read in place.
final class ReadBuffer: @unchecked Sendable {
    // Unchecked: filled in init, only read afterwards.
    /// The allocation.
    private let base: UnsafeMutableRawPointer
    /// The bytes read.
    let bytes: UnsafeRawBufferPointer

    /// Reads `range` of `file`.
    init(_ file: SnapshotFile, _ range: Range<Int>) throws(StoreError) {
        base = .allocate(byteCount: max(1, range.count), alignment: 8)
        bytes = UnsafeRawBufferPointer(start: base, count: range.count)
        var done = 0
        let failure = file.read(into: base, count: range.count, at: range.lowerBound, done: &done)
        if failure != 0 { throw file.readError(failure) }
    }

    deinit { base.deallocate() }
}
