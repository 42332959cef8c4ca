import TCGDomain

/// What parsing a source produced: statements, every syntax error, and whether input is incomplete.
public struct ParseResult: Sendable {
    /// The statements that parsed.
    public var statements: [Statement]
    /// Every syntax error, in source order.
    public var diagnostics: [Diagnostic]
    /// Set when the source ended inside a string, bracket or block, or after `\`.
    public var incomplete: Incomplete?
    /// Whether any statement (nested ones included) is `undo`: then the run keeps what undo needs.
    public var usesUndo = false
    /// Whether any statement (nested ones included) is a query, a report or a `run` (whose
    /// file may query): then the run answers from the register, so the register must exist
    /// (tcg refuses a query on a workspace that has not been created).
    public var readsRegister = false
}

/// Parses tokens into statements by the command table. It never prints; it recovers at
/// statement boundaries so that every syntax error is reported in one run.
public struct Parser {
    /// The deepest nesting of blocks, parentheses and conditions accepted.
    public static let maxDepth = 100

    let source: SourceFile
    var tokens: [Token]
    var p = 0
    var depth = 0
    var diagnostics: [Diagnostic] = []
    /// The spans of statements that failed to parse (from their start to where recovery resumed).
    var failed: [SourceRange] = []
    /// Whether an `undo` was parsed.
    var usesUndo = false
    /// Whether a query, a report or a `run` was parsed.
    var readsRegister = false

    /// Parses a whole source.
    public static func parse(_ source: SourceFile) -> ParseResult {
        var lexer = Lexer(source: source)
        var parsed = ParsedRuns()
        let first = lexer.nextRun(minimum: 4096)
        if first.last {
            parsed.parse(first.tokens, in: source)
        } else {
            // A long source: the runs are parsed on a second thread while the next are lexed.
            let runs = RunParser(source: source)
            runs.add(first.tokens)
            var last = false
            while !last {
                let run = lexer.nextRun(minimum: 4096)
                last = run.last
                runs.add(run.tokens)
            }
            parsed = runs.finish()
        }
        var statements = parsed.statements, diagnostics = parsed.diagnostics
        let failed = parsed.failed, usesUndo = parsed.usesUndo, readsRegister = parsed.readsRegister
        diagnostics += lexer.diagnostics
        if let incomplete = lexer.incomplete {
            switch incomplete {
            case .string:
                let start = lexer.lastStringStart ?? 0
                diagnostics.append(Diagnostic(.error, "this string is never closed", range: SourceRange(start, start + 1),
                                              help: "end it with `\"`"))
            case .continuation:
                diagnostics.append(Diagnostic(.error, "the last line ends with `\\` but nothing follows",
                                              range: SourceRange(max(0, source.bytes.count - 1), source.bytes.count),
                                              help: "remove the `\\`"))
            case .bracket: break
            }
        }
        diagnostics.sort { $0.range.start < $1.range.start }
        if !diagnostics.isEmpty && lexer.incomplete != nil { statements = [] }
        return ParseResult(statements: statements, diagnostics: firstPerStatement(dedupe(diagnostics), failed: failed, source),
                           incomplete: lexer.incomplete, usesUndo: usesUndo, readsRegister: readsRegister)
    }

    /// One error per broken statement, not a cascade: a later error inside a statement that already
    /// has one (its line, or the span recovery skipped) is left out. Diagnostics are in source order.
    static func firstPerStatement(_ d: [Diagnostic], failed: [SourceRange], _ source: SourceFile) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for x in d {
            if let last = out.last {
                let sameSpan = failed.contains { $0.start <= last.range.start && last.range.start < max($0.end, $0.start + 1)
                    && $0.start <= x.range.start && x.range.start < $0.end }
                if sameSpan || source.location(of: last.range.start).line == source.location(of: x.range.start).line { continue }
            }
            out.append(x)
        }
        return out
    }

    static func dedupe(_ d: [Diagnostic]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for x in d where !out.contains(where: { $0.range.start == x.range.start && $0.message == x.message }) { out.append(x) }
        return out
    }

    // MARK: Tokens

    var peek: Token { tokens[min(p, tokens.count - 1)] }
    func peek(_ k: Int) -> Token { tokens[min(p + k, tokens.count - 1)] }
    mutating func advance() -> Token {
        let t = peek
        if p < tokens.count - 1 { p += 1 }
        return t
    }

    var atStatementEnd: Bool {
        switch peek.kind {
        case .newline, .semicolon, .eof, .rbrace, .lbrace, .rparen: return true
        default: return false
        }
    }

    func fail(_ message: String, _ token: Token, help: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, range: token.range, help: help)
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "the end of the input"
        case .newline: return "the end of the line"
        case .string: return "a string"
        case .word: return "`\(t.shown)`"
        default: return "`\(t.shown)`"
        }
    }

    mutating func expect(_ kind: Token.Kind, _ what: String) throws(Diagnostic) -> Token {
        if peek.kind == kind { return advance() }
        throw fail("expected \(what), found \(describe(peek))", peek)
    }

    mutating func enter(_ t: Token) throws(Diagnostic) {
        depth += 1
        if depth > Parser.maxDepth {
            throw fail("nested too deeply (more than \(Parser.maxDepth) levels)", t, help: "split the script into simpler statements")
        }
    }

    // MARK: Statements

    mutating func parseStatements(inBlock: Bool) -> [Statement] {
        var out: [Statement] = []
        while true {
            while peek.kind == .newline || peek.kind == .semicolon { _ = advance() }
            if peek.kind == .eof { return out }
            if peek.kind == .rbrace {
                if inBlock { return out }
                diagnostics.append(fail("`}` closes nothing", peek))
                _ = advance()
                continue
            }
            let statementStart = peek.range.start
            do throws(Diagnostic) {
                let s = try parseStatement()
                out.append(s)
                switch peek.kind {
                case .newline, .semicolon, .eof: break
                case .rbrace where inBlock: break
                default:
                    throw fail("expected the end of the statement, found \(describe(peek))", peek,
                               help: peek.isSignedLiteral ? "to add or subtract, put a space after the sign: `- 2w`, `+ 14d`"
                                   : "put one statement on a line, or separate them with `;`")
                }
            } catch {
                diagnostics.append(error)
                synchronize(inBlock: inBlock)
                failed.append(SourceRange(statementStart, max(statementStart, peek.range.start)))
            }
        }
    }

    /// Skips to the end of the broken statement (balancing braces).
    mutating func synchronize(inBlock: Bool) {
        var braces = 0
        while true {
            switch peek.kind {
            case .eof: return
            case .newline, .semicolon: if braces == 0 { return }
            case .lbrace: braces += 1
            case .rbrace:
                if braces == 0 { if inBlock { return } } else { braces -= 1 }
            default: break
            }
            _ = advance()
        }
    }

    mutating func parseStatement() throws(Diagnostic) -> Statement {
        let t = peek
        guard t.kind == .word else {
            if t.kind == .variable {
                throw fail("a statement starts with a verb, not a variable", t, help: "to print it, write echo $\(t.shown)")
            }
            throw fail("expected a statement, found \(describe(t))", t, help: "statements start with a verb; try `help`")
        }
        switch t.lower {
        case "let": return try parseLet()
        case "echo": return try parseEcho()
        case "for": return try parseFor()
        case "if": return try parseIf()
        case "assert": return try parseAssert()
        case "run":
            readsRegister = true
            return try parseRun()
        case "else": throw fail("`else` without an `if`", t)
        case "edit", "watch":
            throw fail("`\(t.lower)` works only at the tcg prompt (the REPL), not in a script", t,
                       help: "start tcg without a script (the REPL) and type it there")
        default: return .command(try parseCommand())
        }
    }

    mutating func block() throws(Diagnostic) -> [Statement] {
        let open = try expect(.lbrace, "`{`")
        try enter(open)
        defer { depth -= 1 }
        let body = parseStatements(inBlock: true)
        if peek.kind != .rbrace {
            throw fail("expected `}` to close the block opened on line \(source.location(of: open.range.start).line)", peek)
        }
        _ = advance()
        return body
    }

    mutating func parseLet() throws(Diagnostic) -> Statement {
        let start = advance()
        let nameToken = peek
        guard nameToken.kind == .word || nameToken.kind == .variable else {
            throw fail("expected a variable name after `let`", nameToken, help: "write let NAME = VALUE")
        }
        _ = advance()
        guard peek.kind == .op, peek.text == "=" else {
            throw fail("expected `=` after `let \(nameToken.shown)`", peek, help: "write let \(nameToken.shown) = VALUE")
        }
        _ = advance()
        let value = try letValue()
        return .assign(name: nameToken.text, value: value, range: start.range.through(tokens[max(0, p - 1)].range))
    }

    mutating func letValue() throws(Diagnostic) -> LetValue {
        if peek.kind == .word, CommandTable.byFirstWord[peek.lower] != nil,
           !["let", "for", "if", "else"].contains(peek.lower) {
            return .statement(try parseStatement())
        }
        if atStatementEnd { throw fail("expected a value or a statement, found \(describe(peek))", peek) }
        return .value(try parseCondition(where: false))
    }

    mutating func parseEcho() throws(Diagnostic) -> Statement {
        let start = advance()
        var values: [Expr] = []
        while !atStatementEnd { values.append(try parseSum(where: false)) }
        return .echo(values, range: start.range.through(tokens[max(0, p - 1)].range))
    }

    mutating func parseFor() throws(Diagnostic) -> Statement {
        let start = advance()
        let v = peek
        guard v.kind == .variable || v.kind == .word else {
            throw fail("expected a loop variable after `for`", v, help: "write for $a in list actions where overdue { … }")
        }
        _ = advance()
        guard peek.isWord("in") else { throw fail("expected `in` after `for $\(v.shown)`", peek) }
        _ = advance()
        let source = try letValue()
        let body = try block()
        return .loop(variable: v.text, source: source, body: body, range: start.range.through(tokens[max(0, p - 1)].range))
    }

    mutating func parseIf() throws(Diagnostic) -> Statement {
        let start = advance()
        try enter(start)
        defer { depth -= 1 }
        let condition = try parseCondition(where: false)
        let then = try block()
        var otherwise: [Statement]?
        var k = 0
        while peek(k).kind == .newline { k += 1 }
        if peek(k).isWord("else") {
            p += k
            _ = advance()
            if peek.isWord("if") {
                otherwise = [try parseIf()]
            } else {
                otherwise = try block()
            }
        }
        return .branch(condition: condition, then: then, otherwise: otherwise, range: start.range.through(tokens[max(0, p - 1)].range))
    }

    mutating func parseAssert() throws(Diagnostic) -> Statement {
        let start = advance()
        if atStatementEnd { throw fail("expected a condition after `assert`", peek, help: "write assert (count actions where overdue) = 0") }
        let condition = try parseCondition(where: false)
        var message: Expr?
        if peek.kind == .string || peek.kind == .variable { message = try parseOperand(where: false) }
        return .check(condition: condition, message: message, range: start.range.through(tokens[max(0, p - 1)].range))
    }

    /// `run FILE [NAME=VALUE]...`: the file as a bare path, a word, a string or `$var`.
    mutating func parseRun() throws(Diagnostic) -> Statement {
        let start = advance()
        let t = peek
        let path: Expr
        switch t.kind {
        case .path, .word, .id: _ = advance(); path = .string([.text(t.text)], t.range)
        case .string, .variable: path = try parseOperand(where: false)
        default: throw fail("expected a file after `run`, found \(describe(t))", t, help: "write run other.tcg (or run \"my file.tcg\")")
        }
        var parameters: [(name: String, value: Expr)] = []
        while !atStatementEnd {
            let name = peek
            guard name.kind == .word, peek(1).kind == .op, peek(1).text == "=" else {
                throw fail("expected NAME=VALUE after the file, found \(describe(name))", name, help: "write run \(t.shown) unit=East")
            }
            _ = advance()
            _ = advance()
            let value = peek
            switch value.kind {
            case .word, .path: _ = advance(); parameters.append((name.text, .string([.text(value.text)], value.range)))
            default: parameters.append((name.text, try parseSum(where: false)))
            }
        }
        return .include(path: path, parameters: parameters, range: start.range.through(tokens[max(0, p - 1)].range))
    }
}
