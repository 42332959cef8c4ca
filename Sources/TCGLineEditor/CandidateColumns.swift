import TCGText

/// Lays out completion candidates in columns, down then across, as a shell lists them.
enum CandidateColumns {
    /// The lines to print for `candidates` on a terminal `width` columns wide (80 if unknown).
    ///
    /// Columns are as wide as the longest candidate plus two spaces; lines carry no trailing
    /// spaces. Beyond `limit` candidates the rest are summarised as "(N more)". Candidates come
    /// from the register, so each is shown as one line with its controls and bidi characters
    /// escaped (`TerminalText`).
    static func lines(_ candidates: [String], width: Int, limit: Int = 100) -> [String] {
        guard !candidates.isEmpty else { return [] }
        let shown = candidates.prefix(max(limit, 1)).map { TerminalText.escaped($0, layout: .singleLine) }
        let terminalWidth = width > 0 ? width : 80
        let columnWidth = (shown.map(\.count).max() ?? 0) + 2
        let fit = max(1, (terminalWidth + 2) / columnWidth)
        let rows = (shown.count + fit - 1) / fit
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            var index = row
            while index < shown.count {
                let word = shown[index]
                index += rows
                line += word
                if index < shown.count {
                    line += String(repeating: " ", count: columnWidth - word.count)
                }
            }
            lines.append(line)
        }
        if candidates.count > shown.count {
            lines.append("(\(candidates.count - shown.count) more)")
        }
        return lines
    }
}
