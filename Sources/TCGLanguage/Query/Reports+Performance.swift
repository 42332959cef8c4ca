import TCGDomain

extension Reports {
    /// The columns of the performance section, in JSON and CSV order.
    static let performanceColumns = ["priority", "title", "strand", "listed", "plans_active", "plans_completed", "actions", "open",
                                     "overdue", "done", "done_on_time", "done_late", "on_time_pct", "results", "gap"]

    /// How the control strategy is doing: a row per active priority and strand, then the
    /// priority's total (``Register/performance(unit:since:today:completed:)``).
    func performanceSection(unit: String?, since: Day?, completed: [Int: Day]) -> Section {
        var rows: [[FieldValue?]] = []
        for p in register.performance(unit: unit, since: since, today: today, completed: completed) {
            let title = register.priorities.index(ofNumber: p.priority.number).map { FieldValue.text(register.priorities[$0].title) }
            for s in p.strands + [p.total] {
                rows.append([.id(p.priority), title, .word(s.strand?.keyword ?? "total"), s.strand == nil ? nil : .bool(s.listed),
                             .int(s.plansActive), .int(s.plansCompleted), .int(s.actions), .int(s.open), .int(s.overdue),
                             .int(s.done), .int(s.onTime), .int(s.late), s.onTimePercent.map { .int($0) }, .int(s.results),
                             .bool(s.isGap)])
            }
        }
        return Section(key: "performance", title: "Performance of the control strategy", columns: Self.performanceColumns, rows: rows,
                       tableColumns: Self.performanceColumns.filter { $0 != "listed" })
    }

    /// `performance [unit NAME] [since DATE]`: the performance section as a document of its own.
    func performance(unit: String?, since: Day?, completed: [Int: Day]) -> Document {
        let title = "Performance of the control strategy\(unit.map { " of \($0)" } ?? "") on \(today)\(since.map { " (since \($0))" } ?? "")"
        return Document(shape: .list, title: title, sections: [performanceSection(unit: unit, since: since, completed: completed)])
    }
}
