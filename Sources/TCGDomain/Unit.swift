/// A force or a basic command unit (BCU), named by one word.
public struct Unit: Hashable, Sendable {
    /// Whether a unit is a force or a BCU.
    public enum Kind: CaseIterable, Sendable { case force, bcu }
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

    /// Creates a unit.
    public init(name: String, kind: Kind, parent: String? = nil) {
        self.name = name
        self.kind = kind
        self.parent = parent
    }
}
