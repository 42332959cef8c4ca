/// Analysis (or development work) commissioned at an ST&CG or TT&CG (R6).
public struct Commission: Hashable, Sendable {
    /// Commissioned until delivered or cancelled.
    public enum Status: CaseIterable, Sendable { case commissioned, delivered, cancelled }

    /// `C-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// The product kind asked for.
    public var product: Product.Kind?
    /// Title.
    public var title: String
    /// Assignee (person number).
    public var assignee: Int
    /// When it is due back.
    public var due: Day
    /// The meeting that commissioned it.
    public var meeting: Int
    /// Status.
    public var status: Status = .commissioned
    /// Delivery note, or the reason it was cancelled.
    public var note: String?
    /// Changes to its fields after it was made, oldest first (R13).
    public var amendments: [Amendment] = []

    /// Creates a commission.
    public init(number: Int, product: Product.Kind?, title: String, assignee: Int, due: Day, meeting: Int) {
        self.number = number
        self.product = product
        self.title = title
        self.assignee = assignee
        self.due = due
        self.meeting = meeting
    }

    /// The commission's id.
    public var id: RecordID { RecordID(.commission, number) }
}
