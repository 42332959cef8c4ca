import TCGDomain

// How domain values are written in prose: titles, messages and report headings.

extension Meeting.Kind {
    /// How the kind is written in prose ("ST&CG").
    public var title: String {
        switch self {
        case .stcg: return "ST&CG"
        case .ttcg: return "TT&CG"
        case .ium: return "IUM"
        case .dmm: return "DMM"
        case .psg: return "PSG"
        }
    }

    /// "an ST&CG", "a TT&CG".
    public var withArticle: String {
        switch self {
        case .stcg: return "an ST&CG"
        case .ttcg: return "a TT&CG"
        case .ium: return "an IUM"
        case .dmm: return "a DMM"
        case .psg: return "a PSG"
        }
    }
}

extension RecordKind {
    /// A word for the record kind in messages ("delivery plan").
    public var noun: String {
        switch self {
        case .person: return "person"
        case .meeting: return "meeting"
        case .product: return "product"
        case .priority: return "priority"
        case .candidate: return "candidate"
        case .requirement: return "intelligence requirement"
        case .commission: return "commission"
        case .plan: return "delivery plan"
        case .action: return "action"
        case .decision: return "decision"
        case .escalation: return "escalation"
        case .review: return "operational review"
        }
    }
}
