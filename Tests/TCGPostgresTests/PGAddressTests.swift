import TCGPostgres
import XCTest

/// A password never appears in what tcg shows of a database's address.
final class PGAddressTests: XCTestCase {
    func testURLUserPasswordIsLeftOut() {
        XCTAssertEqual(PGAddress("postgresql://ann:s3cret@db.example/tcg").shown, "postgresql://ann@db.example/tcg")
        XCTAssertEqual(PGAddress("postgres://ann:s3cret@db.example:5433/tcg?sslmode=require").shown,
                       "postgres://ann@db.example:5433/tcg?sslmode=require")
    }

    func testPasswordParameterIsLeftOut() {
        XCTAssertEqual(PGAddress("postgresql:///tcg?host=/run/pg&password=s3cret&user=ann").shown, "postgresql:///tcg?host=/run/pg&user=ann")
        XCTAssertEqual(PGAddress("postgresql:///tcg?password=s3cret").shown, "postgresql:///tcg")
    }

    func testKeywordPasswordIsLeftOut() {
        XCTAssertEqual(PGAddress("host=/run/pg password='s 3\\'cret' dbname=tcg").shown, "host=/run/pg dbname=tcg")
        XCTAssertEqual(PGAddress("password=s3cret dbname=tcg").shown, "dbname=tcg")
    }

    func testAddressWithoutPasswordIsShownAsGiven() {
        let url = "postgres:///postgres?host=/tmp/x&user=tcg"
        XCTAssertEqual(PGAddress(url).shown, url)
    }

    func testOnlyPostgresURLsAreDatabases() {
        XCTAssertNotNil(PGAddress(url: "postgresql://h/db"))
        XCTAssertNotNil(PGAddress(url: "postgres:///db?host=/tmp"))
        XCTAssertNil(PGAddress(url: "tcg-workspace.json"))
        XCTAssertNil(PGAddress(url: "./postgresql://x"))
    }

    func testConnectionFailureNamesTheAddressWithoutItsPassword() {
        let address = PGAddress("postgresql://ann:s3cret@/tcg?host=/nonexistent-socket-dir&connect_timeout=2")
        XCTAssertThrowsError(try PGConnection(address)) { error in
            guard let error = error as? PGError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.address, "postgresql://ann@/tcg?host=/nonexistent-socket-dir&connect_timeout=2")
            XCTAssertTrue(error.message.hasPrefix("cannot connect"), error.message)
            XCTAssertFalse("\(error)".contains("s3cret"))
            XCTAssertNil(error.sqlState)
        }
    }
}
