import Foundation
@testable import TCGPostgres
import TCGTestSupport
import XCTest

/// A record table's columns always say what the record's JSON (`doc`) says (migration 8):
/// tcg sends them with the rows it writes, read from the JSON it wrote; anything else that
/// writes a row has them filled by the table's trigger from `doc`.
final class PostgresColumnsTests: FolderTestCase {
    /// Per table, the rows whose columns differ from what the trigger would read from `doc`.
    func disagreeing(_ url: String) throws -> [String] {
        let db = try PGConnection(PGAddress(url))
        return try PGSchema.kinds.compactMap { kind in
            let columns = kind.columns.map(\.name).joined(separator: ", ")
            let fromDoc = kind.columns.map { $0.value("doc::jsonb") }.joined(separator: ", ")
            let found = try db.exec("SELECT id FROM tcg.\(kind.table) WHERE (\(columns)) IS DISTINCT FROM (\(fromDoc)) ORDER BY number").rows
            return found.isEmpty ? nil : "\(kind.table): " + found.map { $0[0] ?? "" }.joined(separator: " ")
        }
    }

    func testTheColumnsTcgWritesAreTheColumnsTheJSONGives() throws {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        XCTAssertEqual(try tcg(["db", "init", url]).status, 0)
        XCTAssertEqual(try tcg(["demo", "demo.json"]).status, 0)
        // Every kind, new rows (copied in) …
        XCTAssertEqual(try tcg(["copy", "demo.json", url]).status, 0)
        let db = try PGConnection(PGAddress(url))
        for kind in PGSchema.kinds {
            XCTAssertNotEqual(try db.exec("SELECT count(*) FROM tcg.\(kind.table)").scalar, "0", "the demo has no \(kind.table)")
        }
        XCTAssertEqual(try disagreeing(url), [])
        // … and rows that exist changed (written again, with their columns).
        let changed = try tcg(["--workspace", url, "--today", "2027-03-01", "-c", """
            let m = create meeting ttcg on 2027-03-01 unit East; open $m; complete A-116; assign PE-3 to A-117
            escalate A-118 to Westshire rationale "more than the BCU can do"
            add action prevention "Quote with \\"quotes\\", a backslash \\\\ and é" to DP-4 owner PE-3 due 2027-04-01
            """])
        XCTAssertEqual(changed.status, 0, changed.stderr)
        XCTAssertEqual(try disagreeing(url), [])
        XCTAssertEqual(try db.exec("SELECT status FROM tcg.actions WHERE id = 'A-116'").scalar, "done")
        XCTAssertEqual(try db.exec(#"SELECT title FROM tcg.actions WHERE title LIKE 'Quote%'"#).scalar, #"Quote with "quotes", a backslash \ and é"#)
        XCTAssertEqual(try db.exec("SELECT count(*) FROM tcg.escalations").scalar, "2")
    }

    func testAWriteOutsideTcgHasItsColumnsFilledFromItsJSON() throws {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        XCTAssertEqual(try tcg(["db", "init", url]).status, 0)
        XCTAssertEqual(try tcg(["--workspace", url, "-c", TcgProcess.smallCycle]).status, 0)
        let db = try PGConnection(PGAddress(url))
        // psql, say: the JSON changes, and the columns follow it.
        try db.exec(#"UPDATE tcg.actions SET doc = replace(doc, '"status":"open"', '"status":"done"'), status = 'open' WHERE id = 'A-1'"#)
        XCTAssertEqual(try db.exec("SELECT status FROM tcg.actions WHERE id = 'A-1'").scalar, "done")
        XCTAssertEqual(try disagreeing(url), [])
        // A row whose JSON names another record is refused.
        XCTAssertThrowsError(try db.exec(#"INSERT INTO tcg.people (id, number, doc) VALUES ('PE-99', 99, '{"id":"PE-98","name":"X"}')"#)) {
            XCTAssertEqual(($0 as? PGError)?.sqlState, "23514", "\($0)")
        }
    }
}
