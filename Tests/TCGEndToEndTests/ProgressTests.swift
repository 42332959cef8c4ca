import Foundation
import XCTest

/// Progress on long work: at a terminal, a script that runs past a second shows how far it is on
/// stderr and erases the line when done; with stderr redirected it prints nothing extra (on
/// both stores: StoreUnderTest).
final class ProgressTests: TerminalTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        XCTAssertEqual(try TcgProcess.run(["--workspace", try workspace.path(), "-c", "add unit Westshire kind force"], in: folder).status, 0)
        // Some seconds of statements (a debug build adds some 14,000 people a second).
        let long = (1...30_000).map { "add person \"Person \($0)\" unit Westshire\n" }.joined()
        try long.write(to: folder.appendingPathComponent("long.tcg"), atomically: true, encoding: .utf8)
    }

    func testALongScriptAtATerminalShowsProgressAndErasesIt() throws {
        let t = try Tmux(["--workspace", try workspace.path(), "run", "long.tcg"], in: folder, shell: " > /dev/null; echo \"ended $?\"; sleep 60")
        tmux = t
        let shown = try t.waitFor("the progress line", timeout: 30) { $0.contains("/30,000 statements") }
        let line = try XCTUnwrap(shown.split(separator: "\n").first { $0.contains("statements") })
        XCTAssertNotNil(line.wholeMatch(of: try Regex("  [0-9,]+/30,000 statements  [0-9,]+/s")), String(line))
        let end = try t.waitFor("the end", timeout: 60) { $0.contains("ended ") }
        XCTAssertTrue(end.contains("ended 0"), end)
        XCTAssertFalse(end.contains("statements"), "erased when done:\n\(end)")
    }

    func testWithStderrRedirectedNothingIsShown() throws {
        let t = try Tmux(["--workspace", try workspace.path(), "run", "long.tcg"], in: folder, shell: " > /dev/null 2> err.txt; echo \"ended $?\"; sleep 60")
        tmux = t
        let end = try t.waitFor("the end", timeout: 60) { $0.contains("ended ") }
        XCTAssertTrue(end.contains("ended 0"), end)
        XCTAssertFalse(end.contains("statements"), end)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("err.txt"), encoding: .utf8), "")
    }

    /// `tcg verify` on a large trail counts the entries and records it has checked.
    func testVerifyShowsProgressAtATerminalOnly() throws {
        let build = try TcgProcess.run(["--workspace", try workspace.path(), "run", "long.tcg"], in: folder)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stderr, "", "a pipe gets no progress")
        let t = try Tmux(["--workspace", try workspace.path(), "verify"], in: folder, shell: " > /dev/null; echo \"ended $?\"; sleep 60")
        tmux = t
        try t.waitFor("the progress line", timeout: 30) { $0.contains("/60,00") && $0.contains(" entries and records checked") }
        let end = try t.waitFor("the end", timeout: 60) { $0.contains("ended ") }
        XCTAssertTrue(end.contains("ended 0"), end)
        XCTAssertFalse(end.contains("checked"), "erased when done:\n\(end)")
    }
}
