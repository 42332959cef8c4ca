import Foundation
import XCTest

/// The REPL at a real terminal (tmux): completion, history, Ctrl-C, Ctrl-D, multi-line input, undo
/// (on both stores: StoreUnderTest).
final class ReplTests: TerminalTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        let setup = """
            add unit Westshire kind force
            add unit East kind bcu parent Westshire
            add person "Sgt Bea Cole" unit East
            add person "Sam Adams" unit East
            let s = create meeting stcg on 2027-03-01 unit Westshire
            open $s
            add priority "ASB" owner "Sam Adams" rationale "Harm"
            close meeting
            let t = create meeting ttcg on 2027-03-10 unit East
            open $t
            create plan "Op Lantern" for P-1 owner "Sgt Bea Cole"

            """
        // The same user as the REPL below (whose HOME is the folder): the current meeting is theirs.
        XCTAssertEqual(try TcgProcess.run(["--workspace", try workspace.path(), "--today", "2027-03-12"], stdin: setup, in: folder, environment: ["HOME": folder.path, "XDG_STATE_HOME": folder.path + "/.local/state"]).status, 0)
    }

    func start(_ extra: [String] = [], environment: [String: String] = [:]) throws -> Tmux {
        let t = try Tmux(["--workspace", try workspace.path(), "--today", "2027-03-12"] + extra, in: folder, environment: environment)
        tmux = t
        try t.waitFor("M-2 ttcg>")
        return t
    }

    func testPromptShowsMeetingAndClockAndStatementsCommitAtOnce() throws {
        let t = try start()
        XCTAssertTrue(try t.screen().contains("tcg [2027-03-12] M-2 ttcg>"))
        try t.type("add action enforcement \"Patrols\" to DP-1 owner \"Sgt Bea Cole\" due 2027-03-20")
        try t.send("Enter")
        try t.waitFor("A-1")
        // Durable when the next prompt shows: another process sees it.
        XCTAssertEqual(try TcgProcess.run(["--workspace", try workspace.path(), "-c", "count actions"], in: folder).stdout, "1\n")
    }

    func testTabCompletesVerbsKeywordsIdsAndNames() throws {
        let t = try start()
        try t.type("comp")
        try t.send("Tab")
        try t.waitFor("ttcg> complete")
        try t.send("C-u")
        try t.type("add pr")
        try t.send("Tab")
        try t.waitFor("product") // several candidates are listed
        XCTAssertTrue(try t.screen().contains("priority"))
        try t.send("C-u")
        try t.type("assign \"Sg")
        try t.send("Tab")
        try t.waitFor("assign \"Sgt Bea Cole\"")
        try t.type("to D")
        try t.send("Tab")
        try t.waitFor("assign \"Sgt Bea Cole\" to DP-1")
        try t.send("C-u")
        try t.type("open M-")
        try t.send("Tab")
        try t.waitFor("M-1")
        XCTAssertFalse(try t.screen().contains("A-1"), "only meetings are offered after open")
    }

    func testHistoryRecallAfterRestartAndCtrlRSearch() throws {
        var t = try start()
        try t.type("count plans")
        try t.send("Enter")
        try t.waitFor("1\n")
        try t.type("list people")
        try t.send("Enter")
        try t.waitFor("Sam Adams")
        try t.send("C-d")
        let deadline = Date().addingTimeInterval(5)
        while t.isRunning && Date() < deadline { usleep(50_000) }
        XCTAssertFalse(t.isRunning)
        let history = folder.appendingPathComponent(".tcg_history")
        let attributes = try FileManager.default.attributesOfItem(atPath: history.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        t = try start()
        try t.send("Up")
        try t.waitFor("ttcg> list people")
        try t.send("C-u")
        try t.send("C-r")
        try t.type("count")
        try t.waitFor("count plans")
    }

    func testCtrlCCancelsTheLineAndPendingBlockAndNeverExits() throws {
        let t = try start()
        try t.type("add action enforcement \"half-typed")
        try t.send("C-c")
        try t.waitFor("cancelled as typed") { $0.components(separatedBy: "M-2 ttcg>").count >= 3 }
        try t.type("for $p in list plans {")
        try t.send("Enter")
        try t.waitFor("...}>")
        try t.type("echo $p")
        try t.send("Enter")
        try t.send("C-c")
        try t.type("count plans")
        try t.send("Enter")
        let screen = try t.waitFor("count plans answered") { $0.contains("count plans\n1") }
        XCTAssertFalse(screen.contains("DP-1\n"), "the cancelled block never ran")
    }

    /// The screen's lines, without trailing spaces.
    static func lines(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop { $0 == " " }.reversed())
        }
    }

    /// Whether `screen` has the lines `expected` one after another, each whole (a line that
    /// is only tcg's output, never a typed line, which starts with a prompt).
    static func hasLines(_ screen: String, _ expected: [String]) -> Bool {
        let all = lines(screen)
        guard all.count >= expected.count else { return false }
        return (0...(all.count - expected.count)).contains { Array(all[$0..<($0 + expected.count)]) == expected }
    }

    /// A block spanning lines runs once, when its `}` is typed, and only then: each unfinished
    /// line is answered by the continuation prompt `...}>` (tcg's output, not typed text), and
    /// the block's result is a value that only running the lines together gives (`$n`, set on
    /// one line and echoed on the next, and the plan's id). A string spanning lines (`...">`)
    /// keeps its line break.
    func testMultiLineBlockRunsWhenComplete() throws {
        let t = try start()
        func continuations(_ screen: String) -> Int {
            Self.lines(screen).filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("...}>") }.count
        }
        try t.type("if (count plans) > 0 {")
        try t.send("Enter")
        try t.waitFor("the first continuation prompt ...}>") { continuations($0) == 1 }
        try t.type("let n = count plans")
        try t.send("Enter")
        try t.waitFor("the second continuation prompt ...}>") { continuations($0) == 2 }
        try t.type("for $p in list plans {")
        try t.send("Enter")
        try t.waitFor("the third continuation prompt ...}>") { continuations($0) == 3 }
        try t.type("echo \"plans: $n, first $p\"")
        try t.send("Enter")
        try t.type("}")
        try t.send("Enter")
        let pending = try t.waitFor("the fifth continuation prompt ...}>") { continuations($0) == 5 }
        XCTAssertFalse(pending.contains("plans: 1"), "the block ran before it was complete:\n\(pending)")
        XCTAssertFalse(pending.contains("error"), "an unfinished line was run on its own:\n\(pending)")
        try t.type("}")
        try t.send("Enter")
        // Typed, the line reads `echo "plans: $n, first $p"`; only running it prints this.
        var screen = try t.waitFor("the block's output \"plans: 1, first DP-1\" and the next prompt") {
            Self.hasLines($0, ["plans: 1, first DP-1", "tcg [2027-03-12] M-2 ttcg>"])
        }
        let runs = screen.components(separatedBy: "plans: 1, first DP-1").count - 1
        XCTAssertEqual(runs, 1, "the block printed its line \(runs) times, expected once:\n\(screen)")
        XCTAssertFalse(screen.contains("error"), screen)

        try t.type("echo \"first half")
        try t.send("Enter")
        try t.waitFor("the string's continuation prompt ...\">") { Self.lines($0).last { !$0.isEmpty }?.hasSuffix("...\">") == true }
        try t.type("second half\"")
        try t.send("Enter")
        screen = try t.waitFor("the string's two lines as output") {
            Self.hasLines($0, ["first half", "second half", "tcg [2027-03-12] M-2 ttcg>"])
        }
        XCTAssertFalse(screen.contains("error"), screen)
    }

    func testUndoRevertsTheLastStatement() throws {
        let t = try start()
        try t.type("add action enforcement \"Patrols\" to DP-1 owner \"Sgt Bea Cole\" due 2027-03-20")
        try t.send("Enter")
        try t.waitFor("A-1")
        try t.type("undo")
        try t.send("Enter")
        try t.waitFor("undone: add action")
        XCTAssertEqual(try TcgProcess.run(["--workspace", try workspace.path(), "-c", "count actions"], in: folder).stdout, "0\n")
        let history = try TcgProcess.run(["--workspace", try workspace.path(), "-c", "history"], in: folder).stdout
        XCTAssertTrue(history.contains("undo"), history)
    }

    func testCtrlDExitsCleanlyAndUTF8IsKept() throws {
        let t = try start()
        try t.type("add person \"Zoë O'Brien-Müller\"")
        try t.send("Enter")
        try t.waitFor("PE-3")
        try t.send("C-d")
        let deadline = Date().addingTimeInterval(5)
        while t.isRunning && Date() < deadline { usleep(50_000) }
        XCTAssertFalse(t.isRunning, "Ctrl-D on an empty line exits")
        XCTAssertEqual(try TcgProcess.run(["--workspace", try workspace.path(), "-c", "count people where name = \"Zoë O'Brien-Müller\""], in: folder).stdout, "1\n")
    }

    /// Home, End, Delete and Ctrl-Left/Right edit the line under the codes xterm, screen, tmux,
    /// rxvt and PuTTY send, instead of inserting `~` or letters.
    func testHomeEndDeleteAndWordMovesUnderEveryTerminalsCodes() throws {
        let t = try start()
        let prompt = "tcg [2027-03-12] M-2 ttcg> "
        func expectLine(_ line: String, _ what: String) throws {
            try t.waitFor("\(what): the line \"\(line)\"") { Self.lines($0).last { !$0.isEmpty } == prompt + line }
            try t.send("C-u")
            try t.waitFor("an empty line after \(what)") { Self.lines($0).last { !$0.isEmpty } == prompt.trimmingCharacters(in: .whitespaces) }
        }
        let esc = "\u{1b}"
        try t.type("bc")
        try t.send("Home")
        try t.type("a")
        try t.send("End")
        try t.type("d")
        try expectLine("abcd", "tmux's own Home and End")
        let homes = ["[1~", "[H", "OH", "[7~"], ends = ["[4~", "[F", "OF", "[8~"]
        for (home, end) in zip(homes, ends) {
            try t.type("bc")
            try t.sendBytes(esc + home)
            try t.type("a")
            try t.sendBytes(esc + end)
            try t.type("d")
            try expectLine("abcd", "Home ESC\(home) and End ESC\(end)")
        }
        try t.type("xabc")
        try t.sendBytes(esc + "[1~" + esc + "[3~")
        try expectLine("abc", "Delete ESC[3~")
        for (left, right) in [("[1;5D", "[1;5C"), ("Od", "Oc"), ("[5D", "[5C")] {
            try t.type("one two")
            try t.sendBytes(esc + left)
            try t.type("X")
            try t.sendBytes(esc + "[1~" + esc + right)
            try t.type("Y")
            try expectLine("oneY Xtwo", "Ctrl-Left ESC\(left) and Ctrl-Right ESC\(right)")
        }
    }

    /// `watch SECONDS QUERY` re-runs the query on the latest register until Ctrl-C, then the prompt
    /// is back; a change is refused (never repeated on a timer).
    func testWatchRerunsAQueryUntilCtrlC() throws {
        let t = try start()
        try t.type("watch 0.2 count units")
        try t.send("Enter")
        try t.waitFor("two answers of 2") { $0.components(separatedBy: "(every 0.2s, Ctrl-C stops)").count >= 3 && Self.hasLines($0, ["2"]) }
        XCTAssertEqual(try TcgProcess.run(["--workspace", try workspace.path(), "-c", "add unit North kind bcu parent Westshire"], in: folder).status, 0)
        try t.waitFor("the watch sees the new unit") { Self.hasLines($0, ["3"]) }
        try t.send("C-c")
        try t.waitFor("the prompt after Ctrl-C") { Self.lines($0).last { !$0.isEmpty } == "tcg [2027-03-12] M-2 ttcg>" }
        let runs = try t.screen().components(separatedBy: "Ctrl-C stops").count
        usleep(600_000)
        XCTAssertEqual(try t.screen().components(separatedBy: "Ctrl-C stops").count, runs, "the watch stopped")
        try t.type("watch add unit South kind bcu parent Westshire")
        try t.send("Enter")
        try t.waitFor("watch runs one query")
        XCTAssertEqual(try TcgProcess.run(["--workspace", try workspace.path(), "-c", "count units"], in: folder).stdout, "3\n")
    }

    /// Long output goes through the pager with LESSSECURE=1, but not when the next statement is
    /// already typed: the pager would take those keys as its commands.
    func testPagerRunsSecureAndTypeaheadReachesThePrompt() throws {
        var units = ""
        for n in 1...12 { units += "add unit U\(n) kind force\n" }
        XCTAssertEqual(try TcgProcess.run(["--workspace", try workspace.path()], stdin: units, in: folder).status, 0)
        let marker = folder.appendingPathComponent("pager-env").path
        let t = try Tmux(["--workspace", try workspace.path(), "--today", "2027-03-12"], in: folder,
                         environment: ["PAGER": "env > \(Tmux.quote(marker)); cat"], height: 10)
        tmux = t
        try t.waitFor("M-2 ttcg>")
        try t.type("list units")
        try t.send("Enter")
        try t.waitFor("the pager's output") { $0.contains("U12") }
        let environment = try String(contentsOfFile: marker, encoding: .utf8)
        XCTAssertTrue(environment.contains("LESSSECURE=1\n"), environment)
        try FileManager.default.removeItem(atPath: marker)

        try t.type("list units\rcount units\r")
        try t.waitFor("count units answered") { Self.hasLines($0, ["14", "tcg [2027-03-12] M-2 ttcg>"]) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "the pager ran while the next statement was waiting")
    }
}

/// The init file (psql's psqlrc): `$XDG_CONFIG_HOME/tcg/tcgrc`, else `~/.tcgrc`, run when the
/// prompt starts; `-X` skips it.
final class InitFileTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try TcgProcess.temporaryFolder()
        XCTAssertEqual(try TcgProcess.run(["--workspace", "ws.json", "-c", "add unit Westshire kind force"], in: folder).status, 0)
        try "echo \"from tcgrc\"\nlet n = count units\n".write(to: folder.appendingPathComponent(".tcgrc"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func prompt(_ extra: [String] = [], environment: [String: String] = [:]) throws -> TcgProcess.Result {
        try TcgProcess.run(["--workspace", "ws.json", "--interactive"] + extra, stdin: "echo \"n is $n\"\n", in: folder,
                           environment: ["HOME": folder.path].merging(environment) { $1 })
    }

    func testTheInitFileRunsFirstAndItsVariablesLast() throws {
        let r = try prompt()
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("from tcgrc\nn is 1\n"), r.stdout)
    }

    func testDashXSkipsIt() throws {
        let r = try prompt(["-X"])
        XCTAssertFalse(r.stdout.contains("from tcgrc"), r.stdout)
        XCTAssertTrue(r.stderr.contains("$n"), "without the init file $n is not set: " + r.stderr)
    }

    func testXDGConfigHomeComesFirstAndErrorsNameTheFile() throws {
        let config = folder.appendingPathComponent("config/tcg")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "let n = count nothing\n".write(to: config.appendingPathComponent("tcgrc"), atomically: true, encoding: .utf8)
        let r = try prompt(environment: ["XDG_CONFIG_HOME": folder.appendingPathComponent("config").path])
        XCTAssertFalse(r.stdout.contains("from tcgrc"), "~/.tcgrc is not run when the XDG file exists: " + r.stdout)
        XCTAssertTrue(r.stderr.contains(config.appendingPathComponent("tcgrc").path + ":1:15: error:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("$n"), "the prompt still starts and reads its statements: " + r.stderr)
    }
}

/// `edit` at the prompt (psql's `\e`): the last statement in `$VISUAL`/`$EDITOR`; what is saved runs.
final class EditAtThePromptTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try TcgProcess.temporaryFolder()
        XCTAssertEqual(try TcgProcess.run(["--workspace", "ws.json", "-c", "add unit Westshire kind force"], in: folder).status, 0)
        // The "editor" keeps what it was given, then saves another statement.
        let script = "#!/bin/sh\ncat \"$1\" > \(Tmux.quote(folder.path))/given\necho 'count units' > \"$1\"\n"
        try script.write(to: folder.appendingPathComponent("ed.sh"), atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(folder.appendingPathComponent("ed.sh").path, 0o700), 0)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func prompt(_ input: String, editor: String) throws -> TcgProcess.Result {
        try TcgProcess.run(["--workspace", "ws.json", "--interactive", "-X"], stdin: input, in: folder,
                           environment: ["HOME": folder.path, "EDITOR": editor, "VISUAL": ""])
    }

    func testEditOpensTheLastStatementAndRunsWhatIsSaved() throws {
        let r = try prompt("echo \"first\"\nedit\n", editor: folder.appendingPathComponent("ed.sh").path)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("given"), encoding: .utf8), "echo \"first\"\n")
        XCTAssertTrue(r.stdout.hasPrefix("first\ncount units\n1\n"), r.stdout)
    }

    func testAnEditorThatFailsRunsNothing() throws {
        let r = try prompt("edit\n", editor: "false")
        XCTAssertTrue(r.stderr.contains("tcg: edit: the editor (false) ended with status 1; nothing was run"), r.stderr)
        XCTAssertFalse(r.stdout.contains("1"), r.stdout)
    }

    /// A query that fails under `watch` quotes the line as typed, the caret under the fault, and
    /// ends the watch (the next statement runs); in a script `watch` and `edit` are refused.
    func testAFailedWatchQuotesTheTypedLineAndEnds() throws {
        let r = try prompt("  watch 5 list actions where bogus = 1\nwatch count actoins\ncount units\n", editor: "false")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("""
            <repl>:1:30: error: actions have no field `bogus`
                  watch 5 list actions where bogus = 1
                                             ^~~~~
            """), r.stderr)
        XCTAssertTrue(r.stderr.contains("""
            <repl>:1:13: error: `actoins` is not something the register keeps
                watch count actoins
                            ^~~~~~~
            """), r.stderr)
        XCTAssertEqual(r.stdout.components(separatedBy: "Ctrl-C stops").count, 2, "one run, then the watch ended:\n\(r.stdout)")
        XCTAssertTrue(r.stdout.contains("\n1\n"), "the statement after it ran:\n\(r.stdout)")
        for word in ["watch 5 count units", "edit"] {
            let script = try TcgProcess.run(["--workspace", "ws.json", "-c", word], in: folder)
            XCTAssertEqual(script.status, 1)
            XCTAssertTrue(script.stderr.contains("works only at the tcg prompt (the REPL), not in a script"), script.stderr)
        }
    }
}
