/// A calendar date kept as a day number (days since 1970-01-01), printed as `YYYY-MM-DD`.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public var number: Int

    /// Creates a day from its day number.
    public init(number: Int) { self.number = number }

    /// Creates a day from a civil date, or nil if the date does not exist (e.g. 2027-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.number = Day.daysFromCivil(year, month, day)
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else or a date that does not exist.
    public init?(iso text: Substring) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: String) { self.init(iso: Substring(text)) }

    /// Whether the date lies in the years 1 to 9999, the dates `YYYY-MM-DD` can spell (and so
    /// the only ones a register keeps).
    public var isInCalendar: Bool {
        let year = civil.year
        return year >= 1 && year <= 9999
    }

    /// The civil year, month and day.
    public var civil: (year: Int, month: Int, day: Int) { Day.civilFromDays(number) }

    /// `YYYY-MM-DD` (years outside 0…9999 as plain numbers).
    public var description: String {
        let (year, month, date) = civil
        guard (0...9999).contains(year) else {
            return "\(year)-\(month < 10 ? "0" : "")\(month)-\(date < 10 ? "0" : "")\(date)"
        }
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

    /// Appends ``description`` to `out`, digit by digit (no `String` made for years 0–9999).
    public func appendISO(to out: inout [UInt8]) {
        let (year, month, date) = civil
        guard (0...9999).contains(year) else { return out.append(contentsOf: description.utf8) }
        func put(_ value: Int, width: Int) {
            var divisor = width == 4 ? 1000 : 10
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        put(year, width: 4)
        out.append(UInt8(ascii: "-"))
        put(month, width: 2)
        out.append(UInt8(ascii: "-"))
        put(date, width: 2)
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    public var weekday: Int { ((number % 7) + 7 + 3) % 7 }

    /// Adds a number of days.
    public func adding(days: Int) -> Day { Day(number: number + days) }

    /// The first and the last day a register keeps: 0001-01-01 and 9999-12-31.
    public static let calendar = Day(number: daysFromCivil(1, 1, 1))...Day(number: daysFromCivil(9999, 12, 31))

    /// Adds any number of days: nil when the sum overflows or leaves ``calendar``.
    public func adding(checkedDays days: Int) -> Day? {
        let (sum, overflow) = number.addingReportingOverflow(days)
        guard !overflow, Day.calendar.contains(Day(number: sum)) else { return nil }
        return Day(number: sum)
    }

    /// Adds calendar months, clamping the day to the end of a shorter month (Jan 31 + 1mo = Feb 28).
    public func adding(months: Int) -> Day {
        let (y, m, d) = civil
        let total = y * 12 + (m - 1) + months
        let ny = total >= 0 ? total / 12 : (total - 11) / 12
        let nm = total - ny * 12 + 1
        let nd = min(d, Day.daysIn(month: nm, year: ny))
        return Day(number: Day.daysFromCivil(ny, nm, nd))
    }

    /// Adds a duration (days, weeks or months), forwards or backwards.
    public func adding(_ duration: Duration, times: Int = 1) -> Day {
        switch duration.unit {
        case .days: return adding(days: duration.count * times)
        case .weeks: return adding(days: 7 * duration.count * times)
        case .months: return adding(months: duration.count * times)
        }
    }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

/// A length of time in days, weeks or months, written `14d`, `2w`, `3mo`.
public struct Duration: Hashable, Sendable, CustomStringConvertible {
    /// The unit of a duration.
    public enum Unit: Sendable, CaseIterable {
        case days, weeks, months

        /// The letters after the count: `d`, `w`, `mo`.
        public var symbol: String {
            switch self {
            case .days: return "d"
            case .weeks: return "w"
            case .months: return "mo"
            }
        }
    }
    /// How many units (may be negative for "ago").
    public var count: Int
    /// Days, weeks or months.
    public var unit: Unit

    /// Creates a duration.
    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    /// Parses `14d`, `2w`, `3mo` (also `1y` as 12 months); nil otherwise.
    public init?(_ text: Substring) {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 6, let n = Int(digits) else { return nil }
        switch text.dropFirst(digits.count).lowercased() {
        case "d": self.init(count: n, unit: .days)
        case "w": self.init(count: n, unit: .weeks)
        case "mo", "m": self.init(count: n, unit: .months)
        case "y": self.init(count: n * 12, unit: .months)
        default: return nil
        }
    }

    /// `3mo`, `2w`, `14d`.
    public var description: String { "\(count)\(unit.symbol)" }

    /// Approximate length in days, for ordering and warnings.
    public var approximateDays: Int {
        switch unit {
        case .days: return count
        case .weeks: return count * 7
        case .months: return count * 30
        }
    }
}
