import Foundation
import XCTest

/// docs/tutorial.md cannot rot: every `tcg> ` statement in its `tcg-session` blocks runs in order
/// against a fresh workspace, and what tcg prints (stdout, then stderr) must be the lines shown
/// under it. Re-record the outputs with `RECORD_SNAPSHOTS=1 swift test --filter TutorialTests`.
final class TutorialTests: XCTestCase {
    func testEveryStatementPrintsWhatTheTutorialShows() throws {
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
        for difference in try Self.differences(workspace: "ws.json", record: record) {
            XCTFail(difference)
        }
    }

    /// Runs every statement of the tutorial in order on `workspace`, one process each; what
    /// each printed that differs from the tutorial (with the workspace's name read as `ws.json`).
    /// With `record`, writes what they printed into the tutorial instead.
    static func differences(workspace: String, record: Bool = false) throws -> [String] {
        let url = TcgProcess.packageRoot.appendingPathComponent("docs/tutorial.md")
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var differences: [String] = []
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
            let r = try TcgProcess.run(["--workspace", workspace, "-c", statement], in: folder, environment: ["COLUMNS": "200"])
            statements += 1
            var shown = (r.stdout + r.stderr).replacingOccurrences(of: workspace, with: "ws.json").components(separatedBy: "\n")
            if shown.last == "" { shown.removeLast() }
            out.append(line)
            out += shown
            if !record, shown != expected {
                differences.append("docs/tutorial.md: `\(statement)` prints something else now:\n\(shown.joined(separator: "\n"))\nnot\n\(expected.joined(separator: "\n"))")
            }
        }
        if statements <= 50 { differences.append("the tutorial's statements were not found") }
        if record { try out.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8) }
        return differences
    }
}
