import Foundation
import XCTest

/// The workspace is named: a query on one that does not exist is refused (exit 3) with its
/// path and how to create it; a change creates it; the REPL's banner says which file it opened.
final class WorkspaceNamedTests: FolderTestCase {
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) }

    let refusal = """
        tcg-workspace.json: error: no workspace here (the file does not exist)
        help: a change creates it (e.g. tcg add unit NAME kind force), or give --workspace PATH

        """

    func testAQueryOnNoWorkspaceIsRefusedNamingThePath() throws {
        for args in [["-c", "count actions"], ["count", "actions"], ["-c", "list units"], ["verify"]] {
            let r = try tcg(args)
            XCTAssertEqual(r.status, 3, args.joined(separator: " "))
            XCTAssertEqual(r.stdout, "", "no answer from an empty register")
            XCTAssertEqual(r.stderr, refusal, args.joined(separator: " "))
        }
        let piped = try tcg([], stdin: "list units\n")
        XCTAssertEqual(piped.status, 3)
        XCTAssertEqual(piped.stderr, refusal)
        let named = try tcg(["--workspace", "sub/ws.json", "-c", "count units"])
        XCTAssertEqual(named.status, 3)
        XCTAssertTrue(named.stderr.hasPrefix("sub/ws.json: error: no workspace here"), named.stderr)
        XCTAssertFalse(exists("tcg-workspace.json"), "a refused query creates nothing")
        XCTAssertFalse(exists("tcg-workspace.json.journal"))
    }

    /// A statement's own error stands (it names file:line:col); the refusal is for answers.
    func testAStatementErrorStandsOnNoWorkspace() throws {
        let r = try tcg(["-c", "count actions where fff = 1"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("-c:1:"), r.stderr)
    }

    func testStatementsThatReadNothingNeedNoWorkspace() throws {
        XCTAssertEqual(try tcg(["-c", "echo \"hi\""]).stdout, "hi\n")
        XCTAssertEqual(try tcg(["-c", "help"]).status, 0)
        XCTAssertFalse(exists("tcg-workspace.json"))
    }

    /// Decided: a script is one transaction, so one that changes the register creates the
    /// workspace even when its first statements are queries (they answer from the new register).
    func testAChangeCreatesItEvenAfterQueriesInTheSameScript() throws {
        try write("start.tcg", "count units\nadd unit Westshire kind force\ncount units\n")
        let r = try tcg(["run", "start.tcg"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "0\nadded unit Westshire (force)\n1\n")
        XCTAssertEqual(try tcg(["-c", "count units"]).stdout, "1\n")
        XCTAssertEqual(try tcg(["verify"]).status, 0)
    }

    func testTheReplBannerNamesTheWorkspaceAndSaysNew() throws {
        let fresh = try Tmux(["--workspace", "ws.json"], in: folder)
        defer { fresh.kill() }
        let screen = try fresh.waitFor("tcg>")
        XCTAssertTrue(screen.contains("workspace: ws.json (new: the first change creates it)"), screen)
        try fresh.type("count units")
        try fresh.send("Enter")
        try fresh.waitFor("0")
        try fresh.type("add person \"Kim Lee\"")
        try fresh.send("Enter")
        try fresh.waitFor("PE-1")
        fresh.kill()
        let again = try Tmux(["--workspace", "ws.json"], in: folder)
        defer { again.kill() }
        let second = try again.waitFor("tcg>")
        XCTAssertTrue(second.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "workspace: ws.json" }, second)
        XCTAssertFalse(second.contains("(new"), second)
    }
}
