import XCTest
@testable import TCGDomain

/// `schedule`: meetings planned through a period (R9), against the register alone.
final class ScheduleTests: XCTestCase {
    var r = Register()
    var leo = 0

    func day(_ text: String) -> Day { Day(iso: text) ?? Day(number: 0) }

    override func setUpWithError() throws {
        (r, leo) = try PartnershipFixture.register()
    }

    func testCreatesAMeetingOnEachDateAndSkipsThoseTaken() throws {
        let taken = try r.createMeeting(kind: .ttcg, date: day("2027-04-21"), unit: "East", chair: nil, title: nil)
        _ = try r.createMeeting(kind: .ium, date: day("2027-05-05"), unit: "East", chair: nil, title: nil)
        _ = try r.createMeeting(kind: .ttcg, date: day("2027-05-05"), unit: "Westshire", chair: nil, title: nil)
        _ = r.takePending()
        let done = try r.scheduleMeetings(kind: .ttcg, unit: "east", every: Duration(count: 2, unit: .weeks),
                                          from: day("2027-04-07"), until: day("2027-06-02"), chair: leo)
        XCTAssertEqual(done.skipped, [day("2027-04-21")], "only a TT&CG of East on the day is skipped")
        let made = done.created.compactMap { id in r.meetings.index(ofNumber: id.number).map { r.meetings[$0] } }
        XCTAssertEqual(made.map(\.date), ["2027-04-07", "2027-05-05", "2027-05-19", "2027-06-02"].map(day))
        XCTAssertTrue(made.allSatisfy { $0.kind == .ttcg && $0.unit == "East" && $0.chair == leo && $0.status == .planned })
        XCTAssertFalse(done.created.contains(taken))
        let pending = r.takePending()
        XCTAssertEqual(pending.changes.count, 4, "one audit change per meeting created")
        XCTAssertEqual(pending.ids, done.created, "every meeting created is in the ids logged")
    }

    func testMonthsStepFromTheFirstDateNotFromTheLastMonthEnd() throws {
        let done = try r.scheduleMeetings(kind: .psg, unit: "EastCSP", every: Duration(count: 1, unit: .months),
                                          from: day("2027-01-31"), until: day("2027-04-30"), chair: nil)
        let dates = done.created.compactMap { id in r.meetings.index(ofNumber: id.number).map { r.meetings[$0].date } }
        XCTAssertEqual(dates, ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"].map(day))
    }

    func testOneDateWhenFromIsUntil() throws {
        let done = try r.scheduleMeetings(kind: .dmm, unit: "East", every: Duration(count: 1, unit: .days),
                                          from: day("2027-03-20"), until: day("2027-03-20"), chair: nil)
        XCTAssertEqual(done.created.count, 1)
    }

    func testRefusalsCreateNothing() throws {
        let before = r.meetings.count
        func refused(_ expected: DomainError, _ body: (inout Register) throws(DomainError) -> Schedule) {
            do {
                _ = try body(&r)
                XCTFail("expected \(expected)")
            } catch {
                XCTAssertEqual(error, expected)
            }
            XCTAssertEqual(r.meetings.count, before)
        }
        let w2 = Duration(count: 2, unit: .weeks), d1 = Duration(count: 1, unit: .days)
        refused(.scheduleEndsBeforeStart(from: day("2027-04-07"), until: day("2027-04-06"))) { r throws(DomainError) in
            try r.scheduleMeetings(kind: .ttcg, unit: "East", every: w2, from: day("2027-04-07"), until: day("2027-04-06"), chair: nil)
        }
        refused(.tooManyMeetings(every: d1, from: day("2027-01-01"), until: day("2028-02-05"), limit: 400)) { r throws(DomainError) in
            try r.scheduleMeetings(kind: .dmm, unit: "East", every: d1, from: day("2027-01-01"), until: day("2028-02-05"), chair: nil)
        }
        refused(.unknownUnit("Eats")) { r throws(DomainError) in
            try r.scheduleMeetings(kind: .ttcg, unit: "Eats", every: w2, from: day("2027-04-07"), until: day("2027-05-07"), chair: nil)
        }
        refused(.nonPositiveFrequency(Duration(count: 0, unit: .weeks))) { r throws(DomainError) in
            try r.scheduleMeetings(kind: .ttcg, unit: "East", every: Duration(count: 0, unit: .weeks), from: day("2027-04-07"), until: day("2027-05-07"), chair: nil)
        }
        refused(.psgOutsidePartnership(unit: "Westshire", kind: .force)) { r throws(DomainError) in
            try r.scheduleMeetings(kind: .psg, unit: "Westshire", every: w2, from: day("2027-04-07"), until: day("2027-05-07"), chair: nil)
        }
        XCTAssertEqual(DomainError.tooManyMeetings(every: d1, from: day("2027-01-01"), until: day("2028-02-04"), limit: 400).rule, .r9)
    }

    func testExactlyTheLimitIsAllowed() throws {
        // 2027-01-01 + 399 days is 2028-02-04: 400 dates, one more than that is refused.
        let done = try r.scheduleMeetings(kind: .dmm, unit: "East", every: Duration(count: 1, unit: .days),
                                          from: day("2027-01-01"), until: day("2028-02-04"), chair: nil)
        XCTAssertEqual(done.created.count, Register.scheduleLimit)
    }
}
