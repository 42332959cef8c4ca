import XCTest
@testable import TCGLanguage
import TCGDomain

/// The words for the register's refusals: exact message and help, suggestions from the register.
final class DomainMessagesTests: XCTestCase {
    var r = Register()
    let here = SourceRange(0, 1)

    override func setUpWithError() throws {
        r = Register()
        try r.addUnit(name: "Westshire", kind: .force, parent: nil)
        try r.addUnit(name: "East", kind: .bcu, parent: "Westshire")
        _ = try r.addPerson(name: "Sgt Bea Cole", role: nil, unit: "East", agency: nil)
        _ = try r.addPerson(name: "DS Kim Ng", role: nil, unit: "East", agency: nil)
        for day in ["2027-03-01", "2027-03-10", "2027-03-11"] {
            _ = try r.createMeeting(kind: .ttcg, date: Day(iso: day)!, unit: "East", chair: nil, title: nil)
        }
    }

    func diagnostic(_ error: DomainError) -> Diagnostic { Diagnostic(error, range: here, register: r) }

    func testAStrategyRefusalNamesTheRuleAndWhereToGo() {
        let d = diagnostic(.notAllowedAt(meeting: RecordID(.meeting, 2), kind: .ttcg, business: .controlStrategy, allowed: [.stcg]))
        XCTAssertEqual(d.severity, .error)
        XCTAssertEqual(d.message, "the control strategy can be set or amended only at an ST&CG; M-2 is a TT&CG (R1)")
        XCTAssertEqual(d.help, "open an ST&CG first (`open M-n`), or name one with `at M-n`")
    }

    func testADMMIsNotATCMeeting() {
        let d = diagnostic(.notAllowedAt(meeting: RecordID(.meeting, 4), kind: .dmm, business: .commission, allowed: [.stcg, .ttcg]))
        XCTAssertEqual(d.message, "analysis can be commissioned only at an ST&CG or a TT&CG; M-4 is a DMM, which is not a T&C meeting (R8)")
        XCTAssertEqual(d.help, "a DMM may record fast-track decisions and progress on actions only")
    }

    func testUnknownNamesSuggestTheNearestInTheRegister() {
        let person = diagnostic(.unknownPerson(name: "Sgt Bee Cole"))
        XCTAssertEqual(person.message, "unknown person \"Sgt Bee Cole\" (R11)")
        XCTAssertEqual(person.help, "did you mean \"Sgt Bea Cole\"? People are added with `add person \"NAME\"`; tcg never creates one silently.")
        let unit = diagnostic(.unknownUnit("Eats"))
        XCTAssertEqual(unit.message, "unknown unit Eats (R11)")
        XCTAssertEqual(unit.help, "did you mean East? Units are added with `add unit NAME`.")
        XCTAssertEqual(diagnostic(.unknownUnit("Zzzzzzzz")).help, "Units are added with `add unit NAME`.")
    }

    func testUnknownIdsSuggestTheNearestIds() {
        let d = diagnostic(.unknownRecord(RecordID(.meeting, 9)))
        XCTAssertEqual(d.message, "no meeting M-9 in the register (R11)")
        XCTAssertEqual(d.help, "did you mean M-1, M-2 or M-3?")
        let none = diagnostic(.unknownRecord(RecordID(.plan, 1)))
        XCTAssertEqual(none.message, "no delivery plan DP-1 in the register (R11)")
        XCTAssertEqual(none.help, "there are no plans yet")
    }

    func testRefusalsWithoutARuleHaveNone() {
        let d = diagnostic(.duplicatePerson(name: "DS Kim Ng", existing: RecordID(.person, 2)))
        XCTAssertEqual(d.message, "\"DS Kim Ng\" is already in the register as PE-2")
        XCTAssertEqual(d.help, "names are unique; use PE-2 or add a distinguishing word (e.g. a rank)")
        let done = diagnostic(.alreadyInState(RecordID(.action, 3), .action(.done)))
        XCTAssertEqual(done.message, "A-3 is already done")
        XCTAssertNil(done.help)
    }

    func testRationaleAndLeaverRefusals() {
        let d = diagnostic(.missingRationale(for: .decision(at: .ttcg)))
        XCTAssertEqual(d.message, "a decision at a TT&CG is recorded with its rationale (R5)")
        XCTAssertEqual(d.help, "add rationale \"WHY\"")
        let left = diagnostic(.personLeft(RecordID(.person, 2), name: "DS Kim Ng", role: .planOwner))
        XCTAssertEqual(left.message, "DS Kim Ng has left and cannot be a plan owner (R11)")
        XCTAssertEqual(left.help, "choose someone active, or `update person PE-2 status active`")
    }

    func testTheLateReviewWarning() {
        let d = Diagnostic(.lateReview(RecordID(.review, 1), plan: RecordID(.plan, 2), started: Day(iso: "2027-03-05")!), range: here)
        XCTAssertEqual(d.severity, .warning)
        XCTAssertEqual(d.message, "R-1 is commissioned after DP-2 started on 2027-03-05; objectives belong before the operation, so it is flagged (R7)")
    }

    func testEveryKeywordReadsBackAsItsValue() {
        func check<T: Keyword>(_: T.Type) {
            XCTAssertEqual(Set(T.keywords).count, T.allCases.count, "\(T.self): keywords are distinct")
            for value in T.allCases { XCTAssertEqual(T(keyword: value.keyword), value, "\(T.self).\(value)") }
        }
        check(Unit.Kind.self); check(Person.Status.self); check(Meeting.Kind.self); check(Meeting.Status.self)
        check(Product.Kind.self); check(Product.Status.self); check(Priority.Status.self); check(Requirement.Level.self)
        check(Requirement.Status.self); check(Commission.Status.self); check(Plan.Status.self); check(Action.PIER.self)
        check(Action.Status.self); check(Escalation.Status.self); check(Review.Scope.self); check(Review.Status.self)
        check(CalendarEntry.Status.self); check(Marking.self)
        XCTAssertEqual(Marking(word: "OFFICIAL-SENSITIVE"), .officialSensitive)
    }
}
