import TCGDomain

/// A token of the tcg language with its place in the source.
public struct Token: Sendable, Equatable {
    /// What kind of token.
    public enum Kind: Sendable, Equatable {
        /// A word: a letter or `_`, then letters, digits, `_` or `-`.
        case word
        /// A string literal; `parts` holds its decoded text and `$variables`.
        case string
        /// An integer.
        case integer
        /// A date `2026-12-01`.
        case date
        /// A date relative to today: `today+14d`, `+3d`, `yesterday`.
        case relativeDate
        /// A duration: `14d`, `2w`, `3mo`.
        case duration
        /// A record id `DP-12`.
        case id
        /// A variable `$name`.
        case variable
        /// A bare file path: a word with `/` or `.` in it (`examples/pack.tcg`, `./x.tcg`, `~/a.md`).
        case path
        /// `(` `)` `[` `]` `{` `}` `,` `;`
        case lparen, rparen, lbracket, rbracket, lbrace, rbrace, comma, semicolon
        /// `=` `!=` `<` `<=` `>` `>=`
        case op
        /// `+` and `-` between two values (a sign written against digits is part of the literal: `-2`, `+3d`).
        case plus, minus
        /// The end of a line (statement separator).
        case newline
        /// The end of the input.
        case eof
    }

    /// The kind.
    public var kind: Kind
    /// Where it is.
    public var range: SourceRange
    /// The token's text: the word, the operator, the variable's name (without `$`), the id as written.
    public var text: String
    /// A string literal's pieces.
    public var parts: [StringPart] = []
    /// An integer's value.
    public var integer: Int = 0
    /// A date's value, a relative date's base offset in days (today = 0), or nil.
    public var day: Day?
    /// A duration's value, or a relative date's offset.
    public var duration: Duration?
    /// An id's value.
    public var id: RecordID?

    /// Whether this is the word `w` (case-insensitive).
    public func isWord(_ w: String) -> Bool {
        guard kind == .word || kind == .relativeDate else { return false }
        // ASCII case-insensitive comparison without allocating (keywords are ASCII and lower case).
        var a = text.utf8.makeIterator(), b = w.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case (let x?, let y?):
                let lx = x >= 65 && x <= 90 ? x + 32 : x
                if lx != y { return false }
            default: return false
            }
        }
    }

    /// A number or relative date written with its sign against it (`-2`, `+3d`), which reads as a
    /// value of its own, not as subtraction.
    public var isSignedLiteral: Bool {
        (kind == .integer || kind == .relativeDate) && (text.hasPrefix("-") || text.hasPrefix("+"))
    }

    /// The token's text for messages, shortened if long (a 2 MB word is shown by its start).
    public var shown: String { text.shortened }

    /// The word in lower case ("" for other tokens).
    public var lower: String {
        guard kind == .word || kind == .relativeDate else { return "" }
        // Most words are lower-case ASCII already: return them as they are, without a copy.
        if text.utf8.allSatisfy({ $0 < 0x80 && ($0 < 65 || $0 > 90) }) { return text }
        return text.lowercased()
    }
}

/// A piece of a string literal: text, or a `$variable` to interpolate.
public enum StringPart: Sendable, Equatable {
    /// Literal text (escapes decoded).
    case text(String)
    /// `$name` or `${name}`, with its range.
    case variable(String, SourceRange)
}


extension String {
    /// The text for a message, shortened if long (a 2 MB word is shown by its start).
    var shortened: String { count > 60 ? String(prefix(57)) + "…" : self }
}
