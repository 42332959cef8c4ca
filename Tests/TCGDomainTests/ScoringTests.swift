import XCTest
@testable import TCGDomain

/// Candidates, the scoring scheme, scores and the ranking (R1, R3), against the register alone.
/// Expected values are worked out here from the default scheme as docs/language.md states it:
/// harm = physical + psychological + financial + community (each 0–4), likelihood 1–5,
/// risk = harm × likelihood, position 1–4, score = risk × position; bands high ≥ 160, medium ≥ 60.
final class ScoringTests: XCTestCase {
    var r = Register()
    var stcg = 0, ttcg = 0, psg = 0, leo = 0
    let day = Day(iso: "2027-03-01")!

    override func setUpWithError() throws {
        r = Register()
        try r.addUnit(name: "Westshire", kind: .force, parent: nil)
        try r.addUnit(name: "East", kind: .bcu, parent: "Westshire")
        try r.addUnit(name: "EastCSP", kind: .partnership, parent: "Westshire")
        leo = try r.addPerson(name: "Ch Supt Leo Hart", role: nil, unit: "East", agency: nil).number
        stcg = try r.createMeeting(kind: .stcg, date: day, unit: "Westshire", chair: nil, title: nil).number
        ttcg = try r.createMeeting(kind: .ttcg, date: day, unit: "East", chair: nil, title: nil).number
        psg = try r.createMeeting(kind: .psg, date: day, unit: "EastCSP", chair: nil, title: nil).number
    }

    func refusal(_ body: () throws(DomainError) -> Void) -> DomainError? {
        do { try body() } catch { return error }
        return nil
    }

    func full(_ p: Int, _ ps: Int, _ f: Int, _ c: Int, _ l: Int, _ pos: Int, _ conf: Score.Confidence = .medium) -> Register.ScoreInput {
        Register.ScoreInput(harm: [("physical", p), ("psychological", ps), ("financial", f), ("community", c)],
                            likelihood: l, position: pos, confidence: conf)
    }

    func testArithmeticAndBandsOfTheDefaultScheme() throws {
        let x = try r.addCandidate(title: "County lines", unit: "Westshire", from: nil)
        let s = try r.score(x, full(4, 3, 2, 4, 4, 3), rationale: "AS-1", today: day, meeting: nil)
        XCTAssertEqual(s.harmTotal, 13)
        XCTAssertEqual(s.risk, 52)
        XCTAssertEqual(s.priorityScore, 156)
        XCTAssertEqual(r.scheme.band(of: 156), "medium")
        XCTAssertEqual(r.scheme.band(of: 160), "high")
        XCTAssertEqual(r.scheme.band(of: 59), "low")
        XCTAssertEqual(r.scheme.maxScore, 320)
        XCTAssertEqual(s.scheme, 1)
    }

    /// Sixty candidates with scores from a fixed sequence: the ranking matches the order worked
    /// out here (score, risk, harm descending, then id), row for row.
    func testRankingMatchesAnIndependentComputation() throws {
        var seed: UInt64 = 12345
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var expected: [(id: Int, score: Int, risk: Int, harm: Int)] = []
        for k in 1...60 {
            let x = try r.addCandidate(title: "Candidate \(k)", unit: "Westshire", from: nil)
            let (p, ps, f, c) = (next(5), next(5), next(5), next(5))
            let (l, pos) = (1 + next(5), 1 + next(4))
            try r.score(x, full(p, ps, f, c, l, pos), rationale: "r", today: day, meeting: nil)
            let harm = p + ps + f + c
            expected.append((x.number, harm * l * pos, harm * l, harm))
        }
        expected.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.risk != b.risk { return a.risk > b.risk }
            if a.harm != b.harm { return a.harm > b.harm }
            return a.id < b.id
        }
        let ranked = r.ranking()
        XCTAssertEqual(ranked.map(\.id.number), expected.map(\.id))
        XCTAssertEqual(ranked.map { $0.score?.priorityScore ?? -1 }, expected.map(\.score))
    }

    func testTiesAreBrokenByRiskThenHarmThenId() throws {
        // Same score 96: risk 48 (harm 12 × 4, position 2) beats risk 32 (harm 8 × 4, position 3).
        let a = try r.addCandidate(title: "A", unit: nil, from: nil)
        let b = try r.addCandidate(title: "B", unit: nil, from: nil)
        let c = try r.addCandidate(title: "C", unit: nil, from: nil)
        let d = try r.addCandidate(title: "D", unit: nil, from: nil)
        let e = try r.addCandidate(title: "E", unit: nil, from: nil)
        try r.score(a, full(2, 2, 2, 2, 4, 3), rationale: "r", today: day, meeting: nil)   // harm 8, risk 32, score 96
        try r.score(b, full(3, 3, 3, 3, 4, 2), rationale: "r", today: day, meeting: nil)   // harm 12, risk 48, score 96
        try r.score(c, full(4, 4, 4, 0, 2, 4), rationale: "r", today: day, meeting: nil)   // harm 12, risk 24, score 96
        try r.score(d, full(2, 2, 2, 2, 4, 3), rationale: "r", today: day, meeting: nil)   // same as A: id decides
        _ = e                                                                               // not scored: last
        XCTAssertEqual(r.ranking().map(\.id), [b, a, d, c, e])
    }

    func testARescoreCarriesWhatIsLeftOutAndKeepsTheHistory() throws {
        let x = try r.addCandidate(title: "Burglary", unit: nil, from: nil)
        try r.score(x, full(2, 3, 3, 3, 4, 3, .low), rationale: "first", today: day, meeting: nil)
        let s = try r.score(x, Register.ScoreInput(likelihood: 5), rationale: "more incidents", today: day, meeting: nil)
        XCTAssertEqual(s.harmTotal, 11)
        XCTAssertEqual(s.priorityScore, 165)
        XCTAssertEqual(s.confidence, .low)
        XCTAssertEqual(r.candidates[0].scores.count, 2)
        XCTAssertEqual(r.candidates[0].scores[0].priorityScore, 132)
    }

    func testOutOfScaleIsRefusedNamingTheScaleAndChangesNothing() throws {
        let x = try r.addCandidate(title: "Burglary", unit: nil, from: nil)
        _ = r.takePending()
        let before = r.candidates
        XCTAssertEqual(refusal { () throws(DomainError) in try r.score(x, full(7, 0, 0, 0, 1, 1), rationale: "r", today: day, meeting: nil) },
                       .outOfScale(scale: "physical harm", value: 7, min: 0, max: 4))
        XCTAssertEqual(refusal { () throws(DomainError) in try r.score(x, full(0, 0, 0, 0, 6, 1), rationale: "r", today: day, meeting: nil) },
                       .outOfScale(scale: "likelihood", value: 6, min: 1, max: 5))
        XCTAssertEqual(refusal { () throws(DomainError) in try r.score(x, full(0, 0, 0, 0, 1, 0), rationale: "r", today: day, meeting: nil) },
                       .outOfScale(scale: "position", value: 0, min: 1, max: 4))
        XCTAssertEqual(refusal { () throws(DomainError) in try r.score(x, Register.ScoreInput(likelihood: 2), rationale: "r", today: day, meeting: nil) },
                       .incompleteScore(x, missing: ["physical", "psychological", "financial", "community", "position", "confidence"]))
        XCTAssertEqual(r.candidates, before)
        XCTAssertTrue(r.takePending().changes.isEmpty)
    }

    func testAdoptionAndRejectionOnlyAtAStrategicGroup() throws {
        let x = try r.addCandidate(title: "County lines", unit: "Westshire", from: nil)
        let y = try r.addCandidate(title: "Cycle theft", unit: "Westshire", from: nil)
        let atTTCG = refusal { () throws(DomainError) in _ = try r.adoptCandidate(at: ttcg, x.number, owner: leo, rationale: "why") }
        XCTAssertEqual(atTTCG, .notAllowedAt(meeting: RecordID(.meeting, ttcg), kind: .ttcg, business: .controlStrategy, allowed: [.stcg, .psg]))
        XCTAssertEqual(atTTCG?.rule, .r1)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.rejectCandidate(at: ttcg, y.number, rationale: "why") }?.rule, .r1)
        XCTAssertEqual(refusal { () throws(DomainError) in _ = try r.adoptCandidate(at: stcg, x.number, owner: leo, rationale: " ") },
                       .missingRationale(for: .adoptedCandidate))
        let p = try r.adoptCandidate(at: stcg, x.number, owner: leo, rationale: "Top score", strands: [.prevention])
        XCTAssertEqual(r.candidates[0].status, .adopted)
        XCTAssertEqual(r.candidates[0].adoptedAs, p.number)
        XCTAssertEqual(r.priorities[0].from, x.number)
        XCTAssertEqual(r.priorities[0].title, "County lines")
        let pending = r.takePending()
        XCTAssertTrue(pending.ids.contains(x) && pending.ids.contains(p), "both records are in the audit entry")
        try r.rejectCandidate(at: psg, y.number, rationale: "Council leads")
        XCTAssertEqual(r.candidates[1].status, .rejected)
        XCTAssertEqual(refusal { () throws(DomainError) in try r.rejectCandidate(at: stcg, y.number, rationale: "again") },
                       .candidateDecided(y, .rejected))
        XCTAssertEqual(refusal { () throws(DomainError) in _ = try r.adoptCandidate(at: stcg, x.number, owner: leo, rationale: "again") },
                       .candidateDecided(x, .adopted))
    }

    func testAPriorityCarriesItsCandidatesScoresAndRanksWithAll() throws {
        let x = try r.addCandidate(title: "County lines", unit: "Westshire", from: nil)
        let y = try r.addCandidate(title: "Burglary", unit: "Westshire", from: nil)
        try r.score(x, full(4, 4, 2, 4, 4, 4), rationale: "r", today: day, meeting: nil)   // 224
        try r.score(y, full(2, 3, 3, 3, 4, 3), rationale: "r", today: day, meeting: nil)   // 132
        let p = try r.adoptCandidate(at: stcg, x.number, owner: leo, rationale: "Top")
        XCTAssertEqual(r.scores(of: p).last?.priorityScore, 224)
        XCTAssertEqual(r.ranking().map(\.id), [y])
        XCTAssertEqual(r.ranking(priorities: true).map(\.id), [p, y])
        XCTAssertEqual(r.ranking(unit: "EastCSP", priorities: true).map(\.id), [])
    }

    func testASchemeChangeIsANewVersionAndOldScoresKeepTheirs() throws {
        let x = try r.addCandidate(title: "County lines", unit: nil, from: nil)
        try r.score(x, full(4, 4, 4, 4, 5, 4), rationale: "r", today: day, meeting: nil)
        XCTAssertEqual(try r.changeScheme(.band("critical", from: 300)), 2)
        XCTAssertEqual(try r.changeScheme(.factor("exploitation", max: 3)), 3)
        XCTAssertEqual(refusal { () throws(DomainError) in _ = try r.changeScheme(.removeBand("severe")) }, .unknownBand("severe", known: ["critical", "high", "medium", "low"]))
        XCTAssertEqual(r.scheme.version, 3)
        XCTAssertEqual(r.scheme(version: 1), .standard)
        // The new factor must be given; the rest is carried.
        XCTAssertEqual(refusal { () throws(DomainError) in try r.score(x, Register.ScoreInput(likelihood: 4), rationale: "r", today: day, meeting: nil) },
                       .incompleteScore(x, missing: ["exploitation"]))
        let s = try r.score(x, Register.ScoreInput(harm: [("exploitation", 3)]), rationale: "r", today: day, meeting: nil)
        XCTAssertEqual(s.scheme, 3)
        XCTAssertEqual(s.priorityScore, 19 * 5 * 4)
        XCTAssertEqual(r.candidates[0].scores[0].scheme, 1)
        XCTAssertEqual(r.ranking().first?.band, "critical")
        XCTAssertEqual(try r.changeScheme(.standard), 4)
        XCTAssertEqual(r.scheme.factors, ScoringScheme.standard.factors)
    }
}
