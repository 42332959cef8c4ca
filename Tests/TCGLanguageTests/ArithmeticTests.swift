import TCGDomain
import XCTest
@testable import TCGLanguage

/// A small register for the expression tests (the clock is 2027-03-20): two priorities, a plan
/// for each, four actions due around today, one commission.
enum ExpressionRegister {
    static let script = """
        add unit Westshire kind force
        add unit East kind bcu parent Westshire
        add person "Ch Supt Leo Hart" unit East
        add person "Sgt Bea Cole" unit East
        add person "Meg Lowe" agency "East District Council"
        let s = create meeting stcg on 2027-03-01 unit Westshire
        open $s
        let asb = add priority "ASB" owner "Ch Supt Leo Hart" rationale "Harm"
        let burglary = add priority "Burglary" owner "Sgt Bea Cole" rationale "Volume"
        close meeting
        let t = create meeting ttcg on 2027-03-10 unit East
        open $t
        let lantern = create plan "Op Lantern" for $asb owner "Sgt Bea Cole" start 2027-03-11 review 2027-03-24
        let door = create plan "Op Door" for $burglary owner "Meg Lowe"
        add action prevention "Shop survey" to $lantern owner "Meg Lowe" due 2027-03-18
        add action enforcement "Patrols" to $lantern owner "Sgt Bea Cole" due 2027-03-31
        add action reassurance "Surgery" to $lantern owner "Sgt Bea Cole" due 2027-03-25
        add action intelligence "Door knocks" to $door owner "Meg Lowe" due 2027-03-22
        commission analysis "Profile" product problem-profile to "Meg Lowe" due 2027-03-17
        """

    /// An interpreter over the register, the meeting M-2 still open.
    static func interpreter(ceiling: Marking? = nil) -> Interpreter {
        let i = ScriptHarness.interpreter(ceiling: ceiling)
        let made = ScriptHarness.run(i, script)
        XCTAssertNil(made.error, made.error?.message ?? "")
        return i
    }
}

/// Integers and dates add and subtract wherever a value is accepted; what does not add up is a
/// statement error at the sum, and so are overflow and dates beyond the calendar.
final class ArithmeticTests: XCTestCase {
    func run(_ i: Interpreter, _ text: String, format: OutputFormat = .table) -> (out: String, error: Diagnostic?) {
        ScriptHarness.run(i, text, format: format)
    }

    func testNumbersAndDatesAddAndSubtract() {
        let i = ScriptHarness.interpreter()
        let lines = [
            ("let n = 5\necho $n + 1", "6"), ("echo $n - 2", "3"), ("echo $n+1", "6"), ("echo (1 + 2) - (3 - 1)", "1"),
            ("echo 10 - 2 - 3", "5"), ("echo today + 14d", "2027-04-03"), ("echo 2027-01-10 - 2w", "2026-12-27"),
            ("echo 2027-01-31 + 1mo", "2027-02-28"), ("echo today + 3", "2027-03-23"), ("echo 3 + today", "2027-03-23"),
            ("echo 1w + today", "2027-03-27"), ("echo 2027-03-30 - today", "10"), ("echo today - 2027-03-30", "-10"),
            ("echo \"2027-01-10\" + 1w", "2027-01-17"), ("let d = today - 1mo\necho $d", "2027-02-20"),
        ]
        for (statement, expected) in lines {
            let (out, error) = run(i, statement)
            XCTAssertNil(error, "\(statement): \(error?.message ?? "")")
            XCTAssertEqual(out, expected + "\n", statement)
        }
        XCTAssertEqual(i.variables["n"], .int(5), "arithmetic does not change the variable")
    }

    func testASignAgainstDigitsStaysPartOfTheLiteral() {
        let i = ScriptHarness.interpreter()
        XCTAssertEqual(run(i, "echo 5 -2").out, "5 -2\n", "two values, as before")
        XCTAssertEqual(run(i, "echo today-2w +3d").out, "2027-03-06 2027-03-23\n")
        let parsed = Parser.parse(SourceFile(name: "t", text: "let n = 5 -2"))
        XCTAssertEqual(parsed.diagnostics.first?.help, "to add or subtract, put a space after the sign: `- 2w`, `+ 14d`")
    }

    func testSumsFillDateAndNumberOperands() throws {
        let i = ExpressionRegister.interpreter()
        let (_, error) = run(i, """
            let days = 2
            commission analysis "Follow-up" to "Meg Lowe" due today + 14d
            add action prevention "Leaflets" to DP-1 owner "Meg Lowe" due 2027-03-20 + $days
            """)
        XCTAssertNil(error, error?.message ?? "")
        XCTAssertEqual(i.register.commissions.last?.due, Day(iso: "2027-04-03"))
        XCTAssertEqual(i.register.actions.last?.due, Day(iso: "2027-03-22"))
        XCTAssertEqual(run(i, "list actions order by due limit $days - 1", format: .csv).out.split(separator: "\n").count, 2)
    }

    func testWhereComputesEachRecordsValue() {
        let i = ExpressionRegister.interpreter()
        // Due 2027-03-18, -31, -25 and -22: -2, 11, 5 and 2 days from today.
        XCTAssertEqual(run(i, "count actions where due - today <= 7").out, "3\n")
        XCTAssertEqual(run(i, "count actions where due - today < 0").out, "1\n")
        XCTAssertEqual(run(i, "count actions where due <= today + 1w and due >= today").out, "2\n")
        XCTAssertEqual(run(i, "count actions where today + 5 = due").out, "1\n")
        XCTAssertEqual(run(i, "count actions where due - today in [2, 5]").out, "2\n")
        XCTAssertEqual(run(i, "let n = 5\ncount actions where due - today >= $n").out, "2\n")
        XCTAssertEqual(run(i, "list actions where due - today > 10", format: .csv).out.contains("A-2,enforcement"), true)
        // Op Door has no start: it matches only `!=`.
        XCTAssertEqual(run(i, "count plans where review - start = 13").out, "1\n")
        XCTAssertEqual(run(i, "count plans where review - start != 13").out, "1\n")
        XCTAssertEqual(run(i, "count plans where review < start + 14d").out, "1\n")
    }

    func testWhatDoesNotAddUpIsAnErrorAtTheSum() {
        let i = ExpressionRegister.interpreter()
        let cases: [(String, String)] = [
            ("echo today + today", "cannot add date 2027-03-20 and date 2027-03-20"),
            ("echo 3 - today", "cannot subtract date 2027-03-20 from integer 3"),
            ("echo \"East\" + 1", "cannot add text \"East\" and integer 1"),
            ("echo 2w + 3d", "cannot add duration 2w and duration 3d"),
            ("count actions where title + 1 > 0", "cannot add field `title` and integer 1"),
            ("count actions where owner - 1 = 0", "cannot subtract integer 1 from field `owner`"),
            ("count actions where due - today > today", "cannot compare `due - today` with date 2027-03-20"),
            ("commission analysis \"X\" to \"Meg Lowe\" due today - 2027-03-01", "expected a date, found integer 19"),
        ]
        for (statement, message) in cases {
            let commissions = i.register.commissions.count
            let (_, error) = run(i, statement)
            XCTAssertEqual(error?.message, message, statement)
            XCTAssertEqual(i.register.commissions.count, commissions, "\(statement) changed nothing")
        }
        let error = run(i, "let a = 1\necho $a + today + today").error
        XCTAssertEqual(error.map { SourceFile(name: "t", text: "let a = 1\necho $a + today + today").location(of: $0.range.start).column }, 6)
        XCTAssertTrue(error?.help?.contains("a date minus a date is the days between them (due - today)") ?? false, error?.help ?? "")
        XCTAssertEqual(run(i, "count actions where due - tody > 3").error?.message, "actions have no field `tody`")
    }

    func testOverflowAndTheCalendarAreErrorsNotCrashes() {
        let i = ExpressionRegister.interpreter()
        let cases: [(String, String)] = [
            ("let n = 9223372036854775807\necho $n + 1", "the sum is too large a number (beyond ±9223372036854775807)"),
            ("echo -9223372036854775807 - 2", "the difference is too large a number (beyond ±9223372036854775807)"),
            ("echo 9999-12-31 + 1d", "the date falls outside the calendar the register keeps (0001-01-01 to 9999-12-31)"),
            ("echo 0001-01-01 - 1", "the date falls outside the calendar the register keeps (0001-01-01 to 9999-12-31)"),
            ("echo today + 9223372036854775807", "the date falls outside the calendar the register keeps (0001-01-01 to 9999-12-31)"),
            ("echo today - (-9223372036854775807 - 1)", "the date falls outside the calendar the register keeps (0001-01-01 to 9999-12-31)"),
            ("echo today+999999mo - 1d", "the date falls outside the calendar the register keeps (0001-01-01 to 9999-12-31)"),
            ("let big = 9223372036854775807\ncount actions where due + $big > today",
             "the date falls outside the calendar the register keeps (0001-01-01 to 9999-12-31)"),
            ("add action prevention \"X\" to DP-1 owner \"Meg Lowe\" due 9999-12-01 + 1mo",
             "the date falls outside the calendar the register keeps (0001-01-01 to 9999-12-31)"),
        ]
        for (statement, message) in cases {
            XCTAssertEqual(run(i, statement).error?.message, message, statement)
        }
        XCTAssertEqual(i.register.actions.count, 4)
        XCTAssertEqual(run(i, "echo 9999-12-01 + 30d").out, "9999-12-31\n")
    }

    func testALongSumIsASyntaxErrorNotADeepEvaluation() {
        let long = "echo " + Array(repeating: "1", count: 500).joined(separator: " + ")
        XCTAssertEqual(Parser.parse(SourceFile(name: "t", text: long)).diagnostics.first?.message, "nested too deeply (more than 100 levels)")
        let fine = "echo " + Array(repeating: "1", count: 50).joined(separator: " + ")
        XCTAssertEqual(run(ScriptHarness.interpreter(), fine).out, "50\n")
    }
}
