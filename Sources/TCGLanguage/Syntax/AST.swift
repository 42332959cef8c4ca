import TCGDomain

/// A statement of the language, with where it is in the source.
public indirect enum Statement: Sendable {
    /// A verb from the command table with its arguments.
    case command(Command)
    /// `let NAME = STATEMENT-or-VALUE`.
    case assign(name: String, value: LetValue, range: SourceRange)
    /// `echo VALUE...`.
    case echo([Expr], range: SourceRange)
    /// `for $x in SOURCE { ... }`.
    case loop(variable: String, source: LetValue, body: [Statement], range: SourceRange)
    /// `if COND { ... } else { ... }`.
    case branch(condition: Expr, then: [Statement], otherwise: [Statement]?, range: SourceRange)
    /// `assert CONDITION ["MESSAGE"]`.
    case check(condition: Expr, message: Expr?, range: SourceRange)
    /// `run FILE [NAME=VALUE]...`.
    case include(path: Expr, parameters: [(name: String, value: Expr)], range: SourceRange)

    /// The statement's span in the source.
    public var range: SourceRange {
        switch self {
        case .command(let c): return c.range
        case .assign(_, _, let r), .echo(_, let r), .loop(_, _, _, let r), .branch(_, _, _, let r),
             .check(_, _, let r), .include(_, _, let r):
            return r
        }
    }
}

/// The right-hand side of `let` or the source of `for`: a statement or a value.
public indirect enum LetValue: Sendable {
    /// A statement whose result is the value (an id, a count, a list of ids).
    case statement(Statement)
    /// A value or condition.
    case value(Expr)
}

/// A command from the table, with each argument by its slot name.
public struct Command: Sendable {
    /// Which command.
    public var spec: CommandSpec
    /// The whole statement's span.
    public var range: SourceRange
    /// Arguments by name (operands and clauses).
    public var args: Arguments

    /// The expression of an argument, if given.
    public func expr(_ name: String) -> Expr? {
        if case .expr(let e)? = args[name] { return e }
        return nil
    }

    /// Whether a flag clause was given.
    public func flag(_ name: String) -> Bool { args[name] != nil }
}

/// A command's arguments by name. A statement has a handful, so a short list searched in order
/// is quicker to build and to read than a dictionary (no hashing).
public struct Arguments: Sendable, ExpressibleByDictionaryLiteral {
    private var entries: [(name: String, value: Argument)] = []

    public init(dictionaryLiteral elements: (String, Argument)...) {
        for (name, value) in elements { self[name] = value }
    }

    /// The argument of this name, if given; setting nil removes it.
    public subscript(name: String) -> Argument? {
        get {
            for entry in entries where entry.name == name { return entry.value }
            return nil
        }
        set {
            if let i = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }

    /// How many arguments were given.
    public var count: Int { entries.count }

    /// The arguments given, in the order they were filed.
    public var values: [Argument] { entries.map(\.value) }
}

/// An argument's parsed form.
public enum Argument: Sendable {
    /// One value, condition or list.
    case expr(Expr)
    /// A flag clause (`partner`).
    case flag(SourceRange)
    /// An `order by` list.
    case order([OrderKey])
}

/// One key of `order by`.
public struct OrderKey: Sendable, Equatable {
    /// Field name.
    public var field: String
    /// Descending?
    public var descending: Bool
    /// Where the field is written.
    public var range: SourceRange
}

/// `+` or `-` between two values.
public enum ArithmeticOperator: Sendable {
    case plus, minus
}

/// A field named in a clause (`group by owner`), with where it is written.
public struct FieldName: Sendable, Equatable {
    /// The field's name, in lower case.
    public var name: String
    /// Where it is written.
    public var range: SourceRange
}

/// A value or condition expression.
public indirect enum Expr: Sendable {
    /// A literal: integer, date, duration, id, boolean.
    case literal(Value, SourceRange)
    /// A date relative to today: base days (today 0, tomorrow 1) plus an offset.
    case relativeDate(base: Int, offset: Duration?, SourceRange)
    /// A string, with `$variables` to interpolate.
    case string([StringPart], SourceRange)
    /// A bare word: a field name in `where`, else an enumerated value.
    case word(String, SourceRange)
    /// `$name`.
    case variable(String, SourceRange)
    /// `[a, b, c]`.
    case list([Expr], SourceRange)
    /// `(count …)`, `(list …)`: a query used as a value.
    case query(Statement, SourceRange)
    /// `a + b`, `a - b`: integers and dates added and subtracted.
    case arithmetic(ArithmeticOperator, Expr, Expr, SourceRange)
    /// `a = b`, `a < b`, …
    case compare(String, Expr, Expr, SourceRange)
    /// `a in [..]`.
    case member(Expr, Expr, SourceRange)
    /// `a contains b`.
    case contains(Expr, Expr, SourceRange)
    /// `a and b`.
    case and(Expr, Expr)
    /// `a or b`.
    case or(Expr, Expr)
    /// `not a`.
    case not(Expr, SourceRange)

    /// Whether it adds or subtracts (`due - today`).
    public var isArithmetic: Bool {
        if case .arithmetic = self { return true }
        return false
    }

    /// The expression's span.
    public var range: SourceRange {
        switch self {
        case .literal(_, let r), .relativeDate(_, _, let r), .string(_, let r), .word(_, let r), .variable(_, let r),
             .list(_, let r), .query(_, let r), .arithmetic(_, _, _, let r), .compare(_, _, _, let r), .member(_, _, let r),
             .contains(_, _, let r), .not(_, let r):
            return r
        case .and(let a, let b), .or(let a, let b):
            return a.range.through(b.range)
        }
    }
}
