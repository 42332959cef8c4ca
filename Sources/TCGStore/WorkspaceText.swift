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

    /// `YYYY-MM-DD` (years 1–9999; others are refused by the validator before saving).
    static func day(_ day: Day) -> String {
        let (year, month, date) = day.civil
        guard (1...9999).contains(year) else { return day.description }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, at index: Int, width: Int) {
                var v = value
                for i in stride(from: index + width - 1, through: index, by: -1) {
                    buffer[i] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
            }
            put(year, at: 0, width: 4)
            buffer[4] = UInt8(ascii: "-")
            put(month, at: 5, width: 2)
            buffer[7] = UInt8(ascii: "-")
            put(date, at: 8, width: 2)
            return 10
        }
    }

    /// The number of an id of `kind` spelled exactly `PREFIX-n`, or nil.
    static func number(in text: String, kind: RecordKind) -> Int? {
        var utf8 = text.utf8.makeIterator()
        for expected in kind.prefix.utf8 {
            guard utf8.next() == expected else { return nil }
        }
        guard utf8.next() == UInt8(ascii: "-") else { return nil }
        return digits(&utf8)
    }

    /// The id spelled exactly `PREFIX-n` with any known prefix, or nil.
    static func recordID(in text: String) -> RecordID? {
        let utf8 = text.utf8
        guard let dash = utf8.firstIndex(of: UInt8(ascii: "-")),
              let kind = RecordKind(rawValue: String(decoding: utf8[..<dash], as: UTF8.self)) else { return nil }
        var rest = utf8[utf8.index(after: dash)...].makeIterator()
        return digits(&rest).map { RecordID(kind, $0) }
    }

    /// A number from 1 with no leading zero and at most `maxIDDigits` digits, to the end.
    private static func digits<I: IteratorProtocol>(_ iterator: inout I) -> Int? where I.Element == UInt8 {
        var value = 0
        var count = 0
        while let byte = iterator.next() {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10, count < maxIDDigits, count > 0 || digit != 0 else { return nil }
            value = value * 10 + Int(digit)
            count += 1
        }
        return count > 0 ? value : nil
    }

    /// The day spelled exactly `YYYY-MM-DD`, if that date exists.
    static func day(in text: String) -> Day? {
        var utf8 = text.utf8.makeIterator()
        func number(_ width: Int) -> Int? {
            var value = 0
            for _ in 0..<width {
                guard let byte = utf8.next() else { return nil }
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        let dash = UInt8(ascii: "-")
        guard let year = number(4), utf8.next() == dash, let month = number(2), utf8.next() == dash,
              let date = number(2), utf8.next() == nil else { return nil }
        return Day(year: year, month: month, day: date)
    }
}
