import TCGDomain
import TCGJSON

/// Scores and scoring schemes as the workspace stores them (docs/workspace.md).
extension JSONWriter {
    /// `key: [{"scheme": 1, "harm": {"physical": 2, …}, "likelihood": …, "position": …,
    /// "confidence": …, "rationale": …, "date": …, "meeting": …}, …]`, or nothing when there are none.
    mutating func field(_ key: StaticString, scores: [Score]) {
        guard !scores.isEmpty else { return }
        self.key(key)
        beginArray()
        for s in scores {
            beginObject()
            field("scheme", s.scheme)
            self.key("harm")
            beginObject()
            for f in s.harmFactors { field(f.name, f.value) }
            endObject()
            field("likelihood", s.likelihood)
            field("position", s.position)
            field("confidence", s.confidence.workspaceName)
            field("rationale", s.rationale)
            field("date", day: s.date)
            field("meeting", .meeting, s.meeting)
            endObject()
        }
        endArray()
    }

    /// `key: [{"name": …, valueKey: N}, …]`.
    private mutating func field(_ key: StaticString, named pairs: [(String, Int)], _ valueKey: StaticString) {
        self.key(key)
        beginArray()
        for (name, n) in pairs {
            beginObject()
            field("name", name)
            field(valueKey, n)
            endObject()
        }
        endArray()
    }

    /// `"name": value` with a key only known when running.
    mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    /// `key: [{"version": 2, "factors": [{"name": …, "max": …}, …], "likelihood_max": …,
    /// "position_max": …, "bands": [{"name": …, "from": …}, …]}, …]`, or nothing when none was set.
    mutating func field(_ key: StaticString, schemes: [ScoringScheme]) {
        guard !schemes.isEmpty else { return }
        self.key(key)
        beginArray()
        for s in schemes {
            beginObject()
            field("version", s.version)
            field("factors", named: s.factors.map { ($0.name, $0.max) }, "max")
            field("likelihood_max", s.likelihoodMax)
            field("position_max", s.positionMax)
            field("bands", named: s.bands.map { ($0.name, $0.from) }, "from")
            endObject()
        }
        endArray()
    }
}
