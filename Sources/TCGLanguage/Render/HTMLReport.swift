import TCGDomain
import TCGText

/// Reports people would rather look at: one self-contained HTML page (inline CSS and SVG, no
/// scripts, no network), printable, with overdue items marked, a timeline of each unit's meetings
/// and due dates, and outstanding actions by owner as a chart. Also Markdown, for e-mail.
struct HTMLReport {
    let register: Register
    let today: Day
    let unit: String?

    // MARK: HTML

    func html(_ doc: Document, extra: Document?) -> String {
        var body = "<header><h1>\(esc(doc.title ?? "tcg report"))</h1><p class=\"meta\">Register clock: \(today) · tcg</p></header>\n"
        if !doc.fields.isEmpty {
            body += "<dl class=\"fields\">" + doc.fields.map { "<dt>\(esc($0.0))</dt><dd>\(esc($0.1.display))</dd>" }.joined() + "</dl>\n"
        }
        body += "<section><h2>Outstanding actions by owner</h2>\n\(ownerChart())</section>\n"
        body += "<section><h2>Timeline</h2>\n\(timeline())</section>\n"
        for s in doc.sections + (extra?.sections ?? []) {
            switch s.key {
            case "performance": body += performanceChart(s)
            case "ranking": body += rankingWithMatrix(s)
            default: body += table(s)
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(doc.title ?? "tcg report"))</title>
            <style>
            body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1f24; margin: 2em auto; max-width: 70em; padding: 0 1em; }
            h1 { font-size: 1.6em; margin: 0; } h2 { font-size: 1.15em; margin: 1.6em 0 .5em; border-bottom: 2px solid #1f3b5c; padding-bottom: .2em; color: #1f3b5c; }
            .meta { color: #57606a; margin: .2em 0 1em; }
            dl.fields { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; margin: 0 0 1em; } dt { font-weight: 600; color: #57606a; } dd { margin: 0; }
            table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; } th, td { text-align: left; padding: .3em .5em; border-bottom: 1px solid #d0d7de; vertical-align: top; }
            th { background: #f0f3f6; font-weight: 600; } tr.overdue td { background: #fff1f0; } td.late { color: #b42318; font-weight: 600; } td.whole { white-space: nowrap; }
            .none { color: #57606a; font-style: italic; } svg { max-width: 100%; height: auto; } .legend { color: #57606a; font-size: .9em; }
            @media print { body { margin: 0; max-width: none; font-size: 11px; } section, table { page-break-inside: avoid; } h2 { page-break-after: avoid; } }
            </style></head>
            <body>
            \(body)
            </body></html>

            """
    }

    func table(_ s: Section) -> String {
        var out = "<section><h2>\(esc(s.title))</h2>\n"
        guard !s.rows.isEmpty else { return out + "<p class=\"none\">None.</p></section>\n" }
        let names = s.tableColumns ?? s.columns
        let idx = names.compactMap { s.columns.firstIndex(of: $0) }
        let lateIndex = s.columns.firstIndex(of: "late")
        out += "<table><thead><tr>" + idx.map { "<th>\(esc(s.columns[$0]))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in s.rows {
            let late = lateIndex.flatMap { $0 < row.count ? row[$0] : nil } != nil
            out += late ? "<tr class=\"overdue\">" : "<tr>"
            for i in idx {
                let value = i < row.count ? row[i] : nil
                let v = value?.display ?? ""
                if s.columns[i] == "late", !v.isEmpty {
                    out += "<td class=\"late\">\(esc(v)) overdue</td>"
                } else {
                    out += value?.keepsWhole == true ? "<td class=\"whole\">\(esc(v))</td>" : "<td>\(esc(v))</td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    /// Outstanding actions per owner: a horizontal bar chart, overdue part in red.
    func ownerChart() -> String {
        var counts: [Int: (open: Int, overdue: Int)] = [:]
        let escalated = unit.map { register.escalatedItems(to: $0) } ?? []
        for a in register.actions where a.status == .open {
            if let unit, register.unit(ofMeeting: a.meeting)?.lowercased() != unit.lowercased(), !escalated.contains(a.id) { continue }
            var c = counts[a.owner] ?? (0, 0)
            c.open += 1
            if a.due < today { c.overdue += 1 }
            counts[a.owner] = c
        }
        guard !counts.isEmpty else { return "<p class=\"none\">No outstanding actions.</p>" }
        let rows = counts.sorted { ($0.value.open, register.name(of: $1.key)) > ($1.value.open, register.name(of: $0.key)) }
        let maxCount = rows.map(\.value.open).max() ?? 1
        let barWidth = 480.0, rowHeight = 26.0, labelWidth = 190.0
        var svg = "<svg role=\"img\" aria-label=\"Outstanding actions by owner\" viewBox=\"0 0 \(Int(labelWidth + barWidth + 150)) \(Int(Double(rows.count) * rowHeight + 10))\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"13\">"
        for (n, (owner, c)) in rows.enumerated() {
            let y = Double(n) * rowHeight + 4
            let w = barWidth * Double(c.open) / Double(maxCount)
            let wo = barWidth * Double(c.overdue) / Double(maxCount)
            svg += "<text x=\"\(Int(labelWidth - 8))\" y=\"\(Int(y + 16))\" text-anchor=\"end\">\(esc(register.name(of: owner)))</text>"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(Int(y))\" width=\"\(fmt(w))\" height=\"20\" fill=\"#7aa2c8\"/>"
            if c.overdue > 0 { svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(Int(y))\" width=\"\(fmt(wo))\" height=\"20\" fill=\"#d1453b\"/>" }
            svg += "<text x=\"\(fmt(labelWidth + w + 6))\" y=\"\(Int(y + 15))\">\(c.open)\(c.overdue > 0 ? " (\(c.overdue) overdue)" : "")</text>"
        }
        svg += "</svg>"
        return svg + "<p class=\"legend\">Bars: open actions; red: overdue on \(today).</p>"
    }

    /// Each unit's meetings (by kind) and outstanding due dates on one line per unit, around today.
    func timeline() -> String {
        let from = today.adding(days: -91), to = today.adding(days: 42)
        let units = register.units.filter { u in unit == nil || u.name.lowercased() == unit?.lowercased() || u.parent?.lowercased() == unit?.lowercased() }
        guard !units.isEmpty else { return "<p class=\"none\">No units.</p>" }
        let left = 110.0, width = 640.0, rowHeight = 44.0
        let span = Double(to.number - from.number)
        func x(_ d: Day) -> Double { left + width * Double(d.number - from.number) / span }
        var svg = "<svg role=\"img\" aria-label=\"Timeline of meetings and due dates\" viewBox=\"0 0 \(Int(left + width + 20)) \(Int(Double(units.count) * rowHeight + 40))\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">"
        // Month ticks.
        var d = from
        while d <= to {
            if d.civil.day == 1 {
                svg += "<line x1=\"\(fmt(x(d)))\" y1=\"14\" x2=\"\(fmt(x(d)))\" y2=\"\(Int(Double(units.count) * rowHeight + 20))\" stroke=\"#e5e9ee\"/>"
                svg += "<text x=\"\(fmt(x(d) + 3))\" y=\"11\" fill=\"#57606a\">\(d.description.prefix(7))</text>"
            }
            d = d.adding(days: 1)
        }
        let colours: [Meeting.Kind: String] = [.stcg: "#1f3b5c", .psg: "#b5651d", .ttcg: "#2f7d4f", .ium: "#8a5cf5", .dmm: "#9aa4ae"]
        for (n, u) in units.enumerated() {
            let y = 30 + Double(n) * rowHeight
            svg += "<text x=\"\(Int(left - 8))\" y=\"\(Int(y + 4))\" text-anchor=\"end\" font-weight=\"600\">\(esc(u.name))</text>"
            svg += "<line x1=\"\(Int(left))\" y1=\"\(Int(y))\" x2=\"\(Int(left + width))\" y2=\"\(Int(y))\" stroke=\"#9aa4ae\"/>"
            for m in register.meetings where m.unit == u.name && m.date >= from && m.date <= to {
                let r = Register.tcGroups.contains(m.kind) ? 6 : 3.5
                svg += "<circle cx=\"\(fmt(x(m.date)))\" cy=\"\(Int(y))\" r=\"\(r)\" fill=\"\(colours[m.kind] ?? "#000")\"\(m.date > today ? " fill-opacity=\"0.35\" stroke=\"\(colours[m.kind] ?? "#000")\"" : "")><title>\(m.id) \(m.kind.title) \(m.date)</title></circle>"
            }
            for a in register.actions where a.status == .open && register.unit(ofMeeting: a.meeting) == u.name && a.due >= from && a.due <= to {
                svg += "<line x1=\"\(fmt(x(a.due)))\" y1=\"\(Int(y + 8))\" x2=\"\(fmt(x(a.due)))\" y2=\"\(Int(y + 16))\" stroke=\"\(a.due < today ? "#d1453b" : "#57606a")\" stroke-width=\"2\"><title>\(a.id) due \(a.due)</title></line>"
            }
            for c in register.commissions where c.status == .commissioned && register.unit(ofMeeting: c.meeting) == u.name && c.due >= from && c.due <= to {
                svg += "<rect x=\"\(fmt(x(c.due) - 3))\" y=\"\(Int(y - 16))\" width=\"6\" height=\"6\" fill=\"\(c.due < today ? "#d1453b" : "#57606a")\"><title>\(c.id) due \(c.due)</title></rect>"
            }
        }
        svg += "<line x1=\"\(fmt(x(today)))\" y1=\"14\" x2=\"\(fmt(x(today)))\" y2=\"\(Int(Double(units.count) * rowHeight + 24))\" stroke=\"#d1453b\" stroke-dasharray=\"4 3\"/>"
        svg += "<text x=\"\(fmt(x(today) + 3))\" y=\"\(Int(Double(units.count) * rowHeight + 34))\" fill=\"#d1453b\">today \(today)</text>"
        svg += "</svg>"
        return svg + "<p class=\"legend\">Large dots: ST&amp;CG (navy) and TT&amp;CG (green); small: IUM (violet) and DMM (grey); pale: planned. Ticks below: actions due; squares above: commissions due; red: overdue.</p>"
    }

    /// A coordinate with one decimal.
    func fmt(_ v: Double) -> String {
        let t = Int((v * 10).rounded())
        return (t < 0 ? "-" : "") + "\(abs(t) / 10).\(abs(t) % 10)"
    }

    /// Text for HTML content or a double-quoted attribute: `&`, `<`, `>` and `"` as entities, and
    /// controls and bidi characters shown as `TerminalText` shows them (they would reorder the page).
    func esc(_ text: String) -> String {
        let s = TerminalText.escaped(text)
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    // MARK: Markdown

    func markdown(_ doc: Document, extra: Document?) -> String {
        var out = "# \(MarkdownText.heading(doc.title ?? "tcg report"))\n\nRegister clock: \(today)\n\n"
        for (k, v) in doc.fields { out += "- **\(MarkdownText.inline(k))**: \(MarkdownText.inline(v.display))\n" }
        out += "\n## Outstanding actions by owner\n\n"
        var counts: [Int: (Int, Int)] = [:]
        for a in register.actions where a.status == .open {
            if let unit, register.unit(ofMeeting: a.meeting)?.lowercased() != unit.lowercased() { continue }
            let c = counts[a.owner] ?? (0, 0)
            counts[a.owner] = (c.0 + 1, c.1 + (a.due < today ? 1 : 0))
        }
        out += "| owner | open | overdue |\n| --- | --- | --- |\n"
        for (owner, c) in counts.sorted(by: { $0.value.0 > $1.value.0 }) { out += "| \(MarkdownText.inline(register.name(of: owner))) | \(c.0) | \(c.1) |\n" }
        for s in doc.sections + (extra?.sections ?? []) {
            out += "\n## \(MarkdownText.heading(s.title))\n\n"
            guard !s.rows.isEmpty else { out += "_None._\n"; continue }
            let names = s.tableColumns ?? s.columns
            let idx = names.compactMap { s.columns.firstIndex(of: $0) }
            out += "| " + idx.map { s.columns[$0] }.joined(separator: " | ") + " |\n|" + idx.map { _ in " --- |" }.joined() + "\n"
            for row in s.rows {
                out += "| " + idx.map { i in
                    let v = (i < row.count ? row[i]?.display : nil) ?? ""
                    return s.columns[i] == "late" && !v.isEmpty ? "**\(MarkdownText.inline(v)) overdue**" : MarkdownText.inline(v)
                }.joined(separator: " | ") + " |\n"
            }
        }
        return out
    }
}

extension FieldValue {
    /// Ids, dates and numbers: a table never breaks them across lines (`P-` over `5`).
    var keepsWhole: Bool {
        switch self {
        case .id, .date, .int: return true
        default: return false
        }
    }
}
