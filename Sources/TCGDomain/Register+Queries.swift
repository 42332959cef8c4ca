/// One row of the T&C calendar (R9): when a unit's group last met and when the next is due.
public struct CalendarEntry: Sendable, Equatable {
    /// Whether the next meeting is on time.
    public enum Status: Sendable, CaseIterable { case ok, due, overdue, never }
    /// The unit.
    public var unit: String
    /// stcg, ttcg or psg.
    public var group: Meeting.Kind
    /// The policy's frequency.
    public var every: Duration
    /// The last meeting held: closed, on or before today.
    public var last: Day?
    /// How many have been held (closed, on or before today); a meeting planned or still open is not.
    public var held: Int
    /// The days they were held, oldest first.
    public var met: [Day]
    /// When the next is due: the last plus the frequency.
    public var nextDue: Day?
    /// The next meeting planned today or later and not closed, if one is in the register.
    public var planned: Day?
    /// On time, due today, overdue, or never met.
    public var status: Status
    /// Meetings of the group on the same day as another of the group: duplicates, flagged.
    public var duplicates: [RecordID]
}

extension Register {
    /// Outstanding: an open action, requirement or escalation, or a commissioned commission or review.
    public func isOutstanding(_ id: RecordID) -> Bool {
        switch id.kind {
        case .action: return actions.index(ofNumber: id.number).map { actions[$0].status == .open } ?? false
        case .commission: return commissions.index(ofNumber: id.number).map { commissions[$0].status == .commissioned } ?? false
        case .requirement: return requirements.index(ofNumber: id.number).map { requirements[$0].status == .open } ?? false
        case .escalation: return escalations.index(ofNumber: id.number).map { escalations[$0].status == .open } ?? false
        case .review: return reviews.index(ofNumber: id.number).map { reviews[$0].status == .commissioned } ?? false
        default: return false
        }
    }

    /// The priority (`P-n`) a record works towards: the one a plan serves, and the one served by
    /// the plan of an action or a review, or by the action or plan an escalation raises. Nil when
    /// there is none (a plan serving an escalation) or the record is not here.
    public func priority(of id: RecordID) -> RecordID? {
        switch id.kind {
        case .plan:
            guard let i = plans.index(ofNumber: id.number), let serves = plans[i].serves, serves.kind == .priority else { return nil }
            return serves
        case .action:
            return actions.index(ofNumber: id.number).flatMap { priority(of: RecordID(.plan, actions[$0].plan)) }
        case .review:
            return reviews.index(ofNumber: id.number).flatMap { priority(of: RecordID(.plan, reviews[$0].plan)) }
        case .escalation:
            guard let i = escalations.index(ofNumber: id.number), case .record(let subject) = escalations[i].subject,
                  subject.kind == .action || subject.kind == .plan else { return nil }
            return priority(of: subject)
        default:
            return nil
        }
    }

    /// The kinds of record that can be outstanding, in the order reports list them.
    public static let outstandingKinds: [RecordKind] = [.action, .commission, .requirement, .review, .escalation]

    /// The actions and plans escalated to a unit and not yet accepted or declined: visible there too (R12).
    public func escalatedItems(to unit: String) -> Set<RecordID> {
        var items: Set<RecordID> = []
        for e in escalations where e.status == .open && e.to.lowercased() == unit.lowercased() {
            if case .record(let rid) = e.subject {
                items.insert(rid)
                if rid.kind == .plan {
                    for a in actions where a.plan == rid.number { items.insert(a.id) }
                }
            }
        }
        return items
    }

    /// The groups a T&C policy can set, in the order the calendar lists them (R9).
    public static let policyGroups: [Meeting.Kind] = [.stcg, .ttcg, .psg]

    /// The T&C calendar for every unit with a policy, or for one unit (R9); a partnership's PSG
    /// is on it every quarter unless its policy says otherwise.
    public func calendar(today: Day, unit only: String? = nil) -> [CalendarEntry] {
        var rows: [CalendarEntry] = []
        for u in units where only == nil || u.name.lowercased() == only?.lowercased() {
            for group in Register.policyGroups {
                guard let every = u.every(group) else { continue }
                let mine = meetings.filter { $0.kind == group && $0.unit?.lowercased() == u.name.lowercased() }
                let held = mine.filter { $0.status == .closed && $0.date <= today }
                let met = held.map(\.date).sorted()
                let last = met.last
                let planned = mine.filter { $0.date >= today && $0.status != .closed }.map(\.date).min()
                let onDay = Dictionary(grouping: mine, by: \.date)
                let duplicates = mine.filter { (onDay[$0.date]?.count ?? 0) > 1 }.map(\.id)
                let nextDue = last.map { $0.adding(every) }
                let status: CalendarEntry.Status
                if let nextDue {
                    status = nextDue < today ? .overdue : (nextDue == today ? .due : .ok)
                } else {
                    status = .never
                }
                rows.append(CalendarEntry(unit: u.name, group: group, every: every, last: last, held: held.count, met: met,
                                          nextDue: nextDue, planned: planned, status: status, duplicates: duplicates))
            }
        }
        return rows
    }

    /// The next meeting of a kind for a unit (the earliest not closed, on or after today), or
    /// when none is planned, the date the policy says the next one is due.
    public func nextMeeting(kind: Meeting.Kind, unit: String?, today: Day) -> (meeting: Meeting?, date: Day) {
        let candidates = meetings.filter {
            $0.kind == kind && $0.status != .closed && $0.date >= today &&
                (unit == nil || $0.unit?.lowercased() == unit?.lowercased())
        }
        if let m = candidates.min(by: { ($0.date, $0.number) < ($1.date, $1.number) }) { return (m, m.date) }
        let due = calendar(today: today, unit: unit).filter { $0.group == kind }.compactMap(\.nextDue).min()
        return (nil, max(due ?? today, today))
    }

    /// The last IUM of a unit held on or before a date.
    public func lastIUM(unit: String?, before day: Day) -> Meeting? {
        meetings.filter { $0.kind == .ium && $0.date <= day && (unit == nil || $0.unit?.lowercased() == unit?.lowercased()) }
            .max { ($0.date, $0.number) < ($1.date, $1.number) }
    }
}

extension Register {
    /// What a record is called, for naming it in a message: a title, a requirement's question, a
    /// decision's text, a person's name; nil when there is no such record.
    public func title(of id: RecordID) -> String? {
        let n = id.number
        switch id.kind {
        case .person: return person(n)?.name
        case .meeting: return meetings.index(ofNumber: n).map { meetings[$0].title ?? meetings[$0].date.description }
        case .product: return products.index(ofNumber: n).map { products[$0].title }
        case .priority: return priorities.index(ofNumber: n).map { priorities[$0].title }
        case .candidate: return candidates.index(ofNumber: n).map { candidates[$0].title }
        case .requirement: return requirements.index(ofNumber: n).map { requirements[$0].question }
        case .commission: return commissions.index(ofNumber: n).map { commissions[$0].title }
        case .plan: return plans.index(ofNumber: n).map { plans[$0].title }
        case .action: return actions.index(ofNumber: n).map { actions[$0].title }
        case .decision: return decisions.index(ofNumber: n).map { decisions[$0].text }
        case .escalation:
            return escalations.index(ofNumber: n).map { i in
                switch escalations[i].subject {
                case .record(let rid): return rid.description
                case .text(let text): return text
                }
            }
        case .review: return reviews.index(ofNumber: n).map { reviews[$0].title }
        }
    }
}
