/// Candidates for the control strategy, the scoring scheme, scores and the ranking (R3).
extension Register {
    /// The scoring scheme in force: the last version set, or tcg's default.
    public var scheme: ScoringScheme { schemes.last ?? .standard }

    /// A record's scores, oldest first: a candidate's own; a priority's are those of the candidate
    /// it was adopted from, then its own (the history goes on).
    public func scores(of id: RecordID) -> [Score] {
        switch id.kind {
        case .candidate: return candidates.index(ofNumber: id.number).map { candidates[$0].scores } ?? []
        case .priority:
            guard let i = priorities.index(ofNumber: id.number) else { return [] }
            let p = priorities[i]
            let earlier = p.from.flatMap { x in candidates.index(ofNumber: x).map { candidates[$0].scores } } ?? []
            return earlier + p.scores
        default: return []
        }
    }

    /// The scheme of a version (the default for version 1 or any version not kept).
    public func scheme(version: Int) -> ScoringScheme {
        schemes.first { $0.version == version } ?? .standard
    }

    /// Proposes a candidate for the control strategy, for a unit and from a product when given.
    public mutating func addCandidate(title: String, unit: String?, from product: Int?) throws(DomainError) -> RecordID {
        try requireText(title, .missingText(.candidateTitle))
        var unitName: String?
        if let unit { unitName = try resolveUnit(named: unit).name }
        if let product { try require(RecordID(.product, product)) }
        let n = take(.candidate)
        candidates.append(Candidate(number: n, title: title, unit: unitName, from: product))
        let id = RecordID(.candidate, n)
        log("proposed candidate \(id) \"\(title)\"", id)
        return id
    }

    /// Adopts a proposed candidate at an ST&CG or PSG (R1, R3): creates the priority and links
    /// the two (the candidate's `adoptedAs`, the priority's `from`).
    public mutating func adoptCandidate(at m: Int, _ x: Int, owner: Int, rationale: String,
                                        strands: [Action.PIER] = []) throws(DomainError) -> RecordID {
        let meeting = try meeting(m, allows: Self.strategyGroup, .controlStrategy)
        let i = try proposedCandidate(x)
        try requireText(rationale, .missingRationale(for: .adoptedCandidate))
        let p = try addPriority(at: m, title: candidates[i].title, owner: owner, rationale: rationale, strands: strands)
        candidates[i].status = .adopted
        candidates[i].rationale = rationale
        candidates[i].meeting = m
        candidates[i].adoptedAs = p.number
        if let j = priorities.index(ofNumber: p.number) {
            priorities[j].from = x
            if candidates[i].unit != nil, priorities[j].unit == nil { priorities[j].unit = candidates[i].unit }
        }
        log("\(candidates[i].id) status proposed -> adopted as \(p)", candidates[i].id, at: meeting.id)
        log("\(p) adopted from \(candidates[i].id)", p)
        return p
    }

    /// Rejects a proposed candidate at an ST&CG or PSG, with why (R3).
    public mutating func rejectCandidate(at m: Int, _ x: Int, rationale: String) throws(DomainError) {
        let meeting = try meeting(m, allows: Self.strategyGroup, .controlStrategy)
        let i = try proposedCandidate(x)
        try requireText(rationale, .missingRationale(for: .rejectedCandidate))
        candidates[i].status = .rejected
        candidates[i].rationale = rationale
        candidates[i].meeting = m
        log("\(candidates[i].id) status proposed -> rejected", candidates[i].id, at: meeting.id)
    }

    /// The index of candidate `X-n`, which must still be proposed (R3).
    func proposedCandidate(_ x: Int) throws(DomainError) -> Int {
        let i = try indexOf(candidates, .candidate, x)
        guard candidates[i].status == .proposed else { throw .candidateDecided(candidates[i].id, candidates[i].status) }
        return i
    }

    /// What a score statement gives: any of the factors, likelihood, position and confidence
    /// (what is left out is carried from the latest score under the same scheme).
    public struct ScoreInput: Sendable, Equatable {
        /// Harm factors given, by name as written.
        public var harm: [(name: String, value: Int)] = []
        /// Likelihood, if given.
        public var likelihood: Int?
        /// Organisational position, if given.
        public var position: Int?
        /// Confidence, if given.
        public var confidence: Score.Confidence?

        /// An input.
        public init(harm: [(name: String, value: Int)] = [], likelihood: Int? = nil, position: Int? = nil, confidence: Score.Confidence? = nil) {
            self.harm = harm
            self.likelihood = likelihood
            self.position = position
            self.confidence = confidence
        }

        public static func == (a: ScoreInput, b: ScoreInput) -> Bool {
            a.harm.map(\.name) == b.harm.map(\.name) && a.harm.map(\.value) == b.harm.map(\.value)
                && a.likelihood == b.likelihood && a.position == b.position && a.confidence == b.confidence
        }
    }

    /// Scores a proposed candidate or a priority under the scheme in force, on `today`, at a
    /// meeting if given (one that is held and not closed, R10). Each value is checked against its scale; what is left out is carried
    /// from the latest score where the scheme in force still has it and it is within its scale
    /// (a first score, or a factor new to the scheme, gives it).
    /// The earlier scores are kept.
    @discardableResult
    public mutating func score(_ id: RecordID, _ input: ScoreInput, rationale: String, today: Day, meeting: Int?) throws(DomainError) -> Score {
        let scheme = self.scheme
        let previous: Score?
        switch id.kind {
        case .candidate:
            let i = try indexOf(candidates, .candidate, id.number)
            if candidates[i].status == .rejected { throw .candidateDecided(id, .rejected) }
            previous = candidates[i].scores.last
        case .priority:
            _ = try indexOf(priorities, .priority, id.number)
            previous = scores(of: id).last
        default:
            throw .unknownRecord(id)
        }
        if let meeting { _ = try openForRecord(meeting) }
        if input.harm.isEmpty, input.likelihood == nil, input.position == nil, input.confidence == nil { throw .emptyScore(id) }
        try requireText(rationale, .missingRationale(for: .score))
        let carried = previous
        func fits(_ v: Int?, _ min: Int, _ max: Int) -> Int? { v.flatMap { $0 >= min && $0 <= max ? $0 : nil } }
        var given: [String: Int] = [:]
        for (name, value) in input.harm {
            guard let factor = scheme.factor(named: name) else { throw .unknownFactor(name.lowercased(), known: scheme.factors.map(\.name)) }
            try inScale("\(factor.name) harm", value, 0, factor.max)
            given[factor.name] = value
        }
        if let l = input.likelihood { try inScale("likelihood", l, 1, scheme.likelihoodMax) }
        if let p = input.position { try inScale("position", p, 1, scheme.positionMax) }
        var missing: [String] = []
        var harm: [Score.FactorScore] = []
        for factor in scheme.factors {
            if let v = given[factor.name] ?? fits(carried?.value(of: factor.name), 0, factor.max) {
                harm.append(Score.FactorScore(name: factor.name, value: v))
            } else {
                missing.append(factor.name)
            }
        }
        let likelihood = input.likelihood ?? fits(carried?.likelihood, 1, scheme.likelihoodMax)
        let position = input.position ?? fits(carried?.position, 1, scheme.positionMax)
        let confidence = input.confidence ?? carried?.confidence
        if likelihood == nil { missing.append("likelihood") }
        if position == nil { missing.append("position") }
        if confidence == nil { missing.append("confidence") }
        guard missing.isEmpty, let likelihood, let position, let confidence else { throw .incompleteScore(id, missing: missing) }
        let score = Score(scheme: scheme.version, harm: harm, likelihood: likelihood, position: position, confidence: confidence,
                          rationale: rationale, date: today, meeting: meeting)
        switch id.kind {
        case .candidate: if let i = candidates.index(ofNumber: id.number) { candidates[i].scores.append(score) }
        default: if let i = priorities.index(ofNumber: id.number) { priorities[i].scores.append(score) }
        }
        let change = "\(id) scored \(score.priorityScore) (harm \(score.harmTotal) × likelihood \(likelihood) × position \(position), scheme v\(scheme.version))"
        if let meeting { log(change, id, at: RecordID(.meeting, meeting)) } else { log(change, id) }
        return score
    }

    /// Refuses a value outside `min…max`, naming the scale.
    func inScale(_ scale: String, _ value: Int, _ min: Int, _ max: Int) throws(DomainError) {
        if value < min || value > max { throw .outOfScale(scale: scale, value: value, min: min, max: max) }
    }

    /// A change to the scoring scheme; each makes a new version.
    public enum SchemeChange: Sendable, Equatable {
        /// Adds a harm factor scored 0…max, or rescales one.
        case factor(String, max: Int)
        /// Removes a harm factor.
        case removeFactor(String)
        /// Likelihood is scored 1…max.
        case likelihood(max: Int)
        /// Position is scored 1…max.
        case position(max: Int)
        /// Adds a band from a score up, or moves one.
        case band(String, from: Int)
        /// Removes a band.
        case removeBand(String)
        /// Back to tcg's default.
        case standard
    }

    /// Changes the scoring scheme: a new version, audited; scores already made keep theirs.
    @discardableResult
    public mutating func changeScheme(_ change: SchemeChange) throws(DomainError) -> Int {
        var next = scheme
        switch change {
        case .factor(let name, let max):
            guard max >= 1 else { throw .invalidScale("\(name) harm", max: max, min: 1) }
            if let i = next.factors.firstIndex(where: { $0.name == name.lowercased() }) {
                next.factors[i].max = max
            } else {
                next.factors.append(ScoringScheme.Factor(name.lowercased(), max: max))
            }
        case .removeFactor(let name):
            guard next.factor(named: name) != nil else { throw .unknownFactor(name.lowercased(), known: next.factors.map(\.name)) }
            guard next.factors.count > 1 else { throw .lastFactor(name.lowercased()) }
            next.factors.removeAll { $0.name == name.lowercased() }
        case .likelihood(let max):
            guard max >= 1 else { throw .invalidScale("likelihood", max: max, min: 1) }
            next.likelihoodMax = max
        case .position(let max):
            guard max >= 1 else { throw .invalidScale("position", max: max, min: 1) }
            next.positionMax = max
        case .band(let name, let from):
            guard from >= 0 else { throw .invalidScale("band \(name.lowercased())", max: from, min: 0) }
            next.bands.removeAll { $0.name == name.lowercased() }
            next.bands.append(ScoringScheme.Band(name.lowercased(), from: from))
        case .removeBand(let name):
            guard next.bands.contains(where: { $0.name == name.lowercased() }) else {
                throw .unknownBand(name.lowercased(), known: next.bands.map(\.name))
            }
            next.bands.removeAll { $0.name == name.lowercased() }
        case .standard:
            next = .standard
        }
        next = ScoringScheme(version: scheme.version + 1, factors: next.factors, likelihoodMax: next.likelihoodMax,
                             positionMax: next.positionMax, bands: next.bands)
        log("scoring scheme v\(scheme.version) -> v\(next.version): \(Self.describe(next))")
        schemes.append(next)
        return next.version
    }

    /// A scheme in words, for the audit trail: `physical 0-4, … ; likelihood 1-5; position 1-4; bands high 160, …`.
    public static func describe(_ s: ScoringScheme) -> String {
        let factors = s.factors.map { "\($0.name) 0-\($0.max)" }.joined(separator: ", ")
        let bands = s.bands.map { "\($0.name) \($0.from)" }.joined(separator: ", ")
        return "harm \(factors); likelihood 1-\(s.likelihoodMax); position 1-\(s.positionMax); bands \(bands.isEmpty ? "none" : bands)"
    }

    /// One row of the ranking: a proposed candidate or a priority and its latest score (nil: not scored).
    public struct Ranked: Sendable, Equatable {
        /// The candidate's or priority's id.
        public var id: RecordID
        /// Its title.
        public var title: String
        /// Its latest score (as of the day asked for), if any.
        public var score: Score?
        /// The band of that score, under the scheme it was made under.
        public var band: String?
    }

    /// The ranking: proposed candidates (and, with `priorities`, active priorities), of a unit
    /// and from a product when given, by priority score, then risk, then harm (all descending),
    /// then id; those not yet scored come last, by id. `asOf` ranks by the scores made on or
    /// before that day.
    public func ranking(unit: String? = nil, from product: Int? = nil, priorities withPriorities: Bool = false, asOf: Day? = nil) -> [Ranked] {
        let u = unit.map { unitAndDescendants($0) }
        func latest(_ scores: [Score]) -> Score? {
            guard let asOf else { return scores.last }
            return scores.last { $0.date <= asOf }
        }
        var rows: [Ranked] = []
        for c in candidates where c.status == .proposed {
            if let product, c.from != product { continue }
            if let u, !u.contains((c.unit ?? unitOfMeeting(c.meeting) ?? "").lowercased()) { continue }
            rows.append(Ranked(id: c.id, title: c.title, score: latest(c.scores), band: nil))
        }
        if withPriorities {
            for p in priorities where p.status == .active {
                if product != nil, p.from.flatMap({ x in candidates.index(ofNumber: x).flatMap { candidates[$0].from } }) != product { continue }
                if let u, !u.contains((p.unit ?? "").lowercased()) { continue }
                rows.append(Ranked(id: p.id, title: p.title, score: latest(scores(of: p.id)), band: nil))
            }
        }
        for i in rows.indices {
            if let s = rows[i].score { rows[i].band = scheme(version: s.scheme).band(of: s.priorityScore) }
        }
        return rows.sorted(by: Self.ranksBefore)
    }

    /// The ranking order: scored before unscored; priority score, risk, harm descending; then id.
    public static func ranksBefore(_ a: Ranked, _ b: Ranked) -> Bool {
        switch (a.score, b.score) {
        case (let x?, let y?):
            if x.priorityScore != y.priorityScore { return x.priorityScore > y.priorityScore }
            if x.risk != y.risk { return x.risk > y.risk }
            if x.harmTotal != y.harmTotal { return x.harmTotal > y.harmTotal }
            return a.id < b.id
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a.id < b.id
        }
    }

    /// The unit of meeting `n`, if any.
    func unitOfMeeting(_ n: Int?) -> String? { unit(ofMeeting: n) }
}
