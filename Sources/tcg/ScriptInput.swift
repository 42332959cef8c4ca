#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading scripts (`run FILE`, `tcg FILE`, stdin) so that no read hangs, exhausts memory or
/// runs statements someone else can change.
///
/// A script file must be a regular file, looked at with `fstat` before any byte is read (it is
/// opened `O_NONBLOCK`, so opening a FIFO does not wait for a writer), owned by the user or by
/// root and not writable by others, and at most ``limit`` bytes. stdin may also be a pipe, a
/// socket, a terminal or `/dev/null`; a pipe is read up to the limit and refused beyond it.
enum ScriptInput {
    /// Why a script cannot be read.
    struct Refusal: Error, CustomStringConvertible {
        /// The reason, e.g. "it is a FIFO, not a regular file".
        var reason: String
        /// errno when the file could not be opened at all (ENOENT: it does not exist), else 0.
        var code: Int32 = 0
        var description: String { reason }
    }

    /// The largest script read, in bytes: `$TCG_SCRIPT_LIMIT` when it is a positive number,
    /// else 64 MiB.
    static var limit: Int {
        if let text = getenv("TCG_SCRIPT_LIMIT"), let n = Int(String(cString: text)), n > 0 { return n }
        return 64 << 20
    }

    /// The bytes of the script file at `path`.
    static func read(_ path: String) throws(Refusal) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            throw Refusal(reason: String(cString: strerror(code)), code: code)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Refusal(reason: String(cString: strerror(errno))) }
        if let problem = problem(info) { throw Refusal(reason: problem) }
        return try readAll(fd, expected: Int(info.st_size))
    }

    /// Everything on stdin, when stdin is something a script may come from.
    static func readStdin() throws(Refusal) -> [UInt8] {
        var info = stat()
        guard fstat(0, &info) == 0 else { throw Refusal(reason: String(cString: strerror(errno))) }
        let type = info.st_mode & S_IFMT
        switch type {
        case S_IFREG:
            if let problem = tooLarge(Int(info.st_size)) { throw Refusal(reason: problem) }
        case S_IFIFO, S_IFSOCK:
            break
        case S_IFCHR where isatty(0) == 1 || isNull(info):
            break
        default:
            throw Refusal(reason: "it is \(kind(type)); tcg reads a script from a file, a pipe or a terminal")
        }
        return try readAll(0, expected: type == S_IFREG ? Int(info.st_size) : 0)
    }

    /// Why a script file described by `info` is refused, or nil.
    static func problem(_ info: stat) -> String? {
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else { return "it is \(kind(type)), not a regular file; tcg runs only script files" }
        if info.st_uid != geteuid(), info.st_uid != 0 {
            return "it is owned by another user (uid \(info.st_uid)), who could change what it runs"
        }
        if info.st_mode & S_IWOTH != 0 {
            return "it is writable by every user (mode \(String(info.st_mode & 0o7777, radix: 8))), who could change what it runs"
        }
        return tooLarge(Int(info.st_size))
    }

    private static func tooLarge(_ size: Int) -> String? {
        let limit = limit
        return size > limit ? "it is \(size) bytes, more than a script may be (\(limit) bytes; $TCG_SCRIPT_LIMIT sets it)" : nil
    }

    /// Reads `fd` to its end, at most ``limit`` bytes.
    private static func readAll(_ fd: Int32, expected: Int) throws(Refusal) -> [UInt8] {
        let limit = limit
        var out: [UInt8] = []
        out.reserveCapacity(min(expected, limit))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0, errno == EAGAIN {
                // stdin left non-blocking by whoever opened it: wait for input.
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&poller, 1, -1)
                continue
            }
            if n < 0 { throw Refusal(reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            guard out.count + n <= limit else {
                throw Refusal(reason: "it is more than a script may be (\(limit) bytes; $TCG_SCRIPT_LIMIT sets it)")
            }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// Whether `info` is `/dev/null`.
    private static func isNull(_ info: stat) -> Bool {
        var null = stat()
        return stat("/dev/null", &null) == 0 && null.st_rdev == info.st_rdev && null.st_mode & S_IFMT == S_IFCHR
    }

    /// A file type in words.
    private static func kind(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }
}
