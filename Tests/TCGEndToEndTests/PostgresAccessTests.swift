import Foundation
import TCGDomain
import TCGPostgres
import TCGStore
import TCGTestSupport
import XCTest

/// Identity and access decided by the server (docs/postgresql.md, "Identity and access"): the
/// audit trail names the database role, what each role may change, and OFFICIAL-SENSITIVE rows
/// hidden by row-level security, through tcg and through SQL. Skipped without a test server.
final class PostgresAccessTests: FolderTestCase {
    /// A database after `tcg db init`, and a login role in it named `prefix_N` for each of
    /// `roles` (name → group roles); their URLs by name.
    func database(_ roles: [String: [String]]) throws -> (url: String, as: [String: String]) {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        let initialised = try tcg(["db", "init", url])
        XCTAssertEqual(initialised.status, 0, initialised.stderr)
        let suffix = UInt32.random(in: 0...UInt32.max)
        var urls: [String: String] = [:]
        for (name, groups) in roles { urls[name] = try TestDatabase.login("\(name)_\(suffix)", in: groups, at: url) }
        return (url, urls)
    }

    /// The rows `sql` gives when run as the role of `url`, each row's columns joined by `|`.
    func rows(_ sql: String, as url: String) throws -> [String] {
        try PGConnection(PGAddress(url)).exec(sql).rows.map { $0.map { $0 ?? "" }.joined(separator: "|") }
    }

    func testTheAuditTrailNamesTheDatabaseRoleAndAnotherUserIsRefused() throws {
        let (_, role) = try database(["sue": ["tcg_manager"]])
        let sue = try XCTUnwrap(role["sue"])
        let name = try XCTUnwrap(try rows("SELECT session_user", as: sue).first)
        XCTAssertEqual(try tcg(["--workspace", sue, "-c", "add unit Westshire kind force"]).status, 0)
        XCTAssertEqual(try rows(#"SELECT "user", doc::jsonb ->> 'user' FROM tcg.audit"#, as: sue), ["\(name)|\(name)"])
        for (arguments, env, named) in [(["--user", "bob"], [String: String](), "--user"), ([], ["TCG_USER": "bob"], "$TCG_USER")] {
            let refused = try tcg(["--workspace", sue] + arguments + ["-c", "add unit East kind bcu parent Westshire"], env: env)
            XCTAssertEqual(refused.status, 2, refused.stderr)
            XCTAssertTrue(refused.stderr.contains("\(named) names bob, but this session is the database role \(name)"), refused.stderr)
        }
        XCTAssertEqual(try tcg(["--workspace", sue, "--user", name, "-c", "add unit East kind bcu parent Westshire"]).status, 0)
        XCTAssertEqual(try rows("SELECT count(*) FROM tcg.audit", as: sue), ["2"], "a refused --user changed nothing")
        // Even an INSERT by hand cannot name someone else.
        let forged = #"{"seq":3,"user":"bob"}"#
        XCTAssertThrowsError(try PGConnection(PGAddress(sue)).exec(
            #"INSERT INTO tcg.audit (seq, hash, "user", doc) VALUES (3, repeat('a', 64), 'bob', $1)"#, [forged])) {
            XCTAssertEqual(($0 as? PGError)?.sqlState, "42501", "\($0)")
            // The row names bob, not the role inserting it: the policy refuses it (migration 8).
            XCTAssertTrue("\($0)".contains(#"row-level security policy for table "audit""#), "\($0)")
        }
    }

    func testATaskerRecordsBusinessAndOnlyAManagerChangesTheControlStrategy() throws {
        let (url, role) = try database(["manager": ["tcg_manager"], "tasker": ["tcg_tasker"]])
        let manager = try XCTUnwrap(role["manager"]), tasker = try XCTUnwrap(role["tasker"])
        XCTAssertEqual(try tcg(["--workspace", manager, "-c", TcgProcess.smallCycle]).status, 0)
        let business = try tcg(["--workspace", tasker, "-c", "add person \"Pc Ann Lee\" unit East"])
        XCTAssertEqual(business.status, 0, business.stderr)
        for (statement, what) in [("add unit North kind bcu parent Westshire", "units or their policy"),
                                  ("set policy East ttcg every 2w", "units or their policy"),
                                  ("set scheme likelihood max 5", "the scoring scheme")] {
            let refused = try tcg(["--workspace", tasker, "--today", "2027-01-11", "-c", statement])
            XCTAssertEqual(refused.status, 3, "\(statement): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("may not change \(what): that needs tcg_manager"), "\(statement): \(refused.stderr)")
        }
        XCTAssertEqual(try tcg(["--workspace", manager, "-c", "set scheme likelihood max 5"]).status, 0)
        // The server's grants, as psql shows them.
        let tasks = try rows("""
            SELECT t, has_table_privilege('tcg_tasker', 'tcg.' || t, 'INSERT'), has_table_privilege('tcg_tasker', 'tcg.' || t, 'UPDATE'),
                   has_table_privilege('tcg_manager', 'tcg.' || t, 'UPDATE')
            FROM unnest(ARRAY['actions', 'priorities', 'candidates', 'units']) t
            """, as: url)
        XCTAssertEqual(tasks, ["actions|t|t|t", "priorities|f|f|t", "candidates|t|f|t", "units|f|f|t"])
        XCTAssertEqual(try rows("SELECT has_column_privilege('tcg_tasker', 'tcg.register_head', 'scoring_schemes', 'UPDATE'), "
                                + "has_column_privilege('tcg_tasker', 'tcg.register_head', 'version', 'UPDATE')", as: url), ["f|t"])
        XCTAssertEqual(try tcg(["verify", "--workspace", manager]).status, 0)
    }

    /// The small cycle and a second plan, marked OFFICIAL-SENSITIVE, with an action under it.
    static let markedCycle = TcgProcess.smallCycle + """
        let quiet = create plan "Op Quiet" for P-1 owner "Sgt Bea Cole"
        add action enforcement "Surveillance" to $quiet owner "Sgt Bea Cole" due 2027-03-20
        mark DP-2 official-sensitive

        """

    func testARoleWithoutClearanceCannotReadMarkedRecordsOrTheirChildren() throws {
        let (_, role) = try database(["sue": ["tcg_manager", "tcg_sensitive"], "vic": ["tcg_reader", "tcg_sensitive"],
                                      "rita": ["tcg_reader"], "ann": ["tcg_tasker"]])
        let sue = try XCTUnwrap(role["sue"]), vic = try XCTUnwrap(role["vic"]), rita = try XCTUnwrap(role["rita"]), ann = try XCTUnwrap(role["ann"])
        let built = try tcg(["--workspace", sue, "-c", Self.markedCycle])
        XCTAssertEqual(built.status, 0, built.stderr)
        // Through tcg: the cleared role sees both plans and both actions; the other neither DP-2 nor A-2 under it.
        XCTAssertEqual(try tcg(["--workspace", vic, "-c", "count actions"]).stdout, "2\n")
        XCTAssertEqual(try tcg(["--workspace", rita, "-c", "count actions"]).stdout, "1\n")
        XCTAssertEqual(try tcg(["--workspace", rita, "-c", "count plans"]).stdout, "1\n")
        let listed = try tcg(["--workspace", rita, "-c", "list actions"])
        XCTAssertTrue(listed.stdout.contains("Patrols") && !listed.stdout.contains("Surveillance"), listed.stdout)
        for (id, kind) in [("A-2", "action"), ("DP-2", "delivery plan")] {
            let shown = try tcg(["--workspace", rita, "-c", "show \(id)"])
            XCTAssertEqual(shown.status, 1)
            XCTAssertTrue(shown.stderr.contains("no \(kind) \(id) in the register"), shown.stderr)
            XCTAssertEqual(try tcg(["--workspace", vic, "-c", "show \(id)"]).status, 0)
        }
        let history = try tcg(["--workspace", rita, "-c", "history"])
        XCTAssertFalse(history.stdout.contains("Op Quiet") || history.stdout.contains("Surveillance") || history.stdout.contains("DP-2"), history.stdout)
        // --max-marking still narrows a cleared role.
        XCTAssertEqual(try tcg(["--workspace", vic, "--max-marking", "official", "-c", "count actions"]).stdout, "1\n")
        // Through SQL: no row at all, in the tables, the views or the audit trail.
        XCTAssertEqual(try rows("SELECT id FROM tcg.actions ORDER BY id", as: rita), ["A-1"])
        XCTAssertEqual(try rows("SELECT id FROM tcg.actions ORDER BY id", as: vic), ["A-1", "A-2"])
        XCTAssertEqual(try rows("SELECT id FROM tcg.plans WHERE marking = 'OFFICIAL-SENSITIVE'", as: rita), [])
        XCTAssertEqual(try rows("SELECT id FROM tcg.action_list ORDER BY id", as: rita), ["A-1"])
        XCTAssertEqual(try rows("SELECT count(*) FROM tcg.audit_trail WHERE ids LIKE '%DP-2%' OR ids LIKE '%A-2%'", as: rita), ["0"])
        XCTAssertEqual(try rows("SELECT count(*) FROM tcg.audit_trail WHERE ids LIKE '%DP-2%'", as: vic), ["2"])
        // What it cannot see it cannot verify, change or copy: unverifiable, not broken.
        let verified = try tcg(["verify", "--workspace", rita])
        XCTAssertEqual(verified.status, 3)
        XCTAssertTrue(verified.stderr.contains("2 records are hidden from role") && verified.stderr.contains("unverifiable, not broken"), verified.stderr)
        XCTAssertEqual(try tcg(["verify", "--workspace", vic]).status, 0)
        let written = try tcg(["--workspace", ann, "-c", "add person \"Pc New\" unit East"])
        XCTAssertEqual(written.status, 3)
        XCTAssertTrue(written.stderr.contains("only a role with clearance may change this register"), written.stderr)
        let copied = try tcg(["copy", rita, "out.json"])
        XCTAssertEqual(copied.status, 3, copied.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.json").path))
        // Marked down, the plan and its action are everyone's again.
        XCTAssertEqual(try tcg(["--workspace", sue, "-c", "mark DP-2 official"]).status, 0)
        XCTAssertEqual(try tcg(["--workspace", rita, "-c", "count actions"]).stdout, "2\n")
        XCTAssertEqual(try tcg(["verify", "--workspace", rita]).status, 0)
        XCTAssertEqual(try tcg(["--workspace", ann, "-c", "add person \"Pc New\" unit East"]).status, 0)
        // A role without clearance cannot hide what it records.
        let marked = try tcg(["--workspace", ann, "-c", "mark A-1 official-sensitive"])
        XCTAssertEqual(marked.status, 3, marked.stderr)
        XCTAssertTrue(marked.stderr.contains("may not mark a record OFFICIAL-SENSITIVE (nor record under one): that needs clearance"), marked.stderr)
        XCTAssertEqual(try rows("SELECT coalesce(marking, 'OFFICIAL') FROM tcg.actions WHERE id = 'A-1'", as: sue), ["OFFICIAL"])
    }

    func testARegisterCopiedInHasItsMarkedRecordsHiddenAndCopiesBackExactly() throws {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        XCTAssertEqual(try tcg(["-c", Self.markedCycle, "--workspace", "marked.json"]).status, 0)
        XCTAssertEqual(try tcg(["db", "init", url]).status, 0)
        XCTAssertEqual(try tcg(["copy", "marked.json", url]).status, 0)
        XCTAssertEqual(try rows("SELECT id FROM tcg.hidden ORDER BY id", as: url), ["A-2", "DP-2"])
        let entries = try rows("SELECT seq FROM tcg.hidden_audit ORDER BY seq", as: url)
        XCTAssertEqual(entries.count, 3, "the two that created them and the marking")
        // As a register stored before migration 7 is found by db init: the lists are made from the records.
        try PGConnection(PGAddress(url)).execScript("DELETE FROM tcg.hidden; DELETE FROM tcg.hidden_audit;")
        try PostgresStore(address: PGAddress(url)).markHidden()
        XCTAssertEqual(try rows("SELECT id FROM tcg.hidden ORDER BY id", as: url), ["A-2", "DP-2"])
        XCTAssertEqual(try rows("SELECT seq FROM tcg.hidden_audit ORDER BY seq", as: url), entries)
        XCTAssertEqual(try tcg(["copy", url, "back.json"]).status, 0)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("marked.json")), try Data(contentsOf: folder.appendingPathComponent("back.json")))
    }

    /// A tasker proposes a candidate (INSERT on `candidates`) but may not remove one: its `undo`
    /// of `add candidate` is refused as a manager's business, and the candidate stays.
    func testATaskerProposesACandidateButItsUndoIsRefused() throws {
        let (_, role) = try database(["manager": ["tcg_manager"], "tasker": ["tcg_tasker"]])
        let manager = try XCTUnwrap(role["manager"]), tasker = try XCTUnwrap(role["tasker"])
        XCTAssertEqual(try tcg(["--workspace", manager, "-c", "add unit Westshire kind force"]).status, 0)
        let session = try tcg(["--workspace", tasker, "--interactive"], stdin: "add candidate \"County lines\" unit Westshire\nundo\n")
        XCTAssertTrue(session.stdout.hasPrefix("X-1\n"), "a tasker proposes a candidate: \(session.stdout)\(session.stderr)")
        XCTAssertTrue(session.stderr.contains("may not change the control strategy (candidates): that needs tcg_manager"), session.stderr)
        XCTAssertFalse(session.stdout.contains("undone"), session.stdout)
        XCTAssertEqual(try tcg(["--workspace", manager, "-c", "count candidates"]).stdout, "1\n", "the refused undo removed nothing")
        XCTAssertEqual(try tcg(["verify", "--workspace", manager]).status, 0)
    }

    /// A database at schema version 6 holding a register (the marked cycle), then `tcg db init`
    /// again: migration 7 alone applies, the register reads and verifies, and row-level security
    /// hides its OFFICIAL-SENSITIVE rows from a role without `tcg_sensitive`.
    func testARegisterStoredAtVersion6IsHiddenByRowLevelSecurityOnceMigration7Applies() throws {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        XCTAssertEqual(try tcg(["-c", Self.markedCycle, "--workspace", "marked.json"]).status, 0)
        let db = try PGConnection(PGAddress(url))
        try db.execScript("CREATE SCHEMA tcg; CREATE TABLE tcg.tcg_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, "
                          + "applied_at timestamptz NOT NULL DEFAULT now());")
        for migration in PGSchema.migrations.prefix(6) {
            try db.execScript(migration.sql)
            try db.exec("INSERT INTO tcg.tcg_schema_migrations (version, name) VALUES ($1, $2)", [String(migration.version), migration.name])
        }
        try store(try WorkspaceFile(path: folder.appendingPathComponent("marked.json").path).open(), in: db)

        let migrated = try tcg(["db", "init", url])
        XCTAssertEqual(migrated.status, 0, migrated.stderr)
        // Migration 7 and those after it, and none before (8 rewrites the tables that hold the register).
        XCTAssertTrue(migrated.stdout.contains("applied migration 7: \(PGSchema.migrations[6].name)\n"), migrated.stdout)
        XCTAssertEqual(migrated.stdout.components(separatedBy: "applied migration").count, 1 + PGSchema.version - 6, migrated.stdout)
        let suffix = UInt32.random(in: 0...UInt32.max)
        let sue = try TestDatabase.login("sue_\(suffix)", in: ["tcg_manager", "tcg_sensitive"], at: url)
        let rita = try TestDatabase.login("rita_\(suffix)", in: ["tcg_reader"], at: url)
        let verified = try tcg(["verify", "--workspace", sue])
        XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)
        XCTAssertEqual(try tcg(["--workspace", sue, "-c", "count actions"]).stdout, "2\n")
        XCTAssertEqual(try tcg(["--workspace", rita, "-c", "count actions"]).stdout, "1\n")
        XCTAssertEqual(try rows("SELECT id FROM tcg.plans ORDER BY id", as: rita), ["DP-1"])
        XCTAssertEqual(try rows("SELECT id FROM tcg.plans ORDER BY id", as: sue), ["DP-1", "DP-2"])
        XCTAssertEqual(try tcg(["copy", sue, "back.json"]).status, 0)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("marked.json")), try Data(contentsOf: folder.appendingPathComponent("back.json")))
    }

    /// Stores `register` row by row in `db`'s empty tables, as a tcg of schema version 6 wrote
    /// them (there were no lists of hidden records then), as the server's own role.
    func store(_ register: Register, in db: PGConnection) throws {
        let rows = try RegisterRows.all(of: register)
        try db.exec("BEGIN")
        try db.exec("SELECT set_config('tcg.committing', 'on', true)")
        for (position, unit) in rows.units.enumerated() {
            try db.exec("INSERT INTO tcg.units (position, doc) VALUES ($1, $2)", [String(position), unit])
        }
        for record in rows.records {
            try db.exec("INSERT INTO tcg.\(record.key.table) (id, number, doc) VALUES ($1, $2, $3)", [record.key.id, String(record.number), record.json])
        }
        for entry in rows.audit {
            try db.exec(#"INSERT INTO tcg.audit (seq, hash, "user", doc) VALUES ($1, $2, $3, $4)"#, [String(entry.seq), entry.hash, entry.user, entry.json])
        }
        try db.exec("""
            UPDATE tcg.register_head SET version = 1, clock = $1::date, max_marking = $2, last_ids = $3, last_seq = $4, last_hash = $5,
                scoring_schemes = $6, changed_at = now()
            """, [rows.clock, rows.maxMarking, rows.lastIDs, rows.audit.last.map { String($0.seq) }, rows.audit.last?.hash, rows.schemes])
        try db.exec("COMMIT")
    }
}
