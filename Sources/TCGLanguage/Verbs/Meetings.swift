import TCGDomain

/// Meetings, and the session's current meeting.
extension CommandTable {
    static let meetings: [CommandSpec] = [createMeeting, schedule, open, attend, closeMeeting]

    static var createMeeting: CommandSpec {
        let kind = Arg("kind", .choice(VerbWords.meetingKinds)), on = Arg("on", .date), unit = Opt("unit", .unit)
        let chair = Opt("chair", .person), title = Opt("title", .text)
        return CommandSpec("create meeting", [Operand(kind, Meeting.Kind.keywords.joined(separator: "|"))],
                           [Clause("on", on, "DATE"), Clause("unit", unit, "NAME"), Clause("chair", chair, "PERSON"),
                            Clause("title", title, "\"TEXT\"")],
                           effect: .change, topic: "meetings", "Create a meeting; prints its id (M-n). One of the same kind, unit and day as another is flagged (R9). A PSG is a partnership's.",
                           ["let tt = create meeting ttcg on 2027-03-10 unit East chair \"Ch Supt Leo Hart\""]) { c throws(Diagnostic) in
            let k = try c(kind), d = try c(on), u = try c(unit), ch = try c(chair), t = try c(title)
            let id = try c.change { (r) throws(DomainError) in try r.createMeeting(kind: k, date: d, unit: u, chair: ch, title: t) }
            let same = c.register.sameDayMeetings(as: id.number)
            if !same.isEmpty { c.warn(.duplicateMeeting(id, same: same)) }
            return .id(id)
        }
    }

    static var schedule: CommandSpec {
        let kind = Arg("kind", .choice(VerbWords.meetingKinds)), unit = Arg("unit", .unit), every = Arg("every", .duration)
        let from = Arg("from", .date), until = Arg("until", .date), chair = Opt("chair", .person)
        return CommandSpec("schedule", [Operand(kind, Meeting.Kind.keywords.joined(separator: "|"))],
                           [Clause("unit", unit, "NAME"), Clause("every", every, "DURATION"), Clause("from", from, "DATE"),
                            Clause("until", until, "DATE"), Clause("chair", chair, "PERSON")],
                           effect: .change, topic: "meetings",
                           "Plan a unit's meetings through the year: one on `from`, then every DURATION up to `until`; prints the ids created and the dates skipped because that unit already has that kind of meeting on them (R9). At most \(Register.scheduleLimit) at once.",
                           ["schedule ttcg unit East every 2w from 2027-04-07 until 2027-12-31 chair \"Ch Supt Leo Hart\"",
                            "schedule psg unit EastCSP every 3mo from 2027-04-01 until 2028-03-31"]) { c throws(Diagnostic) in
            let k = try c(kind), u = try c(unit), e = try c(every), f = try c(from), t = try c(until), ch = try c(chair)
            let done = try c.change { (r) throws(DomainError) in try r.scheduleMeetings(kind: k, unit: u, every: e, from: f, until: t, chair: ch) }
            if c.printing {
                let title = "Scheduled \(done.created.count) \(k.title) meeting\(done.created.count == 1 ? "" : "s") of \(u), every \(e) from \(f) until \(t)"
                var fields: [(String, FieldValue)] = [("created", .list(done.created.map { .id($0) }))]
                if !done.skipped.isEmpty { fields.append(("skipped", .list(done.skipped.map { .date($0) }))) }
                c.confirm(.document(Document(shape: .object, title: title, fields: fields)))
            }
            return .list(done.created.map { .id($0) })
        }
    }

    static var open: CommandSpec {
        let meeting = Arg("meeting", .record(.meeting))
        return CommandSpec("open", [Operand(meeting, "M-n")], effect: .change, topic: "meetings",
                           "Make a meeting your current one for what follows (the prompt shows it; each user has their own).",
                           ["open M-2", "open $tt"]) { c throws(Diagnostic) in
            let m = try c(meeting)
            try c.change { (r) throws(DomainError) in try r.openMeeting(m) }
            c.interpreter.currentMeeting = m
            if c.printing { c.confirm(.text("\(RecordID(.meeting, m)) is your current meeting")) }
            return .none
        }
    }

    static var attend: CommandSpec {
        let people = Arg("people", .people), partner = FlagClause("partner")
        return CommandSpec("attend", [Operand(people, "PERSON [, PERSON]...")], [Clause(partner)], atMeeting: true,
                           effect: .change, topic: "meetings",
                           "Record attendance at the current meeting; `partner` for partners present.",
                           ["attend \"Ch Supt Leo Hart\", \"Ola Reyes\"", "attend \"Meg Lowe\" partner"]) { c throws(Diagnostic) in
            let m = try c.meeting(), who = try c(people), isPartner = c(partner)
            try c.change { (r) throws(DomainError) in try r.attend(meeting: m, people: who, partner: isPartner) }
            if c.printing {
                let names = who.map { c.register.name(of: $0) }.joined(separator: ", ")
                c.confirm(.text("\(RecordID(.meeting, m)) \(isPartner ? "partners present" : "attended by"): \(names)"))
            }
            return .none
        }
    }

    static var closeMeeting: CommandSpec {
        let meeting = Opt("meeting", .record(.meeting))
        return CommandSpec("close meeting", [Operand(meeting, "M-n")], effect: .change, topic: "meetings",
                           "Close a meeting (the current one by default); its record is then fixed (R10).",
                           ["close meeting", "close meeting M-3"]) { c throws(Diagnostic) in
            var m = try c(meeting) ?? 0
            if m == 0 { m = try c.meeting() }
            try c.change { (r) throws(DomainError) in try r.closeMeeting(m) }
            if c.interpreter.currentMeeting == m { c.interpreter.currentMeeting = nil }
            return .none
        }
    }
}
