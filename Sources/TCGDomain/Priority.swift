/// An operational priority of the control strategy, set at an ST&CG (R1–R3).
public struct Priority: Hashable, Sendable {
    /// Active until retired.
    public enum Status: CaseIterable, Sendable { case active, retired }

    /// `P-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// Title.
    public var title: String
    /// Owner (person number), responsible for its delivery plan (R2).
    public var owner: Int
    /// Why it is included (R3).
    public var rationale: String
    /// The unit whose control strategy it belongs to.
    public var unit: String?
    /// The ST&CG that set it.
    public var meeting: Int
    /// Active or retired.
    public var status: Status = .active
    /// Why it was retired.
    public var retiredRationale: String?
    /// The ST&CG that retired it.
    public var retiredAt: Int?
    /// The PIER strands its delivery is to cover, in PIER order (none given: empty). A strand
    /// listed here with no actions is a gap that `performance` shows.
    public var strands: [Action.PIER] = []

    /// Creates a priority.
    public init(number: Int, title: String, owner: Int, rationale: String, unit: String?, meeting: Int) {
        self.number = number
        self.title = title
        self.owner = owner
        self.rationale = rationale
        self.unit = unit
        self.meeting = meeting
    }

    /// The priority's id.
    public var id: RecordID { RecordID(.priority, number) }
}

/// A candidate considered for the control strategy and not included, with why (R3).
public struct Candidate: Hashable, Sendable {
    /// `X-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// Title.
    public var title: String
    /// Why it was not included.
    public var rationale: String
    /// The ST&CG that considered it.
    public var meeting: Int

    /// Creates a rejected candidate.
    public init(number: Int, title: String, rationale: String, meeting: Int) {
        self.number = number
        self.title = title
        self.rationale = rationale
        self.meeting = meeting
    }

    /// The candidate's id.
    public var id: RecordID { RecordID(.candidate, number) }
}
