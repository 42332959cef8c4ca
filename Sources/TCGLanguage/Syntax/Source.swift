/// A script's text with its name, as bytes, and a way to find lines and columns.
public final class SourceFile: Sendable {
    /// The name diagnostics use: a path, `-c`, `<stdin>` or `<repl>`.
    public let name: String
    /// The text as UTF-8 bytes.
    public let bytes: [UInt8]
    /// Byte offsets where each line starts.
    let lineStarts: [Int]

    /// Creates a source from text.
    public convenience init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// Creates a source from bytes (which the lexer checks are UTF-8).
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// The 1-based line and column (in characters) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        var column = 1
        var i = start
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (lo + 1, column)
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, end <= bytes.count, end - 1 >= start, bytes[end - 1] == 13 { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The text between two byte offsets.
    public func text(_ range: SourceRange) -> String {
        let lo = max(0, min(range.start, bytes.count)), hi = max(lo, min(range.end, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}

/// A span of a source file, in byte offsets.
public struct SourceRange: Sendable, Equatable {
    /// First byte.
    public var start: Int
    /// One past the last byte.
    public var end: Int

    /// Creates a range.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The range covering both.
    public func through(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}
