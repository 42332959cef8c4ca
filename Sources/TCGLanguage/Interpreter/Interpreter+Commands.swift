import TCGDomain

extension Interpreter {
    /// Runs one command: queries answer, changes go to the register and the audit trail.
    func runCommand(_ c: Command, _ frame: Frame, quiet: Bool) throws(Diagnostic) -> Value {
        // Keeping the state before each change costs a copy of what the change touches, so it is
        // kept only where `undo` can use it (the REPL, or a script that says undo).
        let before: Register? = keepsUndo && c.spec.changes ? register : nil
        let result: Value
        do {
            result = try dispatch(c, frame, quiet: quiet)
        } catch let d {
            _ = register.takePending()
            throw d
        }
        if c.spec.changes, c.spec.verb != .undo {
            let entriesBefore = register.audit.count
            audit(c, frame)
            if let before, register.audit.count != entriesBefore {
                let seq = inPlace { r in r.lastAuditSeq }
                undoStack.append(UndoPoint(before: before, afterSeq: seq, statement: statementText(c, frame.source),
                                           ids: register.audit.last?.ids ?? []))
                if undoStack.count > 100 { undoStack.removeFirst() }
            }
        }
        if case .id(let id) = result, !quiet, c.spec.changes { sink.emit(.created(id), format: format) }
        return result
    }

    func domain<T>(_ c: Command, _ body: () throws(DomainError) -> T) throws(Diagnostic) -> T {
        do { return try body() } catch { throw Diagnostic(error, range: c.range, register: register) }
    }

    func dispatch(_ c: Command, _ f: Frame, quiet: Bool) throws(Diagnostic) -> Value {
        switch c.spec.verb {
        case .addUnit:
            let name = try text(c, "name", f) ?? ""
            let kind = try choice(c, "kind", f).flatMap(Unit.Kind.init(keyword:))
            let parent = try unit(c, "parent", f)
            guard isWord(name) else {
                throw Diagnostic(.error, "a unit's name is one word, not \"\(name)\"", range: c.range, help: "write e.g. add unit EastBCU")
            }
            try domain(c) { () throws(DomainError) in try register.addUnit(name: name, kind: kind, parent: parent) }
            return .none
        case .addPerson:
            let name = try text(c, "name", f) ?? ""
            let role = try text(c, "role", f), agency = try text(c, "agency", f)
            let u = try unit(c, "unit", f)
            return .id(try domain(c) { () throws(DomainError) in try register.addPerson(name: name, role: role, unit: u, agency: agency) })
        case .updatePerson:
            let p = try person(c, "person", f) ?? 0
            let role = try text(c, "role", f), agency = try text(c, "agency", f)
            let u = try unit(c, "unit", f)
            let status = try choice(c, "status", f).flatMap(Person.Status.init(keyword:))
            try domain(c) { () throws(DomainError) in try register.updatePerson(p, role: role, unit: u, agency: agency, status: status) }
            return .none
        case .setPolicy:
            let u = try unit(c, "unit", f) ?? ""
            let stcg = try c.expr("stcg").map { (e) throws(Diagnostic) in try duration(e, f) }
            let ttcg = try c.expr("ttcg").map { (e) throws(Diagnostic) in try duration(e, f) }
            if stcg == nil, ttcg == nil {
                throw Diagnostic(.error, "`set policy` needs `stcg every DURATION` or `ttcg every DURATION`", range: c.range,
                                 help: "write set policy \(u) ttcg every 2w")
            }
            try domain(c) { () throws(DomainError) in try register.setPolicy(unit: u, stcg: stcg, ttcg: ttcg) }
            return .none
        case .createMeeting:
            let kind = Meeting.Kind(keyword: try choice(c, "kind", f) ?? "") ?? .ttcg
            let on = try date(c, "on", f) ?? today
            let u = try unit(c, "unit", f)
            let chair = try person(c, "chair", f)
            let title = try text(c, "title", f)
            return .id(try domain(c) { () throws(DomainError) in try register.createMeeting(kind: kind, date: on, unit: u, chair: chair, title: title) })
        case .open:
            let m = try id(c, "meeting", [.meeting], f)?.number ?? 0
            try domain(c) { () throws(DomainError) in try register.openMeeting(m) }
            return .none
        case .attend:
            let m = try meeting(c, f)
            let who = try c.expr("people").map { (e) throws(Diagnostic) in try people(e, f) } ?? []
            try domain(c) { () throws(DomainError) in try register.attend(meeting: m, people: who, partner: c.flag("partner")) }
            return .none
        case .closeMeeting:
            let m: Int
            if let given = try id(c, "meeting", [.meeting], f) { m = given.number } else { m = try meeting(c, f) }
            try domain(c) { () throws(DomainError) in try register.closeMeeting(m) }
            return .none
        case .addPriority:
            let m = try meeting(c, f)
            let title = try text(c, "title", f) ?? "", rationale = try text(c, "rationale", f) ?? ""
            let owner = try person(c, "owner", f) ?? 0
            return .id(try domain(c) { () throws(DomainError) in try register.addPriority(at: m, title: title, owner: owner, rationale: rationale) })
        case .rejectCandidate:
            let m = try meeting(c, f)
            let title = try text(c, "title", f) ?? "", rationale = try text(c, "rationale", f) ?? ""
            return .id(try domain(c) { () throws(DomainError) in try register.rejectCandidate(at: m, title: title, rationale: rationale) })
        case .retirePriority:
            let m = try meeting(c, f)
            let p = try id(c, "priority", [.priority], f)?.number ?? 0
            let rationale = try text(c, "rationale", f) ?? ""
            try domain(c) { () throws(DomainError) in try register.retirePriority(at: m, p, rationale: rationale) }
            return .none
        case .addRequirement:
            let m = try meeting(c, f)
            let level = Requirement.Level(keyword: try choice(c, "level", f) ?? "") ?? .tactical
            let question = try text(c, "question", f) ?? ""
            let priority = try id(c, "priority", [.priority], f)?.number
            let plan = try id(c, "plan", [.plan], f)?.number
            let owner = try person(c, "owner", f)
            return .id(try domain(c) { () throws(DomainError) in
                try register.addRequirement(at: m, level: level, question: question, priority: priority, plan: plan, owner: owner)
            })
        case .reviewRequirement:
            let m = try meeting(c, f)
            let r = try id(c, "requirement", [.requirement], f)?.number ?? 0
            let status = try choice(c, "status", f).flatMap(Requirement.Status.init(keyword:))
            let note = try text(c, "note", f)
            try domain(c) { () throws(DomainError) in try register.reviewRequirement(at: m, r, status: status, note: note) }
            return .none
        case .commissionAnalysis:
            let m = try meeting(c, f)
            let title = try text(c, "title", f) ?? ""
            let product = try choice(c, "product", f).flatMap(Product.Kind.init(keyword:))
            let to = try person(c, "to", f) ?? 0
            let due = try date(c, "due", f) ?? today
            return .id(try domain(c) { () throws(DomainError) in
                try register.commissionAnalysis(at: m, title: title, product: product, assignee: to, due: due)
            })
        case .createPlan:
            let m = try meeting(c, f)
            let title = try text(c, "title", f) ?? ""
            let serves = try id(c, "for", [.priority, .escalation], f)
            let owner = try person(c, "owner", f) ?? 0
            let start = try date(c, "start", f), review = try date(c, "review", f)
            return .id(try domain(c) { () throws(DomainError) in
                try register.createPlan(at: m, title: title, serves: serves, owner: owner, start: start, review: review)
            })
        case .closePlan:
            let p = try id(c, "plan", [.plan], f)?.number ?? 0
            let note = try text(c, "rationale", f)
            try domain(c) { () throws(DomainError) in try register.finishPlan(p, status: .closed, note: note) }
            return .none
        case .addAction:
            let m = try meeting(c, f)
            let type = Action.PIER(keyword: try choice(c, "type", f) ?? "") ?? .prevention
            let title = try text(c, "title", f) ?? ""
            let plan = try id(c, "to", [.plan], f)?.number ?? 0
            let owner = try person(c, "owner", f) ?? 0
            let due = try date(c, "due", f) ?? today
            return .id(try domain(c) { () throws(DomainError) in
                try register.addAction(at: m, type: type, title: title, plan: plan, owner: owner, due: due)
            })
        case .assign:
            let m = try meeting(c, f)
            let p = try person(c, "person", f) ?? 0
            let target = try id(c, "to", [.priority, .plan, .action, .commission, .requirement], f) ?? RecordID(.action, 0)
            try domain(c) { () throws(DomainError) in try register.assign(at: m, person: p, to: target) }
            return .none
        case .commissionReview:
            let m = try meeting(c, f)
            let title = try text(c, "title", f) ?? ""
            let plan = try id(c, "of", [.plan], f)?.number ?? 0
            let objectives = try text(c, "objectives", f) ?? ""
            let scope = Review.Scope(keyword: try choice(c, "scope", f) ?? "") ?? .all
            let (rid, warning) = try domain(c) { () throws(DomainError) in
                try register.commissionReview(at: m, title: title, plan: plan, objectives: objectives, scope: scope)
            }
            if let warning {
                sink.warn(Diagnostic(warning, range: c.range), in: f.source)
            }
            return .id(rid)
        case .escalate:
            let m = try meeting(c, f)
            let subjectExpr = c.expr("subject") ?? .literal(.none, c.range)
            let subject: Escalation.Subject
            switch try eval(subjectExpr, f) {
            case .id(let rid):
                subject = .record(try id(.literal(.id(rid), subjectExpr.range), [.action, .plan], f))
            case let v:
                if let rid = RecordID(v.description) {
                    subject = .record(try id(.literal(.id(rid), subjectExpr.range), [.action, .plan], f))
                } else {
                    subject = .text(v.description)
                }
            }
            let to = try text(c, "to", f) ?? ""
            let rationale = try text(c, "rationale", f) ?? ""
            return .id(try domain(c) { () throws(DomainError) in try register.escalate(at: m, subject: subject, to: to, rationale: rationale) })
        case .accept, .decline:
            let m = try meeting(c, f)
            let e = try id(c, "escalation", [.escalation], f)?.number ?? 0
            let rationale = try text(c, "rationale", f)
            try domain(c) { () throws(DomainError) in try register.settleEscalation(at: m, e, accept: c.spec.verb == .accept, rationale: rationale) }
            return .none
        case .addProduct:
            let kind = Product.Kind(keyword: try choice(c, "kind", f) ?? "") ?? .other
            let title = try text(c, "title", f) ?? ""
            let author = try person(c, "author", f)
            let on = try date(c, "date", f) ?? today
            let commission = try id(c, "for", [.commission], f)?.number
            let recommends = try text(c, "recommends", f)
            return .id(try domain(c) { () throws(DomainError) in
                try register.addProduct(kind: kind, title: title, author: author, date: on, commission: commission, recommends: recommends)
            })
        case .present:
            let m = try meeting(c, f)
            let p = try id(c, "product", [.product], f)?.number ?? 0
            try domain(c) { () throws(DomainError) in try register.present(at: m, p) }
            return .none
        case .decide:
            let m = try meeting(c, f)
            let text = try self.text(c, "text", f) ?? ""
            let rationale = try self.text(c, "rationale", f)
            var about: [RecordID] = []
            if let e = c.expr("about") {
                if case .list(let items, _) = e {
                    for i in items { about.append(try id(i, RecordKind.allCases, f)) }
                } else {
                    about.append(try id(e, RecordKind.allCases, f))
                }
            }
            let supersedes = try id(c, "supersedes", [.decision], f)?.number
            return .id(try domain(c) { () throws(DomainError) in
                try register.decide(at: m, text: text, rationale: rationale, about: about, supersedes: supersedes)
            })
        case .deliver:
            let cn = try id(c, "commission", [.commission], f)?.number ?? 0
            let note = try text(c, "note", f)
            try domain(c) { () throws(DomainError) in try register.deliver(cn, note: note) }
            return .none
        case .update:
            let a = try id(c, "action", [.action], f)?.number ?? 0
            let progress = try text(c, "progress", f) ?? ""
            let at = try c.expr("at").map { (e) throws(Diagnostic) in try id(e, [.meeting], f).number }
            let day = today
            try domain(c) { () throws(DomainError) in try register.updateProgress(a, text: progress, today: day, meeting: at) }
            return .none
        case .complete:
            let target = try id(c, "target", [.action, .plan], f) ?? RecordID(.action, 0)
            let result = try text(c, "result", f)
            try domain(c) { () throws(DomainError) in
                if target.kind == .plan {
                    try register.finishPlan(target.number, status: .completed, note: result)
                } else {
                    try register.complete(target.number, result: result)
                }
            }
            return .none
        case .cancel:
            let target = try id(c, "target", [.action, .commission], f) ?? RecordID(.action, 0)
            let rationale = try text(c, "rationale", f) ?? ""
            try domain(c) { () throws(DomainError) in try register.cancel(target, rationale: rationale) }
            return .none
        case .recordFindings:
            let r = try id(c, "review", [.review], f)?.number ?? 0
            let lessons = try text(c, "lessons", f), good = try text(c, "good-practice", f)
            let conclusions = try text(c, "conclusions", f), recs = try text(c, "recommendations", f)
            try domain(c) { () throws(DomainError) in
                try register.recordFindings(r, lessons: lessons, goodPractice: good, conclusions: conclusions, recommendations: recs)
            }
            return .none
        case .mark:
            let marking = Marking(word: try choice(c, "marking", f) ?? "") ?? .official
            var ids: [RecordID] = []
            if let e = c.expr("ids") {
                if case .list(let items, _) = e {
                    for i in items { ids.append(try id(i, RecordKind.allCases, f)) }
                } else {
                    ids.append(try id(e, RecordKind.allCases, f))
                }
            }
            for rid in ids { try domain(c) { () throws(DomainError) in try register.mark(rid, marking) } }
            return .none
        case .list, .count, .show, .outstanding, .agendaNext, .agendaMeeting, .minutes, .strategy, .calendar, .history,
             .reportAgenda, .reportRegister:
            return try query(c, f, quiet: quiet)
        case .setToday:
            let e = c.expr("date") ?? .word("off", c.range)
            var day: Day?
            if case .word(let w, _) = e, w.lowercased() == "off" { day = nil } else { day = try date(e, f) }
            todayOverride = nil
            register.setClock(day)
            return .none
        case .advance:
            let d = try duration(c.expr("by") ?? .literal(.none, c.range), f)
            guard d.count > 0 else {
                throw Diagnostic(.error, "the clock only moves forward with advance", range: c.range, help: "use set today DATE to go back")
            }
            let next = today.adding(d)
            todayOverride = nil
            register.setClock(next)
            return .date(next)
        case .setFormat:
            if let f2 = try choice(c, "format", f).flatMap(OutputFormat.init(rawValue:)) { format = f2 }
            return .none
        case .setTimer:
            timer = try choice(c, "state", f) == "on"
            return .none
        case .undo:
            try undo(c, f, quiet: quiet)
            return .none
        case .help:
            let topic = try text(c, "topic", f)
            if !quiet { sink.emit(.text(Help.text(topic: topic)), format: format) }
            return .none
        case .quit:
            quitRequested = true
            return .none
        case .let, .echo, .for, .if, .assert, .run:
            throw Diagnostic(.error, "internal: \(c.spec.verb) is parsed by hand", range: c.range)
        }
    }

    func isWord(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "_" || $0 == "-" || ("0"..."9").contains($0) }
    }

    /// Reverts the last statement this session committed, if nobody else has written since.
    func undo(_ c: Command, _ f: Frame, quiet: Bool) throws(Diagnostic) {
        guard let point = undoStack.last else {
            throw Diagnostic(.error, "nothing to undo in this session", range: c.range,
                             help: "undo reverts statements committed at this prompt or in this script")
        }
        guard register.lastAuditSeq == point.afterSeq else {
            throw Diagnostic(.error, "the register has changed since `\(point.statement)` (another writer); undo would lose that change",
                             range: c.range, help: "look at `history` and put things right with new statements")
        }
        undoStack.removeLast()
        var restored = point.before
        restored.audit = register.audit
        restored.earlierAudit = register.earlierAudit
        restored.lastNumber = register.lastNumber
        restored.pendingChanges = ["undo of #\(point.afterSeq): \(point.statement)"]
        restored.pendingIDs = point.ids
        register = restored
        audit(c, f)
        if !quiet { sink.emit(.text("undone: \(point.statement)"), format: format) }
    }
}
