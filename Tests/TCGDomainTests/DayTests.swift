import XCTest
@testable import TCGDomain

final class DayTests: XCTestCase {
    func testParsingAndPrinting() {
        XCTAssertEqual(Day(iso: "2027-03-01")?.description, "2027-03-01")
        XCTAssertEqual(Day(iso: "1970-01-01")?.number, 0)
        XCTAssertNil(Day(iso: "2027-02-29"))
        XCTAssertEqual(Day(iso: "2028-02-29")?.description, "2028-02-29")
        XCTAssertNil(Day(iso: "2027-13-01"))
        XCTAssertNil(Day(iso: "27-03-01"))
    }

    func testArithmetic() {
        let d = Day(iso: "2027-01-31")!
        XCTAssertEqual(d.adding(months: 1).description, "2027-02-28")
        XCTAssertEqual(d.adding(Duration(count: 2, unit: .weeks)).description, "2027-02-14")
        XCTAssertEqual(d.adding(months: -2).description, "2026-11-30")
        XCTAssertEqual(Duration("3mo")?.unit, .months)
        XCTAssertEqual(Duration("14d")?.count, 14)
        XCTAssertNil(Duration("3x"))
        XCTAssertEqual(Day(iso: "2027-03-01")!.weekday, 0)
    }
}
