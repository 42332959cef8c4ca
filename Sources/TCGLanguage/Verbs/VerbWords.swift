import TCGDomain

/// The choices commands offer, each a keyword table (``Keyword``) turned into word → value pairs.
enum VerbWords {
    static func table<E: Keyword & Sendable>(_: E.Type) -> [(word: String, value: E)] {
        E.allCases.map { ($0.keyword, $0) }
    }

    static var unitKinds: [(word: String, value: Unit.Kind)] { table(Unit.Kind.self) }
    static var personStatuses: [(word: String, value: Person.Status)] { table(Person.Status.self) }
    static var meetingKinds: [(word: String, value: Meeting.Kind)] { table(Meeting.Kind.self) }
    static var levels: [(word: String, value: Requirement.Level)] { table(Requirement.Level.self) }
    static var requirementStatuses: [(word: String, value: Requirement.Status)] { table(Requirement.Status.self) }
    static var productKinds: [(word: String, value: Product.Kind)] { table(Product.Kind.self) }
    static var pier: [(word: String, value: Action.PIER)] { table(Action.PIER.self) }
    static var scopes: [(word: String, value: Review.Scope)] { table(Review.Scope.self) }
    static var outcomes: [(word: String, value: PlanReview.Outcome)] { table(PlanReview.Outcome.self) }
    static var confidences: [(word: String, value: Score.Confidence)] { table(Score.Confidence.self) }
    static var markings: [(word: String, value: Marking)] { table(Marking.self) }
    static var formats: [(word: String, value: OutputFormat)] { OutputFormat.allCases.map { ($0.rawValue, $0) } }
    static var expandedModes: [(word: String, value: Expanded)] { Expanded.allCases.map { ($0.rawValue, $0) } }
    static var onOff: [(word: String, value: Bool)] { [("on", true), ("off", false)] }
    static var outstandingKinds: [(word: String, value: String)] {
        ["actions", "commissions", "requirements", "reviews", "escalations"].map { ($0, $0) }
    }
}
