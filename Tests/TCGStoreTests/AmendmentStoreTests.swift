import Foundation
import TCGDomain
import TCGJSON
@testable import TCGStore
import TCGTestSupport
import XCTest

/// Amendments, a plan's objectives and its reviews are stored (format 3, optional members),
/// read back, match the schema, and a record never amended is written as before.
final class AmendmentStoreTests: XCTestCase {
    private func day(_ text: String) -> Day { Day(iso: text) ?? Day(number: 0) }

    private func amended() throws -> Register {
        var r = Register()
        try r.addUnit(name: "East", kind: nil, parent: nil)
        let ann = try r.addPerson(name: "Ann Lee", role: nil, unit: nil, agency: nil).number
        let bob = try r.addPerson(name: "Bob Kay", role: "analyst", unit: nil, agency: nil).number
        let stcg = try r.createMeeting(kind: .stcg, date: day("2027-03-01"), unit: "East", chair: nil, title: nil).number
        let ttcg = try r.createMeeting(kind: .ttcg, date: day("2027-03-10"), unit: "East", chair: nil, title: nil).number
        let p = try r.addPriority(at: stcg, title: "ASB", owner: ann, rationale: "harm")
        let q = try r.addRequirement(at: stcg, level: .strategic, question: "Who?", priority: p.number, plan: nil, owner: nil)
        let plan = try r.createPlan(at: ttcg, title: "Op", serves: p, owner: ann, start: nil, review: day("2027-03-24"), objectives: "Cut ASB")
        let a = try r.addAction(at: ttcg, type: .enforcement, title: "Patrols", plan: plan.number, owner: ann, due: day("2027-03-20"))
        let c = try r.commissionAnalysis(at: ttcg, title: "Profile", product: nil, assignee: bob, due: day("2027-03-17"))
        let product = try r.addProduct(kind: .other, title: "Note", author: nil, date: day("2027-03-10"), commission: nil, recommends: nil)
        let today = day("2027-03-12")
        try r.amend(a, [(.due, .day(day("2027-03-27"))), (.owner, .person(bob)), (.title, .text("Night \"patrols\""))],
                    rationale: "rota", by: "kim", today: today, at: ttcg)
        try r.amend(c, [(.assignee, .person(ann))], rationale: "leave", by: "kim", today: today, at: nil)
        try r.amend(plan, [(.review, .day(day("2027-03-31"))), (.objectives, .text("Cut ASB by a third"))], rationale: "agreed", by: "kim", today: today, at: nil)
        try r.amend(q, [(.owner, .person(bob)), (.question, .text("Which groups?"))], rationale: "owner named", by: "kim", today: today, at: nil)
        try r.amend(RecordID(.person, bob), [(.role, .text("principal-analyst")), (.unit, .text("East"))], rationale: "regraded", by: "kim", today: today, at: nil)
        try r.amend(product, [(.title, .text("Briefing note"))], rationale: "clearer", by: "kim", today: today, at: nil)
        try r.reviewPlan(at: ttcg, plan.number, outcome: .notMet, note: "No change yet", next: day("2027-04-07"))
        try r.reviewPlan(at: ttcg, plan.number, outcome: .met, note: "Done", next: nil)
        _ = r.takePending()
        return r
    }

    func testAmendmentsAndPlanReviewsRoundTripAndMatchTheSchema() throws {
        let r = try amended()
        let bytes = try WorkspaceFormat.encode(r)
        let loaded = try WorkspaceFormat.decode(bytes, path: "amended")
        assertSameRegister(loaded, r)
        XCTAssertEqual(loaded.plans[0].reviews.count, 2)
        XCTAssertEqual(loaded.actions[0].amendments.count, 3)
        XCTAssertEqual(try WorkspaceFormat.encode(loaded), bytes)
        let schema = try JSONValue.parse(try SchemaTests.doc("workspace.schema.json"))
        XCTAssertEqual(SchemaValidator(schema, strict: true).errors(try JSONValue.parse(bytes)), [])
    }

    func testARecordNeverAmendedIsWrittenAsBefore() throws {
        let r = try amended()
        var p = r.plans[0]
        p.amendments = []
        p.reviews = []
        p.objectives = nil
        var w = JSONWriter(style: .compact, capacity: 512)
        p.write(to: &w)
        let planText = String(decoding: w.bytes, as: UTF8.self)
        XCTAssertFalse(planText.contains("amendments") || planText.contains("reviews") || planText.contains("objectives"),
                       "no new member, so the record's digest is the one the audit chain sealed")
    }

    func testAnAmendmentNamingAMissingMeetingIsRefusedOnLoad() throws {
        var r = try amended()
        r.actions[0].amendments[0].meeting = 99
        let bytes = try WorkspaceFormat.encode(r)
        XCTAssertThrowsError(try WorkspaceFormat.decode(bytes, path: "broken"))
    }
}
