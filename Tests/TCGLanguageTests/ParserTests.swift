import XCTest
@testable import TCGLanguage
@testable import TCGDomain

/// The lexer and parser against text alone.
final class ParserTests: XCTestCase {
    func parse(_ text: String) -> ParseResult { Parser.parse(SourceFile(name: "t.tcg", text: text)) }

    func testTokensOfTheLexicalForms() {
        let lexer = Lexer.tokenize(SourceFile(name: "t", text: "add M-3 DP-12 2027-12-01 today+14d +3d today-2w 3mo \"a \\\"b\\\" $x\" $y crime-impact"))
        let kinds = lexer.tokens.map(\.kind)
        XCTAssertEqual(kinds, [.word, .id, .id, .date, .relativeDate, .relativeDate, .relativeDate, .duration, .string, .variable, .word, .eof])
        XCTAssertEqual(lexer.tokens[4].duration, Duration(count: 14, unit: .days))
        XCTAssertEqual(lexer.tokens[6].duration, Duration(count: -2, unit: .weeks))
        XCTAssertEqual(lexer.tokens[8].parts, [.text("a \"b\" "), .variable("x", SourceRange(61, 63))])
        XCTAssertTrue(lexer.diagnostics.isEmpty)
    }

    /// A long script is parsed a run of tokens at a time: runs end only between top-level
    /// statements, never inside a block or between `}` and an `else` on the next line, and errors
    /// anywhere keep their lines.
    func testLongScriptsParseTheSameInRuns() {
        var lines: [String] = []
        var branches = 0
        for n in 1...4000 {
            if n % 11 == 0 {
                // Mostly blocks, so that runs reach their minimum inside one.
                lines += ["if 1 = 1 {"] + (1...30).map { "  echo \"then \(n).\($0)\"" } + ["}", "", "else {", "  echo \"else\"", "}"]
                branches += 1
            } else {
                lines.append("echo \"line \(n)\" \(n)")
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        let r = parse(text)
        XCTAssertTrue(r.diagnostics.isEmpty, "\(r.diagnostics.prefix(3))")
        XCTAssertEqual(r.statements.count, 4000)
        let withElse = r.statements.filter {
            if case .branch(_, _, let otherwise?, _) = $0 { return otherwise.count == 1 }
            return false
        }
        XCTAssertEqual(withElse.count, branches)
        // The same statements as lexing the whole text at once and parsing it in one go.
        var whole = Parser(source: SourceFile(name: "t.tcg", text: text), tokens: Lexer.tokenize(SourceFile(name: "t.tcg", text: text)).tokens)
        let all = whole.parseStatements(inBlock: false)
        XCTAssertTrue(all.map(\.range) == r.statements.map(\.range), "parsing in runs changed the statements")

        // Errors early and late, each on its own line.
        var broken = lines
        broken[9] = "ad unit X"
        broken[broken.count - 3] = "list actoins"
        let source = SourceFile(name: "t.tcg", text: broken.joined(separator: "\n"))
        let errors = Parser.parse(source).diagnostics
        XCTAssertEqual(errors.map { source.location(of: $0.range.start).line }, [10, broken.count - 2])

        // Runs are parsed on a second thread while the next are lexed (RunParser): what the last
        // run alone holds (an `undo`, a query) still marks the whole, and an error in every run
        // keeps its place in order.
        XCTAssertFalse(r.usesUndo)
        XCTAssertFalse(r.readsRegister)
        let late = Parser.parse(SourceFile(name: "t.tcg", text: text + "undo\nlist actions\n"))
        XCTAssertTrue(late.usesUndo)
        XCTAssertTrue(late.readsRegister)
        XCTAssertEqual(late.statements.count, 4002)
        var everywhere = lines
        let wrong = stride(from: 5, to: lines.count, by: 101).filter { lines[$0].hasPrefix("echo \"line") }
        for i in wrong { everywhere[i] = "ad unit X\(i)" }
        let spread = SourceFile(name: "t.tcg", text: everywhere.joined(separator: "\n"))
        let spreadErrors = Parser.parse(spread).diagnostics
        XCTAssertGreaterThan(wrong.count, 20)
        XCTAssertEqual(spreadErrors.map { spread.location(of: $0.range.start).line }, wrong.map { $0 + 1 })
    }

    func testKeywordsAreCaseInsensitive() {
        let r = parse("CREATE MEETING TTCG on 2027-03-01")
        XCTAssertTrue(r.diagnostics.isEmpty, "\(r.diagnostics)")
        guard case .command(let c)? = r.statements.first else { return XCTFail("no command") }
        XCTAssertEqual(c.spec.name, "create meeting")
    }

    func testClausesInAnyOrderAndRequiredOnes() {
        XCTAssertTrue(parse("add priority \"X\" rationale \"why\" owner \"Kim\"").diagnostics.isEmpty)
        let r = parse("add priority \"X\" owner \"Kim\"")
        XCTAssertEqual(r.diagnostics.first?.message, "`add priority` needs `rationale \"TEXT\"`")
    }

    func testDidYouMeanForVerbsAndKeywords() {
        XCTAssertEqual(parse("ad unit X").diagnostics.first?.help?.hasPrefix("did you mean add"), true)
        XCTAssertEqual(parse("add unit X knd bcu").diagnostics.first?.help, "did you mean kind?")
        XCTAssertEqual(parse("add action prevntion \"t\" to DP-1 owner \"a\" due today").diagnostics.first?.help, "did you mean prevention?")
    }

    func testSynonymsUsersTypePointAtTheTcgWay() {
        for word in ["done", "finish", "Done"] {
            let d = parse("\(word) A-1").diagnostics.first
            XCTAssertEqual(d?.message, "unknown command `\(word)`")
            XCTAssertEqual(d?.help?.hasPrefix("did you mean complete?"), true, word)
        }
        for word in ["delete", "remove"] {
            let help = parse("\(word) A-1").diagnostics.first?.help ?? ""
            XCTAssertTrue(help.hasPrefix("nothing is deleted (R13)"), help)
            for way in ["cancel", "retire priority", "supersedes"] { XCTAssertTrue(help.contains(way), help) }
        }
    }

    func testWhetherAScriptReadsTheRegister() {
        XCTAssertTrue(parse("add unit W kind force\ncount units").readsRegister)
        XCTAssertTrue(parse("if true {\n  list actions\n}").readsRegister, "nested statements count")
        XCTAssertTrue(parse("run other.tcg").readsRegister, "the file run may query")
        XCTAssertTrue(parse("report register to r.md").readsRegister)
        XCTAssertFalse(parse("add unit W kind force\nhelp\necho \"hi\"\nset format json").readsRegister)
    }

    func testEverySyntaxErrorIsReported() {
        let r = parse("ad unit West\nadd unit X knd bcu\nlist actoins\ncount actions\n")
        XCTAssertEqual(r.diagnostics.count, 3)
        XCTAssertEqual(r.statements.count, 1)
    }

    func testIncompleteInputIsItsOwnResult() {
        XCTAssertEqual(parse("add person \"Zoë").incomplete, .string)
        XCTAssertEqual(parse("for $a in list actions {").incomplete, .bracket("}"))
        XCTAssertEqual(parse("list actions where (status = open").incomplete, .bracket(")"))
        XCTAssertEqual(parse("add unit X \\").incomplete, .continuation)
        XCTAssertNil(parse("add unit X \\\n kind force").incomplete)
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 100_000) + String(repeating: ")", count: 100_000)
        let r = parse("if " + deep + " { }")
        XCTAssertFalse(r.diagnostics.isEmpty)
        XCTAssertTrue(r.diagnostics[0].message.contains("nested too deeply"), r.diagnostics[0].message)
        let deepBraces = String(repeating: "if true {\n", count: 5_000)
        XCTAssertNotNil(parse(deepBraces).diagnostics.first)
    }

    func testHostileBytes() {
        let nul = Parser.parse(SourceFile(name: "t", bytes: Array("add unit A\u{0}".utf8)))
        XCTAssertEqual(nul.diagnostics.first?.message, "unexpected a NUL byte")
        let bad = Parser.parse(SourceFile(name: "t", bytes: [0x61, 0x64, 0x64, 0x20, 0xFF, 0xFE]))
        XCTAssertTrue(bad.diagnostics.first?.message.contains("not valid UTF-8") ?? false)
        let long = "echo \"" + String(repeating: "x", count: 2_000_000) + "\""
        XCTAssertTrue(parse(long).diagnostics.isEmpty)
    }

    func testDiagnosticRendering() {
        let source = SourceFile(name: "s.tcg", text: "add unit West\nadd unit X knd bcu\n")
        let d = Parser.parse(source).diagnostics[0]
        XCTAssertEqual(d.render(in: source), """
            s.tcg:2:12: error: unexpected `knd` in `add unit`: it takes `kind`, `parent`
                add unit X knd bcu
                           ^~~
            help: did you mean kind?

            """)
    }

    func testCommandTableSynopsis() {
        XCTAssertEqual(CommandTable.spec(named: "add action")?.synopsis,
                       "add action prevention|intelligence|enforcement|reassurance \"TITLE\" to DP-n owner PERSON due DATE [at M-n]")
        XCTAssertEqual(Set(CommandTable.all.map(\.name)).count, CommandTable.all.count, "every command has one entry")
    }
}
