import TCGDomain

/// Changing a record's fields after it was made (`amend`, `modify`), and reviewing a plan
/// against its objectives (`review plan`).
extension CommandTable {
    /// What `amend` may give for each field, and how it is read (a date, a person, …).
    private struct AmendClauses {
        let texts: [(Amendment.Field, Opt<String>)] = [.title, .objectives, .question, .name].map { ($0, Opt($0.keyword, .text)) }
            + [(.role, Opt("role", .name)), (.unit, Opt("unit", .unit))]
        let dates: [(Amendment.Field, Opt<Day>)] = [.due, .review].map { ($0, Opt($0.keyword, .date)) }
        let people: [(Amendment.Field, Opt<Int>)] = [.owner, .assignee].map { ($0, Opt($0.keyword, .person)) }

        /// The clauses in the order help lists them.
        var clauses: [Clause] {
            var byField: [String: Clause] = [:]
            for (f, o) in texts { byField[f.keyword] = Clause(f.keyword, o, f == .role || f == .unit ? f.keyword.uppercased() : "\"TEXT\"") }
            for (f, o) in dates { byField[f.keyword] = Clause(f.keyword, o, "DATE") }
            for (f, o) in people { byField[f.keyword] = Clause(f.keyword, o, "PERSON") }
            return Amendment.Field.allCases.compactMap { byField[$0.keyword] }
        }

        /// The fields given, with their values, in the order of `Amendment.Field`.
        func changes(_ c: Call) throws(Diagnostic) -> [Register.FieldChange] {
            var given: [Amendment.Field: Amendment.Value] = [:]
            for (f, o) in texts { if let v = try c(o) { given[f] = .text(v) } }
            for (f, o) in dates { if let v = try c(o) { given[f] = .day(v) } }
            for (f, o) in people { if let v = try c(o) { given[f] = .person(v) } }
            return Amendment.Field.allCases.compactMap { f in given[f].map { (f, $0) } }
        }
    }

    /// `amend` and its alias `modify`: one grammar, one domain method.
    private static func amendment(_ word: String, _ summary: String, _ examples: [String]) -> CommandSpec {
        let target = Arg("id", .id(RecordKind.allCases)), rationale = Arg("rationale", .text), at = Opt("at", .record(.meeting))
        let fields = AmendClauses()
        var spec = CommandSpec(word, [Operand(target, "ID")],
                               fields.clauses + [Clause("rationale", rationale, "\"TEXT\""), Clause("at", at, "M-n")],
                               effect: .change, topic: "delivery", summary, examples,
                               synopsis: "\(word) ID FIELD VALUE [FIELD VALUE]... rationale \"TEXT\" [at M-n]") { c throws(Diagnostic) in
            let id = try c(target)
            if let allowed = Amendment.fields(of: id.kind) {
                for f in Amendment.Field.allCases where !allowed.contains(f) {
                    guard let given = c.command.expr(f.keyword) else { continue }
                    let text = DomainMessages.unknownField(f.keyword, of: id.kind)
                    throw Diagnostic(.error, text.message, range: given.range, help: text.help)
                }
            }
            let changes = try fields.changes(c), why = try c(rationale), m = try c(at), day = c.today, user = c.interpreter.user
            try c.change { (r) throws(DomainError) in try r.amend(id, changes, rationale: why, by: user, today: day, at: m) }
            if c.printing { c.confirm(.text("amended \(id): \(changes.map(\.field.keyword).joined(separator: ", "))")) }
            return .none
        }
        spec.clauseFit = { args, word in
            guard case .expr(.literal(.id(let id), _))? = args["id"], let allowed = Amendment.fields(of: id.kind) else { return nil }
            if ["rationale", "at"].contains(word) || allowed.contains(where: { $0.keyword == word }) { return nil }
            return DomainMessages.unknownField(word, of: id.kind)
        }
        return spec
    }

    static var amend: CommandSpec {
        amendment("amend",
                  "Change fields of a record, with why; the record keeps every amendment (old -> new, who, when, why: R13). Actions: title, due, owner; commissions: title, due, assignee; plans: title, owner, review, objectives; requirements: question, owner; people: name, role, unit; products: title. Not priorities (R1). No meeting needed (`at M-n` records it at one).",
                  ["amend A-3 due 2027-04-03 owner \"DS Kim Ng\" rationale \"Kim leads the Friday patrols\"",
                   "amend DP-1 objectives \"Cut town-centre ASB by a third\" rationale \"Agreed wording\" at M-2"])
    }

    static var modify: CommandSpec {
        amendment("modify", "The same as `amend` (as in Taskwarrior's `task 3 modify due:…`).",
                  ["modify A-3 due 2027-04-03 rationale \"Patrol rota moved\""])
    }

    static var reviewPlan: CommandSpec {
        let plan = Arg("plan", .record(.plan)), outcome = Arg("outcome", .choice(VerbWords.outcomes)), note = Arg("note", .text)
        let next = Opt("next", .date)
        return CommandSpec("review plan", [Operand(plan, "DP-n")],
                           [Clause("outcome", outcome, "met|partly|not-met"), Clause("note", note, "\"TEXT\""), Clause("next", next, "DATE")],
                           atMeeting: true, effect: .change, topic: "delivery",
                           "Review a delivery plan against its objectives, at a TT&CG (R6): the review is kept on the plan, and its next review date becomes `next` (cleared when none is given).",
                           ["review plan DP-1 outcome partly note \"ASB down 20%; the night-time economy is not yet covered\" next 2027-04-21"]) { c throws(Diagnostic) in
            let m = try c.meeting(), p = try c(plan), o = try c(outcome), n = try c(note), d = try c(next)
            try c.change { (r) throws(DomainError) in try r.reviewPlan(at: m, p, outcome: o, note: n, next: d) }
            return .none
        }
    }
}
