import TCGDomain

/// The ranking of candidates and priorities by their scores, and the scoring scheme.
extension Reports {
    /// The columns of a ranked list (`rank candidates`, the ST&CG and PSG packs).
    static let rankColumns = ["rank", "id", "title", "harm", "likelihood", "risk", "position", "score", "band", "confidence", "flag"]

    /// A ranked list's rows as a section; with `compare`, each row says where it stood in the
    /// ranking as of that meeting's day, how it moved, and the rationale of the score that moved it.
    func rankingSection(_ rows: [Register.Ranked], compare: Meeting? = nil, title: String = "Ranked candidates") -> Section {
        var columns = Self.rankColumns
        var before: [RecordID: Int] = [:]
        if let compare {
            columns += ["was", "moved", "why"]
            let ids = Set(rows.map(\.id))
            let then = register.ranking(unit: nil, from: nil, priorities: true, asOf: compare.date).filter { ids.contains($0.id) }
            for (i, r) in then.enumerated() where r.score != nil { before[r.id] = i + 1 }
        }
        let body: [[FieldValue?]] = rows.enumerated().map { i, r in
            let s = r.score
            var row: [FieldValue?] = [.int(i + 1), .id(r.id), .text(r.title), s.map { .int($0.harmTotal) }, s.map { .int($0.likelihood) },
                                      s.map { .int($0.risk) }, s.map { .int($0.position) }, s.map { .int($0.priorityScore) },
                                      r.band.map { .word($0) }, s.map { .word($0.confidence.keyword) },
                                      s == nil ? .text("not scored") : s?.confidence == .low ? .text("needs intelligence") : nil]
            if let compare {
                let was = before[r.id]
                let moved: String
                if s == nil { moved = "" } else if let was { moved = was == i + 1 ? "=" : was > i + 1 ? "up \(was - (i + 1))" : "down \(i + 1 - was)" } else { moved = "new" }
                let since = s.flatMap { $0.date > compare.date ? $0.rationale : nil }
                row += [was.map { .int($0) }, moved.isEmpty ? nil : .word(moved), since.map { .text($0) }]
            }
            return row
        }
        return Section(key: "ranking", title: title, columns: columns, rows: body)
    }

    /// `rank candidates`: the ranked list, and what moved since `compare` when given.
    func ranking(_ rows: [Register.Ranked], unit: String?, from: Int?, all: Bool, compare: Int?) -> Document {
        var fields: [(String, FieldValue)] = []
        if let unit { fields.append(("unit", .text(unit))) }
        if let from { fields.append(("from", .id(RecordID(.product, from)))) }
        let meeting = compare.flatMap { n in register.meetings.index(ofNumber: n).map { register.meetings[$0] } }
        if let meeting { fields.append(("compared_with", .id(meeting.id))) }
        fields.append(("scheme", .int(register.scheme.version)))
        let title = "\(all ? "Candidates and priorities" : "Candidates") ranked\(unit.map { " for \($0)" } ?? "")"
        return Document(shape: .list, title: title, fields: fields, sections: [rankingSection(rows, compare: meeting, title: title)])
    }

    /// The rows of a record's scores, oldest first, each explained by the scheme version it was made under.
    func scoresSection(_ scores: [Score]) -> Section {
        Section(key: "scores", title: "Scores", columns: ["date", "meeting", "scheme", "factors", "harm", "likelihood", "risk",
                                                          "position", "score", "band", "confidence", "rationale"],
                rows: scores.map { s in
                    [.date(s.date), s.meeting.map { .id(RecordID(.meeting, $0)) }, .text("v\(s.scheme)"),
                     .text(s.harmFactors.map { "\($0.name) \($0.value)" }.joined(separator: ", ")), .int(s.harmTotal), .int(s.likelihood),
                     .int(s.risk), .int(s.position), .int(s.priorityScore),
                     register.scheme(version: s.scheme).band(of: s.priorityScore).map { .word($0) }, .word(s.confidence.keyword), .text(s.rationale)]
                })
    }

    /// A scoring scheme: its factors, scales and bands.
    func scheme(_ s: ScoringScheme) -> Document {
        let rows: [[FieldValue?]] = s.factors.map { [.word("harm"), .word($0.name), .int(0), .int($0.max)] }
            + [[.word("likelihood"), nil, .int(1), .int(s.likelihoodMax)], [.word("position"), nil, .int(1), .int(s.positionMax)]]
        let bands: [[FieldValue?]] = s.bands.map { [.word($0.name), .int($0.from)] }
        let note = s == .standard ? "tcg's own default, not an official MoRiLE matrix" : "set by this workspace"
        return Document(shape: .object, title: "Scoring scheme v\(s.version)",
                        fields: [("version", .int(s.version)), ("note", .text(note)),
                                 ("formula", .text("harm = sum of factors; risk = harm × likelihood; score = risk × position; confidence is shown beside the score")),
                                 ("max_score", .int(s.maxScore))],
                        sections: [Section(key: "scales", title: "Scales", columns: ["part", "factor", "from", "to"], rows: rows),
                                   Section(key: "bands", title: "Bands (score at or above)", columns: ["band", "from"], rows: bands)],
                        alwaysTitled: true)
    }
}
