import TCGPostgres
import TCGTestSupport
import XCTest

/// `tcg db init`'s migrations and the audit table's protection, on the test server.
final class PGSchemaTests: XCTestCase {
    /// A connection to a new database with the schema, or a skip when there is no server.
    func migrated() throws -> PGConnection {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        let db = try PGConnection(PGAddress(url))
        XCTAssertEqual(try PGSchema.migrate(db).map(\.version), PGSchema.migrations.map(\.version))
        return db
    }

    func testMigrationsRunOnceAndAgainDoNothing() throws {
        let db = try migrated()
        XCTAssertEqual(try PGSchema.installedVersion(db), PGSchema.version)
        XCTAssertEqual(try PGSchema.migrate(db).count, 0)
        XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.tcg_schema_migrations").scalar, "\(PGSchema.migrations.count)")
        XCTAssertEqual(try db.exec("SELECT version, last_seq FROM tcg.register_head").rows, [["0", "0"]])
    }

    func testEveryKindHasItsTable() throws {
        let db = try migrated()
        for table in ["units", "people", "meetings", "products", "priorities", "candidates", "requirements", "commissions",
                      "plans", "actions", "decisions", "escalations", "reviews", "audit", "register_head"] {
            XCTAssertEqual(try db.exec("SELECT to_regclass($1) IS NOT NULL", ["tcg." + table]).scalar, "t", table)
        }
    }

    func testAuditTrailRefusesUpdateDeleteAndTruncateEvenToItsOwner() throws {
        let db = try migrated()
        let entry = #"{"seq":1,"at":"2027-01-01T00:00:00Z","day":"2027-01-01","user":"ann","source":"t","statement":"s","changes":[],"ids":[]}"#
        try db.exec(#"INSERT INTO tcg.audit (seq, hash, "user", doc) VALUES (1, $1, 'ann', $2)"#, [String(repeating: "a", count: 64), entry])
        for sql in ["UPDATE tcg.audit SET hash = hash", "DELETE FROM tcg.audit", "TRUNCATE tcg.audit"] {
            XCTAssertThrowsError(try db.exec(sql), sql) { error in
                XCTAssertEqual((error as? PGError)?.sqlState, "42501", "\(error)")
                XCTAssertTrue("\(error)".contains("append-only"), "\(error)")
            }
        }
        XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.audit").scalar, "1")
    }

    func testRolesMayAddToTheAuditTrailButNeverChangeIt() throws {
        let db = try migrated()
        func may(_ role: String, _ privilege: String, _ table: String) throws -> Bool {
            try db.exec("SELECT has_table_privilege($1, $2, $3)", [role, "tcg." + table, privilege]).scalar == "t"
        }
        for role in ["tcg_reader", "tcg_tasker", "tcg_manager"] {
            XCTAssertTrue(try may(role, "SELECT", "audit"), role)
            XCTAssertFalse(try may(role, "UPDATE", "audit"), role)
            XCTAssertFalse(try may(role, "DELETE", "audit"), role)
            XCTAssertFalse(try may(role, "TRUNCATE", "audit"), role)
        }
        XCTAssertFalse(try may("tcg_reader", "INSERT", "audit"))
        XCTAssertFalse(try may("tcg_reader", "INSERT", "actions"))
        XCTAssertTrue(try may("tcg_tasker", "INSERT", "audit"))
        XCTAssertTrue(try may("tcg_tasker", "UPDATE", "actions"))
        XCTAssertTrue(try may("tcg_manager", "UPDATE", "register_head"))
    }

    func testChecksAndKeysRefuseBadRows() throws {
        let db = try migrated()
        // The id must be the table's prefix and the number; the marking a known one; the owner a person.
        let bad = [
            ("INSERT INTO tcg.people (id, number, doc) VALUES ('A-1', 1, $1)", #"{"id":"A-1","name":"Ann"}"#, "23514"),
            ("INSERT INTO tcg.people (id, number, doc) VALUES ('PE-1', 1, $1)", #"{"id":"PE-1","name":"Ann","marking":"SECRET"}"#, "23514"),
        ]
        for (sql, doc, state) in bad {
            XCTAssertThrowsError(try db.exec(sql, [doc])) { XCTAssertEqual(($0 as? PGError)?.sqlState, state, "\($0)") }
        }
        try db.exec("BEGIN")
        try db.exec("INSERT INTO tcg.actions (id, number, doc) VALUES ('A-1', 1, $1)", [#"{"id":"A-1","owner":"PE-9","due":"2027-02-01"}"#])
        XCTAssertThrowsError(try db.exec("COMMIT")) { XCTAssertEqual(($0 as? PGError)?.sqlState, "23503", "\($0)") }
    }

    func testAnAuditHashIs64LowercaseHexDigits() throws {
        let db = try migrated()
        let entry = #"{"seq":1,"at":"2027-01-01T00:00:00Z","day":"2027-01-01","user":"tcg","source":"t","statement":"s","changes":[],"ids":[]}"#
        let insert = #"INSERT INTO tcg.audit (seq, hash, "user", doc) VALUES (1, $1, 'tcg', $2)"#
        let a = String(repeating: "a", count: 62)
        // Too short, too long, upper case, spaces (which decode alone would skip), not hex at all.
        let refused = [(a + "0", "23514"), (a + "012", "23514"), (a + "0F", "23514"), (a + " 0f", "23514"),
                       (a.dropLast(2) + " 01 ", "23514"), (a + "0g", "22023"), (a + "é", "22023")]
        for (hash, state) in refused {
            XCTAssertThrowsError(try db.exec(insert, [hash, entry]), hash) { XCTAssertEqual(($0 as? PGError)?.sqlState, state, "\(hash): \($0)") }
        }
        XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.audit").scalar, "0")
        try db.exec(insert, [a + "9f", entry])
        XCTAssertEqual(try db.exec("SELECT hash FROM tcg.audit").scalar, a + "9f")
    }

    func testADatabaseAtAnOlderVersionIsMigratedStepByStep() throws {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        let db = try PGConnection(PGAddress(url))
        // As `db init` from a tcg that knew migration 1 only left it.
        try db.execScript("CREATE SCHEMA tcg; CREATE TABLE tcg.tcg_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());")
        try db.exec("BEGIN")
        try db.execScript(PGSchema.migrations[0].sql)
        try db.exec("INSERT INTO tcg.tcg_schema_migrations (version, name) VALUES (1, 'tables, audit trail, roles')")
        try db.exec("COMMIT")
        XCTAssertEqual(try PGSchema.installedVersion(db), 1)
        XCTAssertThrowsError(try PostgresStore(address: PGAddress(url)).open()) { XCTAssertTrue("\($0)".contains("run tcg db init"), "\($0)") }
        XCTAssertEqual(try PGSchema.migrate(db).map(\.version), Array(PGSchema.migrations.map(\.version).dropFirst()))
        XCTAssertEqual(try PGSchema.installedVersion(db), PGSchema.version)
        XCTAssertNoThrow(try PostgresStore(address: PGAddress(url)).open())
    }

    func testWritesOutsideTcgAreCountedAndTcgsOwnAreNot() throws {
        let db = try migrated()
        func outside() throws -> String? { try db.exec("SELECT outside_changes FROM tcg.register_head").scalar }
        try db.exec("INSERT INTO tcg.units (position, doc) VALUES (0, $1)", [#"{"name":"Westshire","kind":"force"}"#])
        XCTAssertEqual(try outside(), "1")
        try db.exec("BEGIN")
        try db.exec("SELECT set_config('tcg.committing', 'on', true)")
        try db.exec("UPDATE tcg.units SET doc = doc")
        try db.exec("COMMIT")
        XCTAssertEqual(try outside(), "1")
        try db.exec("UPDATE tcg.units SET doc = doc")
        XCTAssertEqual(try outside(), "2")
    }
}
