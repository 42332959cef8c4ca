#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads plain lines from a file descriptor (stdin when it is not a terminal).
///
/// Never writes anything: no prompt, no escape codes. History and completion are ignored.
/// Lines end at "\n"; a "\r" before it is dropped; a last line without a newline still counts.
public final class PlainLineEditor: LineEditor {
    /// Ignored: there is no one to press Tab.
    public var completer: ((String) -> Completion)?

    private let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var reachedEnd = false

    /// Reads from `fileDescriptor` (standard input by default); the descriptor is not closed.
    public init(fileDescriptor: Int32 = STDIN_FILENO) {
        self.fileDescriptor = fileDescriptor
    }

    /// Returns the next line, ignoring `prompt`; `.endOfFile` once the input is exhausted or unreadable.
    public func readLine(prompt: String) -> LineResult {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                return .line(line)
            }
            if reachedEnd {
                guard start < buffer.count else { return .endOfFile }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return .line(line)
            }
            fill()
        }
    }

    /// Does nothing: piped input keeps no history.
    public func addHistory(_ entry: String) {}

    /// Reads more input into the buffer, or marks the end.
    private func fill() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return
            }
            if count < 0 && errno == EINTR { continue }
            reachedEnd = true
            return
        }
    }
}
