import Foundation
import TCGPostgres
import TCGTestSupport
import XCTest

/// The tcg binary against PostgreSQL (docs/postgresql.md): `db init`, `copy` both ways, verify,
/// statements by URL, errors and concurrent writers. Tests that need the server skip, saying
/// so, when `TCG_TEST_PG` is unset (scripts/test sets it).
final class PostgresEndToEndTests: FolderTestCase {
    /// A new database with the schema (`tcg db init`), or a skip.
    func initialisedDatabase() throws -> String {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        let initialised = try tcg(["db", "init", url])
        XCTAssertEqual(initialised.status, 0, initialised.stderr)
        XCTAssertTrue(initialised.stdout.contains("applied migration 1"), initialised.stdout)
        return url
    }

    func testDemoCopiedIntoPostgresAndBackIsByteIdenticalAndVerifies() throws {
        let url = try initialisedDatabase()
        XCTAssertEqual(try tcg(["demo", "demo.json"]).status, 0)
        let into = try tcg(["copy", "demo.json", url])
        XCTAssertEqual(into.status, 0, into.stderr)
        let back = try tcg(["copy", url, "back.json"])
        XCTAssertEqual(back.status, 0, back.stderr)
        let original = try Data(contentsOf: folder.appendingPathComponent("demo.json"))
        let copied = try Data(contentsOf: folder.appendingPathComponent("back.json"))
        XCTAssertEqual(original.count, copied.count)
        XCTAssertTrue(original == copied, "demo.json → PostgreSQL → back.json changed the file")
        let onFile = try tcg(["verify", "--workspace", "demo.json"])
        let onDatabase = try tcg(["verify", "--workspace", url])
        XCTAssertEqual(onDatabase.status, 0, onDatabase.stderr)
        XCTAssertEqual(onDatabase.stdout.replacingOccurrences(of: url, with: "W"), onFile.stdout.replacingOccurrences(of: "demo.json", with: "W"))
        XCTAssertTrue(onDatabase.stdout.contains("the audit trail is intact"), onDatabase.stdout)
    }

    func testCopyNeverWritesOverARegister() throws {
        let url = try initialisedDatabase()
        let empty = try tcg(["copy", url, "empty.json"])
        XCTAssertEqual(empty.status, 3)
        XCTAssertTrue(empty.stderr.contains("holds no register yet"), empty.stderr)
        XCTAssertEqual(try tcg(["-c", TcgProcess.smallCycle, "--workspace", "a.json"]).status, 0)
        XCTAssertEqual(try tcg(["copy", "a.json", url]).status, 0)
        let again = try tcg(["copy", "a.json", url])
        XCTAssertEqual(again.status, 3)
        XCTAssertTrue(again.stderr.contains("already holds a register"), again.stderr)
        XCTAssertEqual(try tcg(["copy", url, "b.json"]).status, 0)
        let over = try tcg(["copy", url, "b.json"])
        XCTAssertEqual(over.status, 3)
        XCTAssertTrue(over.stderr.contains("already exists"), over.stderr)
        let missing = try tcg(["copy", "nothing.json", "c.json"])
        XCTAssertEqual(missing.status, 3)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("c.json").path))
    }

    func testStatementsRunAgainstAURLAndAFailedScriptSavesNothing() throws {
        let url = try initialisedDatabase()
        let built = try tcg(["-c", TcgProcess.smallCycle], env: ["TCG_WORKSPACE": url])
        XCTAssertEqual(built.status, 0, built.stderr)
        let outstanding = try tcg(["--workspace", url, "-c", "outstanding actions"])
        XCTAssertTrue(outstanding.stdout.contains("Patrols"), outstanding.stdout)
        let failed = try tcg(["--workspace", url, "-c", "add person \"Ann Other\" unit East\nadd person \"Ann Other\" unit East"])
        XCTAssertEqual(failed.status, 1, failed.stderr)
        let people = try tcg(["--workspace", url, "-c", "list people", "--format", "csv"])
        XCTAssertFalse(people.stdout.contains("Ann Other"), "the first statement of a failed script was saved: \(people.stdout)")
        let verified = try tcg(["verify", "--workspace", url])
        XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)
    }

    func testAnUninitialisedDatabaseIsRefusedWithAdvice() throws {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        let run = try tcg(["--workspace", url, "-c", "list people"])
        XCTAssertEqual(run.status, 3)
        XCTAssertTrue(run.stderr.contains("run tcg db init"), run.stderr)
    }

    func testAnUnreachableServerIsExitThreeNamingTheURLWithoutItsPassword() throws {
        let url = "postgresql://ann:s3cret@/tcg?host=/nonexistent-tcg-socket&connect_timeout=2"
        for args in [["--workspace", url, "-c", "list people"], ["db", "init", url], ["copy", url, "out.json"]] {
            let run = try tcg(args)
            XCTAssertEqual(run.status, 3, "\(args): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("postgresql://ann@/tcg?host=/nonexistent-tcg-socket"), run.stderr)
            XCTAssertFalse((run.stdout + run.stderr).contains("s3cret"), run.stderr)
        }
    }

    func testConcurrentWritersLoseNoChangeAndReuseNoId() throws {
        let url = try initialisedDatabase()
        XCTAssertEqual(try tcg(["--workspace", url, "-c", "add unit Westshire kind force"]).status, 0)
        let writers = 4, each = 10
        var children: [ChildProcess] = []
        for w in 1...writers {
            // Each statement commits on its own (--interactive), so the writers interleave.
            let statements = (1...each).map { "add person \"Writer \(w) number \($0)\" unit Westshire\n" }.joined()
            children.append(try Reliability.start(["--workspace", url, "--interactive"], stdin: Array(statements.utf8), in: folder))
        }
        for child in children {
            let run = child.wait(timeout: 120)
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        let listed = try tcg(["--workspace", url, "-c", "list people", "--format", "csv"])
        let ids = listed.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }
        XCTAssertEqual(ids.count, writers * each, listed.stdout)
        XCTAssertEqual(Set(ids).count, writers * each, "an id was used twice")
        XCTAssertEqual(Set(ids), Set((1...(writers * each)).map { "PE-\($0)" }))
        XCTAssertEqual(try tcg(["verify", "--workspace", url]).status, 0)
    }

    func testThePromptSaysWhatOthersChangedSinceTheLastStatement() throws {
        let url = try initialisedDatabase()
        XCTAssertEqual(try tcg(["--workspace", url, "-c", "add unit Westshire kind force"]).status, 0)
        for workspace in [url, "w.json"] {
            if workspace == "w.json" { XCTAssertEqual(try tcg(["--workspace", workspace, "-c", "add unit Westshire kind force"]).status, 0) }
            let notes = try othersChanges(workspace: workspace)
            XCTAssertTrue(notes.contains("note: 2 changes by ann since your last statement"), "\(workspace): \(notes)")
            XCTAssertEqual(notes.components(separatedBy: "note:").count, 2, "\(workspace): said once, and not for its own change: \(notes)")
        }
    }

    /// Runs a prompt session (`--interactive`, fed through a FIFO) that adds a person, waits
    /// while `ann` adds two in another process, then adds another; returns its stderr.
    func othersChanges(workspace: String) throws -> String {
        let fifo = folder.appendingPathComponent("prompt-\(UInt32.random(in: 0...UInt32.max))").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let command = "exec '\(TcgProcess.binary.path)' --workspace '\(workspace)' --interactive < '\(fifo)'"
        let prompt = try Reliability.start(["-c", command], executable: URL(fileURLWithPath: "/bin/sh"), in: folder)
        guard let input = FileHandle(forWritingAtPath: fifo) else { throw POSIXError(.EIO) }
        input.write(Data("add person \"Mine One\" unit Westshire\n".utf8))
        // Its first statement has committed once its id is printed.
        let out = prompt.scratch.appendingPathComponent("out")
        let deadline = Date().addingTimeInterval(30)
        while !((try? String(contentsOf: out, encoding: .utf8)) ?? "").contains("PE-"), Date() < deadline { usleep(10_000) }
        // Against PostgreSQL the audit trail names the database role: ann connects as ann.
        let ann = workspace.hasPrefix("postgres") ? ["--workspace", try TestDatabase.login("ann", in: ["tcg_tasker"], at: workspace)]
            : ["--workspace", workspace, "--user", "ann"]
        for name in ["Ann One", "Ann Two"] {
            let added = try tcg(ann + ["-c", "add person \"\(name)\" unit Westshire"])
            XCTAssertEqual(added.status, 0, added.stderr)
        }
        input.write(Data("add person \"Mine Two\" unit Westshire\ncount people\n".utf8))
        input.closeFile()
        let run = prompt.wait(timeout: 60)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.output.contains("\n4\n"), run.output)
        return run.stderr
    }

    func testRolesDecideWhoMayChangeTheRegisterAndNoneMayRewriteTheAuditTrail() throws {
        let url = try initialisedDatabase()
        guard let server = TestDatabase.server else { throw XCTSkip(TestDatabase.skipReason) }
        let suffix = UInt32.random(in: 0...UInt32.max)
        let admin = try PGConnection(PGAddress(url))
        try admin.exec("CREATE ROLE manager_\(suffix) LOGIN IN ROLE tcg_manager")
        try admin.exec("CREATE ROLE tasker_\(suffix) LOGIN IN ROLE tcg_tasker")
        try admin.exec("CREATE ROLE reader_\(suffix) LOGIN IN ROLE tcg_reader")
        let database = TestDatabase.name(of: url)
        let manager = TestDatabase.url(server, database: database, user: "manager_\(suffix)")
        let tasker = TestDatabase.url(server, database: database, user: "tasker_\(suffix)")
        let reader = TestDatabase.url(server, database: database, user: "reader_\(suffix)")
        let built = try tcg(["--workspace", manager, "-c", TcgProcess.smallCycle])
        XCTAssertEqual(built.status, 0, built.stderr)
        let business = try tcg(["--workspace", tasker, "-c", "open M-2\nadd action enforcement \"Visits\" to DP-1 owner \"Sgt Bea Cole\" due 2027-03-20"])
        XCTAssertEqual(business.status, 0, business.stderr)
        let read = try tcg(["--workspace", reader, "-c", "outstanding actions"])
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertTrue(read.stdout.contains("Patrols") && read.stdout.contains("Visits"), read.stdout)
        let refused = try tcg(["--workspace", reader, "-c", "add person \"Rita Reader\" unit East"])
        XCTAssertEqual(refused.status, 3, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("role reader_\(suffix) may only read this register: changing it needs tcg_tasker"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("your database role may not do this"), refused.stderr)
        for role in [manager, tasker, reader, url] {
            let db = try PGConnection(PGAddress(role))
            for sql in ["UPDATE tcg.audit SET hash = hash", "DELETE FROM tcg.audit WHERE seq = 1"] {
                XCTAssertThrowsError(try db.exec(sql), "\(role): \(sql)") { XCTAssertEqual(($0 as? PGError)?.sqlState, "42501", "\($0)") }
            }
        }
        XCTAssertEqual(try tcg(["verify", "--workspace", reader]).status, 0)
    }

    func testARecordEditedInTheDatabaseIsFoundAndMustBeAcceptedBeforeTheNextChange() throws {
        let url = try initialisedDatabase()
        XCTAssertEqual(try tcg(["--workspace", url, "-c", TcgProcess.smallCycle]).status, 0)
        try PGConnection(PGAddress(url)).exec(#"UPDATE tcg.actions SET doc = replace(doc, '"Patrols"', '"Patrol"') WHERE id = 'A-1'"#)
        let refused = try tcg(["--workspace", url, "-c", "add person \"Kim Ng\" unit East"])
        XCTAssertEqual(refused.status, 3, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("the audit trail is broken at entry"), refused.stderr)
        let verified = try tcg(["verify", "--workspace", url])
        XCTAssertEqual(verified.status, 1)
        XCTAssertTrue(verified.stderr.contains("A-1"), verified.stderr)
        let accepted = try tcg(["verify", "--accept", "--workspace", url])
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        XCTAssertTrue(accepted.stdout.contains("accepts 1 break"), accepted.stdout)
        XCTAssertEqual(try tcg(["--workspace", url, "-c", "add person \"Kim Ng\" unit East"]).status, 0)
        let again = try tcg(["verify", "--workspace", url])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("the audit trail is intact"), again.stdout)
    }

    func testTheSpecExampleRunsWithEveryAssertHoldingOnPostgreSQL() throws {
        let url = try initialisedDatabase()
        let spec = try Reliability.specExample()
        let r = try tcg(["--workspace", url, "--today", "2027-03-20", "run", spec.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try tcg(["--workspace", url, "--today", "2027-03-20", "-c", "count actions where overdue"]).stdout, "1\n")
        let onFile = try tcg(["--workspace", "spec.json", "--today", "2027-03-20", "run", spec.path])
        XCTAssertEqual(onFile.stdout, r.stdout)
        XCTAssertEqual(try tcg(["verify", "--workspace", url]).status, 0)
    }

    func testReportingViewsNamePeopleBesideIdsAndAreReadOnly() throws {
        let url = try initialisedDatabase()
        XCTAssertEqual(try tcg(["--workspace", url, "-c", TcgProcess.smallCycle]).status, 0)
        let db = try PGConnection(PGAddress(url))
        XCTAssertEqual(try db.exec("SELECT id, title, owner_name, plan, unit, due::text FROM tcg.action_list").rows,
                       [["A-1", "Patrols", "Sgt Bea Cole", "DP-1", "East", "2027-03-15"]])
        XCTAssertEqual(try db.exec("SELECT id, actions::text FROM tcg.plan_list").rows, [["DP-1", "1"]])
        XCTAssertEqual(try db.exec("SELECT id, kind, chair_name FROM tcg.meeting_list ORDER BY number").rows.map { $0[0] }, ["M-1", "M-2"])
        let audit = try db.exec("SELECT count(*) FROM tcg.audit_trail").scalar
        XCTAssertEqual(audit, try db.exec("SELECT count(*) FROM tcg.audit").scalar)
        XCTAssertEqual(try db.exec("SELECT ids FROM tcg.audit_trail WHERE seq = 1").scalar, "")
        for view in ["action_list", "commission_list", "requirement_list", "plan_list", "meeting_list", "audit_trail"] {
            XCTAssertEqual(try db.exec("SELECT has_table_privilege('tcg_reader', $1, 'SELECT')", ["tcg." + view]).scalar, "t", view)
            XCTAssertEqual(try db.exec("SELECT has_table_privilege('tcg_tasker', $1, 'INSERT')", ["tcg." + view]).scalar, "f", view)
        }
    }
}
