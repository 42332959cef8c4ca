import TCGDomain

// The strings the workspace file uses for the domain's values (docs/workspace.md,
// docs/workspace.schema.json). They are the file format's own: the language's keywords and the
// register's audit words are kept apart, so that renaming one of those never changes a file.
// Every table is a switch, so the compiler checks each covers every case.

/// A domain value that the workspace file writes as one string.
protocol WorkspaceNamed: CaseIterable, Equatable {
    /// The string the file uses for the value.
    var workspaceName: String { get }
}

extension WorkspaceNamed {
    /// The value the file writes as exactly `name`, or nil.
    init?(workspaceName name: String) {
        guard let value = Self.allCases.first(where: { $0.workspaceName == name }) else { return nil }
        self = value
    }

    /// Every value's name, in declaration order (the order the schema lists them).
    static var workspaceNames: [String] { allCases.map(\.workspaceName) }
}

extension Unit.Kind: WorkspaceNamed {
    /// In units' `kind`.
    var workspaceName: String {
        switch self {
        case .force: return "force"
        case .bcu: return "bcu"
        case .partnership: return "partnership"
        }
    }
}

extension Candidate.Status: WorkspaceNamed {
    /// In candidates' `status`.
    var workspaceName: String {
        switch self {
        case .proposed: return "proposed"
        case .adopted: return "adopted"
        case .rejected: return "rejected"
        }
    }
}

extension Score.Confidence: WorkspaceNamed {
    /// In scores' `confidence`.
    var workspaceName: String {
        switch self {
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        }
    }
}

extension Person.Status: WorkspaceNamed {
    /// In people's `status`.
    var workspaceName: String {
        switch self {
        case .active: return "active"
        case .left: return "left"
        }
    }
}

extension Marking: WorkspaceNamed {
    /// In every record's `marking`.
    var workspaceName: String {
        switch self {
        case .official: return "OFFICIAL"
        case .officialSensitive: return "OFFICIAL-SENSITIVE"
        }
    }
}

extension Meeting.Kind: WorkspaceNamed {
    /// In meetings' `kind`.
    var workspaceName: String {
        switch self {
        case .stcg: return "stcg"
        case .ttcg: return "ttcg"
        case .ium: return "ium"
        case .dmm: return "dmm"
        case .psg: return "psg"
        }
    }
}

extension Meeting.Status: WorkspaceNamed {
    /// In meetings' `status`.
    var workspaceName: String {
        switch self {
        case .planned: return "planned"
        case .open: return "open"
        case .closed: return "closed"
        }
    }
}

extension Product.Kind: WorkspaceNamed {
    /// In products' `kind` and commissions' `product`.
    var workspaceName: String {
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

extension Product.Status: WorkspaceNamed {
    /// In products' `status`.
    var workspaceName: String {
        switch self {
        case .draft: return "draft"
        case .presented: return "presented"
        }
    }
}

extension Priority.Status: WorkspaceNamed {
    /// In priorities' `status`.
    var workspaceName: String {
        switch self {
        case .active: return "active"
        case .retired: return "retired"
        }
    }
}

extension Requirement.Level: WorkspaceNamed {
    /// In requirements' `level`.
    var workspaceName: String {
        switch self {
        case .strategic: return "strategic"
        case .tactical: return "tactical"
        }
    }
}

extension Requirement.Status: WorkspaceNamed {
    /// In requirements' `status`.
    var workspaceName: String {
        switch self {
        case .open: return "open"
        case .answered: return "answered"
        case .withdrawn: return "withdrawn"
        }
    }
}

extension Commission.Status: WorkspaceNamed {
    /// In commissions' `status`.
    var workspaceName: String {
        switch self {
        case .commissioned: return "commissioned"
        case .delivered: return "delivered"
        case .cancelled: return "cancelled"
        }
    }
}

extension Plan.Status: WorkspaceNamed {
    /// In plans' `status`.
    var workspaceName: String {
        switch self {
        case .active: return "active"
        case .completed: return "completed"
        case .closed: return "closed"
        }
    }
}

extension Action.PIER: WorkspaceNamed {
    /// In actions' `type`.
    var workspaceName: String {
        switch self {
        case .prevention: return "prevention"
        case .intelligence: return "intelligence"
        case .enforcement: return "enforcement"
        case .reassurance: return "reassurance"
        }
    }
}

extension Action.Status: WorkspaceNamed {
    /// In actions' `status`.
    var workspaceName: String {
        switch self {
        case .open: return "open"
        case .done: return "done"
        case .cancelled: return "cancelled"
        }
    }
}

extension Escalation.Status: WorkspaceNamed {
    /// In escalations' `status`.
    var workspaceName: String {
        switch self {
        case .open: return "open"
        case .accepted: return "accepted"
        case .declined: return "declined"
        }
    }
}

extension Review.Scope: WorkspaceNamed {
    /// In reviews' `scope`.
    var workspaceName: String {
        switch self {
        case .all: return "all"
        case .tacticalPerformance: return "tactical-performance"
        case .crimeImpact: return "crime-impact"
        case .partnership: return "partnership"
        }
    }
}

extension Review.Status: WorkspaceNamed {
    /// In reviews' `status`.
    var workspaceName: String {
        switch self {
        case .commissioned: return "commissioned"
        case .completed: return "completed"
        }
    }
}

extension RecordKind {
    /// The top-level array holding records of the kind (`actions`).
    var arrayName: String {
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

    /// The kind's key in `last_ids` (`A`), the same letters as its ids' prefix.
    var lastIDKey: String {
        switch self {
        case .person: return "PE"
        case .meeting: return "M"
        case .product: return "AS"
        case .priority: return "P"
        case .candidate: return "X"
        case .requirement: return "IR"
        case .commission: return "C"
        case .plan: return "DP"
        case .action: return "A"
        case .decision: return "D"
        case .escalation: return "E"
        case .review: return "R"
        }
    }

    /// The kind whose `last_ids` key is exactly `key`, or nil.
    init?(lastIDKey key: String) {
        guard let kind = RecordKind.allCases.first(where: { $0.lastIDKey == key }) else { return nil }
        self = kind
    }
}

extension Amendment.Field: WorkspaceNamed {
    /// In amendments' `field`.
    var workspaceName: String {
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

extension PlanReview.Outcome: WorkspaceNamed {
    /// In plan reviews' `outcome`.
    var workspaceName: String {
        switch self {
        case .met: return "met"
        case .partly: return "partly"
        case .notMet: return "not-met"
        }
    }
}
