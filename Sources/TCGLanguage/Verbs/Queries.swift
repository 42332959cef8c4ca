import TCGDomain

/// Queries and reports.
extension CommandTable {
    static let queries: [CommandSpec] = [
        list, count, show, outstanding, agendaNext, agendaMeeting, minutes, strategyReport, performance, calendar, history,
        reportAgenda, reportRegister,
    ]

    static var list: CommandSpec {
        let kind = Arg("kind", .kind), condition = Opt("where", .condition), order = Opt("order", .order), limit = Opt("limit", .integer)
        let group = Opt("group", .fieldName)
        return CommandSpec("list", [Operand(kind, "KIND")],
                           [Clause("where", condition, "EXPR"), Clause("order by", order, "FIELD [asc|desc] [, ...]"),
                            Clause("limit", limit, "N"), Clause("group by", group, "FIELD")],
                           effect: .query, topic: "queries",
                           "List records of a kind, filtered, sorted and limited; `group by` lists them under each value of a field (after `limit`).",
                           ["list actions where overdue order by due", "list actions where owner = \"Sgt Bea Cole\" and status = open",
                            "list commissions where due < today + 14d order by due desc limit 5",
                            "list actions where outstanding and due - today <= 7 order by due group by owner"]) { c throws(Diagnostic) in
            let schema = try c(kind)
            let grouping = try c(group).map { (g) throws(Diagnostic) in try c.interpreter.field(g.name, schema, g.range) }
            var rows = try c.interpreter.select(schema, where: c(condition), c.frame)
            if let keys = try c(order) { rows = try c.interpreter.sort(rows, by: keys, schema) }
            if let n = try c(limit) {
                guard n >= 0 else { throw Diagnostic(.error, "limit needs a whole number, 0 or more", range: c.range) }
                rows = Array(rows.prefix(n))
            }
            if let grouping {
                let groups = c.interpreter.groups(rows, by: grouping)
                rows = groups.flatMap(\.rows)
                if c.printing { c.show(.document(c.interpreter.groupedDocument(schema, groups, by: grouping))) }
            } else if c.printing {
                c.show(.document(Document(shape: .list, sections: [c.interpreter.section(schema, rows)])))
            }
            let r = c.register
            return .list(rows.map { i in schema.id(r, i).map { .id($0) } ?? (schema.field("name")?.get(r, i)?.value ?? .none) })
        }
    }

    static var count: CommandSpec {
        let kind = Arg("kind", .kind), condition = Opt("where", .condition), group = Opt("group", .fieldName)
        return CommandSpec("count", [Operand(kind, "KIND")], [Clause("where", condition, "EXPR"), Clause("group by", group, "FIELD")],
                           effect: .query, topic: "queries",
                           "Count records of a kind; prints a bare integer. With `group by`, a row per value of the field with its count (as a value, a list of [VALUE, COUNT] pairs).",
                           ["count actions where overdue", "count priorities where status = active",
                            "count actions where outstanding group by owner"]) { c throws(Diagnostic) in
            let schema = try c(kind)
            let grouping = try c(group).map { (g) throws(Diagnostic) in try c.interpreter.field(g.name, schema, g.range) }
            let rows = try c.interpreter.select(schema, where: c(condition), c.frame)
            guard let grouping else {
                if c.printing { c.show(.value(.int(rows.count))) }
                return .int(rows.count)
            }
            let groups = c.interpreter.groups(rows, by: grouping)
            if c.printing {
                c.show(.document(Document(shape: .list, sections: [c.interpreter.countSection(schema, groups, by: grouping)])))
            }
            return .list(groups.map { .list([$0.value?.value ?? .none, .int($0.rows.count)]) })
        }
    }

    static var show: CommandSpec {
        let id = Arg("id", .id(RecordKind.allCases))
        return CommandSpec("show", [Operand(id, "ID")], effect: .query, topic: "queries",
                           "Show one record with everything the register holds about it.", ["show A-3", "show DP-1"]) { c throws(Diagnostic) in
            let rid = try c(id)
            let reports = c.reports
            if c.printing { c.show(.document(reports.show(rid))) }
            return .id(rid)
        }
    }

    static var outstanding: CommandSpec {
        let kind = Opt("kind", .choice(VerbWords.outstandingKinds)), person = Opt("for", .person), unit = Opt("unit", .unit)
        return CommandSpec("outstanding", [Operand(kind, "actions|commissions|requirements|reviews|escalations")],
                           [Clause("for", person, "PERSON"), Clause("unit", unit, "NAME")],
                           effect: .query, topic: "queries", "What is outstanding (open or commissioned), overdue first.",
                           ["outstanding", "outstanding actions for \"Sgt Bea Cole\"", "outstanding commissions unit East"]) { c throws(Diagnostic) in
            let kinds = try c(kind).flatMap { k in QueryKinds.schema(k).map { [$0] } }
                ?? Register.outstandingKinds.compactMap { QueryKinds.schema(for: $0) }
            let who = try c(person), u = try c(unit)
            let reports = c.reports, r = c.register
            var ids: [Value] = []
            var sections: [Section] = []
            for schema in kinds {
                let rows = reports.outstanding(schema, owner: who, unit: u)
                ids += rows.compactMap { schema.id(r, $0).map { .id($0) } }
                sections.append(reports.dueSection(schema, rows, key: schema.name, title: "Outstanding \(schema.name)"))
            }
            if c.printing { c.show(.document(Document(shape: .list, sections: sections, alwaysTitled: kinds.count > 1))) }
            return .list(ids)
        }
    }

    static var agendaNext: CommandSpec {
        let kind = Arg("kind", .choice(VerbWords.meetingKinds)), unit = Opt("unit", .unit)
        return CommandSpec("agenda next", [Operand(kind, Meeting.Kind.keywords.joined(separator: "|"))], [Clause("unit", unit, "NAME")],
                           effect: .query, topic: "queries",
                           "The agenda pack for the next meeting of a kind (a planned one, else the date the T&C policy makes it due), opening with what happened since the unit's previous meeting of that kind. An ST&CG, TT&CG or PSG sees overdue and due actions by owner, commissions due back, plans due for review, open escalations, requirements to review, the last IUM's recommendations; a DMM what is due that day or the next, actions updated since the day before and fast-track decisions since the last DMM; an IUM products to present, commissions due back by the next TT&CG, requirements to review and recent tactical assessments.",
                           ["agenda next ttcg unit East", "agenda next dmm unit East", "agenda next psg unit EastCSP"]) { c throws(Diagnostic) in
            if c.printing { c.show(.document(try nextAgenda(c, kind: c(kind), unit: c(unit)))) }
            return .none
        }
    }

    static var agendaMeeting: CommandSpec {
        let meeting = Arg("meeting", .record(.meeting))
        return CommandSpec("agenda", [Operand(meeting, "M-n")], effect: .query, topic: "queries",
                           "The agenda pack for a given meeting, of its kind (as `agenda next`), opening with what happened since the unit's previous meeting of its kind.", ["agenda M-4"]) { c throws(Diagnostic) in
            let m = try c(meeting)
            guard let i = c.register.meetings.index(ofNumber: m) else { throw Diagnostic(.unknownRecord(RecordID(.meeting, m)), range: c.range, register: c.register) }
            let found = c.register.meetings[i]
            if c.printing {
                let trail = try c.auditTrail()
                let performance = found.kind == .stcg ? performanceSection(c, unit: found.unit, trail: trail) : nil
                c.show(.document(try c.reportsWithTrail(trail).agenda(kind: found.kind, unit: found.unit, meeting: found, date: found.date, performance: performance)))
            }
            return .none
        }
    }

    static var minutes: CommandSpec {
        let meeting = Arg("meeting", .record(.meeting))
        return CommandSpec("minutes", [Operand(meeting, "M-n")], effect: .query, topic: "queries",
                           "A meeting's minutes: attendance, decisions with rationale and date, what it tasked, and what was recorded at it (progress, completions, presentations, requirement reviews, escalations answered, handovers and reassignments).", ["minutes M-2"]) { c throws(Diagnostic) in
            let m = try c(meeting)
            if c.printing { c.show(.document(try c.reportsWithTrail().minutes(m))) }
            return .id(RecordID(.meeting, m))
        }
    }

    static var strategyReport: CommandSpec {
        let unit = Opt("unit", .unit)
        return CommandSpec("strategy", [], [Clause("unit", unit, "NAME")], effect: .query, topic: "queries",
                           "The current control strategy: priorities with owners and rationale, rejected candidates.",
                           ["strategy", "strategy unit Westshire"]) { c throws(Diagnostic) in
            let u = try c(unit)
            if c.printing { c.show(.document(c.reports.strategy(unit: u))) }
            return .list(c.register.priorities.filter { $0.status == .active && (u == nil || $0.unit == u) }.map { .id($0.id) })
        }
    }

    static var performance: CommandSpec {
        let unit = Opt("unit", .unit), since = Opt("since", .date)
        return CommandSpec("performance", [], [Clause("unit", unit, "NAME"), Clause("since", since, "DATE")], effect: .query, topic: "queries",
                           "How the control strategy is doing: per active priority and PIER strand, plans, actions open, overdue and done, done on time, results recorded; a listed strand without actions is a gap.",
                           ["performance", "performance unit East since 2027-01-01"]) { c throws(Diagnostic) in
            let u = try c(unit), from = try c(since)
            if c.printing { c.show(.document(c.reports.performance(unit: u, since: from, completed: Register.completionDays(in: try c.auditTrail())))) }
            return .none
        }
    }

    static var calendar: CommandSpec {
        let unit = Opt("unit", .unit)
        return CommandSpec("calendar", [], [Clause("unit", unit, "NAME")], effect: .query, topic: "queries",
                           "When each unit's ST&CG, TT&CG and PSG met and when the next is due (R9); a partnership's PSG every quarter unless its policy says otherwise.",
                           ["calendar", "calendar unit East"]) { c throws(Diagnostic) in
            let u = try c(unit)
            if c.printing { c.show(.document(c.reports.calendar(unit: u))) }
            return .none
        }
    }

    static var history: CommandSpec {
        let id = Opt("id", .anyID(RecordKind.allCases)), since = Opt("since", .date)
        return CommandSpec("history", [Operand(id, "ID")], [Clause("since", since, "DATE")], effect: .query, topic: "queries",
                           "The audit trail: who changed what, when and from where; of one record or the whole register.",
                           ["history A-3", "history since today-7d"]) { c throws(Diagnostic) in
            let rid = try c(id), from = try c(since)
            if c.printing { c.show(.document(try c.reportsWithTrail().history(of: rid, since: from))) }
            return .none
        }
    }

    static var reportAgenda: CommandSpec {
        let kind = Arg("kind", .choice(VerbWords.meetingKinds)), unit = Opt("unit", .unit)
        let path = Arg("to", .path)
        return CommandSpec("report agenda next", [Operand(kind, Meeting.Kind.keywords.joined(separator: "|"))], [Clause("unit", unit, "NAME"), Clause("to", path, "FILE.html|FILE.md")],
                           effect: .report, topic: "queries",
                           "Write the agenda pack (its \"Since the last meeting\" first) as one self-contained, printable HTML page (or Markdown for e-mail).",
                           ["report agenda next ttcg unit East to east-pack.html"]) { c throws(Diagnostic) in
            let u = try c(unit)
            try writeReport(c, to: c(path), unit: u, try nextAgenda(c, kind: c(kind), unit: u), extra: nil)
            return .string(try c(path))
        }
    }

    static var reportRegister: CommandSpec {
        let unit = Opt("unit", .unit), path = Arg("to", .path)
        return CommandSpec("report register", [], [Clause("unit", unit, "NAME"), Clause("to", path, "FILE.html|FILE.md")],
                           effect: .report, topic: "queries",
                           "Write the register's overview (strategy, outstanding work by owner, timeline of each unit) as HTML or Markdown.",
                           ["report register to register.html"]) { c throws(Diagnostic) in
            let u = try c(unit)
            var overview = c.reports.strategy(unit: u)
            overview.sections.append(performanceSection(c, unit: u, trail: try c.auditTrail()))
            try writeReport(c, to: c(path), unit: u, overview, extra: c.reports.calendar(unit: u))
            return .string(try c(path))
        }
    }

    /// The agenda pack for the next meeting of a kind (a planned one, else when the policy says it is due).
    static func nextAgenda(_ c: Call, kind: Meeting.Kind, unit: String?) throws(Diagnostic) -> Document {
        let next = c.register.nextMeeting(kind: kind, unit: unit, today: c.today)
        let u = unit ?? next.meeting?.unit
        let trail = try c.auditTrail()
        let performance = kind == .stcg ? performanceSection(c, unit: u, trail: trail) : nil
        return try c.reportsWithTrail(trail).agenda(kind: kind, unit: u, meeting: next.meeting, date: next.date, performance: performance)
    }

    /// The performance section of a unit's control strategy (all units' when nil), for the packs,
    /// the day each action was done read from `trail`, the whole audit trail.
    static func performanceSection(_ c: Call, unit: String?, trail: [AuditEntry]) -> Section {
        c.reports.performanceSection(unit: unit, since: nil, completed: Register.completionDays(in: trail))
    }

    /// Renders a report page and leaves it for the session to write once the script has committed.
    static func writeReport(_ c: Call, to path: String, unit: String?, _ doc: Document, extra: Document?) throws(Diagnostic) {
        let lower = path.lowercased()
        let markdown = lower.hasSuffix(".md")
        guard markdown || lower.hasSuffix(".html") || lower.hasSuffix(".htm") else {
            throw Diagnostic(.error, "a report is written to a .html or .md file, not \(path)", range: c.range,
                             help: "write … to pack.html (printable page) or … to pack.md (for e-mail)")
        }
        let page = HTMLReport(register: c.register, today: c.today, unit: unit)
        let bytes = markdown ? Array(page.markdown(doc, extra: extra).utf8) : Array(page.html(doc, extra: extra).utf8)
        c.interpreter.fileToWrite(path, bytes)
    }
}
