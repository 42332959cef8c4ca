/// An operational review of a delivery plan, commissioned with objectives and scope (R7).
public struct Review: Hashable, Sendable {
    /// What the review looks at.
    public enum Scope: CaseIterable, Sendable {
        case all
        case tacticalPerformance
        case crimeImpact
        case partnership
    }
    /// Commissioned until its findings are recorded.
    public enum Status: CaseIterable, Sendable { case commissioned, completed }

    /// `R-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// Title.
    public var title: String
    /// The plan reviewed.
    public var plan: Int
    /// Objectives.
    public var objectives: String
    /// Scope.
    public var scope: Scope
    /// The TT&CG that commissioned it.
    public var meeting: Int
    /// Status.
    public var status: Status = .commissioned
    /// True when commissioned after the plan started (R7).
    public var late: Bool = false
    /// Findings: lessons.
    public var lessons: String?
    /// Findings: good practice.
    public var goodPractice: String?
    /// Findings: conclusions.
    public var conclusions: String?
    /// Findings: recommendations.
    public var recommendations: String?

    /// Creates a review.
    public init(number: Int, title: String, plan: Int, objectives: String, scope: Scope, meeting: Int) {
        self.number = number
        self.title = title
        self.plan = plan
        self.objectives = objectives
        self.scope = scope
        self.meeting = meeting
    }

    /// The review's id.
    public var id: RecordID { RecordID(.review, number) }
}
