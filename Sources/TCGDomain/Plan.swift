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
