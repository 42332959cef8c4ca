import XCTest
@testable import TCGDomain

/// `amend` and `review plan` against the register alone: every amendment kept with its old
/// value (R13), priorities refused (R1), the rules the fields were first set under (R6, R11),
/// and plan reviews at a TT&CG only (R6). Same register as `RegisterRulesTests`.
extension RegisterRulesTests {
    /// A plan with one action and a commission, tasked at the TT&CG of 2027-03-10.
    private func tasked() throws -> (plan: RecordID, action: RecordID, commission: RecordID) {
        let p = try r.addPriority(at: stcg, title: "ASB", owner: leo, rationale: "harm")
        let plan = try r.createPlan(at: ttcg, title: "Op", serves: p, owner: bea, start: day("2027-03-11"), review: day("2027-03-24"),
                                    objectives: "Cut ASB")
        let a = try r.addAction(at: ttcg, type: .enforcement, title: "Patrols", plan: plan.number, owner: bea, due: day("2027-03-20"))
        let c = try r.commissionAnalysis(at: ttcg, title: "Profile", product: .problemProfile, assignee: kim, due: day("2027-03-17"))
        _ = r.takePending()
        return (plan, a, c)
    }

    private func amend(_ id: RecordID, _ changes: [Register.FieldChange], why: String = "because", at m: Int? = nil) throws(DomainError) {
        try r.amend(id, changes, rationale: why, by: "kim", today: day("2027-03-12"), at: m)
    }

    func testR13AnAmendmentKeepsTheOldValueWhoWhenAndWhy() throws {
        let (_, a, _) = try tasked()
        try amend(a, [(.due, .day(day("2027-03-27"))), (.owner, .person(kim))], why: "rota moved", at: dmm)
        XCTAssertEqual(r.actions[0].due, day("2027-03-27"))
        XCTAssertEqual(r.actions[0].owner, kim)
        XCTAssertEqual(r.actions[0].amendments, [
            Amendment(field: .due, old: .day(day("2027-03-20")), new: .day(day("2027-03-27")), user: "kim", day: day("2027-03-12"),
                      rationale: "rota moved", meeting: dmm),
            Amendment(field: .owner, old: .person(bea), new: .person(kim), user: "kim", day: day("2027-03-12"), rationale: "rota moved", meeting: dmm),
        ])
        let pending = r.takePending()
        XCTAssertEqual(pending.changes, ["\(a) due 2027-03-20 -> 2027-03-27: rota moved", "\(a) owner \(r.name(of: bea)) -> \(r.name(of: kim)): rota moved"],
                       "one audit change per field")
        XCTAssertEqual(pending.ids, [a, RecordID(.meeting, dmm)])
        XCTAssertEqual(pending.unchanged, [RecordID(.meeting, dmm)], "the meeting is named, not changed")
        XCTAssertEqual(r.references(to: RecordID(.meeting, dmm)), [a], "undo of the meeting sees the amendment")
    }

    func testR1APriorityIsNeverAmended() throws {
        let p = try r.addPriority(at: stcg, title: "ASB", owner: leo, rationale: "harm")
        let refused = refusal { () throws(DomainError) in try amend(p, [(.title, .text("ASB and drugs"))], at: stcg) }
        XCTAssertEqual(refused, .amendedPriority(p))
        XCTAssertEqual(refused?.rule, .r1)
        XCTAssertEqual(r.priorities[0].title, "ASB")
    }

    func testAmendRefusesWhatTheRecordCannotTake() throws {
        let (plan, a, c) = try tasked()
        XCTAssertEqual(refusal { () throws(DomainError) in try amend(a, [(.assignee, .person(kim))]) }, .fieldNotAmendable(a, .assignee))
        XCTAssertEqual(refusal { () throws(DomainError) in try amend(a, []) }, .noAmendment(a))
        XCTAssertEqual(refusal { () throws(DomainError) in try amend(a, [(.title, .text("x"))], why: " ") }, .missingRationale(for: .amendment))
        XCTAssertEqual(refusal { () throws(DomainError) in try amend(a, [(.title, .text("Patrols"))]) }, .unchangedValue(a, .title, .text("Patrols")))
        let early = refusal { () throws(DomainError) in try amend(c, [(.due, .day(day("2027-03-09")))]) }
        XCTAssertEqual(early, .dueBeforeMeeting(.commission, due: day("2027-03-09"), meeting: RecordID(.meeting, ttcg), date: day("2027-03-10")))
        XCTAssertEqual(early?.rule, .r6)
        XCTAssertEqual(refusal { () throws(DomainError) in try amend(plan, [(.review, .day(day("2027-03-01")))]) },
                       .reviewBeforeStart(review: day("2027-03-01"), start: day("2027-03-11")))
        try r.updatePerson(meg, role: nil, unit: nil, agency: nil, status: .left)
        XCTAssertEqual(refusal { () throws(DomainError) in try amend(a, [(.title, .text("New")), (.owner, .person(meg))]) }?.rule, .r11)
        XCTAssertEqual(r.actions[0].title, "Patrols", "nothing changes unless every field can")
        XCTAssertEqual(refusal { () throws(DomainError) in try amend(RecordID(.decision, 1), [(.title, .text("x"))]) }, .notAmendable(RecordID(.decision, 1)))

        try r.complete(a.number, result: "done")
        let done = refusal { () throws(DomainError) in try amend(a, [(.title, .text("New"))]) }
        XCTAssertEqual(done, .notChangeable(a, .action(.done), .amendment))
        XCTAssertTrue(r.actions[0].amendments.isEmpty)
    }

    func testAPersonsNameIsAmendedUniquelyAndFoundByTheNewName() throws {
        let pe = RecordID(.person, kim)
        try amend(pe, [(.name, .text("DI Kim Ng")), (.unit, .text("east"))])
        XCTAssertEqual(r.personNumber(named: "di kim ng"), kim)
        guard case .text(let oldName)? = r.person(kim)?.amendments[0].old else { return XCTFail("the old name is kept") }
        XCTAssertNil(r.personNumber(named: oldName), "the old name no longer finds anyone")
        XCTAssertEqual(r.person(kim)?.unit, "East", "the unit as the register spells it")
        XCTAssertEqual(refusal { () throws(DomainError) in try amend(pe, [(.name, .text(r.name(of: bea)))]) },
                       .duplicatePerson(name: r.name(of: bea), existing: RecordID(.person, bea)))
    }

    func testAmendmentsFromThroughListsThemByDay() throws {
        let (plan, a, _) = try tasked()
        try r.amend(a, [(.title, .text("Night patrols"))], rationale: "r1", by: "kim", today: day("2027-03-12"), at: nil)
        try r.amend(plan, [(.objectives, .text("Cut ASB by a third"))], rationale: "r2", by: "ann", today: day("2027-03-11"), at: nil)
        try r.amend(a, [(.due, .day(day("2027-03-30")))], rationale: "r3", by: "kim", today: day("2027-03-20"), at: nil)
        let found = r.amendments(from: day("2027-03-11"), through: day("2027-03-12"))
        XCTAssertEqual(found.map(\.id), [plan, a])
        XCTAssertEqual(found.map(\.amendment.rationale), ["r2", "r1"])
        XCTAssertEqual(found[0].amendment.old, .text("Cut ASB"))
        XCTAssertEqual(r.amendments(from: day("2027-03-13"), through: day("2027-03-31")).map(\.amendment.field), [.due])

        try r.mark(RecordID(.meeting, dmm), .officialSensitive)
        try r.amend(a, [(.title, .text("Patrols at the DMM"))], rationale: "r4", by: "kim", today: day("2027-03-21"), at: dmm)
        let view = r.visible(under: .official)
        XCTAssertEqual(view.amendments(from: day("2027-03-21"), through: day("2027-03-21")), [], "made at a hidden meeting")
        XCTAssertEqual(r.amendments(from: day("2027-03-21"), through: day("2027-03-21")).count, 1)
    }

    func testR6APlanIsReviewedAtATTCGAndItsNextReviewSet() throws {
        let (plan, _, _) = try tasked()
        let refused = refusal { () throws(DomainError) in try r.reviewPlan(at: ium, plan.number, outcome: .met, note: "x", next: nil) }
        XCTAssertEqual(refused, .notAllowedAt(meeting: RecordID(.meeting, ium), kind: .ium, business: .planReview, allowed: [.ttcg]))
        XCTAssertEqual(refused?.rule, .r6)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.reviewPlan(at: ttcg, plan.number, outcome: .met, note: "x", next: day("2027-03-09")) },
                       .dueBeforeMeeting(.plan, due: day("2027-03-09"), meeting: RecordID(.meeting, ttcg), date: day("2027-03-10")))
        XCTAssertEqual(refusal { () throws(DomainError) in try r.reviewPlan(at: ttcg, plan.number, outcome: .met, note: " ", next: nil) },
                       .missingText(.planReviewNote))
        try r.reviewPlan(at: ttcg, plan.number, outcome: .partly, note: "ASB down", next: day("2027-04-07"))
        XCTAssertEqual(r.plans[0].review, day("2027-04-07"))
        try r.reviewPlan(at: ttcg, plan.number, outcome: .notMet, note: "No change", next: nil)
        XCTAssertNil(r.plans[0].review, "no next date clears it")
        XCTAssertEqual(r.plans[0].reviews, [
            PlanReview(date: day("2027-03-10"), meeting: ttcg, outcome: .partly, note: "ASB down", next: day("2027-04-07")),
            PlanReview(date: day("2027-03-10"), meeting: ttcg, outcome: .notMet, note: "No change", next: nil),
        ])
        XCTAssertEqual(r.takePending().changes.first, "\(plan) reviewed at M-\(ttcg): partly: ASB down; review 2027-03-24 -> 2027-04-07")
        try r.finishPlan(plan.number, status: .closed, note: nil)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.reviewPlan(at: ttcg, plan.number, outcome: .met, note: "x", next: nil) },
                       .notChangeable(plan, .plan(.closed), .planReview))
    }
}
