#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Text for a C `errno` value, for error messages.
enum SystemError {
    /// `strerror(code)`, e.g. "No space left on device".
    static func text(_ code: Int32) -> String {
        guard let cString = strerror(code) else { return "error \(code)" }
        return String(cString: cString)
    }

    /// The calling thread's current `errno` as text.
    static var current: String { text(errno) }
}
