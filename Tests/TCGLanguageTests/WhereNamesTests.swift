import TCGDomain
import TCGTestSupport
import XCTest
@testable import TCGLanguage

/// A `where` names units, people and records the register knows (R11), and reaches an action's
/// priority through its plan.
final class WhereNamesTests: XCTestCase {
    func run(_ i: Interpreter, _ text: String) -> (out: String, error: Diagnostic?) {
        ScriptHarness.run(i, text)
    }

    func testUnknownUnitsPeopleAndIdsAreErrorsWithSuggestions() {
        let i = ExpressionRegister.interpreter()
        let cases: [(String, String, String)] = [
            ("count actions where unit = Eats", "unknown unit Eats (R11)", "did you mean East? Units are added with `add unit NAME`."),
            ("count units where parent != Westshir", "unknown unit Westshir (R11)", "did you mean Westshire? Units are added with `add unit NAME`."),
            ("count actions where owner = \"Sgt Bee Cole\"", "unknown person \"Sgt Bee Cole\" (R11)",
             "did you mean \"Sgt Bea Cole\"? People are added with `add person \"NAME\"`; tcg never creates one silently."),
            ("count actions where plan = DP-9", "no delivery plan DP-9 in the register (R11)", "did you mean DP-1 or DP-2?"),
            ("count actions where id in [A-1, A-7]", "no action A-7 in the register (R11)", "did you mean A-2, A-3 or A-4?"),
            ("count plans where serves = P-5", "no priority P-5 in the register (R11)", "did you mean P-1 or P-2?"),
            ("let u = \"Eats\"\ncount actions where unit = $u", "unknown unit Eats (R11)", "did you mean East? Units are added with `add unit NAME`."),
        ]
        for (statement, message, help) in cases {
            let (out, error) = run(i, statement)
            XCTAssertEqual(error?.message, message, statement)
            XCTAssertEqual(error?.help, help, statement)
            XCTAssertEqual(out, "", "\(statement) printed no count")
        }
        XCTAssertEqual(run(i, "count actions where unit = east").out, "4\n", "a unit's name in any case")
        XCTAssertEqual(run(i, "count units where parent = \"\"").out, "1\n", "no parent")
        XCTAssertEqual(run(i, "count actions where unit != East").out, "0\n")
    }

    func testHiddenRecordsAreNeverSuggested() {
        let made = ScriptHarness.interpreter()
        XCTAssertNil(ScriptHarness.run(made, MarkedRegister.script).error)
        let i = ScriptHarness.interpreter(made.register, ceiling: .official)
        for statement in ["count actions where plan = DP-3", "count actions where id = A-6", "count actions where owner = \"Zed Quil\"",
                          "count decisions where about contains D-3", "count actions where meeting = M-5"] {
            let error = run(i, statement).error
            XCTAssertNotNil(error, statement)
            XCTAssertEqual(MarkedRegister.leaks((error?.message ?? "") + (error?.help ?? "")), [], statement)
        }
        let hidden = run(i, "count actions where plan = DP-2").error
        XCTAssertEqual(hidden?.message, "no delivery plan DP-2 in the register (R11)", "a hidden plan is as missing as one never made")
    }

    func testActionsPlansReviewsAndEscalationsMatchByTheirPriority() {
        let i = ExpressionRegister.interpreter()
        XCTAssertNil(run(i, """
            commission review "Lantern review" of DP-1 objectives "Did it work" scope all
            escalate A-4 to Westshire rationale "Needs the force"
            """).error)
        XCTAssertEqual(run(i, "count actions where priority = P-1").out, "3\n")
        XCTAssertEqual(run(i, "list actions where priority = P-2").out.contains("Door knocks"), true)
        XCTAssertEqual(run(i, "count actions where priority != P-1").out, "1\n")
        XCTAssertEqual(run(i, "count plans where priority = P-2").out, "1\n")
        XCTAssertEqual(run(i, "count reviews where priority = P-1").out, "1\n")
        XCTAssertEqual(run(i, "count escalations where priority = P-2").out, "1\n")
        XCTAssertEqual(run(i, "count actions where priority = P-1 and due - today <= 7").out, "2\n")
        XCTAssertEqual(run(i, "count actions where priority = P-3").error?.message, "no priority P-3 in the register (R11)")
        XCTAssertEqual(run(i, "count commissions where priority = P-1").error?.message, "commissions have no field `priority`",
                       "commissions have no link to a priority")
    }
}
