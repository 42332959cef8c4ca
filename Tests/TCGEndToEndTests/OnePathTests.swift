import Foundation
import XCTest

/// One path for a statement, through the real binary: nothing is said before it is saved, each
/// user has their own current meeting, undo steps back as far as asked, paths are bare words
/// (on both stores: StoreUnderTest).
final class OnePathTests: XCTestCase {
    var folder: URL!
    var workspace: TestWorkspace!
    /// Every run has its own state folder (the current meetings), as one account would.
    var env: [String: String] { ["XDG_STATE_HOME": folder.appendingPathComponent("state").path, "TCG_TODAY": "2027-03-12"] }

    override func setUpWithError() throws {
        folder = try TcgProcess.temporaryFolder()
        workspace = try StoreUnderTest.workspace("ws.json")
        let setup = """
            add unit North kind force
            add person "Rosa Diaz" unit North
            add person "Sam Hill" unit North
            create meeting ttcg on 2027-03-01 unit North
            create meeting ttcg on 2027-03-08 unit North

            """
        XCTAssertEqual(try run([], stdin: setup).status, 0)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        workspace?.remove()
    }

    @discardableResult
    /// Runs tcg on the test's workspace, as `user` when given (``TestWorkspace/arguments(as:)``).
    func run(_ args: [String], stdin: String? = nil, user: String? = nil, extra: [String: String] = [:]) throws -> TcgProcess.Result {
        let workspace = try user.map { try self.workspace.arguments(as: $0) } ?? ["--workspace", try self.workspace.path()]
        return try TcgProcess.run(workspace + args, stdin: stdin, in: folder, environment: env.merging(extra) { $1 })
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) }

    func testEachUserHasTheirOwnCurrentMeeting() throws {
        XCTAssertEqual(try run(["-c", "open M-2"], user: "rosa").status, 0)
        XCTAssertEqual(try run(["-c", "open M-1"], user: "sam").status, 0)
        XCTAssertEqual(try run(["-c", "decide \"Rosa's\" rationale \"r\""], user: "rosa").stdout, "D-1\n")
        XCTAssertEqual(try run(["-c", "decide \"Sam's\" rationale \"s\""], user: "sam").stdout, "D-2\n")
        let csv = try run(["--format", "csv", "-c", "list decisions"]).stdout
        XCTAssertTrue(csv.contains("D-1,M-2,2027-03-08,Rosa's"), csv)
        XCTAssertTrue(csv.contains("D-2,M-1,2027-03-01,Sam's"), csv)
        // Opening a meeting is no change to the shared register once it is open.
        let before = try workspace.snapshot(in: folder)
        XCTAssertEqual(try run(["-c", "open M-1"], user: "rosa").status, 0)
        XCTAssertEqual(try workspace.snapshot(in: folder), before)
        XCTAssertEqual(try run(["-c", "decide \"Rosa again\" rationale \"r\""], user: "rosa").stdout, "D-3\n")
        XCTAssertTrue(try run(["--format", "csv", "-c", "list decisions"]).stdout.contains("D-3,M-1,2027-03-01,Rosa again"))
    }

    func testAFailedScriptPrintsNoIdAndWritesNoReport() throws {
        let script = """
            add person "Tom Ray" unit North
            report register to pack.html
            assert (count people) = 99 "there are not 99 people"

            """
        let r = try run([], stdin: script)
        XCTAssertEqual(r.status, 1)
        XCTAssertFalse(r.stdout.contains("PE-"), "an id was printed for a change that was not saved: \(r.stdout)")
        XCTAssertFalse(r.stdout.contains("wrote"), r.stdout)
        XCTAssertTrue(r.stderr.contains("there are not 99 people"), r.stderr)
        XCTAssertFalse(exists("pack.html"), "a failed script left its report behind")
        XCTAssertEqual(try run(["-c", "count people"]).stdout, "2\n")
    }

    func testADryRunWritesNoFile() throws {
        let r = try run(["--dry-run", "-c", "add person \"Tom Ray\" unit North; report register to pack.html"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(exists("pack.html"))
        XCTAssertFalse(r.stdout.contains("wrote"), r.stdout)
        XCTAssertTrue(r.stderr.contains("dry run: pack.html was not written"), r.stderr)
        XCTAssertEqual(try run(["-c", "count people"]).stdout, "2\n")
    }

    func testAReportIsWrittenOnceTheScriptCommits() throws {
        let r = try run(["-c", "add person \"Tom Ray\" unit North; report register to pack.md"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "PE-3\nwrote pack.md\n")
        XCTAssertTrue(exists("pack.md"))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("pack.md").path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    /// A commit that cannot be written (a file size limit, as on a full disk) prints no id.
    func testNoIdWhenTheChangeCannotBeSaved() throws {
        try StoreUnderTest.fileOnly("a file size limit stops the workspace file's write, not the server's")
        // Enough history that the journal is past one 512-byte block.
        for i in 0..<8 { try run(["-c", "add person \"Filler Person Number \(i) With A Long Name\""]) }
        let limited = "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\""
        let run = try Reliability.run(["-c", limited, TcgProcess.binary.path, "--workspace", workspace.name, "-c", "add person \"P Q\" unit North"],
                                      executable: URL(fileURLWithPath: "/bin/sh"), in: folder, environment: env)
        XCTAssertEqual(run.status, 3, run.stderr)
        XCTAssertFalse(run.output.contains("PE-"), "an id was printed for a change that was not saved: \(run.output)")
        XCTAssertTrue(run.stderr.contains("not saved"), run.stderr)
        XCTAssertEqual(try self.run(["-c", "count people"]).stdout, "10\n")
    }

    func testUndoStepsBackAsFarAsAsked() throws {
        let session = """
            add person "A One"
            add person "B Two"
            add person "C Three"
            undo
            undo
            undo
            undo

            """
        let r = try run(["--interactive"], stdin: session)
        XCTAssertEqual(r.stdout.components(separatedBy: "undone: ").count - 1, 3, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("nothing to undo in this session"), r.stderr)
        XCTAssertFalse(r.stderr.contains("another writer"), r.stderr)
        XCTAssertEqual(try run(["-c", "count people"]).stdout, "2\n")
        XCTAssertEqual(try run(["-c", "show PE-3"]).status, 1, "undone records are gone")
        XCTAssertEqual(try run(["-c", "add person \"D Four\""]).stdout, "PE-6\n", "ids are never reused")
    }

    func testBarePathsAndParametersFromThePrompt() throws {
        let sub = folder.appendingPathComponent("packs")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "echo \"unit: $unit\"\nrun inner.tcg\n".write(to: sub.appendingPathComponent("pack.tcg"), atomically: true, encoding: .utf8)
        try "echo \"inner sees $unit\"\n".write(to: sub.appendingPathComponent("inner.tcg"), atomically: true, encoding: .utf8)
        let r = try run(["-c", "run packs/pack.tcg unit=North"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "unit: North\ninner sees North\n")
        XCTAssertEqual(try run(["-c", "run \"packs/pack.tcg\" unit=East"]).stdout, "unit: East\ninner sees East\n")
        let report = try run(["-c", "report register to out/../pack.html"])
        XCTAssertNotEqual(report.status, 0, "out/ does not exist")
        XCTAssertEqual(try run(["-c", "report register to pack.html"]).stdout, "wrote pack.html\n")
        XCTAssertTrue(exists("pack.html"))
    }

    func testAMistakeGivesOneError() throws {
        let r = try run(["check", "/dev/stdin"], stdin: "list actions wher overdue order by due\nadd priorty \"X\" owner \"Rosa Diaz\"\n")
        XCTAssertEqual(r.stderr.components(separatedBy: "error:").count - 1, 2, r.stderr)
        let run = try self.run(["-c", "run examples/missing.tcg"])
        XCTAssertEqual(run.stderr.components(separatedBy: "error:").count - 1, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("cannot read examples/missing.tcg"), run.stderr)
    }

    func testScriptTestsNeverWriteReports() throws {
        try StoreUnderTest.fileOnly("tcg test runs on a copy of a workspace file only (docs/postgresql.md)")
        let tests = folder.appendingPathComponent("checks")
        try FileManager.default.createDirectory(at: tests, withIntermediateDirectories: true)
        try "report register to \(folder.path)/real.html\n# expect: wrote \(folder.path)/real.html\n"
            .write(to: tests.appendingPathComponent("a.tcg"), atomically: true, encoding: .utf8)
        let r = try run(["test", "checks"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertFalse(exists("real.html"), "tcg test wrote a real file")
    }

    func testReopenKeepsTheResult() throws {
        try run(["-c", "open M-2"])
        let script = """
            let p = create plan "Op Bolt" owner "Sam Hill"
            let a = add action prevention "Fit locks" to $p owner "Sam Hill" due 2027-04-01
            complete $a result "Fitted 20 locks"
            reopen $a rationale "Burglaries rose again"
            assert (count actions where status = open) = 1

            """
        XCTAssertEqual(try run([], stdin: script).status, 0)
        let shown = try run(["-c", "show A-1"]).stdout
        XCTAssertTrue(shown.contains("reopened (was done: Fitted 20 locks): Burglaries rose again"), shown)
        let refused = try run(["-c", "reopen A-1 rationale \"again\""])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("A-1 is already open"), refused.stderr)
    }
}
