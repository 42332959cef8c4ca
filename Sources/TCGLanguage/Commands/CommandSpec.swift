import TCGDomain

/// What may fill an operand or clause: it drives parsing, completion and the help text.
public enum Slot: Sendable, Equatable {
    /// A string literal (or `$var`).
    case text
    /// A person: `"NAME"` or `PE-n`.
    case person
    /// One or more people separated by commas.
    case people
    /// A unit's name word.
    case unit
    /// A free word or string (a unit name being added, a role).
    case name
    /// A date: `2027-03-01`, `today`, `today+14d`, `+3d`.
    case date
    /// A duration: `14d`, `2w`, `3mo`.
    case duration
    /// An integer.
    case integer
    /// One of these words.
    case choice([String])
    /// One or more of these words, separated by commas.
    case choices([String])
    /// An id of one of these kinds.
    case id([RecordKind])
    /// One or more ids separated by commas.
    case ids([RecordKind])
    /// An id of one of these kinds, or a string.
    case idOrText([RecordKind])
    /// A query KIND (`actions`, `people`).
    case kind
    /// A condition (`where` expressions).
    case condition
    /// An `order by` list.
    case order
    /// A field of the kind being queried (`group by owner`).
    case field
    /// A date or the word `off`.
    case dateOrOff
    /// A file path: a bare path word (`examples/pack.tcg`) or a string.
    case path
    /// A help topic: the rest of the statement's words.
    case topic
    /// Harm factors and their scores: `physical 2 psychological 3` (one pair or more).
    case factors
}

/// How a command relates to the register: it decides whether the command runs under the writer
/// lock and is audited, and whether it can be used as a value in parentheses.
public enum Effect: Sendable, Equatable {
    /// Answers from the register without changing it; usable as `(VERB …)` and after `for … in`.
    case query
    /// Changes the register: runs under the writer lock, is audited, commits durably.
    case change
    /// Reads the register and writes a file, once the script has committed.
    case report
    /// Changes only this session (the output format, the timer) or ends it.
    case session
}

/// A positional operand after a command's words.
public struct Operand: Sendable {
    /// The argument's name (how the parser files it).
    public var name: String
    /// What fills it.
    public var slot: Slot
    /// Whether it may be left out.
    public var optional: Bool
    /// How the synopsis shows it.
    public var placeholder: String

    /// A required operand, read as `argument`'s type.
    public init<T>(_ argument: Arg<T>, _ placeholder: String) {
        self.name = argument.name
        self.slot = argument.reader.slot
        self.optional = false
        self.placeholder = placeholder
    }

    /// An operand that may be left out.
    public init<T>(_ argument: Opt<T>, _ placeholder: String) {
        self.name = argument.name
        self.slot = argument.reader.slot
        self.optional = true
        self.placeholder = placeholder
    }
}

/// A keyword clause (`owner PERSON`, `due DATE`, `partner`), in any order after the operands.
public struct Clause: Sendable {
    /// The clause's keywords (`order`, `by`).
    public var keywords: [String]
    /// The argument's name (how the parser files it).
    public var name: String
    /// What follows the keywords; nil for a flag.
    public var slot: Slot?
    /// Whether it must be given.
    public var required: Bool
    /// How the synopsis shows the value.
    public var placeholder: String

    init(keywords: String, name: String, slot: Slot?, required: Bool, placeholder: String) {
        self.keywords = keywords.split(separator: " ").map(String.init)
        self.name = name
        self.slot = slot
        self.required = required
        self.placeholder = placeholder
    }

    /// A clause that must be given: `owner PERSON`.
    public init<T>(_ keywords: String, _ argument: Arg<T>, _ placeholder: String) {
        self.init(keywords: keywords, name: argument.name, slot: argument.reader.slot, required: true, placeholder: placeholder)
    }

    /// A clause that may be given: `[review DATE]`.
    public init<T>(_ keywords: String, _ argument: Opt<T>, _ placeholder: String) {
        self.init(keywords: keywords, name: argument.name, slot: argument.reader.slot, required: false, placeholder: placeholder)
    }

    /// A flag: `[partner]`.
    public init(_ flag: FlagClause) {
        self.init(keywords: flag.name, name: flag.name, slot: nil, required: false, placeholder: "")
    }
}

/// Turns an argument's expression into the value a command needs (a person's number, a date,
/// a keyword's case), refusing what does not fit with a diagnostic at the argument.
public struct Reader<T>: Sendable {
    /// What the parser accepts for it.
    public let slot: Slot
    /// Converts the parsed argument.
    let read: @Sendable (Argument, Call) throws(Diagnostic) -> T

    /// A reader of one expression (the usual case).
    public init(_ slot: Slot, _ read: @escaping @Sendable (Expr, Call) throws(Diagnostic) -> T) {
        self.slot = slot
        self.read = { (argument: Argument, call: Call) throws(Diagnostic) -> T in
            switch argument {
            case .expr(let e): return try read(e, call)
            case .flag(let r):
                throw Diagnostic(.error, "expected a value here", range: r)
            case .order(let keys):
                throw Diagnostic(.error, "expected a value here", range: keys.first?.range ?? call.range)
            }
        }
    }

    /// A reader of a parsed argument of any form (`order by` lists).
    init(slot: Slot, argument read: @escaping @Sendable (Argument, Call) throws(Diagnostic) -> T) {
        self.slot = slot
        self.read = read
    }
}

/// A required argument of a command, with its type: `try call(owner)` is the owner's number.
public struct Arg<T>: Sendable {
    /// How the parser files it.
    public let name: String
    /// How it is read.
    public let reader: Reader<T>

    /// A required argument filed as `name`.
    public init(_ name: String, _ reader: Reader<T>) {
        self.name = name
        self.reader = reader
    }
}

/// An argument that may be left out: `try call(review)` is nil when it was.
public struct Opt<T>: Sendable {
    /// How the parser files it.
    public let name: String
    /// How it is read.
    public let reader: Reader<T>

    /// An optional argument filed as `name`.
    public init(_ name: String, _ reader: Reader<T>) {
        self.name = name
        self.reader = reader
    }
}

/// A flag clause: present or not.
public struct FlagClause: Sendable {
    /// The keyword, which is also how the parser files it.
    public let name: String

    /// A flag written as `name`.
    public init(_ name: String) { self.name = name }
}

/// One command of the language, declared once: its words, grammar, help and examples, whether
/// it changes the register, and what it does. The parser, `help`, completion, the docs and the
/// interpreter all read it; adding a verb is one of these plus the domain method it calls.
public struct CommandSpec: Sendable {
    /// The leading words (`add`, `priority`).
    public var words: [String]
    /// Positional operands after the words.
    public var operands: [Operand]
    /// Keyword clauses, in any order.
    public var clauses: [Clause]
    /// Whether it belongs to a meeting (the current one, or `at M-n`).
    public var atMeeting: Bool
    /// Query, change or session.
    public var effect: Effect
    /// Help topic: setup, meetings, strategy, delivery, queries, scripting, session.
    public var topic: String
    /// One line saying what it does.
    public var summary: String
    /// Worked examples.
    public var examples: [String]
    /// The synopsis as help shows it, when the grammar alone does not say it all.
    public var customSynopsis: String?
    /// For a command whose clauses depend on its operands (`amend A-3 due …`): given the
    /// arguments parsed so far and a clause's keyword, why that clause does not fit them (a
    /// message and help), or nil when it does. The parser refuses an unfitting clause at its
    /// keyword; the command checks again when it runs (an operand may be a `$variable`).
    public var clauseFit: (@Sendable (Arguments, String) -> (message: String, help: String?)?)?
    /// For a change: how its confirmation says what it did, after the records it changed
    /// (`updated`: `A-1 updated`); nil words it from what it logged to the audit trail
    /// (`status open -> done`: `A-3 done`). See ``Confirmation``.
    public var confirms: String?
    /// Runs the command over its parsed arguments; nil for the forms the parser builds into
    /// statements of their own (`let`, `for`, `if`, …).
    let execute: (@Sendable (Call) throws(Diagnostic) -> Value)?

    /// A command with its grammar and what it does.
    public init(_ words: String, _ operands: [Operand] = [], _ clauses: [Clause] = [], atMeeting: Bool = false, effect: Effect,
                topic: String, _ summary: String, _ examples: [String], synopsis: String? = nil,
                run: @escaping @Sendable (Call) throws(Diagnostic) -> Value) {
        self.words = words.split(separator: " ").map(String.init)
        self.operands = operands
        self.clauses = clauses
        self.atMeeting = atMeeting
        self.effect = effect
        self.topic = topic
        self.summary = summary
        self.examples = examples
        self.customSynopsis = synopsis
        self.execute = run
    }

    /// A form the parser reads by hand into a statement of its own (`let`, `for`, `if`, …), or
    /// that only the REPL reads (`edit`, `watch`).
    public init(special word: String, synopsis: String, topic: String = "scripting", _ summary: String, _ examples: [String]) {
        self.words = [word]
        self.operands = []
        self.clauses = []
        self.atMeeting = false
        self.effect = .session
        self.topic = topic
        self.summary = summary
        self.examples = examples
        self.customSynopsis = synopsis
        self.execute = nil
    }

    /// The same command, confirming with `phrase` after the records it changed (``confirms``).
    public func confirming(_ phrase: String) -> CommandSpec {
        var spec = self
        spec.confirms = phrase
        return spec
    }

    /// The words as written: `add priority`.
    public var name: String { words.joined(separator: " ") }

    /// Parsed by hand (let, for, if, …) rather than from operands and clauses.
    public var special: Bool { execute == nil }

    /// Whether the command changes the register (and so is written to the audit trail).
    public var changes: Bool { effect == .change }

    /// Whether the command is a query: usable in parentheses as a value, and after `for … in`.
    public var isQuery: Bool { effect == .query }

    /// `add priority "TITLE" owner PERSON rationale "TEXT" [at M-n]`.
    public var synopsis: String {
        if let customSynopsis { return customSynopsis }
        var parts = words
        for o in operands { parts.append(o.optional ? "[\(o.placeholder)]" : o.placeholder) }
        for c in clauses {
            let body = ([c.keywords.joined(separator: " ")] + (c.placeholder.isEmpty ? [] : [c.placeholder])).joined(separator: " ")
            parts.append(c.required ? body : "[\(body)]")
        }
        if atMeeting { parts.append("[at M-n]") }
        return parts.joined(separator: " ")
    }
}
