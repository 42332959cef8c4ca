import Foundation
import XCTest
@testable import TCGLanguage

/// docs/language.md's command section is generated from the command table; this keeps them equal.
/// Regenerate with `RECORD_SNAPSHOTS=1 swift test --filter ReferenceDocTests`.
final class ReferenceDocTests: XCTestCase {
    func testLanguageReferenceMatchesTheCommandTable() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/language.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let begin = text.range(of: LanguageReference.begin), let end = text.range(of: LanguageReference.end) else {
            return XCTFail("docs/language.md has no generated command section")
        }
        let generated = "\n" + LanguageReference.markdown()
        let current = String(text[begin.upperBound..<end.lowerBound])
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try (String(text[..<begin.upperBound]) + generated + String(text[end.lowerBound...])).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        XCTAssertEqual(current, generated, "docs/language.md is out of date: RECORD_SNAPSHOTS=1 swift test --filter ReferenceDocTests")
        for spec in CommandTable.all {
            XCTAssertTrue(text.contains("`\(spec.words.joined(separator: " "))`"), "\(spec.words) is not documented")
        }
    }

    func testHelpIsGeneratedFromTheTable() {
        let overview = Help.text(topic: nil)
        for spec in CommandTable.all { XCTAssertTrue(overview.contains(spec.synopsis), spec.synopsis) }
        XCTAssertTrue(Help.text(topic: "add action").contains("Task a PIER action"))
        XCTAssertTrue(Help.text(topic: "ad actoin").contains("did you mean"))
    }
}
