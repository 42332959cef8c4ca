import Foundation
import TCGTestSupport
import XCTest

/// The command line's forms: `help`, subcommands with their own `--help`, `tcg STATEMENT...`, the
/// committed shell completion scripts, and colour only on a terminal (on both stores: StoreUnderTest).
final class SubcommandTests: FolderTestCase {
    override class var storeWorkspace: String? { "tcg-workspace.json" }
    let setup = TcgProcess.smallCycle

    func testHelpIsTheLanguagesAndDashDashHelpTheCommandLines() throws {
        let overview = try tcg(["help"])
        XCTAssertEqual(overview.status, 0, overview.stderr)
        XCTAssertTrue(overview.stdout.hasPrefix("tcg keeps the tasking and coordination register."), overview.stdout)
        let verb = try tcg(["help", "add", "action"])
        XCTAssertEqual(verb.status, 0, verb.stderr)
        XCTAssertTrue(verb.stdout.hasPrefix("add action prevention|intelligence|enforcement|reassurance"), verb.stdout)
        let usage = try tcg(["--help"])
        XCTAssertEqual(usage.status, 0, usage.stderr)
        for word in ["USAGE: tcg", "--workspace", "run", "check", "test", "verify", "demo", "help"] {
            XCTAssertTrue(usage.stdout.contains(word), "\(word) in:\n\(usage.stdout)")
        }
        XCTAssertFalse(usage.stdout.contains("session"), "the default subcommand is not shown")
        let run = try tcg(["run", "--help"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Run a script file as one transaction"), run.stdout)
        XCTAssertTrue(run.stdout.contains("--workspace"), run.stdout)
    }

    func testSubcommandsTakeTheOptionsBeforeOrAfterTheirName() throws {
        try write("setup.tcg", setup)
        let named = try workspace.path()
        XCTAssertEqual(try tcg(["--workspace", named, "run", "setup.tcg"]).status, 0)
        XCTAssertEqual(try tcg(["verify", "--workspace", named]).status, 0)
        XCTAssertEqual(try tcg(["--workspace=\(named)", "verify"]).status, 0)
        let checked = try tcg(["check", "--format", "json", "setup.tcg"])
        XCTAssertEqual(checked.status, 0, checked.stderr)
        XCTAssertEqual(checked.stdout, "setup.tcg: ok (12 statements)\n")
        XCTAssertEqual(try tcg(["verify", "extra"]).status, 2)
        XCTAssertEqual(try tcg(["check"]).status, 2)
    }

    func testAStatementRunsFromTheCommandLineWordsWithQuotesRebuilt() throws {
        try write("setup.tcg", setup)
        XCTAssertEqual(try tcg(["run", "setup.tcg"]).status, 0)
        let count = try tcg(["--today", "2027-03-20", "count", "actions", "where", "owner", "=", "Sgt Bea Cole", "and", "due", "<", "2027-03-20"])
        XCTAssertEqual(count.status, 0, count.stderr)
        XCTAssertEqual(count.stdout, "1\n")
        let echo = try tcg(["echo", "say \"hi\" to $5 \\ O'Brien", "A-1"])
        XCTAssertEqual(echo.status, 0, echo.stderr)
        XCTAssertEqual(echo.stdout, "say \"hi\" to $5 \\ O'Brien A-1\n")
        let failed = try tcg(["complete", "A-9", "result", "done"])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.hasPrefix("-c:1:"), failed.stderr)
    }

    func testAFileOfAVerbsNameRunsAndAnUnknownWordIsAUsageError() throws {
        try write("count", "echo \"the file\"\n")
        let file = try tcg(["count"])
        XCTAssertEqual(file.status, 0, file.stderr)
        XCTAssertEqual(file.stdout, "the file\n")
        let unknown = try tcg(["outstandin", "actions"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no such command or script: outstandin (did you mean outstanding?)"), unknown.stderr)
        let subcommand = try tcg(["verfy"])
        XCTAssertEqual(subcommand.status, 2)
        XCTAssertTrue(subcommand.stderr.contains("did you mean verify?"), subcommand.stderr)
    }

    /// `completions/` is what the binary generates now (re-generate it with
    /// `tcg --generate-completion-script SHELL` after changing the command line).
    func testTheCommittedCompletionScriptsAreCurrent() throws {
        for (shell, file) in [("bash", "tcg.bash"), ("zsh", "_tcg"), ("fish", "tcg.fish")] {
            let generated = try tcg(["--generate-completion-script", shell])
            XCTAssertEqual(generated.status, 0, generated.stderr)
            let committed = try String(contentsOf: TcgProcess.packageRoot.appendingPathComponent("completions/\(file)"), encoding: .utf8)
            XCTAssertEqual(generated.stdout, committed, "completions/\(file) is stale: tcg --generate-completion-script \(shell) > completions/\(file)")
            XCTAssertTrue(committed.contains("verify"), file)
        }
    }

    /// On a terminal (a pty from `script`) tables and diagnostics are coloured; with NO_COLOR, a
    /// dumb terminal, or through a pipe, the very same bytes come out plain.
    func testColourOnlyOnATerminalWithoutNoColor() throws {
        let script = try XCTUnwrap(ChildProcess.tool("script"), "util-linux script is needed")
        try write("setup.tcg", setup)
        XCTAssertEqual(try tcg(["run", "setup.tcg"]).status, 0)
        func onTerminal(_ command: String, _ env: [String: String]) throws -> String {
            let line = "\(TcgProcess.binary.path) --today 2027-03-20 \(command)"
            let run = try Reliability.run(["-qec", line, "/dev/null"], executable: script, in: folder, environment: try workspace.environment(env))
            return run.output.replacingOccurrences(of: "\r\n", with: "\n")
        }
        let table = try onTerminal("-c 'outstanding actions'", ["TERM": "xterm"])
        XCTAssertTrue(table.contains("\u{1B}[1mid"), table.debugDescription)
        XCTAssertTrue(table.contains("\u{1B}[31m5d\u{1B}[0m"), table.debugDescription)
        let error = try onTerminal("-c 'count unitz'", ["TERM": "xterm"])
        XCTAssertTrue(error.contains("\u{1B}[1;31merror:\u{1B}[0m"), error.debugDescription)
        let piped = try tcg(["--today", "2027-03-20", "-c", "outstanding actions"])
        for (env, why) in [(["TERM": "xterm", "NO_COLOR": "1"], "NO_COLOR"), (["TERM": "dumb"], "TERM=dumb")] {
            XCTAssertEqual(try onTerminal("-c 'outstanding actions'", env), piped.stdout, why)
            XCTAssertFalse(try onTerminal("-c 'count unitz'", env).contains("\u{1B}"), why)
        }
    }
}
