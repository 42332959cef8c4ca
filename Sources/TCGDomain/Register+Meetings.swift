extension Register {
    /// Creates a planned meeting. Without a unit it belongs to the only unit, or for an ST&CG the only force.
    public mutating func createMeeting(kind: Meeting.Kind, date: Day, unit: String?, chair: Int?, title: String?) throws(DomainError) -> RecordID {
        var unitName: String?
        if let unit {
            unitName = try resolveUnit(named: unit).name
        } else if units.count == 1 {
            unitName = units[0].name
        } else if kind == .stcg {
            let forces = units.filter { $0.kind == .force }
            if forces.count == 1 { unitName = forces[0].name }
        }
        if let chair { try requireActive(chair, as: "chair") }
        let n = take(.meeting)
        meetings.append(Meeting(number: n, kind: kind, unit: unitName, date: date, chair: chair, title: title))
        let id = RecordID(.meeting, n)
        log("created \(id) \(kind.rawValue) on \(date)\(unitName.map { " unit \($0)" } ?? "")", id)
        return id
    }

    /// Opens a meeting for business if it was planned. A closed meeting cannot be reopened (R10).
    /// Which meeting a user works at is their session's business, not the register's.
    public mutating func openMeeting(_ n: Int) throws(DomainError) {
        let i = try meetingIndex(n)
        let id = RecordID(.meeting, n)
        if meetings[i].status == .closed {
            throw DomainError("\(id) is closed: a closed meeting's record cannot be changed",
                              help: "create a new meeting for further business", rule: "R10")
        }
        if meetings[i].status == .planned {
            meetings[i].status = .open
            log("\(id) status planned -> open", id)
        }
    }

    /// Records attendance at a meeting: police attendees, or partners present.
    public mutating func attend(meeting n: Int, people who: [Int], partner: Bool) throws(DomainError) {
        let i = try openForRecord(n)
        let id = RecordID(.meeting, n)
        for p in who { try requireActive(p, as: "attendee") }
        for p in who {
            if meetings[i].attendees.contains(p) || meetings[i].partners.contains(p) { continue }
            if partner { meetings[i].partners.append(p) } else { meetings[i].attendees.append(p) }
            log("\(id) \(partner ? "partner present" : "attendee") \(name(of: p))", id)
        }
    }

    /// Closes a meeting; its record can no longer change (R10).
    public mutating func closeMeeting(_ n: Int) throws(DomainError) {
        let i = try meetingIndex(n)
        let id = RecordID(.meeting, n)
        if meetings[i].status == .closed {
            throw DomainError("\(id) is already closed", rule: "R10")
        }
        log("\(id) status \(meetings[i].status.rawValue) -> closed", id)
        meetings[i].status = .closed
    }

    /// The meeting's index if its record may still change (not closed, R10).
    func openForRecord(_ n: Int) throws(DomainError) -> Int {
        let i = try meetingIndex(n)
        if meetings[i].status == .closed {
            throw DomainError("M-\(n) is closed: a closed meeting's record cannot be changed",
                              help: "use a meeting that is still open (`open M-n`, or `at M-n`)", rule: "R10")
        }
        return i
    }

    /// Checks that the business `what` may be done at meeting `n`: it is open (R10) and of an allowed kind.
    ///
    /// `subject` and `rule` word the refusal, e.g. "the control strategy can be set or amended" / R1.
    @discardableResult
    func meeting(_ n: Int, allows kinds: Set<Meeting.Kind>, _ subject: String, rule: String) throws(DomainError) -> Meeting {
        let i = try openForRecord(n)
        let m = meetings[i]
        if kinds.contains(m.kind) { return m }
        let allowed = Meeting.Kind.allCases.filter { kinds.contains($0) }.map(\.withArticle)
        let allowedText = allowed.count == 1 ? allowed[0] : allowed.dropLast().joined(separator: ", ") + " or " + (allowed.last ?? "")
        if m.kind == .dmm {
            throw DomainError("\(subject) only at \(allowedText); M-\(n) is a DMM, which is not a T&C meeting",
                              help: "a DMM may record fast-track decisions and progress on actions only",
                              rule: "R8")
        }
        throw DomainError("\(subject) only at \(allowedText); M-\(n) is \(m.kind.withArticle)",
                          help: "open \(allowedText) first (`open M-n`), or name one with `at M-n`",
                          rule: rule)
    }

    /// Checks a person exists and has not left (R11).
    func requireActive(_ p: Int, as role: String) throws(DomainError) {
        guard let person = person(p) else { throw unknownID(RecordID(.person, p)) }
        if person.status == .left {
            throw DomainError("\(person.name) has left and cannot be \(role)",
                              help: "choose someone active, or `update person PE-\(p) status active`", rule: "R11")
        }
    }
}

