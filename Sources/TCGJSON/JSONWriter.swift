/// Writes JSON text into a byte array, one token at a time.
///
/// The writer places commas, colons, line breaks and indentation itself:
///
/// ```swift
/// var writer = JSONWriter(style: .pretty(indent: 2))
/// writer.beginObject()
/// writer.field("id", "A-1")
/// writer.field("tags", strings: ["x", "y"])
/// writer.endObject()
/// let text = writer.text()
/// ```
///
/// Strings are escaped minimally: `"`, `\` and control characters only; `/`
/// and non-ASCII characters are written as they are (UTF-8). Doubles that are
/// not finite, which JSON cannot express, are written as `null`.
///
/// Calls must be balanced and well-ordered (a ``key(_:)`` before each value
/// inside an object, none inside an array); the writer does not check this.
public struct JSONWriter: Sendable {
    /// How the output is laid out.
    public enum Style: Sendable, Equatable {
        /// Everything on one line, no spaces: `{"a":[1,2]}`.
        case compact
        /// One member or element per line, indented by `indent` spaces per
        /// level, `"key": value`; empty containers as `[]` and `{}`.
        case pretty(indent: Int)
        /// A layout for large record files: each member (or element) of the
        /// top-level container on its own line, and each element of an array
        /// directly inside it on its own line, written compactly.
        case recordPerLine
    }

    /// The JSON text written so far, UTF-8 encoded.
    public var bytes: [UInt8]
    /// The layout in use.
    public let style: Style

    /// An open array or object.
    private struct Frame {
        /// Members or elements written so far.
        var count: Int
        /// Whether each member or element goes on its own line.
        var breaksLines: Bool
    }

    /// Open containers, innermost last.
    private var frames: [Frame] = []
    /// True between a key and its value.
    private var afterKey = false
    /// Spaces per nesting level (pretty style only).
    private let indentWidth: Int

    /// Creates an empty writer.
    /// - Parameters:
    ///   - style: The layout (default ``Style/compact``).
    ///   - capacity: Bytes to reserve up front.
    public init(style: Style = .compact, capacity: Int = 4096) {
        self.style = style
        self.bytes = []
        self.bytes.reserveCapacity(Swift.max(0, capacity))
        if case .pretty(let indent) = style {
            self.indentWidth = Swift.max(0, indent)
        } else {
            self.indentWidth = 0
        }
    }

    /// The JSON text written so far.
    public func text() -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Containers

    /// Opens an object: `{`.
    public mutating func beginObject() {
        open(UInt8(ascii: "{"), isArray: false)
    }

    /// Closes the innermost object: `}`.
    public mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    /// Opens an array: `[`.
    public mutating func beginArray() {
        open(UInt8(ascii: "["), isArray: true)
    }

    /// Closes the innermost array: `]`.
    public mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Writes an object member's key and colon; write its value next.
    public mutating func key(_ k: String) {
        startItem()
        appendString(k)
        endKey()
    }

    /// Writes an object key written in the source, which needs no escaping (the field names of
    /// a format): copied as it is, without scanning it.
    public mutating func key(_ k: StaticString) {
        startItem()
        bytes.append(UInt8(ascii: "\""))
        appendLiteral(k)
        bytes.append(UInt8(ascii: "\""))
        endKey()
    }

    /// The `:` after a key (and a space where the frame breaks lines); the value comes next.
    private mutating func endKey() {
        bytes.append(UInt8(ascii: ":"))
        if let frame = frames.last, frame.breaksLines {
            bytes.append(UInt8(ascii: " "))
        }
        afterKey = true
    }

    // MARK: - Scalars

    /// Writes a string value, escaped.
    public mutating func string(_ s: String) {
        startItem()
        appendString(s)
    }

    /// Writes a string value whose characters `body` appends to ``bytes`` itself: for text
    /// that never needs escaping (ids, dates), without making a `String` first.
    public mutating func plainString(_ body: (inout [UInt8]) -> Void) {
        startItem()
        bytes.append(UInt8(ascii: "\""))
        body(&bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes an integer value.
    public mutating func int(_ i: Int) {
        startItem()
        appendInt(i)
    }

    /// Writes a number in the shortest form that reads back as the same
    /// `Double`; writes `null` for infinities and NaN.
    public mutating func double(_ d: Double) {
        startItem()
        guard d.isFinite else {
            appendLiteral("null")
            return
        }
        bytes.append(contentsOf: d.description.utf8)
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ b: Bool) {
        startItem()
        appendLiteral(b ? "true" : "false")
    }

    /// Writes `null`.
    public mutating func null() {
        startItem()
        appendLiteral("null")
    }

    /// Writes a whole value tree.
    public mutating func value(_ v: JSONValue) {
        switch v {
        case .object(let members):
            beginObject()
            for (name, member) in members {
                key(name)
                value(member)
            }
            endObject()
        case .array(let elements):
            beginArray()
            for element in elements {
                value(element)
            }
            endArray()
        case .string(let string):
            self.string(string)
        case .number(let number):
            double(number)
        case .integer(let integer):
            int(integer)
        case .bool(let bool):
            self.bool(bool)
        case .null:
            null()
        }
    }

    // MARK: - Fields

    /// Writes the member `key: s`, or nothing at all when `s` is nil.
    public mutating func field(_ key: StaticString, _ s: String?) {
        guard let s else {
            return
        }
        self.key(key)
        string(s)
    }

    /// Writes the member `key: i`, or nothing at all when `i` is nil.
    public mutating func field(_ key: StaticString, _ i: Int?) {
        guard let i else {
            return
        }
        self.key(key)
        int(i)
    }

    /// Writes the member `key: b`, or nothing at all when `b` is nil.
    public mutating func field(_ key: StaticString, _ b: Bool?) {
        guard let b else {
            return
        }
        self.key(key)
        bool(b)
    }

    /// Writes the member `key: [strings...]` (an empty array when `strings` is empty).
    public mutating func field(_ key: StaticString, strings: [String]) {
        self.key(key)
        beginArray()
        for string in strings {
            self.string(string)
        }
        endArray()
    }

    // MARK: - Layout

    /// Writes what precedes a value or key: nothing right after a key,
    /// otherwise a comma after a previous item and the item's line break.
    @inline(__always)
    private mutating func startItem() {
        if afterKey {
            afterKey = false
            return
        }
        let last = frames.count - 1
        guard last >= 0 else {
            return
        }
        if frames[last].count > 0 {
            bytes.append(UInt8(ascii: ","))
        }
        frames[last].count += 1
        if frames[last].breaksLines {
            newline(level: frames.count)
        }
    }

    /// Writes `bracket` and opens a frame.
    private mutating func open(_ bracket: UInt8, isArray: Bool) {
        startItem()
        bytes.append(bracket)
        let breaksLines: Bool
        switch style {
        case .compact:
            breaksLines = false
        case .pretty:
            breaksLines = true
        case .recordPerLine:
            breaksLines = frames.isEmpty || (frames.count == 1 && isArray)
        }
        frames.append(Frame(count: 0, breaksLines: breaksLines))
    }

    /// Closes the innermost frame with `bracket`.
    private mutating func close(_ bracket: UInt8) {
        afterKey = false
        if let frame = frames.popLast(), frame.breaksLines, frame.count > 0 {
            newline(level: frames.count)
        }
        bytes.append(bracket)
    }

    /// A line break and the indentation of `level`.
    private mutating func newline(level: Int) {
        bytes.append(0x0A)
        let spaces = level * indentWidth
        if spaces > 0 {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces))
        }
    }

    // MARK: - Encoding

    /// Appends the bytes of `literal`.
    @inline(__always)
    private mutating func appendLiteral(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends the decimal digits of `value`.
    private mutating func appendInt(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
            bytes.append(UInt8(truncatingIfNeeded: remainder) &+ UInt8(ascii: "0"))
            magnitude = quotient
        } while magnitude != 0
        bytes[start..<bytes.count].reverse()
    }

    /// Appends `string` quoted and escaped.
    private mutating func appendString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { utf8 in
            appendEscaped(utf8)
        }
        if done == nil {
            var contiguous = string
            contiguous.makeContiguousUTF8()
            let retried: Void? = contiguous.utf8.withContiguousStorageIfAvailable { utf8 in
                appendEscaped(utf8)
            }
            if retried == nil {
                let copy = Array(string.utf8)
                copy.withUnsafeBufferPointer { appendEscaped($0) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `utf8` with `"`, `\` and control characters escaped, copying
    /// runs that need no escaping in one go.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        let count = utf8.count
        while index < count {
            let byte = utf8[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if index > runStart {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            }
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                let hexDigits: StaticString = "0123456789abcdef"
                bytes.append(contentsOf: [
                    UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    hexDigits.utf8Start[Int(byte >> 4)], hexDigits.utf8Start[Int(byte & 0x0F)],
                ])
            }
            index += 1
            runStart = index
        }
        if count > runStart {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        }
    }
}
