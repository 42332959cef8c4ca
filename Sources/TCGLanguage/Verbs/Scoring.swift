import TCGDomain

/// Candidates for the control strategy, the scoring scheme, scores and the ranking (R1, R3).
extension CommandTable {
    static let scoring: [CommandSpec] = [addCandidate, adoptCandidate, rejectCandidateByID, score, rankCandidates,
                                         setSchemeFactor, setSchemeLikelihood, setSchemePosition, setSchemeBand, setSchemeDefault, showScheme]

    static var addCandidate: CommandSpec {
        let title = Arg("title", .text), unit = Opt("unit", .unit), from = Opt("from", .record(.product))
        return CommandSpec("add candidate", [Operand(title, "\"TITLE\"")], [Clause("unit", unit, "NAME"), Clause("from", from, "AS-n")],
                           effect: .change, topic: "strategy",
                           "Propose a candidate for the control strategy (X-n, proposed), for a unit and from the assessment that recommends it; it is scored, ranked, then adopted or rejected at an ST&CG or PSG (R3).",
                           ["add candidate \"Cycle theft\" unit Westshire from AS-1"]) { c throws(Diagnostic) in
            let t = try c(title), u = try c(unit), p = try c(from)
            return .id(try c.change { (r) throws(DomainError) in try r.addCandidate(title: t, unit: u, from: p) })
        }
    }

    static var adoptCandidate: CommandSpec {
        let candidate = Arg("candidate", .record(.candidate)), owner = Arg("owner", .person), rationale = Arg("rationale", .text)
        let strands = Opt("strands", .choices(VerbWords.pier))
        return CommandSpec("adopt", [Operand(candidate, "X-n")],
                           [Clause("owner", owner, "PERSON"), Clause("rationale", rationale, "\"TEXT\""),
                            Clause("strands", strands, "PIER [, PIER]...")], atMeeting: true, effect: .change, topic: "strategy",
                           "Adopt a proposed candidate into the control strategy at an ST&CG or PSG (R1, R2, R3): it becomes a priority P-n, and each names the other.",
                           ["adopt X-1 owner \"Ch Supt Leo Hart\" rationale \"Highest score; a gap we can act on\" strands prevention, enforcement"]) { c throws(Diagnostic) in
            let m = try c.meeting(), x = try c(candidate), o = try c(owner), why = try c(rationale), pier = try c(strands) ?? []
            return .id(try c.change { (r) throws(DomainError) in try r.adoptCandidate(at: m, x, owner: o, rationale: why, strands: pier) })
        }
    }

    static var rejectCandidateByID: CommandSpec {
        let candidate = Arg("candidate", .record(.candidate)), rationale = Arg("rationale", .text)
        return CommandSpec("reject", [Operand(candidate, "X-n")], [Clause("rationale", rationale, "\"TEXT\"")],
                           atMeeting: true, effect: .change, topic: "strategy",
                           "Reject a proposed candidate at an ST&CG or PSG, with why (R3); it stays in the register with its scores.",
                           ["reject X-2 rationale \"Volume but low harm; neighbourhood teams manage it\""]) { c throws(Diagnostic) in
            let m = try c.meeting(), x = try c(candidate), why = try c(rationale)
            try c.change { (r) throws(DomainError) in try r.rejectCandidate(at: m, x, rationale: why) }
            return .none
        }
    }

    static var score: CommandSpec {
        let target = Arg("target", .id([.candidate, .priority])), harm = Opt("harm", .factors)
        let likelihood = Opt("likelihood", .integer), position = Opt("position", .integer)
        let confidence = Opt("confidence", .choice(VerbWords.confidences)), rationale = Arg("rationale", .text)
        let at = Opt("at", .record(.meeting))
        return CommandSpec("score", [Operand(target, "X-n|P-n")],
                           [Clause("harm", harm, "FACTOR N [FACTOR N]..."), Clause("likelihood", likelihood, "N"),
                            Clause("position", position, "N"), Clause("confidence", confidence, "low|medium|high"),
                            Clause("rationale", rationale, "\"TEXT\""), Clause("at", at, "M-n")],
                           effect: .change, topic: "strategy",
                           "Score a candidate or a priority against the scoring scheme (harm factors, likelihood, organisational position, with a confidence beside it); what is left out is carried from its latest score, and every score is kept (R3).",
                           ["score X-1 harm physical 3 psychological 3 financial 1 community 4 likelihood 4 position 3 confidence medium rationale \"Assessment AS-1, section 2\"",
                            "score X-1 likelihood 5 rationale \"Three more incidents since the assessment\""]) { c throws(Diagnostic) in
            let id = try c(target), h = try c(harm) ?? [], l = try c(likelihood), p = try c(position), conf = try c(confidence)
            let why = try c(rationale), day = c.today
            // Without `at`, the open meeting records it, if it is held and not closed; else none does.
            let current = c.interpreter.currentMeeting.flatMap { n in c.register.meetings.index(ofNumber: n).map { c.register.meetings[$0] } }
            let m = try c(at) ?? current.flatMap { $0.status != .closed && $0.date <= day ? $0.number : nil }
            let input = Register.ScoreInput(harm: h, likelihood: l, position: p, confidence: conf)
            let s = try c.change(blaming: { scoreFault($0, in: c.command) }) { (r) throws(DomainError) in
                try r.score(id, input, rationale: why, today: day, meeting: m)
            }
            let band = c.register.scheme(version: s.scheme).band(of: s.priorityScore).map { ", \($0)" } ?? ""
            c.confirm(.text("\(id) scored \(s.priorityScore)\(band) (harm \(s.harmTotal) × likelihood \(s.likelihood) = risk \(s.risk); × position \(s.position); confidence \(s.confidence.keyword))"))
            return .int(s.priorityScore)
        }
    }

    static var rankCandidates: CommandSpec {
        let unit = Opt("unit", .unit), from = Opt("from", .record(.product)), all = FlagClause("all")
        let compare = Opt("compare", .record(.meeting))
        return CommandSpec("rank candidates", [], [Clause("unit", unit, "NAME"), Clause("from", from, "AS-n"), Clause(all),
                                                   Clause("compare", compare, "M-n")],
                           effect: .query, topic: "queries",
                           "Proposed candidates (with `all`, active priorities too) ranked by priority score, then risk, then harm, then id; low confidence is flagged \"needs intelligence\"; `compare M-n` shows what moved since that meeting and why.",
                           ["rank candidates", "rank candidates unit Westshire all", "rank candidates all compare M-1"]) { c throws(Diagnostic) in
            let u = try c(unit), p = try c(from), withPriorities = c(all), since = try c(compare)
            let rows = c.register.ranking(unit: u, from: p, priorities: withPriorities)
            if c.printing { c.show(.document(c.reports.ranking(rows, unit: u, from: p, all: withPriorities, compare: since))) }
            return .list(rows.map { .id($0.id) })
        }
    }

    static var setSchemeFactor: CommandSpec {
        let name = Arg("name", .name), max = Opt("max", .integer), off = FlagClause("off")
        return CommandSpec("set scheme factor", [Operand(name, "NAME")], [Clause("max", max, "N"), Clause(off)],
                           effect: .change, topic: "setup",
                           "Add a harm factor to the scoring scheme scored 0 to N, rescale one, or remove one with `off`; each change is a new scheme version, and scores keep the version they were made under.",
                           ["set scheme factor exploitation max 4", "set scheme factor financial off"]) { c throws(Diagnostic) in
            let n = try c(name), top = try c(max), remove = c(off)
            try checkSchemeName(c, n, value: top, off: remove, what: "a harm factor", clause: "max N", example: "exploitation max 4")
            return try schemeChange(c, remove ? .removeFactor(n) : .factor(n, max: top ?? 0))
        }
    }

    static var setSchemeLikelihood: CommandSpec {
        let max = Arg("max", .integer)
        return CommandSpec("set scheme likelihood", [], [Clause("max", max, "N")], effect: .change, topic: "setup",
                           "Score likelihood from 1 to N in the scoring scheme (a new scheme version).",
                           ["set scheme likelihood max 5"]) { c throws(Diagnostic) in
            try schemeChange(c, .likelihood(max: try c(max)))
        }
    }

    static var setSchemePosition: CommandSpec {
        let max = Arg("max", .integer)
        return CommandSpec("set scheme position", [], [Clause("max", max, "N")], effect: .change, topic: "setup",
                           "Score organisational position from 1 (well covered already) to N (a gap the force can act on) in the scoring scheme (a new scheme version).",
                           ["set scheme position max 4"]) { c throws(Diagnostic) in
            try schemeChange(c, .position(max: try c(max)))
        }
    }

    static var setSchemeBand: CommandSpec {
        let name = Arg("name", .name), from = Opt("from", .integer), off = FlagClause("off")
        return CommandSpec("set scheme band", [Operand(name, "NAME")], [Clause("from", from, "N"), Clause(off)],
                           effect: .change, topic: "setup",
                           "Add or move a band on the priority score (a score at or above N is in the highest band it reaches), or remove one with `off` (a new scheme version).",
                           ["set scheme band critical from 240", "set scheme band medium off"]) { c throws(Diagnostic) in
            let n = try c(name), start = try c(from), remove = c(off)
            try checkSchemeName(c, n, value: start, off: remove, what: "a band", clause: "from N", example: "critical from 240")
            return try schemeChange(c, remove ? .removeBand(n) : .band(n, from: start ?? 0))
        }
    }

    static var setSchemeDefault: CommandSpec {
        CommandSpec("set scheme default", effect: .change, topic: "setup",
                    "Return to tcg's default scoring scheme (a new scheme version; earlier scores keep theirs).",
                    ["set scheme default"]) { c throws(Diagnostic) in
            try schemeChange(c, .standard)
        }
    }

    /// Refuses a factor's or band's name that is not one word, and a change that gives both or
    /// neither of its value (`clause`) and `off`.
    static func checkSchemeName(_ c: Call, _ name: String, value: Int?, off: Bool, what: String, clause: String, example: String) throws(Diagnostic) {
        let verb = c.command.spec.name
        guard (value == nil) == off else {
            throw Diagnostic(.error, "`\(verb)` needs either `\(clause)` or `off`", range: c.range, help: "write e.g. \(verb) \(example)")
        }
        guard isWord(name) else {
            throw Diagnostic(.error, "\(what)'s name is one word, not \"\(name)\"", range: c.range, help: "write e.g. \(verb) \(example)")
        }
    }

    /// Makes a scheme change and says which version it made.
    static func schemeChange(_ c: Call, _ change: Register.SchemeChange) throws(Diagnostic) -> Value {
        let version = try c.change { (r) throws(DomainError) in try r.changeScheme(change) }
        c.confirm(.text("scoring scheme v\(version): \(Register.describe(c.register.scheme(version: version)))"))
        return .int(version)
    }

    static var showScheme: CommandSpec {
        let version = Opt("version", .integer)
        return CommandSpec("show scheme", [], [Clause("version", version, "N")], effect: .query, topic: "queries",
                           "The scoring scheme in force (or an earlier version): harm factors and their scales, likelihood, position and the bands. The default is tcg's own, not an official MoRiLE matrix.",
                           ["show scheme", "show scheme version 1"]) { c throws(Diagnostic) in
            let v = try c(version) ?? c.register.scheme.version
            if c.printing { c.show(.document(c.reports.scheme(c.register.scheme(version: v)))) }
            return .int(v)
        }
    }
}

/// Where in a `score` statement a refused score is: the value out of its scale, or the harm
/// factor the scheme does not have.
func scoreFault(_ error: DomainError, in command: Command) -> SourceRange? {
    func factor(_ name: String) -> (name: Expr, value: Expr)? {
        guard case .list(let pairs, _)? = command.expr("harm") else { return nil }
        for case .list(let parts, _) in pairs where parts.count == 2 {
            if case .word(let word, _) = parts[0], word.lowercased() == name.lowercased() { return (parts[0], parts[1]) }
        }
        return nil
    }
    switch error {
    case .outOfScale(let scale, _, _, _):
        if scale == "likelihood" || scale == "position" { return command.expr(scale)?.range }
        return factor(String(scale.prefix { $0 != " " }))?.value.range
    case .unknownFactor(let name, _):
        return factor(name)?.name.range
    default:
        return nil
    }
}
