import Foundation
import XCTest

/// Every script in examples/ runs against a register built from a full cycle, and says what it should
/// (on both stores: StoreUnderTest).
final class ExamplesTests: XCTestCase {
    func testExamplesRunAgainstARealRegister() throws {
        let folder = try TcgProcess.temporaryFolder(), workspace = try StoreUnderTest.workspace("tcg-workspace.json")
        defer {
            try? FileManager.default.removeItem(at: folder)
            workspace.remove()
        }
        let golden = GoldenTests.folder
        for f in ["setup.inc", "cycle.inc"] {
            try FileManager.default.copyItem(at: golden.appendingPathComponent(f), to: folder.appendingPathComponent(f))
        }
        let today = ["--workspace", try workspace.path(), "--today", "2027-03-20"]
        XCTAssertEqual(try TcgProcess.run(today + ["run", "cycle.inc"], in: folder).status, 0)
        let examples = TcgProcess.packageRoot.appendingPathComponent("examples")

        let pack = try TcgProcess.run(today + ["run", examples.appendingPathComponent("agenda-pack.tcg").path, "unit=East"], in: folder)
        XCTAssertEqual(pack.status, 0, pack.stderr)
        XCTAssertTrue(pack.stdout.contains("Overdue and due actions, by owner"), pack.stdout)
        XCTAssertTrue(pack.stdout.contains("Actions outstanding: 3, of which overdue: 2"), pack.stdout)

        let owners = try TcgProcess.run(today + ["run", examples.appendingPathComponent("overdue-by-owner.tcg").path], in: folder)
        XCTAssertEqual(owners.status, 0, owners.stderr)
        XCTAssertTrue(owners.stdout.contains("Meg Lowe"), owners.stdout)
        XCTAssertTrue(owners.stdout.contains("Total overdue: 2"), owners.stdout)
        XCTAssertFalse(owners.stdout.contains("DS Kim Ng"), "only owners of overdue actions are listed")

        let due = try TcgProcess.run(today + ["run", examples.appendingPathComponent("commissions-due.tcg").path], in: folder)
        XCTAssertEqual(due.status, 0, due.stderr)
        XCTAssertTrue(due.stdout.contains("C-1"), due.stdout)

        for example in try FileManager.default.contentsOfDirectory(atPath: examples.path) where example.hasSuffix(".tcg") {
            XCTAssertEqual(try TcgProcess.run(["check", examples.appendingPathComponent(example).path], in: folder).status, 0, example)
        }
    }
}
