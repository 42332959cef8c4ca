import TCGDomain

/// The agenda packs of the meetings around the T&C groups: a DMM's (the day's business, R8) and
/// an IUM's (what the intelligence unit prepares for the TT&CG).
extension Reports {
    /// A DMM's agenda on `date`: actions and commissions due that day or the next, actions whose
    /// progress was noted that day or the day before, and the fast-track decisions recorded at
    /// DMMs since the previous one (its own included).
    func dmmAgenda(unit: String?, meeting: Meeting?, date: Day) -> Document {
        let tomorrow = date.adding(days: 1), yesterday = date.adding(days: -1)
        let escalated = unit.map { register.escalatedItems(to: $0) } ?? []
        func dueSoon(_ schema: KindSchema) -> [Int] {
            outstanding(schema, owner: nil, unit: unit, dueBy: tomorrow).filter { (schema.due?(register, $0) ?? date) >= date }
        }
        var updated: [[FieldValue?]] = []
        for (i, a) in register.actions.enumerated() where unit.map({ belongs(QueryKinds.actions, i, to: $0, escalated: escalated) }) ?? true {
            for note in a.progress where note.date >= yesterday && note.date <= date {
                updated.append([.id(a.id), .text(a.title), .person(a.owner, register.name(of: a.owner)), .word(a.status.keyword),
                                .date(note.date), .text(note.text)])
            }
        }
        let dmms = register.meetings.filter { $0.kind == .dmm && sameUnit($0.unit, unit) }
        let previous = dmms.filter { $0.date < date }.max { ($0.date, $0.number) < ($1.date, $1.number) }
        let fastTrack = Set(dmms.filter { m in m.number != meeting?.number && m.date <= date && m.date >= (previous?.date ?? m.date) }.map(\.number))
        let decisions = rows(QueryKinds.decisions) { fastTrack.contains(register.decisions[$0].meeting) }
        let start = since(kind: .dmm, unit: unit, before: date)
        var fields = agendaFields(kind: .dmm, unit: unit, meeting: meeting, date: date, since: start)
        if let previous { fields.append(("previous_dmm", .id(previous.id))) }
        return Document(shape: .object, title: agendaTitle(.dmm, unit, meeting, date), fields: fields, sections: [
            sinceSection(start, unit: unit, through: date, for: meeting),
            dueSection(QueryKinds.actions, dueSoon(QueryKinds.actions), key: "actions_due", title: "Actions due \(date) or \(tomorrow)"),
            dueSection(QueryKinds.commissions, dueSoon(QueryKinds.commissions), key: "commissions_due", title: "Commissions due \(date) or \(tomorrow)"),
            Section(key: "updated", title: "Actions updated \(yesterday) or \(date)",
                    columns: ["id", "title", "owner", "status", "date", "progress"], rows: updated),
            section(QueryKinds.decisions, decisions).named("fast_track", previous.map { "Fast-track decisions since the last DMM (\($0.id), \($0.date))" }
                                                                    ?? "Fast-track decisions at DMMs"),
        ], alwaysTitled: true)
    }

    /// An IUM's agenda on `date`: products to present (drafts ready, and those presented at it),
    /// commissions due back by the unit's next TT&CG, requirements to review, and the latest
    /// tactical assessments.
    func iumAgenda(unit: String?, meeting: Meeting?, date: Day) -> Document {
        let next = register.nextMeeting(kind: .ttcg, unit: unit, today: date)
        let products = rows(QueryKinds.products) { i in
            let p = register.products[i]
            let due = (p.status == .draft && p.date <= date) || meeting.map { p.presentations.contains($0.number) } == true
            return due && sameUnit(productUnit(p), unit)
        }
        let assessments = rows(QueryKinds.products) { i in
            let p = register.products[i]
            return p.kind == .tacticalAssessment && p.date <= date && sameUnit(productUnit(p), unit)
        }.sorted { (register.products[$0].date, $0) > (register.products[$1].date, $1) }.prefix(Self.recentAssessments)
        let start = since(kind: .ium, unit: unit, before: date)
        var fields = agendaFields(kind: .ium, unit: unit, meeting: meeting, date: date, since: start)
        fields.append(("next_ttcg", .date(next.date)))
        if let m = next.meeting { fields.append(("next_ttcg_meeting", .id(m.id))) }
        return Document(shape: .object, title: agendaTitle(.ium, unit, meeting, date), fields: fields, sections: [
            sinceSection(start, unit: unit, through: date, for: meeting),
            section(QueryKinds.products, products).named("to_present", "Products to present"),
            dueSection(QueryKinds.commissions, outstanding(QueryKinds.commissions, owner: nil, unit: unit, dueBy: next.date),
                       key: "commissions", title: "Commissions due back by the next TT&CG (\(next.date))"),
            section(QueryKinds.requirements, outstanding(QueryKinds.requirements, owner: nil, unit: unit)).retitled("Requirements to review"),
            section(QueryKinds.products, Array(assessments)).named("tactical_assessments", "Recent tactical assessments"),
        ], alwaysTitled: true)
    }

    /// How many of the latest tactical assessments an IUM's agenda shows.
    static let recentAssessments = 3

    /// The unit a product is for: the unit of the meeting it was presented at, else of the meeting
    /// that commissioned it, else its author's.
    func productUnit(_ p: Product) -> String? {
        register.unit(ofMeeting: p.presentedAt)
            ?? p.commission.flatMap { c in register.commissions.index(ofNumber: c).flatMap { register.unit(ofMeeting: register.commissions[$0].meeting) } }
            ?? p.author.flatMap { register.person($0)?.unit }
    }

    /// Whether a record's unit is the one asked for (any, when none is asked for).
    func sameUnit(_ a: String?, _ b: String?) -> Bool {
        b == nil || a?.lowercased() == b?.lowercased()
    }
}

extension Section {
    /// The same section under another key and heading (two of a kind in one pack).
    func named(_ key: String, _ title: String) -> Section {
        var s = self
        s.key = key
        s.title = title
        return s
    }
}
