/// An intelligence requirement: a question that fills a gap in knowledge (R4).
public struct Requirement: Hashable, Sendable {
    /// Strategic (approved at an ST&CG) or tactical (belongs to a plan).
    public enum Level: CaseIterable, Sendable { case strategic, tactical }
    /// Open, answered or withdrawn.
    public enum Status: CaseIterable, Sendable { case open, answered, withdrawn }

    /// `IR-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// Strategic or tactical.
    public var level: Level
    /// The question.
    public var question: String
    /// The priority it serves.
    public var priority: Int?
    /// The plan it belongs to.
    public var plan: Int?
    /// The candidate (`X-n`) it was raised against: what must be known before it is decided.
    public var candidate: Int?
    /// Owner (person number).
    public var owner: Int?
    /// Open, answered or withdrawn.
    public var status: Status = .open
    /// The meeting that approved it.
    public var meeting: Int
    /// Notes from reviews, oldest first.
    public var notes: [Note] = []
    /// Changes to its fields after it was made, oldest first (R13).
    public var amendments: [Amendment] = []

    /// Creates a requirement.
    public init(number: Int, level: Level, question: String, priority: Int?, plan: Int?, owner: Int?, meeting: Int) {
        self.number = number
        self.level = level
        self.question = question
        self.priority = priority
        self.plan = plan
        self.owner = owner
        self.meeting = meeting
    }

    /// The requirement's id.
    public var id: RecordID { RecordID(.requirement, number) }
}

/// A dated note: progress on an action, or a requirement's review.
public struct Note: Hashable, Sendable {
    /// The register's date when it was written.
    public var date: Day
    /// The text.
    public var text: String
    /// The meeting it was recorded at, if any.
    public var meeting: Int?

    /// Creates a note.
    public init(date: Day, text: String, meeting: Int? = nil) {
        self.date = date
        self.text = text
        self.meeting = meeting
    }
}
