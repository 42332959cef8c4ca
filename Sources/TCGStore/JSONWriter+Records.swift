import TCGDomain
import TCGJSON

/// One object per record, members in the order docs/workspace.md lists them; optional values
/// are omitted when nil, list members are always written, except those added after format
/// version 3 was sealed (`amendments`, a plan's `reviews`), written only when not empty so that
/// a record never amended keeps the digest the audit chain recorded for it.
extension JSONWriter {
    /// Writes a unit.
    mutating func record(_ u: Unit) {
        beginObject()
        field("name", u.name)
        field("kind", u.kind.workspaceName)
        field("parent", u.parent)
        field("stcg_every", duration: u.stcgEvery)
        field("ttcg_every", duration: u.ttcgEvery)
        field("psg_every", duration: u.psgEvery)
        endObject()
    }

    /// Writes a person.
    mutating func record(_ p: Person) {
        beginObject()
        field("id", .person, p.number)
        field("name", p.name)
        field("role", p.role)
        field("unit", p.unit)
        field("agency", p.agency)
        field("status", p.status.workspaceName)
        field("marking", p.marking?.workspaceName)
        field("amendments", amendments: p.amendments)
        endObject()
    }

    /// Writes a meeting.
    mutating func record(_ m: Meeting) {
        beginObject()
        field("id", .meeting, m.number)
        field("kind", m.kind.workspaceName)
        field("unit", m.unit)
        field("date", day: m.date)
        field("chair", .person, m.chair)
        field("title", m.title)
        field("attendees", .person, numbers: m.attendees)
        field("partners", .person, numbers: m.partners)
        field("status", m.status.workspaceName)
        field("marking", m.marking?.workspaceName)
        endObject()
    }

    /// Writes an intelligence product.
    mutating func record(_ p: Product) {
        beginObject()
        field("id", .product, p.number)
        field("kind", p.kind.workspaceName)
        field("title", p.title)
        field("author", .person, p.author)
        field("date", day: p.date)
        field("commission", .commission, p.commission)
        field("recommends", p.recommends)
        field("status", p.status.workspaceName)
        field("presented_at", .meeting, p.presentedAt)
        if p.presentations.count > 1 { field("presented_again_at", .meeting, numbers: Array(p.presentations.dropFirst())) }
        field("marking", p.marking?.workspaceName)
        field("amendments", amendments: p.amendments)
        endObject()
    }

    /// Writes a priority.
    mutating func record(_ p: Priority) {
        beginObject()
        field("id", .priority, p.number)
        field("title", p.title)
        field("owner", .person, p.owner)
        field("rationale", p.rationale)
        field("unit", p.unit)
        field("meeting", .meeting, p.meeting)
        field("status", p.status.workspaceName)
        field("retired_rationale", p.retiredRationale)
        field("retired_at", .meeting, p.retiredAt)
        if !p.strands.isEmpty {
            key("strands")
            beginArray()
            for strand in p.strands { string(strand.workspaceName) }
            endArray()
        }
        field("from", .candidate, p.from)
        field("scores", scores: p.scores)
        field("marking", p.marking?.workspaceName)
        endObject()
    }

    /// Writes a candidate; `status` only when not `rejected` (a candidate recorded before
    /// candidates were proposed is rejected, and keeps the digest the audit chain recorded).
    mutating func record(_ c: Candidate) {
        beginObject()
        field("id", .candidate, c.number)
        field("title", c.title)
        field("rationale", c.rationale)
        field("meeting", .meeting, c.meeting)
        if c.status != .rejected { field("status", c.status.workspaceName) }
        field("unit", c.unit)
        field("from", .product, c.from)
        field("adopted_as", .priority, c.adoptedAs)
        field("scores", scores: c.scores)
        field("marking", c.marking?.workspaceName)
        endObject()
    }

    /// Writes an intelligence requirement.
    mutating func record(_ r: Requirement) {
        beginObject()
        field("id", .requirement, r.number)
        field("level", r.level.workspaceName)
        field("question", r.question)
        field("priority", .priority, r.priority)
        field("plan", .plan, r.plan)
        field("candidate", .candidate, r.candidate)
        field("owner", .person, r.owner)
        field("status", r.status.workspaceName)
        field("meeting", .meeting, r.meeting)
        field("notes", notes: r.notes)
        field("marking", r.marking?.workspaceName)
        field("amendments", amendments: r.amendments)
        endObject()
    }

    /// Writes a commission.
    mutating func record(_ c: Commission) {
        beginObject()
        field("id", .commission, c.number)
        field("product", c.product?.workspaceName)
        field("title", c.title)
        field("assignee", .person, c.assignee)
        field("due", day: c.due)
        field("meeting", .meeting, c.meeting)
        field("status", c.status.workspaceName)
        field("note", c.note)
        field("marking", c.marking?.workspaceName)
        field("amendments", amendments: c.amendments)
        endObject()
    }

    /// Writes a delivery plan.
    mutating func record(_ p: Plan) {
        beginObject()
        field("id", .plan, p.number)
        field("title", p.title)
        if let serves = p.serves { field("serves", serves.kind, serves.number) }
        field("owner", .person, p.owner)
        field("start", day: p.start)
        field("review", day: p.review)
        field("meeting", .meeting, p.meeting)
        field("status", p.status.workspaceName)
        field("note", p.note)
        field("marking", p.marking?.workspaceName)
        field("objectives", p.objectives)
        if !p.reviews.isEmpty { field("reviews", planReviews: p.reviews) }
        field("amendments", amendments: p.amendments)
        endObject()
    }

    /// Writes an action.
    mutating func record(_ a: Action) {
        beginObject()
        field("id", .action, a.number)
        field("type", a.type.workspaceName)
        field("title", a.title)
        field("plan", .plan, a.plan)
        field("owner", .person, a.owner)
        field("due", day: a.due)
        field("meeting", .meeting, a.meeting)
        field("status", a.status.workspaceName)
        field("result", a.result)
        field("progress", notes: a.progress)
        field("marking", a.marking?.workspaceName)
        field("amendments", amendments: a.amendments)
        endObject()
    }

    /// Writes a decision.
    mutating func record(_ d: Decision) {
        beginObject()
        field("id", .decision, d.number)
        field("meeting", .meeting, d.meeting)
        field("text", d.text)
        field("rationale", d.rationale)
        field("about", ids: d.about)
        field("supersedes", .decision, d.supersedes)
        field("superseded_by", .decision, d.supersededBy)
        field("marking", d.marking?.workspaceName)
        endObject()
    }

    /// Writes an escalation; its subject is `{"record": "A-3"}` or `{"text": "…"}`.
    mutating func record(_ e: Escalation) {
        beginObject()
        field("id", .escalation, e.number)
        key("subject")
        beginObject()
        switch e.subject {
        case .record(let id): field("record", id.kind, id.number)
        case .text(let text): field("text", text)
        }
        endObject()
        field("from", e.from)
        field("to", e.to)
        field("rationale", e.rationale)
        field("meeting", .meeting, e.meeting)
        field("status", e.status.workspaceName)
        field("decided_at", .meeting, e.decidedAt)
        field("decline_rationale", e.declineRationale)
        field("marking", e.marking?.workspaceName)
        endObject()
    }

    /// Writes an operational review; `flagged` is the R7 late flag.
    mutating func record(_ r: Review) {
        beginObject()
        field("id", .review, r.number)
        field("title", r.title)
        field("plan", .plan, r.plan)
        field("objectives", r.objectives)
        field("scope", r.scope.workspaceName)
        field("meeting", .meeting, r.meeting)
        field("status", r.status.workspaceName)
        field("flagged", r.late)
        field("lessons", r.lessons)
        field("good_practice", r.goodPractice)
        field("conclusions", r.conclusions)
        field("recommendations", r.recommendations)
        field("marking", r.marking?.workspaceName)
        endObject()
    }

    /// Writes an audit entry.
    mutating func record(_ a: AuditEntry) {
        beginObject()
        field("seq", a.seq)
        field("at", a.at)
        field("day", day: a.day)
        field("user", a.user)
        field("source", a.source)
        field("statement", a.statement)
        field("changes", strings: a.changes)
        field("ids", ids: a.ids)
        if !a.records.isEmpty { field("records", strings: a.records) }
        if !a.state.isEmpty { field("state", a.state) }
        if a.keyed { field("keyed", true) }
        if !a.hash.isEmpty { field("hash", a.hash) }
        endObject()
    }
}
