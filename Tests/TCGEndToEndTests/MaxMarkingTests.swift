import Foundation
import TCGTestSupport
import XCTest

/// `--max-marking` through the real binary: nothing hidden reaches stdout, stderr or a report
/// file, and a hidden record fails exactly as a missing one does (on both stores: StoreUnderTest).
final class MaxMarkingTests: XCTestCase {
    var folder: URL!
    var workspace: TestWorkspace!

    override func setUpWithError() throws {
        folder = try TcgProcess.temporaryFolder()
        workspace = try StoreUnderTest.workspace("w.json")
        let made = try tcg([], stdin: MarkedRegister.script)
        XCTAssertEqual(made.status, 0, made.stderr)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        workspace?.remove()
    }

    func tcg(_ args: [String], stdin: String? = nil) throws -> TcgProcess.Result {
        try TcgProcess.run(["--workspace", try workspace.path(), "--today", "2027-03-20"] + args, stdin: stdin, in: folder)
    }

    func testNoOutputPathShowsWhatIsHidden() throws {
        let open = try tcg(["-c", "list actions"])
        XCTAssertFalse(MarkedRegister.leaks(open.stdout).isEmpty, "without the flag the secrets show")
        let statements = [
            "list actions", "list meetings", "list people", "list plans", "list decisions", "list commissions", "list reviews",
            "list escalations", "count actions", "show A-2", "show DP-1", "show M-2", "outstanding", "agenda next ttcg unit East",
            "agenda M-2", "minutes M-2", "strategy", "calendar", "history", "history A-2",
            "report agenda next ttcg unit East to pack.html", "report agenda next ttcg unit East to pack.md", "report register to reg.html",
        ]
        for format in ["table", "json", "csv", "markdown"] {
            let all = try tcg(["--max-marking", "official", "--format", format], stdin: statements.joined(separator: "\n") + "\n")
            XCTAssertEqual(all.status, 0, all.stderr)
            XCTAssertEqual(MarkedRegister.leaks(all.stdout + all.stderr), [], "--format \(format):\n\(all.stdout)")
            for file in ["pack.html", "pack.md", "reg.html"] {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                XCTAssertEqual(MarkedRegister.leaks(text), [], file)
            }
        }
    }

    func testAHiddenRecordFailsAsAMissingOneDoes() throws {
        for (hidden, missing) in [("show A-3", "show A-9"), ("agenda M-4", "agenda M-9"), ("minutes M-3", "minutes M-8"),
                                  ("show DP-2", "show DP-9"), ("outstanding actions for \"Zed Quil\"", "outstanding actions for \"Zed Quix\"")] {
            let h = try tcg(["--max-marking", "official", "-c", hidden]), m = try tcg(["--max-marking", "official", "-c", missing])
            XCTAssertEqual(h.status, m.status, hidden)
            XCTAssertEqual(h.status, 1, hidden)
            XCTAssertFalse(h.stderr.contains("marked above"), h.stderr)
            let strip = { (s: String, id: String) in s.replacingOccurrences(of: id, with: "ID") }
            let hid = hidden.split(separator: " ").last.map(String.init) ?? "", mid = missing.split(separator: " ").last.map(String.init) ?? ""
            XCTAssertEqual(strip(h.stderr, hid), strip(m.stderr, mid), hidden)
        }
        let dup = try tcg(["--max-marking", "official", "-c", "add person \"Zed Quill\" unit East"])
        XCTAssertEqual(dup.status, 1)
        XCTAssertFalse(dup.stderr.contains("PE-3") || dup.stderr.contains("already in the register"), dup.stderr)
    }

    func testTheWorkspaceKeepsItsOwnCeiling() throws {
        let set = try tcg(["-c", "set max-marking official"])
        XCTAssertEqual(set.status, 0, set.stderr)
        let stored = String(decoding: try workspace.snapshot(in: folder), as: UTF8.self)
        XCTAssertTrue(stored.contains("\"max_marking\":\"OFFICIAL\"") || stored.contains("\"max_marking\": \"OFFICIAL\""),
                      "stored in the workspace")
        for args in [["-c", "list actions"], ["--max-marking", "official-sensitive", "-c", "list actions"]] {
            let listed = try tcg(args)
            XCTAssertEqual(listed.status, 0, listed.stderr)
            XCTAssertTrue(listed.stdout.contains("Patrols"), listed.stdout)
            XCTAssertEqual(MarkedRegister.leaks(listed.stdout), [], "\(args): \(listed.stdout)")
        }
        XCTAssertTrue(try tcg(["-c", "history"]).stdout.contains("set max-marking official"), "audited")
    }
}
