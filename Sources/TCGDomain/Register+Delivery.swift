extension Register {
    /// Commissions analysis at an ST&CG or TT&CG (R6; never at a DMM, R8).
    public mutating func commissionAnalysis(at m: Int, title: String, product: Product.Kind?, assignee: Int, due: Day) throws(DomainError) -> RecordID {
        let meeting = try meeting(m, allows: Self.tcGroups, .commission)
        try requireText(title, .missingText(.commissionTitle))
        try requireDue(due, for: .commission, at: meeting)
        try requireActive(assignee, as: .assignee)
        let n = take(.commission)
        commissions.append(Commission(number: n, product: product, title: title, assignee: assignee, due: due, meeting: m))
        let id = RecordID(.commission, n)
        log("created \(id)", id, at: meeting.id)
        return id
    }

    /// Marks a commission delivered.
    public mutating func deliver(_ c: Int, note: String?) throws(DomainError) {
        let i = try indexOf(commissions, .commission, c)
        let id = RecordID(.commission, c)
        guard commissions[i].status == .commissioned else {
            throw .alreadyInState(id, .commission(commissions[i].status))
        }
        commissions[i].status = .delivered
        if let note { commissions[i].note = note }
        log("\(id) status commissioned -> delivered", id)
    }

    /// Adds an intelligence product (draft until presented).
    public mutating func addProduct(kind: Product.Kind, title: String, author: Int?, date: Day, commission: Int?, recommends: String?) throws(DomainError) -> RecordID {
        try requireText(title, .missingText(.productTitle))
        if let author { try requireActive(author, as: .author) }
        if let commission { try require(RecordID(.commission, commission)) }
        let n = take(.product)
        products.append(Product(number: n, kind: kind, title: title, author: author, date: date, commission: commission, recommends: recommends))
        let id = RecordID(.product, n)
        log("created \(id) \(kind.auditWord) \"\(title)\"", id)
        return id
    }

    /// Records that a product was presented at a meeting: once at each meeting that considers it,
    /// every presentation kept.
    public mutating func present(at m: Int, _ p: Int) throws(DomainError) {
        let mi = try openForRecord(m)
        let i = try indexOf(products, .product, p)
        let id = RecordID(.product, p)
        if products[i].presentations.contains(m) {
            throw .alreadyPresented(id, at: RecordID(.meeting, m))
        }
        products[i].status = .presented
        products[i].presentations.append(m)
        log("\(id) presented at \(meetings[mi].id)", id, at: meetings[mi].id)
    }

    /// Creates a delivery plan at a TT&CG (R6), serving an active priority or an escalation, with
    /// the objectives it is reviewed against if given.
    public mutating func createPlan(at m: Int, title: String, serves: RecordID?, owner: Int, start: Day?, review: Day?, objectives: String? = nil) throws(DomainError) -> RecordID {
        let meeting = try meeting(m, allows: Self.tacticalGroup, .plan)
        try requireText(title, .missingText(.planTitle))
        if let serves {
            switch serves.kind {
            case .priority:
                let i = try indexOf(priorities, .priority, serves.number)
                if priorities[i].status != .active {
                    throw .servesRetiredPriority(serves)
                }
            case .escalation:
                let i = try indexOf(escalations, .escalation, serves.number)
                if escalations[i].status == .declined {
                    throw .servesDeclinedEscalation(serves)
                }
            default:
                throw .cannotServe(serves)
            }
        }
        if let start, let review, review < start {
            throw .reviewBeforeStart(review: review, start: start)
        }
        if let objectives { try requireText(objectives, .missingText(.planObjectives)) }
        try requireActive(owner, as: .planOwner)
        let n = take(.plan)
        var plan = Plan(number: n, title: title, serves: serves, owner: owner, start: start, review: review, meeting: m)
        plan.objectives = objectives
        plans.append(plan)
        let id = RecordID(.plan, n)
        log("created \(id)", id, at: meeting.id)
        return id
    }

    /// Marks a plan completed or closed (it stays in the register, R13). A plan is completed only
    /// when none of its actions is open (R13: no open work is left behind it).
    /// Done at a meeting (`at`), the audit entry names it as where it was recorded.
    public mutating func finishPlan(_ p: Int, status: Plan.Status, note: String?, at meeting: Int? = nil) throws(DomainError) {
        let i = try indexOf(plans, .plan, p)
        let id = RecordID(.plan, p)
        guard plans[i].status == .active else { throw .alreadyInState(id, .plan(plans[i].status)) }
        if status == .completed {
            let open = actions.filter { $0.plan == p && $0.status == .open }.map(\.id)
            if !open.isEmpty { throw .planHasOpenActions(id, open: open) }
        }
        let venue = try meeting.map { (m) throws(DomainError) in meetings[try openForRecord(m)].id }
        plans[i].status = status
        plans[i].note = note
        if let venue { log("\(id) status active -> \(status.auditWord)", id, at: venue) } else { log("\(id) status active -> \(status.auditWord)", id) }
    }

    /// Tasks a PIER action under an active plan, at a TT&CG (R6).
    public mutating func addAction(at m: Int, type: Action.PIER, title: String, plan: Int, owner: Int, due: Day) throws(DomainError) -> RecordID {
        let meeting = try meeting(m, allows: Self.tacticalGroup, .action)
        try requireText(title, .missingText(.actionTitle))
        let pi = try indexOf(plans, .plan, plan)
        guard plans[pi].status == .active else {
            throw .planNotActive(RecordID(.plan, plan), plans[pi].status)
        }
        try requireDue(due, for: .action, at: meeting)
        try requireActive(owner, as: .actionOwner)
        let n = take(.action)
        actions.append(Action(number: n, type: type, title: title, plan: plan, owner: owner, due: due, meeting: m))
        let id = RecordID(.action, n)
        log("created \(id)", id, at: meeting.id)
        return id
    }

    /// Adds a progress note to an open action (allowed between meetings and at a DMM, R8).
    public mutating func updateProgress(_ a: Int, text: String, today: Day, meeting: Int?) throws(DomainError) {
        let i = try indexOf(actions, .action, a)
        let id = RecordID(.action, a)
        guard actions[i].status == .open else { throw .actionNotOpen(id, actions[i].status) }
        try requireText(text, .missingText(.progressNote))
        if let meeting { _ = try openForRecord(meeting) }
        actions[i].progress.append(Note(date: today, text: text, meeting: meeting))
        log("\(id) progress: \(text)", id)
    }

    /// Marks an open action done. Done at a meeting (`at`), its completion is also a progress note
    /// recorded there (dated `today`), so the meeting's minutes show it.
    public mutating func complete(_ a: Int, result: String?, at meeting: Int? = nil, today: Day? = nil) throws(DomainError) {
        let i = try indexOf(actions, .action, a)
        let id = RecordID(.action, a)
        guard actions[i].status == .open else { throw .alreadyInState(id, .action(actions[i].status)) }
        let venue = try meeting.map { (m) throws(DomainError) in meetings[try openForRecord(m)] }
        actions[i].status = .done
        actions[i].result = result
        guard let venue else { return log(Self.doneChange(id), id) }
        actions[i].progress.append(Note(date: today ?? self.today ?? venue.date, text: "completed\(result.map { ": \($0)" } ?? "")", meeting: venue.number))
        log(Self.doneChange(id), id, at: venue.id)
    }

    /// Opens a done or cancelled action again, with why (R13): its result goes into its progress
    /// notes, so nothing of it is lost.
    public mutating func reopen(_ a: Int, rationale: String, today: Day) throws(DomainError) {
        let i = try indexOf(actions, .action, a)
        let id = RecordID(.action, a)
        guard actions[i].status != .open else { throw .alreadyInState(id, .action(.open)) }
        try requireText(rationale, .missingRationale(for: .reopening))
        let was = actions[i].status == .done ? "done" : "cancelled"
        actions[i].progress.append(Note(date: today, text: "reopened (was \(was)\(actions[i].result.map { ": \($0)" } ?? "")): \(rationale)", meeting: nil))
        actions[i].status = .open
        actions[i].result = nil
        log("\(id) status \(was) -> open: \(rationale)", id)
    }

    /// Cancels an open action or a commissioned piece of analysis, with why (R13: nothing is deleted).
    public mutating func cancel(_ target: RecordID, rationale: String) throws(DomainError) {
        try requireText(rationale, .missingRationale(for: .cancelling))
        switch target.kind {
        case .action:
            let i = try indexOf(actions, .action, target.number)
            guard actions[i].status == .open else { throw .alreadyInState(target, .action(actions[i].status)) }
            actions[i].status = .cancelled
            actions[i].result = rationale
        case .commission:
            let i = try indexOf(commissions, .commission, target.number)
            guard commissions[i].status == .commissioned else { throw .alreadyInState(target, .commission(commissions[i].status)) }
            commissions[i].status = .cancelled
            commissions[i].note = rationale
        default:
            throw .cannotCancel(target)
        }
        log("\(target) cancelled: \(rationale)", target)
    }

    /// Changes the owner or assignee of a priority (ST&CG, R1), plan or action (TT&CG, R6),
    /// commission or requirement (ST&CG or TT&CG).
    public mutating func assign(at m: Int, person p: Int, to target: RecordID) throws(DomainError) {
        switch target.kind {
        case .priority: try meeting(m, allows: Self.strategyGroup, .priorityOwner)
        case .plan: try meeting(m, allows: Self.tacticalGroup, .planOwner)
        case .action: try meeting(m, allows: Self.tacticalGroup, .actionReassignment)
        case .commission: try meeting(m, allows: Self.tcGroups, .commissionReassignment)
        case .requirement: try meeting(m, allows: Self.tcGroups, .requirementReview)
        default:
            throw .cannotAssign(target)
        }
        try requireActive(p, as: .owner)
        let old = try setOwner(of: target, to: p)
        log("\(target) owner \(old.map { name(of: $0) } ?? "-") -> \(name(of: p))", target, at: RecordID(.meeting, m))
    }

    /// Gives a priority, plan, action, commission or requirement a new owner, if it is still
    /// active, open or commissioned; returns the old owner.
    mutating func setOwner(of target: RecordID, to p: Int) throws(DomainError) -> Int? {
        var old: Int?
        switch target.kind {
        case .priority:
            let i = try indexOf(priorities, .priority, target.number)
            guard priorities[i].status == .active else { throw .notReassignable(target, .priority(priorities[i].status)) }
            old = priorities[i].owner; priorities[i].owner = p
        case .plan:
            let i = try indexOf(plans, .plan, target.number)
            guard plans[i].status == .active else { throw .notReassignable(target, .plan(plans[i].status)) }
            old = plans[i].owner; plans[i].owner = p
        case .action:
            let i = try indexOf(actions, .action, target.number)
            guard actions[i].status == .open else { throw .notReassignable(target, .action(actions[i].status)) }
            old = actions[i].owner; actions[i].owner = p
        case .commission:
            let i = try indexOf(commissions, .commission, target.number)
            guard commissions[i].status == .commissioned else { throw .notReassignable(target, .commission(commissions[i].status)) }
            old = commissions[i].assignee; commissions[i].assignee = p
        case .requirement:
            let i = try indexOf(requirements, .requirement, target.number)
            old = requirements[i].owner; requirements[i].owner = p
        default:
            throw .cannotAssign(target)
        }
        return old
    }

    /// Refuses a due date before the date of the meeting that tasks the work (R6).
    func requireDue(_ due: Day, for kind: RecordKind, at meeting: Meeting) throws(DomainError) {
        if due < meeting.date { throw .dueBeforeMeeting(kind, due: due, meeting: meeting.id, date: meeting.date) }
    }

    /// Commissions an operational review of a plan at a TT&CG, with objectives and scope (R7).
    /// Returns a warning when the plan had already started.
    public mutating func commissionReview(at m: Int, title: String, plan: Int, objectives: String, scope: Review.Scope) throws(DomainError) -> (RecordID, DomainWarning?) {
        let meeting = try meeting(m, allows: Self.tacticalGroup, .operationalReview)
        try requireText(title, .missingText(.reviewTitle))
        try requireText(objectives, .missingObjectives)
        let pi = try indexOf(plans, .plan, plan)
        let n = take(.review)
        var review = Review(number: n, title: title, plan: plan, objectives: objectives, scope: scope, meeting: m)
        var warning: DomainWarning?
        if let start = plans[pi].start, meeting.date > start {
            review.late = true
            warning = .lateReview(RecordID(.review, n), plan: RecordID(.plan, plan), started: start)
        }
        reviews.append(review)
        let id = RecordID(.review, n)
        log("created \(id) review of DP-\(plan) scope \(scope.auditWord)\(review.late ? " (flagged: after the plan started)" : "")", id, at: meeting.id)
        return (id, warning)
    }

    /// Records an operational review's findings; the review is then completed.
    public mutating func recordFindings(_ r: Int, lessons: String?, goodPractice: String?, conclusions: String?, recommendations: String?) throws(DomainError) {
        let i = try indexOf(reviews, .review, r)
        let id = RecordID(.review, r)
        guard lessons != nil || goodPractice != nil || conclusions != nil || recommendations != nil else {
            throw .noFindings(id)
        }
        if let lessons { reviews[i].lessons = lessons }
        if let goodPractice { reviews[i].goodPractice = goodPractice }
        if let conclusions { reviews[i].conclusions = conclusions }
        if let recommendations { reviews[i].recommendations = recommendations }
        if reviews[i].status != .completed {
            reviews[i].status = .completed
            log("\(id) status commissioned -> completed", id)
        }
        log("\(id) findings recorded", id)
    }
}
