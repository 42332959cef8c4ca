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
        let script = Self.folder.appendingPathComponent(file)
        let text = try String(contentsOf: script, encoding: .utf8)
        var args: [String] = []
        var expectedStatus: Int32 = 0
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# args:") { args = line.dropFirst(7).split(separator: " ").map(String.init) }
            if line.hasPrefix("# exit:"), let n = Int32(line.dropFirst(7).trimmingCharacters(in: .whitespaces)) { expectedStatus = n }
        }
        let work = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(at: script, to: work.appendingPathComponent(file))
        for extra in try FileManager.default.contentsOfDirectory(atPath: Self.folder.path) where extra.hasSuffix(".inc") {
            try FileManager.default.copyItem(at: Self.folder.appendingPathComponent(extra), to: work.appendingPathComponent(extra))
        }
        let result = try TcgProcess.run(["--workspace", "ws.json"] + args + ["run", file], in: work)
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
}
