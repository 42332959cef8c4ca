import Foundation
import XCTest

/// docs/tutorial.md cannot rot: every `tcg> ` statement in its `tcg-session` blocks runs in order
/// against a fresh workspace, and what tcg prints (stdout, then stderr) must be the lines shown
/// under it. Re-record the outputs with `RECORD_SNAPSHOTS=1 swift test --filter TutorialTests`.
final class TutorialTests: XCTestCase {
    func testEveryStatementPrintsWhatTheTutorialShows() throws {
        let url = TcgProcess.packageRoot.appendingPathComponent("docs/tutorial.md")
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var out: [String] = []
        var inSession = false
        var statements = 0
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line == "```tcg-session" { inSession = true; out.append(line); i += 1; continue }
            if inSession && line == "```" { inSession = false; out.append(line); i += 1; continue }
            guard inSession, line.hasPrefix("tcg> ") else { out.append(line); i += 1; continue }
            let statement = String(line.dropFirst(5))
            var expected: [String] = []
            i += 1
            while i < lines.count, !lines[i].hasPrefix("tcg> "), lines[i] != "```" { expected.append(lines[i]); i += 1 }
            let r = try TcgProcess.run(["--workspace", "ws.json", "-c", statement], in: folder, environment: ["COLUMNS": "200"])
            statements += 1
            var shown = (r.stdout + r.stderr).components(separatedBy: "\n")
            if shown.last == "" { shown.removeLast() }
            out.append(line)
            out += shown
            if !record {
                XCTAssertEqual(shown, expected, "docs/tutorial.md: `\(statement)` prints something else now")
            }
        }
        XCTAssertGreaterThan(statements, 50, "the tutorial's statements were not found")
        if record { try out.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8) }
    }
}
