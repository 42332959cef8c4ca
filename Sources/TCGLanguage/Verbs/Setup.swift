import TCGDomain

/// Setting up units, people and the T&C policy.
extension CommandTable {
    static let setup: [CommandSpec] = [addUnit, addPerson, updatePerson, setPolicy]

    static var addUnit: CommandSpec {
        let name = Arg("name", .name), kind = Opt("kind", .choice(VerbWords.unitKinds)), parent = Opt("parent", .unit)
        return CommandSpec("add unit", [Operand(name, "NAME")], [Clause("kind", kind, Unit.Kind.keywords.joined(separator: "|")), Clause("parent", parent, "NAME")],
                           effect: .change, topic: "setup",
                           "Add a force, a basic command unit (BCU), or a partnership of the police and partner agencies, whose strategic group is the PSG.",
                           ["add unit Westshire kind force", "add unit East kind bcu parent Westshire", "add unit EastCSP kind partnership parent Westshire"]) { c throws(Diagnostic) in
            let n = try c(name), k = try c(kind), p = try c(parent)
            guard isWord(n) else {
                throw Diagnostic(.error, "a unit's name is one word, not \"\(n)\"", range: c.range, help: "write e.g. add unit EastBCU")
            }
            try c.change { (r) throws(DomainError) in try r.addUnit(name: n, kind: k, parent: p) }
            return .none
        }
    }

    static var addPerson: CommandSpec {
        let name = Arg("name", .text), role = Opt("role", .name), unit = Opt("unit", .unit), agency = Opt("agency", .name)
        return CommandSpec("add person", [Operand(name, "\"NAME\"")],
                           [Clause("role", role, "ROLE"), Clause("unit", unit, "NAME"), Clause("agency", agency, "\"AGENCY\"")],
                           effect: .change, topic: "setup", "Add a person: police, or a partner agency's representative (R11).",
                           ["add person \"DS Kim Ng\" role intelligence-officer unit East",
                            "add person \"Meg Lowe\" agency \"East District Council\""]) { c throws(Diagnostic) in
            let n = try c(name), ro = try c(role), u = try c(unit), a = try c(agency)
            return .id(try c.change { (r) throws(DomainError) in try r.addPerson(name: n, role: ro, unit: u, agency: a) })
        }
    }

    static var updatePerson: CommandSpec {
        let person = Arg("person", .person), role = Opt("role", .name), unit = Opt("unit", .unit), agency = Opt("agency", .name)
        let status = Opt("status", .choice(VerbWords.personStatuses))
        return CommandSpec("update person", [Operand(person, "PERSON")],
                           [Clause("role", role, "ROLE"), Clause("unit", unit, "NAME"), Clause("agency", agency, "\"AGENCY\""),
                            Clause("status", status, "active|left")],
                           effect: .change, topic: "setup",
                           "Change a person's role, unit, agency, or mark that they have left (never deleted); a leaver's open work is listed, to hand over.",
                           ["update person \"Dan Frost\" status left"]) { c throws(Diagnostic) in
            let p = try c(person), ro = try c(role), u = try c(unit), a = try c(agency), s = try c(status)
            try c.change { (r) throws(DomainError) in try r.updatePerson(p, role: ro, unit: u, agency: a, status: s) }
            let work = c.register.openWork(of: p)
            if s == .left, !work.isEmpty { c.warn(.leftWithOpenWork(RecordID(.person, p), name: c.register.name(of: p), work: work)) }
            return .none
        }
    }

    static var setPolicy: CommandSpec {
        let unit = Arg("unit", .unit), stcg = Opt("stcg", .duration), ttcg = Opt("ttcg", .duration), psg = Opt("psg", .duration)
        return CommandSpec("set policy", [Operand(unit, "UNIT")],
                           [Clause("stcg every", stcg, "DURATION"), Clause("ttcg every", ttcg, "DURATION"), Clause("psg every", psg, "DURATION")],
                           effect: .change, topic: "setup",
                           "Set how often a unit's ST&CG and TT&CG meet, or a partnership's PSG (every 3mo unless set) (R9).",
                           ["set policy Westshire stcg every 3mo", "set policy East ttcg every 2w", "set policy EastCSP psg every 6mo"]) { c throws(Diagnostic) in
            let u = try c(unit), s = try c(stcg), t = try c(ttcg), p = try c(psg)
            if s == nil, t == nil, p == nil {
                throw Diagnostic(.error, "`set policy` needs `stcg every DURATION`, `ttcg every DURATION` or `psg every DURATION`", range: c.range,
                                 help: "write set policy \(u) ttcg every 2w")
            }
            try c.change { (r) throws(DomainError) in try r.setPolicy(unit: u, stcg: s, ttcg: t, psg: p) }
            return .none
        }
    }

    /// Whether text is one word of the language (a unit's name).
    static func isWord(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "_" || $0 == "-" || ("0"..."9").contains($0) }
    }
}
