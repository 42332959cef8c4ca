/// A delivery plan created at a TT&CG, serving a priority or an escalation (R6).
public struct Plan: Hashable, Sendable {
    /// Active, completed or closed.
    public enum Status: CaseIterable, Sendable { case active, completed, closed }

    /// `DP-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// Title.
    public var title: String
    /// The priority or escalation it serves.
    public var serves: RecordID?
    /// Plan owner (person number).
    public var owner: Int
    /// Start date.
    public var start: Day?
    /// Review date.
    public var review: Day?
    /// The TT&CG that created it.
    public var meeting: Int
    /// Status.
    public var status: Status = .active
    /// Result or reason on completion or closing.
    public var note: String?
    /// What the plan sets out to achieve, against which it is reviewed.
    public var objectives: String?
    /// Its reviews at TT&CGs, oldest first (`review plan`).
    public var reviews: [PlanReview] = []
    /// Changes to its fields after it was made, oldest first (R13).
    public var amendments: [Amendment] = []

    /// Creates a plan.
    public init(number: Int, title: String, serves: RecordID?, owner: Int, start: Day?, review: Day?, meeting: Int) {
        self.number = number
        self.title = title
        self.serves = serves
        self.owner = owner
        self.start = start
        self.review = review
        self.meeting = meeting
    }

    /// The plan's id.
    public var id: RecordID { RecordID(.plan, number) }
}

/// A TT&CG's review of a delivery plan against its objectives (`review plan`), kept on the plan.
public struct PlanReview: Hashable, Sendable {
    /// How far the plan has met its objectives.
    public enum Outcome: CaseIterable, Sendable { case met, partly, notMet }

    /// The TT&CG's date.
    public var date: Day
    /// The TT&CG that reviewed it.
    public var meeting: Int
    /// How far the objectives are met.
    public var outcome: Outcome
    /// What the group found.
    public var note: String
    /// The next review date it set (nil: none).
    public var next: Day?

    /// Creates a review.
    public init(date: Day, meeting: Int, outcome: Outcome, note: String, next: Day?) {
        self.date = date
        self.meeting = meeting
        self.outcome = outcome
        self.note = note
        self.next = next
    }
}
