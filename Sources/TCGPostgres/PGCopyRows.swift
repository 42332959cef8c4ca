/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format: columns separated by tabs, rows
/// ended by newlines, NULL as `\N`, and a backslash, tab, newline or carriage return inside a
/// value escaped with a backslash.
public struct PGCopyRows: Sendable {
    /// The encoded rows.
    public private(set) var bytes: [UInt8] = []
    /// How many rows.
    public private(set) var count = 0

    /// No rows yet, with room for about `capacity` bytes.
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Adds a row of `values` (nil is NULL).
    public mutating func append(_ values: [String?]) {
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: "\t")) }
            guard var text = value else {
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                continue
            }
            text.withUTF8 { append(escaping: $0) }
        }
        bytes.append(UInt8(ascii: "\n"))
        count += 1
    }

    /// Appends `value`, copying the runs between bytes that need an escape whole.
    private mutating func append(escaping value: UnsafeBufferPointer<UInt8>) {
        var run = 0
        for (i, byte) in value.enumerated() where Self.needsEscape(byte) {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[run..<i]))
            let letter: UInt8 = switch byte {
            case UInt8(ascii: "\t"): UInt8(ascii: "t")
            case UInt8(ascii: "\n"): UInt8(ascii: "n")
            case UInt8(ascii: "\r"): UInt8(ascii: "r")
            default: byte
            }
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(letter)
            run = i + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[run...]))
    }

    /// Whether `byte` must be escaped in a value.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
