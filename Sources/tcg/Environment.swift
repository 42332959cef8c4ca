import TCGLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCGDomain
import TCGStore

/// The process environment, the login name and the clocks.
enum Environment {
    /// Environment variables.
    static var current: [String: String] {
        var out: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { out[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return out
    }

    /// The login name: $USER, else $LOGNAME, else the user's line in /etc/passwd (read directly, so a
    /// fully static tcg needs no NSS), else `uid N`.
    static var loginName: String {
        for variable in ["USER", "LOGNAME"] {
            if let u = getenv(variable), !String(cString: u).isEmpty { return String(cString: u) }
        }
        let uid = String(getuid())
        if let bytes = FileIO.read("/etc/passwd") {
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: ":", omittingEmptySubsequences: false)
                if fields.count > 2, fields[2] == uid { return String(fields[0]) }
            }
        }
        return "uid \(uid)"
    }

    /// The last clock reading, reused within the same second (tcg is single-threaded).
    nonisolated(unsafe) static var lastClock: (time: time_t, value: (today: Day, now: String))?

    /// The local date and the UTC time as ISO 8601 (`SOURCE_DATE_EPOCH` fixes it, for reproducible output).
    @Sendable static func clock() -> (today: Day, now: String) {
        var t = time(nil)
        if let fixed = getenv("SOURCE_DATE_EPOCH"), let n = Int(String(cString: fixed)) { t = time_t(n) }
        if let last = lastClock, last.time == t { return last.value }
        let value = reading(t)
        lastClock = (t, value)
        return value
    }

    static func reading(_ t0: time_t) -> (today: Day, now: String) {
        var t = t0
        var local = tm()
        localtime_r(&t, &local)
        var utc = tm()
        gmtime_r(&t, &utc)
        let day = Day(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday)) ?? Day(number: 0)
        let d = Day(year: Int(utc.tm_year) + 1900, month: Int(utc.tm_mon) + 1, day: Int(utc.tm_mday)) ?? Day(number: 0)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return (day, "\(d)T\(two(utc.tm_hour)):\(two(utc.tm_min)):\(two(utc.tm_sec))Z")
    }
}

/// Reading files and stdin as bytes.
enum FileIO {
    /// A whole regular file's bytes, or nil when it cannot be read (see `lastError`). Opening a
    /// FIFO does not wait, and a file that is not regular is not read.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            errno = (st.st_mode & S_IFMT) == S_IFDIR ? EISDIR : EINVAL
            return nil
        }
        return readAll(fd: fd)
    }

    /// A file of the user's own that tcg keeps (the current-meetings state file): nil when there
    /// is none; throws, saying why, when it is a symbolic link, not a regular file, another
    /// user's, writable by others, or larger than `limit` (``OwnedFile``).
    static func readOwned(_ path: String, limit: Int = 1 << 20) throws(StoreError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        if fd < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw StoreError(path: path, message: OwnedFile.openFailure(code))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError(path: path, message: lastError()) }
        if let problem = OwnedFile.problem(st, inPlace: false) { throw StoreError(path: path, message: problem) }
        guard Int(st.st_size) <= limit else { throw StoreError(path: path, message: "is larger than \(limit) bytes") }
        return readAll(fd: fd)
    }

    /// Everything readable from a descriptor.
    static func readAll(fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// The last system error in words.
    static func lastError() -> String { String(cString: strerror(errno)) }
}

/// Script parameters `NAME=VALUE`: a date, number, id or duration when the text is one, else text.
enum Parameters {
    static func value(_ text: String) -> Value {
        if let d = Day(iso: text) { return .date(d) }
        if let n = Int(text) { return .int(n) }
        if let id = RecordID(text) { return .id(id) }
        return .string(text)
    }
}
