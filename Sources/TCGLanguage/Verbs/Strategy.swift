import TCGDomain

/// The control strategy and intelligence requirements (at an ST&CG).
extension CommandTable {
    static let strategy: [CommandSpec] = [addPriority, rejectCandidate, retirePriority, addRequirement, reviewRequirement]

    static var addPriority: CommandSpec {
        let title = Arg("title", .text), owner = Arg("owner", .person), rationale = Arg("rationale", .text)
        let strands = Opt("strands", .choices(VerbWords.pier))
        return CommandSpec("add priority", [Operand(title, "\"TITLE\"")],
                           [Clause("owner", owner, "PERSON"), Clause("rationale", rationale, "\"TEXT\""),
                            Clause("strands", strands, "PIER [, PIER]...")], atMeeting: true,
                           effect: .change, topic: "strategy",
                           "Add a priority to the control strategy, at an ST&CG (R1, R2, R3); `strands` lists the PIER strands (prevention, intelligence, enforcement, reassurance) its delivery is to cover.",
                           ["add priority \"Town-centre ASB\" owner \"Ch Supt Leo Hart\" rationale \"Highest community harm\"",
                            "add priority \"Burglary\" owner \"Ch Supt Leo Hart\" rationale \"Rising harm\" strands prevention, enforcement"]) { c throws(Diagnostic) in
            let m = try c.meeting(), t = try c(title), o = try c(owner), why = try c(rationale), pier = try c(strands) ?? []
            return .id(try c.change { (r) throws(DomainError) in try r.addPriority(at: m, title: t, owner: o, rationale: why, strands: pier) })
        }
    }

    static var rejectCandidate: CommandSpec {
        let title = Arg("title", .text), rationale = Arg("rationale", .text)
        return CommandSpec("reject candidate", [Operand(title, "\"TITLE\"")], [Clause("rationale", rationale, "\"TEXT\"")],
                           atMeeting: true, effect: .change, topic: "strategy",
                           "Record a candidate priority considered and not included, with why (R3).",
                           ["reject candidate \"Fly-tipping\" rationale \"Led by the council\""]) { c throws(Diagnostic) in
            let m = try c.meeting(), t = try c(title), why = try c(rationale)
            return .id(try c.change { (r) throws(DomainError) in try r.rejectCandidate(at: m, title: t, rationale: why) })
        }
    }

    static var retirePriority: CommandSpec {
        let priority = Arg("priority", .record(.priority)), rationale = Arg("rationale", .text)
        return CommandSpec("retire priority", [Operand(priority, "P-n")], [Clause("rationale", rationale, "\"TEXT\"")],
                           atMeeting: true, effect: .change, topic: "strategy",
                           "Retire a priority from the control strategy, at an ST&CG (R1).",
                           ["retire priority P-2 rationale \"Harm reduced below threshold\""]) { c throws(Diagnostic) in
            let m = try c.meeting(), p = try c(priority), why = try c(rationale)
            try c.change { (r) throws(DomainError) in try r.retirePriority(at: m, p, rationale: why) }
            return .none
        }
    }

    static var addRequirement: CommandSpec {
        let level = Arg("level", .choice(VerbWords.levels)), question = Arg("question", .text)
        let priority = Opt("priority", .record(.priority)), plan = Opt("plan", .record(.plan)), owner = Opt("owner", .person)
        let candidate = Opt("for", .record(.candidate))
        return CommandSpec("add requirement", [Operand(level, "strategic|tactical"), Operand(question, "\"QUESTION\"")],
                           [Clause("priority", priority, "P-n"), Clause("plan", plan, "DP-n"), Clause("for", candidate, "X-n"),
                            Clause("owner", owner, "PERSON")],
                           atMeeting: true, effect: .change, topic: "strategy",
                           "Add an intelligence requirement; strategic ones at an ST&CG, tactical ones for a plan (R4); `for X-n` raises one against a candidate whose score needs intelligence.",
                           ["add requirement strategic \"Which groups drive evening ASB?\" priority P-1 owner \"DS Kim Ng\"",
                            "add requirement strategic \"Who runs the county lines?\" for X-1"]) { c throws(Diagnostic) in
            let m = try c.meeting(), l = try c(level), q = try c(question), p = try c(priority), dp = try c(plan), o = try c(owner)
            let x = try c(candidate)
            return .id(try c.change { (r) throws(DomainError) in
                try r.addRequirement(at: m, level: l, question: q, priority: p, plan: dp, owner: o, candidate: x)
            })
        }
    }

    static var reviewRequirement: CommandSpec {
        let requirement = Arg("requirement", .record(.requirement))
        let status = Opt("status", .choice(VerbWords.requirementStatuses)), note = Opt("note", .text)
        return CommandSpec("review requirement", [Operand(requirement, "IR-n")],
                           [Clause("status", status, "open|answered|withdrawn"), Clause("note", note, "\"TEXT\"")],
                           atMeeting: true, effect: .change, topic: "strategy", "Review a requirement at an ST&CG or TT&CG (R4).",
                           ["review requirement IR-1 status answered note \"Profile identified two groups\""]) { c throws(Diagnostic) in
            let m = try c.meeting(), ir = try c(requirement), s = try c(status), n = try c(note)
            try c.change { (r) throws(DomainError) in try r.reviewRequirement(at: m, ir, status: s, note: n) }
            return .none
        }
    }
}
