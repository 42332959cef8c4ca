import XCTest
@testable import TCGDomain

/// The partnership strategic group (PSG): a partnership sets its own priorities and strategic
/// requirements there as a force does at its ST&CG (R1, R3, R4, R5), meeting every quarter by default (R9).
final class PartnershipTests: XCTestCase {
    var r = Register()
    var meg = 0, leo = 0, psg = 0

    func day(_ text: String) -> Day { Day(iso: text) ?? Day(number: 0) }

    override func setUpWithError() throws {
        (r, leo) = try PartnershipFixture.register()
        meg = try r.addPerson(name: "Meg Lowe", role: nil, unit: "EastCSP", agency: "East District Council").number
        psg = try r.createMeeting(kind: .psg, date: day("2027-03-05"), unit: "EastCSP", chair: meg, title: nil).number
    }

    func testTheControlStrategyIsSetAtAPSG() throws {
        let p = try r.addPriority(at: psg, title: "Fly-tipping hot spots", owner: meg, rationale: "Council data")
        XCTAssertEqual(r.priorities[0].unit, "EastCSP")
        _ = try r.rejectCandidate(at: psg, title: "Graffiti", rationale: "Low harm")
        _ = try r.addRequirement(at: psg, level: .strategic, question: "Who dumps the waste?", priority: p.number, plan: nil, owner: leo)
        try r.assign(at: psg, person: leo, to: p)
        XCTAssertThrowsError(try r.decide(at: psg, text: "Adopt", rationale: nil, about: [], supersedes: nil)) {
            XCTAssertEqual($0 as? DomainError, .missingRationale(for: .decision(at: .psg)), "a PSG decision needs a rationale (R5)")
        }
        _ = try r.decide(at: psg, text: "Adopt the partnership strategy", rationale: "Joint assessment", about: [p], supersedes: nil)
        try r.retirePriority(at: psg, p.number, rationale: "Solved")
        XCTAssertEqual(r.priorities[0].status, .retired)
    }

    func testTacticalBusinessIsStillRefusedAtAPSG() throws {
        XCTAssertThrowsError(try r.createPlan(at: psg, title: "Op", serves: nil, owner: meg, start: nil, review: nil)) {
            guard case .notAllowedAt(_, .psg, .plan, let allowed)? = $0 as? DomainError else { return XCTFail("\($0)") }
            XCTAssertEqual(allowed, [.ttcg])
        }
    }

    func testAPSGIsAPartnershipsOnly() throws {
        XCTAssertThrowsError(try r.createMeeting(kind: .psg, date: day("2027-03-05"), unit: "Westshire", chair: nil, title: nil)) {
            XCTAssertEqual($0 as? DomainError, .psgOutsidePartnership(unit: "Westshire", kind: .force))
        }
        let only = try r.createMeeting(kind: .psg, date: day("2027-06-05"), unit: nil, chair: nil, title: nil)
        XCTAssertEqual(r.meetings.last?.unit, "EastCSP", "without a unit, a PSG is the only partnership's")
        XCTAssertEqual(only.number, r.meetings.last?.number)
        try r.addUnit(name: "WestCSP", kind: .partnership, parent: nil)
        XCTAssertThrowsError(try r.createMeeting(kind: .psg, date: day("2027-06-05"), unit: nil, chair: nil, title: nil)) {
            XCTAssertEqual($0 as? DomainError, .psgOutsidePartnership(unit: nil, kind: nil))
        }
    }

    func testAPartnershipsPSGMeetsEveryQuarterUnlessItsPolicySays() throws {
        try r.closeMeeting(psg)
        var rows = r.calendar(today: day("2027-04-01"))
        XCTAssertEqual(rows.map(\.unit), ["EastCSP"], "only the partnership has a policy of its own")
        XCTAssertEqual(rows[0].group, .psg)
        XCTAssertEqual(rows[0].every, Duration(count: 3, unit: .months))
        XCTAssertEqual(rows[0].nextDue, day("2027-06-05"))
        XCTAssertEqual(r.nextMeeting(kind: .psg, unit: "EastCSP", today: day("2027-04-01")).date, day("2027-06-05"))
        try r.setPolicy(unit: "EastCSP", stcg: nil, ttcg: nil, psg: Duration(count: 6, unit: .months))
        rows = r.calendar(today: day("2027-04-01"))
        XCTAssertEqual(rows[0].nextDue, day("2027-09-05"))
        XCTAssertThrowsError(try r.setPolicy(unit: "East", stcg: nil, ttcg: nil, psg: Duration(count: 3, unit: .months))) {
            XCTAssertEqual($0 as? DomainError, .psgOutsidePartnership(unit: "East", kind: .bcu))
        }
    }

    func testAPartnershipsPrioritiesMoveInAHandoverAtAPSG() throws {
        let p = try r.addPriority(at: psg, title: "Fly-tipping", owner: meg, rationale: "Council data")
        try r.updatePerson(meg, role: nil, unit: nil, agency: nil, status: .left)
        let done = try r.handover(from: meg, to: leo, rationale: "Meg left", at: psg)
        XCTAssertEqual(done.moved, [p])
        XCTAssertNil(done.warning)
    }
}
