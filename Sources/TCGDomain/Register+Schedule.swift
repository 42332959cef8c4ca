/// What `scheduleMeetings` did: the meetings it created, and the dates it left alone because a
/// meeting of that kind for that unit was already on them.
public struct Schedule: Sendable, Equatable {
    /// The meetings created, in date order.
    public var created: [RecordID]
    /// The dates skipped, in order.
    public var skipped: [Day]
}

extension Register {
    /// The most meetings one `schedule` creates: a year of daily meetings and some over.
    public static let scheduleLimit = 400

    /// Plans a unit's meetings of a kind through a period (R9): one on `from`, then every `every`
    /// until `until` (inclusive). A date that already has a meeting of that kind for that unit is
    /// skipped, not doubled. Each meeting created is its own audit change. Refuses a frequency of
    /// zero or less, an end before the start, more than `scheduleLimit` dates, an unknown unit,
    /// a chair who is unknown or has left, and a PSG for a unit that is not a partnership; a
    /// refusal creates nothing.
    public mutating func scheduleMeetings(kind: Meeting.Kind, unit name: String, every: Duration, from: Day, until: Day,
                                          chair: Int?) throws(DomainError) -> Schedule {
        let unit = try resolveUnit(named: name)
        if every.count <= 0 { throw .nonPositiveFrequency(every) }
        if until < from { throw .scheduleEndsBeforeStart(from: from, until: until) }
        var dates: [Day] = []
        var day = from
        while day <= until {
            if dates.count == Self.scheduleLimit {
                throw .tooManyMeetings(every: every, from: from, until: until, limit: Self.scheduleLimit)
            }
            dates.append(day)
            day = from.adding(every, times: dates.count)
        }
        if kind == .psg, unit.kind != .partnership { throw .psgOutsidePartnership(unit: unit.name, kind: unit.kind) }
        if let chair { try requireActive(chair, as: .chair) }
        let key = unit.name.lowercased()
        let taken = Set(meetings.filter { $0.kind == kind && $0.unit?.lowercased() == key }.map(\.date))
        var result = Schedule(created: [], skipped: [])
        for date in dates {
            if taken.contains(date) {
                result.skipped.append(date)
            } else {
                result.created.append(try createMeeting(kind: kind, date: date, unit: unit.name, chair: chair, title: nil))
            }
        }
        return result
    }
}
