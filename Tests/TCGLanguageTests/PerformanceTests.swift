import TCGDomain
import XCTest
@testable import TCGLanguage

/// `performance`, the strands of a priority, and the performance section of the ST&CG pack and
/// the register report.
final class PerformanceTests: XCTestCase {
    /// A priority listing three strands; a plan with actions due 2027-03-15 (prevention) and
    /// 2027-03-18 (enforcement, intelligence); the clock at 2027-03-12.
    static let cycle = """
        add unit Westshire kind force
        add person "Ch Supt Leo Hart" unit Westshire
        set today 2027-03-01
        let s = create meeting stcg on 2027-03-01 unit Westshire
        open $s
        add priority "ASB <b>&amp;</b>" owner "Ch Supt Leo Hart" rationale "Harm" strands prevention, enforcement, reassurance
        close meeting
        set today 2027-03-10
        let t = create meeting ttcg on 2027-03-10 unit Westshire
        open $t
        let plan = create plan "Op Lantern" for P-1 owner "Ch Supt Leo Hart"
        add action prevention "Survey" to $plan owner "Ch Supt Leo Hart" due 2027-03-15
        add action enforcement "Patrols" to $plan owner "Ch Supt Leo Hart" due 2027-03-18
        add action intelligence "Search" to $plan owner "Ch Supt Leo Hart" due 2027-03-18
        close meeting
        set today 2027-03-12

        """

    func run(_ i: Interpreter, _ text: String, format: OutputFormat = .table) -> String {
        let (out, error) = ScriptHarness.run(i, text, format: format)
        XCTAssertNil(error, error?.message ?? "")
        return out
    }

    /// The performance rows as the JSON array prints them, by strand.
    func rows(_ i: Interpreter, _ query: String = "performance") throws -> [String: [String: Any]] {
        let out = run(i, query, format: .json)
        let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]], out)
        var byStrand: [String: [String: Any]] = [:]
        for row in array { byStrand[row["strand"] as? String ?? ""] = row }
        return byStrand
    }

    func testDoneOnTimeIsTheDayTheTrailRecordsTheCompletionAgainstTheDueDate() throws {
        let i = ScriptHarness.interpreter()
        run(i, Self.cycle + "set today 2027-03-15\ncomplete A-1 result \"Survey done\"\nset today 2027-03-19\ncomplete A-2\nset today 2027-03-20")
        let r = try rows(i)
        XCTAssertEqual(r["prevention"]?["done_on_time"] as? Int, 1, "done on its due day is on time")
        XCTAssertEqual(r["prevention"]?["results"] as? Int, 1)
        XCTAssertEqual(r["enforcement"]?["done_late"] as? Int, 1, "done the day after it was due is late")
        XCTAssertEqual(r["enforcement"]?["results"] as? Int, 0)
        XCTAssertEqual(r["intelligence"]?["overdue"] as? Int, 1)
        XCTAssertEqual(r["intelligence"]?["listed"] as? Bool, false, "a strand with actions that the priority does not list")
        XCTAssertEqual(r["total"]?["on_time_pct"] as? Int, 50)
        XCTAssertEqual(r["total"]?["actions"] as? Int, 3)
        XCTAssertEqual(r["reassurance"]?["gap"] as? Bool, true, "a listed strand with no actions is a gap")
        XCTAssertEqual(r["reassurance"]?["actions"] as? Int, 0)
    }

    func testAnUndoneCompletionDoesNotDateTheAction() throws {
        let i = ScriptHarness.interpreter()
        i.keepsUndo = true
        run(i, Self.cycle + """
            complete A-1
            set today 2027-03-16
            reopen A-1 rationale "Missed a street"
            complete A-1
            undo
            undo
            """)
        let r = try rows(i)
        XCTAssertEqual(r["prevention"]?["done"] as? Int, 1)
        XCTAssertEqual(r["prevention"]?["done_on_time"] as? Int, 1, "the completion that stands is the one of 2027-03-12")
    }

    func testSinceCountsOnlyWhatWasTaskedOrDoneSinceTheDate() throws {
        let i = ScriptHarness.interpreter()
        run(i, Self.cycle + "complete A-1\nset today 2027-03-20")
        XCTAssertEqual(try rows(i, "performance since 2027-03-11")["total"]?["actions"] as? Int, 1, "only A-1, done on 2027-03-12")
        XCTAssertEqual(try rows(i, "performance since 2027-03-10")["total"]?["actions"] as? Int, 3)
        XCTAssertEqual(try rows(i, "performance since 2027-03-13")["total"]?["actions"] as? Int, 0)
        XCTAssertEqual(try rows(i, "performance since 2027-03-13")["prevention"]?["gap"] as? Bool, true)
    }

    func testTheSTCGPackAndTheRegisterReportCarryPerformanceAndTheHTMLDrawsItAsBars() throws {
        let i = ScriptHarness.interpreter()
        run(i, Self.cycle + "complete A-1\nset today 2027-03-19\ncomplete A-2\nset today 2027-03-20")
        XCTAssertTrue(run(i, "agenda next stcg").contains("Performance of the control strategy"))
        XCTAssertTrue(run(i, "agenda M-1", format: .json).contains("\"performance\":["))
        XCTAssertFalse(run(i, "agenda M-2").contains("Performance"), "a TT&CG's pack has no performance section")
        let html = run(i, "report register to reg.html")
        let chart = try XCTUnwrap(html.range(of: "<svg role=\"img\" aria-label=\"Performance of the control strategy\""), html)
        let rest = html[chart.lowerBound...]
        let svg = rest[..<(rest.range(of: "</svg>")?.upperBound ?? rest.endIndex)]
        XCTAssertTrue(svg.contains("<title>P-1: 1 done on time</title>"), html)
        XCTAssertTrue(svg.contains("<title>P-1: 1 done late</title>"), html)
        XCTAssertTrue(svg.contains("<title>P-1: 1 overdue</title>"), html)
        XCTAssertFalse(svg.contains("<title>P-1: 0 open</title>"), "no bar for what is empty")
        XCTAssertTrue(html.contains("ASB &lt;b&gt;&amp;amp;&lt;/b&gt;"), "the title is escaped")
        XCTAssertFalse(html.contains("<b>"), html)
        for external in ["<script", "href=", "src=", "url("] { XCTAssertFalse(html.contains(external), external) }
        XCTAssertTrue(run(i, "report register to reg.md").contains("## Performance of the control strategy"))
    }
}
