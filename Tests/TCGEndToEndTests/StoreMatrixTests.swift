import Foundation
import XCTest

/// The matrix itself (StoreUnderTest): scripts/test runs every class of it a second time on
/// PostgreSQL, and that run really puts each test's register in a database.
final class StoreMatrixTests: XCTestCase {
    /// scripts/test's `matrix=` list: StoreUnderTest.classes and this class, no more, no fewer.
    func testScriptsTestRunsEveryMatrixClassOnPostgreSQL() throws {
        let script = try String(contentsOf: TcgProcess.packageRoot.appendingPathComponent("scripts/test"), encoding: .utf8)
        let line = try XCTUnwrap(script.split(separator: "\n").first { $0.hasPrefix("matrix='") }, "scripts/test has no matrix= line")
        let listed = line.dropFirst("matrix='".count).dropLast().split(separator: "|").map(String.init)
        XCTAssertEqual(listed.sorted(), (StoreUnderTest.classes + ["StoreMatrixTests"]).sorted())
        XCTAssertTrue(script.contains("TCG_TEST_STORE=postgres"), "the second run picks PostgreSQL")
    }

    /// With `TCG_TEST_STORE=postgres` a change lands in the database and no file is written; on a
    /// file, in the file.
    func testTheStoreUnderTestHoldsWhatATestWrites() throws {
        let folder = try TcgProcess.temporaryFolder(), workspace = try StoreUnderTest.workspace("ws.json")
        defer {
            try? FileManager.default.removeItem(at: folder)
            workspace.remove()
        }
        // Read here, not from StoreUnderTest: a matrix that ignored it would run its PostgreSQL run on files.
        let postgres = ProcessInfo.processInfo.environment["TCG_TEST_STORE"] == "postgres"
        XCTAssertEqual(workspace.database != nil, postgres)
        XCTAssertFalse(try workspace.holdsRegister(in: folder))
        let added = try TcgProcess.run(["--workspace", try workspace.path(), "-c", "add unit Westshire kind force"], in: folder)
        XCTAssertEqual(added.status, 0, added.stderr)
        // Runs that name no workspace get the database by $TCG_WORKSPACE (a file's are left as they were).
        let counted = try TcgProcess.run(["-c", "count units"], in: folder, environment: try workspace.environment())
        XCTAssertEqual(counted.stdout, postgres ? "1\n" : "", counted.stderr)
        XCTAssertTrue(try workspace.holdsRegister(in: folder))
        XCTAssertEqual(FileManager.default.fileExists(atPath: folder.appendingPathComponent("ws.json").path), !postgres)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("tcg-workspace.json").path))
    }
}
