import Foundation
import XCTest
@testable import TCGDomain
@testable import TCGStore

/// A writer killed mid-save leaves `.NAME.tmp-PID`; the next writer removes it under the lock.
final class StaleTemporaryTests: XCTestCase {
    func testTheNextWriterRemovesATemporaryLeftByAKilledSave() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tcg-stale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ws.json").path
        let stale = folder.appendingPathComponent(".ws.json.tmp-999999")
        let unrelated = folder.appendingPathComponent(".other.json.tmp-999999")
        XCTAssertTrue(FileManager.default.createFile(atPath: stale.path, contents: Data(repeating: 1, count: 4096)))
        XCTAssertTrue(FileManager.default.createFile(atPath: unrelated.path, contents: Data([1])))
        let store = WorkspaceFile(path: path)
        try store.transaction { (r: inout Register) throws in
            try r.addUnit(name: "Westshire", kind: .force, parent: nil)
            r.appendChained(AuditEntry(seq: 1, at: "2027-01-01T00:00:00Z", day: Day(number: 0), user: "t", source: "test",
                                      statement: "add unit Westshire", changes: ["added unit Westshire"], ids: []))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path), "the stale temporary is removed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: unrelated.path), "another workspace's file is left alone")
        XCTAssertEqual(try WorkspaceFile(path: path).open().units.count, 1)
    }
}
