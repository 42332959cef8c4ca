import TCGDomain
import XCTest
@testable import TCGLanguage

/// The prioritisation forms: `add candidate`, `adopt`, `reject X-n`, `score`, `rank candidates`,
/// `set scheme …`, `show scheme`, and where the ranking is seen (packs, `strategy`, `show`).
final class ScoringLanguageTests: XCTestCase {
    static let setup = """
        set today 2027-02-20
        add unit Westshire kind force
        add unit East kind bcu parent Westshire
        add unit EastCSP kind partnership parent Westshire
        add person "Ch Supt Leo Hart" unit Westshire
        add product strategic-assessment "Westshire SA" date 2027-01-05
        create meeting stcg on 2027-03-01 unit Westshire
        create meeting ttcg on 2027-03-02 unit East
        create meeting psg on 2027-03-03 unit EastCSP
        add candidate "County lines" unit Westshire from AS-1
        add candidate "Cycle theft" unit Westshire from AS-1
        add candidate "Burglary" unit Westshire
        score X-1 harm physical 4 psychological 4 financial 2 community 4 likelihood 4 position 4 confidence low rationale "Exploitation"
        score X-2 harm physical 1 psychological 1 financial 2 community 2 likelihood 5 position 2 confidence high rationale "Volume"
        score X-3 harm physical 2 psychological 3 financial 3 community 3 likelihood 4 position 3 confidence medium rationale "Rising"
        set today 2027-03-05
        """

    func prepared() -> Interpreter {
        let i = ScriptHarness.interpreter()
        let made = ScriptHarness.run(i, Self.setup)
        XCTAssertNil(made.error, made.error?.message ?? "")
        return i
    }

    func testRankListsByScoreWithTheFlagAndJSONGivesTheSameRows() throws {
        let i = prepared()
        let table = ScriptHarness.run(i, "rank candidates").out
        let lines = table.split(separator: "\n").filter { $0.hasPrefix("1 ") || $0.hasPrefix("2 ") || $0.hasPrefix("3 ") }
        XCTAssertEqual(lines.count, 3, table)
        XCTAssertTrue(lines[0].contains("X-1") && lines[0].contains("224") && lines[0].contains("high") && lines[0].contains("needs intelligence"), table)
        XCTAssertTrue(lines[1].contains("X-3") && lines[1].contains("132") && lines[1].contains("medium"), table)
        XCTAssertTrue(lines[2].contains("X-2") && lines[2].contains("60"), table)
        let json = ScriptHarness.run(i, "rank candidates", format: .json).out
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]], json)
        XCTAssertEqual(rows.map { $0["id"] as? String }, ["X-1", "X-3", "X-2"])
        XCTAssertEqual(rows.map { $0["score"] as? Int }, [224, 132, 60])
        XCTAssertEqual(rows[0]["harm"] as? Int, 14)
        XCTAssertEqual(rows[0]["risk"] as? Int, 56)
        XCTAssertEqual(rows[0]["confidence"] as? String, "low")
        XCTAssertEqual(rows[0]["flag"] as? String, "needs intelligence")
        XCTAssertNil(rows[1]["flag"])
        let fromAS = ScriptHarness.run(i, "rank candidates from AS-1", format: .json).out
        XCTAssertFalse(fromAS.contains("X-3"), fromAS)
    }

    func testAdoptAndRejectOnlyAtAnSTCGOrPSG() {
        let i = prepared()
        let refused = ScriptHarness.run(i, "adopt X-1 owner \"Ch Supt Leo Hart\" rationale \"Top\" at M-2")
        XCTAssertTrue(refused.error?.message.contains("(R1)") == true, refused.error?.message ?? "no error")
        XCTAssertNil(ScriptHarness.run(i, "adopt X-1 owner \"Ch Supt Leo Hart\" rationale \"Top\" strands prevention at M-1").error)
        XCTAssertNil(ScriptHarness.run(i, "reject X-2 rationale \"Low harm\" at M-3").error)
        XCTAssertNotNil(ScriptHarness.run(i, "reject X-3 rationale \"No\" at M-2").error)
        XCTAssertNil(ScriptHarness.run(i, "reject candidate \"Fly-tipping\" rationale \"Council\" at M-1").error, "the old form keeps working")
        let json = ScriptHarness.run(i, "list candidates", format: .json).out
        XCTAssertTrue(json.contains("\"status\":\"adopted\"") || json.contains("\"status\": \"adopted\""), json)
        XCTAssertTrue(ScriptHarness.run(i, "show P-1").out.contains("X-1"))
        let strategy = ScriptHarness.run(i, "strategy").out
        XCTAssertTrue(strategy.contains("224"), "strategy shows each priority's latest score:\n\(strategy)")
        XCTAssertTrue(strategy.contains("Fly-tipping") && strategy.contains("Cycle theft"), strategy)
        XCTAssertFalse(strategy.contains("Burglary"), "a proposed candidate is not a rejected one:\n\(strategy)")
    }

    func testOutOfScaleNamesTheScaleAndChangesNothing() {
        let i = prepared()
        let before = i.register.candidates
        let (_, error) = ScriptHarness.run(i, "score X-1 harm physical 7 rationale \"x\"")
        XCTAssertEqual(error?.message, "physical harm is scored 0–4; 7 is out of scale (R3)")
        XCTAssertNotNil(error?.range)
        XCTAssertEqual(i.register.candidates, before)
        XCTAssertEqual(ScriptHarness.run(i, "score X-1 likelihood 9 rationale \"x\"").error?.message, "likelihood is scored 1–5; 9 is out of scale (R3)")
        XCTAssertEqual(ScriptHarness.run(i, "score X-1 harm physcal 2 rationale \"x\"").error?.help?.contains("physical"), true)
    }

    /// The caret is under what is wrong: the value out of its scale, or the factor the scheme lacks.
    func testARefusedScorePointsAtTheValueAtFault() {
        let i = prepared()
        func fault(_ statement: String) -> String? {
            guard let range = ScriptHarness.run(i, statement).error?.range else { return nil }
            let bytes = Array(statement.utf8)
            return String(decoding: bytes[range.start..<range.end], as: UTF8.self)
        }
        XCTAssertEqual(fault("score X-1 harm physical 1 community 7 likelihood 2 rationale \"x\""), "7")
        XCTAssertEqual(fault("score X-1 harm physical 1 likelihood 9 position 2 rationale \"x\""), "9")
        XCTAssertEqual(fault("score X-1 position 6 likelihood 2 rationale \"x\""), "6")
        XCTAssertEqual(fault("score X-1 harm physical 1 spiritual 2 rationale \"x\""), "spiritual")
    }

    func testRescoringOneFactorKeepsTheHistoryShownByShow() {
        let i = prepared()
        XCTAssertEqual(ScriptHarness.run(i, "score X-3 likelihood 5 rationale \"More incidents\"").out.hasPrefix("X-3 scored 165"), true)
        let shown = ScriptHarness.run(i, "show X-3").out
        XCTAssertTrue(shown.contains("Rising") && shown.contains("More incidents") && shown.contains("v1"), shown)
    }

    func testASchemeOfItsOwnIsVersionedAndShown() {
        let i = prepared()
        XCTAssertEqual(ScriptHarness.run(i, "set scheme band critical from 200").out, "scoring scheme v2: harm physical 0-4, psychological 0-4, financial 0-4, community 0-4; likelihood 1-5; position 1-4; bands critical 200, high 160, medium 60, low 0\n")
        XCTAssertFalse(ScriptHarness.run(i, "rank candidates").out.contains("critical"), "a score keeps the scheme it was made under")
        XCTAssertNil(ScriptHarness.run(i, "score X-1 confidence medium rationale \"Rescored under v2\"").error)
        XCTAssertTrue(ScriptHarness.run(i, "rank candidates").out.contains("critical"))
        XCTAssertTrue(ScriptHarness.run(i, "show scheme version 1").out.contains("not an official MoRiLE matrix"))
        XCTAssertNotNil(ScriptHarness.run(i, "set scheme factor exploitation").error)
        XCTAssertNil(ScriptHarness.run(i, "set scheme factor exploitation max 3").error)
        XCTAssertEqual(ScriptHarness.run(i, "score X-2 likelihood 4 rationale \"r\"").error?.message,
                       "the score of X-2 needs exploitation: its latest score has nothing to carry for it (R3)")
        XCTAssertTrue(i.register.audit.contains { $0.changes.contains { $0.hasPrefix("scoring scheme v2 -> v3") } })
    }

    func testTheStrategicPacksCarryTheRankingAndTheHTMLPackTheMatrix() {
        let i = prepared()
        let stcg = ScriptHarness.run(i, "agenda M-1").out
        XCTAssertTrue(stcg.contains("Candidates and priorities ranked") && stcg.contains("needs intelligence"), stcg)
        XCTAssertTrue(ScriptHarness.run(i, "agenda M-3").out.contains("Candidates and priorities ranked"))
        XCTAssertFalse(ScriptHarness.run(i, "agenda M-2").out.contains("ranked"))
        let html = ScriptHarness.run(i, "report agenda next stcg unit Westshire to pack.html").out
        XCTAssertTrue(html.contains("data-harm=\"14\" data-likelihood=\"4\""), "X-1 sits in harm 14, likelihood 4")
        let cell = html.split(separator: "<td").first { $0.contains("data-harm=\"14\" data-likelihood=\"4\"") } ?? ""
        XCTAssertTrue(cell.contains(">X-1<"), String(cell))
        XCTAssertTrue(html.contains("<td class=\"whole\">X-1</td>"), "the ranked table's ids are never broken across lines")
        XCTAssertTrue(html.contains("td.whole { white-space: nowrap; }"))
    }

    func testRequirementsMayBeRaisedAgainstACandidate() {
        let i = prepared()
        let (out, error) = ScriptHarness.run(i, "add requirement strategic \"Who runs the lines?\" for X-1 at M-1")
        XCTAssertNil(error, error?.message ?? "")
        XCTAssertEqual(out, "IR-1\n")
        XCTAssertTrue(ScriptHarness.run(i, "show X-1").out.contains("IR-1"))
    }

    func testCompareShowsWhatMovedAndWhy() {
        let i = prepared()
        XCTAssertNil(ScriptHarness.run(i, "set today 2027-03-10\nscore X-2 likelihood 5 position 4 harm physical 4 psychological 4 rationale \"Organised theft ring\"").error)
        let out = ScriptHarness.run(i, "rank candidates compare M-1", format: .json).out
        XCTAssertTrue(out.contains("Organised theft ring"), out)
        XCTAssertTrue(out.contains("up 2"), out)
    }

    func testAHiddenCandidateLeavesNoTrace() {
        let i = prepared()
        XCTAssertNil(ScriptHarness.run(i, "add requirement strategic \"Who runs the lines?\" for X-1 at M-1\nmark X-1 official-sensitive").error)
        let queries = ["rank candidates", "rank candidates all", "rank candidates compare M-1", "list candidates", "count candidates",
                       "list requirements", "agenda M-1", "agenda M-3", "strategy", "report agenda next stcg unit Westshire to p.html",
                       "history", "minutes M-1"]
        for q in queries {
            for format in OutputFormat.allCases {
                let hidden = ScriptHarness.interpreter(i.register, ceiling: .official)
                let (out, error) = ScriptHarness.run(hidden, q, format: format)
                XCTAssertNil(error, "\(q): \(error?.message ?? "")")
                XCTAssertFalse(out.contains("County lines") || out.contains("X-1") || out.contains("Who runs"), "\(q) \(format):\n\(out)")
            }
        }
        XCTAssertTrue(ScriptHarness.run(ScriptHarness.interpreter(i.register), "rank candidates").out.contains("X-1"), "seen without a ceiling")
    }

    func testUndoTakesBackAScoreAndASchemeChange() {
        let i = prepared()
        i.keepsUndo = true
        XCTAssertNil(ScriptHarness.run(i, "set scheme band critical from 200").error)
        XCTAssertNil(ScriptHarness.run(i, "score X-3 likelihood 5 rationale \"More\"").error)
        XCTAssertNil(ScriptHarness.run(i, "undo").error)
        XCTAssertEqual(i.register.candidates[2].scores.count, 1)
        XCTAssertNil(ScriptHarness.run(i, "undo").error)
        XCTAssertEqual(i.register.scheme.version, 1)
    }

    func testAScoreIsNotRecordedAtAClosedMeeting() {
        let i = prepared()
        XCTAssertNil(ScriptHarness.run(i, "close meeting M-2").error)
        XCTAssertEqual(ScriptHarness.run(i, "score X-3 likelihood 5 rationale \"r\" at M-2").error?.message.hasSuffix("(R10)"), true)
        XCTAssertEqual(i.register.candidates[2].scores.count, 1, "nothing changed")
        XCTAssertNil(ScriptHarness.run(i, "score X-3 likelihood 4 rationale \"r\" at M-1").error)
        XCTAssertEqual(i.register.candidates[2].scores.last?.meeting, 1)
    }
}
