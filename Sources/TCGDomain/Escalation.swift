/// An item escalated from a unit to its parent (R12).
public struct Escalation: Hashable, Sendable {
    /// What is escalated: a record or a free-text matter.
    public enum Subject: Hashable, Sendable {
        case record(RecordID)
        case text(String)
    }
    /// Open until accepted or declined.
    public enum Status: CaseIterable, Sendable { case open, accepted, declined }

    /// `E-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// What is escalated.
    public var subject: Subject
    /// The unit escalating.
    public var from: String
    /// The parent unit it goes to.
    public var to: String
    /// Why.
    public var rationale: String
    /// The meeting that escalated it.
    public var meeting: Int
    /// Status.
    public var status: Status = .open
    /// The meeting that accepted or declined it.
    public var decidedAt: Int?
    /// Why it was declined.
    public var declineRationale: String?

    /// Creates an escalation.
    public init(number: Int, subject: Subject, from: String, to: String, rationale: String, meeting: Int) {
        self.number = number
        self.subject = subject
        self.from = from
        self.to = to
        self.rationale = rationale
        self.meeting = meeting
    }

    /// The escalation's id.
    public var id: RecordID { RecordID(.escalation, number) }
}
