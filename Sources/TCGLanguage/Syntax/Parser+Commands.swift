import TCGDomain

extension Parser {
    /// Parses a command from the table: its words, operands, then clauses in any order.
    mutating func parseCommand() throws(Diagnostic) -> Command {
        let first = peek
        guard let specs = CommandTable.byFirstWord[first.lower] else {
            let near = Suggest.nearest(first.text, among: CommandTable.firstWords)
            throw fail("unknown command `\(first.shown)`", first,
                       help: Synonyms.advice[first.lower] ?? (Suggest.didYouMean(near).map { $0 + " " } ?? "") + "`help` lists the commands")
        }
        var chosen: CommandSpec?
        for spec in specs {
            var ok = true
            for (k, w) in spec.words.enumerated() where !peek(k).isWord(w) { ok = false; break }
            if ok { chosen = spec; break }
        }
        guard let spec = chosen else {
            let seconds = specs.compactMap { $0.words.count > 1 ? $0.words[1] : nil }
            let next = peek(1)
            let near = next.kind == .word ? Suggest.nearest(next.text, among: seconds) : []
            let expected = seconds.map { "`\(first.lower) \($0)`" }.joined(separator: ", ")
            throw fail("`\(first.shown)` needs one of: \(seconds.joined(separator: ", "))", next.kind == .eof ? first : next,
                       help: Suggest.didYouMean(near.map { "\(first.lower) \($0)" }) ?? "write \(expected)")
        }
        let start = first.range
        for _ in spec.words { _ = advance() }
        if spec.words[0] == "undo" { usesUndo = true }
        if spec.effect == .query || spec.effect == .report { readsRegister = true }
        var args: Arguments = [:]

        if spec.operands.first?.slot == .topic {
            var words: [String] = []
            let s = peek.range
            while !atStatementEnd { words.append(advance().text) }
            if !words.isEmpty {
                args["topic"] = .expr(.string([.text(words.joined(separator: " "))], s.through(tokens[max(0, p - 1)].range)))
            }
            return Command(spec: spec, range: start.through(tokens[max(0, p - 1)].range), args: args)
        }

        for operand in spec.operands {
            let t = peek
            if operand.optional {
                if atStatementEnd || isClauseStart(t, spec) || !canStart(operand.slot, t) { continue }
            } else if atStatementEnd {
                throw fail("`\(spec.words.joined(separator: " "))` needs \(operand.placeholder)", t, help: "write \(spec.synopsis)")
            }
            args[operand.name] = .expr(try parseSlot(operand.slot, what: operand.placeholder, spec: spec))
        }
        while !atStatementEnd {
            let t = peek
            guard t.kind == .word else {
                throw fail("unexpected \(describe(t)) in `\(spec.words.joined(separator: " "))`", t, help: "write \(spec.synopsis)")
            }
            if spec.atMeeting, t.isWord("at") {
                if args["at"] != nil { throw fail("`at` is given twice", t) }
                _ = advance()
                args["at"] = .expr(try parseSlot(.id([.meeting]), what: "M-n", spec: spec))
                continue
            }
            if let unfit = spec.clauseFit?(args, t.lower) { throw fail(unfit.message, t, help: unfit.help) }
            guard let clause = spec.clauses.first(where: { clauseMatches($0) }) else {
                var keywords = spec.clauses.map { $0.keywords.joined(separator: " ") }
                if spec.atMeeting { keywords.append("at") }
                let near = Suggest.nearest(t.text, among: keywords)
                let known = keywords.isEmpty ? "it takes no clauses" : "it takes \(keywords.map { "`\($0)`" }.joined(separator: ", "))"
                throw fail("unexpected `\(t.shown)` in `\(spec.words.joined(separator: " "))`: \(known)", t,
                           help: Suggest.didYouMean(near) ?? "write \(spec.synopsis)")
            }
            if args[clause.name] != nil {
                throw fail("`\(clause.keywords.joined(separator: " "))` is given twice", t)
            }
            for _ in clause.keywords { _ = advance() }
            if let slot = clause.slot {
                if atStatementEnd {
                    throw fail("`\(clause.keywords.joined(separator: " "))` needs \(clause.placeholder)", peek, help: "write \(spec.synopsis)")
                }
                if slot == .order {
                    args[clause.name] = .order(try parseOrder())
                } else {
                    args[clause.name] = .expr(try parseSlot(slot, what: clause.placeholder, spec: spec))
                }
            } else {
                args[clause.name] = .flag(t.range)
            }
        }
        for clause in spec.clauses where clause.required && args[clause.name] == nil {
            let kw = clause.keywords.joined(separator: " ")
            throw Diagnostic(.error, "`\(spec.words.joined(separator: " "))` needs `\(kw) \(clause.placeholder)`",
                             range: start.through(tokens[max(0, p - 1)].range), help: "write \(spec.synopsis)")
        }
        return Command(spec: spec, range: start.through(tokens[max(0, p - 1)].range), args: args)
    }

    func clauseMatches(_ c: Clause) -> Bool {
        for (k, w) in c.keywords.enumerated() where !peek(k).isWord(w) { return false }
        return true
    }

    func isClauseStart(_ t: Token, _ spec: CommandSpec) -> Bool {
        guard t.kind == .word else { return false }
        return spec.clauses.contains { t.isWord($0.keywords[0]) } || (spec.atMeeting && t.isWord("at"))
    }

    func canStart(_ slot: Slot, _ t: Token) -> Bool {
        if t.kind == .variable { return true }
        switch slot {
        case .id, .ids: return t.kind == .id
        case .idOrText: return t.kind == .id || t.kind == .string
        case .choice(let values), .choices(let values): return t.kind == .word && values.contains(t.lower)
        case .date, .dateOrOff: return t.kind == .date || t.kind == .relativeDate || t.isWord("off")
        case .topic: return t.kind == .word
        default: return true
        }
    }

    /// Parses one value of a slot's type; a date or a number may be a sum (`due today + 14d`).
    mutating func parseSlot(_ slot: Slot, what: String, spec: CommandSpec) throws(Diagnostic) -> Expr {
        let value = try parseSlotValue(slot, what: what, spec: spec)
        switch slot {
        case .date, .dateOrOff, .integer: return try parseSum(after: value, where: false)
        default: return value
        }
    }

    /// Parses one value of a slot's type, without arithmetic.
    mutating func parseSlotValue(_ slot: Slot, what: String, spec: CommandSpec) throws(Diagnostic) -> Expr {
        let t = peek
        var isList = slot == .people
        if case .ids = slot { isList = true }
        if case .choices = slot { isList = true }
        if t.kind == .variable && !isList {
            _ = advance()
            return .variable(t.text, t.range)
        }
        switch slot {
        case .path:
            switch t.kind {
            case .string: _ = advance(); return .string(t.parts, t.range)
            case .path, .word: _ = advance(); return .string([.text(t.text)], t.range)
            default: throw fail("expected \(what), found \(describe(t))", t, help: "write \(spec.synopsis)")
            }
        case .text:
            guard t.kind == .string else {
                throw fail("expected \(what) in double quotes, found \(describe(t))", t, help: "write \(spec.synopsis)")
            }
            _ = advance()
            return .string(t.parts, t.range)
        case .name, .unit:
            if t.kind == .string { _ = advance(); return .string(t.parts, t.range) }
            guard t.kind == .word else { throw fail("expected \(what), found \(describe(t))", t, help: "write \(spec.synopsis)") }
            _ = advance()
            return .word(t.text, t.range)
        case .person:
            switch t.kind {
            case .string: _ = advance(); return .string(t.parts, t.range)
            case .id where t.id?.kind == .person: _ = advance(); return .literal(.id(t.id ?? RecordID(.person, 1)), t.range)
            case .word: _ = advance(); return .string([.text(t.text)], t.range)
            default:
                throw fail("expected a person (\"NAME\" or PE-n), found \(describe(t))", t, help: "people are named in double quotes")
            }
        case .people:
            var items = [try parseSlot(.person, what: what, spec: spec)]
            while peek.kind == .comma {
                _ = advance()
                items.append(try parseSlot(.person, what: what, spec: spec))
            }
            return items.count == 1 ? items[0] : .list(items, items[0].range.through(items[items.count - 1].range))
        case .date:
            switch t.kind {
            case .date: _ = advance(); return .literal(.date(t.day ?? Day(number: 0)), t.range)
            case .relativeDate: _ = advance(); return .relativeDate(base: t.integer, offset: t.duration, t.range)
            case .string: _ = advance(); return .string(t.parts, t.range)
            default:
                throw fail("expected a date (YYYY-MM-DD, today, today+14d, +3d), found \(describe(t))", t)
            }
        case .dateOrOff:
            if t.isWord("off") { _ = advance(); return .word("off", t.range) }
            return try parseSlot(.date, what: what, spec: spec)
        case .duration:
            guard t.kind == .duration else {
                throw fail("expected a duration (like 14d, 2w or 3mo), found \(describe(t))", t)
            }
            _ = advance()
            return .literal(.duration(t.duration ?? Duration(count: 0, unit: .days)), t.range)
        case .integer:
            guard t.kind == .integer else { throw fail("expected a whole number, found \(describe(t))", t) }
            _ = advance()
            return .literal(.int(t.integer), t.range)
        case .choice(let values):
            guard t.kind == .word else {
                throw fail("expected one of \(values.joined(separator: ", ")), found \(describe(t))", t)
            }
            guard values.contains(t.lower) else {
                throw fail("`\(t.shown)` is not one of \(values.joined(separator: ", "))", t,
                           help: Suggest.didYouMean(Suggest.nearest(t.text, among: values)))
            }
            _ = advance()
            return .word(t.lower, t.range)
        case .id(let kinds):
            guard t.kind == .id, let id = t.id else {
                throw fail("expected \(what), found \(describe(t))", t, help: "write \(spec.synopsis)")
            }
            guard kinds.contains(id.kind) else {
                throw fail("expected \(what), but \(id) is \(article(id.kind.noun)) \(id.kind.noun)", t, help: "write \(spec.synopsis)")
            }
            _ = advance()
            return .literal(.id(id), t.range)
        case .choices(let values):
            var items = [try parseSlot(.choice(values), what: what, spec: spec)]
            while peek.kind == .comma {
                _ = advance()
                items.append(try parseSlot(.choice(values), what: what, spec: spec))
            }
            return .list(items, items[0].range.through(items[items.count - 1].range))
        case .ids(let kinds):
            var items = [try parseSlot(.id(kinds), what: "an id", spec: spec)]
            while peek.kind == .comma {
                _ = advance()
                items.append(try parseSlot(.id(kinds), what: "an id", spec: spec))
            }
            return .list(items, items[0].range.through(items[items.count - 1].range))
        case .idOrText(let kinds):
            if t.kind == .string { _ = advance(); return .string(t.parts, t.range) }
            return try parseSlot(.id(kinds), what: what, spec: spec)
        case .kind:
            guard t.kind == .word else { throw fail("expected what to list (actions, plans, …), found \(describe(t))", t) }
            guard let kind = QueryKinds.canonicalName(t.lower) else {
                throw fail("`\(t.shown)` is not something the register keeps", t,
                           help: Suggest.didYouMean(Suggest.nearest(t.text, among: QueryKinds.names)) ?? "kinds: \(QueryKinds.names.joined(separator: ", "))")
            }
            _ = advance()
            return .word(kind, t.range)
        case .condition:
            return try parseCondition(where: true)
        case .order:
            throw fail("unexpected order list", t)
        case .field:
            guard t.kind == .word else { throw fail("expected a field name, found \(describe(t))", t, help: "write \(spec.synopsis)") }
            _ = advance()
            return .word(t.lower, t.range)
        case .topic:
            _ = advance()
            return .word(t.text, t.range)
        case .factors:
            var pairs: [Expr] = []
            while peek.kind == .word, !isClauseStart(peek, spec) {
                let name = advance()
                guard peek.kind == .integer else {
                    throw fail("expected a score after harm factor `\(name.shown)`, found \(describe(peek))", peek, help: "write \(name.lower) N")
                }
                let value = try parseSlot(.integer, what: "a score", spec: spec)
                pairs.append(.list([.word(name.lower, name.range), value], name.range.through(value.range)))
            }
            guard let first = pairs.first, let last = pairs.last else {
                throw fail("expected harm factors and their scores (physical 2 psychological 3 …), found \(describe(t))", t, help: "write \(spec.synopsis)")
            }
            return .list(pairs, first.range.through(last.range))
        }
    }

    func article(_ noun: String) -> String {
        guard let f = noun.first else { return "a" }
        return "aeio".contains(f) ? "an" : "a"
    }

    mutating func parseOrder() throws(Diagnostic) -> [OrderKey] {
        var keys: [OrderKey] = []
        repeat {
            if !keys.isEmpty { _ = advance() }
            let t = peek
            guard t.kind == .word else { throw fail("expected a field name to order by, found \(describe(t))", t) }
            _ = advance()
            var descending = false
            if peek.isWord("desc") { descending = true; _ = advance() } else if peek.isWord("asc") { _ = advance() }
            keys.append(OrderKey(field: t.lower, descending: descending, range: t.range))
        } while peek.kind == .comma
        return keys
    }

    // MARK: Conditions

    /// Parses `a or b`, `a and b`, `not a`, comparisons, `in`, `contains`, and parentheses.
    /// In a `where` clause a bare word on the left of a comparison names a field.
    mutating func parseCondition(where inWhere: Bool) throws(Diagnostic) -> Expr {
        try enter(peek)
        defer { depth -= 1 }
        var left = try parseAnd(inWhere)
        while peek.isWord("or") {
            _ = advance()
            left = .or(left, try parseAnd(inWhere))
        }
        return left
    }

    mutating func parseAnd(_ inWhere: Bool) throws(Diagnostic) -> Expr {
        var left = try parseNot(inWhere)
        while peek.isWord("and") {
            _ = advance()
            left = .and(left, try parseNot(inWhere))
        }
        return left
    }

    mutating func parseNot(_ inWhere: Bool) throws(Diagnostic) -> Expr {
        if peek.isWord("not") {
            let t = advance()
            try enter(t)
            defer { depth -= 1 }
            let inner = try parseNot(inWhere)
            return .not(inner, t.range.through(inner.range))
        }
        return try parseComparison(inWhere)
    }

    mutating func parseComparison(_ inWhere: Bool) throws(Diagnostic) -> Expr {
        let left = try parseSum(where: inWhere)
        let op = peek
        if op.kind == .op {
            _ = advance()
            let right = try parseSum(where: inWhere)
            return .compare(op.text, left, right, left.range.through(right.range))
        }
        if op.isWord("in") {
            _ = advance()
            let right = try parseOperand(where: inWhere)
            return .member(left, right, left.range.through(right.range))
        }
        if op.isWord("contains") {
            _ = advance()
            let right = try parseOperand(where: inWhere)
            return .contains(left, right, left.range.through(right.range))
        }
        return left
    }

    /// Parses a value with any `+ VALUE` or `- VALUE` after it: `today + 14d`, `$n - 1`, `due - today`.
    mutating func parseSum(where inWhere: Bool) throws(Diagnostic) -> Expr {
        try parseSum(after: try parseOperand(where: inWhere), where: inWhere)
    }

    /// Adds to `first` the `+ VALUE` and `- VALUE` that follow it, left to right. Each operator
    /// counts as a level of nesting, so a long chain is an error rather than a deep evaluation.
    mutating func parseSum(after first: Expr, where inWhere: Bool) throws(Diagnostic) -> Expr {
        var sum = first
        var levels = 0
        defer { depth -= levels }
        while peek.kind == .plus || peek.kind == .minus {
            let op = advance()
            try enter(op)
            levels += 1
            let right = try parseOperand(where: inWhere)
            sum = .arithmetic(op.kind == .plus ? .plus : .minus, sum, right, sum.range.through(right.range))
        }
        return sum
    }

    /// Parses one value: a literal, `$var`, `[list]`, `(query)`, or a word.
    mutating func parseOperand(where inWhere: Bool) throws(Diagnostic) -> Expr {
        let t = peek
        switch t.kind {
        case .string: _ = advance(); return .string(t.parts, t.range)
        case .integer: _ = advance(); return .literal(.int(t.integer), t.range)
        case .date: _ = advance(); return .literal(.date(t.day ?? Day(number: 0)), t.range)
        case .relativeDate: _ = advance(); return .relativeDate(base: t.integer, offset: t.duration, t.range)
        case .duration: _ = advance(); return .literal(.duration(t.duration ?? Duration(count: 0, unit: .days)), t.range)
        case .id: _ = advance(); return .literal(.id(t.id ?? RecordID(.action, 1)), t.range)
        case .variable: _ = advance(); return .variable(t.text, t.range)
        case .word:
            _ = advance()
            if t.lower == "true" { return .literal(.bool(true), t.range) }
            if t.lower == "false" { return .literal(.bool(false), t.range) }
            return .word(t.text, t.range)
        case .lbracket:
            _ = advance()
            try enter(t)
            defer { depth -= 1 }
            var items: [Expr] = []
            if peek.kind != .rbracket {
                items.append(try parseSum(where: false))
                while peek.kind == .comma {
                    _ = advance()
                    items.append(try parseSum(where: false))
                }
            }
            let close = try expect(.rbracket, "`]` or `,`")
            return .list(items, t.range.through(close.range))
        case .lparen:
            _ = advance()
            try enter(t)
            defer { depth -= 1 }
            guard peek.kind == .word, CommandTable.startsQuery(peek.lower) else {
                let inner = try parseCondition(where: inWhere)
                _ = try expect(.rparen, "`)`")
                return inner
            }
            let statement = Statement.command(try parseCommand())
            let close = try expect(.rparen, "`)` after the query")
            return .query(statement, t.range.through(close.range))
        default:
            throw fail("expected a value, found \(describe(t))", t)
        }
    }
}
