import Foundation
import XCTest

/// Golden script tests: every `Fixtures/golden/NAME.tcg` runs against a fresh workspace, and its
/// stdout, stderr and exit status must match `NAME.out`, `NAME.err` (absent = empty) and the
/// `# exit: N` line (absent = 0). A `# args: …` line gives extra command-line arguments.
/// Re-record the expectations with `RECORD_SNAPSHOTS=1 swift test --filter GoldenTests`.
final class GoldenTests: XCTestCase {
    static var folder: URL {
        TcgProcess.packageRoot.appendingPathComponent("Tests/TCGEndToEndTests/Fixtures/golden")
    }

    func testEveryGoldenScript() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".tcg") }.sorted()
        XCTAssertGreaterThan(files.count, 20, "the golden fixtures are missing")
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
        for file in files {
            try check(file, record: record)
        }
    }

    func check(_ file: String, record: Bool) throws {
        let work = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let (result, expectedStatus) = try Self.run(file, workspace: "ws.json", in: work)
        let base = Self.folder.appendingPathComponent(String(file.dropLast(4)))
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        if record {
            try result.stdout.write(to: outURL, atomically: true, encoding: .utf8)
            if result.stderr.isEmpty { try? FileManager.default.removeItem(at: errURL) } else {
                try result.stderr.write(to: errURL, atomically: true, encoding: .utf8)
            }
            return
        }
        let expectedOut = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let expectedErr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        XCTAssertEqual(result.status, expectedStatus, "\(file): exit status; stderr:\n\(result.stderr)")
        XCTAssertEqual(result.stdout, expectedOut, "\(file): stdout differs")
        XCTAssertEqual(result.stderr, expectedErr, "\(file): stderr differs")
    }

    /// How `file` run in `work` on `workspace` differs from its recorded output (the workspace's
    /// name read as `ws.json`), or nil when it does not.
    static func difference(_ file: String, workspace: String, in work: URL) throws -> String? {
        let (result, expectedStatus) = try run(file, workspace: workspace, in: work)
        let base = Self.folder.appendingPathComponent(String(file.dropLast(4)))
        let expectedOut = (try? String(contentsOf: base.appendingPathExtension("out"), encoding: .utf8)) ?? ""
        let expectedErr = (try? String(contentsOf: base.appendingPathExtension("err"), encoding: .utf8)) ?? ""
        let out = result.stdout.replacingOccurrences(of: workspace, with: "ws.json")
        let err = result.stderr.replacingOccurrences(of: workspace, with: "ws.json")
        if result.status != expectedStatus { return "exit \(result.status), not \(expectedStatus): \(err.prefix(300))" }
        if out != expectedOut { return "stdout differs: \(Self.firstDifference(out, expectedOut))" }
        if err != expectedErr { return "stderr differs: \(Self.firstDifference(err, expectedErr))" }
        return nil
    }

    /// The first line where `got` and `expected` differ, both shown.
    static func firstDifference(_ got: String, _ expected: String) -> String {
        let a = got.split(separator: "\n", omittingEmptySubsequences: false), b = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : "(end)", y = i < b.count ? String(b[i]) : "(end)"
            if x != y { return "line \(i + 1): got \(x.prefix(160)) | expected \(y.prefix(160))" }
        }
        return "(same lines)"
    }

    /// The user the golden `file` names with `--user` on its `# args:` line, if any.
    static func user(of file: String) throws -> String? {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# args:") }) else { return nil }
        let args = line.dropFirst(7).split(separator: " ").map(String.init)
        return args.firstIndex(of: "--user").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
    }

    /// Runs the golden `file` in the folder `work` (a new one) on `workspace`; its result and
    /// expected exit status.
    static func run(_ file: String, workspace: String, in work: URL) throws -> (TcgProcess.Result, Int32) {
        let script = Self.folder.appendingPathComponent(file)
        let text = try String(contentsOf: script, encoding: .utf8)
        var args: [String] = []
        var expectedStatus: Int32 = 0
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# args:") { args = line.dropFirst(7).split(separator: " ").map(String.init) }
            if line.hasPrefix("# exit:"), let n = Int32(line.dropFirst(7).trimmingCharacters(in: .whitespaces)) { expectedStatus = n }
        }
        try FileManager.default.copyItem(at: script, to: work.appendingPathComponent(file))
        for extra in try FileManager.default.contentsOfDirectory(atPath: Self.folder.path) where extra.hasSuffix(".inc") {
            try FileManager.default.copyItem(at: Self.folder.appendingPathComponent(extra), to: work.appendingPathComponent(extra))
        }
        let result = try TcgProcess.run(["--workspace", workspace] + args + ["run", file], in: work)
        return (result, expectedStatus)
    }
}
