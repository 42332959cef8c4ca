import TCGLanguage

/// A statement rebuilt from the words a shell passed: `tcg outstanding actions for "Meg Lowe"`
/// arrives as four arguments with the quotes gone, and runs as `-c 'outstanding actions for "Meg Lowe"'`.
enum StatementWords {
    /// The statement: each word as given when the language reads it back as one token, else quoted.
    static func text(_ words: [String]) -> String {
        words.map { needsQuotes($0) ? Value.quoted($0) : $0 }.joined(separator: " ")
    }

    /// Whether a word must be quoted to stay one value: it is empty, holds a space or a character
    /// the language does not read as part of one token (`Meg Lowe`, `O'Brien`, `#3`). Ids, dates,
    /// numbers, operators, brackets, `$variables` and already-quoted strings stay as they are.
    static func needsQuotes(_ word: String) -> Bool {
        if word.isEmpty || word.contains(where: { $0.isWhitespace }) { return true }
        let lexed = Lexer.tokenize(SourceFile(name: "", text: word))
        guard lexed.diagnostics.isEmpty else { return true }
        switch lexed.incomplete {
        case .string?, .continuation?: return true
        case .bracket?, nil: break
        }
        return lexed.tokens.filter { $0.kind != .eof && $0.kind != .newline }.count != 1
    }
}
