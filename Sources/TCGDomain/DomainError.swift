/// A statement the register refuses, with the rule it would break and how to put it right.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, in plain words.
    public var message: String
    /// How to fix it, or what was meant ("did you mean …").
    public var help: String?
    /// The DOMAIN.md rule (`R1` … `R13`), when one applies.
    public var rule: String?

    /// Creates an error.
    public init(_ message: String, help: String? = nil, rule: String? = nil) {
        self.message = message
        self.help = help
        self.rule = rule
    }

    /// The message with the rule appended, e.g. "… (R1)".
    public var description: String { rule.map { "\(message) (\($0))" } ?? message }
}

/// A note the register raises without refusing the statement (e.g. a late review, R7).
public struct DomainWarning: Sendable, Equatable {
    /// What to draw attention to.
    public var message: String
    /// The rule, when one applies.
    public var rule: String?

    /// Creates a warning.
    public init(_ message: String, rule: String? = nil) {
        self.message = message
        self.rule = rule
    }
}
