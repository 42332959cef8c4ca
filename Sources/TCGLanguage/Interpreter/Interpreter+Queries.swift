import TCGDomain

extension Interpreter {
    /// Answers a query and, unless quiet, prints it. Returns the ids it lists (or the count).
    func query(_ c: Command, _ f: Frame, quiet: Bool) throws(Diagnostic) -> Value {
        switch c.spec.verb {
        case .list:
            let schema = try kind(c)
            var rows = try select(c, schema, f)
            if case .order(let keys)? = c.args["order"] { rows = try sort(rows, by: keys, schema) }
            if let e = c.expr("limit") {
                guard case .int(let n) = try eval(e, f), n >= 0 else {
                    throw Diagnostic(.error, "limit needs a whole number, 0 or more", range: e.range)
                }
                rows = Array(rows.prefix(n))
            }
            if !quiet { sink.emit(.document(Document(shape: .list, sections: [section(schema, rows)])), format: format) }
            return .list(rows.map { i in schema.id(register, i).map { .id($0) } ?? (schema.field("name")?.get(register, i)?.value ?? .none) })
        case .count:
            let schema = try kind(c)
            let n = try select(c, schema, f).count
            if !quiet { sink.emit(.value(.int(n)), format: format) }
            return .int(n)
        case .show:
            let rid = try id(c, "id", RecordKind.allCases, f) ?? RecordID(.action, 0)
            let reports = Reports(register: register, today: today, maxMarking: maxMarking)
            if !reports.visible(rid) {
                throw Diagnostic(.error, "\(rid) is marked above \(maxMarking?.label ?? "") and is not shown", range: c.range,
                                 help: "run without --max-marking to see it (if you may)")
            }
            if !quiet { sink.emit(.document(Reports(register: register, today: today, maxMarking: maxMarking).show(rid)), format: format) }
            return .id(rid)
        case .outstanding:
            let kinds = try choice(c, "kind", f).flatMap { k in QueryKinds.schema(k).map { [$0] } }
                ?? Register.outstandingKinds.compactMap { QueryKinds.schema(for: $0) }
            let who = try person(c, "for", f)
            let u = try unit(c, "unit", f)
            let reports = Reports(register: register, today: today, maxMarking: maxMarking)
            var ids: [Value] = []
            var sections: [Section] = []
            for schema in kinds {
                let rows = reports.outstanding(schema, owner: who, unit: u)
                ids += rows.compactMap { schema.id(register, $0).map { .id($0) } }
                sections.append(reports.dueSection(schema, rows, key: schema.name, title: "Outstanding \(schema.name)"))
            }
            if !quiet {
                sink.emit(.document(Document(shape: .list, sections: sections, alwaysTitled: kinds.count > 1)), format: format)
            }
            return .list(ids)
        case .agendaNext, .agendaMeeting:
            let reports = Reports(register: register, today: today, maxMarking: maxMarking)
            let doc: Document
            if c.spec.verb == .agendaMeeting {
                let m = try id(c, "meeting", [.meeting], f)?.number ?? 0
                guard let i = register.meetings.index(ofNumber: m) else { throw Diagnostic(.unknownRecord(RecordID(.meeting, m)), range: c.range, register: register) }
                let meeting = register.meetings[i]
                doc = reports.agenda(kind: meeting.kind, unit: meeting.unit, meeting: meeting, date: meeting.date)
            } else {
                let kind = Meeting.Kind(keyword: try choice(c, "kind", f) ?? "ttcg") ?? .ttcg
                let u = try unit(c, "unit", f)
                let next = register.nextMeeting(kind: kind, unit: u, today: today)
                doc = reports.agenda(kind: kind, unit: u ?? next.meeting?.unit, meeting: next.meeting, date: next.date)
            }
            if !quiet { sink.emit(.document(doc), format: format) }
            return .none
        case .minutes:
            let m = try id(c, "meeting", [.meeting], f)?.number ?? 0
            if !Reports(register: register, today: today, maxMarking: maxMarking).visible(RecordID(.meeting, m)) {
                throw Diagnostic(.error, "M-\(m) is marked above \(maxMarking?.label ?? "") and is not shown", range: c.range)
            }
            if !quiet { sink.emit(.document(Reports(register: register, today: today, maxMarking: maxMarking).minutes(m)), format: format) }
            return .id(RecordID(.meeting, m))
        case .strategy:
            let u = try unit(c, "unit", f)
            if !quiet { sink.emit(.document(Reports(register: register, today: today, maxMarking: maxMarking).strategy(unit: u)), format: format) }
            return .list(register.priorities.filter { $0.status == .active && (u == nil || $0.unit == u) }.map { .id($0.id) })
        case .calendar:
            let u = try unit(c, "unit", f)
            if !quiet { sink.emit(.document(Reports(register: register, today: today, maxMarking: maxMarking).calendar(unit: u)), format: format) }
            return .none
        case .history:
            let rid = try c.expr("id").map { (e) throws(Diagnostic) in try id(e, RecordKind.allCases, f, mustExist: false) }
            let since = try date(c, "since", f)
            if !quiet {
                let doc: Document
                do { doc = try Reports(register: register, today: today, maxMarking: maxMarking).history(rid, since: since) } catch {
                    throw Diagnostic(.error, "cannot read the audit trail: \(error)", range: c.range)
                }
                sink.emit(.document(doc), format: format)
            }
            return .none
        case .reportAgenda, .reportRegister:
            let path = try text(c, "to", f) ?? ""
            let u = try unit(c, "unit", f)
            let reports = Reports(register: register, today: today, maxMarking: maxMarking)
            let doc: Document
            var register: Document?
            if c.spec.verb == .reportAgenda {
                let kind = Meeting.Kind(keyword: try choice(c, "kind", f) ?? "ttcg") ?? .ttcg
                let next = self.register.nextMeeting(kind: kind, unit: u, today: today)
                doc = reports.agenda(kind: kind, unit: u ?? next.meeting?.unit, meeting: next.meeting, date: next.date)
            } else {
                doc = reports.strategy(unit: u)
                register = reports.calendar(unit: u)
            }
            let markdown = path.lowercased().hasSuffix(".md")
            guard markdown || path.lowercased().hasSuffix(".html") || path.lowercased().hasSuffix(".htm") else {
                throw Diagnostic(.error, "a report is written to a .html or .md file, not \(path)", range: c.range,
                                 help: "write … to \"pack.html\" (printable page) or … to \"pack.md\" (for e-mail)")
            }
            let page = HTMLReport(register: self.register, today: today, unit: u, maxMarking: maxMarking)
            let bytes = markdown ? Array(page.markdown(doc, extra: register).utf8) : Array(page.html(doc, extra: register).utf8)
            do { try writeFile(path, bytes) } catch {
                throw Diagnostic(.error, "cannot write the report to \(path): \(error)", range: c.range)
            }
            if !quiet { sink.emit(.text("wrote \(path)"), format: format) }
            return .string(path)
        default:
            return .none
        }
    }

    func kind(_ c: Command) throws(Diagnostic) -> KindSchema {
        guard case .word(let name, let range)? = c.expr("kind"), let schema = QueryKinds.schema(name) else {
            throw Diagnostic(.error, "expected what to list (actions, plans, …)", range: c.range)
        }
        _ = range
        return schema
    }

    /// The indexes of the records of a kind that satisfy the command's `where`.
    func select(_ c: Command, _ schema: KindSchema, _ f: Frame) throws(Diagnostic) -> [Int] {
        let n = schema.count(register)
        let max = maxMarking
        guard let e = c.expr("where") else { return (0..<n).filter { schema.visible(register, $0, under: max) } }
        let test = try predicate(e, schema, f)
        let r = register
        var out: [Int] = []
        for i in 0..<n where test(r, i) && schema.visible(r, i, under: max) { out.append(i) }
        return out
    }

    func sort(_ rows: [Int], by keys: [OrderKey], _ schema: KindSchema) throws(Diagnostic) -> [Int] {
        var fields: [(Field, Bool)] = []
        for k in keys { fields.append((try field(k.field, schema, k.range), k.descending)) }
        let r = register
        let decorated = rows.map { i in (i, fields.map { $0.0.get(r, i) }) }
        return decorated.sorted { a, b in
            for (n, (_, desc)) in fields.enumerated() {
                let c = Reports.order(a.1[n], b.1[n])
                if c != 0 { return desc ? c > 0 : c < 0 }
            }
            return a.0 < b.0
        }.map(\.0)
    }

    func section(_ schema: KindSchema, _ rows: [Int]) -> Section {
        let fields = schema.outputFields
        let r = register
        return Section(key: schema.name, title: schema.name, columns: fields.map(\.name),
                       rows: rows.map { i in fields.map { $0.get(r, i) } }, tableColumns: schema.tableColumns)
    }
}
