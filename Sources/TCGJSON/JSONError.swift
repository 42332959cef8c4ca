/// An error found while reading JSON: what went wrong and where.
///
/// The position is given both as a byte offset into the input and as a 1-based
/// line and column (the column counts Unicode scalars, so a multi-byte UTF-8
/// character counts once). Line and column are computed only when the error is
/// created, so the happy path pays nothing for them.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A human-readable explanation, such as `expected ',' or '}' after an object member`.
    public var message: String
    /// The byte offset in the input at which the problem was found.
    public var offset: Int
    /// The 1-based line of ``offset``.
    public var line: Int
    /// The 1-based column of ``offset`` within its line.
    public var column: Int

    /// Creates an error with an explicit position.
    /// - Parameters:
    ///   - message: The explanation.
    ///   - offset: The byte offset in the input.
    ///   - line: The 1-based line.
    ///   - column: The 1-based column.
    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Creates an error at `offset` of `bytes`, computing the line and column.
    /// - Parameters:
    ///   - message: The explanation.
    ///   - offset: The byte offset in `bytes`; clamped to the valid range.
    ///   - bytes: The whole input.
    public init(message: String, offset: Int, in bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { buffer in
            JSONError(message: message, offset: offset, in: buffer)
        }
    }

    /// Creates an error at `offset` of `buffer`, computing the line and column.
    init(message: String, offset: Int, in buffer: UnsafeBufferPointer<UInt8>) {
        let end = Swift.max(0, Swift.min(offset, buffer.count))
        var line = 1
        var column = 1
        var index = 0
        while index < end {
            let byte = buffer[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Count lead bytes only, so each character counts once.
                column += 1
            }
            index += 1
        }
        self.init(message: message, offset: offset, line: line, column: column)
    }

    /// `line L, column C: message`.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
