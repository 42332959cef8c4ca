import XCTest
@testable import TCGDomain

/// The rules that close the T&C cycle, against the register alone: what counts as held, products
/// presented at several meetings, escalations answered after they are raised, business only at a
/// meeting that has met, due dates after the tasking meeting, plans completed without open work,
/// and a leaver's handover. Same register as `RegisterRulesTests`.
extension RegisterRulesTests {
    func day(_ text: String) -> Day { Day(iso: text) ?? Day(number: 0) }

    func testR9CalendarCountsClosedMeetingsAsHeldAndFlagsDuplicates() throws {
        try r.setPolicy(unit: "East", stcg: nil, ttcg: Duration(count: 2, unit: .weeks))
        var row = r.calendar(today: day("2027-04-01"), unit: "East")[0]
        XCTAssertEqual(row.held, 0, "a TT&CG never closed was not held")
        XCTAssertNil(row.last)
        XCTAssertEqual(row.status, .never)
        try r.closeMeeting(ttcg)
        let closedLater = try r.createMeeting(kind: .ttcg, date: day("2027-04-08"), unit: "East", chair: nil, title: nil)
        try r.closeMeeting(closedLater.number)
        row = r.calendar(today: day("2027-04-01"), unit: "East")[0]
        XCTAssertEqual(row.held, 1, "a meeting closed but dated after today was not held either")
        XCTAssertEqual(row.met, [day("2027-03-10")])
        XCTAssertEqual(row.duplicates, [])

        let twice = try r.createMeeting(kind: .ttcg, date: day("2027-03-10"), unit: "East", chair: nil, title: nil)
        XCTAssertEqual(r.sameDayMeetings(as: twice.number), [RecordID(.meeting, ttcg)])
        XCTAssertEqual(r.sameDayMeetings(as: dmm), [], "another kind on the day is no duplicate")
        row = r.calendar(today: day("2027-04-01"), unit: "East")[0]
        XCTAssertEqual(row.duplicates, [RecordID(.meeting, ttcg), twice])
        XCTAssertEqual(row.held, 1)
        XCTAssertEqual(DomainWarning.duplicateMeeting(twice, same: [RecordID(.meeting, ttcg)]).rule, .r9)
    }

    func testAProductIsPresentedOnceAtEachMeetingThatConsidersIt() throws {
        let ta = try r.addProduct(kind: .tacticalAssessment, title: "East TA", author: kim, date: day("2027-03-09"), commission: nil, recommends: nil)
        try r.present(at: ium, ta.number)
        try r.present(at: ttcg, ta.number)
        XCTAssertEqual(r.products[0].presentations, [ium, ttcg])
        XCTAssertEqual(r.products[0].presentedAt, ium)
        XCTAssertEqual(r.products[0].status, .presented)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.present(at: ttcg, ta.number) },
                       .alreadyPresented(ta, at: RecordID(.meeting, ttcg)))
        XCTAssertEqual(r.products[0].presentations, [ium, ttcg])
        XCTAssertEqual(r.references(to: RecordID(.meeting, ttcg)), [ta], "undo sees every presentation")
    }

    func testR12AnEscalationIsAnsweredOnlyOnOrAfterTheDayItWasRaised() throws {
        let e = try r.escalate(at: ttcg, subject: .text("PCSOs"), to: "Westshire", rationale: "cover")
        let early = try r.createMeeting(kind: .ttcg, date: day("2027-03-08"), unit: "Westshire", chair: nil, title: nil)
        let refused = refusal { () throws(DomainError) in try r.settleEscalation(at: early.number, e.number, accept: true, rationale: nil) }
        XCTAssertEqual(refused, .answeredBeforeRaised(e, raisedAt: RecordID(.meeting, ttcg), raised: day("2027-03-10"),
                                                      meeting: early, date: day("2027-03-08")))
        XCTAssertEqual(refused?.rule, .r12)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.settleEscalation(at: early.number, e.number, accept: false, rationale: "no") },
                       refused)
        XCTAssertEqual(r.escalations[0].status, .open)
        let sameDay = try r.createMeeting(kind: .stcg, date: day("2027-03-10"), unit: "Westshire", chair: nil, title: nil)
        try r.settleEscalation(at: sameDay.number, e.number, accept: false, rationale: "within the BCU's means")
        XCTAssertEqual(r.escalations[0].status, .declined)
    }

    func testR10BusinessIsRecordedOnlyAtAMeetingThatHasMet() throws {
        let p = try r.addPriority(at: stcg, title: "ASB", owner: leo, rationale: "harm")
        r.today = day("2027-03-09")
        let m = RecordID(.meeting, ttcg)
        let early = DomainError.meetingNotYetHeld(m, date: day("2027-03-10"), today: day("2027-03-09"))
        let decide = refusal { () throws(DomainError) in _ = try r.decide(at: ttcg, text: "Launch", rationale: "r", about: [], supersedes: nil) }
        XCTAssertEqual(decide, early)
        XCTAssertEqual(decide?.rule, .r10)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.attend(meeting: ttcg, people: [kim], partner: false) }, early)
        XCTAssertEqual(refusal { () throws(DomainError) in _ = try r.createPlan(at: ttcg, title: "Op", serves: p, owner: bea, start: nil, review: nil) },
                       early)
        XCTAssertEqual(r.meetings[1].attendees, [], "nothing changed")
        XCTAssertTrue(r.plans.isEmpty)

        r.today = day("2027-03-10")
        let plan = try r.createPlan(at: ttcg, title: "Op", serves: p, owner: bea, start: nil, review: nil)
        let a = try r.addAction(at: ttcg, type: .enforcement, title: "Patrols", plan: plan.number, owner: bea, due: day("2027-03-20"))
        // A TT&CG in the future cannot be used to reassign (or record progress) before it meets.
        let next = try r.createMeeting(kind: .ttcg, date: day("2027-03-24"), unit: "East", chair: nil, title: nil)
        let notYet = DomainError.meetingNotYetHeld(next, date: day("2027-03-24"), today: day("2027-03-10"))
        XCTAssertEqual(refusal { () throws(DomainError) in try r.assign(at: next.number, person: kim, to: a) }, notYet)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.updateProgress(a.number, text: "x", today: day("2027-03-10"), meeting: next.number) },
                       notYet)
        XCTAssertEqual(r.actions[0].owner, bea)
    }

    func testR6WorkIsDueOnOrAfterTheMeetingThatTaskedIt() throws {
        let p = try r.addPriority(at: stcg, title: "ASB", owner: leo, rationale: "harm")
        let plan = try r.createPlan(at: ttcg, title: "Op", serves: p, owner: bea, start: nil, review: nil)
        let action = refusal { () throws(DomainError) in
            _ = try r.addAction(at: ttcg, type: .prevention, title: "Survey", plan: plan.number, owner: meg, due: day("2027-03-09"))
        }
        XCTAssertEqual(action, .dueBeforeMeeting(.action, due: day("2027-03-09"), meeting: RecordID(.meeting, ttcg), date: day("2027-03-10")))
        XCTAssertEqual(action?.rule, .r6)
        XCTAssertTrue(r.actions.isEmpty)
        _ = try r.addAction(at: ttcg, type: .prevention, title: "Survey", plan: plan.number, owner: meg, due: day("2027-03-10"))
        let commission = refusal { () throws(DomainError) in
            _ = try r.commissionAnalysis(at: stcg, title: "Profile", product: .problemProfile, assignee: kim, due: day("2027-02-28"))
        }
        XCTAssertEqual(commission, .dueBeforeMeeting(.commission, due: day("2027-02-28"), meeting: RecordID(.meeting, stcg), date: day("2027-03-01")))
        XCTAssertEqual(commission?.rule, .r6)
    }

    func testR13APlanIsCompletedOnlyWhenNoneOfItsActionsIsOpen() throws {
        let p = try r.addPriority(at: stcg, title: "ASB", owner: leo, rationale: "harm")
        let plan = try r.createPlan(at: ttcg, title: "Op", serves: p, owner: bea, start: nil, review: nil)
        let a1 = try r.addAction(at: ttcg, type: .prevention, title: "Survey", plan: plan.number, owner: meg, due: day("2027-03-18"))
        let a2 = try r.addAction(at: ttcg, type: .enforcement, title: "Patrols", plan: plan.number, owner: bea, due: day("2027-03-18"))
        let refused = refusal { () throws(DomainError) in try r.finishPlan(plan.number, status: .completed, note: "met") }
        XCTAssertEqual(refused, .planHasOpenActions(plan, open: [a1, a2]))
        XCTAssertEqual(refused?.rule, .r13)
        XCTAssertEqual(r.plans[0].status, .active)
        try r.complete(a1.number, result: "done")
        XCTAssertEqual(refusal { () throws(DomainError) in try r.finishPlan(plan.number, status: .completed, note: "met") },
                       .planHasOpenActions(plan, open: [a2]))
        try r.cancel(a2, rationale: "not needed")
        try r.finishPlan(plan.number, status: .completed, note: "met")
        XCTAssertEqual(r.plans[0].status, .completed)
    }

    func testAHandoverMovesALeaversOpenWorkAndAuditsEachRecord() throws {
        let p = try r.addPriority(at: stcg, title: "ASB", owner: bea, rationale: "harm")
        let ir = try r.addRequirement(at: stcg, level: .strategic, question: "Who?", priority: p.number, plan: nil, owner: bea)
        let c = try r.commissionAnalysis(at: ttcg, title: "Profile", product: nil, assignee: bea, due: day("2027-03-20"))
        let plan = try r.createPlan(at: ttcg, title: "Op", serves: p, owner: bea, start: nil, review: nil)
        let a = try r.addAction(at: ttcg, type: .enforcement, title: "Patrols", plan: plan.number, owner: bea, due: day("2027-03-20"))
        let done = try r.addAction(at: ttcg, type: .reassurance, title: "Surgery", plan: plan.number, owner: bea, due: day("2027-03-20"))
        try r.complete(done.number, result: "held")
        XCTAssertEqual(r.openWork(of: bea), [p, ir, c, plan, a])

        let active = refusal { () throws(DomainError) in _ = try r.handover(from: bea, to: kim, rationale: "moved", at: nil) }
        XCTAssertEqual(active, .handoverOfActivePerson(RecordID(.person, bea), name: "Sgt Bea Cole"))
        XCTAssertEqual(active?.rule, .r6)
        try r.updatePerson(bea, role: nil, unit: nil, agency: nil, status: .left)
        let noWhy = refusal { () throws(DomainError) in _ = try r.handover(from: bea, to: kim, rationale: " ", at: nil) }
        XCTAssertEqual(noWhy, .missingRationale(for: .handover))
        XCTAssertEqual(noWhy?.rule, .r13)
        XCTAssertEqual(refusal { () throws(DomainError) in _ = try r.handover(from: bea, to: bea, rationale: "x", at: nil) },
                       .handoverToSamePerson(RecordID(.person, bea), name: "Sgt Bea Cole"))
        try r.updatePerson(meg, role: nil, unit: nil, agency: nil, status: .left)
        XCTAssertEqual(refusal { () throws(DomainError) in _ = try r.handover(from: bea, to: meg, rationale: "x", at: nil) },
                       .personLeft(RecordID(.person, meg), name: "Meg Lowe", role: .owner))

        _ = r.takePending()
        let (moved, warning) = try r.handover(from: bea, to: kim, rationale: "Bea left", at: nil)
        XCTAssertEqual(moved, [ir, c, plan, a], "no meeting is needed, but a priority moves only at an ST&CG")
        XCTAssertEqual(warning, .prioritiesKeptUntilSTCG(RecordID(.person, bea), name: "Sgt Bea Cole", priorities: [p]))
        XCTAssertEqual(warning?.rule, .r1)
        XCTAssertEqual([r.requirements[0].owner, r.commissions[0].assignee, r.plans[0].owner, r.actions[0].owner], [kim, kim, kim, kim])
        XCTAssertEqual(r.priorities[0].owner, bea)
        XCTAssertEqual(r.actions[1].owner, bea, "finished work keeps its owner")
        let pending = r.takePending()
        XCTAssertEqual(pending.changes, [ir, c, plan, a].map { "\($0) handed over: owner Sgt Bea Cole -> DS Kim Ng: Bea left" })
        XCTAssertEqual(pending.ids, [ir, c, plan, a])

        let next = try r.createMeeting(kind: .stcg, date: day("2027-03-12"), unit: "Westshire", chair: nil, title: nil)
        _ = r.takePending()
        let (atSTCG, none) = try r.handover(from: bea, to: kim, rationale: "Bea left", at: next.number)
        XCTAssertEqual(atSTCG, [p])
        XCTAssertNil(none)
        XCTAssertEqual(r.priorities[0].owner, kim)
        XCTAssertEqual(r.openWork(of: bea), [])
        XCTAssertEqual(r.takePending().ids, [p, next])
    }
}
