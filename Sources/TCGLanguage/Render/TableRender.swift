import TCGDomain
import TCGText

/// Aligned text tables, fitted to the terminal's width by shortening the widest columns.
/// Titles and header rows are `.heading`, the `late` column's values `.late`. Every text is shown
/// as one line with its controls and bidi characters escaped (`TerminalText`), so data can move
/// no cursor and draw no row.
struct TableRender {
    let width: Int?

    func document(_ doc: Document) -> StyledText {
        var out = StyledText()
        let titled = doc.shape == .object || doc.alwaysTitled
        if let title = doc.title, titled { heading(title, into: &out) }
        if !doc.fields.isEmpty {
            let keyWidth = doc.fields.map { shown($0.0).count }.max() ?? 0
            for (key, v) in doc.fields {
                let k = shown(key)
                out.append("  \(k):\(String(repeating: " ", count: keyWidth - k.count + 1))\(clip(shown(v.display), (width ?? Int.max) - keyWidth - 4))\n")
            }
        }
        for s in doc.sections {
            if titled || doc.sections.count > 1 {
                if !out.isEmpty { out.append("\n") }
                heading(s.title, into: &out)
            }
            table(s, indent: titled || doc.sections.count > 1 ? "  " : "", into: &out)
        }
        return out
    }

    /// A title on its own line.
    func heading(_ title: String, into out: inout StyledText) {
        out.append(shown(title), .heading)
        out.append("\n")
    }

    /// Text as one line, its controls, bidi characters and newlines visible.
    func shown(_ s: String) -> String {
        TerminalText.escaped(s, layout: .singleLine)
    }

    /// One line shortened to `limit` characters with `…`.
    func clip(_ s: String, _ limit: Int) -> String {
        guard limit > 1, s.count > limit else { return s }
        return String(s.prefix(limit - 1)) + "…"
    }

    func table(_ s: Section, indent: String, into out: inout StyledText) {
        guard !s.rows.isEmpty else {
            out.append("\(indent)(none)\n")
            return
        }
        let names = s.tableColumns ?? s.columns
        let idx = names.compactMap { n in s.columns.firstIndex(of: n) }
        let headers = idx.map { s.columns[$0] }
        var cells: [[String]] = s.rows.map { row in
            idx.map { i in i < row.count ? (row[i]?.display ?? "") : "" }.map(shown)
        }
        var widths = headers.map(\.count)
        for row in cells { for (k, c) in row.enumerated() { widths[k] = max(widths[k], c.count) } }
        // Drop columns that are empty in every row (e.g. `late` when nothing is overdue).
        let droppable: Set<String> = ["late", "marking", "strands"]
        let keep = widths.indices.filter { k in cells.contains { !$0[k].isEmpty } || !droppable.contains(headers[k]) }
        if let width {
            // Only free text (titles, names, rationale) is shortened; ids, dates and states stay whole.
            let shrinkable = keep.filter { k in
                s.rows.contains { row in
                    switch idx[k] < row.count ? row[idx[k]] : nil {
                    case .text?, .person?, .list?: return headers[k] != "late"
                    default: return false
                    }
                }
            }
            let budget = width - indent.count - 2 * (keep.count - 1)
            while keep.map({ widths[$0] }).reduce(0, +) > budget {
                guard let widest = shrinkable.max(by: { widths[$0] < widths[$1] }), widths[widest] > max(8, headers[widest].count) else { break }
                widths[widest] -= 1
            }
        }
        out.append(indent)
        out.append(keep.map { pad(headers[$0], widths[$0]) }.joined(separator: "  ").trimmingTrailing, .heading)
        out.append("\n" + indent + keep.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  ") + "\n")
        let late = keep.filter { headers[$0] == "late" }
        for k in cells.indices {
            for c in keep { cells[k][c] = clip(cells[k][c], widths[c]) }
            guard !late.isEmpty else {
                out.append(indent + keep.map { pad(cells[k][$0], widths[$0]) }.joined(separator: "  ").trimmingTrailing + "\n")
                continue
            }
            var line = StyledText(indent)
            for (n, c) in keep.enumerated() {
                if n > 0 { line.append("  ") }
                let cell = cells[k][c]
                line.append(cell, late.contains(c) && !cell.trimmingTrailing.isEmpty ? .late : .plain)
                line.append(String(repeating: " ", count: max(0, widths[c] - cell.count)))
            }
            line.trimTrailingSpaces()
            out.append(line)
            out.append("\n")
        }
    }

    func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }
}

extension String {
    /// Without trailing spaces.
    var trimmingTrailing: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
