/// A PIER action tasked at a TT&CG under a delivery plan.
public struct Action: Hashable, Sendable {
    /// Prevention, intelligence, enforcement, reassurance.
    public enum PIER: CaseIterable, Sendable { case prevention, intelligence, enforcement, reassurance }
    /// Open until done or cancelled.
    public enum Status: CaseIterable, Sendable { case open, done, cancelled }

    /// `A-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// PIER type.
    public var type: PIER
    /// Title.
    public var title: String
    /// The plan it belongs to.
    public var plan: Int
    /// Owner (person number).
    public var owner: Int
    /// Due date.
    public var due: Day
    /// The meeting that tasked it.
    public var meeting: Int
    /// Status.
    public var status: Status = .open
    /// Result when done, or the reason when cancelled.
    public var result: String?
    /// Progress notes, oldest first.
    public var progress: [Note] = []
    /// Changes to its fields after it was made, oldest first (R13).
    public var amendments: [Amendment] = []

    /// Creates an action.
    public init(number: Int, type: PIER, title: String, plan: Int, owner: Int, due: Day, meeting: Int) {
        self.number = number
        self.type = type
        self.title = title
        self.plan = plan
        self.owner = owner
        self.due = due
        self.meeting = meeting
    }

    /// The action's id.
    public var id: RecordID { RecordID(.action, number) }
}
