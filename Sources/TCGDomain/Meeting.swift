/// A tasking and coordination meeting, or an IUM or DMM.
public struct Meeting: Hashable, Sendable {
    /// The kinds of meeting.
    public enum Kind: String, CaseIterable, Sendable {
        case stcg, ttcg, ium, dmm
        /// How the kind is written in prose ("ST&CG").
        public var title: String {
            switch self {
            case .stcg: return "ST&CG"
            case .ttcg: return "TT&CG"
            case .ium: return "IUM"
            case .dmm: return "DMM"
            }
        }
        /// "an ST&CG", "a TT&CG".
        public var withArticle: String {
            switch self {
            case .stcg: return "an ST&CG"
            case .ttcg: return "a TT&CG"
            case .ium: return "an IUM"
            case .dmm: return "a DMM"
            }
        }
    }
    /// Planned, open or closed (R10).
    public enum Status: String, CaseIterable, Sendable { case planned, open, closed }

    /// `M-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// ST&CG, TT&CG, IUM or DMM.
    public var kind: Kind
    /// The unit whose meeting this is.
    public var unit: String?
    /// The date it meets.
    public var date: Day
    /// Chair (person number).
    public var chair: Int?
    /// Optional title.
    public var title: String?
    /// Attendees (person numbers), in the order recorded.
    public var attendees: [Int] = []
    /// Partners present (person numbers).
    public var partners: [Int] = []
    /// Planned, open or closed.
    public var status: Status = .planned

    /// Creates a meeting.
    public init(number: Int, kind: Kind, unit: String?, date: Day, chair: Int?, title: String?) {
        self.number = number
        self.kind = kind
        self.unit = unit
        self.date = date
        self.chair = chair
        self.title = title
    }

    /// The meeting's id.
    public var id: RecordID { RecordID(.meeting, number) }
}
