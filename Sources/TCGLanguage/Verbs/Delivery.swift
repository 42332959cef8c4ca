import TCGDomain

/// Plans, actions, commissions, reviews, escalations, products and decisions.
extension CommandTable {
    static let delivery: [CommandSpec] = [
        commissionAnalysis, createPlan, reviewPlan, closePlan, addAction, assign, handover, commissionReview, escalate, accept, decline,
        addProduct, present, decide, deliver, update, complete, reopen, amend, modify, cancel, recordFindings, mark,
    ]

    static var commissionAnalysis: CommandSpec {
        let title = Arg("title", .text), product = Opt("product", .choice(VerbWords.productKinds))
        let to = Arg("to", .person), due = Arg("due", .date)
        return CommandSpec("commission analysis", [Operand(title, "\"TITLE\"")],
                           [Clause("product", product, "KIND"), Clause("to", to, "PERSON"), Clause("due", due, "DATE")],
                           atMeeting: true, effect: .change, topic: "delivery", "Commission analysis at an ST&CG or TT&CG, due on or after that meeting (R6); prints C-n.",
                           ["commission analysis \"Town-centre ASB problem profile\" product problem-profile to \"Ola Reyes\" due 2027-03-17"]) { c throws(Diagnostic) in
            let m = try c.meeting(), t = try c(title), p = try c(product), who = try c(to), d = try c(due)
            return .id(try c.change { (r) throws(DomainError) in try r.commissionAnalysis(at: m, title: t, product: p, assignee: who, due: d) })
        }
    }

    static var createPlan: CommandSpec {
        let title = Arg("title", .text), serves = Opt("for", .id([.priority, .escalation])), owner = Arg("owner", .person)
        let start = Opt("start", .date), review = Opt("review", .date), objectives = Opt("objectives", .text)
        return CommandSpec("create plan", [Operand(title, "\"TITLE\"")],
                           [Clause("for", serves, "P-n|E-n"), Clause("owner", owner, "PERSON"), Clause("start", start, "DATE"),
                            Clause("review", review, "DATE"), Clause("objectives", objectives, "\"TEXT\"")],
                           atMeeting: true, effect: .change, topic: "delivery",
                           "Create a delivery plan with its owner, at a TT&CG (R6), with the objectives it is reviewed against (`review plan`); prints DP-n.",
                           ["let plan = create plan \"Op Lantern\" for P-1 owner \"Sgt Bea Cole\" start 2027-03-11 review 2027-03-24 objectives \"Cut town-centre ASB by a third\""]) { c throws(Diagnostic) in
            let m = try c.meeting(), t = try c(title), s = try c(serves), o = try c(owner), st = try c(start), rv = try c(review)
            let ob = try c(objectives)
            return .id(try c.change { (r) throws(DomainError) in
                try r.createPlan(at: m, title: t, serves: s, owner: o, start: st, review: rv, objectives: ob)
            })
        }
    }

    static var closePlan: CommandSpec {
        let plan = Arg("plan", .record(.plan)), rationale = Opt("rationale", .text)
        return CommandSpec("close plan", [Operand(plan, "DP-n")], [Clause("rationale", rationale, "\"TEXT\"")],
                           effect: .change, topic: "delivery", "Close a delivery plan without completing it (it stays in the register).",
                           ["close plan DP-2 rationale \"Superseded by Op Beacon\""]) { c throws(Diagnostic) in
            let p = try c(plan), why = try c(rationale)
            try c.change { (r) throws(DomainError) in try r.finishPlan(p, status: .closed, note: why) }
            return .none
        }
    }

    static var addAction: CommandSpec {
        let type = Arg("type", .choice(VerbWords.pier)), title = Arg("title", .text), plan = Arg("to", .record(.plan))
        let owner = Arg("owner", .person), due = Arg("due", .date)
        return CommandSpec("add action", [Operand(type, "prevention|intelligence|enforcement|reassurance"), Operand(title, "\"TITLE\"")],
                           [Clause("to", plan, "DP-n"), Clause("owner", owner, "PERSON"), Clause("due", due, "DATE")],
                           atMeeting: true, effect: .change, topic: "delivery", "Task a PIER action under a plan, at a TT&CG, due on or after that meeting (R6); prints A-n.",
                           ["add action enforcement \"Dispersal order patrols\" to DP-1 owner \"Sgt Bea Cole\" due 2027-03-31"]) { c throws(Diagnostic) in
            let m = try c.meeting(), k = try c(type), t = try c(title), p = try c(plan), o = try c(owner), d = try c(due)
            return .id(try c.change { (r) throws(DomainError) in try r.addAction(at: m, type: k, title: t, plan: p, owner: o, due: d) })
        }
    }

    static var assign: CommandSpec {
        let person = Arg("person", .person), to = Arg("to", .id([.priority, .plan, .action, .commission, .requirement]))
        return CommandSpec("assign", [Operand(person, "PERSON")], [Clause("to", to, "P-n|DP-n|A-n|C-n|IR-n")],
                           atMeeting: true, effect: .change, topic: "delivery",
                           "Change the owner or assignee of a priority, plan, action, commission or requirement.",
                           ["assign \"DS Kim Ng\" to A-4"]) { c throws(Diagnostic) in
            let m = try c.meeting(), p = try c(person), target = try c(to)
            try c.change { (r) throws(DomainError) in try r.assign(at: m, person: p, to: target) }
            return .none
        }
    }

    static var handover: CommandSpec {
        let from = Arg("person", .person), to = Arg("to", .person), rationale = Arg("rationale", .text), at = Opt("at", .record(.meeting))
        return CommandSpec("handover", [Operand(from, "PERSON")],
                           [Clause("to", to, "PERSON"), Clause("rationale", rationale, "\"TEXT\""), Clause("at", at, "M-n")],
                           effect: .change, topic: "delivery",
                           "Hand all a leaver's open work to another person, each record audited (R13); no meeting needed, but priorities move only at an ST&CG (R1).",
                           ["handover \"Dan Frost\" to \"DS Kim Ng\" rationale \"Dan left on 31 March\""]) { c throws(Diagnostic) in
            let old = try c(from), new = try c(to), why = try c(rationale), m = try c(at)
            let (moved, warning) = try c.change { (r) throws(DomainError) in try r.handover(from: old, to: new, rationale: why, at: m) }
            if let warning { c.warn(warning) }
            let shown = moved.filter(c.register.exists).map(\.description)
            if c.printing {
                c.confirm(.text(shown.isEmpty ? "nothing handed over" : "handed over to \(c.register.name(of: new)): \(shown.joined(separator: ", "))"))
            }
            return .none
        }
    }

    static var commissionReview: CommandSpec {
        let title = Arg("title", .text), plan = Arg("of", .record(.plan)), objectives = Arg("objectives", .text)
        let scope = Arg("scope", .choice(VerbWords.scopes))
        return CommandSpec("commission review", [Operand(title, "\"TITLE\"")],
                           [Clause("of", plan, "DP-n"), Clause("objectives", objectives, "\"TEXT\""),
                            Clause("scope", scope, "all|tactical-performance|crime-impact|partnership")],
                           atMeeting: true, effect: .change, topic: "delivery",
                           "Commission an operational review of a plan with objectives and scope, at a TT&CG (R7); prints R-n.",
                           ["commission review \"Op Lantern review\" of DP-1 objectives \"Did patrols cut ASB?\" scope crime-impact"]) { c throws(Diagnostic) in
            let m = try c.meeting(), t = try c(title), p = try c(plan), o = try c(objectives), s = try c(scope)
            let (id, warning) = try c.change { (r) throws(DomainError) in
                try r.commissionReview(at: m, title: t, plan: p, objectives: o, scope: s)
            }
            if let warning { c.warn(warning) }
            return .id(id)
        }
    }

    static var escalate: CommandSpec {
        let subject = Arg("subject", .escalationSubject), to = Arg("to", .unit), rationale = Arg("rationale", .text)
        return CommandSpec("escalate", [Operand(subject, "A-n|DP-n|\"TEXT\"")],
                           [Clause("to", to, "UNIT"), Clause("rationale", rationale, "\"TEXT\"")],
                           atMeeting: true, effect: .change, topic: "delivery",
                           "Escalate an action, a plan or a matter to the parent unit (R12); prints E-n.",
                           ["escalate DP-1 to Westshire rationale \"Needs the force's public order unit\""]) { c throws(Diagnostic) in
            let m = try c.meeting(), s = try c(subject), u = try c(to), why = try c(rationale)
            return .id(try c.change { (r) throws(DomainError) in try r.escalate(at: m, subject: s, to: u, rationale: why) })
        }
    }

    static var accept: CommandSpec {
        let escalation = Arg("escalation", .record(.escalation))
        return CommandSpec("accept", [Operand(escalation, "E-n")], atMeeting: true, effect: .change, topic: "delivery",
                           "Accept an escalation at a meeting of the unit it went to, held on or after the day it was raised (R12).", ["accept E-1"]) { c throws(Diagnostic) in
            let m = try c.meeting(), e = try c(escalation)
            try c.change { (r) throws(DomainError) in try r.settleEscalation(at: m, e, accept: true, rationale: nil) }
            return .none
        }
    }

    static var decline: CommandSpec {
        let escalation = Arg("escalation", .record(.escalation)), rationale = Arg("rationale", .text)
        return CommandSpec("decline", [Operand(escalation, "E-n")], [Clause("rationale", rationale, "\"TEXT\"")],
                           atMeeting: true, effect: .change, topic: "delivery", "Decline an escalation, with why, at a meeting as for `accept` (R12).",
                           ["decline E-1 rationale \"Within the BCU's resources\""]) { c throws(Diagnostic) in
            let m = try c.meeting(), e = try c(escalation), why = try c(rationale)
            try c.change { (r) throws(DomainError) in try r.settleEscalation(at: m, e, accept: false, rationale: why) }
            return .none
        }
    }

    static var addProduct: CommandSpec {
        let kind = Arg("kind", .choice(VerbWords.productKinds)), title = Arg("title", .text), author = Opt("author", .person)
        let date = Opt("date", .date), commission = Opt("for", .record(.commission)), recommends = Opt("recommends", .text)
        return CommandSpec("add product", [Operand(kind, "KIND"), Operand(title, "\"TITLE\"")],
                           [Clause("author", author, "PERSON"), Clause("date", date, "DATE"), Clause("for", commission, "C-n"),
                            Clause("recommends", recommends, "\"TEXT\"")],
                           effect: .change, topic: "delivery",
                           "Add an intelligence product (assessment, profile, results analysis); prints AS-n.",
                           ["add product tactical-assessment \"East tactical assessment, wk 11\" author \"Ola Reyes\" recommends \"Target the 18:00-23:00 window\""]) { c throws(Diagnostic) in
            let k = try c(kind), t = try c(title), a = try c(author), d = try c(date) ?? c.today, cn = try c(commission), rec = try c(recommends)
            return .id(try c.change { (r) throws(DomainError) in
                try r.addProduct(kind: k, title: t, author: a, date: d, commission: cn, recommends: rec)
            })
        }
    }

    static var present: CommandSpec {
        let product = Arg("product", .record(.product))
        return CommandSpec("present", [Operand(product, "AS-n")], atMeeting: true, effect: .change, topic: "delivery",
                           "Record that a product was presented at the meeting: once at each meeting that considers it, every presentation kept.", ["present AS-1"]) { c throws(Diagnostic) in
            let m = try c.meeting(), p = try c(product)
            try c.change { (r) throws(DomainError) in try r.present(at: m, p) }
            return .none
        }
    }

    static var decide: CommandSpec {
        let text = Arg("text", .text), rationale = Opt("rationale", .text), about = Opt("about", .ids(RecordKind.allCases))
        let supersedes = Opt("supersedes", .record(.decision))
        return CommandSpec("decide", [Operand(text, "\"TEXT\"")],
                           [Clause("rationale", rationale, "\"TEXT\""), Clause("about", about, "ID [, ID]..."),
                            Clause("supersedes", supersedes, "D-n")],
                           atMeeting: true, effect: .change, topic: "delivery",
                           "Record a decision with its rationale (R5); a correction supersedes an earlier one.",
                           ["decide \"Launch Op Lantern\" rationale \"Serves the ASB priority\" about DP-1",
                            "decide \"Extend Op Lantern to May\" rationale \"Results analysis\" supersedes D-2"]) { c throws(Diagnostic) in
            let m = try c.meeting(), t = try c(text), why = try c(rationale), ids = try c(about) ?? [], old = try c(supersedes)
            return .id(try c.change { (r) throws(DomainError) in try r.decide(at: m, text: t, rationale: why, about: ids, supersedes: old) })
        }
    }

    static var deliver: CommandSpec {
        let commission = Arg("commission", .record(.commission)), note = Opt("note", .text)
        return CommandSpec("deliver", [Operand(commission, "C-n")], [Clause("note", note, "\"TEXT\"")],
                           effect: .change, topic: "delivery", "Mark commissioned analysis delivered.",
                           ["deliver C-1 note \"Profile presented at the IUM\""]) { c throws(Diagnostic) in
            let cn = try c(commission), n = try c(note)
            try c.change { (r) throws(DomainError) in try r.deliver(cn, note: n) }
            return .none
        }
    }

    static var update: CommandSpec {
        let action = Arg("action", .record(.action)), progress = Arg("progress", .text), at = Opt("at", .record(.meeting))
        return CommandSpec("update", [Operand(action, "A-n")], [Clause("progress", progress, "\"TEXT\""), Clause("at", at, "M-n")],
                           effect: .change, topic: "delivery",
                           "Add a progress note to an open action (any time; `at M-n` records it at a meeting, e.g. a DMM).",
                           ["update A-2 progress \"Patrols on Fridays and Saturdays\""]) { c throws(Diagnostic) in
            let a = try c(action), text = try c(progress), m = try c(at), day = c.today
            try c.change { (r) throws(DomainError) in try r.updateProgress(a, text: text, today: day, meeting: m) }
            return .none
        }.confirming("updated")
    }

    static var complete: CommandSpec {
        let target = Arg("target", .id([.action, .plan])), result = Opt("result", .text), at = Opt("at", .record(.meeting))
        return CommandSpec("complete", [Operand(target, "A-n|DP-n")], [Clause("result", result, "\"TEXT\""), Clause("at", at, "M-n")],
                           effect: .change, topic: "delivery",
                           "Mark an action done (or a plan completed, once none of its actions is open: R13), with its result; `at M-n` records it at a meeting (in its minutes).",
                           ["complete A-3 result \"Surgery held; 40 residents attended\"", "complete A-2 result \"Order served\" at M-4"]) { c throws(Diagnostic) in
            let id = try c(target), text = try c(result), m = try c(at), day = c.today
            try c.change { (r) throws(DomainError) in
                if id.kind == .plan {
                    try r.finishPlan(id.number, status: .completed, note: text, at: m)
                } else {
                    try r.complete(id.number, result: text, at: m, today: day)
                }
            }
            return .none
        }
    }

    static var reopen: CommandSpec {
        let action = Arg("action", .record(.action)), rationale = Arg("rationale", .text)
        return CommandSpec("reopen", [Operand(action, "A-n")], [Clause("rationale", rationale, "\"TEXT\"")],
                           effect: .change, topic: "delivery",
                           "Open a done or cancelled action again, with why (R13: its result is kept in its progress notes).",
                           ["reopen A-3 rationale \"Burglaries rose again in the area\""]) { c throws(Diagnostic) in
            let a = try c(action), why = try c(rationale), day = c.today
            try c.change { (r) throws(DomainError) in try r.reopen(a, rationale: why, today: day) }
            return .none
        }.confirming("reopened")
    }

    static var cancel: CommandSpec {
        let target = Arg("target", .id([.action, .commission])), rationale = Arg("rationale", .text)
        return CommandSpec("cancel", [Operand(target, "A-n|C-n")], [Clause("rationale", rationale, "\"TEXT\"")],
                           effect: .change, topic: "delivery", "Cancel an open action or a commission, with why (R13: nothing is deleted).",
                           ["cancel A-5 rationale \"Duplicates A-2\""]) { c throws(Diagnostic) in
            let id = try c(target), why = try c(rationale)
            try c.change { (r) throws(DomainError) in try r.cancel(id, rationale: why) }
            return .none
        }
    }

    static var recordFindings: CommandSpec {
        let review = Arg("review", .record(.review)), lessons = Opt("lessons", .text), good = Opt("good-practice", .text)
        let conclusions = Opt("conclusions", .text), recommendations = Opt("recommendations", .text)
        return CommandSpec("record findings", [Operand(review, "R-n")],
                           [Clause("lessons", lessons, "\"TEXT\""), Clause("good-practice", good, "\"TEXT\""),
                            Clause("conclusions", conclusions, "\"TEXT\""), Clause("recommendations", recommendations, "\"TEXT\"")],
                           effect: .change, topic: "delivery", "Record an operational review's findings; the review is then completed.",
                           ["record findings R-1 lessons \"Start patrols earlier\" conclusions \"ASB down 30%\""]) { c throws(Diagnostic) in
            let rv = try c(review), l = try c(lessons), g = try c(good), con = try c(conclusions), rec = try c(recommendations)
            try c.change { (r) throws(DomainError) in
                try r.recordFindings(rv, lessons: l, goodPractice: g, conclusions: con, recommendations: rec)
            }
            return .none
        }
    }

    static var mark: CommandSpec {
        let ids = Arg("ids", .ids(RecordKind.allCases)), marking = Arg("marking", .choice(VerbWords.markings))
        return CommandSpec("mark", [Operand(ids, "ID [, ID]..."), Operand(marking, "official|official-sensitive")],
                           effect: .change, topic: "delivery",
                           "Give records a handling marking; under `--max-marking OFFICIAL` (or `set max-marking official`) those above it, and what is under them, are as if they did not exist.",
                           ["mark A-4, C-2 official-sensitive"]) { c throws(Diagnostic) in
            let targets = try c(ids), level = try c(marking)
            for id in targets { try c.change { (r) throws(DomainError) in try r.mark(id, level) } }
            return .none
        }
    }
}
