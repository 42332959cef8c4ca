import Foundation
import TCGPostgres
import TCGTestSupport
import XCTest

/// One behaviour, two stores: every golden script (GoldenTests) run against a fresh PostgreSQL
/// register instead of a workspace file must print what it prints on a file, byte for byte
/// (with the workspace's name, where a message gives it, read as the URL), and leave the same
/// register: copied out (`tcg copy`), it is the workspace file byte for byte, and `verify`
/// holds. Skipped, saying so, without a test server.
final class PostgresGoldenTests: XCTestCase {
    func testEveryGoldenScriptGivesTheSameOutputOnPostgreSQL() throws {
        guard let server = TestDatabase.server, let template = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        _ = try PGSchema.migrate(PGConnection(PGAddress(template)))
        let admin = try PGConnection(PGAddress(server))
        let files = try FileManager.default.contentsOfDirectory(atPath: GoldenTests.folder.path).filter { $0.hasSuffix(".tcg") }.sorted()
        var differing: [String] = []
        for (n, file) in files.enumerated() {
            let name = "\(TestDatabase.name(of: template))_g\(n)"
            try admin.exec("CREATE DATABASE \(name) TEMPLATE \(TestDatabase.name(of: template))")
            // The audit trail names the database role: the one the script names with --user, else the tests' login name.
            let url = try TestDatabase.login(GoldenTests.user(of: file) ?? "tester", in: ["tcg_manager", "tcg_sensitive"],
                                             at: TestDatabase.url(server, database: name))
            if let difference = try sameRegister(file, url: url) { differing.append("\(file): \(difference)") }
            try admin.exec("DROP DATABASE \(name)")
        }
        XCTAssertEqual(differing, [], "\(differing.count) goldens differ on PostgreSQL:\n" + differing.joined(separator: "\n"))
    }

    /// Runs `file` on a workspace file and on `url`; how their outputs differ, or how the
    /// register left in the database, copied out, differs from the file the other run left.
    func sameRegister(_ file: String, url: String) throws -> String? {
        let onFile = try TcgProcess.temporaryFolder(), onDatabase = try TcgProcess.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: onFile)
            try? FileManager.default.removeItem(at: onDatabase)
        }
        _ = try GoldenTests.run(file, workspace: "ws.json", in: onFile)
        if let difference = try GoldenTests.difference(file, workspace: url, in: onDatabase) { return difference }
        let saved = onFile.appendingPathComponent("ws.json")
        guard FileManager.default.fileExists(atPath: saved.path) else { return nil }
        let copied = try TcgProcess.run(["copy", url, "back.json"], in: onDatabase)
        guard copied.status == 0 else { return "copy out: \(copied.stderr)" }
        let file = try Data(contentsOf: saved), back = try Data(contentsOf: onDatabase.appendingPathComponent("back.json"))
        if file != back {
            return "the register copied out of PostgreSQL differs from the workspace file: "
                + GoldenTests.firstDifference(String(decoding: back, as: UTF8.self), String(decoding: file, as: UTF8.self))
        }
        let verified = try TcgProcess.run(["verify", "--workspace", url], in: onDatabase)
        return verified.status == 0 ? nil : "verify: \(verified.stdout)\(verified.stderr)"
    }
}
