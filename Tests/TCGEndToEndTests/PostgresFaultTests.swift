import Foundation
import TCGPostgres
import TCGTestSupport
import XCTest

/// Faults of the server (issue 14, item 8): the real server killed while tcg runs a script,
/// started again; and the errors for a refused connection, a wrong password and an unknown
/// database. Each test runs a server of its own (scripts/lib/pg.sh), which it may kill, so
/// the shared one (`TCG_TEST_PG`) is never disturbed; skipped when there is no shared one
/// (no PostgreSQL here).
final class PostgresFaultTests: FolderTestCase {
    /// A server of the test's own: `tcg_pg_start` in scripts/lib/pg.sh, in its own folder.
    struct OwnServer {
        let folder: String

        /// Runs `commands` in bash after sourcing pg.sh, with `TCG_PG_DIR` set to this server's folder.
        static func bash(_ commands: String, folder: String? = nil) throws -> ChildProcess.Run {
            let pg = TcgProcess.packageRoot.appendingPathComponent("scripts/lib/pg.sh").path
            var environment = ProcessInfo.processInfo.environment
            if let folder { environment["TCG_PG_DIR"] = folder }
            return try ChildProcess.run("/bin/bash", ["-c", ". '\(pg)' && \(commands)"], environment: environment, timeout: 120)
        }

        static func start() throws -> OwnServer {
            guard TestDatabase.server != nil else { throw XCTSkip(TestDatabase.skipReason) }
            let started = try bash(#"tcg_pg_start 2>/dev/null && printf %s "$TCG_PG_DIR""#)
            let folder = String(decoding: started.stdout, as: UTF8.self)
            guard started.status == 0, !folder.isEmpty else { throw XCTSkip("cannot start a server of the test's own: \(started.stderr)") }
            return OwnServer(folder: folder)
        }

        /// `database`'s URL, for `user` (tcg, a superuser, by default), with an optional password.
        func url(_ database: String, user: String = "tcg", password: String? = nil) -> String {
            "postgresql://\(user)\(password.map { ":" + $0 } ?? "")@/\(database)?host=\(folder)&connect_timeout=5"
        }

        /// Kills the server as a crash would: every process at once, no shutdown checkpoint.
        func kill() throws {
            let killed = try Self.bash(#"tcg_pg_as_owner "$(tcg_pg_bindir)/pg_ctl" -D "$TCG_PG_DIR/data" -m immediate stop"#, folder: folder)
            XCTAssertEqual(killed.status, 0, killed.stderr)
        }

        func restart() throws {
            let restarted = try Self.bash("tcg_pg_restart", folder: folder)
            XCTAssertEqual(restarted.status, 0, restarted.stderr)
        }

        func stop() { _ = try? Self.bash("tcg_pg_stop", folder: folder) }
    }

    func testTheServerKilledMidScriptIsExitThreeAppliesNothingAndTheNextStatementWorks() throws {
        let server = try OwnServer.start()
        defer { server.stop() }
        try PGConnection(PGAddress(server.url("postgres"))).exec("CREATE DATABASE fault")
        let url = server.url("fault")
        XCTAssertEqual(try tcg(["db", "init", url]).status, 0)
        XCTAssertEqual(try tcg(["--workspace", url, "-c", "add unit Westshire kind force"]).status, 0)
        // Long enough that it is still running when the server dies.
        try write("long.tcg", (1...40_000).map { "add person \"Person \($0)\" unit Westshire\n" }.joined())
        let script = try Reliability.start(["--workspace", url, "run", "long.tcg"], in: folder)
        // Wait until its transaction is open (the head row locked, statements running), then kill the server.
        let watcher = try PGConnection(PGAddress(server.url("postgres")))
        var open = false
        for _ in 0..<600 where !open {
            let found = try watcher.exec("SELECT count(*) FROM pg_stat_activity WHERE datname = 'fault' AND xact_start IS NOT NULL")
            open = found.scalar != "0"
            if !open { usleep(20_000) }
        }
        XCTAssertTrue(open, "the script's transaction never began")
        try server.kill()
        let run = script.wait(timeout: 120)
        XCTAssertEqual(run.status, 3, "expected exit 3 (store error): \(run.stderr)")
        XCTAssertTrue(run.stderr.contains(url), run.stderr)
        try server.restart()
        // Nothing of the script is in the database: no person, the head as the first statement left it.
        let db = try PGConnection(PGAddress(url))
        XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.people").scalar, "0")
        XCTAssertEqual(try db.exec("SELECT version FROM tcg.register_head").scalar, "1")
        XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.audit").scalar, "1")
        // The next statement connects to the restarted server and is saved; the chain holds.
        let next = try tcg(["--workspace", url, "-c", "add person \"Meg Lowe\" unit Westshire"])
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(try tcg(["--workspace", url, "-c", "count people"]).stdout, "1\n")
        let verified = try tcg(["verify", "--workspace", url])
        XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)
    }

    func testRefusedWrongPasswordAndUnknownDatabaseAreOneClearErrorWithoutThePassword() throws {
        let server = try OwnServer.start()
        defer { server.stop() }
        // A role that must give its password (the test server trusts everyone else).
        let admin = try PGConnection(PGAddress(server.url("postgres")))
        try admin.exec("CREATE ROLE ann LOGIN PASSWORD 'right-one'")
        let hba = try OwnServer.bash(#"f="$TCG_PG_DIR/data/pg_hba.conf"; { echo "local all ann scram-sha-256"; cat "$f"; } > "$f.new" && cat "$f.new" > "$f" && "#
                                     + #"tcg_pg_as_owner "$(tcg_pg_bindir)/pg_ctl" -D "$TCG_PG_DIR/data" reload >/dev/null"#, folder: server.folder)
        XCTAssertEqual(hba.status, 0, hba.stderr)
        usleep(300_000)
        let cases: [(url: String, shown: String, says: String)] = [
            (server.url("postgres", user: "ann", password: "wrong-one"), server.url("postgres", user: "ann"), "password authentication failed"),
            (server.url("nosuchdb", password: "s3cret"), server.url("nosuchdb"), #"database "nosuchdb" does not exist"#),
        ]
        for (url, shown, says) in cases {
            for args in [["--workspace", url, "-c", "count people"], ["db", "init", url], ["copy", url, "out.json"]] {
                let run = try tcg(args)
                XCTAssertEqual(run.status, 3, "\(args): \(run.stderr)")
                XCTAssertTrue(run.stderr.contains(shown), "\(args): \(run.stderr)")
                XCTAssertTrue(run.stderr.contains(says), "\(args): \(run.stderr)")
                XCTAssertFalse((run.stdout + run.stderr).contains("wrong-one") || (run.stdout + run.stderr).contains("s3cret"), run.stderr)
                XCTAssertEqual(run.stderr.split(separator: "\n").filter { $0.contains("error") }.count, 1, "one error: \(run.stderr)")
            }
        }
        // Refused: the server is down (its socket folder is there, nobody listens).
        try server.kill()
        let refused = try tcg(["--workspace", server.url("postgres", password: "s3cret"), "-c", "count people"])
        XCTAssertEqual(refused.status, 3, refused.stderr)
        XCTAssertTrue(refused.stderr.contains(server.url("postgres")), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("cannot connect"), refused.stderr)
        XCTAssertFalse(refused.stderr.contains("s3cret"), refused.stderr)
    }
}
