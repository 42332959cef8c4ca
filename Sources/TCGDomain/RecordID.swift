/// The kinds of record the register assigns ids to, with their id prefixes.
public enum RecordKind: String, CaseIterable, Sendable, Hashable {
    case person = "PE"
    case meeting = "M"
    case product = "AS"
    case priority = "P"
    case candidate = "X"
    case requirement = "IR"
    case commission = "C"
    case plan = "DP"
    case action = "A"
    case decision = "D"
    case escalation = "E"
    case review = "R"

    /// The id prefix, e.g. `DP`.
    public var prefix: String { rawValue }

    /// A word for the record kind in messages ("delivery plan").
    public var noun: String {
        switch self {
        case .person: return "person"
        case .meeting: return "meeting"
        case .product: return "product"
        case .priority: return "priority"
        case .candidate: return "rejected candidate"
        case .requirement: return "intelligence requirement"
        case .commission: return "commission"
        case .plan: return "delivery plan"
        case .action: return "action"
        case .decision: return "decision"
        case .escalation: return "escalation"
        case .review: return "operational review"
        }
    }

    /// The plural used as a query KIND (`actions`, `people`).
    public var plural: String {
        switch self {
        case .person: return "people"
        case .meeting: return "meetings"
        case .product: return "products"
        case .priority: return "priorities"
        case .candidate: return "candidates"
        case .requirement: return "requirements"
        case .commission: return "commissions"
        case .plan: return "plans"
        case .action: return "actions"
        case .decision: return "decisions"
        case .escalation: return "escalations"
        case .review: return "reviews"
        }
    }

    /// The kind with the given prefix (case-insensitive).
    public init?(prefix: Substring) {
        switch prefix.uppercased() {
        case "PE": self = .person
        case "M": self = .meeting
        case "AS": self = .product
        case "P": self = .priority
        case "X": self = .candidate
        case "IR": self = .requirement
        case "C": self = .commission
        case "DP": self = .plan
        case "A": self = .action
        case "D": self = .decision
        case "E": self = .escalation
        case "R": self = .review
        default: return nil
        }
    }
}

/// A record's id: its kind and number, written `DP-12`.
public struct RecordID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The kind of record.
    public var kind: RecordKind
    /// The number, from 1.
    public var number: Int

    /// Creates an id.
    public init(_ kind: RecordKind, _ number: Int) {
        self.kind = kind
        self.number = number
    }

    /// Parses `PREFIX-n` (prefix case-insensitive); nil otherwise.
    public init?(_ text: Substring) {
        guard let dash = text.firstIndex(of: "-") else { return nil }
        let digits = text[text.index(after: dash)...]
        guard let kind = RecordKind(prefix: text[..<dash]), !digits.isEmpty, digits.count <= 9,
              digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n > 0
        else { return nil }
        self.init(kind, n)
    }

    /// Parses `PREFIX-n`.
    public init?(_ text: String) { self.init(Substring(text)) }

    /// `DP-12`.
    public var description: String { "\(kind.prefix)-\(number)" }

    public static func < (a: RecordID, b: RecordID) -> Bool {
        a.kind == b.kind ? a.number < b.number : a.kind.prefix < b.kind.prefix
    }
}
