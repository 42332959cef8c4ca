import TCGDomain
@testable import TCGLanguage
import XCTest

/// Tables fit a terminal's width (psql's `wrapped` format): empty columns go, constant columns
/// move above, free text wraps in its column and is never cut; `set expanded`; carets on lines
/// wider than the terminal. The reports are read back from what is printed, cell by cell.
final class TableRenderTests: XCTestCase {
    /// The demo register (`tcg demo`), built once.
    nonisolated(unsafe) static var demo: Interpreter = {
        let i = ScriptHarness.interpreter()
        let (_, error) = ScriptHarness.run(i, DemoScript.text())
        XCTAssertNil(error)
        return i
    }()

    /// The documents a query prints on the demo register.
    func documents(_ text: String, on i: Interpreter = TableRenderTests.demo) -> [Document] {
        let source = SourceFile(name: "t", text: text)
        let parsed = Parser.parse(source)
        XCTAssertEqual(parsed.diagnostics, [])
        XCTAssertNoThrow(try i.execute(parsed.statements, in: source, origin: .repl))
        return i.takePrinted().compactMap { p in
            if case .result(.document(let d), _) = p { return d }
            return nil
        }
    }

    func render(_ doc: Document, width: Int?) -> String {
        Renderer(format: .table, width: width).render(.document(doc))
    }

    // MARK: The demo's reports at 80 and 120 columns

    func testTheDemoReportsFitTheWidthAndReadWhole() throws {
        for width in [80, 120] {
            for query in ["minutes M-3", "minutes M-40", "strategy", "list decisions", "outstanding", "agenda next ttcg unit East"] {
                let docs = documents(query)
                XCTAssertEqual(docs.count, 1, query)
                for doc in docs {
                    let text = render(doc, width: width)
                    for line in text.split(separator: "\n") {
                        XCTAssertLessThanOrEqual(line.count, width, "\(query) at \(width): \(line)")
                    }
                    try assertReadsWhole(doc, text, "\(query) at \(width)")
                }
            }
        }
    }

    /// Every non-empty cell of every section is in the printed table, whole: in its column (its
    /// wrapped lines joined back) or on the line of moved columns above the table.
    func assertReadsWhole(_ doc: Document, _ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var tables = PrintedTable.all(in: text)
        for s in doc.sections where !s.rows.isEmpty {
            guard !tables.isEmpty else { return XCTFail("\(what): no table for \(s.title)", file: file, line: line) }
            let t = tables.removeFirst()
            XCTAssertEqual(t.rows.count, s.rows.count, "\(what): \(s.title) rows", file: file, line: line)
            for name in s.tableColumns ?? s.columns {
                guard let k = s.columns.firstIndex(of: name) else { continue }
                let values = s.rows.map { k < $0.count ? ($0[k]?.display ?? "") : "" }
                if values.allSatisfy(\.isEmpty) {
                    XCTAssertFalse(t.headers.contains(name), "\(what): empty column \(name) in \(s.title)", file: file, line: line)
                } else if let c = t.headers.firstIndex(of: name) {
                    for (r, v) in values.enumerated() where r < t.rows.count {
                        XCTAssertEqual(Self.unspaced(t.rows[r][c]), Self.unspaced(v), "\(what): \(s.title) \(name) row \(r + 1)", file: file, line: line)
                    }
                } else {
                    XCTAssertTrue(values.allSatisfy { $0 == values[0] } && s.rows.count > 1, "\(what): \(name) missing from \(s.title)", file: file, line: line)
                    XCTAssertTrue(Self.unspaced(t.above).contains(Self.unspaced("\(name): \(values[0])")), "\(what): \(name) not above \(s.title)", file: file, line: line)
                }
            }
        }
    }

    static func unspaced(_ s: String) -> String { String(s.filter { $0 != " " }) }

    /// A table read back from printed text: its headers, the text above them, and each row's cells
    /// with their wrapped lines joined.
    struct PrintedTable {
        var above = ""
        var headers: [String] = []
        var rows: [[String]] = []

        static func all(in text: String) -> [PrintedTable] {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var tables: [PrintedTable] = []
            for (n, line) in lines.enumerated() where isRule(line) {
                let spans = columns(of: line)
                var t = PrintedTable()
                let indent = String(repeating: " ", count: spans[0].lowerBound)
                var h = n - 1
                var headerLines: [String] = []
                // Header lines (wrapped headers take several), then the moved columns' line.
                while h >= 0, !lines[h].isEmpty, lines[h].hasPrefix(indent), !lines[h].contains(": "),
                      indent.isEmpty || lines[h].first == " " {
                    headerLines.insert(lines[h], at: 0)
                    h -= 1
                }
                while h >= 0, lines[h].hasPrefix(indent), lines[h].contains(": ") {
                    t.above = lines[h] + " " + t.above
                    h -= 1
                }
                t.headers = spans.map { span in headerLines.map { slice($0, span) }.joined() }
                var r = n + 1
                while r < lines.count, !lines[r].isEmpty, lines[r].hasPrefix(String(repeating: " ", count: spans[0].lowerBound)) {
                    let cells = spans.map { slice(lines[r], $0) }
                    if !cells[0].isEmpty || t.rows.isEmpty {
                        t.rows.append(cells)
                    } else {
                        for c in cells.indices where !cells[c].isEmpty {
                            t.rows[t.rows.count - 1][c] += " " + cells[c]
                        }
                    }
                    r += 1
                }
                tables.append(t)
            }
            return tables
        }

        static func isRule(_ line: String) -> Bool {
            let t = line.drop { $0 == " " }
            return t.hasPrefix("--") && t.allSatisfy { $0 == "-" || $0 == " " }
        }

        static func columns(of rule: String) -> [Range<Int>] {
            var spans: [Range<Int>] = []
            var start: Int?
            for (i, ch) in rule.enumerated() {
                if ch == "-", start == nil { start = i }
                if ch != "-", let s = start { spans.append(s..<i); start = nil }
            }
            if let s = start { spans.append(s..<rule.count) }
            // The last column runs to the end of its lines.
            if let last = spans.popLast() { spans.append(last.lowerBound..<Int.max) }
            return spans
        }

        static func slice(_ line: String, _ span: Range<Int>) -> String {
            let chars = Array(line)
            guard span.lowerBound < chars.count else { return "" }
            return String(chars[span.lowerBound..<min(span.upperBound, chars.count)]).trimmingTrailing
        }
    }

    // MARK: Columns

    let decisions = Document(shape: .list, sections: [
        Section(key: "decisions", title: "Decisions", columns: ["id", "date", "unit", "text", "supersedes", "result"], rows: [
            [.id(RecordID(.decision, 1)), .date(Day(iso: "2027-01-05") ?? Day(number: 0)), .word("Westshire"),
             .text("Adopt the 2027 control strategy after the strategic assessment of the previous autumn"), nil, .text("")],
            [.id(RecordID(.decision, 12)), .date(Day(iso: "2027-02-09") ?? Day(number: 0)), .word("Westshire"),
             .text("Task Op Lantern"), nil, nil],
        ]),
    ])

    func testEmptyColumnsGoAndAConstantColumnMovesAbove() {
        XCTAssertEqual(render(decisions, width: 60), """
            unit: Westshire
            id    date        text
            ----  ----------  ------------------------------------------
            D-1   2027-01-05  Adopt the 2027 control strategy after the
                              strategic assessment of the previous
                              autumn
            D-12  2027-02-09  Task Op Lantern

            """)
    }

    func testInAPipeRowsStayWholeAndEveryColumnButTheOldDroppableOnesStays() {
        let text = render(decisions, width: nil)
        XCTAssertTrue(text.hasPrefix("id    date        unit       text"), text)
        XCTAssertTrue(text.contains("supersedes  result"), text)
        XCTAssertTrue(text.contains("Adopt the 2027 control strategy after the strategic assessment of the previous autumn"), text)
        XCTAssertEqual(text.split(separator: "\n").count, 4)
    }

    func testIdsAndDatesKeepTheirWidthWhenTheTableIsNarrow() {
        let text = render(decisions, width: 30)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("D-1   2027-01-05  Adopt the") }, text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("D-12  2027-02-09  Task Op") }, text)
        for line in lines { XCTAssertLessThanOrEqual(line.count, 30, line) }
    }

    func testOneRowKeepsItsColumnsInPlace() {
        var one = decisions
        one.sections[0].rows.removeLast()
        XCTAssertTrue(render(one, width: 80).hasPrefix("id   date        unit       text"), render(one, width: 80))
    }

    func testTheLateColumnStaysAColumnAndStyled() {
        let doc = Document(shape: .list, sections: [
            Section(key: "actions", title: "Actions", columns: ["id", "title", "late"],
                    rows: [[.word("A-1"), .text("Patrols around the precinct on Friday and Saturday nights"), .text("5d")],
                           [.word("A-2"), .text("Leaflets"), .text("5d")]]),
        ])
        let styled = Renderer(format: .table, width: 40).styled(.document(doc))
        XCTAssertEqual(styled.texts(in: .late), ["5d", "5d"])
        XCTAssertTrue(styled.plain.hasPrefix("id   title"), styled.plain)
    }

    func testLongFieldValuesWrap() {
        let doc = Document(shape: .object, title: "Decision D-1",
                           fields: [("id", .word("D-1")), ("rationale", .text("Follows the strategic assessment, which put anti-social behaviour first"))])
        XCTAssertEqual(render(doc, width: 40), """
            Decision D-1
              id:        D-1
              rationale: Follows the strategic
                         assessment, which put
                         anti-social behaviour first

            """)
    }

    func testWrappingBreaksLongWordsAfterAHyphenAndKeepsEveryCharacter() {
        XCTAssertEqual(TextWrap.lines("a strategic-assessment b", width: 12), ["a", "strategic-", "assessment b"])
        XCTAssertEqual(TextWrap.lines("abcdefghijkl", width: 5), ["abcde", "fghij", "kl"])
        XCTAssertEqual(TextWrap.lines("short", width: nil), ["short"])
        XCTAssertEqual(TextWrap.lines("", width: 5), [""])
    }

    // MARK: set expanded

    func testExpandedOnShowsOneBlockPerRecord() {
        let i = ScriptHarness.interpreter()
        ScriptHarness.run(i, "set expanded on")
        XCTAssertEqual(i.expanded, .on)
        let doc = documents("list decisions where id = D-1", on: TableRenderTests.demo)
        XCTAssertEqual(doc.first?.expanded, .off, "the demo session did not ask for it")
        let demo = TableRenderTests.demo
        ScriptHarness.run(demo, "set expanded on")
        defer { demo.expanded = .off }
        guard let expanded = documents("list decisions where id in [D-1, D-2]").first else { return XCTFail() }
        XCTAssertEqual(render(expanded, width: nil), """
            -[ RECORD 1 ]---------------------------
            id:        D-1
            meeting:   M-1
            date:      2027-01-05
            text:      Adopt the 2027 control strategy
            rationale: Follows the strategic assessment
            -[ RECORD 2 ]---------------------------
            id:        D-2
            meeting:   M-35
            date:      2027-01-06
            text:      Task Op Lantern
            rationale: Serves the control strategy; tactical assessment AS-2

            """)
        let narrow = render(expanded, width: 30)
        for line in narrow.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 30, String(line)) }
        XCTAssertTrue(narrow.contains("rationale: Serves the control\n           strategy; tactical\n"), narrow)
    }

    func testExpandedAutoOnlyWhenTheRowsWouldNotFit() {
        let demo = TableRenderTests.demo
        ScriptHarness.run(demo, "set expanded auto")
        defer { demo.expanded = .off }
        guard let doc = documents("list decisions").first else { return XCTFail() }
        XCTAssertTrue(render(doc, width: 120).hasPrefix("id     meeting  date"), "fits at 120")
        XCTAssertTrue(render(doc, width: 80).hasPrefix("id     meeting  date"), "fits at 80, text wrapped")
        XCTAssertTrue(render(doc, width: 40).hasPrefix("-[ RECORD 1 ]"), "does not fit at 40")
        XCTAssertTrue(render(doc, width: nil).hasPrefix("id     meeting  date"), "a pipe has no width to overflow")
    }

    func testSetExpandedTakesOnOffAuto() {
        let i = ScriptHarness.interpreter()
        ScriptHarness.run(i, "set expanded auto")
        XCTAssertEqual(i.expanded, .auto)
        ScriptHarness.run(i, "set expanded off")
        XCTAssertEqual(i.expanded, .off)
        let source = SourceFile(name: "s.tcg", text: "set expanded sideways\n")
        let errors = Parser.parse(source).diagnostics
        XCTAssertEqual(errors.map { $0.render(in: source) }, ["""
            s.tcg:1:14: error: `sideways` is not one of off, on, auto
                set expanded sideways
                             ^~~~~~~~

            """])
        XCTAssertEqual(i.expanded, .off, "a bad setting changes nothing")
        XCTAssertTrue(ScriptHarness.run(i, "set format json\nset expanded on").error == nil)
        XCTAssertEqual(i.sessionState.expanded, .on)
    }

    // MARK: Carets on wide lines

    func testACaretStaysUnderItsColumnOnALineWiderThanTheTerminal() {
        let line = "list decisions where text = \"Adopt the 2027 control strategy\" and rationale = \"Follows the strategic assessment\" and whatever = 3 order by date"
        let source = SourceFile(name: "s.tcg", text: line + "\n")
        let column = line.firstRange(of: "whatever").map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? 0
        let d = Diagnostic(.error, "decisions have no field `whatever`", range: SourceRange(column, column + 8))
        for width in [40, 60, 80] {
            let lines = d.render(in: source, width: width).split(separator: "\n").map(String.init)
            XCTAssertEqual(lines[0], "s.tcg:1:\(column + 1): error: decisions have no field `whatever`")
            for l in lines.dropFirst() { XCTAssertLessThanOrEqual(l.count, width, l) }
            let caret = Array(lines[2]).firstIndex(of: "^") ?? -1
            XCTAssertEqual(String(Array(lines[1])[caret..<(caret + 8)]), "whatever", "at \(width)")
            XCTAssertEqual(lines[2].trimmingTrailing.count - caret, 8, "the caret spans the word")
            XCTAssertTrue(lines[1].hasPrefix("    …"), lines[1])
        }
        let whole = d.render(in: source).split(separator: "\n").map(String.init)
        XCTAssertEqual(whole[1], "    " + line, "no width: the line is quoted whole")
        let early = Diagnostic(.error, "x", range: SourceRange(0, 4))
        let cut = early.render(in: source, width: 60).split(separator: "\n").map(String.init)
        XCTAssertTrue(cut[1].hasPrefix("    list decisions") && cut[1].hasSuffix("…"), cut[1])
        XCTAssertEqual(cut[2], "    ^~~~")
    }
}

extension Diagnostic {
    /// Plain text at a terminal's width.
    func render(in source: SourceFile, width: Int) -> String {
        styled(in: source, width: width).plain
    }
}
