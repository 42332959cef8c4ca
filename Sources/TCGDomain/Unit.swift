/// A force, a basic command unit (BCU) or a partnership, named by one word.
public struct Unit: Hashable, Sendable {
    /// Whether a unit is a force, a BCU, or a crime and disorder partnership (police and partner
    /// agencies, whose strategic group is the PSG).
    public enum Kind: CaseIterable, Sendable { case force, bcu, partnership }
    /// The unit's name word, unique case-insensitively.
    public var name: String
    /// Force or BCU.
    public var kind: Kind
    /// The parent unit's name (a BCU's force), if any.
    public var parent: String?
    /// ST&CG frequency from the T&C policy (R9).
    public var stcgEvery: Duration?
    /// TT&CG frequency from the T&C policy (R9).
    public var ttcgEvery: Duration?
    /// PSG frequency from the T&C policy (R9), when set; a partnership's default is `psgDefault`.
    public var psgEvery: Duration?

    /// How often a partnership's PSG meets when its policy does not say: every quarter.
    public static let psgDefault = Duration(count: 3, unit: .months)

    /// Creates a unit.
    public init(name: String, kind: Kind, parent: String? = nil) {
        self.name = name
        self.kind = kind
        self.parent = parent
    }

    /// How often the T&C policy says a group of this unit meets (R9): what `set policy` gave, or
    /// for a partnership's PSG the quarterly default; nil for groups the policy leaves out.
    public func every(_ group: Meeting.Kind) -> Duration? {
        switch group {
        case .stcg: return stcgEvery
        case .ttcg: return ttcgEvery
        case .psg: return psgEvery ?? (kind == .partnership ? Unit.psgDefault : nil)
        case .ium, .dmm: return nil
        }
    }
}
