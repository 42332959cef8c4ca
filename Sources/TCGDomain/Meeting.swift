/// A tasking and coordination meeting (ST&CG, TT&CG, or a partnership's PSG), or an IUM or DMM.
public struct Meeting: Hashable, Sendable {
    /// The kinds of meeting.
    public enum Kind: CaseIterable, Sendable {
        /// Strategic tasking and coordination group.
        case stcg
        /// Tactical tasking and coordination group.
        case ttcg
        /// Intelligence update meeting.
        case ium
        /// Daily management meeting (not a T&C meeting, R8).
        case dmm
        /// Partnership strategic group: a partnership's ST&CG, held with its partner agencies.
        case psg
    }
    /// Planned, open or closed (R10).
    public enum Status: CaseIterable, Sendable { case planned, open, closed }

    /// `M-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// ST&CG, TT&CG, IUM, DMM or PSG.
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
