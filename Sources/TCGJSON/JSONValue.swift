/// A JSON value held in memory.
///
/// Object members keep their order and may repeat a key. Numbers written as
/// integers that fit in `Int` are read as ``integer(_:)``; all other numbers as
/// ``number(_:)``. Equality compares numbers by value, so `.integer(1)` equals
/// `.number(1.0)`, and objects member by member, in order.
public indirect enum JSONValue: Equatable, Sendable {
    /// An object: its members in document order.
    case object([(String, JSONValue)])
    /// An array.
    case array([JSONValue])
    /// A string.
    case string(String)
    /// A number that is not an exact `Int` (it has a fraction or an exponent, or is too large).
    case number(Double)
    /// A number written as an integer that fits in `Int`.
    case integer(Int)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// Parses a whole JSON document: one value surrounded only by whitespace.
    /// - Parameters:
    ///   - bytes: The JSON text, UTF-8 encoded.
    ///   - maxDepth: The deepest nesting of arrays and objects allowed (default 512).
    /// - Throws: ``JSONError`` on malformed input.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 512) throws(JSONError) -> JSONValue {
        var reader = JSONReader(bytes: bytes, maxDepth: maxDepth)
        let value = try reader.readValue()
        try reader.finish()
        return value
    }

    /// Parses a whole JSON document held in a string.
    /// - Parameters:
    ///   - text: The JSON text.
    ///   - maxDepth: The deepest nesting of arrays and objects allowed (default 512).
    /// - Throws: ``JSONError`` on malformed input.
    public static func parse(_ text: String, maxDepth: Int = 512) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    /// The value of the first member named `key`, if this is an object that has one.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else {
            return nil
        }
        return members.first(where: { $0.0 == key })?.1
    }

    /// The element at `index`, if this is an array and `index` is in range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else {
            return nil
        }
        return elements[index]
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let string) = self {
            return string
        }
        return nil
    }

    /// The number as an `Int`, if this is an integer or a number with an exact `Int` value.
    public var intValue: Int? {
        switch self {
        case .integer(let integer): return integer
        case .number(let double): return Int(exactly: double)
        default: return nil
        }
    }

    /// The number as a `Double`, if this is a number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let integer): return Double(integer)
        case .number(let double): return double
        default: return nil
        }
    }

    /// The boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let bool) = self {
            return bool
        }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self {
            return true
        }
        return false
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self {
            return elements
        }
        return nil
    }

    /// The members in order, if this is an object.
    public var objectValue: [(String, JSONValue)]? {
        if case .object(let members) = self {
            return members
        }
        return nil
    }

    /// Structural equality; numbers compare by value, object members in order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let left), .object(let right)):
            guard left.count == right.count else {
                return false
            }
            for (l, r) in zip(left, right) where l.0 != r.0 || l.1 != r.1 {
                return false
            }
            return true
        case (.array(let left), .array(let right)):
            return left == right
        case (.string(let left), .string(let right)):
            return left == right
        case (.integer(let left), .integer(let right)):
            return left == right
        case (.number(let left), .number(let right)):
            return left == right
        case (.integer(let left), .number(let right)), (.number(let right), .integer(let left)):
            return Int(exactly: right) == left
        case (.bool(let left), .bool(let right)):
            return left == right
        case (.null, .null):
            return true
        default:
            return false
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The value as compact JSON text.
    public var description: String {
        var writer = JSONWriter(style: .compact, capacity: 64)
        writer.value(self)
        return writer.text()
    }
}
