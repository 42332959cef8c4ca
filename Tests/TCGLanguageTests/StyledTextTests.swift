import TCGDomain
@testable import TCGLanguage
import XCTest

/// The renderers mark what their text means (headings, lateness, a diagnostic's parts) and never
/// write an escape code; their plain text is what tcg prints without colour.
final class StyledTextTests: XCTestCase {
    let overdue = Document(shape: .list, sections: [
        Section(key: "actions", title: "Actions", columns: ["id", "title", "late"],
                rows: [[.word("A-1"), .text("Patrols"), .text("5d")],
                       [.word("A-2"), .text("Leaflets"), nil]]),
    ])

    func testATableMarksItsHeaderAndTheLateColumn() {
        let styled = Renderer(format: .table, width: nil).styled(.document(overdue))
        XCTAssertEqual(styled.texts(in: .heading), ["id   title     late"])
        XCTAssertEqual(styled.texts(in: .late), ["5d"], "only a late value is .late, never its padding or an empty cell")
        XCTAssertEqual(styled.plain, """
            id   title     late
            ---  --------  ----
            A-1  Patrols   5d
            A-2  Leaflets

            """)
        XCTAssertEqual(Renderer(format: .table, width: nil).render(.document(overdue)), styled.plain)
    }

    func testADocumentMarksItsTitles() {
        let doc = Document(shape: .object, title: "Agenda", fields: [("meeting", .word("M-1"))],
                           sections: [Section(key: "actions", title: "Actions due", columns: ["id"], rows: [])])
        let styled = Renderer(format: .table, width: nil).styled(.document(doc))
        XCTAssertEqual(styled.texts(in: .heading), ["Agenda", "Actions due"])
        XCTAssertEqual(styled.plain, "Agenda\n  meeting: M-1\n\nActions due\n  (none)\n")
    }

    func testMachineFormatsArePlain() {
        for format in [OutputFormat.json, .csv, .markdown] {
            let styled = Renderer(format: format, width: nil).styled(.document(overdue))
            XCTAssertEqual(styled.runs.map(\.style), [.plain], "\(format)")
        }
    }

    func testADiagnosticMarksLocationLabelMessageCaretAndHelp() {
        let source = SourceFile(name: "s.tcg", text: "add unit West\nadd unit X knd bcu\n")
        let d = Parser.parse(source).diagnostics[0]
        let styled = d.styled(in: source)
        XCTAssertEqual(styled.runs.filter { $0.style != .plain }, [
            .init("s.tcg:2:12:", .location),
            .init("error:", .error),
            .init("unexpected `knd` in `add unit`: it takes `kind`, `parent`", .message),
            .init("^~~", .caret),
            .init("help:", .help),
        ])
        XCTAssertEqual(styled.plain, d.render(in: source))
        var warning = d
        warning.severity = .warning
        XCTAssertEqual(warning.styled(in: source).texts(in: .warning), ["warning:"])
    }

    func testRunsJoinAndTrim() {
        var text = StyledText("a", .heading)
        text.append("b", .heading)
        text.append("", .late)
        text.append("  ")
        text.append("c ", .late)
        text.append("   ")
        text.trimTrailingSpaces()
        XCTAssertEqual(text.runs, [.init("ab", .heading), .init("  "), .init("c", .late)])
    }
}
