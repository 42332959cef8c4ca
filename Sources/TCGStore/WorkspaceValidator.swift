import TCGDomain

/// The invariants of a stored register, checked after every load and before every save, so
/// that tcg never writes a workspace it would refuse to read.
///
/// Records of each kind are in strictly ascending id order (the register finds them by binary
/// search); `last_ids` is at least the largest id of each kind (ids are never reused); unit
/// and person names are unique ignoring case; owners, chairs, authors, assignees, attendees
/// and partners are people in the register; the current meeting exists; every date lies in
/// the years 1–9999.
enum WorkspaceValidator {
    /// The first broken invariant, as `where: what`, or nil when there is none.
    static func problem(in r: Register) -> String? {
        names(r) ?? order(r) ?? references(r) ?? dates(r)
    }

    /// Unique unit names and person names.
    private static func names(_ r: Register) -> String? {
        var units: Set<String> = []
        for (i, u) in r.units.enumerated() {
            if u.name.isEmpty { return "units[\(i)]: a unit needs a name" }
            if !units.insert(u.name.lowercased()).inserted { return "units[\(i)]: the unit name \(u.name) is used twice" }
            if let every = u.stcgEvery, !(0...999_999).contains(every.count) { return "units[\(i)]: stcg_every \(every) is out of range" }
            if let every = u.ttcgEvery, !(0...999_999).contains(every.count) { return "units[\(i)]: ttcg_every \(every) is out of range" }
        }
        var people: [String: Int] = [:]
        for (i, p) in r.people.enumerated() {
            if let other = people.updateValue(p.number, forKey: p.name.lowercased()) {
                return "people[\(i)]: the name \"\(p.name)\" is already used by PE-\(other)"
            }
        }
        return nil
    }

    /// Ascending, unique ids within each kind, and `last_ids` at least the largest.
    private static func order(_ r: Register) -> String? {
        let checks: [() -> String?] = [
            { check(r.people, "people", .person, r) },
            { check(r.meetings, "meetings", .meeting, r) },
            { check(r.products, "products", .product, r) },
            { check(r.priorities, "priorities", .priority, r) },
            { check(r.candidates, "candidates", .candidate, r) },
            { check(r.requirements, "requirements", .requirement, r) },
            { check(r.commissions, "commissions", .commission, r) },
            { check(r.plans, "plans", .plan, r) },
            { check(r.actions, "actions", .action, r) },
            { check(r.decisions, "decisions", .decision, r) },
            { check(r.escalations, "escalations", .escalation, r) },
            { check(r.reviews, "reviews", .review, r) },
            { auditOrder(r) },
        ]
        for run in checks {
            if let problem = run() { return problem }
        }
        return nil
    }

    /// The order check for one kind.
    private static func check<T: Numbered>(_ list: [T], _ name: String, _ kind: RecordKind, _ r: Register) -> String? {
        var previous = 0
        for i in list.indices {
            let n = list[i].number
            let id = "\(kind.prefix)-\(n)"
            if n < 1 || n > 999_999_999 { return "\(name)[\(i)]: \(id) is not a valid id number" }
            if n == previous { return "\(name)[\(i)]: duplicate id \(id)" }
            if n < previous {
                return "\(name)[\(i)]: \(id) comes after \(kind.prefix)-\(previous); records are kept in ascending id order"
            }
            previous = n
        }
        let last = r.lastNumber[kind] ?? 0
        if previous > last {
            return "last_ids.\(kind.prefix) is \(last) but \(name) has \(kind.prefix)-\(previous); it must be at least the largest id"
        }
        return nil
    }

    /// Audit entries in ascending sequence.
    private static func auditOrder(_ r: Register) -> String? {
        var previous = 0
        for (i, entry) in r.audit.enumerated() {
            if entry.seq <= previous { return "audit[\(i)]: seq \(entry.seq) does not follow \(previous); entries are in ascending seq order" }
            previous = entry.seq
        }
        return nil
    }

    /// People named by id exist; the current meeting exists.
    private static func references(_ r: Register) -> String? {
        let known = Set(r.people.map(\.number))
        func person(_ n: Int?, _ place: @autoclosure () -> String) -> String? {
            guard let n, !known.contains(n) else { return nil }
            return "\(place()): PE-\(n) is not a person in the register"
        }
        if let m = r.currentMeeting, r.meetings.index(ofNumber: m) == nil {
            return "current_meeting: M-\(m) is not a meeting in the register"
        }
        for i in r.meetings.indices {
            if let p = person(r.meetings[i].chair, "meetings[\(i)].chair") { return p }
            for n in r.meetings[i].attendees { if let p = person(n, "meetings[\(i)].attendees") { return p } }
            for n in r.meetings[i].partners { if let p = person(n, "meetings[\(i)].partners") { return p } }
        }
        for i in r.products.indices { if let p = person(r.products[i].author, "products[\(i)].author") { return p } }
        for i in r.priorities.indices { if let p = person(r.priorities[i].owner, "priorities[\(i)].owner") { return p } }
        for i in r.requirements.indices { if let p = person(r.requirements[i].owner, "requirements[\(i)].owner") { return p } }
        for i in r.commissions.indices { if let p = person(r.commissions[i].assignee, "commissions[\(i)].assignee") { return p } }
        for i in r.plans.indices { if let p = person(r.plans[i].owner, "plans[\(i)].owner") { return p } }
        for i in r.actions.indices { if let p = person(r.actions[i].owner, "actions[\(i)].owner") { return p } }
        return nil
    }

    /// Every date within the years 1–9999, the range `YYYY-MM-DD` can spell.
    private static func dates(_ r: Register) -> String? {
        let first = Day(year: 1, month: 1, day: 1)?.number ?? Int.min
        let last = Day(year: 9999, month: 12, day: 31)?.number ?? Int.max
        func bad(_ day: Day?, _ place: @autoclosure () -> String) -> String? {
            guard let day, day.number < first || day.number > last else { return nil }
            return "\(place()): the date is outside the years 1 to 9999"
        }
        if let p = bad(r.clock, "clock") { return p }
        for i in r.meetings.indices { if let p = bad(r.meetings[i].date, "meetings[\(i)].date") { return p } }
        for i in r.products.indices { if let p = bad(r.products[i].date, "products[\(i)].date") { return p } }
        for i in r.commissions.indices { if let p = bad(r.commissions[i].due, "commissions[\(i)].due") { return p } }
        for i in r.plans.indices {
            if let p = bad(r.plans[i].start, "plans[\(i)].start") ?? bad(r.plans[i].review, "plans[\(i)].review") { return p }
        }
        for i in r.requirements.indices {
            for note in r.requirements[i].notes { if let p = bad(note.date, "requirements[\(i)].notes") { return p } }
        }
        for i in r.actions.indices {
            if let p = bad(r.actions[i].due, "actions[\(i)].due") { return p }
            for note in r.actions[i].progress { if let p = bad(note.date, "actions[\(i)].progress") { return p } }
        }
        for i in r.audit.indices { if let p = bad(r.audit[i].day, "audit[\(i)].day") { return p } }
        return nil
    }
}
