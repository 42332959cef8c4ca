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
            self.key("factors")
            beginArray()
            for f in s.factors {
                beginObject()
                field("name", f.name)
                field("max", f.max)
                endObject()
            }
            endArray()
            field("likelihood_max", s.likelihoodMax)
            field("position_max", s.positionMax)
            self.key("bands")
            beginArray()
            for b in s.bands {
                beginObject()
                field("name", b.name)
                field("from", b.from)
                endObject()
            }
            endArray()
            endObject()
        }
        endArray()
    }
}
