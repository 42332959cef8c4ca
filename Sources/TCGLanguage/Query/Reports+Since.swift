import TCGDomain

/// The first section of every agenda pack: what happened since the unit's previous meeting of the
/// same kind. Dates are exact: a completion, cancellation or delivery is dated by the audit entry
/// that made it (the register's clock then); a decision, an escalation or a presentation by its
/// meeting; a product by its own date.
extension Reports {
    /// The columns of the "Since the last meeting" section.
    static let sinceColumns = ["date", "id", "event", "title", "detail", "owner", "meeting"]

    /// Where a pack's "Since the last meeting" starts: the unit's last meeting of `kind` dated before
    /// `date`, else the start of the register (its first audit entry shown, else its first meeting).
    func since(kind: Meeting.Kind, unit: String?, before date: Day) -> (meeting: Meeting?, from: Day) {
        let u = unit?.lowercased()
        let previous = register.meetings.filter { $0.kind == kind && $0.date < date && (u == nil || $0.unit?.lowercased() == u) }
            .max { ($0.date, $0.number) < ($1.date, $1.number) }
        if let previous { return (previous, previous.date) }
        let start = trail.first?.day ?? register.meetings.map(\.date).min() ?? date
        return (nil, min(start, date))
    }

    /// The fields that say where the section starts: `since` (a date) and `since_meeting` (M-n, when there is one).
    func sinceFields(_ start: (meeting: Meeting?, from: Day)) -> [(String, FieldValue)] {
        [("since", .date(start.from))] + (start.meeting.map { [("since_meeting", .id($0.id))] } ?? [])
    }

    /// What happened from `from` to `through` (both days included) that a pack for `unit` reports:
    /// actions done or cancelled, commissions delivered or cancelled, products delivered or
    /// presented, decisions taken at IUMs and DMMs, escalations raised or answered, and amendments;
    /// oldest first. Business recorded at the previous meeting or at `meeting` itself (the one the
    /// pack is for) is in those meetings' minutes, not news, and is left out.
    func sinceSection(_ start: (meeting: Meeting?, from: Day), unit: String?, through: Day, for meeting: Meeting?) -> Section {
        let from = start.from
        func inWindow(_ d: Day) -> Bool { d >= from && d <= through }
        let escalated = unit.map { register.escalatedItems(to: $0) } ?? []
        func ofUnit(_ schema: KindSchema, _ i: Int) -> Bool {
            unit.map { belongs(schema, i, to: $0, escalated: escalated) } ?? true
        }
        func meetingDate(_ n: Int?) -> Day? { n.flatMap { register.meetings.index(ofNumber: $0) }.map { register.meetings[$0].date } }
        let lastDay = lastChangeDays()
        var rows: [(order: Int, row: [FieldValue?])] = []
        func add(_ order: Int, _ date: Day, _ id: RecordID, _ event: String, _ title: String?, _ detail: String?, owner: Int?, meeting: Int?) {
            rows.append((order, [.date(date), .id(id), .word(event), title.map { .text($0) }, detail.map { .text($0) },
                                 owner.map { .person($0, register.name(of: $0)) }, meeting.map { .id(RecordID(.meeting, $0)) }]))
        }
        for (i, a) in register.actions.enumerated() where a.status != .open && ofUnit(QueryKinds.actions, i) {
            let event = a.status == .done ? "done" : "cancelled"
            guard let (day, venue) = lastDay[LastChange(id: a.id, event: event)], inWindow(day) else { continue }
            add(0, day, a.id, event, a.title, a.result, owner: a.owner, meeting: venue)
        }
        for (i, c) in register.commissions.enumerated() where c.status != .commissioned && ofUnit(QueryKinds.commissions, i) {
            let event = c.status == .delivered ? "delivered" : "cancelled"
            guard let (day, venue) = lastDay[LastChange(id: c.id, event: event)], inWindow(day) else { continue }
            add(1, day, c.id, event, c.title, c.note, owner: c.assignee, meeting: venue)
        }
        for p in register.products {
            if inWindow(p.date), productOf(unit, p) {
                add(2, p.date, p.id, "delivered", p.title, p.commission.map { "for C-\($0)" }, owner: p.author, meeting: nil)
            }
            for m in p.presentations {
                guard let mi = register.meetings.index(ofNumber: m), inWindow(register.meetings[mi].date) else { continue }
                let meeting = register.meetings[mi]
                guard unit == nil || meeting.unit?.lowercased() == unit?.lowercased() else { continue }
                add(3, meeting.date, p.id, "presented", p.title, p.recommends.map { "recommends: \($0)" }, owner: p.author, meeting: m)
            }
        }
        for (i, d) in register.decisions.enumerated() where ofUnit(QueryKinds.decisions, i) {
            guard let mi = register.meetings.index(ofNumber: d.meeting) else { continue }
            let meeting = register.meetings[mi]
            guard meeting.kind == .ium || meeting.kind == .dmm, inWindow(meeting.date) else { continue }
            add(4, meeting.date, d.id, "decided", d.text, d.rationale, owner: nil, meeting: d.meeting)
        }
        for (i, e) in register.escalations.enumerated() where ofUnit(QueryKinds.escalations, i) {
            let title: String
            switch e.subject {
            case .record(let rid): title = register.title(of: rid).map { "\(rid) \($0)" } ?? rid.description
            case .text(let t): title = t
            }
            if let day = meetingDate(e.meeting), inWindow(day) {
                add(5, day, e.id, "escalated", title, "\(e.from) to \(e.to): \(e.rationale)", owner: nil, meeting: e.meeting)
            }
            if e.status != .open, let day = meetingDate(e.decidedAt), inWindow(day) {
                add(6, day, e.id, e.status == .accepted ? "accepted" : "declined", title, e.declineRationale, owner: nil, meeting: e.decidedAt)
            }
        }
        for row in amendmentRows(from: from, through: through, unit: unit) { rows.append((7, row)) }
        let minuted = [meeting?.id, start.meeting?.id].compactMap { $0 }.map { FieldValue.id($0) }
        rows.removeAll { row in row.row[6].map { minuted.contains($0) } ?? false }
        rows.sort { a, b in
            guard case .date(let x)? = a.row[0], case .date(let y)? = b.row[0] else { return false }
            if x != y { return x < y }
            if a.order != b.order { return a.order < b.order }
            return Reports.order(a.row[1], b.row[1]) < 0
        }
        let title = start.meeting.map { "Since the last meeting (\($0.id) on \($0.date))" } ?? "Since the last meeting (the start of the register, \(from))"
        return Section(key: "since_last_meeting", title: title, columns: Reports.sinceColumns, rows: rows.map(\.row),
                       tableColumns: ["date", "id", "event", "title", "detail", "owner", "meeting"])
    }

    /// Whether a product is a unit's: the unit of the meeting that commissioned it or of one it
    /// was presented at; a product with neither is everyone's.
    func productOf(_ unit: String?, _ p: Product) -> Bool {
        guard let u = unit?.lowercased() else { return true }
        let commissioned = p.commission.flatMap { register.commissions.index(ofNumber: $0) }.map { register.commissions[$0].meeting }
        let units = ([commissioned].compactMap { $0 } + p.presentations).compactMap { register.unit(ofMeeting: $0)?.lowercased() }
        return units.isEmpty || units.contains(u)
    }

    /// The amendments (`amend ID FIELD VALUE … rationale`) made from `from` through `through` to
    /// records of `unit`: rows in `sinceColumns` order, event `amended`, detail `FIELD OLD -> NEW: WHY`.
    func amendmentRows(from: Day, through: Day, unit: String?) -> [[FieldValue?]] {
        let escalated = unit.map { register.escalatedItems(to: $0) } ?? []
        return register.amendments(from: from, through: through).compactMap { found in
            if let unit, let schema = QueryKinds.schema(for: found.id.kind), let i = index(of: found.id),
               !belongs(schema, i, to: unit, escalated: escalated) { return nil }
            let a = found.amendment
            let detail = "\(a.field.keyword) \(register.auditText(a.old)) -> \(register.auditText(a.new)): \(a.rationale)"
            return [.date(a.day), .id(found.id), .word("amended"), nil, .text(detail), nil, a.meeting.map { .id(RecordID(.meeting, $0)) }]
        }
    }

    /// A record and what last happened to it, as the audit trail words it.
    struct LastChange: Hashable {
        let id: RecordID
        let event: String
    }

    /// The day of the last audit entry that marked each action or commission done, delivered or
    /// cancelled, and the meeting it was recorded at (`complete A-n … at M-n`) if any; a later undo
    /// or reopen leaves the record in another state, which the caller checks.
    func lastChangeDays() -> [LastChange: (Day, Int?)] {
        var days: [LastChange: (Day, Int?)] = [:]
        for entry in trail {
            let venue = entry.ids.first { $0.kind == .meeting }?.number
            for id in entry.ids where id.kind == .action || id.kind == .commission {
                for change in entry.changes {
                    if change == "\(id) status open -> done" {
                        days[LastChange(id: id, event: "done")] = (entry.day, venue)
                    } else if change == "\(id) status commissioned -> delivered" {
                        days[LastChange(id: id, event: "delivered")] = (entry.day, venue)
                    } else if change.hasPrefix("\(id) cancelled: ") {
                        days[LastChange(id: id, event: "cancelled")] = (entry.day, venue)
                    }
                }
            }
        }
        return days
    }
}
