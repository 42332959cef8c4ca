/// How candidates and priorities are scored: harm factors, likelihood, organisational position
/// and the bands on the priority score. A force may set its own; each change makes a new
/// version, and every score records the version it was made under, so old scores stay explained.
///
/// The default (version 1) is tcg's own, modelled on the shape of the tactical matrices forces
/// use (harm, likelihood, organisational position, with a confidence grading beside them); it is
/// not an official MoRiLE matrix.
public struct ScoringScheme: Hashable, Sendable {
    /// A harm factor and the top of its scale (factors are scored from 0).
    public struct Factor: Hashable, Sendable {
        /// The factor's name, a lower-case word (`physical`).
        public var name: String
        /// The highest score it takes.
        public var max: Int

        /// A factor scored 0…`max`.
        public init(_ name: String, max: Int) {
            self.name = name
            self.max = max
        }
    }

    /// A band on the priority score: a score at or above `from` is in it (the highest band it reaches).
    public struct Band: Hashable, Sendable {
        /// The band's name (`high`).
        public var name: String
        /// The lowest priority score in the band.
        public var from: Int

        /// A band from a score up.
        public init(_ name: String, from: Int) {
            self.name = name
            self.from = from
        }
    }

    /// The version, from 1 (the default).
    public var version: Int
    /// The harm factors, in the order they are shown; harm is their sum.
    public var factors: [Factor]
    /// Likelihood is scored 1…`likelihoodMax`.
    public var likelihoodMax: Int
    /// Organisational position is scored 1…`positionMax` (1: well covered already; the top: a gap the force can act on).
    public var positionMax: Int
    /// The bands, highest `from` first.
    public var bands: [Band]

    /// A scheme.
    public init(version: Int, factors: [Factor], likelihoodMax: Int, positionMax: Int, bands: [Band]) {
        self.version = version
        self.factors = factors
        self.likelihoodMax = likelihoodMax
        self.positionMax = positionMax
        self.bands = bands.sorted { $0.from > $1.from }
    }

    /// tcg's default scheme (version 1): physical, psychological, financial and community harm
    /// each 0–4; likelihood 1–5; position 1–4; bands high from 160, medium from 60, low below.
    public static let standard = ScoringScheme(
        version: 1,
        factors: [Factor("physical", max: 4), Factor("psychological", max: 4), Factor("financial", max: 4), Factor("community", max: 4)],
        likelihoodMax: 5, positionMax: 4,
        bands: [Band("high", from: 160), Band("medium", from: 60), Band("low", from: 0)])

    /// The factor with this name (case-insensitive), if the scheme has it.
    public func factor(named name: String) -> Factor? {
        factors.first { $0.name == name.lowercased() }
    }

    /// The band a priority score falls in: the highest band whose `from` it reaches (nil below every band).
    public func band(of score: Int) -> String? {
        bands.first { score >= $0.from }?.name
    }

    /// The highest priority score the scheme allows.
    public var maxScore: Int { factors.reduce(0) { $0 + $1.max } * likelihoodMax * positionMax }
}

/// One scoring of a candidate or a priority against a scheme version; rescoring adds another,
/// the earlier ones are kept.
public struct Score: Hashable, Sendable {
    /// How sure the scorer is of the intelligence behind it: shown beside the score, not part of it.
    public enum Confidence: CaseIterable, Sendable { case low, medium, high }

    /// The scheme version it was made under.
    public var scheme: Int
    /// The harm factors scored, in the scheme's order.
    public var harmFactors: [FactorScore]
    /// Likelihood.
    public var likelihood: Int
    /// Organisational position.
    public var position: Int
    /// Confidence in the intelligence behind the score.
    public var confidence: Confidence
    /// Why it was scored so.
    public var rationale: String
    /// The day it was scored.
    public var date: Day
    /// The meeting it was scored at, if any.
    public var meeting: Int?

    /// A factor's name and score.
    public struct FactorScore: Hashable, Sendable {
        /// The factor's name.
        public var name: String
        /// Its score.
        public var value: Int

        /// A factor's score.
        public init(name: String, value: Int) {
            self.name = name
            self.value = value
        }
    }

    /// A score.
    public init(scheme: Int, harm: [FactorScore], likelihood: Int, position: Int, confidence: Confidence,
                rationale: String, date: Day, meeting: Int?) {
        self.scheme = scheme
        self.harmFactors = harm
        self.likelihood = likelihood
        self.position = position
        self.confidence = confidence
        self.rationale = rationale
        self.date = date
        self.meeting = meeting
    }

    /// Harm: the sum of the harm factors.
    public var harmTotal: Int { harmFactors.reduce(0) { $0 + $1.value } }
    /// Risk: harm × likelihood.
    public var risk: Int { harmTotal * likelihood }
    /// The priority score: risk × organisational position.
    public var priorityScore: Int { risk * position }
    /// A factor's score, if scored.
    public func value(of factor: String) -> Int? { harmFactors.first { $0.name == factor }?.value }
}
