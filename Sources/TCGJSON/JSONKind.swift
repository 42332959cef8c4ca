/// The kind of the next JSON value, as reported by ``JSONReader/peekKind()``.
public enum JSONKind: Sendable, Equatable, CustomStringConvertible {
    /// An object, `{...}`.
    case object
    /// An array, `[...]`.
    case array
    /// A string, `"..."`.
    case string
    /// A number, such as `-12.5e3`.
    case number
    /// `true` or `false`.
    case bool
    /// `null`.
    case null

    /// The kind with an article, for error messages: `an object`, `a string`...
    public var description: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}
