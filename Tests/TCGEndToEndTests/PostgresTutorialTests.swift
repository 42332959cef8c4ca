import Foundation
import TCGPostgres
import TCGTestSupport
import XCTest

/// One behaviour, two stores: docs/tutorial.md, each statement its own process, prints the same
/// on a PostgreSQL register as on a workspace file (TutorialTests). Every statement reads the
/// register the earlier ones left in the database. Skipped, saying so, without a test server.
final class PostgresTutorialTests: XCTestCase {
    func testTheTutorialPrintsTheSameOnPostgreSQL() throws {
        guard let url = try TestDatabase.fresh() else { throw XCTSkip(TestDatabase.skipReason) }
        _ = try PGSchema.migrate(PGConnection(PGAddress(url)))
        // The audit trail names the database role: the tests' login name, as on a file.
        let differences = try TutorialTests.differences(workspace: TestDatabase.login("tester", in: ["tcg_manager", "tcg_sensitive"], at: url))
        XCTAssertEqual(differences.count, 0, differences.prefix(5).joined(separator: "\n\n"))
    }
}
