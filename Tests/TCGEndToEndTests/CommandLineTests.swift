import Foundation
import XCTest

/// The real binary: exit statuses, transactions, workspace safety, one-shot and stdin modes (on
/// both stores: StoreUnderTest; runs that name no workspace get the test's database by `$TCG_WORKSPACE`).
final class CommandLineTests: FolderTestCase {
    override class var storeWorkspace: String? { "tcg-workspace.json" }

    func bytes(_ name: String) -> Data? { try? Data(contentsOf: folder.appendingPathComponent(name)) }

    let setup = TcgProcess.smallCycle

    func testTheSpecExampleRunsWithEveryAssertHolding() throws {
        let spec = try Reliability.specExample()
        let r = try tcg(["--today", "2027-03-20", "run", spec.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try tcg(["--today", "2027-03-20", "-c", "count actions where overdue"]).stdout, "1\n")
    }

    func testAFailedScriptSavesNothingAndNamesTheLine() throws {
        try write("setup.tcg", setup)
        XCTAssertEqual(try tcg(["run", "setup.tcg"]).status, 0)
        let before = try workspace.snapshot(in: folder)
        try write("bad.tcg", "add person \"New Person\"\ncomplete A-1 result \"done\"\nadd priority \"X\" owner \"Nobody\" rationale \"r\"\n")
        let r = try tcg(["run", "bad.tcg"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("bad.tcg:3:24: error: unknown person \"Nobody\""), r.stderr)
        XCTAssertEqual(try workspace.snapshot(in: folder), before, "the workspace must be byte-for-byte as it was")
        XCTAssertEqual(try tcg(["-c", "count people"]).stdout, "2\n")
    }

    func testDryRunPrintsButSavesNothing() throws {
        try write("setup.tcg", setup)
        let r = try tcg(["--dry-run", "run", "setup.tcg"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("A-1"))
        XCTAssertFalse(try workspace.holdsRegister(in: folder), "a dry run creates no workspace")
    }

    func testSynonymsOnTheCommandLinePointAtTheTcgWay() throws {
        let done = try tcg(["done", "A-1"])
        XCTAssertEqual(done.status, 2)
        XCTAssertEqual(done.stderr, "tcg: no such command or script: done\nhelp: did you mean complete? (`complete A-n` or `complete DP-n`)\n")
        XCTAssertTrue(try tcg(["delete", "A-1"]).stderr.contains("nothing is deleted (R13)"))
    }

    func testExitStatuses() throws {
        try StoreUnderTest.fileOnly("a missing workspace file, and a file that is not a workspace")
        XCTAssertEqual(try tcg(["--format", "yaml", "-c", "count units"]).status, 2)
        XCTAssertEqual(try tcg(["--today", "2027-02-30", "-c", "count units"]).status, 2)
        XCTAssertEqual(try tcg(["--no-such-option"]).status, 2)
        XCTAssertEqual(try tcg(["run"]).status, 2)
        XCTAssertEqual(try tcg(["run", "missing.tcg"]).status, 2)
        XCTAssertEqual(try tcg(["-c", "count units"]).status, 3, "a query on no workspace")
        XCTAssertEqual(try tcg(["-c", "count unitz"]).status, 1)
        try write("tcg-workspace.json", "{\"not\": \"a workspace\"}")
        let r = try tcg(["-c", "count units"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.contains("tcg-workspace.json"), r.stderr)
        XCTAssertEqual(String(decoding: bytes("tcg-workspace.json") ?? Data(), as: UTF8.self), "{\"not\": \"a workspace\"}")
        XCTAssertEqual(try tcg(["-c", "add unit X"]).status, 3, "a change to a foreign file is refused, never overwritten")
        XCTAssertEqual(String(decoding: bytes("tcg-workspace.json") ?? Data(), as: UTF8.self), "{\"not\": \"a workspace\"}")
    }

    func testWorkspaceIsCreatedOwnerOnlyAndEnvironmentChoosesIt() throws {
        try StoreUnderTest.fileOnly("the new workspace file's mode, and $TCG_WORKSPACE naming another file")
        XCTAssertEqual(try tcg(["-c", "add unit Westshire"], env: ["TCG_WORKSPACE": "other.json"]).status, 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("other.json").path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertNil(bytes("tcg-workspace.json"))
        XCTAssertEqual(try tcg(["--workspace", "other.json", "-c", "count units"]).stdout, "1\n")
        XCTAssertNil(bytes("tcg-workspace.json"), "a query creates no workspace")
    }

    func testStdinRunsAsAScriptWithoutPromptOrEscapes() throws {
        let r = try tcg(["--today", "2027-03-20"], stdin: setup + "count actions where overdue\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix("A-1\n1\n"), r.stdout)
        XCTAssertFalse(r.stdout.contains("tcg>"))
        XCTAssertFalse(r.stdout.contains("\u{1B}"))
        XCTAssertFalse(r.stderr.contains("\u{1B}"))
    }

    func testScriptParametersAndShebang() throws {
        try write("setup.tcg", setup)
        _ = try tcg(["run", "setup.tcg"])
        try write("param.tcg", "#!/usr/bin/env tcg\necho \"owner is $who\"\ncount actions where owner = $who and due < $by\n")
        let r = try tcg(["param.tcg", "who=Sgt Bea Cole", "by=2027-03-20"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "owner is Sgt Bea Cole\n1\n")
    }

    func testAuditTrailRecordsWhoWhenAndWhere() throws {
        try write("setup.tcg", setup)
        XCTAssertEqual(try tcg(try workspace.arguments(as: "analyst7") + ["run", "setup.tcg"]).status, 0)
        XCTAssertEqual(try tcg(["-c", "complete A-1 result \"done\""], env: try workspace.environment(as: "dmm-chair")).status, 0)
        let r = try tcg(["--format", "json", "-c", "history A-1"])
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(entries.count, 2)
        XCTAssertEqual(entries[0]["user"] as? String, "analyst7")
        XCTAssertEqual(entries[0]["source"] as? String, "setup.tcg:12")
        XCTAssertEqual(entries[1]["user"] as? String, "dmm-chair")
        XCTAssertEqual(entries[1]["source"] as? String, "-c")
        XCTAssertEqual(entries[1]["changes"] as? [String], ["A-1 status open -> done"])
    }

    func testCheckReportsEverySyntaxErrorAndRunsNothing() throws {
        try write("broken.tcg", "ad unit West\nadd unit X knd bcu\nadd unit Fine\nlist actoins\n")
        let r = try tcg(["check", "broken.tcg"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr.components(separatedBy: ": error: ").count - 1, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("broken.tcg:1:1: error: unknown command `ad`"))
        XCTAssertTrue(r.stderr.contains("broken.tcg:4:6: error:"))
        XCTAssertFalse(try workspace.holdsRegister(in: folder))
        try write("good.tcg", setup)
        XCTAssertEqual(try tcg(["check", "good.tcg"]).status, 0)
    }

    func testJSONOutputIsOneDocumentPerQuery() throws {
        try write("setup.tcg", setup)
        let r = try tcg(["--format", "json", "--today", "2027-03-20", "run", "setup.tcg"], stdin: nil)
        XCTAssertEqual(r.stdout, "", "machine formats print only query answers")
        let list = try tcg(["--format", "json", "--today", "2027-03-20", "-c", "list actions where overdue"])
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0]["owner"] as? String, "Sgt Bea Cole")
        XCTAssertEqual(rows[0]["due"] as? String, "2027-03-15")
        XCTAssertNil(rows[0]["result"], "absent values are omitted")
    }

    func testConcurrentWritersLoseNothing() throws {
        XCTAssertEqual(try tcg(["-c", "add unit Westshire"]).status, 0)
        let group = DispatchGroup()
        let failures = Failures()
        let folder: URL = self.folder, env = try workspace.environment()
        for w in 0..<4 {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                let script = (0..<25).map { "add person \"Writer \(w) number \($0)\"" }.joined(separator: "\n")
                do {
                    let r = try TcgProcess.run(["-c", script.replacingOccurrences(of: "\n", with: "; ")], in: folder, environment: env)
                    if r.status != 0 { failures.add(r.stderr) }
                } catch { failures.add("\(error)") }
                for n in 0..<10 {
                    do {
                        let r = try TcgProcess.run(["-c", "add person \"Solo \(w)-\(n)\""], in: folder, environment: env)
                        if r.status != 0 { failures.add(r.stderr) }
                    } catch { failures.add("\(error)") }
                }
            }
        }
        group.wait()
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try tcg(["-c", "count people"]).stdout, "\(4 * 25 + 4 * 10)\n")
    }
}

/// Collects failures from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
