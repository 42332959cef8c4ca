/// A handling marking under the Government Security Classifications: who may see a record.
public enum Marking: String, CaseIterable, Sendable, Comparable {
    /// OFFICIAL: the default for police business.
    case official = "OFFICIAL"
    /// OFFICIAL-SENSITIVE: shared on a need-to-know basis only.
    case officialSensitive = "OFFICIAL-SENSITIVE"

    /// The marking as written in the language (`official`, `official-sensitive`).
    public var word: String { rawValue.lowercased() }

    /// Reads `official`, `OFFICIAL-SENSITIVE`, … (case-insensitive).
    public init?(word: String) {
        guard let m = Marking.allCases.first(where: { $0.rawValue.lowercased() == word.lowercased() }) else { return nil }
        self = m
    }

    public static func < (a: Marking, b: Marking) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}
