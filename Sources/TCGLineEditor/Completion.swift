/// What Tab completion returns for the text before the cursor.
public struct Completion: Sendable, Equatable {
    /// Full replacement words, e.g. `["priority", "person"]` or `["\"Sgt Bea Cole\""]`.
    public var candidates: [String]
    /// How many characters (Swift `Character`s) before the cursor the candidates replace: the partial word.
    public var replacing: Int
    /// Whether a unique completion is followed by a space (false for e.g. a directory path).
    public var appendSpace: Bool

    /// Makes a completion result.
    public init(candidates: [String], replacing: Int, appendSpace: Bool = true) {
        self.candidates = candidates
        self.replacing = replacing
        self.appendSpace = appendSpace
    }
}
