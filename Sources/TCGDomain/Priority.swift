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
    /// The candidate it was adopted from (`adopt X-n`), if any.
    public var from: Int?
    /// Its scores, oldest first (rescoring keeps the history).
    public var scores: [Score] = []

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

/// A candidate for the control strategy (R3): proposed (usually from a strategic assessment's
/// recommendations), scored, then adopted as a priority or rejected with why at an ST&CG or PSG.
/// Candidates recorded only as rejected (`reject candidate "TITLE"`) start and stay rejected.
public struct Candidate: Hashable, Sendable {
    /// Proposed until adopted or rejected.
    public enum Status: CaseIterable, Sendable { case proposed, adopted, rejected }

    /// `X-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// Title.
    public var title: String
    /// Why it was rejected, or adopted (nil while proposed).
    public var rationale: String?
    /// The ST&CG or PSG that adopted or rejected it (nil while proposed).
    public var meeting: Int?
    /// Proposed, adopted or rejected.
    public var status: Status = .rejected
    /// The unit whose control strategy it is proposed for, when given (else the deciding meeting's).
    public var unit: String?
    /// The product (`AS-n`) that recommended it.
    public var from: Int?
    /// The priority it became when adopted.
    public var adoptedAs: Int?
    /// Its scores, oldest first (rescoring keeps the history).
    public var scores: [Score] = []

    /// Creates a rejected candidate.
    public init(number: Int, title: String, rationale: String, meeting: Int) {
        self.number = number
        self.title = title
        self.rationale = rationale
        self.meeting = meeting
    }

    /// Creates a proposed candidate.
    public init(number: Int, title: String, unit: String?, from: Int?) {
        self.number = number
        self.title = title
        self.status = .proposed
        self.unit = unit
        self.from = from
    }

    /// The candidate's id.
    public var id: RecordID { RecordID(.candidate, number) }
}
