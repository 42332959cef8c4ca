/// An intelligence product: an assessment, profile or results analysis.
public struct Product: Hashable, Sendable {
    /// The kinds of intelligence product.
    public enum Kind: CaseIterable, Sendable {
        case strategicAssessment
        case tacticalAssessment
        case problemProfile
        case subjectProfile
        case resultsAnalysis
        case other
    }
    /// Draft until presented at a meeting.
    public enum Status: CaseIterable, Sendable { case draft, presented }

    /// `AS-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// Kind of product.
    public var kind: Kind
    /// Title.
    public var title: String
    /// Author (person number).
    public var author: Int?
    /// Date of the product.
    public var date: Day
    /// The commission it answers (`C-n` number).
    public var commission: Int?
    /// Its recommendations.
    public var recommends: String?
    /// Draft or presented.
    public var status: Status = .draft
    /// The meetings it was presented at, in the order presented: once at each meeting that
    /// considers it (the IUM that prepared it, the TT&CG it was prepared for, …).
    public var presentations: [Int] = []
    /// Changes to its fields after it was made, oldest first (R13).
    public var amendments: [Amendment] = []

    /// The meeting it was first presented at.
    public var presentedAt: Int? { presentations.first }

    /// Creates a product.
    public init(number: Int, kind: Kind, title: String, author: Int?, date: Day, commission: Int?, recommends: String?) {
        self.number = number
        self.kind = kind
        self.title = title
        self.author = author
        self.date = date
        self.commission = commission
        self.recommends = recommends
    }

    /// The product's id.
    public var id: RecordID { RecordID(.product, number) }
}
