import TCGDomain
import XCTest
@testable import TCGLanguage

/// `undo` steps back through this session's statements, refusing only when another writer
/// changed the same records since.
final class UndoTests: XCTestCase {
    let clock: @Sendable () -> (today: Day, now: String) = { (Day(iso: "2027-03-12") ?? Day(number: 0), "2027-03-12T09:00:00Z") }

    func session(_ user: String, over register: Register) -> Interpreter {
        let i = Interpreter(register: register, format: .table, user: user, todayOverride: nil, clock: clock, readFile: { _ in [] })
        i.keepsUndo = true
        return i
    }

    @discardableResult
    func run(_ i: Interpreter, _ text: String) -> Diagnostic? {
        let source = SourceFile(name: "t", text: text)
        let parsed = Parser.parse(source)
        XCTAssertEqual(parsed.diagnostics, [], text)
        do { try i.execute(parsed.statements, in: source, origin: .repl) } catch { return error.diagnostic }
        return nil
    }

    func testUndoIsRefusedOnlyWhenAnotherWriterTouchedTheSameRecords() {
        let rosa = session("rosa", over: Register())
        XCTAssertNil(run(rosa, "add unit North"))
        XCTAssertNil(run(rosa, "add person \"Kim\" unit North"))
        XCTAssertNil(run(rosa, "add person \"Lee\" unit North"))
        // Sam, another writer, changes Kim (PE-1) on the register Rosa then sees.
        let sam = session("sam", over: rosa.register)
        XCTAssertNil(run(sam, "update person \"Kim\" role analyst"))
        rosa.register = sam.register
        XCTAssertNil(run(rosa, "undo"), "Lee (PE-2) was Rosa's alone")
        XCTAssertNil(rosa.register.person(2))
        let refused = run(rosa, "undo")
        XCTAssertNotNil(refused)
        XCTAssertTrue(refused?.message.contains("PE-1 was changed since by sam") ?? false, refused?.message ?? "")
        XCTAssertEqual(rosa.register.person(1)?.role, "analyst", "Sam's change is kept")
    }

    func testUndoOfTheUndoneIsNotAConflictWithItself() {
        let i = session("rosa", over: Register())
        XCTAssertNil(run(i, "add unit North"))
        XCTAssertNil(run(i, "add person \"Kim\" unit North"))
        XCTAssertNil(run(i, "update person \"Kim\" role analyst"))
        XCTAssertNil(run(i, "undo"))
        XCTAssertNil(i.register.person(1)?.role)
        XCTAssertNil(run(i, "undo"))
        XCTAssertNil(i.register.person(1))
        XCTAssertNil(run(i, "undo"))
        XCTAssertNil(i.register.unit(named: "North"))
        XCTAssertTrue(run(i, "undo")?.message.contains("nothing to undo") ?? false)
        XCTAssertEqual(i.register.lastNumber[.person], 1, "ids are never reused")
    }

    func testUndoRefusedWhenARecordNowRefersToOneTheStatementCreated() {
        let rosa = session("rosa", over: Register())
        XCTAssertNil(run(rosa, "add unit North"))
        XCTAssertNil(run(rosa, "create meeting ttcg on 2027-03-10 unit North"))
        let sam = session("sam", over: rosa.register)
        XCTAssertNil(run(sam, "add person \"Kim\" unit North"))
        XCTAssertNil(run(sam, "decide \"Go\" rationale \"why\" at M-1"))
        rosa.register = sam.register
        let refused = run(rosa, "undo")
        XCTAssertNotNil(refused)
        XCTAssertNotNil(rosa.register.meetings.index(ofNumber: 1), "the meeting Sam's decision was made at stays")
    }
}
