import TCGDomain

/// Rows for `COPY … FROM STDIN`, in one of PostgreSQL's two formats:
/// - text: columns separated by tabs, rows ended by newlines, NULL as `\N`, and a backslash,
///   tab, newline or carriage return inside a value escaped with a backslash;
/// - binary (``init(binary:capacity:)``): each value preceded by its length, integers and
///   dates as the server keeps them. The server reads it without scanning every byte for
///   escapes, and converts no number or date: the audit rows of a 100,000-action script load
///   in about half the time (docs/performance.md).
public struct PGCopyRows: Sendable {
    /// What a column holds, for the binary format.
    public enum Column: Sendable, Equatable {
        /// `text`: the value's UTF-8 bytes.
        case text
        /// `integer`: a decimal `Int32`.
        case integer
        /// `date`: `YYYY-MM-DD`.
        case date
    }

    /// The encoded rows, the binary format's header and trailer included.
    public private(set) var bytes: [UInt8] = []
    /// How many rows.
    public private(set) var count = 0
    /// The binary format's columns; nil for the text format.
    public let binary: [Column]?

    /// What follows `COPY table (columns) FROM STDIN` for these rows' format.
    public var options: String { binary == nil ? "" : " WITH (FORMAT binary)" }

    /// No rows yet in the text format, with room for about `capacity` bytes.
    public init(capacity: Int = 0) {
        binary = nil
        bytes.reserveCapacity(capacity)
    }

    /// No rows yet in the binary format, each row's values being `columns`.
    public init(binary columns: [Column], capacity: Int = 0) {
        binary = columns
        bytes.reserveCapacity(capacity + 32)
        bytes += Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]
        append(Int32(0))  // flags
        append(Int32(0))  // header extension
        bytes += Self.trailer
    }

    /// Adds a row of `values` (nil is NULL). In the binary format, false (nothing added) when
    /// a value of an integer or date column is not one.
    @discardableResult
    public mutating func append(_ values: [String?]) -> Bool {
        if let binary { return append(values, as: binary) }
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
        return true
    }

    /// The binary format's end: a row of -1 values.
    private static let trailer: [UInt8] = [0xFF, 0xFF]

    /// Adds a row in the binary format, between the rows so far and the trailer.
    private mutating func append(_ values: [String?], as columns: [Column]) -> Bool {
        precondition(values.count == columns.count, "a row of \(values.count) values for \(columns.count) columns")
        bytes.removeLast(Self.trailer.count)
        let start = bytes.count
        append(Int16(values.count))
        for (value, column) in zip(values, columns) {
            guard var value else {
                append(Int32(-1))
                continue
            }
            switch column {
            case .text:
                value.withUTF8 { utf8 in
                    append(Int32(utf8.count))
                    bytes.append(contentsOf: utf8)
                }
            case .integer:
                guard let n = Int32(value) else { return undo(to: start) }
                append(Int32(4))
                append(n)
            case .date:
                // Days since 2000-01-01, the server's epoch (10,957 days after 1970-01-01).
                guard let day = Day(iso: value) else { return undo(to: start) }
                append(Int32(4))
                append(Int32(day.number - 10_957))
            }
        }
        bytes += Self.trailer
        count += 1
        return true
    }

    /// Takes back a row begun at `start`; false.
    private mutating func undo(to start: Int) -> Bool {
        bytes.removeSubrange(start...)
        bytes += Self.trailer
        return false
    }

    /// Appends `n` in network byte order.
    private mutating func append<T: FixedWidthInteger>(_ n: T) {
        withUnsafeBytes(of: n.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends `value`, copying the runs between bytes that need an escape whole. Eight bytes
    /// are looked at a time while none of them can need one (most of a record's JSON).
    private mutating func append(escaping value: UnsafeBufferPointer<UInt8>) {
        guard let base = value.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var run = 0, i = 0
        while i < value.count {
            if i + 8 <= value.count, !Self.mayNeedEscape(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i += 8
                continue
            }
            let byte = value[i]
            if Self.needsEscape(byte) {
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
            i += 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[run...]))
    }

    /// Whether `byte` must be escaped in a value.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// Whether any of the eight bytes of `word` may need an escape: one is a backslash or below
    /// 14 (tab, newline and carriage return are 9, 10 and 13). False only when none does.
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let zeroByte = (backslashes &- ones) & ~backslashes & highs
        let below14 = (word &- ones &* 14) & ~word & highs
        return zeroByte | below14 != 0
    }
}
