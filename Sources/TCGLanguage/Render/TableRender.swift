import TCGDomain
import TCGText

/// Aligned text tables. At a terminal's width they fit it: columns empty on every row are left
/// out, columns with one value on every row move to a line above, and free text (titles, names,
/// rationale, lists) wraps inside its column, while ids, dates and states keep their width. With
/// no width (a pipe) rows are laid out whole, one line each. `Expanded` shows each record as its
/// own block of `field: value` lines instead. Titles and header rows are `.heading`, the `late`
/// column's values `.late`. Every text is shown with its controls and bidi characters escaped
/// (`TerminalText`), so data can move no cursor and draw no row.
struct TableRender {
    let width: Int?

    func document(_ doc: Document) -> StyledText {
        var out = StyledText()
        let titled = doc.shape == .object || doc.alwaysTitled
        if let title = doc.title, titled { heading(title, into: &out) }
        if !doc.fields.isEmpty {
            fields(doc.fields.map { (shown($0.0), shown($0.1.display)) }, indent: "  ", into: &out)
        }
        for s in doc.sections {
            if titled || doc.sections.count > 1 {
                if !out.isEmpty { out.append("\n") }
                heading(s.title, into: &out)
            }
            table(s, indent: titled || doc.sections.count > 1 ? "  " : "", expanded: doc.expanded, into: &out)
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

    /// `key: value` lines, the values aligned and wrapped at the width; `late` values styled.
    func fields(_ pairs: [(String, String)], indent: String, into out: inout StyledText) {
        let keyWidth = pairs.map(\.0.count).max() ?? 0
        let lead = indent.count + keyWidth + 2
        for (key, value) in pairs {
            for (n, line) in TextWrap.lines(value, width: width.map { max(8, $0 - lead) }).enumerated() {
                out.append(n == 0 ? indent + pad(key + ":", keyWidth + 2) : String(repeating: " ", count: lead))
                out.append(line, key == "late" ? .late : .plain)
                out.append("\n")
            }
        }
    }

    /// A section's rows with the cells as shown.
    struct Grid {
        var headers: [String]
        var values: [[FieldValue?]]
        var cells: [[String]]
    }

    /// Where a table's columns go: shown (with their widths) or moved above it.
    struct Layout {
        var shown: [Int]
        var hoisted: [Int]
        var widths: [Int]
        /// The shown columns fit the width with no wrapped column narrower than `readable`.
        var fits: Bool
    }

    /// The narrowest a wrapped column may be for the table to count as fitting (`set expanded auto`).
    static let readable = 12

    func table(_ s: Section, indent: String, expanded: Expanded, into out: inout StyledText) {
        guard !s.rows.isEmpty else {
            out.append("\(indent)(none)\n")
            return
        }
        let names = s.tableColumns ?? s.columns
        let idx = names.compactMap { n in s.columns.firstIndex(of: n) }
        let values = s.rows.map { row in idx.map { i in i < row.count ? row[i] : nil } }
        let grid = Grid(headers: idx.map { s.columns[$0] }, values: values,
                        cells: values.map { $0.map { shown($0?.display ?? "") } })
        let layout = self.layout(grid, room: (width ?? Int.max) - indent.count)
        if expanded == .on || (expanded == .auto && !layout.fits) {
            records(grid, indent: indent, into: &out)
        } else {
            rows(grid, layout, indent: indent, into: &out)
        }
    }

    /// Fits a table into `room` columns (no fitting when there is no width).
    func layout(_ g: Grid, room: Int) -> Layout {
        let all = Array(g.headers.indices)
        var widths = all.map { k in g.cells.reduce(g.headers[k].count) { max($0, $1[k].count) } }
        guard width != nil else {
            // In a pipe: today's columns, whole; only `late`, `marking` and `strands` go when empty.
            let droppable: Set<String> = ["late", "marking", "strands"]
            let keep = all.filter { k in !droppable.contains(g.headers[k]) || g.cells.contains { !$0[k].isEmpty } }
            return Layout(shown: keep, hoisted: [], widths: widths, fits: true)
        }
        var keep = all.filter { k in g.cells.contains { !$0[k].isEmpty } }
        var hoisted: [Int] = []
        if g.cells.count > 1 {
            let constant = keep.filter { k in g.headers[k] != "late" && g.cells.allSatisfy { $0[k] == g.cells[0][k] } }
            if constant.count < keep.count {
                hoisted = constant
                keep.removeAll { constant.contains($0) }
            }
        }
        let natural = widths
        let gives = all.map { give(g, $0) }
        let ids = all.map { longestID(g, $0) }
        let parts = all.map { k in g.cells.reduce(0) { m, row in row[k].split(separator: "-").reduce(m) { max($0, $1.count + 1) } } }
        let budget = room - 2 * (keep.count - 1)
        var total = keep.map { widths[$0] }.reduce(0, +)
        var fits = true
        for stage in 0..<3 {
            if stage == 1 { fits = total <= budget }
            let floors = all.map { k in
                Self.floor(gives[k], stage: stage).map { max(min(natural[k], $0), ids[k], stage == 1 && gives[k] == .word ? parts[k] : 0) }
            }
            while total > budget {
                let narrowable = keep.filter { k in floors[k].map { widths[k] > $0 } ?? false }
                guard let widest = narrowable.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
                total -= 1
            }
        }
        return Layout(shown: keep, hoisted: hoisted, widths: widths, fits: fits)
    }

    /// What a column holds, for how far it may narrow.
    enum Give {
        /// Free text (titles, rationale, lists): wraps first.
        case text
        /// People's names: wrap when free text alone cannot make room.
        case name
        /// States and kinds (`open`, `strategic-assessment`): wrap last.
        case word
        /// Ids, dates, numbers, yes/no and `late`: never narrower than their values.
        case fixed
    }

    func give(_ g: Grid, _ k: Int) -> Give {
        guard g.headers[k] != "late" else { return .fixed }
        var give = Give.fixed
        for row in g.values {
            switch row[k] {
            case .text?, .list?: return .text
            case .person?: give = .name
            case .word?: if give == .fixed { give = .word }
            default: break
            }
        }
        return give
    }

    /// The narrowest a column may become at each stage of fitting: free text to `readable`
    /// first (a table that fits then needs no expanded view), then free text, names and states
    /// broken only at their hyphens, then anything but ids and dates; nil when it may not narrow
    /// at that stage.
    static func floor(_ give: Give, stage: Int) -> Int? {
        switch (give, stage) {
        case (.text, 0): return readable
        case (.text, 1): return 8
        case (.name, 1): return 10
        case (.word, 1): return 1
        case (_, 2) where give != .fixed: return 6
        default: return nil
        }
    }

    /// The longest id in a column of lists, which wrapping must not break.
    func longestID(_ g: Grid, _ k: Int) -> Int {
        g.values.reduce(0) { m, row in
            guard case .list(let items)? = row[k] else { return m }
            return items.reduce(m) { m, item in
                if case .id(let id) = item { return max(m, id.description.count + 1) }
                return m
            }
        }
    }

    /// The rows under a header, each cell wrapped in its column; moved columns on lines above.
    func rows(_ g: Grid, _ layout: Layout, indent: String, into out: inout StyledText) {
        if !layout.hoisted.isEmpty, let first = g.cells.first {
            hoistedLine(layout.hoisted.map { "\(g.headers[$0]): \(first[$0])" }, indent: indent, into: &out)
        }
        let keep = layout.shown, widths = layout.widths
        let headers = keep.map { TextWrap.lines(g.headers[$0], width: width == nil ? nil : widths[$0]) }
        for n in 0..<(headers.map(\.count).max() ?? 1) {
            out.append(indent)
            out.append(keep.indices.map { c in pad(n < headers[c].count ? headers[c][n] : "", widths[keep[c]]) }
                .joined(separator: "  ").trimmingTrailing, .heading)
            out.append("\n")
        }
        out.append(indent + keep.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  ") + "\n")
        for row in g.cells {
            let wrapped = keep.map { TextWrap.lines(row[$0], width: width == nil ? nil : widths[$0]) }
            for n in 0..<(wrapped.map(\.count).max() ?? 1) {
                var line = StyledText(indent)
                for (c, k) in keep.enumerated() {
                    if c > 0 { line.append("  ") }
                    let cell = n < wrapped[c].count ? wrapped[c][n] : ""
                    line.append(cell, g.headers[k] == "late" && !cell.trimmingTrailing.isEmpty ? .late : .plain)
                    line.append(String(repeating: " ", count: max(0, widths[k] - cell.count)))
                }
                line.trimTrailingSpaces()
                out.append(line)
                out.append("\n")
            }
        }
    }

    /// `unit: Westshire  status: open`, on as many lines as the width needs.
    func hoistedLine(_ pairs: [String], indent: String, into out: inout StyledText) {
        let room = (width ?? Int.max) - indent.count
        var line = ""
        for pair in pairs {
            if !line.isEmpty, line.count + 2 + pair.count > room {
                out.append(indent + line + "\n")
                line = ""
            }
            line += (line.isEmpty ? "" : "  ") + pair
        }
        for l in TextWrap.lines(line, width: width == nil ? nil : room) { out.append(indent + l + "\n") }
    }

    /// Expanded: each row as a `-[ RECORD n ]-` rule and its non-empty fields.
    func records(_ g: Grid, indent: String, into out: inout StyledText) {
        for (n, row) in g.cells.enumerated() {
            let label = "-[ RECORD \(n + 1) ]-"
            let rule = min((width ?? 40) - indent.count, 40)
            out.append(indent)
            out.append(label + String(repeating: "-", count: max(0, rule - label.count)), .heading)
            out.append("\n")
            fields(g.headers.indices.filter { !row[$0].isEmpty }.map { (g.headers[$0], row[$0]) }, indent: indent, into: &out)
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
