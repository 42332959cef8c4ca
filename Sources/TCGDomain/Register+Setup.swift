extension Register {
    /// Adds a force, BCU or partnership. A unit with a parent defaults to a BCU, one without to a force.
    /// The name is kept tidied (`NameText`); one holding a control, bidi or zero-width character is refused.
    public mutating func addUnit(name given: String, kind: Unit.Kind?, parent: String?) throws(DomainError) {
        if let bad = NameText.forbidden(in: given) { throw .forbiddenInName(.unit, bad) }
        let name = NameText.tidy(given)
        if let existing = unit(named: name) {
            throw .duplicateUnit(existing: existing.name)
        }
        var parentName: String?
        if let parent {
            let p = try resolveUnit(named: parent)
            parentName = p.name
        }
        let u = Unit(name: name, kind: kind ?? (parentName == nil ? .force : .bcu), parent: parentName)
        units.append(u)
        indexUnit(at: units.count - 1)
        log("added unit \(name) (\(u.kind.auditWord)\(parentName.map { ", parent \($0)" } ?? ""))")
    }

    /// Adds a person; names are unique case-insensitively, look-alike spaces as spaces (R11). The
    /// name is kept tidied (`NameText`); one holding a control, bidi or zero-width character is refused.
    public mutating func addPerson(name: String, role: String?, unit: String?, agency: String?) throws(DomainError) -> RecordID {
        if let bad = NameText.forbidden(in: name) { throw .forbiddenInName(.person, bad) }
        let trimmed = NameText.tidy(name)
        guard !trimmed.isEmpty else { throw .missingText(.personName) }
        if let n = personNumber(named: trimmed) {
            throw .duplicatePerson(name: self.name(of: n), existing: RecordID(.person, n))
        }
        let unitName = try unit.map { (u) throws(DomainError) in try resolveUnit(named: u).name }
        let n = take(.person)
        people.append(Person(number: n, name: trimmed, role: role, unit: unitName, agency: agency))
        indexPerson(at: people.count - 1)
        let id = RecordID(.person, n)
        log("added person \(id) \"\(trimmed)\"", id)
        return id
    }

    /// Changes a person's role, unit, agency or status (a person who has left is kept, never deleted).
    public mutating func updatePerson(_ n: Int, role: String?, unit: String?, agency: String?, status: Person.Status?) throws(DomainError) {
        guard let i = people.index(ofNumber: n) else { throw .unknownRecord(RecordID(.person, n)) }
        let id = RecordID(.person, n)
        if let role { log("\(id) role \(people[i].role ?? "-") -> \(role)", id); people[i].role = role }
        if let unit {
            let u = try resolveUnit(named: unit).name
            log("\(id) unit \(people[i].unit ?? "-") -> \(u)", id)
            people[i].unit = u
        }
        if let agency { log("\(id) agency \(people[i].agency ?? "police") -> \(agency)", id); people[i].agency = agency }
        if let status { log("\(id) status \(people[i].status.auditWord) -> \(status.auditWord)", id); people[i].status = status }
    }

    /// Sets how often a unit's ST&CG, TT&CG and (for a partnership only) PSG meet (R9).
    public mutating func setPolicy(unit name: String, stcg: Duration?, ttcg: Duration?, psg: Duration? = nil) throws(DomainError) {
        let u = try resolveUnit(named: name)
        guard let i = units.firstIndex(where: { $0.name == u.name }) else { return }
        for d in [stcg, ttcg, psg].compactMap({ $0 }) where d.count <= 0 {
            throw .nonPositiveFrequency(d)
        }
        if psg != nil, u.kind != .partnership { throw .psgOutsidePartnership(unit: u.name, kind: u.kind) }
        if let stcg {
            log("policy \(u.name) stcg every \(units[i].stcgEvery?.description ?? "-") -> \(stcg)")
            units[i].stcgEvery = stcg
        }
        if let ttcg {
            log("policy \(u.name) ttcg every \(units[i].ttcgEvery?.description ?? "-") -> \(ttcg)")
            units[i].ttcgEvery = ttcg
        }
        if let psg {
            log("policy \(u.name) psg every \(units[i].psgEvery?.description ?? "-") -> \(psg)")
            units[i].psgEvery = psg
        }
    }

    /// Gives a record a handling marking (OFFICIAL, OFFICIAL-SENSITIVE).
    public mutating func mark(_ id: RecordID, _ marking: Marking) throws(DomainError) {
        try require(id)
        let old: Marking?
        func set<T: Numbered>(_ list: inout RecordList<T>, _ kp: WritableKeyPath<T, Marking?>) -> Marking? {
            guard let i = list.index(ofNumber: id.number) else { return nil }
            let before = list[i][keyPath: kp]
            list[i][keyPath: kp] = marking
            return before
        }
        switch id.kind {
        case .person: old = set(&people, \.marking)
        case .meeting: old = set(&meetings, \.marking)
        case .product: old = set(&products, \.marking)
        case .priority: old = set(&priorities, \.marking)
        case .candidate: old = set(&candidates, \.marking)
        case .requirement: old = set(&requirements, \.marking)
        case .commission: old = set(&commissions, \.marking)
        case .plan: old = set(&plans, \.marking)
        case .action: old = set(&actions, \.marking)
        case .decision: old = set(&decisions, \.marking)
        case .escalation: old = set(&escalations, \.marking)
        case .review: old = set(&reviews, \.marking)
        }
        log("\(id) marking \(old?.auditWord ?? "-") -> \(marking.auditWord)", id)
    }

    /// Sets or clears the workspace's highest marking shown (`set max-marking`): a copy for
    /// partners can hide what is marked above OFFICIAL by default.
    public mutating func setMaxMarking(_ marking: Marking?) {
        log("max-marking \(maxMarking?.auditWord ?? "-") -> \(marking?.auditWord ?? "-")")
        maxMarking = marking
    }

    /// Sets or clears the register's clock (for trainers).
    public mutating func setClock(_ day: Day?) {
        log("clock \(clock?.description ?? "system date") -> \(day?.description ?? "system date")")
        clock = day
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    public var trimmingSpaces: String {
        // Most text starts and ends with a printable ASCII character: nothing to trim.
        let bytes = utf8
        if let first = bytes.first, let last = bytes.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
