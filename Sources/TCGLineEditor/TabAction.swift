import TCGText

/// What pressing Tab does to the line, decided from a `Completion` alone (no terminal involved).
enum TabAction: Equatable {
    /// Nothing can follow: ring the bell.
    case beep
    /// Delete `deleting` Unicode scalars (libedit's wide characters) before the cursor, then insert `inserting`.
    case replace(deleting: Int, inserting: String)
    /// Several candidates and nothing more to insert: show them below the line.
    case list([String])

    /// Decides the action for `completion` given the buffer text before the cursor.
    ///
    /// One candidate replaces the partial word (plus a space if `appendSpace`); several insert
    /// their longest common prefix when it is longer than the partial word, else are listed.
    /// Text holding a control, bidi or zero-width character (from a hand-edited workspace) is
    /// never inserted: the candidates are listed instead, escaped.
    static func decide(_ completion: Completion, before text: String) -> TabAction {
        var seen = Set<String>()
        let candidates = completion.candidates.filter { seen.insert($0).inserted }
        guard let first = candidates.first else { return .beep }
        let replacing = min(max(completion.replacing, 0), text.count)
        let partial = text.suffix(replacing)
        let deleting = partial.unicodeScalars.count
        if candidates.count == 1 {
            if TerminalText.needsEscaping(first, layout: .singleLine) { return .list(candidates) }
            return .replace(deleting: deleting, inserting: first + (completion.appendSpace ? " " : ""))
        }
        let prefix = longestCommonPrefix(candidates)
        if prefix.count > partial.count, !TerminalText.needsEscaping(prefix, layout: .singleLine) {
            return .replace(deleting: deleting, inserting: prefix)
        }
        return .list(candidates)
    }

    /// The longest string every word starts with, compared by `Character`.
    static func longestCommonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for word in words.dropFirst() {
            var length = 0
            for (a, b) in zip(prefix, word) {
                guard a == b else { break }
                length += 1
            }
            prefix.removeLast(prefix.count - length)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }
}
