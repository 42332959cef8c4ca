import TCGDomain
import TCGJSON

/// One reader per record kind. Each reads the members it knows in any order, skips the others
/// (forward compatibility within version 1), and insists on the members a record cannot lack.
extension WorkspaceDecoder {
    /// Reads a unit.
    mutating func unit() throws(JSONError) -> Unit {
        let start = reader.offset
        try reader.beginObject()
        var name: String?, kind: Unit.Kind?, parent: String?, stcg: Duration?, ttcg: Duration?, psg: Duration?
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "name": name = try reader.readString()
            case "kind": kind = try value(Unit.Kind.self)
            case "parent": parent = try optionalString()
            case "stcg_every": stcg = try optionalDuration()
            case "ttcg_every": ttcg = try optionalDuration()
            case "psg_every": psg = try optionalDuration()
            default: try reader.skipValue()
            }
        }
        field = ""
        var unit = Unit(name: try required(name, "name", start), kind: try required(kind, "kind", start), parent: parent)
        unit.stcgEvery = stcg
        unit.ttcgEvery = ttcg
        unit.psgEvery = psg
        return unit
    }

    /// Reads a person.
    mutating func person() throws(JSONError) -> Person {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, name: String?, role: String?, unit: String?, agency: String?
        var status = Person.Status.active, amendments: [Amendment] = []
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.person)
            case "name": name = try reader.readString()
            case "role": role = try optionalString()
            case "unit": unit = try optionalString()
            case "agency": agency = try optionalString()
            case "status": status = try value(Person.Status.self)
            case "marking": marking = try value(Marking.self)
            case "amendments": amendments = try self.amendments()
            default: try reader.skipValue()
            }
        }
        field = ""
        var person = Person(number: try required(number, "id", start), name: try required(name, "name", start),
                            role: role, unit: unit, agency: agency)
        person.status = status
        person.marking = marking
        person.amendments = amendments
        return person
    }

    /// Reads a meeting.
    mutating func meeting() throws(JSONError) -> Meeting {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, kind: Meeting.Kind?, unit: String?, date: Day?, chair: Int?, title: String?
        var attendees: [Int] = [], partners: [Int] = [], status = Meeting.Status.planned
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.meeting)
            case "kind": kind = try value(Meeting.Kind.self)
            case "unit": unit = try optionalString()
            case "date": date = try day()
            case "chair": chair = try optionalID(.person)
            case "title": title = try optionalString()
            case "attendees": attendees = try people()
            case "partners": partners = try people()
            case "status": status = try value(Meeting.Status.self)
            case "marking": marking = try value(Marking.self)
            default: try reader.skipValue()
            }
        }
        field = ""
        var meeting = Meeting(number: try required(number, "id", start), kind: try required(kind, "kind", start), unit: unit,
                              date: try required(date, "date", start), chair: chair, title: title)
        meeting.attendees = attendees
        meeting.partners = partners
        meeting.status = status
        meeting.marking = marking
        return meeting
    }

    /// Reads an intelligence product.
    mutating func product() throws(JSONError) -> Product {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, kind: Product.Kind?, title: String?, author: Int?, date: Day?, commission: Int?
        var recommends: String?, status = Product.Status.draft, presentedAt: Int?, presentedAgainAt: [Int] = []
        var amendments: [Amendment] = []
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.product)
            case "kind": kind = try value(Product.Kind.self)
            case "title": title = try reader.readString()
            case "author": author = try optionalID(.person)
            case "date": date = try day()
            case "commission": commission = try optionalID(.commission)
            case "recommends": recommends = try optionalString()
            case "status": status = try value(Product.Status.self)
            case "presented_at": presentedAt = try optionalID(.meeting)
            case "presented_again_at": presentedAgainAt = try numbers(.meeting)
            case "marking": marking = try value(Marking.self)
            case "amendments": amendments = try self.amendments()
            default: try reader.skipValue()
            }
        }
        field = ""
        var product = Product(number: try required(number, "id", start), kind: try required(kind, "kind", start),
                              title: try required(title, "title", start), author: author,
                              date: try required(date, "date", start), commission: commission, recommends: recommends)
        product.status = status
        product.presentations = (presentedAt.map { [$0] } ?? []) + presentedAgainAt
        product.marking = marking
        product.amendments = amendments
        return product
    }

    /// Reads a priority.
    mutating func priority() throws(JSONError) -> Priority {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, title: String?, owner: Int?, rationale: String?, unit: String?, meeting: Int?
        var status = Priority.Status.active, retiredRationale: String?, retiredAt: Int?, strands: [Action.PIER] = []
        var from: Int?, scores: [Score] = []
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.priority)
            case "title": title = try reader.readString()
            case "owner": owner = try id(.person)
            case "rationale": rationale = try reader.readString()
            case "unit": unit = try optionalString()
            case "meeting": meeting = try id(.meeting)
            case "status": status = try value(Priority.Status.self)
            case "retired_rationale": retiredRationale = try optionalString()
            case "retired_at": retiredAt = try optionalID(.meeting)
            case "strands": strands = try values(Action.PIER.self)
            case "from": from = try optionalID(.candidate)
            case "scores": scores = try self.scores()
            case "marking": marking = try value(Marking.self)
            default: try reader.skipValue()
            }
        }
        field = ""
        var priority = Priority(number: try required(number, "id", start), title: try required(title, "title", start),
                                owner: try required(owner, "owner", start), rationale: try required(rationale, "rationale", start),
                                unit: unit, meeting: try required(meeting, "meeting", start))
        priority.status = status
        priority.retiredRationale = retiredRationale
        priority.retiredAt = retiredAt
        priority.strands = strands
        priority.from = from
        priority.scores = scores
        priority.marking = marking
        return priority
    }

    /// Reads a candidate (one without `status` is rejected, as all were before candidates were proposed).
    mutating func candidate() throws(JSONError) -> Candidate {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, title: String?, rationale: String?, meeting: Int?
        var status = Candidate.Status.rejected, unit: String?, from: Int?, adoptedAs: Int?, scores: [Score] = []
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.candidate)
            case "title": title = try reader.readString()
            case "rationale": rationale = try optionalString()
            case "meeting": meeting = try optionalID(.meeting)
            case "status": status = try value(Candidate.Status.self)
            case "unit": unit = try optionalString()
            case "from": from = try optionalID(.product)
            case "adopted_as": adoptedAs = try optionalID(.priority)
            case "scores": scores = try self.scores()
            case "marking": marking = try value(Marking.self)
            default: try reader.skipValue()
            }
        }
        field = ""
        var record = Candidate(number: try required(number, "id", start), title: try required(title, "title", start), unit: unit, from: from)
        record.status = status
        record.rationale = rationale
        record.meeting = meeting
        if status != .proposed {
            _ = try required(rationale, "rationale", start)
            _ = try required(meeting, "meeting", start)
        }
        record.adoptedAs = adoptedAs
        record.scores = scores
        record.marking = marking
        return record
    }

    /// Reads an intelligence requirement.
    mutating func requirement() throws(JSONError) -> Requirement {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, level: Requirement.Level?, question: String?, priority: Int?, plan: Int?, owner: Int?
        var status = Requirement.Status.open, meeting: Int?, notes: [Note] = [], amendments: [Amendment] = [], candidate: Int?
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.requirement)
            case "level": level = try value(Requirement.Level.self)
            case "question": question = try reader.readString()
            case "priority": priority = try optionalID(.priority)
            case "plan": plan = try optionalID(.plan)
            case "candidate": candidate = try optionalID(.candidate)
            case "owner": owner = try optionalID(.person)
            case "status": status = try value(Requirement.Status.self)
            case "meeting": meeting = try id(.meeting)
            case "notes": notes = try self.notes()
            case "marking": marking = try value(Marking.self)
            case "amendments": amendments = try self.amendments()
            default: try reader.skipValue()
            }
        }
        field = ""
        var requirement = Requirement(number: try required(number, "id", start), level: try required(level, "level", start),
                                      question: try required(question, "question", start), priority: priority, plan: plan,
                                      owner: owner, meeting: try required(meeting, "meeting", start))
        requirement.status = status
        requirement.candidate = candidate
        requirement.notes = notes
        requirement.marking = marking
        requirement.amendments = amendments
        return requirement
    }

    /// Reads a commission.
    mutating func commission() throws(JSONError) -> Commission {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, product: Product.Kind?, title: String?, assignee: Int?, due: Day?, meeting: Int?
        var status = Commission.Status.commissioned, note: String?, amendments: [Amendment] = []
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.commission)
            case "product": product = try optionalValue(Product.Kind.self)
            case "title": title = try reader.readString()
            case "assignee": assignee = try id(.person)
            case "due": due = try day()
            case "meeting": meeting = try id(.meeting)
            case "status": status = try value(Commission.Status.self)
            case "note": note = try optionalString()
            case "marking": marking = try value(Marking.self)
            case "amendments": amendments = try self.amendments()
            default: try reader.skipValue()
            }
        }
        field = ""
        var commission = Commission(number: try required(number, "id", start), product: product, title: try required(title, "title", start),
                                    assignee: try required(assignee, "assignee", start), due: try required(due, "due", start),
                                    meeting: try required(meeting, "meeting", start))
        commission.status = status
        commission.note = note
        commission.marking = marking
        commission.amendments = amendments
        return commission
    }

    /// Reads a delivery plan; it serves a priority (`P-n`) or an escalation (`E-n`).
    mutating func plan() throws(JSONError) -> Plan {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, title: String?, serves: RecordID?, owner: Int?, begins: Day?, review: Day?, meeting: Int?
        var status = Plan.Status.active, note: String?, objectives: String?, reviews: [PlanReview] = [], amendments: [Amendment] = []
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.plan)
            case "title": title = try reader.readString()
            case "serves":
                if try reader.tryReadNull() { serves = nil; continue }
                let at = reader.offset
                let id = try anyID()
                guard id.kind == .priority || id.kind == .escalation else {
                    throw problem("a plan serves a priority (P-n) or an escalation (E-n), not \(id)", at: at)
                }
                serves = id
            case "owner": owner = try id(.person)
            case "start": begins = try optionalDay()
            case "review": review = try optionalDay()
            case "meeting": meeting = try id(.meeting)
            case "status": status = try value(Plan.Status.self)
            case "note": note = try optionalString()
            case "marking": marking = try value(Marking.self)
            case "objectives": objectives = try optionalString()
            case "reviews": reviews = try planReviews()
            case "amendments": amendments = try self.amendments()
            default: try reader.skipValue()
            }
        }
        field = ""
        var plan = Plan(number: try required(number, "id", start), title: try required(title, "title", start), serves: serves,
                        owner: try required(owner, "owner", start), start: begins, review: review,
                        meeting: try required(meeting, "meeting", start))
        plan.status = status
        plan.note = note
        plan.marking = marking
        plan.objectives = objectives
        plan.reviews = reviews
        plan.amendments = amendments
        return plan
    }

    /// Reads an action.
    mutating func action() throws(JSONError) -> Action {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, type: Action.PIER?, title: String?, plan: Int?, owner: Int?, due: Day?, meeting: Int?
        var status = Action.Status.open, result: String?, progress: [Note] = [], amendments: [Amendment] = []
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.action)
            case "type": type = try value(Action.PIER.self)
            case "title": title = try reader.readString()
            case "plan": plan = try id(.plan)
            case "owner": owner = try id(.person)
            case "due": due = try day()
            case "meeting": meeting = try id(.meeting)
            case "status": status = try value(Action.Status.self)
            case "result": result = try optionalString()
            case "progress": progress = try notes()
            case "marking": marking = try value(Marking.self)
            case "amendments": amendments = try self.amendments()
            default: try reader.skipValue()
            }
        }
        field = ""
        var action = Action(number: try required(number, "id", start), type: try required(type, "type", start),
                            title: try required(title, "title", start), plan: try required(plan, "plan", start),
                            owner: try required(owner, "owner", start), due: try required(due, "due", start),
                            meeting: try required(meeting, "meeting", start))
        action.status = status
        action.result = result
        action.progress = progress
        action.marking = marking
        action.amendments = amendments
        return action
    }

    /// Reads a decision.
    mutating func decision() throws(JSONError) -> Decision {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, meeting: Int?, text: String?, rationale: String?, about: [RecordID] = []
        var supersedes: Int?, supersededBy: Int?
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.decision)
            case "meeting": meeting = try id(.meeting)
            case "text": text = try reader.readString()
            case "rationale": rationale = try optionalString()
            case "about": about = try ids()
            case "supersedes": supersedes = try optionalID(.decision)
            case "superseded_by": supersededBy = try optionalID(.decision)
            case "marking": marking = try value(Marking.self)
            default: try reader.skipValue()
            }
        }
        field = ""
        var decision = Decision(number: try required(number, "id", start), meeting: try required(meeting, "meeting", start),
                                text: try required(text, "text", start), rationale: rationale, about: about, supersedes: supersedes)
        decision.supersededBy = supersededBy
        decision.marking = marking
        return decision
    }

    /// Reads an escalation.
    mutating func escalation() throws(JSONError) -> Escalation {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, subject: Escalation.Subject?, from: String?, to: String?, rationale: String?, meeting: Int?
        var status = Escalation.Status.open, decidedAt: Int?, declineRationale: String?
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.escalation)
            case "subject": subject = try self.subject()
            case "from": from = try reader.readString()
            case "to": to = try reader.readString()
            case "rationale": rationale = try reader.readString()
            case "meeting": meeting = try id(.meeting)
            case "status": status = try value(Escalation.Status.self)
            case "decided_at": decidedAt = try optionalID(.meeting)
            case "decline_rationale": declineRationale = try optionalString()
            case "marking": marking = try value(Marking.self)
            default: try reader.skipValue()
            }
        }
        field = ""
        var escalation = Escalation(number: try required(number, "id", start), subject: try required(subject, "subject", start),
                                    from: try required(from, "from", start), to: try required(to, "to", start),
                                    rationale: try required(rationale, "rationale", start),
                                    meeting: try required(meeting, "meeting", start))
        escalation.status = status
        escalation.decidedAt = decidedAt
        escalation.declineRationale = declineRationale
        escalation.marking = marking
        return escalation
    }

    /// Reads an escalation's subject: `{"record": "A-3"}` or `{"text": "…"}`.
    private mutating func subject() throws(JSONError) -> Escalation.Subject {
        let start = reader.offset
        try reader.beginObject()
        var record: RecordID?, text: String?
        while let key = try reader.nextKey() {
            switch key {
            case "record": record = try anyID()
            case "text": text = try reader.readString()
            default: try reader.skipValue()
            }
        }
        switch (record, text) {
        case (let record?, nil): return .record(record)
        case (nil, let text?): return .text(text)
        default: throw problem("a subject is {\"record\": \"ID\"} or {\"text\": \"TEXT\"}, exactly one of the two", at: start)
        }
    }

    /// Reads an operational review.
    mutating func review() throws(JSONError) -> Review {
        let start = reader.offset
        try reader.beginObject()
        var marking: Marking?
        var number: Int?, title: String?, plan: Int?, objectives: String?, scope: Review.Scope?, meeting: Int?
        var status = Review.Status.commissioned, flagged = false
        var lessons: String?, goodPractice: String?, conclusions: String?, recommendations: String?
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "id": number = try id(.review)
            case "title": title = try reader.readString()
            case "plan": plan = try id(.plan)
            case "objectives": objectives = try reader.readString()
            case "scope": scope = try value(Review.Scope.self)
            case "meeting": meeting = try id(.meeting)
            case "status": status = try value(Review.Status.self)
            case "flagged": flagged = try reader.readBool()
            case "lessons": lessons = try optionalString()
            case "good_practice": goodPractice = try optionalString()
            case "conclusions": conclusions = try optionalString()
            case "recommendations": recommendations = try optionalString()
            case "marking": marking = try value(Marking.self)
            default: try reader.skipValue()
            }
        }
        field = ""
        var review = Review(number: try required(number, "id", start), title: try required(title, "title", start),
                            plan: try required(plan, "plan", start), objectives: try required(objectives, "objectives", start),
                            scope: try required(scope, "scope", start), meeting: try required(meeting, "meeting", start))
        review.status = status
        review.late = flagged
        review.lessons = lessons
        review.goodPractice = goodPractice
        review.conclusions = conclusions
        review.recommendations = recommendations
        review.marking = marking
        return review
    }

    /// Reads an audit entry.
    mutating func auditEntry() throws(JSONError) -> AuditEntry {
        let start = reader.offset
        try reader.beginObject()
        var seq: Int?, at: String?, day: Day?, user: String?, source: String?, statement: String?
        var changes: [String] = [], ids: [RecordID] = [], hash = "", records: [String] = [], state = "", keyed = false
        while let key = try reader.nextKey() {
            field = key
            switch key {
            case "seq": seq = try integer(minimum: 1)
            case "at": at = try reader.readString()
            case "day": day = try self.day()
            case "user": user = try reader.readString()
            case "source": source = try reader.readString()
            case "statement": statement = try reader.readString()
            case "changes": changes = try strings()
            case "ids": ids = try self.ids()
            case "hash": hash = try auditHash()
            case "records":
                try reader.beginArray()
                while try reader.nextElement() { records.append(try auditHash(orEmpty: true)) }
            case "state": state = try auditHash()
            case "keyed": keyed = try reader.readBool()
            default: try reader.skipValue()
            }
        }
        field = ""
        if requiresHash, hash.isEmpty { throw problem("missing \"hash\" (required from format version 2)", at: start) }
        var entry = AuditEntry(seq: try required(seq, "seq", start), at: try required(at, "at", start), day: try required(day, "day", start),
                          user: try required(user, "user", start), source: try required(source, "source", start),
                          statement: try required(statement, "statement", start), changes: changes, ids: ids)
        entry.hash = hash
        entry.records = records
        entry.state = state
        entry.keyed = keyed
        return entry
    }

    /// Reads an audit entry's `hash`: from version 2, 64 lower-case hex digits (or, in
    /// `records`, "" for a meeting the entry names without changing it).
    private mutating func auditHash(orEmpty: Bool = false) throws(JSONError) -> String {
        let start = reader.offset
        var hash = try reader.readString()
        if requiresHash, !(orEmpty && hash.isEmpty), !hash.withUTF8(WorkspaceText.isHash) {
            throw problem("expected 64 lower-case hex digits (a SHA-256)", at: start)
        }
        return hash
    }
}
