import TCGDomain

/// Aligned text tables, fitted to the terminal's width by shortening the widest columns.
struct TableRender {
    let width: Int?
    var color = false

    func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    func red(_ s: String) -> String { color && !s.trimmingTrailing.isEmpty ? "\u{1B}[31m\(s)\u{1B}[0m" : s }

    func document(_ doc: Document) -> String {
        var out = ""
        let titled = doc.shape == .object || doc.alwaysTitled
        if let title = doc.title, titled { out += "\(bold(title))\n" }
        if !doc.fields.isEmpty {
            let keyWidth = doc.fields.map { $0.0.count }.max() ?? 0
            for (k, v) in doc.fields {
                out += "  \(k):\(String(repeating: " ", count: keyWidth - k.count + 1))\(clip(v.display, (width ?? Int.max) - keyWidth - 4))\n"
            }
        }
        for s in doc.sections {
            if titled || doc.sections.count > 1 {
                if !out.isEmpty { out += "\n" }
                out += "\(bold(s.title))\n"
            }
            out += table(s, indent: titled || doc.sections.count > 1 ? "  " : "")
        }
        return out
    }

    func clip(_ s: String, _ limit: Int) -> String {
        let flat = s.contains("\n") ? s.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ") : s
        guard limit > 1, flat.count > limit else { return flat }
        return String(flat.prefix(limit - 1)) + "…"
    }

    func table(_ s: Section, indent: String) -> String {
        guard !s.rows.isEmpty else { return "\(indent)(none)\n" }
        let names = s.tableColumns ?? s.columns
        let idx = names.compactMap { n in s.columns.firstIndex(of: n) }
        let headers = idx.map { s.columns[$0] }
        var cells: [[String]] = s.rows.map { row in
            idx.map { i in i < row.count ? (row[i]?.display ?? "") : "" }.map { clip($0, Int.max) }
        }
        var widths = headers.map(\.count)
        for row in cells { for (k, c) in row.enumerated() { widths[k] = max(widths[k], c.count) } }
        // Drop columns that are empty in every row (e.g. `late` when nothing is overdue).
        let keep = widths.indices.filter { k in cells.contains { !$0[k].isEmpty } || (headers[k] != "late" && headers[k] != "marking") }
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
        var out = indent + bold(keep.map { pad(headers[$0], widths[$0]) }.joined(separator: "  ").trimmingTrailing) + "\n"
        out += indent + keep.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  ") + "\n"
        for k in cells.indices {
            for c in keep { cells[k][c] = clip(cells[k][c], widths[c]) }
            let line = keep.map { c in headers[c] == "late" ? red(pad(cells[k][c], widths[c])) : pad(cells[k][c], widths[c]) }
            out += indent + line.joined(separator: "  ").trimmingTrailing + "\n"
        }
        return out
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
