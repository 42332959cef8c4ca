/// The kinds of record the register assigns ids to, with their id prefixes.
public enum RecordKind: CaseIterable, Sendable, Hashable {
    case person, meeting, product, priority, candidate, requirement, commission, plan, action, decision,
         escalation, review

    /// The id prefix, e.g. `DP`.
    public var prefix: String {
        switch self {
        case .person: return "PE"
        case .meeting: return "M"
        case .product: return "AS"
        case .priority: return "P"
        case .candidate: return "X"
        case .requirement: return "IR"
        case .commission: return "C"
        case .plan: return "DP"
        case .action: return "A"
        case .decision: return "D"
        case .escalation: return "E"
        case .review: return "R"
        }
    }

    /// The kind whose prefix is exactly these bytes (upper case, as ids are written).
    public init?(exactPrefix bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 1 || bytes.count == 2 else { return nil }
        self.init(count: bytes.count, bytes[0], bytes.count == 2 ? bytes[1] : 0)
    }

    /// The kind with an upper-case ASCII prefix of `count` letters (1 or 2): `first`, `second`.
    init?(count: Int, _ first: UInt8, _ second: UInt8) {
        switch (count, first, second) {
        case (2, UInt8(ascii: "P"), UInt8(ascii: "E")): self = .person
        case (1, UInt8(ascii: "M"), _): self = .meeting
        case (2, UInt8(ascii: "A"), UInt8(ascii: "S")): self = .product
        case (1, UInt8(ascii: "P"), _): self = .priority
        case (1, UInt8(ascii: "X"), _): self = .candidate
        case (2, UInt8(ascii: "I"), UInt8(ascii: "R")): self = .requirement
        case (1, UInt8(ascii: "C"), _): self = .commission
        case (2, UInt8(ascii: "D"), UInt8(ascii: "P")): self = .plan
        case (1, UInt8(ascii: "A"), _): self = .action
        case (1, UInt8(ascii: "D"), _): self = .decision
        case (1, UInt8(ascii: "E"), _): self = .escalation
        case (1, UInt8(ascii: "R"), _): self = .review
        default: return nil
        }
    }

    /// The kind with the given prefix (case-insensitive).
    public init?(prefix: Substring) {
        guard prefix.utf8.count <= 2 else { return nil }
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

    /// Parses `PREFIX-n` (prefix case-insensitive); nil otherwise. Works on bytes: it runs for every word a script has.
    public init?(_ text: Substring) {
        var letters = 0, first: UInt8 = 0, second: UInt8 = 0
        var number = 0, digits = 0, sawDash = false
        for b in text.utf8 {
            if !sawDash {
                if b == UInt8(ascii: "-") {
                    sawDash = true
                    continue
                }
                let upper = b & ~0x20
                guard letters < 2, upper >= 65, upper <= 90 else { return nil }
                if letters == 0 { first = upper } else { second = upper }
                letters += 1
            } else {
                guard b >= 48, b <= 57, digits < 9 else { return nil }
                number = number * 10 + Int(b - 48)
                digits += 1
            }
        }
        guard sawDash, digits > 0, number > 0, let kind = RecordKind(count: letters, first, second) else { return nil }
        self.init(kind, number)
    }

    /// Parses `PREFIX-n`.
    public init?(_ text: String) { self.init(Substring(text)) }

    /// `DP-12`.
    public var description: String { "\(kind.prefix)-\(number)" }

    /// Appends `PREFIX-NUMBER` to `out`.
    public func append(to out: inout [UInt8]) {
        out.append(contentsOf: kind.prefix.utf8)
        out.append(UInt8(ascii: "-"))
        DecimalText.append(number, to: &out)
    }

    public static func < (a: RecordID, b: RecordID) -> Bool {
        a.kind == b.kind ? a.number < b.number : a.kind.prefix < b.kind.prefix
    }
}
