import Foundation
import TCGTestSupport
import XCTest

/// The tcg binary on the committed version-1 workspace (Fixtures/migration/workspace-v1.json,
/// written by tcg at c365f08): it migrates it to version 3 on open, keeping the original.
final class MigrationTests: XCTestCase {
    /// The committed version-1 workspace's bytes.
    private func fixture() throws -> [UInt8] {
        let url = TcgProcess.packageRoot.appendingPathComponent("Tests/TCGEndToEndTests/Fixtures/migration/workspace-v1.json")
        return try XCTUnwrap(ChildProcess.bytes(url), "missing \(url.path)")
    }

    /// A fresh folder holding the fixture as `w.json`.
    private func folderWithFixture() throws -> (folder: URL, original: [UInt8]) {
        let folder = try TcgProcess.temporaryFolder()
        let original = try fixture()
        XCTAssertTrue(FileManager.default.createFile(atPath: folder.appendingPathComponent("w.json").path, contents: Data(original)))
        return (folder, original)
    }

    private func listing(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    private func bytes(_ folder: URL, _ name: String) -> [UInt8]? {
        ChildProcess.bytes(folder.appendingPathComponent(name))
    }

    func testTheFirstCommandMigratesAndSaysSo() throws {
        let (folder, original) = try folderWithFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = try TcgProcess.run(["--workspace", "w.json", "-c", "count people"], in: folder)
        XCTAssertEqual(count.status, 0, count.stderr)
        XCTAssertEqual(count.stdout, "9\n")
        XCTAssertEqual(count.stderr, "tcg: migrated w.json from format version 1 to 3; the original is kept as w.json.v1.bak\n")
        XCTAssertEqual(bytes(folder, "w.json.v1.bak"), original)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("w.json.v1.bak").path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertTrue(String(decoding: bytes(folder, "w.json") ?? [], as: UTF8.self).hasPrefix("{\n\"format\": \"tcg-workspace\",\n\"version\": 3,\n"))

        let verify = try TcgProcess.run(["--workspace", "w.json", "verify"], in: folder)
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.hasPrefix("w.json: the audit trail is intact: 70 entries, head #70 "), verify.stdout)
        XCTAssertEqual(verify.stderr, "")

        let migrated = bytes(folder, "w.json")
        let again = try TcgProcess.run(["--workspace", "w.json", "-c", "count actions"], in: folder)
        XCTAssertEqual(again.stdout, "3\n")
        XCTAssertEqual(again.stderr, "", "a second run does not migrate again")
        XCTAssertEqual(bytes(folder, "w.json"), migrated)
        XCTAssertEqual(try listing(folder), ["w.json", "w.json.head", "w.json.lock", "w.json.v1.bak"])

        let history = try TcgProcess.run(["--workspace", "w.json", "--user", "ann", "--format", "json", "-c", "history"], in: folder)
        XCTAssertTrue(history.stdout.contains("\"source\":\"migration\""), history.stdout)
    }

    func testAChangeMigratesFirst() throws {
        let (folder, original) = try folderWithFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let add = try TcgProcess.run(["--workspace", "w.json", "--user", "ann", "-c", "add unit Northshire kind force"], in: folder)
        XCTAssertEqual(add.status, 0, add.stderr)
        XCTAssertTrue(add.stderr.hasPrefix("tcg: migrated w.json from format version 1 to 3"), add.stderr)
        XCTAssertEqual(bytes(folder, "w.json.v1.bak"), original)
        let verify = try TcgProcess.run(["--workspace", "w.json", "verify"], in: folder)
        XCTAssertTrue(verify.stdout.hasPrefix("w.json: the audit trail is intact: 71 entries, head #71 "), verify.stdout + verify.stderr)
    }

    func testADryRunDoesNotMigrate() throws {
        let (folder, original) = try folderWithFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try TcgProcess.run(["--workspace", "w.json", "--dry-run", "-c", "add unit Northshire kind force; count units"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "added unit Northshire (force)\n3\n")
        XCTAssertFalse(run.stderr.contains("migrated"), run.stderr)
        XCTAssertEqual(bytes(folder, "w.json"), original)
        XCTAssertFalse(try listing(folder).contains { $0.contains(".bak") })
    }

    func testANewerVersionIsRefusedUnchanged() throws {
        let folder = try TcgProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = String(decoding: try fixture(), as: UTF8.self).replacingOccurrences(of: "\"version\": 1,", with: "\"version\": 4,")
        XCTAssertTrue(FileManager.default.createFile(atPath: folder.appendingPathComponent("w.json").path, contents: Data(text.utf8)))
        for arguments in [["-c", "count people"], ["-c", "add unit Northshire kind force"], ["verify"]] {
            let run = try TcgProcess.run(["--workspace", "w.json"] + arguments, in: folder)
            XCTAssertEqual(run.status, 3, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stderr.hasPrefix("w.json: error: was written by a newer tcg (format version 4); this tcg reads versions 1 to 3\n"),
                          "\(arguments): \(run.stderr)")
        }
        XCTAssertEqual(bytes(folder, "w.json"), Array(text.utf8))
        XCTAssertFalse(try listing(folder).contains { $0.contains(".bak") })
    }

    /// In a folder tcg cannot write, a query reads the version-1 file as it is and a change is
    /// refused (exit 3, naming the file); nothing is changed. As root (who may write anywhere)
    /// tcg runs as `nobody` through setpriv.
    func testAReadOnlyFolderStillAnswersAndIsLeftAlone() throws {
        let (folder, original) = try folderWithFixture()
        defer {
            _ = chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        var prefix: [String] = []
        var executable = TcgProcess.binary
        if geteuid() == 0 {
            let setpriv = try XCTUnwrap(ChildProcess.tool("setpriv"), "running as root needs setpriv to drop to nobody")
            XCTAssertEqual(chown(folder.path, 65534, 65534), 0)
            XCTAssertEqual(chown(folder.appendingPathComponent("w.json").path, 65534, 65534), 0)
            prefix = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", TcgProcess.binary.path]
            executable = setpriv
        }
        XCTAssertEqual(chmod(folder.path, 0o555), 0)
        let before = try listing(folder)
        func tcg(_ arguments: [String]) throws -> ChildProcess.Run {
            let run = try ChildProcess.run(executable.path, prefix + ["--workspace", "w.json"] + arguments, in: folder,
                                           environment: ["PATH": "/usr/bin:/bin", "USER": "tester"], timeout: 60)
            XCTAssertFalse(run.timedOut)
            return run
        }
        let count = try tcg(["-c", "count people"])
        XCTAssertEqual(count.status, 0, count.stderr)
        XCTAssertEqual(count.output, "9\n")
        XCTAssertEqual(count.stderr, "")
        let verify = try tcg(["verify"])
        XCTAssertTrue(verify.output.hasPrefix("w.json: the audit trail is intact: 69 entries, head #69 "), verify.output + verify.stderr)
        let add = try tcg(["-c", "add unit Northshire kind force"])
        XCTAssertEqual(add.status, 3, add.stderr)
        XCTAssertTrue(add.stderr.hasPrefix("w.json: error: cannot lock the workspace: cannot create w.json.lock: "), add.stderr)
        XCTAssertEqual(bytes(folder, "w.json"), original, "left byte for byte as it was")
        XCTAssertEqual(try listing(folder), before)
    }
}
