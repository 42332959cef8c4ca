import TCGDomain
@testable import TCGLanguage
import TCGText
import XCTest

/// Text from the register reaches people as text: controls and bidi characters are shown
/// escaped, CSV cells cannot start a formula, Markdown cannot gain a heading, a row or a tag.
final class OutputEscapingTests: XCTestCase {
    let osc = "Op\u{1B}]0;pwned\u{07}\u{1B}[2J"
    let bidi = "Kim \u{202E}gN"

    // MARK: TerminalText

    func testOrdinaryTextIsReturnedAsItIs() {
        for text in ["", "Sgt Bea Cole", "ST&CG — Westshire · 2027", "Zoë Ångström", "line one\nline two\tend", "👩‍👩‍👧"] {
            XCTAssertEqual(TerminalText.escaped(text), text)
        }
        XCTAssertEqual(TerminalText.escaped("Zoë", layout: .singleLine), "Zoë")
    }

    func testControlsAreCaretNotationAndOthersAreCodePoints() {
        XCTAssertEqual(TerminalText.escaped(osc), "Op^[]0;pwned^G^[[2J")
        XCTAssertEqual(TerminalText.escaped("a\u{0}b\u{7F}c\rd"), "a^@b^?c^Md")
        XCTAssertEqual(TerminalText.escaped("x\u{9B}2J"), "x\\u{009B}2J", "C1 CSI")
        XCTAssertEqual(TerminalText.escaped(bidi), "Kim \\u{202E}gN")
        for v: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x200B, 0x2060, 0xFEFF, 0x2028] {
            let s = "a" + String(Character(Unicode.Scalar(v)!)) + "b"
            XCTAssertTrue(TerminalText.needsEscaping(s), String(v, radix: 16))
            XCTAssertFalse(TerminalText.escaped(s).unicodeScalars.contains { $0.value == v })
        }
    }

    func testOneLineShowsNewlinesAndTabs() {
        XCTAssertEqual(TerminalText.escaped("a\nb\tc", layout: .singleLine), "a⏎b^Ic")
        XCTAssertEqual(TerminalText.escaped("a\nb\tc", layout: .lines), "a\nb\tc")
    }

    // MARK: Tables and diagnostics

    func testATableShowsEveryTextEscapedOnOneLine() {
        let doc = Document(shape: .object, title: "show \(osc)", fields: [("owner", .person(1, bidi))], sections: [
            Section(key: "actions", title: "Actions", columns: ["id", "result"],
                    rows: [[.word("A-1"), .text("done\n| x | y |\n\u{1B}[1A")]]),
        ])
        let text = Renderer(format: .table, width: 60).render(.document(doc))
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x07 }, text)
        XCTAssertTrue(text.contains("show Op^[]0;pwned^G^[[2J"), text)
        XCTAssertTrue(text.contains("Kim \\u{202E}gN"), text)
        XCTAssertTrue(text.contains("done⏎| x | y |⏎^[[1A"), text)
        XCTAssertEqual(text.split(separator: "\n").count, 6, "title, field, blank, heading, header, rule, one row: \(text)")
    }

    func testADiagnosticEscapesItsSourceLineAndMessageAndKeepsTheCaretUnderTheColumn() {
        let source = SourceFile(name: "x.tcg", text: "add person \"\u{1B}[2J\" bogus")
        let d = Diagnostic(.error, "unknown person \"\u{1B}[2J\"", range: SourceRange(18, 23), help: "did you mean \"\u{202E}x\"?")
        let text = d.render(in: source)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, text)
        XCTAssertEqual(text, """
            x.tcg:1:19: error: unknown person "^[[2J"
                add person "^[[2J" bogus
                                   ^~~~~
            help: did you mean "\\u{202E}x"?

            """)
    }

    // MARK: JSON

    func testJSONStaysExactJSONWithoutRawControls() {
        let doc = Document(shape: .list, sections: [Section(key: "a", title: "A", columns: ["title"], rows: [[.text("\(osc)\u{9B}\(bidi)")]])])
        let json = Renderer(format: .json, width: nil).render(.document(doc))
        XCTAssertFalse(json.unicodeScalars.contains { UnsafeScalar.isUnsafe($0) && $0 != "\n" }, json)
        XCTAssertTrue(json.contains(#""title":"Op\u001b]0;pwned\u0007\u001b[2J\u009BKim \u202EgN""#), json)
        XCTAssertEqual(JSONRender.safe("[\"Zoë\"]"), "[\"Zoë\"]")
    }

    // MARK: CSV

    func testCSVCellsThatWouldBeFormulasAreQuotedAndPrefixed() {
        XCTAssertEqual(CSVRender.cell(.text("=HYPERLINK(\"http://x\")")), "\"'=HYPERLINK(\"\"http://x\"\")\"")
        XCTAssertEqual(CSVRender.cell(.text("+1+cmd|' /C calc'!A0")), "\"'+1+cmd|' /C calc'!A0\"")
        XCTAssertEqual(CSVRender.cell(.text("-2+3")), "\"'-2+3\"")
        XCTAssertEqual(CSVRender.cell(.text("@SUM(A1)")), "\"'@SUM(A1)\"")
        XCTAssertEqual(CSVRender.cell(.text("\t=1")), "\"'\t=1\"")
        XCTAssertEqual(CSVRender.cell(.text("\r=1")), "\"'\r=1\"")
        XCTAssertEqual(CSVRender.cell(.person(1, "=evil")), "\"'=evil\"")
        XCTAssertEqual(CSVRender.cell(.list([.text("=a"), .text("b")])), "\"'=a; b\"")
    }

    func testCSVLeavesNumbersDatesIdsAndOrdinaryTextAlone() {
        XCTAssertEqual(CSVRender.cell(.int(-5)), "-5")
        XCTAssertEqual(CSVRender.cell(.text("-12")), "-12")
        XCTAssertEqual(CSVRender.cell(.text("+3.5")), "+3.5")
        XCTAssertEqual(CSVRender.cell(.id(RecordID(.action, 3))), "A-3")
        XCTAssertEqual(CSVRender.cell(.text("Patrols, night")), "\"Patrols, night\"")
        XCTAssertEqual(CSVRender.cell(.text("a = b")), "a = b")
        XCTAssertEqual(CSVRender.cell(.text("-")), "\"'-\"", "a lone sign is no number")
        XCTAssertEqual(CSVRender.cell(.text("-1.")), "\"'-1.\"")
    }

    // MARK: Markdown

    func testMarkdownTextCannotAddAHeadingARowOrATag() {
        XCTAssertEqual(MarkdownText.inline("done\n## Owned\n| x | y |<script>alert(1)</script> & \\|"),
                       "done<br>## Owned<br>\\| x \\| y \\|&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\\\\\|")
        XCTAssertEqual(MarkdownText.heading("Title\r\n# Injected"), "Title # Injected")
        XCTAssertEqual(MarkdownText.inline(osc), "Op^[]0;pwned^G^[[2J")
        XCTAssertEqual(MarkdownText.inline("Sgt Bea Cole"), "Sgt Bea Cole")
    }

    func testAMarkdownDocumentHasOneLinePerRow() {
        let doc = Document(shape: .object, title: "T\n# H", fields: [("result", .text("a\n- b"))], sections: [
            Section(key: "a", title: "Actions\n## x", columns: ["title"], rows: [[.text("r1\n| x | y |\n<b>")], [.text("r2")]]),
        ])
        let md = Renderer(format: .markdown, width: nil).render(.document(doc))
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.filter { $0.hasPrefix("#") }, ["## T # H", "### Actions ## x"], md)
        XCTAssertEqual(lines.filter { $0.hasPrefix("|") }.count, 4, "header, rule, two rows: \(md)")
        XCTAssertEqual(lines.filter { $0.hasPrefix("- ") }, ["- **result**: a<br>- b"], md)
        XCTAssertFalse(md.contains("<b>"), md)
    }

    // MARK: HTML report

    func testTheHTMLReportEscapesEveryFieldIncludingTheTitle() throws {
        var register = Register()
        try register.addUnit(name: "Westshire", kind: .force, parent: nil)
        let report = HTMLReport(register: register, today: try XCTUnwrap(Day(iso: "2027-03-10")), unit: nil)
        let evil = "<script>x</script>\"'&\u{202E}"
        let doc = Document(shape: .object, title: evil, fields: [(evil, .text(evil))], sections: [
            Section(key: "a", title: evil, columns: ["title", "late"], rows: [[.text(evil), .text(evil)]]),
        ])
        let html = report.html(doc, extra: nil)
        XCTAssertFalse(html.contains("<script>"), html)
        XCTAssertFalse(html.unicodeScalars.contains { $0.value == 0x202E })
        XCTAssertTrue(html.contains("<title>&lt;script&gt;x&lt;/script&gt;&quot;'&amp;\\u{202E}</title>"), html)
        let md = report.markdown(doc, extra: nil)
        XCTAssertFalse(md.contains("<script>"), md)
        XCTAssertTrue(md.hasPrefix("# &lt;script&gt;"), md)
    }
}
