import TCGDomain
@testable import TCGStore
import XCTest

/// A register with every kind of record and every optional field in use, built only through
/// the domain's public API, one audit entry per statement as the interpreter makes them.
enum SampleRegister {
    /// Text that exercises JSON escaping: quotes, backslash, control characters, non-ASCII.
    static let awkward = "Op \"Nightjar\" \\ path\nsecond line\ttab \u{01}\u{1F} é (e\u{301}) 🚓 العربية"

    /// A date from `YYYY-MM-DD`.
    static func day(_ text: String) throws -> Day {
        try XCTUnwrap(Day(iso: text), "bad test date \(text)")
    }

    /// Builds the sample register.
    static func make() throws -> Register {
        var r = Register()
        var seq = 0
        func commit(_ statement: String, _ change: (inout Register) throws -> Void) throws {
            try change(&r)
            let pending = r.takePending()
            seq += 1
            r.appendChained(AuditEntry(seq: seq, at: "2027-01-04T09:00:\(seq < 10 ? "0" : "")\(seq % 60)Z", day: r.clock ?? Day(number: 0),
                                      user: seq % 2 == 0 ? "ann" : "bob", source: "setup.tcg:\(seq)", statement: statement,
                                      changes: pending.changes, ids: pending.ids), unchanged: pending.unchanged)
        }
        let d = day
        try commit("set today 2027-01-04") { $0.setClock(try d("2027-01-04")) }
        try commit("add unit Northshire") { try $0.addUnit(name: "Northshire", kind: .force, parent: nil) }
        try commit("add unit Eastbridge parent Northshire") { try $0.addUnit(name: "Eastbridge", kind: nil, parent: "Northshire") }
        try commit("policy") {
            try $0.setPolicy(unit: "Northshire", stcg: Duration(count: 3, unit: .months), ttcg: nil)
            try $0.setPolicy(unit: "Eastbridge", stcg: Duration(count: 12, unit: .weeks), ttcg: Duration(count: 14, unit: .days))
        }
        var ann = 0, bob = 0, cat = 0, dan = 0, eve = 0
        try commit("add people") {
            ann = try $0.addPerson(name: "Ann Lee", role: "intelligence-manager", unit: "Northshire", agency: nil).number
            bob = try $0.addPerson(name: "Bob Quinn", role: "analyst", unit: "Eastbridge", agency: nil).number
            cat = try $0.addPerson(name: "Cat Ng", role: "community-safety", unit: nil, agency: "Northshire Council").number
            dan = try $0.addPerson(name: "Dan O'Brien \"Chief\" Ünïcødé", role: nil, unit: nil, agency: nil).number
            eve = try $0.addPerson(name: "Eve Moss", role: "sergeant", unit: "Eastbridge", agency: nil).number
        }
        try commit("update person Eve status left") { try $0.updatePerson(eve, role: nil, unit: nil, agency: nil, status: .left) }

        // The ST&CG.
        var m1 = 0
        try commit("create meeting stcg") {
            m1 = try $0.createMeeting(kind: .stcg, date: try d("2027-01-05"), unit: "Northshire", chair: ann, title: "Q1 ST&CG").number
            try $0.openMeeting(m1)
            try $0.attend(meeting: m1, people: [ann, bob, dan], partner: false)
            try $0.attend(meeting: m1, people: [cat], partner: true)
        }
        var product = 0, p1 = 0, p2 = 0, c1 = 0, d1 = 0
        try commit("add product; present") {
            product = try $0.addProduct(kind: .strategicAssessment, title: "Strategic assessment 2027", author: bob,
                                        date: try d("2027-01-02"), commission: nil, recommends: "focus on burglary").number
            try $0.present(at: m1, product)
        }
        try commit("priorities") {
            p1 = try $0.addPriority(at: m1, title: "Burglary dwelling", owner: ann, rationale: "up 20% year on year",
                                   strands: [.enforcement, .prevention]).number
            p2 = try $0.addPriority(at: m1, title: "Knife crime", owner: bob, rationale: "serious harm").number
            _ = try $0.rejectCandidate(at: m1, title: "Cycle theft", rationale: "low harm, handled locally")
            _ = try $0.addRequirement(at: m1, level: .strategic, question: "Who fences stolen goods?", priority: p1, plan: nil, owner: bob)
        }
        try commit("commission; deliver") {
            c1 = try $0.commissionAnalysis(at: m1, title: "Burglary problem profile", product: .problemProfile, assignee: bob,
                                           due: try d("2027-02-01")).number
            try $0.deliver(c1, note: "delivered a week early")
            _ = try $0.addProduct(kind: .problemProfile, title: "Burglary PP", author: nil, date: try d("2027-01-25"),
                                  commission: c1, recommends: nil)
        }
        try commit("decide; supersede") {
            d1 = try $0.decide(at: m1, text: "Adopt the control strategy", rationale: "per the SA",
                               about: [RecordID(.priority, p1), RecordID(.priority, p2)], supersedes: nil).number
            _ = try $0.decide(at: m1, text: awkward, rationale: "corrects D-\(d1)", about: [], supersedes: d1)
        }
        try commit("close stcg") { try $0.closeMeeting(m1) }

        // The TT&CG.
        var m2 = 0, dp1 = 0, a1 = 0, a2 = 0, a3 = 0, e1 = 0, e2 = 0
        try commit("create meeting ttcg; open") {
            m2 = try $0.createMeeting(kind: .ttcg, date: try d("2027-01-12"), unit: "Eastbridge", chair: bob, title: nil).number
            try $0.openMeeting(m2)
            try $0.present(at: m2, product)
        }
        try commit("create plan; actions") {
            dp1 = try $0.createPlan(at: m2, title: awkward, serves: RecordID(.priority, p1), owner: bob,
                                    start: try d("2027-01-10"), review: try d("2027-03-01")).number
            a1 = try $0.addAction(at: m2, type: .enforcement, title: "Execute warrants", plan: dp1, owner: bob, due: try d("2027-01-26")).number
            a2 = try $0.addAction(at: m2, type: .prevention, title: "Target hardening", plan: dp1, owner: ann, due: try d("2027-02-09")).number
            a3 = try $0.addAction(at: m2, type: .reassurance, title: "Leaflet drop", plan: dp1, owner: ann, due: try d("2027-02-09")).number
            _ = try $0.addAction(at: m2, type: .intelligence, title: "Debrief arrestees", plan: dp1, owner: bob, due: try d("2027-01-19"))
        }
        try commit("progress; complete; cancel") {
            try $0.updateProgress(a1, text: "2 of 5 executed", today: try d("2027-01-12"), meeting: m2)
            try $0.updateProgress(a1, text: "3 of 5, between meetings", today: try d("2027-01-15"), meeting: nil)
            try $0.complete(a2, result: "200 homes visited")
            try $0.cancel(RecordID(.action, a3), rationale: "duplicates A-\(a2)")
            try $0.assign(at: m2, person: ann, to: RecordID(.action, a1))
        }
        try commit("requirements; review") {
            let ir = try $0.addRequirement(at: m2, level: .tactical, question: "Where are the warrants' subjects?", priority: nil,
                                           plan: dp1, owner: nil).number
            try $0.reviewRequirement(at: m2, ir, status: .answered, note: "answered by the debriefs")
            let review = try $0.commissionReview(at: m2, title: "Nightjar review", plan: dp1, objectives: "did it cut burglary?",
                                                 scope: .crimeImpact).0.number
            try $0.recordFindings(review, lessons: "start earlier", goodPractice: "partner briefings",
                                  conclusions: "burglary down 12%", recommendations: "repeat in Q3")
            _ = try $0.commissionReview(at: m2, title: "Partnership review", plan: dp1, objectives: "how did partners contribute?",
                                        scope: .partnership)
            _ = try $0.commissionAnalysis(at: m2, title: "Development work", product: nil, assignee: bob, due: try d("2027-02-15"))
        }
        try commit("escalate") {
            e1 = try $0.escalate(at: m2, subject: .record(RecordID(.action, a1)), to: "Northshire", rationale: "needs force resources").number
            e2 = try $0.escalate(at: m2, subject: .text("County lines crossing the border"), to: "Northshire", rationale: "force-wide").number
        }
        try commit("close ttcg") { try $0.closeMeeting(m2) }

        // The next ST&CG and TT&CG at force level.
        try commit("stcg 2") {
            let m3 = try $0.createMeeting(kind: .stcg, date: try d("2027-04-05"), unit: "Northshire", chair: ann, title: nil).number
            try $0.openMeeting(m3)
            try $0.settleEscalation(at: m3, e1, accept: true, rationale: nil)
            try $0.settleEscalation(at: m3, e2, accept: false, rationale: "dealt with by the region")
            try $0.retirePriority(at: m3, p2, rationale: "knife crime down for 3 quarters")
            try $0.closeMeeting(m3)
        }
        try commit("ttcg 2") {
            let m4 = try $0.createMeeting(kind: .ttcg, date: try d("2027-04-12"), unit: "Northshire", chair: ann, title: "Force TT&CG").number
            try $0.openMeeting(m4)
            let dp2 = try $0.createPlan(at: m4, title: "Op Heron", serves: RecordID(.escalation, e1), owner: ann, start: nil, review: nil).number
            try $0.finishPlan(dp2, status: .completed, note: "warrants all executed")
            _ = try $0.createPlan(at: m4, title: "Op Unassigned", serves: nil, owner: bob, start: nil, review: nil)
            _ = try $0.createMeeting(kind: .ium, date: try d("2027-04-19"), unit: "Eastbridge", chair: nil, title: nil)
            _ = try $0.createMeeting(kind: .dmm, date: try d("2027-04-13"), unit: nil, chair: nil, title: "Daily")
            try $0.addUnit(name: "NorthCSP", kind: .partnership, parent: "Northshire")
            try $0.setPolicy(unit: "NorthCSP", stcg: nil, ttcg: nil, psg: Duration(count: 6, unit: .months))
            _ = try $0.createMeeting(kind: .psg, date: try d("2027-05-03"), unit: "NorthCSP", chair: cat, title: "North CSP PSG")
        }
        try commit("advance") { $0.setClock(try d("2027-04-12")) }
        return r
    }
}

extension Register {
    /// Appends `entry` to the audit trail sealed and with its chain hash, as the interpreter
    /// does (format version 2 saves no entry without a hash).
    mutating func appendChained(_ entry: AuditEntry, unchanged: [RecordID] = []) {
        if seal == nil { seal = WorkspaceSeal() }
        appendAudit(entry, unchanged: unchanged)
    }
}
