import Foundation
import TCGDomain
@testable import TCGPostgres
import TCGStore
import TCGTestSupport
import XCTest

/// A store catching up with other writers (PostgresStore+CatchUp): after changes of every kind
/// made by another tcg process, the cached register with only the changes applied is exactly
/// the register a full read gives; it reads everything again whenever it cannot be sure; and an
/// audit row whose columns say otherwise than its entry is refused by both reads. Skipped
/// without a test server.
final class PostgresCatchUpTests: FolderTestCase {
    /// A database after `tcg db init` holding the small cycle, written by the superuser of `TCG_TEST_PG`.
    func register() throws -> String {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        XCTAssertEqual(try tcg(["db", "init", url]).status, 0)
        try change(url, TcgProcess.smallCycle)
        return url
    }

    /// Runs `statements` as one script by another tcg process, which must succeed.
    func change(_ url: String, _ statements: String, today: String = "2027-01-11", file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try tcg(["--workspace", url, "--today", today, "-c", statements])
        XCTAssertEqual(run.status, 0, "\(statements): \(run.stderr)", file: file, line: line)
    }

    /// What `undo` at another prompt does to the last person created (Register+Revert): it is
    /// removed, logged by id, committed through another connection.
    func undo(_ url: String) throws {
        let other = PostgresStore(address: try PGAddress(url))
        try other.transaction { (register: inout Register) throws in
            let removed = register.people.remove(at: register.people.count - 1)
            register.reindex()
            let day = Day(iso: "2027-01-12") ?? Day(number: 0)
            register.appendAudit(AuditEntry(seq: register.lastAuditSeq + 1, at: "2027-01-12T09:00:00Z", day: day, user: "tcg", source: "test",
                                            statement: "undo", changes: ["removed PE-\(removed.number)"], ids: [RecordID(.person, removed.number)]))
        }
    }

    /// A store that has read the register at `url`: what it caches is what it catches up.
    func reader(_ url: String) throws -> PostgresStore {
        let store = PostgresStore(address: try PGAddress(url))
        _ = try store.open()
        return store
    }

    /// Asserts that `store` catches up (rather than reading every table) and gets exactly the
    /// register a new store reads whole, row for row.
    func assertCatchesUp(_ store: PostgresStore, file: StaticString = #filePath, line: UInt = #line) throws {
        let caught = try XCTUnwrap(try store.caughtUp(), "read whole instead of caught up", file: file, line: line)
        let whole = try PostgresStore(address: store.address).open()
        XCTAssertEqual(try RegisterRows.all(of: caught), try RegisterRows.all(of: whole), file: file, line: line)
        XCTAssertEqual(caught.auditCount, whole.auditCount, file: file, line: line)
        XCTAssertNil(try store.refresh(), "caught up to the head", file: file, line: line)
    }

    func testCatchingUpGivesExactlyTheRegisterAFullReadGives() throws {
        let url = try register()
        let store = try reader(url)
        try change(url, #"add person "Pc Ann Lee" unit East"#)
        try assertCatchesUp(store)
        try change(url, #"update A-1 progress "two patrols a night""# + "\n" + #"amend A-1 due 2027-03-31 rationale "later""#, today: "2027-01-12")
        try assertCatchesUp(store)
        try change(url, #"add person "Pc Temp" unit East"#)
        try assertCatchesUp(store)
        try undo(url)
        try assertCatchesUp(store)
        XCTAssertEqual(try store.open().people.count, 3, "the undone person is removed from the cached register")
        // Created and undone between two catch-ups: in neither register.
        try change(url, "add person \"Pc Gone\" unit East\nundo")
        try assertCatchesUp(store)
        try change(url, "add unit North kind bcu parent Westshire\nset policy East ttcg every 2w")
        try assertCatchesUp(store)
        try change(url, "set scheme likelihood max 5")
        try assertCatchesUp(store)
        try change(url, "let q = create plan \"Op Quiet\" for P-1 owner \"Sgt Bea Cole\"\nmark $q official-sensitive")
        try assertCatchesUp(store)
        XCTAssertEqual(try store.open().plans.count, 2, "a cleared role sees the marked plan")
        XCTAssertEqual(try tcg(["verify", "--workspace", url]).status, 0)
    }

    func testARoleWithoutClearanceReadsWholeAndSeesNothingHidden() throws {
        let url = try register()
        let rita = try TestDatabase.login("rita_\(UInt32.random(in: 0...UInt32.max))", in: ["tcg_reader"], at: url)
        let store = try reader(rita)
        try change(url, "let q = create plan \"Op Quiet\" for P-1 owner \"Sgt Bea Cole\"\nmark $q official-sensitive")
        XCTAssertNil(try store.caughtUp(), "what row-level security hides may change under it: it reads whole")
        let refreshed = try XCTUnwrap(try store.refresh())
        XCTAssertEqual(refreshed.plans.map(\.title), ["Op Lantern"])
        XCTAssertEqual(try RegisterRows.all(of: refreshed), try RegisterRows.all(of: PostgresStore(address: PGAddress(rita)).open()))
    }

    func testWritesOutsideTcgOrAnotherAuditTrailAreReadWhole() throws {
        let url = try register()
        let store = try reader(url)
        let db = try PGConnection(PGAddress(url))
        // Counted as a change outside tcg (migration 2): the audit entries do not name it.
        try db.exec(#"UPDATE tcg.people SET doc = replace(doc, 'Sgt Bea Cole', 'Sgt Bea Cole-Hart') WHERE id = 'PE-2'"#)
        XCTAssertEqual(try tcg(["verify", "--accept", "--workspace", url]).status, 0)
        XCTAssertNil(try store.caughtUp())
        XCTAssertEqual(try store.open().people.map(\.name), ["Ch Supt Leo Hart", "Sgt Bea Cole-Hart"])
        // The entry the cached register ends with is not the database's (the trail was replaced).
        let last = try XCTUnwrap(db.exec("SELECT last_seq, last_hash FROM tcg.register_head").rows.first)
        try db.exec("ALTER TABLE tcg.audit DISABLE TRIGGER USER")
        try db.exec("UPDATE tcg.audit SET hash = $2, doc = replace(doc, $3, $2) WHERE seq = $1::integer", [last[0], String(repeating: "0", count: 64), last[1]])
        try change(url, #"add person "Pc Ann Lee" unit East"#)
        XCTAssertNil(try store.caughtUp())
        XCTAssertEqual(try store.open().people.count, 3)
    }

    func testAnAuditRowWhoseColumnsAreNotItsEntrysIsRefused() throws {
        let url = try register()
        let store = try reader(url)
        let db = try PGConnection(PGAddress(url))
        // As the superuser, with the audit table's triggers off and the head raised by tcg's own
        // setting (not counted as outside): a row claiming another user than its entry names.
        let last = try XCTUnwrap(db.exec(#"SELECT seq, hash, "user", doc FROM tcg.audit ORDER BY seq DESC LIMIT 1"#).rows.first)
        let seq = (Int(last[0] ?? "") ?? 0) + 1, user = try XCTUnwrap(last[2])
        let doc = try XCTUnwrap(last[3]).replacingOccurrences(of: "\"seq\":\(seq - 1),", with: "\"seq\":\(seq),")
        try db.exec("ALTER TABLE tcg.audit DISABLE TRIGGER USER")
        try db.exec("BEGIN")
        try db.exec("SELECT set_config('tcg.committing', 'on', true)")
        try db.exec(#"INSERT INTO tcg.audit (seq, hash, "user", doc) VALUES ($1::integer, $2, 'mallory', $3)"#, [String(seq), last[1], doc])
        try db.exec("UPDATE tcg.register_head SET version = version + 1, last_seq = $1::integer", [String(seq)])
        try db.exec("COMMIT")
        let expected = "the audit row with seq \(seq) and user \"mallory\" holds an entry with user \"\(user)\": it was written outside tcg"
        XCTAssertThrowsError(try store.caughtUp(), "caught up") { XCTAssertTrue("\($0)".contains(expected), "\($0)") }
        XCTAssertThrowsError(try PostgresStore(address: store.address).open(), "read whole") { XCTAssertTrue("\($0)".contains(expected), "\($0)") }
        let shown = try tcg(["--workspace", url, "-c", "list people"])
        XCTAssertEqual(shown.status, 3)
        XCTAssertTrue(shown.stderr.contains(expected), shown.stderr)
        // A row whose seq is not its entry's (the table's check of it dropped, as migration 8 does).
        try db.exec("ALTER TABLE tcg.audit DROP CONSTRAINT IF EXISTS audit_check")
        try db.exec("BEGIN")
        try db.exec("SELECT set_config('tcg.committing', 'on', true)")
        try db.exec(#"UPDATE tcg.audit SET "user" = $2, doc = replace(doc, $3, $4) WHERE seq = $1::integer"#,
                    [String(seq), user, "\"seq\":\(seq),", "\"seq\":\(seq + 5),"])
        try db.exec("COMMIT")
        XCTAssertThrowsError(try PostgresStore(address: store.address).open()) {
            XCTAssertTrue("\($0)".contains("the audit row with seq \(seq) and user \"\(user)\" holds an entry with seq \(seq + 5)"), "\($0)")
        }
    }
}
