extension Register {
    /// Where the control strategy is set (R1, R3, R4): a force's ST&CG, or a partnership's PSG
    /// (only a partnership holds a PSG, so a PSG sets the partnership's own priorities).
    public static let strategyGroup: Set<Meeting.Kind> = [.stcg, .psg]
    /// The T&C meetings: decisions need a rationale (R5), analysis is commissioned (R6).
    public static let tcGroups: Set<Meeting.Kind> = [.stcg, .ttcg, .psg]
    static let tacticalGroup: Set<Meeting.Kind> = [.ttcg]

    /// Adds a priority to the control strategy: only at an ST&CG (R1), with an owner (R2) and a
    /// rationale (R3), and the PIER strands its delivery is to cover (kept once each, in PIER order).
    public mutating func addPriority(at m: Int, title: String, owner: Int, rationale: String,
                                     strands: [Action.PIER] = []) throws(DomainError) -> RecordID {
        let meeting = try meeting(m, allows: Self.strategyGroup, .controlStrategy)
        try requireText(title, .missingText(.priorityTitle))
        try requireText(rationale, .missingRationale(for: .priority))
        try requireActive(owner, as: .priorityOwner)
        let n = take(.priority)
        var priority = Priority(number: n, title: title, owner: owner, rationale: rationale, unit: meeting.unit, meeting: m)
        priority.strands = Action.PIER.allCases.filter(strands.contains)
        priorities.append(priority)
        let id = RecordID(.priority, n)
        log("created \(id)", id, at: meeting.id)
        return id
    }

    /// Records a candidate considered and not included in the control strategy, with why (R3).
    public mutating func rejectCandidate(at m: Int, title: String, rationale: String) throws(DomainError) -> RecordID {
        let meeting = try meeting(m, allows: Self.strategyGroup, .controlStrategy)
        try requireText(rationale, .missingRationale(for: .rejectedCandidate))
        let n = take(.candidate)
        candidates.append(Candidate(number: n, title: title, rationale: rationale, meeting: m))
        let id = RecordID(.candidate, n)
        log("rejected candidate \(id) \"\(title)\"", id, at: meeting.id)
        return id
    }

    /// Retires a priority from the control strategy, only at an ST&CG (R1); it stays in the register (R13).
    public mutating func retirePriority(at m: Int, _ p: Int, rationale: String) throws(DomainError) {
        let meeting = try meeting(m, allows: Self.strategyGroup, .controlStrategy)
        let i = try indexOf(priorities, .priority, p)
        let id = RecordID(.priority, p)
        guard priorities[i].status == .active else {
            throw .alreadyInState(id, .priority(.retired))
        }
        try requireText(rationale, .missingRationale(for: .retiringPriority))
        priorities[i].status = .retired
        priorities[i].retiredRationale = rationale
        priorities[i].retiredAt = m
        log("\(id) status active -> retired", id, at: meeting.id)
    }

    /// Adds an intelligence requirement: strategic ones only at an ST&CG; tactical ones belong to a plan (R4).
    public mutating func addRequirement(at m: Int, level: Requirement.Level, question: String, priority: Int?, plan: Int?, owner: Int?,
                                        candidate: Int? = nil) throws(DomainError) -> RecordID {
        let meeting: Meeting
        switch level {
        case .strategic:
            meeting = try self.meeting(m, allows: Self.strategyGroup, .strategicRequirement)
        case .tactical:
            meeting = try self.meeting(m, allows: Self.tcGroups, .tacticalRequirement)
            guard plan != nil else {
                throw .tacticalRequirementWithoutPlan
            }
        }
        try requireText(question, .missingText(.requirementQuestion(level)))
        if let priority { try require(RecordID(.priority, priority)) }
        if let plan { try require(RecordID(.plan, plan)) }
        if let candidate { try require(RecordID(.candidate, candidate)) }
        if let owner { try requireActive(owner, as: .requirementOwner) }
        let n = take(.requirement)
        requirements.append(Requirement(number: n, level: level, question: question, priority: priority, plan: plan, owner: owner, meeting: m))
        requirements[requirements.count - 1].candidate = candidate
        let id = RecordID(.requirement, n)
        log("created \(id) \(level.auditWord) requirement", id, at: meeting.id)
        return id
    }

    /// Reviews a requirement at an ST&CG or TT&CG (R4): a new status and/or a note.
    public mutating func reviewRequirement(at m: Int, _ r: Int, status: Requirement.Status?, note: String?) throws(DomainError) {
        let meeting = try meeting(m, allows: Self.tcGroups, .requirementReview)
        let i = try indexOf(requirements, .requirement, r)
        let id = RecordID(.requirement, r)
        if let status, status != requirements[i].status {
            log("\(id) status \(requirements[i].status.auditWord) -> \(status.auditWord)", id, at: meeting.id)
            requirements[i].status = status
        }
        let day = meeting.date
        requirements[i].notes.append(Note(date: day, text: note ?? "reviewed", meeting: m))
        log("\(id) reviewed at \(meeting.id)\(note.map { ": \($0)" } ?? "")", id, at: meeting.id)
    }

    /// Records a decision. At an ST&CG or TT&CG it needs a rationale (R5); decisions never change,
    /// a correction supersedes the old one and both stay visible.
    public mutating func decide(at m: Int, text: String, rationale: String?, about: [RecordID], supersedes: Int?) throws(DomainError) -> RecordID {
        let i = try openForRecord(m)
        let meeting = meetings[i]
        try requireText(text, .missingText(.decisionText))
        if Self.tcGroups.contains(meeting.kind), (rationale ?? "").trimmingSpaces.isEmpty {
            throw .missingRationale(for: .decision(at: meeting.kind))
        }
        for a in about { try require(a) }
        if let supersedes {
            let j = try indexOf(decisions, .decision, supersedes)
            if let later = decisions[j].supersededBy {
                throw .alreadySuperseded(RecordID(.decision, supersedes), by: RecordID(.decision, later))
            }
        }
        let n = take(.decision)
        decisions.append(Decision(number: n, meeting: m, text: text, rationale: rationale, about: about, supersedes: supersedes))
        let id = RecordID(.decision, n)
        log("recorded \(id) at \(meeting.id)", id, at: meeting.id)
        if let supersedes, let j = decisions.index(ofNumber: supersedes) {
            decisions[j].supersededBy = n
            log("D-\(supersedes) superseded by \(id)", RecordID(.decision, supersedes))
        }
        return id
    }

    /// Escalates an action, a plan or a matter from the meeting's unit to its parent (R12).
    public mutating func escalate(at m: Int, subject: Escalation.Subject, to target: String, rationale: String) throws(DomainError) -> RecordID {
        let meeting = try meeting(m, allows: Self.tcGroups, .escalation)
        guard let fromName = meeting.unit, let from = unit(named: fromName) else {
            throw .meetingHasNoUnit(meeting.id)
        }
        let to = try resolveUnit(named: target)
        guard let parent = from.parent else {
            throw .noParentUnit(from.name)
        }
        guard parent.lowercased() == to.name.lowercased() else {
            throw .notParentUnit(from: from.name, parent: parent, given: to.name)
        }
        if case .record(let rid) = subject {
            guard rid.kind == .action || rid.kind == .plan else {
                throw .cannotEscalate(rid)
            }
            try require(rid)
        }
        if case .text(let t) = subject { try requireText(t, .missingText(.escalationMatter(to: parent))) }
        try requireText(rationale, .missingRationale(for: .escalation))
        let n = take(.escalation)
        escalations.append(Escalation(number: n, subject: subject, from: from.name, to: to.name, rationale: rationale, meeting: m))
        let id = RecordID(.escalation, n)
        var ids = [id, meeting.id]
        if case .record(let rid) = subject { ids.append(rid) }
        log("created \(id) from \(from.name) to \(to.name)", id)
        for extra in ids.dropFirst() where !pendingIDs.contains(extra) { pendingIDs.append(extra) }
        return id
    }

    /// Accepts or declines an open escalation at a meeting of the unit it was escalated to, held on
    /// or after the day it was raised (R12).
    public mutating func settleEscalation(at m: Int, _ e: Int, accept: Bool, rationale: String?) throws(DomainError) {
        let meeting = try meeting(m, allows: Self.tcGroups, .escalationSettlement)
        let i = try indexOf(escalations, .escalation, e)
        let id = RecordID(.escalation, e)
        let esc = escalations[i]
        guard esc.status == .open else {
            throw .alreadyInState(id, .escalation(esc.status))
        }
        guard meeting.unit?.lowercased() == esc.to.lowercased() else {
            throw .escalatedElsewhere(id, to: esc.to, meeting: meeting.id, meetingUnit: meeting.unit)
        }
        if let raised = meetings.index(ofNumber: esc.meeting).map({ meetings[$0] }), meeting.date < raised.date {
            throw .answeredBeforeRaised(id, raisedAt: raised.id, raised: raised.date, meeting: meeting.id, date: meeting.date)
        }
        if !accept {
            try requireText(rationale ?? "", .missingRationale(for: .decliningEscalation))
        }
        escalations[i].status = accept ? .accepted : .declined
        escalations[i].decidedAt = m
        escalations[i].declineRationale = accept ? nil : rationale
        log("\(id) status open -> \(escalations[i].status.auditWord)", id, at: meeting.id)
    }

    /// Refuses empty text with `refusal`.
    func requireText(_ text: String, _ refusal: DomainError) throws(DomainError) {
        if text.trimmingSpaces.isEmpty { throw refusal }
    }
}

