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
    /// A date or the word `off`.
    case dateOrOff
    /// A file path string.
    case path
    /// A help topic: a verb or a word.
    case topic
}

/// A positional operand after a command's words.
public struct Operand: Sendable {
    /// The argument's name.
    public var name: String
    /// What fills it.
    public var slot: Slot
    /// Whether it may be left out.
    public var optional: Bool
    /// How the synopsis shows it.
    public var placeholder: String

    /// Creates an operand.
    public init(_ name: String, _ slot: Slot, _ placeholder: String, optional: Bool = false) {
        self.name = name
        self.slot = slot
        self.optional = optional
        self.placeholder = placeholder
    }
}

/// A keyword clause (`owner PERSON`, `due DATE`, `partner`), in any order after the operands.
public struct Clause: Sendable {
    /// The clause's keywords (`order`, `by`).
    public var keywords: [String]
    /// The argument's name.
    public var name: String
    /// What follows the keywords; nil for a flag.
    public var slot: Slot?
    /// Whether it must be given.
    public var required: Bool
    /// How the synopsis shows the value.
    public var placeholder: String

    /// Creates a clause.
    public init(_ keywords: String, _ slot: Slot?, _ placeholder: String = "", name: String? = nil, required: Bool = false) {
        let words = keywords.split(separator: " ").map(String.init)
        self.keywords = words
        self.name = name ?? words[0]
        self.slot = slot
        self.required = required
        self.placeholder = placeholder
    }
}

/// The verbs of the language. Each has one entry in the command table.
public enum Verb: String, Sendable, CaseIterable {
    case addUnit, addPerson, updatePerson, setPolicy
    case createMeeting, open, attend, closeMeeting
    case addPriority, rejectCandidate, retirePriority, addRequirement, reviewRequirement
    case commissionAnalysis, createPlan, closePlan, addAction, assign, commissionReview
    case escalate, accept, decline, addProduct, present, decide
    case deliver, update, complete, cancel, recordFindings, mark
    case list, count, show, outstanding, agendaNext, agendaMeeting, minutes, strategy, calendar, history
    case reportAgenda, reportRegister
    case setToday, advance, setFormat, setTimer, undo, help, quit
    case `let`, echo, `for`, `if`, assert, run
}

/// One command of the language: its words, grammar, help and examples, declared once.
public struct CommandSpec: Sendable {
    /// Which verb.
    public var verb: Verb
    /// The leading words (`add`, `priority`).
    public var words: [String]
    /// Positional operands after the words.
    public var operands: [Operand]
    /// Keyword clauses, in any order.
    public var clauses: [Clause]
    /// Whether it belongs to a meeting (the current one, or `at M-n`).
    public var atMeeting: Bool
    /// Parsed by hand (let, for, if, …) rather than from operands and clauses.
    public var special: Bool
    /// Help topic: setup, meetings, business, queries, scripting, session.
    public var topic: String
    /// One line saying what it does.
    public var summary: String
    /// Worked examples.
    public var examples: [String]
    /// The synopsis as help shows it, when the grammar alone does not say it all.
    public var customSynopsis: String?

    /// Whether the command changes the register (and so is written to the audit trail).
    public var changes: Bool {
        switch verb {
        case .list, .count, .show, .outstanding, .agendaNext, .agendaMeeting, .minutes, .strategy, .calendar,
             .history, .reportAgenda, .reportRegister, .setFormat, .setTimer, .help, .quit, .echo, .assert:
            return false
        default:
            return true
        }
    }

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
