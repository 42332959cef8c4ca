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
        let d = Diagnostic(.lateReview(RecordID(.review, 1), plan: RecordID(.plan, 2), started: Day(iso: "2027-03-05")!), range: here, register: r)
        XCTAssertEqual(d.severity, .warning)
        XCTAssertEqual(d.message, "R-1 is commissioned after DP-2 started on 2027-03-05; objectives belong before the operation, so it is flagged (R7)")
    }

    func testTheCycleRulesSayWhatWasWrongAndHowToPutItRight() {
        let future = diagnostic(.meetingNotYetHeld(RecordID(.meeting, 3), date: Day(iso: "2027-03-11")!, today: Day(iso: "2027-03-10")!))
        XCTAssertEqual(future.message, "M-3 meets on 2027-03-11, after today (2027-03-10): business is recorded at a meeting once it has met (R10)")
        XCTAssertEqual(future.help, "use a meeting dated today or earlier (`open M-n`, or `at M-n`); a trainer moves the clock with `advance` or `set today`")
        let due = diagnostic(.dueBeforeMeeting(.commission, due: Day(iso: "2027-03-01")!, meeting: RecordID(.meeting, 2), date: Day(iso: "2027-03-10")!))
        XCTAssertEqual(due.message, "a commission cannot be due on 2027-03-01, before M-2 tasks it on 2027-03-10 (R6)")
        XCTAssertEqual(due.help, "give a due date on or after 2027-03-10")
        let early = diagnostic(.answeredBeforeRaised(RecordID(.escalation, 1), raisedAt: RecordID(.meeting, 2), raised: Day(iso: "2027-03-10")!,
                                                     meeting: RecordID(.meeting, 1), date: Day(iso: "2027-03-01")!))
        XCTAssertEqual(early.message, "E-1 was raised at M-2 on 2027-03-10; M-1, on 2027-03-01, was before it and cannot answer it (R12)")
        XCTAssertEqual(early.help, "accept or decline it at a meeting on or after 2027-03-10")
        let twice = diagnostic(.alreadyPresented(RecordID(.product, 1), at: RecordID(.meeting, 2)))
        XCTAssertEqual(twice.message, "AS-1 was already presented at M-2")
        let active = diagnostic(.handoverOfActivePerson(RecordID(.person, 1), name: "Sgt Bea Cole"))
        XCTAssertEqual(active.message, "Sgt Bea Cole is active: `handover` moves the work of someone who has left (R6)")
        XCTAssertEqual(active.help, "mark them left first (`update person PE-1 status left`), or reassign their work at a TT&CG with `assign PERSON to ID`")
        // A plan's open actions are named with their titles; one the register does not show (under
        // `--max-marking`) is left out.
        let plan = diagnostic(.planHasOpenActions(RecordID(.plan, 1), open: [RecordID(.action, 7)]))
        XCTAssertEqual(plan.message, "DP-1 still has open actions (R13)")
        XCTAssertEqual(plan.help, "complete or cancel them first")
    }

    func testTheWarningsOfALeaverAndOfADuplicateMeeting() {
        let left = Diagnostic(.leftWithOpenWork(RecordID(.person, 1), name: "Sgt Bea Cole", work: [RecordID(.meeting, 1)]), range: here, register: r)
        XCTAssertEqual(left.message, "Sgt Bea Cole has left and still owns open work: M-1 \"2027-03-01\" (R11)")
        XCTAssertEqual(left.help, "hand it over: handover \"Sgt Bea Cole\" to PERSON rationale \"WHY\"")
        let quoted = Diagnostic(.prioritiesKeptUntilSTCG(RecordID(.person, 4), name: "Jo \"JJ\" Park", priorities: []), range: here, register: r)
        XCTAssertEqual(quoted.help, "hand them over there: handover PE-4 to PERSON rationale \"WHY\" at M-n", "a name that needs escapes is written as its id")
        let twice = Diagnostic(.duplicateMeeting(RecordID(.meeting, 3), same: [RecordID(.meeting, 2)]), range: here, register: r)
        XCTAssertEqual(twice.severity, .warning)
        XCTAssertEqual(twice.message, "M-3 is the same kind of meeting, for the same unit, on the same day as M-2; the calendar flags it as a duplicate (R9)")
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
