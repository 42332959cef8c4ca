import TCGDomain

/// The kinds a query can name, with their fields (LANGUAGE.md's table).
public enum QueryKinds {
    static func choices<T: Keyword>(_: T.Type) -> FieldType {
        .choice(T.keywords)
    }

    static let markingType = FieldType.choice(Marking.allCases.map(\.label))

    /// Every kind, in the order of LANGUAGE.md.
    public static let all: [KindSchema] = [units, people, meetings, products, priorities, candidates, requirements,
                                           commissions, plans, actions, decisions, escalations, reviews]

    /// Plural names.
    public static let names: [String] = all.map(\.name)

    /// The schema of a kind by its plural name.
    public static func schema(_ name: String) -> KindSchema? { all.first { $0.name == name } }

    /// The schema for a record kind.
    public static func schema(for kind: RecordKind) -> KindSchema? { all.first { $0.record == kind } }

    /// Accepts the plural, the singular or the id prefix (`action`, `actions`, `A`).
    public static func canonicalName(_ word: String) -> String? {
        let w = word.lowercased()
        if names.contains(w) { return w }
        if w == "unit" { return "units" }
        if w == "person" { return "people" }
        if let k = RecordKind.allCases.first(where: { $0.plural == w + "s" || $0.plural == w || ($0 == .priority && w == "priority") }) {
            return k.plural
        }
        return nil
    }

    static let units = KindSchema(
        name: "units", record: nil,
        fields: [
            field("name", .unit) { r, i in .text(r.units[i].name) },
            field("kind", choices(Unit.Kind.self)) { r, i in .word(r.units[i].kind.keyword) },
            field("parent", .unit) { r, i in text(r.units[i].parent) },
            field("stcg_every", .text, hidden: true) { r, i in r.units[i].stcgEvery.map { .text($0.description) } },
            field("ttcg_every", .text, hidden: true) { r, i in r.units[i].ttcgEvery.map { .text($0.description) } },
            field("psg_every", .text, hidden: true) { r, i in r.units[i].every(.psg).map { .text($0.description) } },
        ],
        tableColumns: ["name", "kind", "parent"],
        count: { $0.units.count }, id: { _, _ in nil }, outstanding: nil, due: nil,
        unit: { r, i in r.units[i].name }, owner: nil)

    static let people = KindSchema(
        name: "people", record: .person,
        fields: [
            field("id", .id) { r, i in .id(r.people[i].id) },
            field("name", .text) { r, i in .text(r.people[i].name) },
            field("role", .text) { r, i in text(r.people[i].role) },
            field("unit", .unit) { r, i in text(r.people[i].unit) },
            field("agency", .text) { r, i in text(r.people[i].agency) },
            field("status", choices(Person.Status.self)) { r, i in .word(r.people[i].status.keyword) },
            field("marking", markingType) { r, i in r.people[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "name", "role", "unit", "agency", "status", "marking"],
        count: { $0.people.count }, id: { r, i in r.people[i].id }, outstanding: nil, due: nil,
        unit: { r, i in r.people[i].unit }, owner: nil)

    static let meetings = KindSchema(
        name: "meetings", record: .meeting,
        fields: [
            field("id", .id) { r, i in .id(r.meetings[i].id) },
            field("kind", choices(Meeting.Kind.self)) { r, i in .word(r.meetings[i].kind.keyword) },
            field("unit", .unit) { r, i in text(r.meetings[i].unit) },
            field("date", .date) { r, i in .date(r.meetings[i].date) },
            field("chair", .person) { r, i in person(r, r.meetings[i].chair) },
            field("title", .text) { r, i in text(r.meetings[i].title) },
            field("attendees", .people) { r, i in .list(r.meetings[i].attendees.map { .person($0, r.name(of: $0)) }) },
            field("partners", .people) { r, i in .list(r.meetings[i].partners.map { .person($0, r.name(of: $0)) }) },
            field("status", choices(Meeting.Status.self)) { r, i in .word(r.meetings[i].status.keyword) },
            field("marking", markingType) { r, i in r.meetings[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "kind", "unit", "date", "chair", "title", "status", "marking"],
        count: { $0.meetings.count }, id: { r, i in r.meetings[i].id }, outstanding: nil, due: nil,
        unit: { r, i in r.meetings[i].unit }, owner: { r, i in r.meetings[i].chair })

    static let products = KindSchema(
        name: "products", record: .product,
        fields: [
            field("id", .id) { r, i in .id(r.products[i].id) },
            field("kind", choices(Product.Kind.self)) { r, i in .word(r.products[i].kind.keyword) },
            field("title", .text) { r, i in .text(r.products[i].title) },
            field("author", .person) { r, i in person(r, r.products[i].author) },
            field("date", .date) { r, i in .date(r.products[i].date) },
            field("commission", .id) { r, i in ident(.commission, r.products[i].commission) },
            field("recommends", .text) { r, i in text(r.products[i].recommends) },
            field("status", choices(Product.Status.self)) { r, i in .word(r.products[i].status.keyword) },
            field("presented_at", .id) { r, i in ident(.meeting, r.products[i].presentedAt) },
            field("presentations", .ids) { r, i in
                r.products[i].presentations.isEmpty ? nil : .list(r.products[i].presentations.map { .id(RecordID(.meeting, $0)) })
            },
            field("marking", markingType) { r, i in r.products[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "kind", "title", "author", "date", "status", "presentations", "marking"],
        count: { $0.products.count }, id: { r, i in r.products[i].id }, outstanding: nil, due: nil,
        unit: { r, i in r.unit(ofMeeting: r.products[i].presentedAt) }, owner: { r, i in r.products[i].author })

    static let priorities = KindSchema(
        name: "priorities", record: .priority,
        fields: [
            field("id", .id) { r, i in .id(r.priorities[i].id) },
            field("title", .text) { r, i in .text(r.priorities[i].title) },
            field("owner", .person) { r, i in person(r, r.priorities[i].owner) },
            field("rationale", .text) { r, i in .text(r.priorities[i].rationale) },
            field("unit", .unit) { r, i in text(r.priorities[i].unit) },
            field("meeting", .id) { r, i in .id(RecordID(.meeting, r.priorities[i].meeting)) },
            field("status", choices(Priority.Status.self)) { r, i in .word(r.priorities[i].status.keyword) },
            field("strands", choices(Action.PIER.self)) { r, i in
                r.priorities[i].strands.isEmpty ? nil : .list(r.priorities[i].strands.map { .word($0.keyword) })
            },
            field("from", .id) { r, i in visible(r, .candidate, r.priorities[i].from) },
            field("score", .int) { r, i in r.scores(of: r.priorities[i].id).last.map { .int($0.priorityScore) } },
            field("band", .text) { r, i in band(r, r.scores(of: r.priorities[i].id).last) },
            field("marking", markingType) { r, i in r.priorities[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "title", "owner", "unit", "meeting", "status", "strands", "marking"],
        count: { $0.priorities.count }, id: { r, i in r.priorities[i].id }, outstanding: nil, due: nil,
        unit: { r, i in r.priorities[i].unit }, owner: { r, i in r.priorities[i].owner })

    static let candidates = KindSchema(
        name: "candidates", record: .candidate,
        fields: [
            field("id", .id) { r, i in .id(r.candidates[i].id) },
            field("title", .text) { r, i in .text(r.candidates[i].title) },
            field("rationale", .text) { r, i in text(r.candidates[i].rationale) },
            field("meeting", .id) { r, i in ident(.meeting, r.candidates[i].meeting) },
            field("status", choices(Candidate.Status.self)) { r, i in .word(r.candidates[i].status.keyword) },
            field("unit", .unit) { r, i in text(r.candidates[i].unit ?? r.unit(ofMeeting: r.candidates[i].meeting)) },
            field("from", .id) { r, i in visible(r, .product, r.candidates[i].from) },
            field("adopted_as", .id) { r, i in visible(r, .priority, r.candidates[i].adoptedAs) },
            field("score", .int) { r, i in r.candidates[i].scores.last.map { .int($0.priorityScore) } },
            field("band", .text) { r, i in band(r, r.candidates[i].scores.last) },
            field("confidence", choices(Score.Confidence.self)) { r, i in r.candidates[i].scores.last.map { .word($0.confidence.keyword) } },
            field("marking", markingType) { r, i in r.candidates[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "title", "status", "rationale", "meeting", "score", "band", "marking"],
        count: { $0.candidates.count }, id: { r, i in r.candidates[i].id }, outstanding: nil, due: nil,
        unit: { r, i in r.candidates[i].unit ?? r.unit(ofMeeting: r.candidates[i].meeting) }, owner: nil)

    static let requirements = KindSchema(
        name: "requirements", record: .requirement,
        fields: [
            field("id", .id) { r, i in .id(r.requirements[i].id) },
            field("level", choices(Requirement.Level.self)) { r, i in .word(r.requirements[i].level.keyword) },
            field("question", .text) { r, i in .text(r.requirements[i].question) },
            field("priority", .id) { r, i in ident(.priority, r.requirements[i].priority) },
            field("plan", .id) { r, i in ident(.plan, r.requirements[i].plan) },
            field("candidate", .id) { r, i in ident(.candidate, r.requirements[i].candidate) },
            field("owner", .person) { r, i in person(r, r.requirements[i].owner) },
            field("status", choices(Requirement.Status.self)) { r, i in .word(r.requirements[i].status.keyword) },
            field("meeting", .id) { r, i in .id(RecordID(.meeting, r.requirements[i].meeting)) },
            field("unit", .unit, hidden: true) { r, i in text(r.unit(ofMeeting: r.requirements[i].meeting)) },
            field("marking", markingType) { r, i in r.requirements[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "level", "question", "owner", "status", "meeting", "marking"],
        count: { $0.requirements.count }, id: { r, i in r.requirements[i].id },
        outstanding: { r, i in r.requirements[i].status == .open }, due: nil,
        unit: { r, i in r.unit(ofMeeting: r.requirements[i].meeting) }, owner: { r, i in r.requirements[i].owner })

    static let commissions = KindSchema(
        name: "commissions", record: .commission,
        fields: [
            field("id", .id) { r, i in .id(r.commissions[i].id) },
            field("product", choices(Product.Kind.self)) { r, i in r.commissions[i].product.map { .word($0.keyword) } },
            field("title", .text) { r, i in .text(r.commissions[i].title) },
            field("assignee", .person) { r, i in person(r, r.commissions[i].assignee) },
            field("due", .date) { r, i in .date(r.commissions[i].due) },
            field("meeting", .id) { r, i in .id(RecordID(.meeting, r.commissions[i].meeting)) },
            field("status", choices(Commission.Status.self)) { r, i in .word(r.commissions[i].status.keyword) },
            field("note", .text) { r, i in text(r.commissions[i].note) },
            field("unit", .unit, hidden: true) { r, i in text(r.unit(ofMeeting: r.commissions[i].meeting)) },
            field("marking", markingType) { r, i in r.commissions[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "product", "title", "assignee", "due", "status", "marking"],
        count: { $0.commissions.count }, id: { r, i in r.commissions[i].id },
        outstanding: { r, i in r.commissions[i].status == .commissioned }, due: { r, i in r.commissions[i].due },
        unit: { r, i in r.unit(ofMeeting: r.commissions[i].meeting) }, owner: { r, i in r.commissions[i].assignee })

    static let plans = KindSchema(
        name: "plans", record: .plan,
        fields: [
            field("id", .id) { r, i in .id(r.plans[i].id) },
            field("title", .text) { r, i in .text(r.plans[i].title) },
            field("serves", .id) { r, i in r.plans[i].serves.map { .id($0) } },
            field("owner", .person) { r, i in person(r, r.plans[i].owner) },
            field("start", .date) { r, i in r.plans[i].start.map { .date($0) } },
            field("review", .date) { r, i in r.plans[i].review.map { .date($0) } },
            field("meeting", .id) { r, i in .id(RecordID(.meeting, r.plans[i].meeting)) },
            field("status", choices(Plan.Status.self)) { r, i in .word(r.plans[i].status.keyword) },
            field("objectives", .text) { r, i in text(r.plans[i].objectives) },
            field("priority", .id, hidden: true) { r, i in r.priority(of: r.plans[i].id).map { .id($0) } },
            field("unit", .unit, hidden: true) { r, i in text(r.unit(ofMeeting: r.plans[i].meeting)) },
            field("marking", markingType) { r, i in r.plans[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "title", "serves", "owner", "start", "review", "status", "marking"],
        count: { $0.plans.count }, id: { r, i in r.plans[i].id }, outstanding: nil, due: nil,
        unit: { r, i in r.unit(ofMeeting: r.plans[i].meeting) }, owner: { r, i in r.plans[i].owner })

    static let actions = KindSchema(
        name: "actions", record: .action,
        fields: [
            field("id", .id) { r, i in .id(r.actions[i].id) },
            field("type", choices(Action.PIER.self)) { r, i in .word(r.actions[i].type.keyword) },
            field("title", .text) { r, i in .text(r.actions[i].title) },
            field("plan", .id) { r, i in .id(RecordID(.plan, r.actions[i].plan)) },
            field("owner", .person) { r, i in person(r, r.actions[i].owner) },
            field("due", .date) { r, i in .date(r.actions[i].due) },
            field("meeting", .id) { r, i in .id(RecordID(.meeting, r.actions[i].meeting)) },
            field("status", choices(Action.Status.self)) { r, i in .word(r.actions[i].status.keyword) },
            field("result", .text) { r, i in text(r.actions[i].result) },
            field("priority", .id, hidden: true) { r, i in r.priority(of: r.actions[i].id).map { .id($0) } },
            field("unit", .unit, hidden: true) { r, i in text(r.unit(ofMeeting: r.actions[i].meeting)) },
            field("marking", markingType) { r, i in r.actions[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "type", "title", "plan", "owner", "due", "status", "marking"],
        count: { $0.actions.count }, id: { r, i in r.actions[i].id },
        outstanding: { r, i in r.actions[i].status == .open }, due: { r, i in r.actions[i].due },
        unit: { r, i in r.unit(ofMeeting: r.actions[i].meeting) }, owner: { r, i in r.actions[i].owner })

    static let decisions = KindSchema(
        name: "decisions", record: .decision,
        fields: [
            field("id", .id) { r, i in .id(r.decisions[i].id) },
            field("meeting", .id) { r, i in .id(RecordID(.meeting, r.decisions[i].meeting)) },
            field("date", .date) { r, i in
                r.meetings.index(ofNumber: r.decisions[i].meeting).map { .date(r.meetings[$0].date) }
            },
            field("text", .text) { r, i in .text(r.decisions[i].text) },
            field("rationale", .text) { r, i in text(r.decisions[i].rationale) },
            field("about", .ids) { r, i in r.decisions[i].about.isEmpty ? nil : .list(r.decisions[i].about.map { .id($0) }) },
            field("supersedes", .id) { r, i in ident(.decision, r.decisions[i].supersedes) },
            field("superseded_by", .id) { r, i in ident(.decision, r.decisions[i].supersededBy) },
            field("unit", .unit, hidden: true) { r, i in text(r.unit(ofMeeting: r.decisions[i].meeting)) },
            field("marking", markingType) { r, i in r.decisions[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "meeting", "date", "text", "rationale", "supersedes", "superseded_by", "marking"],
        count: { $0.decisions.count }, id: { r, i in r.decisions[i].id }, outstanding: nil, due: nil,
        unit: { r, i in r.unit(ofMeeting: r.decisions[i].meeting) }, owner: nil)

    static let escalations = KindSchema(
        name: "escalations", record: .escalation,
        fields: [
            field("id", .id) { r, i in .id(r.escalations[i].id) },
            field("subject", .text) { r, i in
                switch r.escalations[i].subject {
                case .record(let id): return .id(id)
                case .text(let t): return .text(t)
                }
            },
            field("from", .unit) { r, i in .text(r.escalations[i].from) },
            field("to", .unit) { r, i in .text(r.escalations[i].to) },
            field("rationale", .text) { r, i in .text(r.escalations[i].rationale) },
            field("meeting", .id) { r, i in .id(RecordID(.meeting, r.escalations[i].meeting)) },
            field("status", choices(Escalation.Status.self)) { r, i in .word(r.escalations[i].status.keyword) },
            field("priority", .id, hidden: true) { r, i in r.priority(of: r.escalations[i].id).map { .id($0) } },
            field("marking", markingType) { r, i in r.escalations[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "subject", "from", "to", "rationale", "status", "marking"],
        count: { $0.escalations.count }, id: { r, i in r.escalations[i].id },
        outstanding: { r, i in r.escalations[i].status == .open }, due: nil,
        unit: { r, i in r.escalations[i].from }, owner: nil)

    static let reviews = KindSchema(
        name: "reviews", record: .review,
        fields: [
            field("id", .id) { r, i in .id(r.reviews[i].id) },
            field("title", .text) { r, i in .text(r.reviews[i].title) },
            field("plan", .id) { r, i in .id(RecordID(.plan, r.reviews[i].plan)) },
            field("objectives", .text) { r, i in .text(r.reviews[i].objectives) },
            field("scope", choices(Review.Scope.self)) { r, i in .word(r.reviews[i].scope.keyword) },
            field("meeting", .id) { r, i in .id(RecordID(.meeting, r.reviews[i].meeting)) },
            field("status", choices(Review.Status.self)) { r, i in .word(r.reviews[i].status.keyword) },
            field("flagged", .bool, hidden: true) { r, i in .bool(r.reviews[i].late) },
            field("priority", .id, hidden: true) { r, i in r.priority(of: r.reviews[i].id).map { .id($0) } },
            field("unit", .unit, hidden: true) { r, i in text(r.unit(ofMeeting: r.reviews[i].meeting)) },
            field("marking", markingType) { r, i in r.reviews[i].marking.map { .word($0.label) } },
        ],
        tableColumns: ["id", "title", "plan", "scope", "meeting", "status", "marking"],
        count: { $0.reviews.count }, id: { r, i in r.reviews[i].id },
        outstanding: { r, i in r.reviews[i].status == .commissioned }, due: nil,
        unit: { r, i in r.unit(ofMeeting: r.reviews[i].meeting) }, owner: nil)
}
