import TCGDomain

/// A runtime value: what variables hold and expressions evaluate to.
public enum Value: Sendable, Equatable, CustomStringConvertible {
    /// Text.
    case string(String)
    /// An enumerated word (`ttcg`, `active`).
    case word(String)
    /// An integer.
    case int(Int)
    /// A date.
    case date(Day)
    /// A duration.
    case duration(Duration)
    /// A record id.
    case id(RecordID)
    /// A list.
    case list([Value])
    /// true or false.
    case bool(Bool)
    /// No value (a statement that returns nothing).
    case none

    /// How `echo` and interpolation show it.
    public var description: String {
        switch self {
        case .string(let s), .word(let s): return s
        case .int(let n): return String(n)
        case .date(let d): return d.description
        case .duration(let d): return d.description
        case .id(let id): return id.description
        case .list(let items): return items.map(\.description).joined(separator: ", ")
        case .bool(let b): return b ? "true" : "false"
        case .none: return ""
        }
    }

    /// The value as the language writes it: text as a string literal, a list in brackets, nothing
    /// as `""`; words, numbers, dates, durations, ids and true/false as they print.
    public var literal: String {
        switch self {
        case .string(let s): return Value.quoted(s)
        case .list(let items): return "[" + items.map(\.literal).joined(separator: ", ") + "]"
        case .none: return "\"\""
        default: return description
        }
    }

    /// A string literal of the language holding `text` exactly.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "$": out += "\\$"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    /// A word naming the value's type, for messages.
    public var typeName: String {
        switch self {
        case .string: return "text"
        case .word: return "word"
        case .int: return "integer"
        case .date: return "date"
        case .duration: return "duration"
        case .id(let id): return "\(id.kind.noun) id"
        case .list: return "list"
        case .bool: return "true/false"
        case .none: return "nothing"
        }
    }
}
