import XCTest
@testable import TCGLineEditor

final class CandidateColumnsTests: XCTestCase {
    func testFillsDownThenAcross() {
        let words = ["alpha", "bravo", "charlie", "delta", "echo"]
        // Columns 9 wide ("charlie" + 2); 30 columns fit 3; 5 words → 2 rows.
        XCTAssertEqual(CandidateColumns.lines(words, width: 30), [
            "alpha    charlie  echo",
            "bravo    delta",
        ])
    }

    func testOneColumnWhenNarrow() {
        XCTAssertEqual(CandidateColumns.lines(["priority", "person"], width: 8), ["priority", "person"])
    }

    func testAllOnOneLineWhenWide() {
        XCTAssertEqual(CandidateColumns.lines(["priority", "person"], width: 80), ["priority  person"])
    }

    func testUnknownWidthMeansEighty() {
        // 20 words of up to 3 characters: columns 5 wide, 16 fit in 80.
        let words = (1...20).map { "w\($0)" }
        XCTAssertEqual(CandidateColumns.lines(words, width: 0), CandidateColumns.lines(words, width: 80))
        XCTAssertEqual(CandidateColumns.lines(words, width: 80).count, 2)
        XCTAssertEqual(CandidateColumns.lines(words, width: 80)[0].split(separator: " ").count, 10)
    }

    func testLongListsAreCut() {
        let words = (1...150).map { "w\($0)" }
        let lines = CandidateColumns.lines(words, width: 80, limit: 100)
        XCTAssertEqual(lines.last, "(50 more)")
        XCTAssertFalse(lines.joined(separator: " ").contains("w101"))
    }

    func testNothingToList() {
        XCTAssertEqual(CandidateColumns.lines([], width: 80), [])
    }
}
