import XCTest
@testable import TCGDomain

/// DOMAIN.md's rules against the register alone, without the language.
final class RegisterRulesTests: XCTestCase {
    var r = Register()
    var stcg = 0, ttcg = 0, dmm = 0, ium = 0
    var leo = 0, kim = 0, bea = 0, meg = 0

    override func setUpWithError() throws {
        r = Register()
        try r.addUnit(name: "Westshire", kind: .force, parent: nil)
        try r.addUnit(name: "East", kind: .bcu, parent: "Westshire")
        leo = try r.addPerson(name: "Ch Supt Leo Hart", role: nil, unit: "East", agency: nil).number
        kim = try r.addPerson(name: "DS Kim Ng", role: "intelligence-officer", unit: "East", agency: nil).number
        bea = try r.addPerson(name: "Sgt Bea Cole", role: nil, unit: "East", agency: nil).number
        meg = try r.addPerson(name: "Meg Lowe", role: nil, unit: nil, agency: "East District Council").number
        let d = Day(iso: "2027-03-01")!
        stcg = try r.createMeeting(kind: .stcg, date: d, unit: "Westshire", chair: nil, title: nil).number
        ttcg = try r.createMeeting(kind: .ttcg, date: d.adding(days: 9), unit: "East", chair: leo, title: nil).number
        dmm = try r.createMeeting(kind: .dmm, date: d.adding(days: 10), unit: "East", chair: nil, title: nil).number
        ium = try r.createMeeting(kind: .ium, date: d.adding(days: 8), unit: "East", chair: nil, title: nil).number
    }

    func refusal(_ body: () throws(DomainError) -> Void) -> DomainError? {
        do { try body() } catch { return error }
        return nil
    }

    func testR1StrategyOnlyAtSTCG() throws {
        let e = refusal { () throws(DomainError) in _ = try r.addPriority(at: ttcg, title: "ASB", owner: leo, rationale: "harm") }
        XCTAssertEqual(e, .notAllowedAt(meeting: RecordID(.meeting, ttcg), kind: .ttcg, business: .controlStrategy, allowed: [.stcg, .psg]))
        XCTAssertEqual(e?.rule, .r1)
        let p = try r.addPriority(at: stcg, title: "ASB", owner: leo, rationale: "harm")
        XCTAssertEqual(p.description, "P-1")
        XCTAssertEqual(refusal { () throws(DomainError) in try r.retirePriority(at: ttcg, 1, rationale: "done") }?.rule, .r1)
        let reassign = refusal { () throws(DomainError) in try r.assign(at: ttcg, person: kim, to: p) }
        XCTAssertEqual(reassign, .notAllowedAt(meeting: RecordID(.meeting, ttcg), kind: .ttcg, business: .priorityOwner, allowed: [.stcg, .psg]))
        XCTAssertEqual(reassign?.rule, .r1)
        try r.assign(at: stcg, person: kim, to: p)
        XCTAssertEqual(r.priorities[0].owner, kim)
    }

    func testR3RationaleRequired() {
        let priority = refusal { () throws(DomainError) in _ = try r.addPriority(at: stcg, title: "ASB", owner: leo, rationale: "  ") }
        XCTAssertEqual(priority, .missingRationale(for: .priority))
        XCTAssertEqual(priority?.rule, .r3)
        let candidate = refusal { () throws(DomainError) in _ = try r.rejectCandidate(at: stcg, title: "Fly-tipping", rationale: "") }
        XCTAssertEqual(candidate, .missingRationale(for: .rejectedCandidate))
        XCTAssertEqual(candidate?.rule, .r3)
    }

    func testR4Requirements() throws {
        XCTAssertEqual(refusal { () throws(DomainError) in
            _ = try r.addRequirement(at: ttcg, level: .strategic, question: "Who?", priority: nil, plan: nil, owner: kim)
        }?.rule, .r4)
        XCTAssertEqual(refusal { () throws(DomainError) in
            _ = try r.addRequirement(at: ttcg, level: .tactical, question: "Where?", priority: nil, plan: nil, owner: kim)
        }, .tacticalRequirementWithoutPlan)
        _ = try r.addRequirement(at: stcg, level: .strategic, question: "Who?", priority: nil, plan: nil, owner: kim)
        try r.reviewRequirement(at: ttcg, 1, status: .answered, note: "two groups")
        XCTAssertEqual(r.requirements[0].status, .answered)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.reviewRequirement(at: ium, 1, status: .open, note: nil) }?.rule, .r4)
    }

    func testR5DecisionsImmutableAndSuperseded() throws {
        let e = refusal { () throws(DomainError) in
            _ = try r.decide(at: ttcg, text: "Launch", rationale: nil, about: [], supersedes: nil)
        }
        XCTAssertEqual(e, .missingRationale(for: .decision(at: .ttcg)))
        XCTAssertEqual(e?.rule, .r5)
        _ = try r.decide(at: dmm, text: "Fast-track", rationale: nil, about: [], supersedes: nil)
        let d2 = try r.decide(at: ttcg, text: "Launch", rationale: "serves P-1", about: [], supersedes: nil)
        let d3 = try r.decide(at: ttcg, text: "Launch later", rationale: "resources", about: [], supersedes: d2.number)
        XCTAssertEqual(r.decisions[1].text, "Launch")
        XCTAssertEqual(r.decisions[1].supersededBy, d3.number)
        let again = refusal { () throws(DomainError) in
            _ = try r.decide(at: ttcg, text: "Again", rationale: "x", about: [], supersedes: d2.number)
        }
        XCTAssertEqual(again, .alreadySuperseded(d2, by: d3))
        XCTAssertEqual(again?.rule, .r5)
    }

    func testR6AndR8WhereDeliveryHappens() throws {
        let p = try r.addPriority(at: stcg, title: "ASB", owner: leo, rationale: "harm")
        let e = refusal { () throws(DomainError) in _ = try r.createPlan(at: dmm, title: "Op", serves: p, owner: bea, start: nil, review: nil) }
        XCTAssertEqual(e, .notAllowedAt(meeting: RecordID(.meeting, dmm), kind: .dmm, business: .plan, allowed: [.ttcg]))
        XCTAssertEqual(e?.rule, .r8)
        XCTAssertEqual(refusal { () throws(DomainError) in _ = try r.createPlan(at: stcg, title: "Op", serves: p, owner: bea, start: nil, review: nil) }?.rule, .r6)
        let plan = try r.createPlan(at: ttcg, title: "Op", serves: p, owner: bea, start: nil, review: nil)
        XCTAssertEqual(refusal { () throws(DomainError) in
            _ = try r.addAction(at: ium, type: .prevention, title: "Survey", plan: plan.number, owner: meg, due: Day(iso: "2027-03-18")!)
        }?.rule, .r6)
        let a = try r.addAction(at: ttcg, type: .prevention, title: "Survey", plan: plan.number, owner: meg, due: Day(iso: "2027-03-18")!)
        try r.updateProgress(a.number, text: "started", today: Day(iso: "2027-03-12")!, meeting: dmm)
        XCTAssertEqual(r.actions[0].progress.count, 1)
        XCTAssertEqual(refusal { () throws(DomainError) in
            _ = try r.commissionAnalysis(at: dmm, title: "Profile", product: .problemProfile, assignee: kim, due: Day(iso: "2027-03-20")!)
        }?.rule, .r8)
    }

    func testR7LateReviewFlagged() throws {
        let p = try r.addPriority(at: stcg, title: "ASB", owner: leo, rationale: "harm")
        let plan = try r.createPlan(at: ttcg, title: "Op", serves: p, owner: bea, start: Day(iso: "2027-03-05"), review: nil)
        let (_, warning) = try r.commissionReview(at: ttcg, title: "Review", plan: plan.number, objectives: "Did it work?", scope: .crimeImpact)
        XCTAssertEqual(warning, .lateReview(RecordID(.review, 1), plan: plan, started: Day(iso: "2027-03-05")!))
        XCTAssertEqual(warning?.rule, .r7)
        XCTAssertTrue(r.reviews[0].late)
        XCTAssertEqual(refusal { () throws(DomainError) in
            _ = try r.commissionReview(at: ttcg, title: "Review", plan: plan.number, objectives: "", scope: .all)
        }, .missingObjectives)
    }

    func testR9Calendar() throws {
        try r.setPolicy(unit: "East", stcg: nil, ttcg: Duration(count: 2, unit: .weeks))
        try r.closeMeeting(ttcg)
        let rows = r.calendar(today: Day(iso: "2027-04-01")!, unit: "East")
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0].last, Day(iso: "2027-03-10"))
        XCTAssertEqual(rows[0].nextDue, Day(iso: "2027-03-24"))
        XCTAssertEqual(rows[0].status, .overdue)
        XCTAssertEqual(r.calendar(today: Day(iso: "2027-03-20")!, unit: "East")[0].status, .ok)
    }

    func testR10ClosedMeeting() throws {
        try r.closeMeeting(ttcg)
        let m = RecordID(.meeting, ttcg)
        let attend = refusal { () throws(DomainError) in try r.attend(meeting: ttcg, people: [kim], partner: false) }
        XCTAssertEqual(attend, .meetingClosed(m))
        XCTAssertEqual(attend?.rule, .r10)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.openMeeting(ttcg) }, .closedMeetingReopened(m))
        XCTAssertEqual(refusal { () throws(DomainError) in try r.closeMeeting(ttcg) }, .alreadyInState(m, .meeting(.closed)))
        XCTAssertEqual(refusal { () throws(DomainError) in try r.closeMeeting(ttcg) }?.rule, .r10)
    }

    func testR11UnknownNamesAndIds() {
        let e = refusal { () throws(DomainError) in _ = try r.resolvePerson(named: "Sgt Bee Cole") }
        XCTAssertEqual(e, .unknownPerson(name: "Sgt Bee Cole"))
        XCTAssertEqual(e?.rule, .r11)
        XCTAssertEqual(refusal { () throws(DomainError) in _ = try r.resolveUnit(named: "Eats") }, .unknownUnit("Eats"))
        XCTAssertEqual(refusal { () throws(DomainError) in try r.require(RecordID(.meeting, 9)) }, .unknownRecord(RecordID(.meeting, 9)))
        XCTAssertEqual(refusal { () throws(DomainError) in _ = try r.addPerson(name: "ds kim ng", role: nil, unit: nil, agency: nil) },
                       .duplicatePerson(name: "DS Kim Ng", existing: RecordID(.person, 2)))
    }

    func testR11PersonWhoLeftCannotTakeARole() throws {
        try r.updatePerson(kim, role: nil, unit: nil, agency: nil, status: .left)
        let e = refusal { () throws(DomainError) in
            _ = try r.commissionAnalysis(at: ttcg, title: "Profile", product: nil, assignee: kim, due: Day(iso: "2027-03-20")!)
        }
        XCTAssertEqual(e, .personLeft(RecordID(.person, kim), name: "DS Kim Ng", role: .assignee))
        XCTAssertEqual(e?.rule, .r11)
    }

    func testR12EscalationToParentOnly() throws {
        try r.addUnit(name: "West", kind: .bcu, parent: "Westshire")
        let wrong = refusal { () throws(DomainError) in _ = try r.escalate(at: ttcg, subject: .text("PCSOs"), to: "West", rationale: "cover") }
        XCTAssertEqual(wrong, .notParentUnit(from: "East", parent: "Westshire", given: "West"))
        XCTAssertEqual(wrong?.rule, .r12)
        let e = try r.escalate(at: ttcg, subject: .text("PCSOs"), to: "Westshire", rationale: "cover")
        let elsewhere = refusal { () throws(DomainError) in try r.settleEscalation(at: ttcg, e.number, accept: true, rationale: nil) }
        XCTAssertEqual(elsewhere, .escalatedElsewhere(e, to: "Westshire", meeting: RecordID(.meeting, ttcg), meetingUnit: "East"))
        XCTAssertEqual(elsewhere?.rule, .r12)
        let force = try r.createMeeting(kind: .ttcg, date: Day(iso: "2027-03-12")!, unit: "Westshire", chair: nil, title: nil)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.settleEscalation(at: force.number, e.number, accept: false, rationale: nil) }?.rule, .r12)
        try r.settleEscalation(at: force.number, e.number, accept: true, rationale: nil)
        XCTAssertEqual(r.escalations[0].status, .accepted)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.settleEscalation(at: force.number, e.number, accept: true, rationale: nil) },
                       .alreadyInState(e, .escalation(.accepted)))
    }

    func testR13NothingDeletedAndIdsNeverReused() throws {
        let p = try r.addPriority(at: stcg, title: "ASB", owner: leo, rationale: "harm")
        let plan = try r.createPlan(at: ttcg, title: "Op", serves: p, owner: bea, start: nil, review: nil)
        let a = try r.addAction(at: ttcg, type: .prevention, title: "Survey", plan: plan.number, owner: meg, due: Day(iso: "2027-03-18")!)
        try r.cancel(a, rationale: "council runs it")
        XCTAssertEqual(r.actions.count, 1)
        XCTAssertEqual(r.actions[0].status, .cancelled)
        XCTAssertEqual(r.actions[0].result, "council runs it")
        let noWhy = refusal { () throws(DomainError) in try r.cancel(a, rationale: "") }
        XCTAssertEqual(noWhy, .missingRationale(for: .cancelling))
        XCTAssertEqual(noWhy?.rule, .r13)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.cancel(a, rationale: "twice") }, .alreadyInState(a, .action(.cancelled)))
        XCTAssertEqual(refusal { () throws(DomainError) in try r.cancel(p, rationale: "done") }, .cannotCancel(p))
        r.actions.removeLast()
        let next = try r.addAction(at: ttcg, type: .prevention, title: "Again", plan: plan.number, owner: meg, due: Day(iso: "2027-03-18")!)
        XCTAssertEqual(next.number, 2, "ids are never reused")
    }
}
