extension JSONReader {
    /// Reads an integer: a number with no fraction and no exponent that fits in `Int`.
    /// - Throws: ``JSONError`` if the next value is not a number, has a fraction
    ///   or exponent, or is out of range.
    public mutating func readInt() throws(JSONError) -> Int {
        skipWhitespace()
        let start = offset
        let token = try scanNumberToken(expected: "an integer")
        guard token.isInteger else {
            throw error("expected an integer, found a number with a fraction or exponent", at: start)
        }
        guard let value = parseInteger(from: start, to: token.end) else {
            throw error("integer out of range", at: start)
        }
        offset = token.end
        return value
    }

    /// Reads a number as a `Double`, correctly rounded.
    /// - Throws: ``JSONError`` if the next value is not a number or its
    ///   magnitude is too large for a `Double`.
    public mutating func readDouble() throws(JSONError) -> Double {
        skipWhitespace()
        let start = offset
        let token = try scanNumberToken(expected: "a number")
        let value = try parseDouble(from: start, to: token.end)
        offset = token.end
        return value
    }

    /// Reads a number as ``JSONValue/integer(_:)`` when it is written as an
    /// integer that fits in `Int`, and as ``JSONValue/number(_:)`` otherwise.
    mutating func readNumberValue() throws(JSONError) -> JSONValue {
        let start = offset
        let token = try scanNumberToken(expected: "a number")
        if token.isInteger, let value = parseInteger(from: start, to: token.end) {
            offset = token.end
            return .integer(value)
        }
        let value = try parseDouble(from: start, to: token.end)
        offset = token.end
        return .number(value)
    }

    /// Validates the number at `offset` and moves past it.
    mutating func skipNumberToken() throws(JSONError) {
        offset = try scanNumberToken(expected: "a number").end
    }

    /// The extent of a number token.
    struct NumberScan {
        /// The offset just past the token.
        var end: Int
        /// Whether the token has neither a fraction nor an exponent.
        var isInteger: Bool
    }

    /// Validates the number grammar of RFC 8259 at `offset` without consuming it:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    func scanNumberToken(expected: String) throws(JSONError) -> NumberScan {
        let count = bytes.count
        var index = offset
        @inline(__always) func isDigit(_ position: Int) -> Bool {
            position < count && bytes[position] &- UInt8(ascii: "0") < 10
        }
        if index < count && bytes[index] == UInt8(ascii: "-") {
            index += 1
            guard isDigit(index) else {
                throw error("expected a digit after '-'", at: index)
            }
        } else if !isDigit(index) {
            throw mismatch(expected: expected)
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) {
                throw error("leading zeros are not allowed in numbers", at: index - 1)
            }
        } else {
            while isDigit(index) {
                index += 1
            }
        }
        var isInteger = true
        if index < count && bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard isDigit(index) else {
                throw error("expected a digit after the decimal point", at: index)
            }
            while isDigit(index) {
                index += 1
            }
        }
        if index < count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if index < count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard isDigit(index) else {
                throw error("expected a digit in the exponent", at: index)
            }
            while isDigit(index) {
                index += 1
            }
        }
        return NumberScan(end: index, isInteger: isInteger)
    }

    /// Parses a validated integer token, or returns nil if it overflows `Int`.
    func parseInteger(from start: Int, to end: Int) -> Int? {
        var index = start
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative {
            index += 1
        }
        // Accumulate negatively so that Int.min is representable.
        var value = 0
        while index < end {
            let digit = Int(bytes[index] &- UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.subtractingReportingOverflow(digit)
            if overflow1 || overflow2 {
                return nil
            }
            value = next
            index += 1
        }
        if negative {
            return value
        }
        let (positive, overflow) = (0).subtractingReportingOverflow(value)
        return overflow ? nil : positive
    }

    /// Parses a validated number token as a correctly rounded `Double`.
    func parseDouble(from start: Int, to end: Int) throws(JSONError) -> Double {
        if let fast = fastDouble(from: start, to: end) {
            return fast
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error("number out of range", at: start)
        }
        return value
    }

    /// Powers of ten that are exact in a `Double`.
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Clinger's fast path: when the significand fits in 53 bits and the power
    /// of ten is exact, one multiplication or division is correctly rounded.
    /// Returns nil when the slow, general conversion is needed.
    func fastDouble(from start: Int, to end: Int) -> Double? {
        var index = start
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative {
            index += 1
        }
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var inFraction = false
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte &- UInt8(ascii: "0") < 10 {
                digits += 1
                if digits > 19 {
                    return nil
                }
                significand = significand &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                if inFraction {
                    fractionDigits += 1
                }
            } else {
                break
            }
            index += 1
        }
        var exponent = 0
        if index < end {
            // An exponent: skip `e`/`E`, read the sign and at most 4 digits.
            index += 1
            var exponentNegative = false
            if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard end - index <= 4 else {
                return nil
            }
            while index < end {
                exponent = exponent * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
                index += 1
            }
            if exponentNegative {
                exponent = -exponent
            }
        }
        exponent -= fractionDigits
        guard significand <= 1 << 53, exponent >= -22, exponent <= 22 else {
            return nil
        }
        var value = Double(significand)
        if exponent < 0 {
            value /= Self.exactPowersOfTen[-exponent]
        } else {
            value *= Self.exactPowersOfTen[exponent]
        }
        return negative ? -value : value
    }
}
