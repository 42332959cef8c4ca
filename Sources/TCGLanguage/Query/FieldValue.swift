import TCGDomain

/// A field of a record as queries see it and output renders it.
public enum FieldValue: Sendable, Equatable {
    /// Free text (titles, rationale, names of units).
    case text(String)
    /// An enumerated word (status, kind).
    case word(String)
    /// An integer.
    case int(Int)
    /// A date.
    case date(Day)
    /// A record id.
    case id(RecordID)
    /// A person, shown by name.
    case person(Int, String)
    /// A list of values (attendees, about).
    case list([FieldValue])
    /// true or false.
    case bool(Bool)

    /// The text a table, CSV or Markdown cell shows.
    public var display: String {
        switch self {
        case .text(let s), .word(let s): return s
        case .int(let n): return String(n)
        case .date(let d): return d.description
        case .id(let id): return id.description
        case .person(_, let name): return name
        case .list(let items): return items.map(\.display).joined(separator: ", ")
        case .bool(let b): return b ? "yes" : "no"
        }
    }

    /// The value for a script variable.
    public var value: Value {
        switch self {
        case .text(let s): return .string(s)
        case .word(let s): return .word(s)
        case .int(let n): return .int(n)
        case .date(let d): return .date(d)
        case .id(let id): return .id(id)
        case .person(_, let name): return .string(name)
        case .list(let items): return .list(items.map(\.value))
        case .bool(let b): return .bool(b)
        }
    }
}

/// The type of a field, which decides how `where` compares it.
public enum FieldType: Sendable, Equatable {
    /// Text, compared case-insensitively.
    case text
    /// One of these words.
    case choice([String])
    /// A date.
    case date
    /// An id.
    case id
    /// A person.
    case person
    /// A unit's name.
    case unit
    /// A list of people.
    case people
    /// A list of ids.
    case ids
    /// An integer.
    case int
    /// true/false.
    case bool
}
