/// A decision recorded at a meeting with its rationale; immutable once made (R5).
public struct Decision: Hashable, Sendable {
    /// `D-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// The meeting it was made at.
    public var meeting: Int
    /// What was decided.
    public var text: String
    /// Why.
    public var rationale: String?
    /// The records it concerns.
    public var about: [RecordID]
    /// The decision it corrects.
    public var supersedes: Int?
    /// The decision that corrected it (set when superseded; the text never changes).
    public var supersededBy: Int?

    /// Creates a decision.
    public init(number: Int, meeting: Int, text: String, rationale: String?, about: [RecordID], supersedes: Int?) {
        self.number = number
        self.meeting = meeting
        self.text = text
        self.rationale = rationale
        self.about = about
        self.supersedes = supersedes
    }

    /// The decision's id.
    public var id: RecordID { RecordID(.decision, number) }
}
