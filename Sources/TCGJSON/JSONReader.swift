/// A strict (RFC 8259) pull parser that reads JSON directly from bytes.
///
/// The reader walks the input once, on demand, without building a tree:
///
/// ```swift
/// var reader = JSONReader(bytes: bytes)
/// try reader.beginObject()
/// while let key = try reader.nextKey() {
///     switch key {
///     case "id": id = try reader.readString()
///     case "tags":
///         try reader.beginArray()
///         while try reader.nextElement() { tags.append(try reader.readString()) }
///     default: try reader.skipValue()
///     }
/// }
/// try reader.finish()
/// ```
///
/// It rejects everything RFC 8259 does not allow: trailing commas, comments,
/// leading zeros, `NaN`, single quotes, raw control characters and invalid
/// UTF-8 in strings, unpaired surrogate escapes, and whitespace other than
/// space, tab, CR and LF. Nesting is limited by ``maxDepth``; exceeding it is a
/// ``JSONError``, never a stack overflow.
///
/// It reads an array of bytes (of which it keeps its own copy) or, without copying, memory the
/// caller keeps valid through an owner object (``init(buffer:owner:maxDepth:)``), such as a
/// mapped file.
public struct JSONReader: @unchecked Sendable {
    // Unchecked: the input is only ever read, and stays valid while `owner` lives.
    /// The whole input, valid while ``owner`` lives.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Keeps ``bytes`` valid: the reader's copy of an array, or the caller's owner.
    let owner: AnyObject
    /// The byte offset of the next unread byte.
    public internal(set) var offset: Int
    /// The deepest nesting of arrays and objects allowed.
    public let maxDepth: Int
    /// The number of arrays and objects currently open.
    public internal(set) var depth: Int
    /// True right after `{` or `[` was consumed, before the first member or
    /// element: no comma is expected then.
    var atContainerStart: Bool

    /// Creates a reader positioned at the start of `bytes`.
    /// - Parameters:
    ///   - bytes: The JSON text, UTF-8 encoded.
    ///   - maxDepth: The deepest nesting of arrays and objects allowed (default 512).
    public init(bytes: [UInt8], maxDepth: Int = 512) {
        let copy = JSONInputCopy(bytes)
        self.bytes = copy.bytes
        self.owner = copy
        self.offset = 0
        self.maxDepth = maxDepth
        self.depth = 0
        self.atContainerStart = false
    }

    /// Creates a reader positioned at the start of `buffer`, which it reads in place.
    ///
    /// The reader (and every copy of it) retains `owner`, which must keep `buffer` mapped and
    /// unchanged for as long as it lives: for example an object that unmaps a mapped file in
    /// its `deinit`. Offsets, errors and positions are relative to the start of `buffer`.
    /// - Parameters:
    ///   - buffer: The JSON text, UTF-8 encoded.
    ///   - owner: Keeps `buffer` valid.
    ///   - maxDepth: The deepest nesting of arrays and objects allowed (default 512).
    public init(buffer: UnsafeRawBufferPointer, owner: AnyObject & Sendable, maxDepth: Int = 512) {
        self.bytes = buffer.bindMemory(to: UInt8.self)
        self.owner = owner
        self.offset = 0
        self.maxDepth = maxDepth
        self.depth = 0
        self.atContainerStart = false
    }

    // MARK: - Kinds and structure

    /// Skips whitespace and reports the kind of the next value without consuming it.
    /// - Throws: ``JSONError`` at the end of input or if no value can start here.
    public mutating func peekKind() throws(JSONError) -> JSONKind {
        skipWhitespace()
        guard offset < bytes.count else {
            throw error("unexpected end of input, expected a value")
        }
        if let kind = Self.kind(of: bytes[offset]) {
            return kind
        }
        throw error("unexpected \(describeByte(at: offset)), expected a value")
    }

    /// Consumes the `{` that opens an object. Follow with ``nextKey()`` calls.
    /// - Throws: ``JSONError`` if the next value is not an object or nesting is too deep.
    public mutating func beginObject() throws(JSONError) {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "{") else {
            throw mismatch(expected: "an object")
        }
        try enterContainer()
    }

    /// Moves to the next member of the current object.
    ///
    /// Consumes the separating comma (if any), the key and its colon, and returns
    /// the key; the caller must then read or skip the member's value. At the
    /// closing `}` it consumes it and returns `nil`.
    /// - Throws: ``JSONError`` on malformed input, such as a trailing comma.
    public mutating func nextKey() throws(JSONError) -> String? {
        guard try atNextKey() else { return nil }
        let key = try readStringToken()
        try consumeColon()
        return key
    }

    /// As ``nextKey()``, but without making a `String`: returns the index in `names` of the
    /// key (compared byte for byte, after unescaping), `names.count` for a key not among them,
    /// or nil at the closing `}`. For skimming objects whose members are mostly skipped.
    public mutating func nextKey(among names: [[UInt8]]) throws(JSONError) -> Int? {
        guard try atNextKey() else { return nil }
        let scan = try Self.scanString(bytes, quoteAt: offset)
        let body = UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<(scan.end - 1)])
        offset = scan.end
        var found = names.count
        if scan.hasEscapes {
            found = names.firstIndex(of: Array(Self.unescape(body).utf8)) ?? names.count
        } else {
            for (i, name) in names.enumerated() where name.count == body.count && name.elementsEqual(body) {
                found = i
                break
            }
        }
        try consumeColon()
        return found
    }

    /// Moves to the opening quote of the next member's key and returns true, or consumes the
    /// closing `}` and returns false.
    private mutating func atNextKey() throws(JSONError) -> Bool {
        skipWhitespace()
        guard offset < bytes.count else {
            throw error("unexpected end of input inside an object")
        }
        var byte = bytes[offset]
        if byte == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            atContainerStart = false
            return false
        }
        if atContainerStart {
            atContainerStart = false
            guard byte == UInt8(ascii: "\"") else {
                throw error("expected a string key or '}' in an object")
            }
        } else {
            guard byte == UInt8(ascii: ",") else {
                throw error("expected ',' or '}' after an object member")
            }
            offset += 1
            skipWhitespace()
            guard offset < bytes.count else {
                throw error("unexpected end of input inside an object")
            }
            byte = bytes[offset]
            guard byte == UInt8(ascii: "\"") else {
                if byte == UInt8(ascii: "}") {
                    throw error("expected a string key after ',' (trailing commas are not allowed)")
                }
                throw error("expected a string key after ','")
            }
        }
        return true
    }

    /// Consumes the `[` that opens an array. Follow with ``nextElement()`` calls.
    /// - Throws: ``JSONError`` if the next value is not an array or nesting is too deep.
    public mutating func beginArray() throws(JSONError) {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "[") else {
            throw mismatch(expected: "an array")
        }
        try enterContainer()
    }

    /// Moves to the next element of the current array.
    ///
    /// Consumes the separating comma (if any) and returns `true` when an element
    /// follows (the caller must then read or skip it); at the closing `]` it
    /// consumes it and returns `false`.
    /// - Throws: ``JSONError`` on malformed input, such as a trailing comma.
    public mutating func nextElement() throws(JSONError) -> Bool {
        skipWhitespace()
        guard offset < bytes.count else {
            throw error("unexpected end of input inside an array")
        }
        let byte = bytes[offset]
        if byte == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            atContainerStart = false
            return false
        }
        if atContainerStart {
            atContainerStart = false
            return true
        }
        guard byte == UInt8(ascii: ",") else {
            throw error("expected ',' or ']' after an array element")
        }
        offset += 1
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            throw error("expected a value after ',' (trailing commas are not allowed)")
        }
        return true
    }

    // MARK: - Literals

    /// Reads `true` or `false`.
    /// - Throws: ``JSONError`` if the next value is not a boolean.
    public mutating func readBool() throws(JSONError) -> Bool {
        skipWhitespace()
        if matchLiteral("true") {
            return true
        }
        if matchLiteral("false") {
            return false
        }
        throw mismatch(expected: "a boolean")
    }

    /// Reads `null`.
    /// - Throws: ``JSONError`` if the next value is not `null`.
    public mutating func readNull() throws(JSONError) {
        skipWhitespace()
        guard matchLiteral("null") else {
            throw mismatch(expected: "null")
        }
    }

    /// Consumes `null` if it is the next value.
    /// - Returns: `true` if `null` was consumed, `false` (consuming nothing but
    ///   whitespace) otherwise.
    public mutating func tryReadNull() throws(JSONError) -> Bool {
        skipWhitespace()
        return matchLiteral("null")
    }

    /// Checks that only whitespace remains after the value just read.
    /// - Throws: ``JSONError`` "unexpected data after the JSON value" otherwise.
    public mutating func finish() throws(JSONError) {
        skipWhitespace()
        guard offset >= bytes.count else {
            throw error("unexpected data after the JSON value")
        }
    }

    // MARK: - Internals

    /// Classifies the first byte of a value.
    @inline(__always)
    static func kind(of byte: UInt8) -> JSONKind? {
        switch byte {
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): return .number
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: return nil
        }
    }

    /// Advances past space, tab, CR and LF.
    @inline(__always)
    mutating func skipWhitespace() {
        var index = offset
        let count = bytes.count
        while index < count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09:
                index += 1
            default:
                offset = index
                return
            }
        }
        offset = index
    }

    /// Consumes the opening bracket at `offset`, enforcing ``maxDepth``.
    @inline(__always)
    mutating func enterContainer() throws(JSONError) {
        guard depth < maxDepth else {
            throw error("maximum nesting depth of \(maxDepth) exceeded")
        }
        depth += 1
        offset += 1
        atContainerStart = true
    }

    /// Consumes the `:` after an object key.
    @inline(__always)
    mutating func consumeColon() throws(JSONError) {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
            throw error("expected ':' after an object key")
        }
        offset += 1
    }

    /// Consumes `literal` if the input continues with it.
    @inline(__always)
    mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard bytes.count - offset >= length else {
            return false
        }
        let start = literal.utf8Start
        for index in 0..<length where bytes[offset + index] != start[index] {
            return false
        }
        offset += length
        return true
    }

    /// An error at the current offset.
    func error(_ message: String) -> JSONError {
        JSONError(message: message, offset: offset, in: bytes)
    }

    /// An error at byte `position` of the input, with its line and column.
    public func error(_ message: String, at position: Int) -> JSONError {
        JSONError(message: message, offset: position, in: bytes)
    }

    /// The offset of the first byte at or after `position` that is not whitespace (the
    /// input's length if there is none).
    public func skippingWhitespace(from position: Int) -> Int {
        var index = Swift.max(0, position)
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        return index
    }

    /// An error explaining that something other than `expected` was found.
    func mismatch(expected: String) -> JSONError {
        guard offset < bytes.count else {
            return error("unexpected end of input, expected \(expected)")
        }
        if let kind = Self.kind(of: bytes[offset]) {
            if (kind == .bool || kind == .null) && !literalFollows() {
                return error("invalid literal, expected \(expected)")
            }
            return error("expected \(expected), found \(kind)")
        }
        return error("unexpected \(describeByte(at: offset)), expected \(expected)")
    }

    /// Whether `true`, `false` or `null` starts at the current offset.
    func literalFollows() -> Bool {
        for literal in ["true", "false", "null"] as [StaticString] {
            let length = literal.utf8CodeUnitCount
            if bytes.count - offset >= length,
               (0..<length).allSatisfy({ bytes[offset + $0] == literal.utf8Start[$0] }) {
                return true
            }
        }
        return false
    }

    /// `character 'x'` for printable ASCII, `byte 0xNN` otherwise.
    func describeByte(at position: Int) -> String {
        guard position < bytes.count else {
            return "end of input"
        }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F {
            return "character '\(Character(Unicode.Scalar(byte)))'"
        }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(hex.count < 2 ? "0" + hex : hex)"
    }
}

/// A reader's own copy of an array of bytes, freed with the last reader that uses it.
final class JSONInputCopy: @unchecked Sendable {
    // Unchecked: written once in init, only read afterwards.
    /// The allocation (one byte for an empty input, so that its base is never nil).
    private let allocation: UnsafeMutableBufferPointer<UInt8>
    /// The copied bytes.
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ source: [UInt8]) {
        allocation = .allocate(capacity: Swift.max(1, source.count))
        _ = allocation.initialize(from: source)
        bytes = UnsafeBufferPointer(rebasing: allocation[0..<source.count])
    }

    deinit { allocation.deallocate() }
}
