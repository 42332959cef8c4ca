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
