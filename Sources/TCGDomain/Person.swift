/// Someone the register knows: police staff or a partner agency's representative (R11).
public struct Person: Hashable, Sendable {
    /// Whether the person is still active.
    public enum Status: CaseIterable, Sendable { case active, left }
    /// `PE-n` number.
    public var number: Int
    /// Handling marking; nil means none given (OFFICIAL by default).
    public var marking: Marking?
    /// Full name, unique case-insensitively.
    public var name: String
    /// Role word (intelligence-manager, analyst, …) as given.
    public var role: String?
    /// Unit name.
    public var unit: String?
    /// Agency; nil means police.
    public var agency: String?
    /// Active or left.
    public var status: Status = .active
    /// Changes to its fields after it was made, oldest first (R13).
    public var amendments: [Amendment] = []

    /// Creates a person.
    public init(number: Int, name: String, role: String? = nil, unit: String? = nil, agency: String? = nil) {
        self.number = number
        self.name = name
        self.role = role
        self.unit = unit
        self.agency = agency
    }

    /// The person's id.
    public var id: RecordID { RecordID(.person, number) }
}
