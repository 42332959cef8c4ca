import Foundation
import TCGTestSupport
import XCTest

/// Data cannot drive the terminal or forge output: the real binary, with escape codes, bidi
/// overrides, NUL, newlines, pipes and tags in titles, names, results and agencies (on both
/// stores: StoreUnderTest; the hand-edited workspace, `edited.json`, is a file on both, since
/// PostgreSQL's `jsonb` cannot hold the NUL it plants in a name).
final class OutputSafetyTests: XCTestCase {
    var folder: URL!
    var workspace: TestWorkspace!

    override func setUpWithError() throws {
        folder = try TcgProcess.temporaryFolder()
        workspace = try StoreUnderTest.workspace("w.json")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        workspace?.remove()
    }

    static let osc = "\u{1B}]0;pwned\u{07}\u{1B}[2J"

    /// The small cycle with payloads: an action's title sets the terminal's title and clears it,
    /// an agency holds a right-to-left override, a plan's title and an action's are formulas, a
    /// result holds a newline, a heading, a pipe row and a script tag.
    static let setup = """
        add unit Westshire kind force
        add unit East kind bcu parent Westshire
        add person "Ch Supt Leo Hart" unit East
        add person "Sgt Bea Cole" unit East agency "Council \u{202E}lanretni"
        let s = create meeting stcg on 2027-03-01 unit Westshire
        open $s
        add priority "ASB" owner "Ch Supt Leo Hart" rationale "Harm"
        close meeting
        let t = create meeting ttcg on 2027-03-10 unit East
        open $t
        let plan = create plan "=HYPERLINK(\\"http://x\\")" for P-1 owner "Sgt Bea Cole"
        add action enforcement "Op \(osc)" to $plan owner "Sgt Bea Cole" due 2027-03-15
        add action enforcement "-1+cmd|' /C calc'!A0" to $plan owner "Sgt Bea Cole" due 2027-03-16
        complete A-1 result "done\\n## Owned\\n| x | y |\\n<script>alert(1)</script>"

        """

    /// Runs tcg on `workspace` (a file in the folder), else on the test's workspace.
    func tcg(_ args: [String], stdin: String? = nil, workspace: String? = nil) throws -> TcgProcess.Result {
        try TcgProcess.run(["--workspace", try workspace ?? self.workspace.path(), "--today", "2027-03-20"] + args, stdin: stdin, in: folder)
    }

    func prepare() throws {
        try Self.setup.write(to: folder.appendingPathComponent("setup.tcg"), atomically: true, encoding: .utf8)
        let run = try tcg(["run", "setup.tcg"])
        XCTAssertEqual(run.status, 0, run.stderr)
        if workspace.database != nil { XCTAssertEqual(try tcg(["run", "setup.tcg"], workspace: "w.json").status, 0, "the file to edit") }
        // A hand-edited workspace: a person's name with a bidi override, NUL and ESC.
        let url = folder.appendingPathComponent("w.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(#""name":"Sgt Bea Cole""#))
        let edited = text.replacingOccurrences(of: #""name":"Sgt Bea Cole""#, with: #""name":"Sgt Bea \u202eCole\u0000\u001b[2J""#)
        try edited.write(to: folder.appendingPathComponent("edited.json"), atomically: true, encoding: .utf8)
    }

    /// The characters that must never reach a person's screen raw.
    func assertNothingRaw(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let raw = text.unicodeScalars.filter { s in
            (s.value < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(s.value)
                || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
        XCTAssertTrue(raw.isEmpty, "\(what): raw \(raw.map { String($0.value, radix: 16) }) in \(text.debugDescription)", file: file, line: line)
    }

    func testTablesShowAndHistoryShowEveryFieldEscaped() throws {
        try prepare()
        for query in ["list people", "show A-1", "outstanding", "history", "list actions", "list plans", "show PE-2", "agenda M-2"] {
            let run = try tcg(["-c", query], workspace: "edited.json")
            XCTAssertEqual(run.status, 0, "\(query): \(run.stderr)")
            assertNothingRaw(run.stdout, query)
            assertNothingRaw(run.stderr, query)
        }
        let show = try tcg(["show", "A-1"])
        XCTAssertTrue(show.stdout.contains("title:   Op ^[]0;pwned^G^[[2J\n"), show.stdout)
        XCTAssertTrue(show.stdout.contains("result:  done⏎## Owned⏎| x | y |⏎<script>"), show.stdout)
        let people = try tcg(["list", "people"], workspace: "edited.json")
        XCTAssertTrue(people.stdout.contains("Sgt Bea \\u{202E}Cole^@^[[2J"), people.stdout)
        XCTAssertTrue(people.stdout.contains("Council \\u{202E}lanretni"), people.stdout)
        let history = try tcg(["history"])
        XCTAssertTrue(history.stdout.contains("^[]0;pwned^G"), history.stdout)
    }

    func testErrorsEchoTheSourceLineAndQuotedDataEscaped() throws {
        try prepare()
        let script = "update person \"Sgt Bea \u{202E}Col\" agency \"x\"\n"
        try script.write(to: folder.appendingPathComponent("bad.tcg"), atomically: true, encoding: .utf8)
        // The hand edit breaks the audit chain, which keeps the workspace read-only until accepted.
        let accepted = try tcg(["verify", "--accept"], workspace: "edited.json")
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        assertNothingRaw(accepted.stdout + accepted.stderr, "verify --accept")
        let unknown = try tcg(["run", "bad.tcg"], workspace: "edited.json")
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, """
            bad.tcg:1:15: error: unknown person "Sgt Bea \\u{202E}Col" (R11)
                update person "Sgt Bea \\u{202E}Col" agency "x"
                              ^~~~~~~~~~~~~~~~~~~~~
            help: did you mean "Sgt Bea \\u{202E}Cole^@^[[2J"? People are added with `add person "NAME"`; tcg never creates one silently.

            """)
        assertNothingRaw(unknown.stderr, "unknown person")
        let lexer = try tcg(["-c", "list actions \u{1B}[2J"])
        XCTAssertNotEqual(lexer.status, 0)
        XCTAssertTrue(lexer.stderr.contains("    list actions ^[[2J\n"), lexer.stderr)
        assertNothingRaw(lexer.stderr, "lexer error")
        let user = try TcgProcess.run(["--workspace", try workspace.path(), "--user", "ops\u{1B}]0;x\u{07}", "list", "people"], in: folder)
        XCTAssertEqual(user.status, 2, user.stderr)
        XCTAssertTrue(user.stderr.contains("--user cannot hold U+001B (a control character)"), user.stderr)
        assertNothingRaw(user.stderr, "--user")
    }

    func testNamesAreComparedWithLookalikeSpacesFoldedAndInvisibleCharactersRefused() throws {
        let run = try tcg([], stdin: """
            add person "Kim Ng"
            update person "Kim\u{A0}Ng" agency "Council"
            update person "kim\u{2009}\u{200B}ng" status left

            """)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(try tcg(["list", "people"]).stdout.contains("PE-1  Kim Ng"), "one person, found by every spelling")
        let dup = try tcg(["-c", "add person \"Kim\u{2009}Ng\""])
        XCTAssertEqual(dup.status, 1)
        XCTAssertTrue(dup.stderr.contains("\"Kim Ng\" is already in the register as PE-1"), dup.stderr)
        for (name, code) in [("Kim \u{202E}gN", "U+202E (a bidi control)"), ("Kim\u{200B}Ng", "U+200B (a zero-width character)")] {
            let refused = try tcg(["-c", "add person \"\(name)\""])
            XCTAssertEqual(refused.status, 1)
            XCTAssertTrue(refused.stderr.contains("a person's name cannot hold \(code)"), refused.stderr)
            assertNothingRaw(refused.stderr, name)
        }
        XCTAssertEqual(try tcg(["count", "people"]).stdout, "1\n")
    }

    func testCSVCellsWithFormulaStartsAreQuotedAndPrefixed() throws {
        try prepare()
        let plans = try tcg(["--format", "csv", "list", "plans"])
        XCTAssertTrue(plans.stdout.contains(#"DP-1,"'=HYPERLINK(""http://x"")",P-1"#), plans.stdout)
        let actions = try tcg(["--format", "csv", "list", "actions"])
        XCTAssertTrue(actions.stdout.contains(#"A-2,enforcement,"'-1+cmd|' /C calc'!A0",DP-1"#), actions.stdout)
        XCTAssertTrue(actions.stdout.contains(",2027-03-15,"), "dates are not prefixed: \(actions.stdout)")
    }

    func testMarkdownHasNoInjectedHeadingRowOrTag() throws {
        try prepare()
        let listed = try tcg(["--format", "markdown", "list", "actions"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        try assertMarkdownIsClean(listed.stdout, rows: 2)
        let shown = try tcg(["--format", "markdown", "show", "A-1"])
        XCTAssertTrue(shown.stdout.contains("- **result**: done<br>## Owned<br>\\| x \\| y \\|<br>&lt;script&gt;"), shown.stdout)
        try assertMarkdownIsClean(shown.stdout, rows: nil)
        let report = try tcg(["-c", "report register to r.md"], workspace: "edited.json")
        XCTAssertEqual(report.status, 0, report.stderr)
        let md = try String(contentsOf: folder.appendingPathComponent("r.md"), encoding: .utf8)
        try assertMarkdownIsClean(md, rows: nil)
        XCTAssertTrue(md.contains("| Sgt Bea \\u{202E}Cole^@^[[2J | 1 | 1 |"), md)
        let html = try tcg(["-c", "report register to r.html"], workspace: "edited.json")
        XCTAssertEqual(html.status, 0, html.stderr)
        let page = try String(contentsOf: folder.appendingPathComponent("r.html"), encoding: .utf8)
        XCTAssertFalse(page.contains("<script>"), page)
        assertNothingRaw(page, "HTML report")
    }

    /// Every table row has as many cells as its header, no line is a heading from data, no tag passes.
    func assertMarkdownIsClean(_ md: String, rows: Int?, file: StaticString = #filePath, line: UInt = #line) throws {
        assertNothingRaw(md, "Markdown", file: file, line: line)
        XCTAssertFalse(md.contains("<script>"), md, file: file, line: line)
        let lines = md.split(separator: "\n").map(String.init)
        XCTAssertFalse(lines.contains { $0.hasPrefix("## Owned") || $0.hasPrefix("| x |") }, md, file: file, line: line)
        func cells(_ row: String) -> Int {
            var count = 0, escaped = false
            for ch in row {
                if escaped { escaped = false; continue }
                if ch == "\\" { escaped = true } else if ch == "|" { count += 1 }
            }
            return count
        }
        var header: Int?
        var body = 0
        for row in lines {
            guard row.hasPrefix("|") else { header = nil; continue }
            if let header { XCTAssertEqual(cells(row), header, row, file: file, line: line); body += 1 } else { header = cells(row) }
        }
        if let rows { XCTAssertEqual(body, rows + 1, "the rule line and \(rows) rows: \(md)", file: file, line: line) }
    }

    /// On a terminal (a pty from `script`) even `echo` and CSV show data escaped; through a pipe
    /// they print it exactly.
    func testOnATerminalEverythingFromDataIsEscaped() throws {
        let script = try XCTUnwrap(ChildProcess.tool("script"), "util-linux script is needed")
        try prepare()
        let statement = "echo \"a\\tb \u{1B}[2J\u{202E}\""
        try statement.write(to: folder.appendingPathComponent("echo.tcg"), atomically: true, encoding: .utf8)
        func onTerminal(_ command: String) throws -> String {
            let line = "\(TcgProcess.binary.path) --workspace \(Tmux.quote(try workspace.path())) --today 2027-03-20 \(command)"
            let run = try Reliability.run(["-qec", line, "/dev/null"], executable: script, in: folder, environment: ["TERM": "dumb"])
            return run.output.replacingOccurrences(of: "\r\n", with: "\n")
        }
        let echoed = try onTerminal("run echo.tcg")
        XCTAssertTrue(echoed.contains("a\tb ^[[2J\\u{202E}\n"), echoed.debugDescription)
        assertNothingRaw(echoed, "echo on a terminal")
        let csv = try onTerminal("--format csv list actions")
        XCTAssertTrue(csv.contains("Op ^[]0;pwned^G^[[2J"), csv.debugDescription)
        assertNothingRaw(csv, "CSV on a terminal")
        let piped = try tcg(["run", "echo.tcg"])
        XCTAssertEqual(piped.stdout, "a\tb \u{1B}[2J\u{202E}\n")
    }

    func testJSONKeepsTheExactTextEscapedTheJSONWay() throws {
        try prepare()
        let run = try tcg(["--format", "json", "show", "A-1"])
        XCTAssertEqual(run.status, 0, run.stderr)
        assertNothingRaw(run.stdout, "JSON")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["title"] as? String, "Op \(Self.osc)")
        let people = try tcg(["--format", "json", "list", "people"], workspace: "edited.json")
        XCTAssertTrue(people.stdout.contains(#"Sgt Bea \u202ECole\u0000\u001b[2J"#), people.stdout)
    }
}
