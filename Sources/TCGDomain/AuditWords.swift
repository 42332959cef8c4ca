// The words the register writes for its values in the audit trail's change lines ("A-5 status
// open -> done"). The trail is hash-chained and kept for good, so these never change; they are
// the register's own and are not how the language or the workspace file name the values.

extension Unit.Kind {
    /// The word in audit lines.
    var auditWord: String {
        switch self {
        case .force: return "force"
        case .bcu: return "bcu"
        case .partnership: return "partnership"
        }
    }
}

extension Person.Status {
    /// The word in audit lines.
    var auditWord: String {
        switch self {
        case .active: return "active"
        case .left: return "left"
        }
    }
}

extension Marking {
    /// The word in audit lines.
    var auditWord: String {
        switch self {
        case .official: return "OFFICIAL"
        case .officialSensitive: return "OFFICIAL-SENSITIVE"
        }
    }
}

extension Meeting.Kind {
    /// The word in audit lines.
    var auditWord: String {
        switch self {
        case .stcg: return "stcg"
        case .ttcg: return "ttcg"
        case .ium: return "ium"
        case .dmm: return "dmm"
        case .psg: return "psg"
        }
    }
}

extension Meeting.Status {
    /// The word in audit lines.
    var auditWord: String {
        switch self {
        case .planned: return "planned"
        case .open: return "open"
        case .closed: return "closed"
        }
    }
}

extension Requirement.Level {
    /// The word in audit lines.
    var auditWord: String {
        switch self {
        case .strategic: return "strategic"
        case .tactical: return "tactical"
        }
    }
}

extension Requirement.Status {
    /// The word in audit lines.
    var auditWord: String {
        switch self {
        case .open: return "open"
        case .answered: return "answered"
        case .withdrawn: return "withdrawn"
        }
    }
}

extension Escalation.Status {
    /// The word in audit lines.
    var auditWord: String {
        switch self {
        case .open: return "open"
        case .accepted: return "accepted"
        case .declined: return "declined"
        }
    }
}

extension Product.Kind {
    /// The word in audit lines.
    var auditWord: String {
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

extension Plan.Status {
    /// The word in audit lines.
    var auditWord: String {
        switch self {
        case .active: return "active"
        case .completed: return "completed"
        case .closed: return "closed"
        }
    }
}

extension Review.Scope {
    /// The word in audit lines.
    var auditWord: String {
        switch self {
        case .all: return "all"
        case .tacticalPerformance: return "tactical-performance"
        case .crimeImpact: return "crime-impact"
        case .partnership: return "partnership"
        }
    }
}

extension Amendment.Field {
    /// The word in audit lines (the field's name in the language).
    var auditWord: String {
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

extension PlanReview.Outcome {
    /// The word in audit lines.
    var auditWord: String {
        switch self {
        case .met: return "met"
        case .partly: return "partly"
        case .notMet: return "not-met"
        }
    }
}
