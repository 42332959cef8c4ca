import TCGDomain

extension HTMLReport {
    /// The bar colours of the performance chart, in the order the bars stack.
    static let performanceBars: [(column: String, label: String, colour: String)] = [
        ("done_on_time", "done on time", "#2f7d4f"), ("done_late", "done late", "#d9a21b"),
        ("open", "open", "#7aa2c8"), ("overdue", "overdue", "#d1453b"),
    ]

    /// The performance section drawn as one horizontal bar per priority (its total row): done on
    /// time, done late, open and not overdue, overdue; then its table. Inline SVG, no scripts.
    func performanceChart(_ s: Section) -> String {
        func column(_ name: String) -> Int? { s.columns.firstIndex(of: name) }
        func count(_ row: [FieldValue?], _ name: String) -> Int {
            guard let i = column(name), i < row.count, case .int(let n)? = row[i] else { return 0 }
            return n
        }
        let totals = s.rows.filter { row in column("strand").map { $0 < row.count && row[$0] == .word("total") } ?? false }
        var out = "<section><h2>\(esc(s.title))</h2>\n"
        guard !totals.isEmpty else { return out + "<p class=\"none\">No active priorities.</p></section>\n" }
        // Open actions include the overdue ones; the bar shows them apart.
        let segments: [[Int]] = totals.map { row in
            let overdue = count(row, "overdue")
            return [count(row, "done_on_time"), count(row, "done_late"), count(row, "open") - overdue, overdue]
        }
        let most = max(1, segments.map { $0.reduce(0, +) }.max() ?? 1)
        let barWidth = 440.0, rowHeight = 26.0, labelWidth = 230.0
        var svg = "<svg role=\"img\" aria-label=\"Performance of the control strategy\" viewBox=\"0 0 \(Int(labelWidth + barWidth + 190)) \(Int(Double(totals.count) * rowHeight + 10))\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"13\">"
        for (n, row) in totals.enumerated() {
            let y = Double(n) * rowHeight + 4
            let id = column("priority").flatMap { $0 < row.count ? row[$0]?.display : nil } ?? ""
            let title = column("title").flatMap { $0 < row.count ? row[$0]?.display : nil } ?? ""
            let label = title.count > 28 ? String(title.prefix(27)) + "…" : title
            svg += "<text x=\"\(Int(labelWidth - 8))\" y=\"\(Int(y + 16))\" text-anchor=\"end\">\(esc(id)) \(esc(label))<title>\(esc(id)) \(esc(title))</title></text>"
            var x = labelWidth
            for (k, bar) in Self.performanceBars.enumerated() where segments[n][k] > 0 {
                let w = barWidth * Double(segments[n][k]) / Double(most)
                svg += "<rect x=\"\(fmt(x))\" y=\"\(Int(y))\" width=\"\(fmt(w))\" height=\"20\" fill=\"\(bar.colour)\"><title>\(esc(id)): \(segments[n][k]) \(bar.label)</title></rect>"
                x += w
            }
            let summary = zip(Self.performanceBars, segments[n]).filter { $0.1 > 0 }.map { "\($0.1) \($0.0.label)" }
            svg += "<text x=\"\(fmt(x + 6))\" y=\"\(Int(y + 15))\">\(esc(summary.isEmpty ? "no actions" : summary.joined(separator: ", ")))</text>"
        }
        svg += "</svg>"
        let legend = Self.performanceBars.map { "<span style=\"color: \($0.colour)\">■</span> \($0.label)" }.joined(separator: " · ")
        out += svg + "<p class=\"legend\">One bar per active priority: \(legend) (on \(today)).</p></section>\n"
        return out + table(s)
    }
}
