import TCGDomain

/// The clock, the output format and the session.
extension CommandTable {
    static let session: [CommandSpec] = [setToday, advance, setMaxMarking, setFormat, setExpanded, setTimer, setQuiet, undo, help, quit]

    static var setMaxMarking: CommandSpec {
        let marking = Arg("marking", .choice([("official", Marking?.some(.official)), ("official-sensitive", .some(.officialSensitive)),
                                              ("off", nil)]))
        return CommandSpec("set max-marking", [Operand(marking, "official|official-sensitive|off")], effect: .change, topic: "session",
                           "Keep the workspace's own `--max-marking`: every session then leaves out records marked above it (a flag can lower it, never raise it); `off` clears it.",
                           ["set max-marking official", "set max-marking off"]) { c throws(Diagnostic) in
            let level = try c(marking)
            c.interpreter.inPlace { r in r.setMaxMarking(level) }
            if c.printing { c.confirm(.text("max-marking \(level?.label ?? "off")")) }
            return .none
        }
    }

    static var setToday: CommandSpec {
        let date = Arg("date", .clock)
        return CommandSpec("set today", [Operand(date, "DATE|off")], effect: .change, topic: "session",
                           "Set the register's clock (for training), or `off` to return to the system date.",
                           ["set today 2027-03-10", "set today off"]) { c throws(Diagnostic) in
            let setting = try c(date)
            c.interpreter.todayOverride = nil
            c.interpreter.inPlace { r in
                switch setting {
                case .day(let d): r.setClock(d)
                case .off: r.setClock(nil)
                }
            }
            if c.printing { c.confirm(.text("today is \(c.today)" + (setting == .off ? " (the system date)" : ""))) }
            return .none
        }
    }

    static var advance: CommandSpec {
        let by = Arg("by", .duration)
        return CommandSpec("advance", [Operand(by, "DURATION")], effect: .change, topic: "session",
                           "Move the register's clock forward (for training).", ["advance 2w"]) { c throws(Diagnostic) in
            let d = try c(by)
            guard d.count > 0 else {
                throw Diagnostic(.error, "the clock only moves forward with advance", range: c.range, help: "use set today DATE to go back")
            }
            let next = c.today.adding(d)
            guard next.isInCalendar else { throw Interpreter.outOfCalendar(next, c.range) }
            c.interpreter.todayOverride = nil
            c.interpreter.inPlace { r in r.setClock(next) }
            if c.printing { c.confirm(.text("today is \(next)")) }
            return .date(next)
        }
    }

    static var setFormat: CommandSpec {
        let format = Arg("format", .choice(VerbWords.formats))
        return CommandSpec("set format", [Operand(format, "table|json|csv|markdown")], effect: .session, topic: "session",
                           "Set the output format for what follows.", ["set format json"]) { c throws(Diagnostic) in
            c.interpreter.format = try c(format)
            return .none
        }
    }

    static var setExpanded: CommandSpec {
        let mode = Arg("mode", .choice(VerbWords.expandedModes))
        return CommandSpec("set expanded", [Operand(mode, "on|off|auto")], effect: .session, topic: "session",
                           "Show each record of a table as its own block of `field: value` lines (psql's \\x); `auto` only when the rows would not fit the terminal.",
                           ["set expanded on", "set expanded auto"]) { c throws(Diagnostic) in
            c.interpreter.expanded = try c(mode)
            return .none
        }
    }

    static var setTimer: CommandSpec {
        let state = Arg("state", .choice(VerbWords.onOff))
        return CommandSpec("set timer", [Operand(state, "on|off")], effect: .session, topic: "session",
                           "Print how long each statement took, its commit included (like sqlite3's .timer).",
                           ["set timer on"]) { c throws(Diagnostic) in
            c.interpreter.timer = try c(state)
            return .none
        }
    }

    static var setQuiet: CommandSpec {
        let state = Arg("state", .choice(VerbWords.onOff))
        return CommandSpec("set quiet", [Operand(state, "on|off")], effect: .session, topic: "session",
                           "Print no confirmations (`A-3 done`, created ids, `wrote FILE`) for what follows, as `--quiet` does; query answers, echo and errors still print.",
                           ["set quiet on"]) { c throws(Diagnostic) in
            c.interpreter.quietConfirmations = try c(state)
            return .none
        }
    }

    static var undo: CommandSpec {
        CommandSpec("undo", effect: .change, topic: "session",
                    "Revert this session's statements one at a time, the latest first (each undo is in the audit trail).",
                    ["undo"]) { c throws(Diagnostic) in
            try c.interpreter.undo(c)
            return .none
        }
    }

    static var help: CommandSpec {
        let topic = Opt("topic", .topic)
        return CommandSpec("help", [Operand(topic, "TOPIC")], effect: .session, topic: "session",
                           "Help on the language, or on one verb.", ["help", "help add action"]) { c throws(Diagnostic) in
            if c.printing { c.show(.text(Help.text(topic: try c(topic)))) }
            return .none
        }
    }

    static var quit: CommandSpec {
        CommandSpec("quit", effect: .session, topic: "session", "Leave the REPL (Ctrl-D also does).", ["quit"]) { c throws(Diagnostic) in
            c.interpreter.quitRequested = true
            return .none
        }
    }

    /// The forms only the REPL reads, before the parser; the parser refuses
    /// them in a script. Help lists them under the session's topic.
    static let prompt: [CommandSpec] = [
        CommandSpec(special: "edit", synopsis: "edit", topic: "session",
                    "At the prompt: open the last statement (or an empty buffer) in $VISUAL, else $EDITOR, else vi, and run what is saved.",
                    ["edit"]),
        CommandSpec(special: "watch", synopsis: "watch [SECONDS] QUERY", topic: "session",
                    "At the prompt: run a query every SECONDS (default 2) on the latest register until Ctrl-C.",
                    ["watch count actions where overdue", "watch 10 outstanding actions unit East"]),
    ]

    /// The forms the parser reads by hand into statements of their own.
    static let scripting: [CommandSpec] = [
        CommandSpec(special: "let", synopsis: "let NAME = STATEMENT-or-VALUE", "Keep a value, or the id a statement prints, in $NAME.",
                    ["let plan = create plan \"Op Lantern\" for P-1 owner \"Sgt Bea Cole\"", "let n = (count actions where overdue)"]),
        CommandSpec(special: "echo", synopsis: "echo VALUE...", "Print values joined by one space; \"$vars\" interpolate in strings.",
                    ["echo \"Overdue actions:\" (count actions where overdue)"]),
        CommandSpec(special: "for", synopsis: "for $NAME in QUERY-or-LIST { ... }", "Repeat a block for each id a query lists, or each item of a list.",
                    ["for $a in list actions where overdue { echo $a }"]),
        CommandSpec(special: "if", synopsis: "if CONDITION { ... } [else { ... }]", "Run a block when a condition holds.",
                    ["if (count actions where overdue) > 0 { echo \"overdue work\" } else { echo \"all on time\" }"]),
        CommandSpec(special: "assert", synopsis: "assert CONDITION [\"MESSAGE\"]", "Fail the script (exit 1) when a condition does not hold.",
                    ["assert (count decisions) = 2 \"two decisions recorded\""]),
        CommandSpec(special: "run", synopsis: "run FILE [NAME=VALUE]...",
                    "Run another script in this transaction (path relative to the running script); NAME=VALUE are $NAME inside it.",
                    ["run setup.tcg", "run \"agenda pack.tcg\" unit=East"]),
    ]
}
