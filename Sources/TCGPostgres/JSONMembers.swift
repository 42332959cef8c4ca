/// Values read from a JSON object as PostgreSQL's `->>` reads them — a string unescaped, a
/// number or `true`/`false` as written, `null` or a missing member as nil — found by one pass
/// over the text without building a document.
///
/// For the records tcg itself writes (``RegisterRows``), so that their columns go to the
/// server with them instead of the server parsing each record's JSON again (migration 8). The
/// text is trusted to be JSON; whatever is not found where expected reads as nil.
struct JSONMembers {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    /// The values at `paths` in the object `json`; a path is a member's key, or the keys down
    /// through objects inside it (`["subject", "record"]`).
    static func values(in json: String, at paths: [[String]]) -> [String?] {
        var found = [String?](repeating: nil, count: paths.count)
        var json = json
        json.withUTF8 { bytes in
            var reader = JSONMembers(bytes: bytes)
            reader.object(depth: 0, paths: paths.indices.map { ($0, paths[$0][...]) }, into: &found)
        }
        return found
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Reads the object at `i`, storing the values `paths` (index into `found`, keys left) name.
    private mutating func object(depth: Int, paths: [(index: Int, keys: ArraySlice<String>)], into found: inout [String?]) {
        guard depth < 8, peek == UInt8(ascii: "{") else { return skipValue() }
        i += 1
        while i < bytes.count, peek != UInt8(ascii: "}") {
            if peek == UInt8(ascii: ",") { i += 1; continue }
            guard let key = string() else { return }
            if peek == UInt8(ascii: ":") { i += 1 }
            var leaf: Int?, inside: [(index: Int, keys: ArraySlice<String>)] = []
            for path in paths where path.keys.first == key {
                if path.keys.count == 1 { leaf = path.index } else { inside.append((path.index, path.keys.dropFirst())) }
            }
            if let leaf {
                found[leaf] = scalar()
            } else if !inside.isEmpty, peek == UInt8(ascii: "{") {
                object(depth: depth + 1, paths: inside, into: &found)
            } else {
                skipValue()
            }
        }
        i += 1
    }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    /// The value at `i` as `->>` gives it; nil for `null`.
    private mutating func scalar() -> String? {
        if peek == UInt8(ascii: "\"") { return string() }
        let start = i
        skipValue()
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        return text == "null" ? nil : text
    }

    /// The string at `i`, unescaped; nil when there is none.
    private mutating func string() -> String? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        i += 1
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
        if peek == UInt8(ascii: "\"") {
            defer { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }
        var out = Array(bytes[start..<i])
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            guard bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count else {
                out.append(bytes[i])
                i += 1
                continue
            }
            let escaped = bytes[i + 1]
            i += 2
            switch escaped {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"): appendUnicode(to: &out)
            default: out.append(escaped)
            }
        }
        i += 1
        return String(decoding: out, as: UTF8.self)
    }

    /// After `\u`: the code unit (and its low surrogate, when it is a high one) as UTF-8.
    private mutating func appendUnicode(to out: inout [UInt8]) {
        var scalar = hex4()
        if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
            i += 2
            let low = hex4()
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
        }
        out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
    }

    /// Four hex digits at `i`, read.
    private mutating func hex4() -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 where i < bytes.count {
            let digit = UInt32(Character(Unicode.Scalar(bytes[i])).hexDigitValue ?? 0)
            value = value << 4 | digit
            i += 1
        }
        return value
    }

    /// Moves `i` past the value at it (strings, numbers, literals, nested objects and arrays).
    private mutating func skipValue() {
        var depth = 0
        repeat {
            guard let byte = peek else { return }
            switch byte {
            case UInt8(ascii: "\""): _ = string(); continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return }
                depth -= 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                if depth == 0 { return }
            default: break
            }
            i += 1
        } while depth > 0 || (peek != UInt8(ascii: ",") && peek != UInt8(ascii: "}") && peek != UInt8(ascii: "]"))
    }
}
