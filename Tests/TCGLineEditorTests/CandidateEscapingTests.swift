import XCTest
@testable import TCGLineEditor

/// Completion candidates come from the register: a hand-edited name holding escape codes or bidi
/// characters is listed escaped and never inserted into the line.
final class CandidateEscapingTests: XCTestCase {
    let evil = "\"Kim\u{1B}]0;pwned\u{07}\u{202E}\""

    func testAListShowsCandidatesEscapedAndAlignedByWhatIsShown() {
        let lines = CandidateColumns.lines([evil, "\"Sgt Bea Cole\""], width: 80)
        XCTAssertEqual(lines, ["\"Kim^[]0;pwned^G\\u{202E}\"  \"Sgt Bea Cole\""])
    }

    func testAnUnsafeCandidateIsListedNotInserted() {
        XCTAssertEqual(TabAction.decide(Completion(candidates: [evil], replacing: 2), before: "assign \"K"), .list([evil]))
        XCTAssertEqual(TabAction.decide(Completion(candidates: ["\"Kim\u{1B}a\"", "\"Kim\u{1B}b\""], replacing: 2), before: "x \"K"),
                       .list(["\"Kim\u{1B}a\"", "\"Kim\u{1B}b\""]))
        XCTAssertEqual(TabAction.decide(Completion(candidates: ["\"Kim Ng\""], replacing: 2), before: "x \"K"),
                       .replace(deleting: 2, inserting: "\"Kim Ng\" "))
    }
}
