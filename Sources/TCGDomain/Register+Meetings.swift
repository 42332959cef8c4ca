extension Register {
    /// Creates a planned meeting. Without a unit it belongs to the only unit, or for an ST&CG the
    /// only force, or for a PSG the only partnership. A PSG is a partnership's: another unit's is refused.
    public mutating func createMeeting(kind: Meeting.Kind, date: Day, unit: String?, chair: Int?, title: String?) throws(DomainError) -> RecordID {
        var unitName: String?
        if let unit {
            unitName = try resolveUnit(named: unit).name
        } else if units.count == 1 {
            unitName = units[0].name
        } else if kind == .stcg || kind == .psg {
            let groupKind: Unit.Kind = kind == .stcg ? .force : .partnership
            let candidates = units.filter { $0.kind == groupKind }
            if candidates.count == 1 { unitName = candidates[0].name }
        }
        if kind == .psg {
            let u = unitName.flatMap { self.unit(named: $0) }
            if u?.kind != .partnership { throw .psgOutsidePartnership(unit: u?.name, kind: u?.kind) }
        }
        if let chair { try requireActive(chair, as: .chair) }
        let n = take(.meeting)
        meetings.append(Meeting(number: n, kind: kind, unit: unitName, date: date, chair: chair, title: title))
        let id = RecordID(.meeting, n)
        log("created \(id) \(kind.auditWord) on \(date)\(unitName.map { " unit \($0)" } ?? "")", id)
        return id
    }

    /// Opens a meeting for business if it was planned. A closed meeting cannot be reopened (R10).
    /// Which meeting a user works at is their session's business, not the register's.
    public mutating func openMeeting(_ n: Int) throws(DomainError) {
        let i = try meetingIndex(n)
        let id = RecordID(.meeting, n)
        if meetings[i].status == .closed {
            throw .closedMeetingReopened(id)
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
        for p in who { try requireActive(p, as: .attendee) }
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
            throw .alreadyInState(id, .meeting(.closed))
        }
        log("\(id) status \(meetings[i].status.auditWord) -> closed", id)
        meetings[i].status = .closed
    }

    /// The meeting's index if business may be recorded at it (R10): it is not closed, and it is
    /// dated on or before the register's clock (a meeting's record is written once it meets).
    func openForRecord(_ n: Int) throws(DomainError) -> Int {
        let i = try meetingIndex(n)
        if meetings[i].status == .closed {
            throw .meetingClosed(RecordID(.meeting, n))
        }
        if let today, meetings[i].date > today {
            throw .meetingNotYetHeld(RecordID(.meeting, n), date: meetings[i].date, today: today)
        }
        return i
    }

    /// The other meetings of the same kind, for the same unit, on the same day as meeting `n`:
    /// duplicates, which the calendar flags (R9).
    public func sameDayMeetings(as n: Int) -> [RecordID] {
        guard let i = meetings.index(ofNumber: n) else { return [] }
        let m = meetings[i]
        return meetings.filter { $0.number != n && $0.kind == m.kind && $0.date == m.date && $0.unit?.lowercased() == m.unit?.lowercased() }
            .map(\.id)
    }

    /// Checks that `business` may be done at meeting `n`: it is open (R10) and of one of `kinds`.
    @discardableResult
    func meeting(_ n: Int, allows kinds: Set<Meeting.Kind>, _ business: DomainError.Business) throws(DomainError) -> Meeting {
        let i = try openForRecord(n)
        let m = meetings[i]
        if kinds.contains(m.kind) { return m }
        throw .notAllowedAt(meeting: m.id, kind: m.kind, business: business,
                            allowed: Meeting.Kind.allCases.filter { kinds.contains($0) })
    }

    /// Checks a person exists and has not left (R11).
    func requireActive(_ p: Int, as role: DomainError.PersonRole) throws(DomainError) {
        guard let person = person(p) else { throw .unknownRecord(RecordID(.person, p)) }
        if person.status == .left {
            throw .personLeft(person.id, name: person.name, role: role)
        }
    }
}

