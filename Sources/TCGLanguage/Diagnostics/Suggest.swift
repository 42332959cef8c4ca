/// "Did you mean" candidates by edit distance, for verbs, keywords, people, units and ids (R11).
public enum Suggest {
    /// The Levenshtein distance between two strings, compared case-insensitively.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// Up to `limit` candidates near `word`: close by edit distance, or containing it, nearest first.
    public static func nearest(_ word: String, among candidates: [String], limit: Int = 3) -> [String] {
        // Nothing is near a very long word, and measuring it against every candidate would be slow.
        guard !word.isEmpty, word.utf8.count <= 200 else { return [] }
        let lower = word.lowercased()
        let threshold = lower.count <= 3 ? 1 : max(2, lower.count / 3)
        var scored: [(Int, String)] = []
        for candidate in candidates {
            let c = candidate.lowercased()
            if c == lower { return [candidate] }
            var d = distance(lower, c)
            if d > threshold {
                let words = c.split(whereSeparator: { $0 == " " || $0 == "-" })
                if c.contains(lower) || words.contains(where: { distance(String($0), lower) <= max(1, lower.count / 4) }) {
                    d = threshold
                } else {
                    continue
                }
            }
            scored.append((d, candidate))
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return scored.prefix(limit).map(\.1)
    }

    /// "did you mean A, B or C?" with each candidate quoted as given, or nil when there are none.
    public static func didYouMean(_ candidates: [String], quoted: Bool = false) -> String? {
        guard !candidates.isEmpty else { return nil }
        let shown = candidates.map { quoted ? "\"\($0)\"" : $0 }
        if shown.count == 1 { return "did you mean \(shown[0])?" }
        return "did you mean \(shown.dropLast().joined(separator: ", ")) or \(shown[shown.count - 1])?"
    }
}
