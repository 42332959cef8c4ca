extension Register {
    /// One field to change and its new value, as `amend` gives them.
    public typealias FieldChange = (field: Amendment.Field, value: Amendment.Value)

    /// Amends fields of an action, commission, plan, requirement, person or product, with why
    /// (R13: each record keeps its amendments, old value and new, who, when and why, and each
    /// field changed is in the audit trail). It needs no meeting (`at` records it at one). The
    /// record must still be open to change (an open action, a commissioned commission, an active
    /// plan, an open requirement); values follow the rules that made them: owners are active
    /// people (R11), a due date is not before the meeting that tasked the work (R6). A priority's
    /// fields are the control strategy's, changed only at an ST&CG with its own verbs (R1).
    /// Nothing changes unless every field can.
    public mutating func amend(_ id: RecordID, _ changes: [FieldChange], rationale: String, by user: String, today: Day, at m: Int?) throws(DomainError) {
        if id.kind == .priority { throw .amendedPriority(id) }
        guard let allowed = Amendment.fields(of: id.kind) else { throw .notAmendable(id) }
        try require(id)
        guard !changes.isEmpty else { throw .noAmendment(id) }
        for c in changes where !allowed.contains(c.field) { throw .fieldNotAmendable(id, c.field) }
        try requireText(rationale, .missingRationale(for: .amendment))
        let meeting = try m.map { (n) throws(DomainError) in meetings[try openForRecord(n)].id }

        var olds: [Amendment.Value?] = []
        /// Keeps a field's old value, refusing a "change" to the value it already has.
        func was(_ old: Amendment.Value?) throws(DomainError) {
            let change = changes[olds.count]
            if old == change.value { throw .unchangedValue(id, change.field, change.value) }
            olds.append(old)
        }
        func stamped() -> [Amendment] {
            zip(changes, olds).map { Amendment(field: $0.field, old: $1, new: $0.value, user: user, day: today, rationale: rationale, meeting: meeting?.number) }
        }
        switch id.kind {
        case .action:
            let i = try indexOf(actions, .action, id.number)
            var a = actions[i]
            guard a.status == .open else { throw .notChangeable(id, .action(a.status), .amendment) }
            for c in changes {
                switch c.field {
                case .title: try was(.text(a.title)); a.title = try text(id, c, .missingText(.actionTitle))
                case .due: try was(.day(a.due)); a.due = try due(id, c, for: .action, taskedAt: a.meeting)
                default: try was(.person(a.owner)); a.owner = try active(id, c, as: .actionOwner)
                }
            }
            a.amendments += stamped()
            actions[i] = a
        case .commission:
            let i = try indexOf(commissions, .commission, id.number)
            var k = commissions[i]
            guard k.status == .commissioned else { throw .notChangeable(id, .commission(k.status), .amendment) }
            for c in changes {
                switch c.field {
                case .title: try was(.text(k.title)); k.title = try text(id, c, .missingText(.commissionTitle))
                case .due: try was(.day(k.due)); k.due = try due(id, c, for: .commission, taskedAt: k.meeting)
                default: try was(.person(k.assignee)); k.assignee = try active(id, c, as: .assignee)
                }
            }
            k.amendments += stamped()
            commissions[i] = k
        case .plan:
            let i = try indexOf(plans, .plan, id.number)
            var p = plans[i]
            guard p.status == .active else { throw .notChangeable(id, .plan(p.status), .amendment) }
            for c in changes {
                switch c.field {
                case .title: try was(.text(p.title)); p.title = try text(id, c, .missingText(.planTitle))
                case .owner: try was(.person(p.owner)); p.owner = try active(id, c, as: .planOwner)
                case .review:
                    try was(p.review.map { .day($0) })
                    let day = try date(id, c)
                    if let start = p.start, day < start { throw .reviewBeforeStart(review: day, start: start) }
                    p.review = day
                default: try was(p.objectives.map { .text($0) }); p.objectives = try text(id, c, .missingText(.planObjectives))
                }
            }
            p.amendments += stamped()
            plans[i] = p
        case .requirement:
            let i = try indexOf(requirements, .requirement, id.number)
            var q = requirements[i]
            guard q.status == .open else { throw .notChangeable(id, .requirement(q.status), .amendment) }
            for c in changes {
                switch c.field {
                case .question: try was(.text(q.question)); q.question = try text(id, c, .missingText(.requirementQuestion(q.level)))
                default: try was(q.owner.map { .person($0) }); q.owner = try active(id, c, as: .requirementOwner)
                }
            }
            q.amendments += stamped()
            requirements[i] = q
        case .person:
            let i = try indexOf(people, .person, id.number)
            var p = people[i]
            for c in changes {
                switch c.field {
                case .name: try was(.text(p.name)); p.name = try personName(id, c)
                case .role: try was(p.role.map { .text($0) }); p.role = try text(id, c, .missingText(.personRole))
                default: try was(p.unit.map { .text($0) }); p.unit = try resolveUnit(named: try text(id, c, .missingText(.personUnit))).name
                }
            }
            p.amendments += stamped()
            people[i] = p
            reindex()
        default:
            let i = try indexOf(products, .product, id.number)
            var p = products[i]
            for c in changes {
                try was(.text(p.title))
                p.title = try text(id, c, .missingText(.productTitle))
            }
            p.amendments += stamped()
            products[i] = p
        }
        for (c, old) in zip(changes, olds) {
            let line = "\(id) \(c.field.auditWord) \(auditText(old)) -> \(auditText(c.value)): \(rationale)"
            if let meeting { log(line, id, at: meeting) } else { log(line, id) }
        }
    }

    /// Records a TT&CG's review of an active plan against its objectives (R6): the review is kept
    /// on the plan, and the plan's review date becomes `next` (cleared when none is given), so
    /// the plan leaves the agenda's "Plans due for review" until that date.
    public mutating func reviewPlan(at m: Int, _ p: Int, outcome: PlanReview.Outcome, note: String, next: Day?) throws(DomainError) {
        let meeting = try meeting(m, allows: Self.tacticalGroup, .planReview)
        let i = try indexOf(plans, .plan, p)
        let id = plans[i].id
        guard plans[i].status == .active else { throw .notChangeable(id, .plan(plans[i].status), .planReview) }
        try requireText(note, .missingText(.planReviewNote))
        if let next {
            try requireDue(next, for: .plan, at: meeting)
            if let start = plans[i].start, next < start { throw .reviewBeforeStart(review: next, start: start) }
        }
        let old = plans[i].review
        plans[i].reviews.append(PlanReview(date: meeting.date, meeting: m, outcome: outcome, note: note, next: next))
        plans[i].review = next
        log("\(id) reviewed at \(meeting.id): \(outcome.auditWord): \(note); review \(old?.description ?? "-") -> \(next?.description ?? "-")",
            id, at: meeting.id)
    }

    /// Every amendment made from `from` through `through` (the register's days, both included),
    /// with the record it changed, by day and then in the order they were made on each record.
    /// For a pack's "changed since the last meeting": read it from the view a session may see
    /// (`visible(under:)`), which leaves out hidden records and what was recorded at hidden meetings.
    public func amendments(from: Day, through: Day) -> [AmendedRecord] {
        var found: [AmendedRecord] = []
        func add(_ id: RecordID, _ list: [Amendment]) {
            for a in list where a.day >= from && a.day <= through { found.append(AmendedRecord(id: id, amendment: a)) }
        }
        for r in people { add(r.id, r.amendments) }
        for r in products { add(r.id, r.amendments) }
        for r in requirements { add(r.id, r.amendments) }
        for r in commissions { add(r.id, r.amendments) }
        for r in plans { add(r.id, r.amendments) }
        for r in actions { add(r.id, r.amendments) }
        return found.enumerated().sorted { ($0.element.amendment.day, $0.offset) < ($1.element.amendment.day, $1.offset) }.map(\.element)
    }

    /// A value as the audit trail writes it: text in quotes, a date, a person's name, `-` for none.
    public func auditText(_ value: Amendment.Value?) -> String {
        switch value {
        case .text(let s)?: return "\"\(s)\""
        case .day(let d)?: return d.description
        case .person(let n)?: return name(of: n)
        case nil: return "-"
        }
    }

    // The new value of one field, checked as the statement that first set it checks it.

    private func text(_ id: RecordID, _ c: FieldChange, _ empty: DomainError) throws(DomainError) -> String {
        guard case .text(let s) = c.value else { throw .fieldNotAmendable(id, c.field) }
        try requireText(s, empty)
        return s
    }

    private func date(_ id: RecordID, _ c: FieldChange) throws(DomainError) -> Day {
        guard case .day(let d) = c.value else { throw .fieldNotAmendable(id, c.field) }
        return d
    }

    private func due(_ id: RecordID, _ c: FieldChange, for kind: RecordKind, taskedAt m: Int) throws(DomainError) -> Day {
        let d = try date(id, c)
        if let i = meetings.index(ofNumber: m) { try requireDue(d, for: kind, at: meetings[i]) }
        return d
    }

    private func active(_ id: RecordID, _ c: FieldChange, as role: DomainError.PersonRole) throws(DomainError) -> Int {
        guard case .person(let p) = c.value else { throw .fieldNotAmendable(id, c.field) }
        try requireActive(p, as: role)
        return p
    }

    private func personName(_ id: RecordID, _ c: FieldChange) throws(DomainError) -> String {
        let n = id.number
        guard case .text(let given) = c.value else { throw .fieldNotAmendable(id, c.field) }
        if let bad = NameText.forbidden(in: given) { throw .forbiddenInName(.person, bad) }
        let name = NameText.tidy(given)
        guard !name.isEmpty else { throw .missingText(.personName) }
        if let other = personNumber(named: name), other != n {
            throw .duplicatePerson(name: self.name(of: other), existing: RecordID(.person, other))
        }
        return name
    }
}
