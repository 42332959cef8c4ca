/// A handling marking under the Government Security Classifications: who may see a record.
public enum Marking: CaseIterable, Sendable, Comparable {
    /// OFFICIAL: the default for police business.
    case official
    /// OFFICIAL-SENSITIVE: shared on a need-to-know basis only.
    case officialSensitive

    public static func < (a: Marking, b: Marking) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}
