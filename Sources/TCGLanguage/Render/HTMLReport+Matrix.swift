import TCGDomain

/// The ranked candidates and priorities beside a harm × likelihood matrix: a heat-map grid, each
/// scored record's id in the cell of its harm and likelihood, hotter as risk (harm × likelihood)
/// rises. The scales are the scheme in force's.
extension HTMLReport {
    /// The matrix and the ranked table side by side (stacked when the page is narrow).
    func rankingWithMatrix(_ s: Section) -> String {
        // The table without its own section and heading: it sits beside the matrix under one.
        let whole = table(s), head = "<section><h2>\(esc(s.title))</h2>\n", tail = "</section>\n"
        let body = whole.hasPrefix(head) && whole.hasSuffix(tail) ? String(whole.dropFirst(head.count).dropLast(tail.count)) : whole
        let inner = "<div class=\"ranked\" style=\"flex:1 1 30em\">" + body + "</div>"
        return "<section class=\"ranking\"><h2>\(esc(s.title))</h2>\n<div style=\"display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start\">\n"
            + matrix(s) + inner + "</div></section>\n"
    }

    /// The harm × likelihood grid: harm from the scheme's top (at the top) down to 0, likelihood 1 to its top.
    func matrix(_ s: Section) -> String {
        let scheme = register.scheme
        let maxHarm = scheme.factors.reduce(0) { $0 + $1.max }, maxLikelihood = scheme.likelihoodMax
        guard let idAt = s.columns.firstIndex(of: "id"), let harmAt = s.columns.firstIndex(of: "harm"),
              let likelihoodAt = s.columns.firstIndex(of: "likelihood") else { return "" }
        var cells: [String: [String]] = [:]
        for row in s.rows {
            guard case .id(let id)? = row[idAt], case .int(let h)? = row[harmAt], case .int(let l)? = row[likelihoodAt] else { continue }
            cells["\(min(h, maxHarm)),\(min(l, maxLikelihood))", default: []].append(id.description)
        }
        let maxRisk = Double(max(1, maxHarm * maxLikelihood))
        var out = "<figure class=\"matrix\" style=\"margin:0\"><table class=\"heatmap\" aria-label=\"harm by likelihood\" style=\"width:auto;border-collapse:collapse\">"
        out += "<caption style=\"caption-side:bottom;color:#57606a;font-size:.9em\">harm (rows) × likelihood (columns); cell colour: risk</caption>\n"
        for h in stride(from: maxHarm, through: 0, by: -1) {
            out += "<tr><th scope=\"row\" style=\"padding:0 .4em;font-size:.8em\">\(h)</th>"
            for l in 1...max(1, maxLikelihood) {
                let risk = Double(h * l) / maxRisk
                let ids = cells["\(h),\(l)"] ?? []
                out += "<td class=\"cell\" data-harm=\"\(h)\" data-likelihood=\"\(l)\" style=\"background:\(heat(risk));min-width:3.2em;height:1.3em;padding:0 .3em;border:1px solid #fff;font-size:.8em;font-weight:600\">"
                    + ids.map { "<span class=\"rec\">\(esc($0))</span>" }.joined(separator: " ") + "</td>"
            }
            out += "</tr>\n"
        }
        out += "<tr><th></th>" + (1...max(1, maxLikelihood)).map { "<th scope=\"col\" style=\"font-size:.8em;text-align:center\">\($0)</th>" }.joined() + "</tr>\n"
        return out + "</table></figure>\n"
    }

    /// A colour from pale green (no risk) through amber to red (the highest risk).
    func heat(_ x: Double) -> String {
        let t = max(0, min(1, x))
        let (r, g, b): (Double, Double, Double) = t < 0.5
            ? (220 + 35 * t * 2, 240 - 20 * t * 2, 220 - 120 * t * 2)
            : (255, 220 - 150 * (t - 0.5) * 2, 100 - 60 * (t - 0.5) * 2)
        return "rgb(\(Int(r)),\(Int(g)),\(Int(b)))"
    }
}
