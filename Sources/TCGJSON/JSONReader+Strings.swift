extension JSONReader {
    /// Reads a string value, decoding escapes.
    ///
    /// Strings without escapes (the common case) are scanned once, eight bytes
    /// at a time while they are plain ASCII, and then copied into a `String` in
    /// one go. The UTF-8 is validated strictly (no overlong forms, no encoded
    /// surrogates, nothing above U+10FFFF); raw control characters are rejected,
    /// and `\u` escapes must not leave a surrogate unpaired.
    /// - Throws: ``JSONError`` if the next value is not a valid string.
    public mutating func readString() throws(JSONError) -> String {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
            throw mismatch(expected: "a string")
        }
        return try readStringToken()
    }

    /// Reads a string value, validated as ``readString()`` does, and hands its UTF-8 (escapes
    /// decoded) to `body`, without making a `String` when it has no escapes (most strings).
    /// - Throws: ``JSONError`` if the next value is not a valid string.
    public mutating func readString<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) throws(JSONError) -> T {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
            throw mismatch(expected: "a string")
        }
        let scan = try Self.scanString(bytes, quoteAt: offset)
        let text = UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<(scan.end - 1)])
        offset = scan.end
        guard scan.hasEscapes else { return body(text) }
        var unescaped = Self.unescape(text)
        return unescaped.withUTF8(body)
    }

    /// Reads the string whose opening quote is at `offset`.
    mutating func readStringToken() throws(JSONError) -> String {
        let scan = try Self.scanString(bytes, quoteAt: offset)
        let body = UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<(scan.end - 1)])
        offset = scan.end
        return scan.hasEscapes ? Self.unescape(body) : String(decoding: body, as: UTF8.self)
    }

    /// Validates the string whose opening quote is at `offset` and moves past it.
    mutating func skipStringToken() throws(JSONError) {
        offset = try Self.scanString(bytes, quoteAt: offset).end
    }

    /// Where a string ends and whether it needs unescaping.
    struct StringScan {
        /// The offset just past the closing quote.
        var end: Int
        /// Whether the body contains backslash escapes.
        var hasEscapes: Bool
    }

    /// Validates a whole string token: UTF-8, control characters and escapes.
    /// - Parameters:
    ///   - buffer: The whole input.
    ///   - quote: The offset of the opening quote.
    static func scanString(
        _ buffer: UnsafeBufferPointer<UInt8>, quoteAt quote: Int
    ) throws(JSONError) -> StringScan {
        let count = buffer.count
        var index = quote + 1
        var hasEscapes = false
        guard let base = buffer.baseAddress else {
            throw JSONError(message: "unterminated string", offset: quote, in: buffer)
        }
        let raw = UnsafeRawPointer(base)
        while true {
            // Skip plain ASCII eight bytes at a time.
            while count - index >= 8 {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let mask = attentionMask(word)
                if mask != 0 {
                    // The lowest flagged byte is exact (borrows only run upwards).
                    index += mask.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < count else {
                throw JSONError(message: "unterminated string", offset: quote, in: buffer)
            }
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                return StringScan(end: index + 1, hasEscapes: hasEscapes)
            } else if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                index = try scanEscape(buffer, at: index)
            } else if byte < 0x20 {
                throw JSONError(
                    message: "unescaped control character (byte 0x\(hexByte(byte))) in a string",
                    offset: index, in: buffer)
            } else if byte >= 0x80 {
                index = try scanMultibyte(buffer, at: index)
            } else {
                index += 1
            }
        }
    }

    /// The high bit of each of the eight bytes that is `"`, `\`, a control character or
    /// non-ASCII, and possibly of some bytes above the first such.
    @inline(__always)
    static func attentionMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let quoteHit = (quotes &- ones) & ~quotes
        let backslashHit = (backslashes &- ones) & ~backslashes
        let controlHit = (word &- ones &* 0x20) & ~word
        return (quoteHit | backslashHit | controlHit | word) & highs
    }

    /// Whether any of the eight bytes is `"`, `\`, a control character or non-ASCII.
    @inline(__always)
    static func needsAttention(_ word: UInt64) -> Bool { attentionMask(word) != 0 }

    /// Validates the escape sequence whose backslash is at `index`.
    /// - Returns: The offset just past the sequence.
    static func scanEscape(
        _ buffer: UnsafeBufferPointer<UInt8>, at index: Int
    ) throws(JSONError) -> Int {
        guard index + 1 < buffer.count else {
            throw JSONError(message: "unterminated string", offset: index, in: buffer)
        }
        switch buffer[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"),
            UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
            UInt8(ascii: "r"), UInt8(ascii: "t"):
            return index + 2
        case UInt8(ascii: "u"):
            guard let unit = hex4(buffer, at: index + 2) else {
                throw JSONError(
                    message: "invalid \\u escape: expected four hexadecimal digits",
                    offset: index, in: buffer)
            }
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw JSONError(
                    message: "invalid \\u escape: unpaired low surrogate", offset: index, in: buffer)
            }
            guard unit >= 0xD800 && unit <= 0xDBFF else {
                return index + 6
            }
            guard index + 7 < buffer.count,
                buffer[index + 6] == UInt8(ascii: "\\"), buffer[index + 7] == UInt8(ascii: "u"),
                let low = hex4(buffer, at: index + 8), low >= 0xDC00 && low <= 0xDFFF
            else {
                throw JSONError(
                    message: "invalid \\u escape: high surrogate not followed by a low surrogate",
                    offset: index, in: buffer)
            }
            return index + 12
        default:
            throw JSONError(message: "invalid escape sequence in a string", offset: index, in: buffer)
        }
    }

    /// Validates the multi-byte UTF-8 sequence whose lead byte is at `index`.
    /// - Returns: The offset just past the sequence.
    @inline(__always)
    static func scanMultibyte(
        _ buffer: UnsafeBufferPointer<UInt8>, at index: Int
    ) throws(JSONError) -> Int {
        let lead = buffer[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xED:
            length = 3
            high = 0x9F
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default:
            throw JSONError(message: "invalid UTF-8 in a string", offset: index, in: buffer)
        }
        guard buffer.count - index >= length else {
            throw JSONError(message: "invalid UTF-8 in a string", offset: index, in: buffer)
        }
        let second = buffer[index + 1]
        guard second >= low && second <= high else {
            throw JSONError(message: "invalid UTF-8 in a string", offset: index, in: buffer)
        }
        var next = index + 2
        while next < index + length {
            guard buffer[next] & 0xC0 == 0x80 else {
                throw JSONError(message: "invalid UTF-8 in a string", offset: index, in: buffer)
            }
            next += 1
        }
        return next
    }

    /// The value of four hexadecimal digits at `index`, or nil.
    @inline(__always)
    static func hex4(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index >= 0, buffer.count - index >= 4 else {
            return nil
        }
        var value: UInt32 = 0
        for position in index..<(index + 4) {
            let byte = buffer[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Two uppercase hexadecimal digits.
    static func hexByte(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return hex.count < 2 ? "0" + hex : hex
    }

    /// Decodes the body of a string already validated by ``scanString(_:quoteAt:)``.
    static func unescape(_ body: UnsafeBufferPointer<UInt8>) -> String {
        // Decoding never makes the text longer: `\n` is 2 bytes for 1, `\uXXXX`
        // is 6 for at most 3, a surrogate pair is 12 for 4.
        String(unsafeUninitializedCapacity: body.count) { out in
            var index = 0
            var written = 0
            let count = body.count
            while index < count {
                let byte = body[index]
                guard byte == UInt8(ascii: "\\"), index + 1 < count else {
                    out[written] = byte
                    written += 1
                    index += 1
                    continue
                }
                let escaped = body[index + 1]
                index += 2
                switch escaped {
                case UInt8(ascii: "b"): out[written] = 0x08
                case UInt8(ascii: "f"): out[written] = 0x0C
                case UInt8(ascii: "n"): out[written] = 0x0A
                case UInt8(ascii: "r"): out[written] = 0x0D
                case UInt8(ascii: "t"): out[written] = 0x09
                case UInt8(ascii: "u"):
                    var scalar = hex4(body, at: index) ?? 0xFFFD
                    index += 4
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        let low = hex4(body, at: index + 2) ?? 0xDC00
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                    written += encodeUTF8(scalar, into: out, at: written)
                    continue
                default: out[written] = escaped  // `"`, `\` and `/`
                }
                written += 1
            }
            return written
        }
    }

    /// Writes the UTF-8 form of `scalar` at `position`.
    /// - Returns: The number of bytes written.
    @inline(__always)
    static func encodeUTF8(
        _ scalar: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at position: Int
    ) -> Int {
        if scalar < 0x80 {
            out[position] = UInt8(truncatingIfNeeded: scalar)
            return 1
        } else if scalar < 0x800 {
            out[position] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
            out[position + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 2
        } else if scalar < 0x10000 {
            out[position] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
            out[position + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            out[position + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 3
        } else {
            out[position] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
            out[position + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
            out[position + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            out[position + 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 4
        }
    }
}
