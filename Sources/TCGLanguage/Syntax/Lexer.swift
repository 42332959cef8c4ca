import TCGDomain

/// Why a piece of input cannot run yet: the REPL shows a continuation prompt for it.
public enum Incomplete: Sendable, Equatable {
    /// Inside a string literal.
    case string
    /// Inside `(`, `[` or `{`, waiting for the closer.
    case bracket(Character)
    /// The last line ended with `\`.
    case continuation

    /// What the continuation prompt says it is waiting for.
    public var waitingFor: String {
        switch self {
        case .string: return "\""
        case .bracket(let c): return String(c)
        case .continuation: return "\\"
        }
    }
}

/// Turns source bytes into tokens. Newlines inside `( )` and `[ ]` are spaces; inside `{ }`
/// and at the top level they end statements.
public struct Lexer {
    /// The deepest bracket nesting accepted; deeper input is an error, not a crash.
    public static let maxNesting = 200

    let source: SourceFile
    let b: [UInt8]
    var i = 0
    var stack: [UInt8] = []
    /// The tokens so far.
    public private(set) var tokens: [Token] = []
    /// Errors found (the lexer goes on after each).
    public private(set) var diagnostics: [Diagnostic] = []
    /// Set when the input ended inside a string, a bracket or after `\`.
    public private(set) var incomplete: Incomplete?
    /// Where the last string literal started (for "this string is never closed").
    public private(set) var lastStringStart: Int?

    /// Lexes a whole source.
    public static func tokenize(_ source: SourceFile) -> Lexer {
        var lexer = Lexer(source: source)
        lexer.run()
        return lexer
    }

    init(source: SourceFile) {
        self.source = source
        self.b = source.bytes
        tokens.reserveCapacity(min(b.count / 4, 4608))
    }

    mutating func error(_ message: String, _ start: Int, _ end: Int, help: String? = nil) {
        diagnostics.append(Diagnostic(.error, message, range: SourceRange(start, end), help: help))
    }

    mutating func add(_ kind: Token.Kind, _ start: Int, _ text: String) {
        tokens.append(Token(kind: kind, range: SourceRange(start, i), text: text))
    }

    mutating func run() {
        guard checkUTF8() else { return }
        while i < b.count { step() }
        finish()
    }

    /// Refuses input that is not UTF-8 (leaving only the end token); true when it is.
    mutating func checkUTF8() -> Bool {
        guard let bad = Lexer.firstInvalidUTF8(b) else { return true }
        error("the script is not valid UTF-8 text (byte \(bad))", bad, bad + 1,
              help: "save the file as UTF-8")
        i = b.count
        tokens = [Token(kind: .eof, range: SourceRange(b.count, b.count), text: "")]
        return false
    }

    /// The next run of tokens for the parser: at least `minimum` tokens, ending where a top-level
    /// statement ends (a newline outside brackets and braces, not after `}`, which `else` may
    /// follow on the next line), then an end token; or everything left. A long script is parsed
    /// a run at a time, so its tokens are never all in memory at once.
    mutating func nextRun(minimum: Int) -> (tokens: [Token], last: Bool) {
        if i == 0, tokens.isEmpty, !checkUTF8() { return (tokens, true) }
        var looked = tokens.count, afterBrace = false
        while i < b.count {
            step()
            let n = tokens.count
            while looked < n {
                if tokens[looked].kind != .newline { afterBrace = tokens[looked].kind == .rbrace }
                looked += 1
            }
            if n >= minimum, stack.isEmpty, tokens[n - 1].kind == .newline, !afterBrace {
                tokens.append(Token(kind: .eof, range: SourceRange(i, i), text: ""))
                // Hand the buffer over whole (no copy of its tokens) and start a new one.
                let run = tokens
                tokens = []
                tokens.reserveCapacity(n + 64)
                return (run, false)
            }
        }
        finish()
        let run = tokens
        tokens = []
        return (run, true)
    }

    /// Lexes one token (or skips white space or a comment).
    mutating func step() {
        let c = b[i]
        switch c {
        case 32, 9, 13: i += 1
        case 10:
            i += 1
            if stack.last != UInt8(ascii: "("), stack.last != UInt8(ascii: "[") {
                tokens.append(Token(kind: .newline, range: SourceRange(i - 1, i), text: "\n"))
            }
        case UInt8(ascii: "#"):
            while i < b.count, b[i] != 10 { i += 1 }
        case UInt8(ascii: "\\"):
            let start = i
            i += 1
            while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 13 { i += 1 }
            if i >= b.count {
                incomplete = .continuation
            } else if b[i] == 10 {
                i += 1
            } else {
                error("a `\\` outside a string continues the line and must end it", start, start + 1,
                      help: "remove it, or put it at the end of the line")
            }
        case UInt8(ascii: "\""): lexString()
        case UInt8(ascii: "$"): lexVariable()
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            let start = i
            i += 1
            if stack.count >= Lexer.maxNesting {
                error("brackets are nested too deeply (more than \(Lexer.maxNesting) levels)", start, i)
                i = b.count
                return
            }
            stack.append(c)
            add(c == UInt8(ascii: "(") ? .lparen : c == UInt8(ascii: "[") ? .lbracket : .lbrace, start, String(UnicodeScalar(c)))
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            let start = i
            i += 1
            let open: UInt8 = c == UInt8(ascii: ")") ? UInt8(ascii: "(") : c == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
            if let last = stack.last, last == open {
                stack.removeLast()
            } else if let last = stack.last {
                error("`\(UnicodeScalar(c))` closes nothing here: `\(UnicodeScalar(last))` is still open", start, i)
            } else {
                error("`\(UnicodeScalar(c))` closes nothing", start, i, help: "remove it")
            }
            add(c == UInt8(ascii: ")") ? .rparen : c == UInt8(ascii: "]") ? .rbracket : .rbrace, start, String(UnicodeScalar(c)))
        case UInt8(ascii: ","): i += 1; add(.comma, i - 1, ",")
        case UInt8(ascii: ";"): i += 1; add(.semicolon, i - 1, ";")
        case UInt8(ascii: "="):
            let start = i
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "=") { i += 1 }
            add(.op, start, "=")
        case UInt8(ascii: "!"):
            let start = i
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "=") {
                i += 1
                add(.op, start, "!=")
            } else {
                error("unexpected `!`", start, i, help: "write `!=` for not equal, or `not` before a condition")
            }
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            let start = i
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "=") {
                i += 1
                add(.op, start, c == UInt8(ascii: "<") ? "<=" : ">=")
            } else if c == UInt8(ascii: "<"), i < b.count, b[i] == UInt8(ascii: ">") {
                i += 1
                add(.op, start, "!=")
            } else {
                add(.op, start, c == UInt8(ascii: "<") ? "<" : ">")
            }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let start = i
            if i + 1 < b.count, isDigit(b[i + 1]) {
                i += 1
                let digitsStart = i
                while i < b.count, isDigit(b[i]) { i += 1 }
                let unitStart = i
                while i < b.count, isWordByte(b[i]) { i += 1 }
                let text = String(decoding: b[digitsStart..<i], as: UTF8.self)
                if unitStart < i, var d = Duration(Substring(text)) {
                    if c == UInt8(ascii: "-") { d.count = -d.count }
                    var t = Token(kind: .relativeDate, range: SourceRange(start, i), text: String(decoding: b[start..<i], as: UTF8.self))
                    t.duration = d
                    tokens.append(t)
                } else if unitStart == i, c == UInt8(ascii: "-"), let n = Int(text) {
                    var t = Token(kind: .integer, range: SourceRange(start, i), text: "-" + text)
                    t.integer = -n
                    tokens.append(t)
                } else if unitStart == i, let n = Int(text) {
                    // `+1` with no unit: `$n+1` adds one.
                    tokens.append(Token(kind: .plus, range: SourceRange(start, start + 1), text: "+"))
                    var t = Token(kind: .integer, range: SourceRange(start + 1, i), text: text)
                    t.integer = n
                    tokens.append(t)
                } else {
                    error("`\(String(decoding: b[start..<i], as: UTF8.self))` is not a relative date", start, i,
                          help: "write e.g. +3d, -2w or +1mo")
                }
            } else {
                i += 1
                add(c == UInt8(ascii: "+") ? .plus : .minus, start, String(UnicodeScalar(c)))
            }
        default:
            if isDigit(c) {
                lexNumber()
            } else if isWordStart(at: i) {
                lexWord()
            } else if (c == UInt8(ascii: "/") || c == UInt8(ascii: ".") || c == UInt8(ascii: "~")), startsPath(at: i) {
                lexPath(from: i)
            } else {
                let start = i
                let len = Lexer.scalarLength(b[i])
                i = min(b.count, i + len)
                let shown = c == 0 ? "a NUL byte" : c < 32 ? "control character \(c)" : "`\(String(decoding: b[start..<i], as: UTF8.self))`"
                error("unexpected \(shown)", start, i)
            }
        }
    }

    mutating func finish() {
        if incomplete == nil, let last = stack.last {
            incomplete = .bracket(last == UInt8(ascii: "(") ? ")" : last == UInt8(ascii: "[") ? "]" : "}")
        }
        tokens.append(Token(kind: .eof, range: SourceRange(b.count, b.count), text: ""))
    }

    func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    func isWordByte(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c == 95 || c == 45 || c >= 0x80
    }

    func isWordStart(at j: Int) -> Bool {
        let c = b[j]
        if (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 { return true }
        guard c >= 0x80 else { return false }
        return Lexer.decodeScalar(b, at: j).map { $0.properties.isAlphabetic } ?? false
    }

    /// A byte that may be part of a bare path (no spaces, quotes, commas, brackets or `;`).
    func isPathByte(_ c: UInt8) -> Bool {
        isWordByte(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: ".") || c == UInt8(ascii: "~") || c == UInt8(ascii: "+")
            || c == UInt8(ascii: "@") || c == UInt8(ascii: "%") || c == UInt8(ascii: ":")
    }

    /// Whether a word ending at `j` goes on as a path: `/`, or `.` and then a path byte.
    func continuesPath(at j: Int) -> Bool {
        guard j < b.count else { return false }
        if b[j] == UInt8(ascii: "/") { return true }
        return b[j] == UInt8(ascii: ".") && j + 1 < b.count && isWordByte(b[j + 1])
    }

    /// Whether a path starts at `j`: `/x`, `./x`, `../x`, `~/x`, `.hidden`.
    func startsPath(at j: Int) -> Bool {
        guard j + 1 < b.count else { return false }
        let next = b[j + 1]
        switch b[j] {
        case UInt8(ascii: "/"): return isPathByte(next)
        case UInt8(ascii: "~"): return next == UInt8(ascii: "/")
        default: return next == UInt8(ascii: "/") || next == UInt8(ascii: ".") || isWordByte(next)
        }
    }

    /// A bare path from `start` to the next byte that cannot be in one.
    mutating func lexPath(from start: Int) {
        i = start
        while i < b.count, isPathByte(b[i]) { i += b[i] >= 0x80 ? Lexer.scalarLength(b[i]) : 1 }
        i = min(i, b.count)
        add(.path, start, String(decoding: b[start..<i], as: UTF8.self))
    }

    mutating func lexNumber() {
        let start = i
        while i < b.count, isDigit(b[i]) { i += 1 }
        // A date: 2026-12-01
        if i - start == 4, i + 5 < b.count + 0, i + 6 <= b.count,
           b[i] == UInt8(ascii: "-"), isDigit(b[i + 1]), isDigit(b[i + 2]), b[i + 3] == UInt8(ascii: "-"),
           isDigit(b[i + 4]), isDigit(b[i + 5]), i + 6 == b.count || !isWordByte(b[i + 6]) {
            i += 6
            let text = String(decoding: b[start..<i], as: UTF8.self)
            let day = Day(iso: text)
            if day == nil {
                error("\(text) is not a date in the calendar", start, i, help: "dates are YYYY-MM-DD, e.g. 2027-03-01")
            }
            var t = Token(kind: .date, range: SourceRange(start, i), text: text)
            t.day = day
            tokens.append(t)
            return
        }
        let digitsEnd = i
        while i < b.count, isWordByte(b[i]) { i += 1 }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        if digitsEnd == i {
            guard let n = Int(text) else {
                error("\(text) is too large a number", start, i)
                return
            }
            var t = Token(kind: .integer, range: SourceRange(start, i), text: text)
            t.integer = n
            tokens.append(t)
        } else if let d = Duration(Substring(text)) {
            var t = Token(kind: .duration, range: SourceRange(start, i), text: text)
            t.duration = d
            tokens.append(t)
        } else {
            error("`\(text)` is neither a number, a date nor a duration", start, i,
                  help: "dates are YYYY-MM-DD; durations are like 14d, 2w, 3mo")
        }
    }

    mutating func lexWord() {
        let start = i
        while i < b.count, isWordByte(b[i]) {
            if b[i] >= 0x80 {
                guard let s = Lexer.decodeScalar(b, at: i), s.properties.isAlphabetic || s.properties.isDiacritic else { break }
                i += Lexer.scalarLength(b[i])
            } else {
                i += 1
            }
        }
        if continuesPath(at: i) {
            lexPath(from: start)
            return
        }
        var text = String(decoding: b[start..<i], as: UTF8.self)
        let firstLower = b[start] | 0x20
        // today, tomorrow, yesterday, optionally with +N or -N units.
        if firstLower == UInt8(ascii: "t") || firstLower == UInt8(ascii: "y"), lexRelativeDay(start, &text) { return }
        if let id = RecordID(Substring(text)) {
            var t = Token(kind: .id, range: SourceRange(start, i), text: text)
            t.id = id
            tokens.append(t)
            return
        }
        add(.word, start, text)
    }

    /// `today`, `tomorrow` or `yesterday` (the word `text` lexed from `start`), optionally with
    /// `+N`/`-N` units: adds the relative date token and returns true.
    mutating func lexRelativeDay(_ start: Int, _ text: inout String) -> Bool {
        let lower = text.lowercased()
        for (base, offset) in [("today", 0), ("tomorrow", 1), ("yesterday", -1)] where lower.hasPrefix(base) {
            var rest = Substring(lower.dropFirst(base.count))
            if rest.isEmpty, i < b.count, b[i] == UInt8(ascii: "+") {
                let s = i
                var j = i + 1
                while j < b.count, isWordByte(b[j]) { j += 1 }
                rest = Substring(String(decoding: b[s..<j], as: UTF8.self))
                if Lexer.signedDuration(rest) != nil {
                    i = j
                    text = String(decoding: b[start..<i], as: UTF8.self)
                }
            }
            let duration = Lexer.signedDuration(rest)
            if rest.isEmpty || duration != nil {
                var t = Token(kind: .relativeDate, range: SourceRange(start, i), text: text)
                t.integer = offset
                t.duration = duration
                tokens.append(t)
                return true
            }
        }
        return false
    }

    static func signedDuration(_ text: Substring) -> Duration? {
        guard let sign = text.first, sign == "+" || sign == "-", var d = Duration(text.dropFirst()) else { return nil }
        if sign == "-" { d.count = -d.count }
        return d
    }

    mutating func lexVariable() {
        let start = i
        i += 1
        let braced = i < b.count && b[i] == UInt8(ascii: "{")
        if braced { i += 1 }
        let nameStart = i
        if i < b.count, isWordStart(at: i) {
            while i < b.count, isWordByte(b[i]), b[i] != 45 || (i + 1 < b.count && isWordByte(b[i + 1]) && b[i + 1] != 45) {
                if b[i] >= 0x80 { i += Lexer.scalarLength(b[i]) } else { i += 1 }
            }
        }
        let name = String(decoding: b[nameStart..<i], as: UTF8.self)
        if braced {
            if i < b.count, b[i] == UInt8(ascii: "}") { i += 1 } else {
                error("`${` needs a closing `}`", start, i, help: "write ${name}")
            }
        }
        if name.isEmpty {
            error("`$` must be followed by a variable name", start, max(i, start + 1), help: "write e.g. $plan")
            return
        }
        add(.variable, start, name)
    }

    mutating func lexString() {
        let start = i
        lastStringStart = start
        i += 1
        var parts: [StringPart] = []
        var buffer: [UInt8] = []
        func flush() {
            if !buffer.isEmpty {
                parts.append(.text(String(decoding: buffer, as: UTF8.self)))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        while true {
            guard i < b.count else {
                incomplete = .string
                flush()
                var t = Token(kind: .string, range: SourceRange(start, i), text: "")
                t.parts = parts
                tokens.append(t)
                return
            }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                break
            }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < b.count else { i += 1; continue }
                let e = b[i + 1]
                switch e {
                case UInt8(ascii: "\""): buffer.append(e)
                case UInt8(ascii: "\\"): buffer.append(e)
                case UInt8(ascii: "n"): buffer.append(10)
                case UInt8(ascii: "t"): buffer.append(9)
                case UInt8(ascii: "$"): buffer.append(e)
                case 10: break
                default:
                    error("unknown escape `\\\(String(decoding: [e], as: UTF8.self))` in a string", i, i + 2,
                          help: "strings know \\\" \\\\ \\n \\t and \\$")
                }
                i += 2
                continue
            }
            if c == UInt8(ascii: "$"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "{") || isWordStart(at: i + 1) {
                let vStart = i
                let braced = b[i + 1] == UInt8(ascii: "{")
                i += braced ? 2 : 1
                let nameStart = i
                while i < b.count, isWordByte(b[i]), b[i] != 45 {
                    if b[i] >= 0x80 {
                        guard let s = Lexer.decodeScalar(b, at: i), s.properties.isAlphabetic else { break }
                        i += Lexer.scalarLength(b[i])
                    } else {
                        i += 1
                    }
                }
                let name = String(decoding: b[nameStart..<i], as: UTF8.self)
                if braced {
                    if i < b.count, b[i] == UInt8(ascii: "}") { i += 1 } else {
                        error("`${` needs a closing `}` in a string", vStart, i)
                    }
                }
                if name.isEmpty {
                    buffer.append(contentsOf: b[vStart..<i])
                } else {
                    flush()
                    parts.append(.variable(name, SourceRange(vStart, i)))
                }
                continue
            }
            if c == 0 {
                error("a string cannot contain a NUL byte", i, i + 1)
            }
            buffer.append(c)
            i += 1
        }
        flush()
        var t = Token(kind: .string, range: SourceRange(start, i), text: String(decoding: b[start..<i], as: UTF8.self))
        t.parts = parts
        tokens.append(t)
    }

    static func scalarLength(_ lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead >> 5 == 0x6 { return 2 }
        if lead >> 4 == 0xE { return 3 }
        if lead >> 3 == 0x1E { return 4 }
        return 1
    }

    static func decodeScalar(_ b: [UInt8], at i: Int) -> UnicodeScalar? {
        let n = scalarLength(b[i])
        guard n > 1, i + n <= b.count else { return nil }
        var v = UInt32(b[i]) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07)
        for k in 1..<n { v = (v << 6) | (UInt32(b[i + k]) & 0x3F) }
        return UnicodeScalar(v)
    }

    /// The offset of the first byte that is not valid UTF-8, or nil.
    public static func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len: Int
            var min: UInt32
            if c >> 5 == 0x6 { len = 2; min = 0x80 } else if c >> 4 == 0xE { len = 3; min = 0x800 } else if c >> 3 == 0x1E { len = 4; min = 0x10000 } else { return i }
            guard i + len <= n else { return i }
            var v = UInt32(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
            for k in 1..<len {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                v = (v << 6) | UInt32(cc & 0x3F)
            }
            if v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { return i }
            min = 0
            i += len
        }
        return nil
    }
}
