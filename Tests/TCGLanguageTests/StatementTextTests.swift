import TCGDomain
import XCTest
@testable import TCGLanguage

/// The audit trail keeps each statement as it ran: its `$variables` written as their values.
final class StatementTextTests: XCTestCase {
    func testVariablesAreRecordedAsTheirValues() {
        let i = ExpressionRegister.interpreter()
        let (_, error) = ScriptHarness.run(i, """
            let who = "Sgt Bea Cole"
            let note = "a \\"quoted\\" ${who}"
            for $a in [A-1, A-2] { update $a progress "Seen: $note" }
            let when = today - 7d
            let m = create meeting ttcg on $when unit East
            open $m
            assign $who to A-3
            let words = ["x", 3]
            decide "Noted $words" rationale "Because" about $a
            update A-1 progress "left as written: $unset"
            """)
        XCTAssertEqual(error?.message, "$unset is not set")
        let statements = i.register.audit.suffix(6).map(\.statement)
        XCTAssertEqual(statements, [
            "update A-1 progress \"Seen: a \\\"quoted\\\" Sgt Bea Cole\"",
            "update A-2 progress \"Seen: a \\\"quoted\\\" Sgt Bea Cole\"",
            "create meeting ttcg on 2027-03-13 unit East",
            "open M-3",
            "assign \"Sgt Bea Cole\" to A-3",
            "decide \"Noted x, 3\" rationale \"Because\" about A-2",
        ])
    }

    func testAStatementWithoutVariablesIsKeptAsWritten() {
        let i = ExpressionRegister.interpreter()
        XCTAssertNil(ScriptHarness.run(i, "update A-1 progress \"cost $5, \\\\ and \\\"so\\\"\"").error)
        XCTAssertEqual(i.register.audit.last?.statement, "update A-1 progress \"cost $5, \\\\ and \\\"so\\\"\"")
    }

    func testUndoNamesTheResolvedStatement() {
        let i = ExpressionRegister.interpreter()
        i.keepsUndo = true
        XCTAssertEqual(ScriptHarness.run(i, "let a = A-1\ncomplete $a result \"done\"\nundo").out, "A-1 done\nundone: complete A-1 result \"done\"\n")
    }
}
