import TCGDomain
import TCGJSON

/// Scores and scoring schemes, as ``JSONWriter`` writes them (docs/workspace.md).
extension WorkspaceDecoder {
    /// A record's scores: `[{"scheme": …, "harm": {NAME: N, …}, "likelihood": …, "position": …,
    /// "confidence": …, "rationale": …, "date": …, "meeting": …}, …]`.
    mutating func scores() throws(JSONError) -> [Score] {
        try reader.beginArray()
        var list: [Score] = []
        while try reader.nextElement() {
            let start = reader.offset
            try reader.beginObject()
            var scheme: Int?, harm: [Score.FactorScore] = [], likelihood: Int?, position: Int?
            var confidence: Score.Confidence?, rationale: String?, date: Day?, meeting: Int?
            while let key = try reader.nextKey() {
                switch key {
                case "scheme": scheme = try integer(minimum: 1)
                case "harm":
                    try reader.beginObject()
                    while let name = try reader.nextKey() { harm.append(Score.FactorScore(name: name, value: try integer(minimum: 0))) }
                case "likelihood": likelihood = try integer(minimum: 0)
                case "position": position = try integer(minimum: 0)
                case "confidence": confidence = try value(Score.Confidence.self)
                case "rationale": rationale = try reader.readString()
                case "date": date = try day()
                case "meeting": meeting = try optionalID(.meeting)
                default: try reader.skipValue()
                }
            }
            list.append(Score(scheme: try required(scheme, "scheme", start), harm: harm,
                              likelihood: try required(likelihood, "likelihood", start), position: try required(position, "position", start),
                              confidence: try required(confidence, "confidence", start), rationale: try required(rationale, "rationale", start),
                              date: try required(date, "date", start), meeting: meeting))
        }
        return list
    }

    /// The scoring schemes a force has set: `[{"version": …, "factors": [{"name": …, "max": …}],
    /// "likelihood_max": …, "position_max": …, "bands": [{"name": …, "from": …}]}, …]`.
    mutating func schemes() throws(JSONError) -> [ScoringScheme] {
        try reader.beginArray()
        var list: [ScoringScheme] = []
        while try reader.nextElement() {
            let start = reader.offset
            try reader.beginObject()
            var version: Int?, factors: [ScoringScheme.Factor] = [], likelihood: Int?, position: Int?, bands: [ScoringScheme.Band] = []
            while let key = try reader.nextKey() {
                switch key {
                case "version": version = try integer(minimum: 1)
                case "factors":
                    for (name, n) in try namedIntegers("max", minimum: 1) { factors.append(ScoringScheme.Factor(name, max: n)) }
                case "likelihood_max": likelihood = try integer(minimum: 1)
                case "position_max": position = try integer(minimum: 1)
                case "bands":
                    for (name, n) in try namedIntegers("from", minimum: 0) { bands.append(ScoringScheme.Band(name, from: n)) }
                default: try reader.skipValue()
                }
            }
            list.append(ScoringScheme(version: try required(version, "version", start), factors: factors,
                                      likelihoodMax: try required(likelihood, "likelihood_max", start),
                                      positionMax: try required(position, "position_max", start), bands: bands))
        }
        return list
    }

    /// `[{"name": …, VALUE: N}, …]` as pairs.
    private mutating func namedIntegers(_ valueKey: String, minimum: Int) throws(JSONError) -> [(String, Int)] {
        try reader.beginArray()
        var out: [(String, Int)] = []
        while try reader.nextElement() {
            let start = reader.offset
            try reader.beginObject()
            var name: String?, n: Int?
            while let key = try reader.nextKey() {
                switch key {
                case "name": name = try reader.readString()
                case valueKey: n = try integer(minimum: minimum)
                default: try reader.skipValue()
                }
            }
            out.append((try required(name, "name", start), try required(n, valueKey, start)))
        }
        return out
    }
}
