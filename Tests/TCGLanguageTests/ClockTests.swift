import TCGDomain
import XCTest
@testable import TCGLanguage

/// Dates outside the years 1 to 9999 are statement errors, never an inconsistent register.
final class ClockTests: XCTestCase {
    func run(_ text: String) -> (Interpreter, Diagnostic?) {
        let i = Interpreter(register: Register(), format: .table, user: "t", todayOverride: nil,
                            clock: { (Day(iso: "2027-03-12") ?? Day(number: 0), "2027-03-12T09:00:00Z") }, readFile: { _ in [] })
        let source = SourceFile(name: "t", text: text)
        let parsed = Parser.parse(source)
        XCTAssertEqual(parsed.diagnostics, [], text)
        do { try i.execute(parsed.statements, in: source, origin: .repl) } catch { return (i, error.diagnostic) }
        return (i, nil)
    }

    func testAdvancePastTheLastDateIsAStatementError() {
        let (i, error) = run("set today 9999-12-01\nadvance 2mo")
        XCTAssertEqual(error?.message, "10000-02-01 is outside the calendar the register keeps (0001-01-01 to 9999-12-31)")
        XCTAssertEqual(i.register.clock, Day(iso: "9999-12-01"), "the clock did not move")
        XCTAssertNil(run("set today 9999-12-01\nadvance 2w").1)
    }

    func testADateArgumentPastTheLastDateIsAnError() {
        let (_, error) = run("set today 9999-12-30\nadd unit North\nadd person \"Kim\"\ncreate meeting ttcg on today+1w unit North")
        XCTAssertTrue(error?.message.contains("is outside the calendar") ?? false, error?.message ?? "accepted")
    }
}
