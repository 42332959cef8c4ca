import TCGDomain

/// `minutes M-n`: everything recorded at a meeting.
extension Reports {
    /// A meeting's minutes: attendance, decisions with rationale and date, what it tasked, the
    /// products presented at it, and the business recorded at it on records made elsewhere:
    /// progress on actions (and their completion), requirement reviews, escalations answered,
    /// handovers and reassignments. A section is left out when it has no rows (decisions never).
    func minutes(_ n: Int) -> Document {
        guard let i = register.meetings.index(ofNumber: n) else { return Document(shape: .object) }
        let m = register.meetings[i]
        let schema = QueryKinds.meetings
        var doc = Document(shape: .object, title: "Minutes of \(m.id): \(m.kind.title)\(m.unit.map { " \($0)" } ?? "") on \(m.date)",
                           fields: recordFields(schema, i) + auditHead, alwaysTitled: true)
        doc.sections.append(section(QueryKinds.decisions, rows(QueryKinds.decisions) { register.decisions[$0].meeting == n }).retitled("Decisions"))
        let tasked: [(KindSchema, (Int) -> Bool)] = [
            (QueryKinds.priorities, { register.priorities[$0].meeting == n }),
            (QueryKinds.candidates, { register.candidates[$0].meeting == n }),
            (QueryKinds.requirements, { register.requirements[$0].meeting == n }),
            (QueryKinds.commissions, { register.commissions[$0].meeting == n }),
            (QueryKinds.plans, { register.plans[$0].meeting == n }),
            (QueryKinds.actions, { register.actions[$0].meeting == n }),
            (QueryKinds.reviews, { register.reviews[$0].meeting == n }),
            (QueryKinds.escalations, { register.escalations[$0].meeting == n }),
            (QueryKinds.products, { register.products[$0].presentations.contains(n) }),
        ]
        for (s, test) in tasked {
            let r = rows(s, test)
            if !r.isEmpty { doc.sections.append(section(s, r)) }
        }
        var answered = section(QueryKinds.escalations, rows(QueryKinds.escalations) { register.escalations[$0].decidedAt == n })
        answered.key = "escalations_answered"
        answered.title = "Escalations answered"
        let recordedHere = [progressSection(at: n), requirementReviews(at: n), answered, reassignments(at: m.id)]
        doc.sections += recordedHere.filter { !$0.rows.isEmpty }
        return doc
    }

    /// Progress notes recorded at meeting `n` (`update A-n progress … at M-n`, `complete A-n … at M-n`), by action.
    func progressSection(at n: Int) -> Section {
        var rows: [[FieldValue?]] = []
        for a in register.actions {
            for note in a.progress where note.meeting == n {
                rows.append([.id(a.id), .text(a.title), .person(a.owner, register.name(of: a.owner)), .date(note.date), .text(note.text), .word(a.status.keyword)])
            }
        }
        return Section(key: "progress", title: "Progress on actions", columns: ["action", "title", "owner", "date", "note", "status"], rows: rows)
    }

    /// Requirement reviews held at meeting `n`, with the note each left.
    func requirementReviews(at n: Int) -> Section {
        var rows: [[FieldValue?]] = []
        for r in register.requirements {
            for note in r.notes where note.meeting == n {
                rows.append([.id(r.id), .text(r.question), .date(note.date), .text(note.text), .word(r.status.keyword)])
            }
        }
        return Section(key: "requirement_reviews", title: "Requirements reviewed", columns: ["requirement", "question", "date", "note", "status"], rows: rows)
    }

    /// Handovers and reassignments recorded at a meeting, from the audit entries that name it:
    /// each change line `ID owner OLD -> NEW` (`assign`) or `ID handed over: …` (`handover … at M-n`).
    func reassignments(at meeting: RecordID) -> Section {
        var rows: [[FieldValue?]] = []
        for entry in trail where entry.ids.contains(meeting) {
            for id in entry.ids where id != meeting {
                for change in entry.changes {
                    let handover = "\(id) handed over: "
                    if change.hasPrefix("\(id) owner ") {
                        rows.append([.date(entry.day), .id(id), .word("reassigned"), .text(String(change.dropFirst(id.description.count + 1))), .text(entry.user)])
                    } else if change.hasPrefix(handover) {
                        rows.append([.date(entry.day), .id(id), .word("handed over"), .text(String(change.dropFirst(handover.count))), .text(entry.user)])
                    }
                }
            }
        }
        return Section(key: "reassignments", title: "Handovers and reassignments", columns: ["date", "id", "event", "change", "user"], rows: rows)
    }
}
