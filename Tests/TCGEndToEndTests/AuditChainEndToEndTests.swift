import Foundation
import TCGTestSupport
import XCTest

/// The tcg binary and the audit chain of format version 3: verify, verify --head, a tampered
/// workspace opened read-only, verify --accept, and a version-2 workspace migrated on open
/// (Fixtures/migration/workspace-v2.json and its journal, written by tcg at 299b51b). On both
/// stores (StoreUnderTest), but for the version-2 file's migration and its edits by hand.
final class AuditChainEndToEndTests: XCTestCase {
    private func fixture(_ name: String) throws -> Data {
        let url = TcgProcess.packageRoot.appendingPathComponent("Tests/TCGEndToEndTests/Fixtures/migration/\(name)")
        return Data(try XCTUnwrap(ChildProcess.bytes(url), "missing \(url.path)"))
    }

    /// A folder holding the version-2 fixture as `w.json` (and its journal).
    private func folderWithV2() throws -> URL {
        let folder = try TcgProcess.temporaryFolder()
        XCTAssertTrue(FileManager.default.createFile(atPath: folder.appendingPathComponent("w.json").path, contents: try fixture("workspace-v2.json")))
        XCTAssertTrue(FileManager.default.createFile(atPath: folder.appendingPathComponent("w.json.journal").path,
                                                     contents: try fixture("workspace-v2.json.journal")))
        return folder
    }

    private func tcg(_ arguments: [String], in folder: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let run = try TcgProcess.run(["--workspace", "w.json", "--user", "ann", "--today", "2027-01-06"] + arguments, in: folder)
        return (run.status, run.stdout, run.stderr)
    }

    func testAVersion2WorkspaceMigratesAndVerifies() throws {
        try StoreUnderTest.fileOnly("a workspace file of format version 2 migrated on open")
        let folder = try folderWithV2()
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = try tcg(["-c", "count decisions"], in: folder)
        XCTAssertEqual(count.status, 0, count.stderr)
        XCTAssertEqual(count.stdout, "1\n")
        XCTAssertEqual(count.stderr, "tcg: migrated w.json from format version 2 to 3; the original is kept as w.json.v2.bak\n")
        XCTAssertEqual(ChildProcess.bytes(folder.appendingPathComponent("w.json.v2.bak")).map { Data($0) }, try fixture("workspace-v2.json"))
        let verify = try tcg(["verify"], in: folder)
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.hasPrefix("w.json: the audit trail is intact: 8 entries, head #8 "), verify.stdout)
        XCTAssertTrue(verify.stdout.contains("records match the entries that last changed them"), verify.stdout)
    }

    func testTamperingIsFoundAndTheWorkspaceIsReadOnlyUntilAccepted() throws {
        try StoreUnderTest.fileOnly("the version-2 file edited by hand (PostgresEndToEndTests edits a database's row)")
        let folder = try folderWithV2()
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(try tcg(["-c", "count people"], in: folder).status, 0)
        let intact = try tcg(["verify"], in: folder)
        XCTAssertEqual(intact.status, 0, intact.stderr)
        let head = String(try XCTUnwrap(intact.stdout.split(separator: " ").first { $0.count == 65 || $0.count == 64 }).prefix(64))

        // Declassify D-1 by hand.
        try TestWorkspace(name: "w.json", database: nil).tamper(",\"marking\":\"OFFICIAL-SENSITIVE\"", "", table: "decisions", in: folder)
        let broken = try tcg(["verify"], in: folder)
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("w.json: error: record D-1 does not match audit entry 8, the last that changed it"), broken.stderr)

        // The head written down before still proves everything up to it.
        let anchored = try tcg(["verify", "--head", String(head)], in: folder)
        XCTAssertTrue(anchored.stdout.hasPrefix("w.json: entry #8 has hash \(head)"), "\(head) \(anchored.stdout)")
        XCTAssertTrue(anchored.stdout.contains(": nothing up to it has changed since"), anchored.stdout)
        XCTAssertEqual(anchored.status, 1, "the records after it do not check out")

        // Read-only: queries work, changes are refused naming the entry.
        XCTAssertEqual(try tcg(["-c", "count decisions"], in: folder).stdout, "1\n")
        let refused = try tcg(["-c", "add person \"Bob Quinn\" unit Northshire"], in: folder)
        XCTAssertEqual(refused.status, 3)
        XCTAssertTrue(refused.stderr.contains("the audit trail is broken at entry 8: record D-1"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("tcg verify --accept"), refused.stderr)

        let accept = try tcg(["verify", "--accept"], in: folder)
        XCTAssertEqual(accept.status, 0, accept.stderr)
        XCTAssertTrue(accept.stdout.contains("w.json: entry 9 by ann accepts 1 break"), accept.stdout)
        let added = try tcg(["-c", "add person \"Bob Quinn\" unit Northshire"], in: folder)
        XCTAssertEqual(added.status, 0, added.stderr)
        let after = try tcg(["verify"], in: folder)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertTrue(after.stdout.contains("intact: 10 entries"), after.stdout)
    }

    func testAnUnknownHeadIsRefused() throws {
        let folder = try folderWithV2(), workspace = try StoreUnderTest.workspace("w.json")
        defer {
            try? FileManager.default.removeItem(at: folder)
            workspace.remove()
        }
        if workspace.database != nil {
            XCTAssertEqual(try tcg(["-c", "count people"], in: folder).status, 0, "migrated to version 3, to be copied")
            XCTAssertNil(try workspace.take("w.json", in: folder))
        }
        let run = try TcgProcess.run(["--workspace", try workspace.path(), "verify", "--head", String(repeating: "ab", count: 32)], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("no audit entry has the hash"), run.stderr)
    }

    func testTheMinutesPrintAHeadThatVerifyProves() throws {
        let folder = try TcgProcess.temporaryFolder(), workspace = try StoreUnderTest.workspace("w.json")
        defer {
            try? FileManager.default.removeItem(at: folder)
            workspace.remove()
        }
        func run(_ args: [String], stdin: String? = nil) throws -> TcgProcess.Result {
            try TcgProcess.run(["--workspace", try workspace.path(), "--today", "2027-03-10"] + args, stdin: stdin, in: folder)
        }
        XCTAssertEqual(try run([], stdin: TcgProcess.smallCycle).status, 0)
        let minutes = try run(["-c", "minutes M-2"])
        let line = try XCTUnwrap(minutes.stdout.split(separator: "\n").first { $0.contains("audit_head:") }, minutes.stdout)
        let words = line.split(separator: " ")
        let hash = String(try XCTUnwrap(words.last))
        XCTAssertEqual(hash.count, 64, String(line))
        let json = try run(["--format", "json", "-c", "agenda M-2"])
        XCTAssertTrue(json.stdout.contains("\"audit_head\":\"\(words[words.count - 2]) \(hash)\""), json.stdout)

        // Later business does not disturb the anchor; a record changed by hand before it is found.
        XCTAssertEqual(try run(["-c", "add person \"Ola Reyes\" unit East"]).status, 0)
        let proved = try run(["verify", "--head", hash])
        XCTAssertEqual(proved.status, 0, proved.stderr)
        XCTAssertTrue(proved.stdout.contains(": nothing up to it has changed since"), proved.stdout)
        _ = try run(["-c", "count units"])
        try workspace.tamper("\"title\":\"Patrols\"", "\"title\":\"Nothing\"", table: "actions", in: folder)
        let after = try run(["verify", "--head", hash])
        XCTAssertEqual(after.status, 1, after.stdout)
        XCTAssertTrue(after.stderr.contains("record A-1 does not match"), after.stderr)
    }

    func testTheDemoRegisterVerifiesWithEveryRecordSealed() throws {
        let folder = try TcgProcess.temporaryFolder(), workspace = try StoreUnderTest.workspace("d.json")
        defer {
            try? FileManager.default.removeItem(at: folder)
            workspace.remove()
        }
        XCTAssertEqual(try TcgProcess.run(["demo", "d.json"], in: folder).status, 0)
        XCTAssertNil(try workspace.take("d.json", in: folder))
        let verify = try TcgProcess.run(["--workspace", try workspace.path(), "verify"], in: folder)
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.contains("the audit trail is intact"), verify.stdout)
        XCTAssertEqual(verify.stderr, "")
    }
}
