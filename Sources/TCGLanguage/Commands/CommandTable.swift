import TCGDomain

/// Every command of the language, declared once. The parser, `help`, tab completion and
/// docs/language.md are all generated from this table.
public enum CommandTable {
    static let productKinds = Product.Kind.keywords
    static let meetingKinds = Meeting.Kind.keywords
    static let pier = Action.PIER.keywords
    static let scopes = Review.Scope.keywords
    static let formats = ["table", "json", "csv", "markdown"]

    /// The table, in the order help lists it.
    public static let all: [CommandSpec] = [
        // Setup
        spec(.addUnit, "add unit", [Operand("name", .name, "NAME")],
             [Clause("kind", .choice(Unit.Kind.keywords), "force|bcu"), Clause("parent", .unit, "NAME")],
             topic: "setup", "Add a force or a basic command unit (BCU).",
             ["add unit Westshire kind force", "add unit East kind bcu parent Westshire"]),
        spec(.addPerson, "add person", [Operand("name", .text, "\"NAME\"")],
             [Clause("role", .name, "ROLE"), Clause("unit", .unit, "NAME"), Clause("agency", .name, "\"AGENCY\"")],
             topic: "setup", "Add a person: police, or a partner agency's representative (R11).",
             ["add person \"DS Kim Ng\" role intelligence-officer unit East", "add person \"Meg Lowe\" agency \"East District Council\""]),
        spec(.updatePerson, "update person", [Operand("person", .person, "PERSON")],
             [Clause("role", .name, "ROLE"), Clause("unit", .unit, "NAME"), Clause("agency", .name, "\"AGENCY\""),
              Clause("status", .choice(Person.Status.keywords), "active|left")],
             topic: "setup", "Change a person's role, unit, agency, or mark that they have left (never deleted).",
             ["update person \"Dan Frost\" status left"]),
        spec(.setPolicy, "set policy", [Operand("unit", .unit, "UNIT")],
             [Clause("stcg every", .duration, "DURATION", name: "stcg"), Clause("ttcg every", .duration, "DURATION", name: "ttcg")],
             topic: "setup", "Set how often a unit's ST&CG and TT&CG meet (R9).",
             ["set policy Westshire stcg every 3mo", "set policy East ttcg every 2w"]),
        // Meetings
        spec(.createMeeting, "create meeting", [Operand("kind", .choice(meetingKinds), "stcg|ttcg|ium|dmm")],
             [Clause("on", .date, "DATE", required: true), Clause("unit", .unit, "NAME"), Clause("chair", .person, "PERSON"),
              Clause("title", .text, "\"TEXT\"")],
             topic: "meetings", "Create a meeting; prints its id (M-n).",
             ["let tt = create meeting ttcg on 2027-03-10 unit East chair \"Ch Supt Leo Hart\""]),
        spec(.open, "open", [Operand("meeting", .id([.meeting]), "M-n")], [],
             topic: "meetings", "Make a meeting the current one for what follows (the prompt shows it).",
             ["open M-2", "open $tt"]),
        spec(.attend, "attend", [Operand("people", .people, "PERSON [, PERSON]...")], [Clause("partner", nil)],
             atMeeting: true, topic: "meetings", "Record attendance at the current meeting; `partner` for partners present.",
             ["attend \"Ch Supt Leo Hart\", \"Ola Reyes\"", "attend \"Meg Lowe\" partner"]),
        spec(.closeMeeting, "close meeting", [Operand("meeting", .id([.meeting]), "M-n", optional: true)], [],
             topic: "meetings", "Close a meeting (the current one by default); its record is then fixed (R10).",
             ["close meeting", "close meeting M-3"]),
        // Business
        spec(.addPriority, "add priority", [Operand("title", .text, "\"TITLE\"")],
             [Clause("owner", .person, "PERSON", required: true), Clause("rationale", .text, "\"TEXT\"", required: true)],
             atMeeting: true, topic: "strategy", "Add a priority to the control strategy, at an ST&CG (R1, R2, R3).",
             ["add priority \"Town-centre ASB\" owner \"Ch Supt Leo Hart\" rationale \"Highest community harm\""]),
        spec(.rejectCandidate, "reject candidate", [Operand("title", .text, "\"TITLE\"")],
             [Clause("rationale", .text, "\"TEXT\"", required: true)],
             atMeeting: true, topic: "strategy", "Record a candidate priority considered and not included, with why (R3).",
             ["reject candidate \"Fly-tipping\" rationale \"Led by the council\""]),
        spec(.retirePriority, "retire priority", [Operand("priority", .id([.priority]), "P-n")],
             [Clause("rationale", .text, "\"TEXT\"", required: true)],
             atMeeting: true, topic: "strategy", "Retire a priority from the control strategy, at an ST&CG (R1).",
             ["retire priority P-2 rationale \"Harm reduced below threshold\""]),
        spec(.addRequirement, "add requirement", [Operand("level", .choice(["strategic", "tactical"]), "strategic|tactical"),
                                                   Operand("question", .text, "\"QUESTION\"")],
             [Clause("priority", .id([.priority]), "P-n"), Clause("plan", .id([.plan]), "DP-n"), Clause("owner", .person, "PERSON")],
             atMeeting: true, topic: "strategy", "Add an intelligence requirement; strategic ones at an ST&CG, tactical ones for a plan (R4).",
             ["add requirement strategic \"Which groups drive evening ASB?\" priority P-1 owner \"DS Kim Ng\""]),
        spec(.reviewRequirement, "review requirement", [Operand("requirement", .id([.requirement]), "IR-n")],
             [Clause("status", .choice(Requirement.Status.keywords), "open|answered|withdrawn"), Clause("note", .text, "\"TEXT\"")],
             atMeeting: true, topic: "strategy", "Review a requirement at an ST&CG or TT&CG (R4).",
             ["review requirement IR-1 status answered note \"Profile identified two groups\""]),
        spec(.commissionAnalysis, "commission analysis", [Operand("title", .text, "\"TITLE\"")],
             [Clause("product", .choice(productKinds), "KIND"), Clause("to", .person, "PERSON", required: true),
              Clause("due", .date, "DATE", required: true)],
             atMeeting: true, topic: "delivery", "Commission analysis at an ST&CG or TT&CG (R6); prints C-n.",
             ["commission analysis \"Town-centre ASB problem profile\" product problem-profile to \"Ola Reyes\" due 2027-03-17"]),
        spec(.createPlan, "create plan", [Operand("title", .text, "\"TITLE\"")],
             [Clause("for", .id([.priority, .escalation]), "P-n|E-n"), Clause("owner", .person, "PERSON", required: true),
              Clause("start", .date, "DATE"), Clause("review", .date, "DATE")],
             atMeeting: true, topic: "delivery", "Create a delivery plan with its owner, at a TT&CG (R6); prints DP-n.",
             ["let plan = create plan \"Op Lantern\" for P-1 owner \"Sgt Bea Cole\" start 2027-03-11 review 2027-03-24"]),
        spec(.closePlan, "close plan", [Operand("plan", .id([.plan]), "DP-n")], [Clause("rationale", .text, "\"TEXT\"")],
             topic: "delivery", "Close a delivery plan without completing it (it stays in the register).",
             ["close plan DP-2 rationale \"Superseded by Op Beacon\""]),
        spec(.addAction, "add action", [Operand("type", .choice(pier), "prevention|intelligence|enforcement|reassurance"),
                                         Operand("title", .text, "\"TITLE\"")],
             [Clause("to", .id([.plan]), "DP-n", required: true), Clause("owner", .person, "PERSON", required: true),
              Clause("due", .date, "DATE", required: true)],
             atMeeting: true, topic: "delivery", "Task a PIER action under a plan, at a TT&CG (R6); prints A-n.",
             ["add action enforcement \"Dispersal order patrols\" to DP-1 owner \"Sgt Bea Cole\" due 2027-03-31"]),
        spec(.assign, "assign", [Operand("person", .person, "PERSON")],
             [Clause("to", .id([.priority, .plan, .action, .commission, .requirement]), "P-n|DP-n|A-n|C-n|IR-n", required: true)],
             atMeeting: true, topic: "delivery", "Change the owner or assignee of a priority, plan, action, commission or requirement.",
             ["assign \"DS Kim Ng\" to A-4"]),
        spec(.commissionReview, "commission review", [Operand("title", .text, "\"TITLE\"")],
             [Clause("of", .id([.plan]), "DP-n", required: true), Clause("objectives", .text, "\"TEXT\"", required: true),
              Clause("scope", .choice(scopes), "all|tactical-performance|crime-impact|partnership", required: true)],
             atMeeting: true, topic: "delivery", "Commission an operational review of a plan with objectives and scope, at a TT&CG (R7); prints R-n.",
             ["commission review \"Op Lantern review\" of DP-1 objectives \"Did patrols cut ASB?\" scope crime-impact"]),
        spec(.escalate, "escalate", [Operand("subject", .idOrText([.action, .plan]), "A-n|DP-n|\"TEXT\"")],
             [Clause("to", .unit, "UNIT", required: true), Clause("rationale", .text, "\"TEXT\"", required: true)],
             atMeeting: true, topic: "delivery", "Escalate an action, a plan or a matter to the parent unit (R12); prints E-n.",
             ["escalate DP-1 to Westshire rationale \"Needs the force's public order unit\""]),
        spec(.accept, "accept", [Operand("escalation", .id([.escalation]), "E-n")], [],
             atMeeting: true, topic: "delivery", "Accept an escalation at a meeting of the unit it went to (R12).",
             ["accept E-1"]),
        spec(.decline, "decline", [Operand("escalation", .id([.escalation]), "E-n")],
             [Clause("rationale", .text, "\"TEXT\"", required: true)],
             atMeeting: true, topic: "delivery", "Decline an escalation, with why (R12).",
             ["decline E-1 rationale \"Within the BCU's resources\""]),
        spec(.addProduct, "add product", [Operand("kind", .choice(productKinds), "KIND"), Operand("title", .text, "\"TITLE\"")],
             [Clause("author", .person, "PERSON"), Clause("date", .date, "DATE"), Clause("for", .id([.commission]), "C-n"),
              Clause("recommends", .text, "\"TEXT\"")],
             topic: "delivery", "Add an intelligence product (assessment, profile, results analysis); prints AS-n.",
             ["add product tactical-assessment \"East tactical assessment, wk 11\" author \"Ola Reyes\" recommends \"Target the 18:00-23:00 window\""]),
        spec(.present, "present", [Operand("product", .id([.product]), "AS-n")], [],
             atMeeting: true, topic: "delivery", "Record that a product was presented at the meeting.",
             ["present AS-1"]),
        spec(.decide, "decide", [Operand("text", .text, "\"TEXT\"")],
             [Clause("rationale", .text, "\"TEXT\""), Clause("about", .ids(RecordKind.allCases), "ID [, ID]..."),
              Clause("supersedes", .id([.decision]), "D-n")],
             atMeeting: true, topic: "delivery", "Record a decision with its rationale (R5); a correction supersedes an earlier one.",
             ["decide \"Launch Op Lantern\" rationale \"Serves the ASB priority\" about DP-1",
              "decide \"Extend Op Lantern to May\" rationale \"Results analysis\" supersedes D-2"]),
        spec(.deliver, "deliver", [Operand("commission", .id([.commission]), "C-n")], [Clause("note", .text, "\"TEXT\"")],
             topic: "delivery", "Mark commissioned analysis delivered.",
             ["deliver C-1 note \"Profile presented at the IUM\""]),
        spec(.update, "update", [Operand("action", .id([.action]), "A-n")],
             [Clause("progress", .text, "\"TEXT\"", required: true), Clause("at", .id([.meeting]), "M-n")],
             topic: "delivery", "Add a progress note to an open action (any time; `at M-n` records it at a meeting, e.g. a DMM).",
             ["update A-2 progress \"Patrols on Fridays and Saturdays\""]),
        spec(.complete, "complete", [Operand("target", .id([.action, .plan]), "A-n|DP-n")], [Clause("result", .text, "\"TEXT\"")],
             topic: "delivery", "Mark an action done (or a plan completed), with its result.",
             ["complete A-3 result \"Surgery held; 40 residents attended\""]),
        spec(.cancel, "cancel", [Operand("target", .id([.action, .commission]), "A-n|C-n")],
             [Clause("rationale", .text, "\"TEXT\"", required: true)],
             topic: "delivery", "Cancel an open action or a commission, with why (R13: nothing is deleted).",
             ["cancel A-5 rationale \"Duplicates A-2\""]),
        spec(.recordFindings, "record findings", [Operand("review", .id([.review]), "R-n")],
             [Clause("lessons", .text, "\"TEXT\""), Clause("good-practice", .text, "\"TEXT\""),
              Clause("conclusions", .text, "\"TEXT\""), Clause("recommendations", .text, "\"TEXT\"")],
             topic: "delivery", "Record an operational review's findings; the review is then completed.",
             ["record findings R-1 lessons \"Start patrols earlier\" conclusions \"ASB down 30%\""]),
        spec(.mark, "mark", [Operand("ids", .ids(RecordKind.allCases), "ID [, ID]..."),
                             Operand("marking", .choice(Marking.keywords), "official|official-sensitive")], [],
             topic: "delivery", "Give records a handling marking; `--max-marking OFFICIAL` hides those above it from output.",
             ["mark A-4, C-2 official-sensitive"]),
        // Queries
        spec(.list, "list", [Operand("kind", .kind, "KIND")],
             [Clause("where", .condition, "EXPR"), Clause("order by", .order, "FIELD [asc|desc] [, ...]", name: "order"),
              Clause("limit", .integer, "N")],
             topic: "queries", "List records of a kind, filtered, sorted and limited.",
             ["list actions where overdue order by due", "list actions where owner = \"Sgt Bea Cole\" and status = open",
              "list commissions where due < today+14d order by due desc limit 5"]),
        spec(.count, "count", [Operand("kind", .kind, "KIND")], [Clause("where", .condition, "EXPR")],
             topic: "queries", "Count records of a kind; prints a bare integer.",
             ["count actions where overdue", "count priorities where status = active"]),
        spec(.show, "show", [Operand("id", .id(RecordKind.allCases), "ID")], [],
             topic: "queries", "Show one record with everything the register holds about it.",
             ["show A-3", "show DP-1"]),
        spec(.outstanding, "outstanding", [Operand("kind", .choice(["actions", "commissions", "requirements", "reviews", "escalations"]),
                                                    "actions|commissions|requirements|reviews|escalations", optional: true)],
             [Clause("for", .person, "PERSON"), Clause("unit", .unit, "NAME")],
             topic: "queries", "What is outstanding (open or commissioned), overdue first.",
             ["outstanding", "outstanding actions for \"Sgt Bea Cole\"", "outstanding commissions unit East"]),
        spec(.agendaNext, "agenda next", [Operand("kind", .choice(["stcg", "ttcg"]), "stcg|ttcg")], [Clause("unit", .unit, "NAME")],
             topic: "queries", "The agenda pack for the next meeting of a kind: overdue and due actions by owner, commissions due back, plans due for review, open escalations, requirements to review, the last IUM's recommendations.",
             ["agenda next ttcg unit East"]),
        spec(.agendaMeeting, "agenda", [Operand("meeting", .id([.meeting]), "M-n")], [],
             topic: "queries", "The agenda pack for a given meeting.",
             ["agenda M-4"]),
        spec(.minutes, "minutes", [Operand("meeting", .id([.meeting]), "M-n")], [],
             topic: "queries", "A meeting's minutes: attendance, decisions with rationale, what it tasked.",
             ["minutes M-2"]),
        spec(.strategy, "strategy", [], [Clause("unit", .unit, "NAME")],
             topic: "queries", "The current control strategy: priorities with owners and rationale, rejected candidates.",
             ["strategy", "strategy unit Westshire"]),
        spec(.calendar, "calendar", [], [Clause("unit", .unit, "NAME")],
             topic: "queries", "When each unit's ST&CG and TT&CG met and when the next is due (R9).",
             ["calendar", "calendar unit East"]),
        spec(.history, "history", [Operand("id", .id(RecordKind.allCases), "ID", optional: true)], [Clause("since", .date, "DATE")],
             topic: "queries", "The audit trail: who changed what, when and from where; of one record or the whole register.",
             ["history A-3", "history since today-7d"]),
        spec(.reportAgenda, "report agenda next", [Operand("kind", .choice(["stcg", "ttcg"]), "stcg|ttcg")],
             [Clause("unit", .unit, "NAME"), Clause("to", .path, "\"FILE.html\"|\"FILE.md\"", required: true)],
             topic: "queries", "Write the agenda pack as one self-contained, printable HTML page (or Markdown for e-mail).",
             ["report agenda next ttcg unit East to \"east-pack.html\""]),
        spec(.reportRegister, "report register", [], [Clause("unit", .unit, "NAME"), Clause("to", .path, "\"FILE.html\"|\"FILE.md\"", required: true)],
             topic: "queries", "Write the register's overview (strategy, outstanding work by owner, timeline of each unit) as HTML or Markdown.",
             ["report register to \"register.html\""]),
        // Scripting and session
        spec(.setToday, "set today", [Operand("date", .dateOrOff, "DATE|off")], [],
             topic: "session", "Set the register's clock (for training), or `off` to return to the system date.",
             ["set today 2027-03-10", "set today off"]),
        spec(.advance, "advance", [Operand("by", .duration, "DURATION")], [],
             topic: "session", "Move the register's clock forward (for training).",
             ["advance 2w"]),
        spec(.setFormat, "set format", [Operand("format", .choice(formats), "table|json|csv|markdown")], [],
             topic: "session", "Set the output format for what follows.",
             ["set format json"]),
        spec(.setTimer, "set timer", [Operand("state", .choice(["on", "off"]), "on|off")], [],
             topic: "session", "Print how long each statement took, its commit included (like sqlite3's .timer).",
             ["set timer on"]),
        spec(.undo, "undo", [], [], topic: "session", "Revert the last statement this session committed (recorded in the audit trail).",
             ["undo"]),
        spec(.help, "help", [Operand("topic", .topic, "TOPIC", optional: true)], [], topic: "session",
             "Help on the language, or on one verb.", ["help", "help add action"]),
        spec(.quit, "quit", [], [], topic: "session", "Leave the REPL (Ctrl-D also does).", ["quit"]),
        special(.let, "let", "let NAME = STATEMENT-or-VALUE", "Keep a value, or the id a statement prints, in $NAME.",
                ["let plan = create plan \"Op Lantern\" for P-1 owner \"Sgt Bea Cole\"", "let n = (count actions where overdue)"]),
        special(.echo, "echo", "echo VALUE...", "Print values joined by one space; \"$vars\" interpolate in strings.",
                ["echo \"Overdue actions:\" (count actions where overdue)"]),
        special(.for, "for", "for $NAME in QUERY-or-LIST { ... }", "Repeat a block for each id a query lists, or each item of a list.",
                ["for $a in list actions where overdue { echo $a }"]),
        special(.if, "if", "if CONDITION { ... } [else { ... }]", "Run a block when a condition holds.",
                ["if (count actions where overdue) > 0 { echo \"overdue work\" } else { echo \"all on time\" }"]),
        special(.assert, "assert", "assert CONDITION [\"MESSAGE\"]", "Fail the script (exit 1) when a condition does not hold.",
                ["assert (count decisions) = 2 \"two decisions recorded\""]),
        special(.run, "run", "run \"FILE\"", "Run another script in this transaction (path relative to the running script).",
                ["run \"setup.tcg\""]),
    ]

    /// The spec of a verb.
    public static func spec(of verb: Verb) -> CommandSpec {
        all.first { $0.verb == verb } ?? all[0]
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

    /// The verbs that are queries: usable in parentheses as values, and after `for … in`.
    public static let queryVerbs: Set<String> = ["list", "count", "show", "outstanding", "agenda", "minutes", "strategy", "calendar", "history"]

    private static func spec(_ verb: Verb, _ words: String, _ operands: [Operand], _ clauses: [Clause], atMeeting: Bool = false,
                             topic: String, _ summary: String, _ examples: [String]) -> CommandSpec {
        CommandSpec(verb: verb, words: words.split(separator: " ").map(String.init), operands: operands, clauses: clauses,
                    atMeeting: atMeeting, special: false, topic: topic, summary: summary, examples: examples)
    }

    private static func special(_ verb: Verb, _ word: String, _ synopsis: String, _ summary: String, _ examples: [String]) -> CommandSpec {
        CommandSpec(verb: verb, words: [word], operands: [], clauses: [], atMeeting: false, special: true, topic: "scripting",
                    summary: summary, examples: examples, customSynopsis: synopsis)
    }
}
