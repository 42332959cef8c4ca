import TCGDomain

/// What may follow the text before the cursor: Tab completion, generated from the command table.
public struct Completions: Sendable, Equatable {
    /// Whole words that may replace the partial word (names quoted, ids, keywords).
    public var candidates: [String]
    /// How many characters before the cursor the candidates replace.
    public var replacing: Int
    /// Whether a unique completion is followed by a space (not after a folder name).
    public var appendSpace: Bool = true
}

/// Context-aware completion: verbs, then the keywords and values valid at that point, ids of the
/// right kind that exist, people's names (quoted), units, `$variables`, and files after `run`.
public struct Completer {
    /// The register whose ids, people and units are offered.
    public var register: Register
    /// The variables set in the session.
    public var variables: [String]
    /// Lists the entries of a folder (names; folders end in `/`), for `run "…"`.
    public var listFolder: (String) -> [String]

    /// Creates a completer.
    public init(register: Register, variables: [String], listFolder: @escaping (String) -> [String]) {
        self.register = register
        self.variables = variables
        self.listFolder = listFolder
    }

    /// The completions for the text before the cursor (which may span continuation lines).
    public func complete(_ text: String) -> Completions {
        let lexer = Lexer.tokenize(SourceFile(name: "", text: text))
        var tokens = Array(lexer.tokens.dropLast())
        // The partial word: the last token, if it touches the cursor.
        var partial = ""
        var partialToken: Token?
        if let last = tokens.last, last.range.end == text.utf8.count, !(text.last?.isWhitespace ?? true) {
            switch last.kind {
            case .word, .id, .variable, .relativeDate, .integer, .date, .duration, .path:
                partial = last.kind == .variable ? "$" + last.text : String(decoding: Array(text.utf8)[last.range.start..<last.range.end], as: UTF8.self)
                partialToken = last
                tokens.removeLast()
            case .string where lexer.incomplete == .string:
                partial = String(decoding: Array(text.utf8)[last.range.start...], as: UTF8.self)
                partialToken = last
                tokens.removeLast()
            default: break
            }
        } else if text.last == "$" {
            partial = "$"
        }
        if partial.hasPrefix("$") {
            return finish(variables.map { "$" + $0 }, partial)
        }
        // The statement being typed: tokens after the last separator.
        var start = 0
        for (i, t) in tokens.enumerated() where [.newline, .semicolon, .lbrace, .rbrace].contains(t.kind) { start = i + 1 }
        var statement = Array(tokens[start...])
        // Inside `( … )` a query is being typed: complete from its verb.
        if let open = statement.lastIndex(where: { $0.kind == .lparen }), !statement[open...].contains(where: { $0.kind == .rparen }) {
            statement = Array(statement[(open + 1)...])
        }
        // `let x =` and `for $x in` introduce a statement.
        if statement.first?.isWord("let") == true, statement.count >= 3, statement[2].kind == .op { statement = Array(statement.dropFirst(3)) }
        if statement.first?.isWord("for") == true, statement.count >= 3, statement[2].isWord("in") { statement = Array(statement.dropFirst(3)) }
        // `watch [SECONDS]` introduces a query.
        if statement.first?.isWord("watch") == true {
            statement.removeFirst()
            // SECONDS (`5`, `0.5`: a number of one or more tokens) comes before the query's first word.
            while let seconds = statement.first, seconds.kind != .word { statement.removeFirst() }
            if statement.isEmpty { return finish(CommandTable.queryWords.sorted(), partial) }
            guard CommandTable.startsQuery(statement[0].lower) else { return finish([], partial) }
        }
        if let first = statement.first, first.isWord("if") || first.isWord("assert") {
            return finish(["("] + CommandTable.queryWords.sorted().map { "(\($0)" }, partial)
        }
        _ = partialToken
        return finish(candidates(for: statement, partial: partial), partial)
    }

    func finish(_ all: [String], _ partial: String) -> Completions {
        let lower = partial.lowercased()
        var seen = Set<String>()
        var out: [String] = []
        for c in all where c.lowercased().hasPrefix(lower) && seen.insert(c).inserted { out.append(c) }
        let folder = out.count == 1 && out[0].hasSuffix("/")
        return Completions(candidates: out, replacing: partial.count, appendSpace: !folder)
    }

    /// What may come next after a statement's tokens so far.
    func candidates(for statement: [Token], partial: String) -> [String] {
        guard let first = statement.first else {
            return CommandTable.firstWords
        }
        guard first.kind == .word, let specs = CommandTable.byFirstWord[first.lower] else { return [] }
        // Still choosing among the command's words?
        let typedWords = statement.prefix { $0.kind == .word || $0.kind == .relativeDate }.map(\.lower)
        var spec: CommandSpec?
        for s in specs where typedWords.count >= s.words.count && Array(typedWords.prefix(s.words.count)) == s.words.map({ $0 }) {
            spec = s
            break
        }
        guard let spec else {
            let next = specs.compactMap { s -> String? in
                guard s.words.count > typedWords.count, Array(s.words.prefix(typedWords.count)) == typedWords else { return nil }
                return s.words[typedWords.count]
            }
            // `set today`: the lexer reads `today` as a date, so words may also be checked by text.
            return next
        }
        if spec.special {
            if spec.name == "run" { return files(partial) }
            return []
        }
        return afterWords(spec, Array(statement.dropFirst(spec.words.count)), partial: partial)
    }

    /// Walks operands and clauses over the tokens typed after the command's words.
    func afterWords(_ spec: CommandSpec, _ rest: [Token], partial: String) -> [String] {
        var i = 0
        var operand = 0
        var used = Set<String>()
        var expecting: (Slot, kind: String?)?
        var whereKind: String? = nil
        if let k = rest.first, spec.operands.first?.slot == .kind { whereKind = QueryKinds.canonicalName(k.text) }

        func skipValue(_ slot: Slot) {
            i += 1
            if slot == .people || { if case .ids = slot { return true }; if case .choices = slot { return true }; return false }() {
                while i + 1 < rest.count, rest[i].kind == .comma { i += 2 }
            }
        }
        while i < rest.count {
            let t = rest[i]
            if let (slot, _) = expecting {
                if slot == .condition || slot == .order {
                    // Conditions run to the next clause keyword.
                    if t.kind == .word, let c = spec.clauses.first(where: { $0.keywords[0] == t.lower && $0.slot != .condition }) {
                        expecting = nil
                        _ = c
                        continue
                    }
                    i += 1
                    continue
                }
                skipValue(slot)
                expecting = nil
                continue
            }
            if t.kind == .word, let c = spec.clauses.first(where: { $0.keywords[0] == t.lower }) {
                used.insert(c.name)
                i += 1
                var k = 1
                while k < c.keywords.count, i < rest.count, rest[i].isWord(c.keywords[k]) { i += 1; k += 1 }
                if k < c.keywords.count { return i >= rest.count ? [c.keywords[k]] : [] }
                if let slot = c.slot { expecting = (slot, nil) }
                continue
            }
            if spec.atMeeting, t.isWord("at") {
                used.insert("at")
                i += 1
                expecting = (.id([.meeting]), nil)
                continue
            }
            if operand < spec.operands.count {
                skipValue(spec.operands[operand].slot)
                operand += 1
                continue
            }
            i += 1
        }
        if let (slot, _) = expecting {
            if slot == .condition { return conditionCandidates(rest, kind: whereKind, clauses: spec.clauses) }
            let fields = whereKind.flatMap { QueryKinds.schema($0)?.fields.map(\.name) } ?? []
            if slot == .order { return fields + ["asc", "desc", "limit"] }
            if slot == .field { return fields }
            return values(for: slot, partial: partial)
        }
        var out: [String] = []
        if operand < spec.operands.count {
            out += values(for: spec.operands[operand].slot, partial: partial)
            if !spec.operands[operand].optional { return out }
        }
        for c in spec.clauses where !used.contains(c.name) { out.append(c.keywords[0]) }
        if spec.atMeeting, !used.contains("at") { out.append("at") }
        return out
    }

    /// Candidates inside a `where` condition: fields, then values of the field being compared.
    func conditionCandidates(_ rest: [Token], kind: String?, clauses: [Clause]) -> [String] {
        guard let kind, let schema = QueryKinds.schema(kind) else { return ["overdue", "outstanding", "not"] }
        let fields = schema.fields.map(\.name) + (schema.outstanding != nil ? ["overdue", "outstanding"] : []) + ["not"]
        guard let last = rest.last else { return fields }
        if last.kind == .op || last.kind == .plus || last.kind == .minus || last.isWord("in") || last.kind == .lbracket || last.kind == .comma,
           let fieldToken = rest.last(where: { $0.kind == .word && schema.field($0.lower) != nil }),
           let f = schema.field(fieldToken.lower) {
            switch f.type {
            case .choice(let values): return values
            case .person, .people: return register.people.map { "\"\($0.name)\"" }
            case .unit: return register.units.map(\.name)
            case .date: return ["today", "tomorrow", "yesterday"]
            case .id:
                let kinds: [RecordKind] = f.name == "plan" ? [.plan] : f.name == "meeting" || f.name == "presented_at" ? [.meeting] :
                    f.name == "priority" ? [.priority] : f.name == "commission" ? [.commission] : f.name == "serves" ? [.priority, .escalation] :
                    f.name == "supersedes" || f.name == "superseded_by" ? [.decision] : []
                return kinds.flatMap(ids)
            default: return []
            }
        }
        if last.kind == .word && (last.isWord("and") || last.isWord("or") || last.isWord("not")) || last.kind == .lparen || last.isWord("where") {
            return fields
        }
        if last.kind == .word, schema.field(last.lower) != nil { return [] }
        return ["and", "or"] + clauses.filter { $0.slot != .condition }.map { $0.keywords[0] }
    }

    /// Candidates for one slot.
    func values(for slot: Slot, partial: String) -> [String] {
        switch slot {
        case .choice(let values), .choices(let values): return values
        case .id(let kinds), .ids(let kinds): return kinds.flatMap(ids)
        case .idOrText(let kinds): return kinds.flatMap(ids)
        case .person, .people: return register.people.filter { $0.status == .active }.map { "\"\($0.name)\"" }
        case .unit: return register.units.map(\.name)
        case .kind: return QueryKinds.names
        case .date: return ["today", "tomorrow", "yesterday"]
        case .dateOrOff: return ["today", "off"]
        case .path: return files(partial)
        case .topic: return CommandTable.firstWords + Help.topics.map(\.0) + ["kinds", "dates"]
        case .factors: return register.scheme.factors.map(\.name)
        case .text, .name, .duration, .integer, .condition, .order, .field: return []
        }
    }

    /// The ids that exist of a kind, newest last.
    func ids(_ kind: RecordKind) -> [String] {
        let numbers = register.numbers(of: kind)
        return numbers.map { "\(kind.prefix)-\($0)" }
    }

    /// File names for `run "…"`: scripts and folders under the typed folder, in quotes.
    func files(_ partial: String) -> [String] {
        var typed = partial
        if typed.hasPrefix("\"") { typed.removeFirst() }
        let folder: String
        if let slash = typed.lastIndex(of: "/") { folder = String(typed[...slash]) } else { folder = "" }
        return listFolder(folder.isEmpty ? "." : folder)
            .filter { $0.hasSuffix("/") || $0.hasSuffix(".tcg") || $0.hasSuffix(".inc") }
            .sorted()
            .map { "\"" + folder + $0 + ($0.hasSuffix("/") ? "" : "\"") }
    }
}
