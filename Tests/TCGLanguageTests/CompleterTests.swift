import XCTest
@testable import TCGLanguage
@testable import TCGDomain

/// Tab completion from the command table, with no terminal.
final class CompleterTests: XCTestCase {
    var completer: Completer!

    override func setUpWithError() throws {
        var r = Register()
        try r.addUnit(name: "Westshire", kind: .force, parent: nil)
        try r.addUnit(name: "East", kind: .bcu, parent: "Westshire")
        _ = try r.addPerson(name: "Sgt Bea Cole", role: nil, unit: "East", agency: nil)
        _ = try r.addPerson(name: "Sam Adams", role: nil, unit: "East", agency: nil)
        let s = try r.createMeeting(kind: .stcg, date: Day(iso: "2027-03-01")!, unit: "Westshire", chair: nil, title: nil)
        let t = try r.createMeeting(kind: .ttcg, date: Day(iso: "2027-03-10")!, unit: "East", chair: nil, title: nil)
        let p = try r.addPriority(at: s.number, title: "ASB", owner: 1, rationale: "harm")
        let plan = try r.createPlan(at: t.number, title: "Op", serves: p, owner: 1, start: nil, review: nil)
        _ = try r.addAction(at: t.number, type: .prevention, title: "Survey", plan: plan.number, owner: 2, due: Day(iso: "2027-03-18")!)
        completer = Completer(register: r, variables: ["plan", "pack"], listFolder: { folder in
            folder == "." ? ["agenda.tcg", "notes.txt", "lib/"] : ["setup.tcg"]
        })
    }

    func c(_ text: String) -> [String] { completer.complete(text).candidates }

    func testVerbsThenTheirWords() {
        XCTAssertEqual(c("ad"), ["add", "adopt", "advance"])
        XCTAssertEqual(c("add pr"), ["priority", "product"])
        XCTAssertTrue(c("").contains("outstanding"))
        XCTAssertEqual(c("set to"), ["today"])
        XCTAssertEqual(completer.complete("add pr").replacing, 2)
    }

    func testKeywordsAndEnumeratedValues() {
        XCTAssertEqual(c("create meeting "), ["stcg", "ttcg", "ium", "dmm", "psg"])
        XCTAssertEqual(c("create meeting TT"), ["ttcg"])
        XCTAssertEqual(c("add action "), ["prevention", "intelligence", "enforcement", "reassurance"])
        XCTAssertEqual(c("commission review \"R\" of DP-1 objectives \"x\" scope cr"), ["crime-impact"])
        XCTAssertEqual(c("add action enforcement \"Patrols\" to DP-1 o"), ["owner"])
        XCTAssertEqual(Set(c("add action enforcement \"Patrols\" to DP-1 owner \"Sam Adams\" ")), ["due", "at"])
    }

    func testIdsOfTheRightKindThatExist() {
        XCTAssertEqual(c("open M-"), ["M-1", "M-2"])
        XCTAssertEqual(c("complete "), ["A-1", "DP-1"])
        XCTAssertEqual(c("add action enforcement \"x\" to "), ["DP-1"])
        XCTAssertEqual(c("show P-"), ["P-1"])
        XCTAssertEqual(c("show P"), ["PE-1", "PE-2", "P-1"])
    }

    func testPeopleQuotedUnitsAndVariables() {
        XCTAssertEqual(c("assign \"S"), ["\"Sgt Bea Cole\"", "\"Sam Adams\""])
        XCTAssertEqual(c("assign \"Sg"), ["\"Sgt Bea Cole\""])
        XCTAssertEqual(completer.complete("assign \"Sg").replacing, 3)
        XCTAssertEqual(c("create meeting ttcg on today unit "), ["Westshire", "East"])
        XCTAssertEqual(c("open $p"), ["$plan", "$pack"])
        XCTAssertEqual(c("echo $pa"), ["$pack"])
    }

    func testQueriesAndConditions() {
        XCTAssertEqual(c("list ac"), ["actions"])
        XCTAssertTrue(c("list actions where ").contains("overdue"))
        XCTAssertTrue(c("list actions where ").contains("owner"))
        XCTAssertEqual(c("list actions where status = "), ["open", "done", "cancelled"])
        XCTAssertEqual(c("count actions where owner = \"Sa"), ["\"Sam Adams\""])
        XCTAssertEqual(c("if (count act"), ["actions"])
    }

    func testFilesAfterRun() {
        XCTAssertEqual(c("run "), ["\"agenda.tcg\"", "\"lib/"])
        XCTAssertEqual(c("run \"lib/"), ["\"lib/setup.tcg\""])
        XCTAssertFalse(completer.complete("run \"li").appendSpace)
    }

    /// `edit` and `watch` are read by the REPL, not the parser, but help lists them and Tab
    /// completes them, and a query after `watch [SECONDS]`.
    func testThePromptsOwnFormsAreCompletedAndInHelp() {
        XCTAssertEqual(c("wat"), ["watch"])
        XCTAssertTrue(c("ed").contains("edit"))
        XCTAssertEqual(c("watch "), CommandTable.queryWords.sorted())
        XCTAssertEqual(c("watch 5 cou"), ["count"])
        XCTAssertEqual(c("watch 0.5 count act"), ["actions"])
        XCTAssertEqual(c("watch add "), [])
        let session = Help.text(topic: "session")
        XCTAssertTrue(session.contains("  edit\n") && session.contains("  watch [SECONDS] QUERY\n"), session)
        XCTAssertTrue(Help.text(topic: "watch").hasPrefix("watch [SECONDS] QUERY\n"))
    }
}
