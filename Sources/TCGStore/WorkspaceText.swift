import TCGDomain

/// Fast, strict spellings of ids and dates as the workspace writes them: `DP-12`, `2027-03-10`.
///
/// Ids are written with their upper-case prefix and a number from 1 with no leading zero;
/// dates are exactly `YYYY-MM-DD` and must exist.
enum WorkspaceText {
    /// The most digits an id's number may have (as the language reads ids).
    static let maxIDDigits = 9

    /// `PREFIX-n`.
    static func id(_ kind: RecordKind, _ number: Int) -> String {
        kind.prefix + "-" + String(number)
    }

    /// The number of an id of `kind` spelled exactly `PREFIX-n`, or nil.
    static func number(in text: String, kind: RecordKind) -> Int? {
        utf8(text) { bytes -> Int? in
            let (first, second) = prefixBytes(kind)
            guard bytes.count > 2, bytes[0] == first else { return nil }
            var i = 1
            if let second {
                guard bytes[1] == second else { return nil }
                i = 2
            }
            guard bytes[i] == UInt8(ascii: "-") else { return nil }
            return digits(bytes, from: i + 1)
        }
    }

    /// The one or two letters of `kind`'s id prefix, as bytes.
    private static func prefixBytes(_ kind: RecordKind) -> (UInt8, UInt8?) {
        switch kind {
        case .person: return (UInt8(ascii: "P"), UInt8(ascii: "E"))
        case .meeting: return (UInt8(ascii: "M"), nil)
        case .product: return (UInt8(ascii: "A"), UInt8(ascii: "S"))
        case .priority: return (UInt8(ascii: "P"), nil)
        case .candidate: return (UInt8(ascii: "X"), nil)
        case .requirement: return (UInt8(ascii: "I"), UInt8(ascii: "R"))
        case .commission: return (UInt8(ascii: "C"), nil)
        case .plan: return (UInt8(ascii: "D"), UInt8(ascii: "P"))
        case .action: return (UInt8(ascii: "A"), nil)
        case .decision: return (UInt8(ascii: "D"), nil)
        case .escalation: return (UInt8(ascii: "E"), nil)
        case .review: return (UInt8(ascii: "R"), nil)
        }
    }

    /// The id spelled exactly `PREFIX-n` with any known prefix, or nil.
    static func recordID(in text: String) -> RecordID? {
        utf8(text) { recordID(in: $0) }
    }

    /// ``recordID(in:)`` over UTF-8 bytes.
    static func recordID(in bytes: UnsafeBufferPointer<UInt8>) -> RecordID? {
        guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")),
              let kind = RecordKind(exactPrefix: UnsafeBufferPointer(rebasing: bytes[..<dash])),
              let number = digits(bytes, from: dash + 1) else { return nil }
        return RecordID(kind, number)
    }

    /// A number from 1 with no leading zero and at most `maxIDDigits` digits, from `start` to
    /// the end of `bytes`.
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = bytes.count - start
        guard count > 0, count <= maxIDDigits, bytes[start] != UInt8(ascii: "0") else { return nil }
        var value = 0
        for i in start..<bytes.count {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// The day spelled exactly `YYYY-MM-DD`, if that date exists.
    static func day(in text: String) -> Day? {
        utf8(text) { day(in: $0) }
    }

    /// ``day(in:)`` over UTF-8 bytes.
    static func day(in bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let date = number(8..<10) else { return nil }
        return Day(year: year, month: month, day: date)
    }

    /// Whether `bytes` are 64 lower-case hex digits (a SHA-256).
    static func isHash(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 64 && bytes.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// `body` run on the UTF-8 of `text` as one buffer (without copying, for a native string).
    private static func utf8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }
}
