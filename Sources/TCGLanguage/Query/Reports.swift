import TCGDomain

/// Builds the documents the report queries print: show, outstanding, agenda, minutes, strategy,
/// calendar and history. Pure: reads the register, prints nothing. Under `--max-marking` the
/// register it is given is the session's visible view, so it has nothing hidden to leave out.
public struct Reports {
    let register: Register
    let today: Day
    /// The audit trail as the session may see it (entries naming hidden records left out), for the
    /// reports that date what happened; empty for those that do not read it.
    var trail: [AuditEntry] = []

    /// Orders two optional field values (absent last).
    static func order(_ a: FieldValue?, _ b: FieldValue?) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return 1
        case (_, nil): return -1
        case (.date(let x)?, .date(let y)?): return x.number - y.number
        case (.int(let x)?, .int(let y)?): return x - y
        case (.id(let x)?, .id(let y)?):
            if x.kind != y.kind { return x.kind.prefix < y.kind.prefix ? -1 : 1 }
            return x.number - y.number
        case (let x?, let y?):
            let l = x.display.lowercased(), r = y.display.lowercased()
            return l == r ? 0 : (l < r ? -1 : 1)
        }
    }

    /// Whether a record belongs to a unit: made at the unit's meeting, or escalated to it and still open (R12).
    func belongs(_ schema: KindSchema, _ i: Int, to unit: String, escalated: Set<RecordID>) -> Bool {
        let u = unit.lowercased()
        if schema.record == .escalation {
            let e = register.escalations[i]
            return e.from.lowercased() == u || e.to.lowercased() == u
        }
        if schema.unit?(register, i)?.lowercased() == u { return true }
        if let id = schema.id(register, i), escalated.contains(id) { return true }
        return false
    }

    /// The outstanding records of a kind, for an owner and a unit, soonest due first.
    func outstanding(_ schema: KindSchema, owner: Int?, unit: String?, dueBy: Day? = nil) -> [Int] {
        guard let isOutstanding = schema.outstanding else { return [] }
        let escalated = unit.map { register.escalatedItems(to: $0) } ?? []
        var rows: [Int] = []
        for i in 0..<schema.count(register) where isOutstanding(register, i) {
            if let owner, schema.owner?(register, i) != owner { continue }
            if let unit, !belongs(schema, i, to: unit, escalated: escalated) { continue }
            if let dueBy {
                guard let d = schema.due?(register, i), d <= dueBy else { continue }
            }
            rows.append(i)
        }
        if let due = schema.due {
            rows.sort { (due(register, $0)?.number ?? Int.max, $0) < (due(register, $1)?.number ?? Int.max, $1) }
        }
        return rows
    }

    /// A section of records with the record's fields, plus, for a kind with a due date, a `late`
    /// column in tables ("3d") and `overdue` and `late_days` in JSON and CSV.
    func dueSection(_ schema: KindSchema, _ rows: [Int], key: String, title: String, leading: [String] = []) -> Section {
        let fields = schema.outputFields
        var columns = fields.map(\.name)
        var table = schema.tableColumns
        let dated = schema.due != nil
        if dated {
            columns += ["late"] + KindSchema.lateColumns
            table.append("late")
        }
        table = leading + table.filter { !leading.contains($0) }
        let data: [[FieldValue?]] = rows.map { i in
            var row = fields.map { $0.get(register, i) }
            if dated {
                let late = schema.daysLate(register, i, today: today)
                row.append(late.map { .text("\($0)d") })
                row += schema.lateCells(register, i, today: today)
            }
            return row
        }
        var section = Section(key: key, title: title, columns: columns, rows: data, tableColumns: table,
                              displayOnly: dated ? ["late"] : [])
        if dated { section.machineOnly = Set(KindSchema.lateColumns) }
        return section
    }

    func recordFields(_ schema: KindSchema, _ i: Int) -> [(String, FieldValue)] {
        schema.outputFields.compactMap { f in f.get(register, i).map { (f.name, $0) } }
    }

    func notes(_ key: String, _ title: String, _ notes: [Note]) -> Section {
        Section(key: key, title: title, columns: ["date", "text", "meeting"],
                rows: notes.map { [.date($0.date), .text($0.text), $0.meeting.map { .id(RecordID(.meeting, $0)) }] })
    }

    func rows(_ schema: KindSchema, _ test: (Int) -> Bool) -> [Int] {
        (0..<schema.count(register)).filter(test)
    }

    /// `show ID`: every field of one record, and what hangs off it.
    func show(_ id: RecordID) -> Document {
        guard let schema = QueryKinds.schema(for: id.kind), let i = index(of: id) else {
            return Document(shape: .object, title: id.description)
        }
        var doc = Document(shape: .object, title: "\(id.kind.noun.capitalizedFirst) \(id)", fields: recordFields(schema, i))
        if schema.due != nil {
            // Tables say "overdue: yes" when it is; JSON and CSV always say whether, and by how many days.
            let late = schema.daysLate(register, i, today: today)
            doc.fields.append(("overdue", .bool(late != nil)))
            if let late { doc.fields.append(("late_days", .int(late))) }
            doc.machineOnly = late == nil ? ["overdue"] : ["late_days"]
        }
        switch id.kind {
        case .action:
            let a = register.actions[i]
            doc.sections.append(notes("progress", "Progress", a.progress))
        case .plan:
            let n = register.plans[i].number
            if let note = register.plans[i].note { doc.fields.append(("note", .text(note))) }
            doc.sections.append(Section(key: "plan_reviews", title: "Plan reviews", columns: ["date", "meeting", "outcome", "note", "next"],
                                        rows: register.plans[i].reviews.map { v in
                                            [.date(v.date), .id(RecordID(.meeting, v.meeting)), .word(v.outcome.keyword), .text(v.note), v.next.map { .date($0) }]
                                        }))
            doc.sections.append(dueSection(QueryKinds.actions, rows(QueryKinds.actions) { register.actions[$0].plan == n }, key: "actions", title: "Actions"))
            doc.sections.append(section(QueryKinds.reviews, rows(QueryKinds.reviews) { register.reviews[$0].plan == n }))
            doc.sections.append(section(QueryKinds.requirements, rows(QueryKinds.requirements) { register.requirements[$0].plan == n }))
        case .priority:
            let p = register.priorities[i]
            if let r = p.retiredRationale { doc.fields.append(("retired_rationale", .text(r))) }
            if let m = p.retiredAt { doc.fields.append(("retired_at", .id(RecordID(.meeting, m)))) }
            let plans = rows(QueryKinds.plans) { register.plans[$0].serves == id }
            let subjects = Set([id] + plans.map { register.plans[$0].id })
            doc.sections.append(section(QueryKinds.plans, plans))
            doc.sections.append(section(QueryKinds.requirements, rows(QueryKinds.requirements) { register.requirements[$0].priority == p.number }))
            doc.sections.append(section(QueryKinds.decisions, rows(QueryKinds.decisions) { register.decisions[$0].about.contains { subjects.contains($0) } }))
            doc.sections.append(scoresSection(register.scores(of: id)))
        case .candidate:
            doc.sections.append(scoresSection(register.candidates[i].scores))
            doc.sections.append(section(QueryKinds.requirements, rows(QueryKinds.requirements) { register.requirements[$0].candidate == id.number }))
        case .requirement:
            doc.sections.append(notes("reviews", "Reviews", register.requirements[i].notes))
        case .review:
            let r = register.reviews[i]
            if r.late { doc.fields.append(("flagged", .text("commissioned after its plan started (R7)"))) }
            for (k, v) in [("lessons", r.lessons), ("good_practice", r.goodPractice), ("conclusions", r.conclusions), ("recommendations", r.recommendations)] {
                if let v { doc.fields.append((k, .text(v))) }
            }
        case .escalation:
            let e = register.escalations[i]
            if let m = e.decidedAt { doc.fields.append(("decided_at", .id(RecordID(.meeting, m)))) }
            if let r = e.declineRationale { doc.fields.append(("decline_rationale", .text(r))) }
        case .commission:
            let n = register.commissions[i].number
            doc.sections.append(section(QueryKinds.products, rows(QueryKinds.products) { register.products[$0].commission == n }))
        case .meeting:
            return minutes(id.number)
        default: break
        }
        doc.sections.append(amendments(amendmentsOf(id, i)))
        doc.sections.removeAll { $0.rows.isEmpty && $0.key != "progress" }
        return doc
    }

    /// The amendments kept on record number `i` of `id`'s kind (none for a kind never amended).
    func amendmentsOf(_ id: RecordID, _ i: Int) -> [Amendment] {
        switch id.kind {
        case .action: return register.actions[i].amendments
        case .commission: return register.commissions[i].amendments
        case .plan: return register.plans[i].amendments
        case .requirement: return register.requirements[i].amendments
        case .person: return register.people[i].amendments
        case .product: return register.products[i].amendments
        default: return []
        }
    }

    /// A record's amendments, oldest first: when, which field, old -> new, who, why, and where.
    func amendments(_ list: [Amendment]) -> Section {
        func shown(_ v: Amendment.Value?) -> FieldValue? {
            switch v {
            case .text(let s)?: return .text(s)
            case .day(let d)?: return .date(d)
            case .person(let n)?: return .person(n, register.name(of: n))
            case nil: return nil
            }
        }
        return Section(key: "amendments", title: "Amendments", columns: ["day", "field", "old", "new", "by", "rationale", "meeting"],
                       rows: list.map { a in
                           [.date(a.day), .word(a.field.keyword), shown(a.old), shown(a.new), .text(a.user), .text(a.rationale),
                            a.meeting.map { .id(RecordID(.meeting, $0)) }]
                       })
    }

    /// The records' fields, and for a kind with a due date ``KindSchema/lateColumns`` for JSON and CSV.
    func section(_ schema: KindSchema, _ rows: [Int], title: String? = nil) -> Section {
        let fields = schema.outputFields
        let dated = schema.due != nil
        var section = Section(key: schema.name, title: title ?? schema.name.capitalizedFirst,
                              columns: fields.map(\.name) + (dated ? KindSchema.lateColumns : []),
                              rows: rows.map { i in fields.map { $0.get(register, i) } + (dated ? schema.lateCells(register, i, today: today) : []) },
                              tableColumns: schema.tableColumns)
        if dated { section.machineOnly = Set(KindSchema.lateColumns) }
        return section
    }

    func index(of id: RecordID) -> Int? {
        switch id.kind {
        case .person: return register.people.index(ofNumber: id.number)
        case .meeting: return register.meetings.index(ofNumber: id.number)
        case .product: return register.products.index(ofNumber: id.number)
        case .priority: return register.priorities.index(ofNumber: id.number)
        case .candidate: return register.candidates.index(ofNumber: id.number)
        case .requirement: return register.requirements.index(ofNumber: id.number)
        case .commission: return register.commissions.index(ofNumber: id.number)
        case .plan: return register.plans.index(ofNumber: id.number)
        case .action: return register.actions.index(ofNumber: id.number)
        case .decision: return register.decisions.index(ofNumber: id.number)
        case .escalation: return register.escalations.index(ofNumber: id.number)
        case .review: return register.reviews.index(ofNumber: id.number)
        }
    }

    /// The register's audit head, `#SEQ HASH`, as a field for the packs a meeting keeps: an
    /// anchor a person can file and later check with `tcg verify --head HASH` (none before the
    /// first entry).
    var auditHead: [(String, FieldValue)] {
        register.lastAuditSeq > 0 ? [("audit_head", .text("#\(register.lastAuditSeq) \(register.lastAuditHash)"))] : []
    }

    /// The fields every agenda pack starts with: the meeting, or the date it is due, and the audit head.
    func agendaFields(kind: Meeting.Kind, unit: String?, meeting: Meeting?, date: Day,
                      since start: (meeting: Meeting?, from: Day)) -> [(String, FieldValue)] {
        var fields: [(String, FieldValue)] = []
        if let meeting { fields.append(("meeting", .id(meeting.id))) }
        fields.append(("kind", .word(kind.keyword)))
        if let unit { fields.append(("unit", .text(unit))) }
        fields.append(("date", .date(date)))
        if let chair = meeting?.chair { fields.append(("chair", .person(chair, register.name(of: chair)))) }
        if let title = meeting?.title { fields.append(("title", .text(title))) }
        if meeting == nil {
            let policy = Register.policyGroups.contains(kind)
            fields.append(("note", .text(policy ? "no meeting is planned; this is the date the T&C policy makes it due"
                                                : "no meeting is planned; this is the agenda for today")))
        }
        return fields + sinceFields(start) + auditHead
    }

    /// The agenda pack for a meeting (or the next one due): what it must see. A DMM and an IUM
    /// have packs of their own; a T&C group (ST&CG, TT&CG, PSG) the one below; an ST&CG's and a
    /// PSG's carry the ranked candidates and priorities they decide on, an ST&CG's ends with
    /// `performance`, how its control strategy is doing.
    func agenda(kind: Meeting.Kind, unit: String?, meeting: Meeting?, date: Day, performance: Section? = nil) -> Document {
        switch kind {
        case .dmm: return dmmAgenda(unit: unit, meeting: meeting, date: date)
        case .ium: return iumAgenda(unit: unit, meeting: meeting, date: date)
        case .stcg, .ttcg, .psg: break
        }
        let start = since(kind: kind, unit: unit, before: date)
        let fields = agendaFields(kind: kind, unit: unit, meeting: meeting, date: date, since: start)
        var actions = outstanding(QueryKinds.actions, owner: nil, unit: unit, dueBy: date)
        actions.sort { a, b in
            let x = register.name(of: register.actions[a].owner).lowercased(), y = register.name(of: register.actions[b].owner).lowercased()
            return x != y ? x < y : (register.actions[a].due, a) < (register.actions[b].due, b)
        }
        let commissions = outstanding(QueryKinds.commissions, owner: nil, unit: unit, dueBy: date)
        let escalated = unit.map { register.escalatedItems(to: $0) } ?? []
        let plans = rows(QueryKinds.plans) { i in
            let p = register.plans[i]
            guard p.status == .active, let r = p.review, r <= date else { return false }
            return unit.map { belongs(QueryKinds.plans, i, to: $0, escalated: escalated) } ?? true
        }
        let escalations = outstanding(QueryKinds.escalations, owner: nil, unit: unit)
        let requirements = outstanding(QueryKinds.requirements, owner: nil, unit: unit).filter { i in
            kind == .stcg || register.requirements[i].level == .tactical || unit == nil || true
        }
        var recs: [[FieldValue?]] = []
        if let ium = register.lastIUM(unit: unit, before: min(date, max(today, date))) {
            for p in register.products where p.presentations.contains(ium.number) {
                recs.append([.id(ium.id), .id(p.id), .text(p.title), p.recommends.map { .text($0) }])
            }
            for d in register.decisions where d.meeting == ium.number {
                recs.append([.id(ium.id), .id(d.id), .text(d.text), d.rationale.map { .text($0) }])
            }
        }
        return Document(shape: .object, title: agendaTitle(kind, unit, meeting, date), fields: fields, sections: [
            sinceSection(start, unit: unit, through: date, for: meeting),
            dueSection(QueryKinds.actions, actions, key: "actions", title: "Overdue and due actions, by owner", leading: ["owner"]),
            dueSection(QueryKinds.commissions, commissions, key: "commissions", title: "Commissions due back"),
            section(QueryKinds.plans, plans).retitled("Plans due for review"),
            section(QueryKinds.escalations, escalations).retitled("Open escalations"),
            section(QueryKinds.requirements, requirements).retitled("Requirements to review"),
            Section(key: "recommendations", title: "Recommendations from the last IUM", columns: ["meeting", "id", "title", "recommends"], rows: recs),
        ] + (Register.strategyGroup.contains(kind) ? [rankingSection(register.ranking(unit: unit, priorities: true),
                                                                      title: "Candidates and priorities ranked")] : [])
          + (kind == .stcg ? performance.map { [$0] } ?? [] : []), alwaysTitled: true)
    }

    /// "Agenda: TT&CG East on 2027-03-10 (M-2)".
    func agendaTitle(_ kind: Meeting.Kind, _ unit: String?, _ meeting: Meeting?, _ date: Day) -> String {
        "Agenda: \(kind.title)\(unit.map { " \($0)" } ?? "") on \(date)\(meeting.map { " (\($0.id))" } ?? "")"
    }

    /// The control strategy: active priorities with owners and rationale, rejected candidates, strategic requirements.
    func strategy(unit: String?) -> Document {
        let u = unit?.lowercased()
        let priorities = rows(QueryKinds.priorities) { i in
            register.priorities[i].status == .active && (u == nil || register.priorities[i].unit?.lowercased() == u)
        }
        let candidates = rows(QueryKinds.candidates) { i in
            register.candidates[i].status == .rejected && (u == nil || register.unit(ofMeeting: register.candidates[i].meeting)?.lowercased() == u)
        }
        let requirements = rows(QueryKinds.requirements) { i in
            let r = register.requirements[i]
            return r.level == .strategic && r.status == .open && (u == nil || register.unit(ofMeeting: r.meeting)?.lowercased() == u)
        }
        var fields: [(String, FieldValue)] = []
        if let unit { fields.append(("unit", .text(unit))) }
        var p = section(QueryKinds.priorities, priorities).retitled("Priorities")
        p.tableColumns = ["id", "title", "owner", "rationale", "unit", "strands"]
            + (priorities.contains { !register.scores(of: register.priorities[$0].id).isEmpty } ? ["score", "band"] : [])
        var c = section(QueryKinds.candidates, candidates).retitled("Rejected candidates")
        c.tableColumns = ["id", "title", "rationale", "meeting"]
        return Document(shape: .object, title: "Control strategy\(unit.map { " of \($0)" } ?? "")", fields: fields,
                        sections: [p, c, section(QueryKinds.requirements, requirements).retitled("Strategic intelligence requirements")],
                        alwaysTitled: true)
    }

    /// The T&C calendar (R9).
    func calendar(unit: String?) -> Document {
        let entries = register.calendar(today: today, unit: unit)
        let rows: [[FieldValue?]] = entries.map { e in
            [.text(e.unit), .word(e.group.keyword), .text(e.every.description), e.last.map { .date($0) }, .int(e.held),
             e.nextDue.map { .date($0) }, e.planned.map { .date($0) }, .word(e.status.keyword), .list(e.met.map { .date($0) }),
             e.duplicates.isEmpty ? nil : .list(e.duplicates.map { .id($0) })]
        }
        return Document(shape: .list, title: "T&C calendar on \(today)", sections: [
            Section(key: "calendar", title: "Calendar",
                    columns: ["unit", "group", "every", "last", "held", "next_due", "planned", "status", "met", "duplicates"],
                    rows: rows, tableColumns: ["unit", "group", "every", "last", "held", "next_due", "planned", "status"]
                        + (entries.contains { !$0.duplicates.isEmpty } ? ["duplicates"] : [])),
        ])
    }

    /// The audit trail (``trail``), of one record or all, since a date. A record's trail shows
    /// each entry's changes in tables too (an amendment's old -> new).
    func history(of id: RecordID?, since: Day?) -> Document {
        let entries = trail.filter { e in
            (id == nil || e.ids.contains(id ?? RecordID(.action, 0))) && (since == nil || e.day >= (since ?? e.day))
        }
        let rows: [[FieldValue?]] = entries.map { e in
            [.int(e.seq), .text(e.at), .date(e.day), .text(e.user), .text(e.source), .text(e.statement),
             .list(e.changes.map { .text($0) }), .list(e.ids.map { .id($0) })]
        }
        return Document(shape: .list, title: "History\(id.map { " of \($0)" } ?? "")", sections: [
            Section(key: "history", title: "History", columns: ["seq", "at", "day", "user", "source", "statement", "changes", "ids"],
                    rows: rows, tableColumns: ["seq", "at", "user", "source", "statement"] + (id == nil ? [] : ["changes"])),
        ])
    }
}

extension Section {
    /// The same section under another heading.
    func retitled(_ title: String) -> Section {
        var s = self
        s.title = title
        return s
    }
}

extension String {
    /// The string with its first letter in capitals.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
