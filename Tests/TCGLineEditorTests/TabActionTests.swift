import XCTest
@testable import TCGLineEditor

final class TabActionTests: XCTestCase {
    func testLongestCommonPrefix() {
        XCTAssertEqual(TabAction.longestCommonPrefix(["priority", "private", "prime"]), "pri")
        XCTAssertEqual(TabAction.longestCommonPrefix(["priority", "person"]), "p")
        XCTAssertEqual(TabAction.longestCommonPrefix(["abc", "xyz"]), "")
        XCTAssertEqual(TabAction.longestCommonPrefix(["\"Sgt Bea Cole\"", "\"Sgt Bo Diaz\""]), "\"Sgt B")
        XCTAssertEqual(TabAction.longestCommonPrefix(["Zoë", "Zoe"]), "Zo")
        XCTAssertEqual(TabAction.longestCommonPrefix([]), "")
    }

    func testNoCandidateBeeps() {
        XCTAssertEqual(TabAction.decide(Completion(candidates: [], replacing: 2), before: "add xy"), .beep)
    }

    func testOneCandidateReplacesThePartialWordAndAddsASpace() {
        XCTAssertEqual(TabAction.decide(Completion(candidates: ["priority"], replacing: 2), before: "add pr"),
                       .replace(deleting: 2, inserting: "priority "))
        XCTAssertEqual(
            TabAction.decide(Completion(candidates: ["/tmp/"], replacing: 2, appendSpace: false), before: "run /t"),
            .replace(deleting: 2, inserting: "/tmp/"))
    }

    func testDuplicateCandidatesCountOnce() {
        XCTAssertEqual(TabAction.decide(Completion(candidates: ["show", "show"], replacing: 1), before: "s"),
                       .replace(deleting: 1, inserting: "show "))
    }

    func testDeletionIsCountedInUnicodeScalarsForLibedit() {
        // "\"Zoé" typed with a combining accent: 4 Characters, 5 Unicode scalars.
        let before = "assign \"Zoe\u{301}"
        let completion = Completion(candidates: ["\"Zoé O'Brien-Müller\""], replacing: 4)
        XCTAssertEqual(TabAction.decide(completion, before: before),
                       .replace(deleting: 5, inserting: "\"Zoé O'Brien-Müller\" "))
    }

    func testReplacingIsClampedToTheText() {
        XCTAssertEqual(TabAction.decide(Completion(candidates: ["show"], replacing: 9), before: "sh"),
                       .replace(deleting: 2, inserting: "show "))
    }

    func testSeveralCandidatesInsertALongerCommonPrefixElseList() {
        XCTAssertEqual(TabAction.decide(Completion(candidates: ["priority", "private"], replacing: 2), before: "add pr"),
                       .replace(deleting: 2, inserting: "pri"))
        XCTAssertEqual(TabAction.decide(Completion(candidates: ["priority", "person"], replacing: 1), before: "add p"),
                       .list(["priority", "person"]))
    }
}
