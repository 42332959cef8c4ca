import TCGDomain

/// Every command of the language, declared once (in `Verbs/`, a file per help topic). The parser,
/// `help`, tab completion, the interpreter and docs/language.md all read this table.
public enum CommandTable {
    /// The table, in the order help lists it.
    public static let all: [CommandSpec] = setup + meetings + strategy + scoring + delivery + queries + session + prompt + scripting

    /// The command written with these words (`add action`), if any.
    public static func spec(named name: String) -> CommandSpec? {
        all.first { $0.name == name }
    }

    /// Every first word of a command, for "did you mean" and completion.
    public static let firstWords: [String] = {
        var seen: [String] = []
        for s in all where !seen.contains(s.words[0]) { seen.append(s.words[0]) }
        return seen
    }()

    /// Commands by first word, longest word list first.
    static let byFirstWord: [String: [CommandSpec]] = {
        var map: [String: [CommandSpec]] = [:]
        for s in all { map[s.words[0], default: []].append(s) }
        for (k, v) in map { map[k] = v.sorted { $0.words.count > $1.words.count } }
        return map
    }()

    /// The first words of the queries: usable in parentheses as values, and after `for … in`.
    public static let queryWords: [String] = firstWords.filter { w in byFirstWord[w]?.contains(where: \.isQuery) ?? false }

    /// Whether a word starts a query.
    static func startsQuery(_ word: String) -> Bool {
        byFirstWord[word]?.contains(where: \.isQuery) ?? false
    }
}
