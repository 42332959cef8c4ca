import TCGDomain

/// A domain value that the language writes as one keyword: the word a statement gives and a
/// query prints. The tables below are the language's own; the workspace file names the same
/// values in its own table (TCGStore's `WorkspaceNames`), so renaming a keyword is a change here only.
public protocol Keyword: CaseIterable, Equatable {
    /// The word the language accepts and prints for the value.
    var keyword: String { get }
}

extension Keyword {
    /// The value whose keyword is exactly `keyword` (keywords are lower case), or nil.
    public init?(keyword: String) {
        guard let value = Self.allCases.first(where: { $0.keyword == keyword }) else { return nil }
        self = value
    }

    /// Every value's keyword, in declaration order.
    public static var keywords: [String] { allCases.map(\.keyword) }
}

extension Unit.Kind: Keyword {
    /// `force`, `bcu`, `partnership`.
    public var keyword: String {
        switch self {
        case .force: return "force"
        case .bcu: return "bcu"
        case .partnership: return "partnership"
        }
    }
}

extension Candidate.Status: Keyword {
    /// `proposed`, `adopted`, `rejected`.
    public var keyword: String {
        switch self {
        case .proposed: return "proposed"
        case .adopted: return "adopted"
        case .rejected: return "rejected"
        }
    }
}

extension Score.Confidence: Keyword {
    /// `low`, `medium`, `high`.
    public var keyword: String {
        switch self {
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        }
    }
}

extension Person.Status: Keyword {
    /// `active`, `left`.
    public var keyword: String {
        switch self {
        case .active: return "active"
        case .left: return "left"
        }
    }
}

extension Meeting.Kind: Keyword {
    /// `stcg`, `ttcg`, `ium`, `dmm`, `psg`.
    public var keyword: String {
        switch self {
        case .stcg: return "stcg"
        case .ttcg: return "ttcg"
        case .ium: return "ium"
        case .dmm: return "dmm"
        case .psg: return "psg"
        }
    }
}

extension Meeting.Status: Keyword {
    /// `planned`, `open`, `closed`.
    public var keyword: String {
        switch self {
        case .planned: return "planned"
        case .open: return "open"
        case .closed: return "closed"
        }
    }
}

extension Product.Kind: Keyword {
    /// `strategic-assessment`, …, `other`.
    public var keyword: String {
        switch self {
        case .strategicAssessment: return "strategic-assessment"
        case .tacticalAssessment: return "tactical-assessment"
        case .problemProfile: return "problem-profile"
        case .subjectProfile: return "subject-profile"
        case .resultsAnalysis: return "results-analysis"
        case .other: return "other"
        }
    }
}

extension Product.Status: Keyword {
    /// `draft`, `presented`.
    public var keyword: String {
        switch self {
        case .draft: return "draft"
        case .presented: return "presented"
        }
    }
}

extension Priority.Status: Keyword {
    /// `active`, `retired`.
    public var keyword: String {
        switch self {
        case .active: return "active"
        case .retired: return "retired"
        }
    }
}

extension Requirement.Level: Keyword {
    /// `strategic`, `tactical`.
    public var keyword: String {
        switch self {
        case .strategic: return "strategic"
        case .tactical: return "tactical"
        }
    }
}

extension Requirement.Status: Keyword {
    /// `open`, `answered`, `withdrawn`.
    public var keyword: String {
        switch self {
        case .open: return "open"
        case .answered: return "answered"
        case .withdrawn: return "withdrawn"
        }
    }
}

extension Commission.Status: Keyword {
    /// `commissioned`, `delivered`, `cancelled`.
    public var keyword: String {
        switch self {
        case .commissioned: return "commissioned"
        case .delivered: return "delivered"
        case .cancelled: return "cancelled"
        }
    }
}

extension Plan.Status: Keyword {
    /// `active`, `completed`, `closed`.
    public var keyword: String {
        switch self {
        case .active: return "active"
        case .completed: return "completed"
        case .closed: return "closed"
        }
    }
}

extension Action.PIER: Keyword {
    /// `prevention`, `intelligence`, `enforcement`, `reassurance`.
    public var keyword: String {
        switch self {
        case .prevention: return "prevention"
        case .intelligence: return "intelligence"
        case .enforcement: return "enforcement"
        case .reassurance: return "reassurance"
        }
    }
}

extension Action.Status: Keyword {
    /// `open`, `done`, `cancelled`.
    public var keyword: String {
        switch self {
        case .open: return "open"
        case .done: return "done"
        case .cancelled: return "cancelled"
        }
    }
}

extension Escalation.Status: Keyword {
    /// `open`, `accepted`, `declined`.
    public var keyword: String {
        switch self {
        case .open: return "open"
        case .accepted: return "accepted"
        case .declined: return "declined"
        }
    }
}

extension Review.Scope: Keyword {
    /// `all`, `tactical-performance`, `crime-impact`, `partnership`.
    public var keyword: String {
        switch self {
        case .all: return "all"
        case .tacticalPerformance: return "tactical-performance"
        case .crimeImpact: return "crime-impact"
        case .partnership: return "partnership"
        }
    }
}

extension Review.Status: Keyword {
    /// `commissioned`, `completed`.
    public var keyword: String {
        switch self {
        case .commissioned: return "commissioned"
        case .completed: return "completed"
        }
    }
}

extension CalendarEntry.Status: Keyword {
    /// `ok`, `due`, `overdue`, `never-met`.
    public var keyword: String {
        switch self {
        case .ok: return "ok"
        case .due: return "due"
        case .overdue: return "overdue"
        case .never: return "never-met"
        }
    }
}

extension Marking: Keyword {
    /// `official`, `official-sensitive`: the word `mark` and `--max-marking` take.
    public var keyword: String {
        switch self {
        case .official: return "official"
        case .officialSensitive: return "official-sensitive"
        }
    }

    /// `OFFICIAL`, `OFFICIAL-SENSITIVE`: how a marking is shown in output and messages.
    public var label: String {
        switch self {
        case .official: return "OFFICIAL"
        case .officialSensitive: return "OFFICIAL-SENSITIVE"
        }
    }

    /// The marking whose keyword or label is `word`, in any case (`official`, `OFFICIAL-SENSITIVE`).
    public init?(word: String) {
        self.init(keyword: word.lowercased())
    }

    /// The marking shown as exactly `label` (`OFFICIAL`), or nil.
    init?(label: String) {
        guard let m = Marking.allCases.first(where: { $0.label == label }) else { return nil }
        self = m
    }
}

extension RecordKind {
    /// The plural used as a query KIND (`actions`, `people`).
    public var plural: String {
        switch self {
        case .person: return "people"
        case .meeting: return "meetings"
        case .product: return "products"
        case .priority: return "priorities"
        case .candidate: return "candidates"
        case .requirement: return "requirements"
        case .commission: return "commissions"
        case .plan: return "plans"
        case .action: return "actions"
        case .decision: return "decisions"
        case .escalation: return "escalations"
        case .review: return "reviews"
        }
    }
}

extension Amendment.Field: Keyword {
    /// `title`, `due`, `owner`, `assignee`, `review`, `objectives`, `question`, `name`, `role`, `unit`.
    public var keyword: String {
        switch self {
        case .title: return "title"
        case .due: return "due"
        case .owner: return "owner"
        case .assignee: return "assignee"
        case .review: return "review"
        case .objectives: return "objectives"
        case .question: return "question"
        case .name: return "name"
        case .role: return "role"
        case .unit: return "unit"
        }
    }
}

extension PlanReview.Outcome: Keyword {
    /// `met`, `partly`, `not-met`.
    public var keyword: String {
        switch self {
        case .met: return "met"
        case .partly: return "partly"
        case .notMet: return "not-met"
        }
    }
}
