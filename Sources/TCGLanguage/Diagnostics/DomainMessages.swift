import TCGDomain
import TCGText

extension Diagnostic {
    /// A domain refusal at a place, in words: the message ends with the rule it enforces, the help
    /// says how to put it right, with "did you mean" drawn from `register` (people, units, ids).
    public init(_ error: DomainError, range: SourceRange, register: Register, source: SourceFile? = nil) {
        let text = DomainMessages.text(for: error, register: register)
        self.init(.error, text.message + (error.rule.map { " (\($0))" } ?? ""), range: range, help: text.help, source: source)
    }

    /// A domain warning at a place, in words, ending with its rule; records are named as `register`
    /// shows them (one it does not show is left out).
    public init(_ warning: DomainWarning, range: SourceRange, register: Register, source: SourceFile? = nil) {
        let text = DomainMessages.text(for: warning, register: register)
        self.init(.warning, "\(text.message) (\(warning.rule))", range: range, help: text.help, source: source)
    }
}

/// The words for the register's refusals and warnings: what went wrong and how to put it right.
public enum DomainMessages {
    /// The message (without its rule) and the help for a refusal; suggestions come from `register`.
    public static func text(for error: DomainError, register: Register) -> (message: String, help: String?) {
        switch error {
        case .unknownPerson(let name):
            let near = Suggest.nearest(name, among: register.people.map(\.name))
            let hint = Suggest.didYouMean(near, quoted: true).map { $0 + " " } ?? ""
            return ("unknown person \"\(name)\"",
                    "\(hint)People are added with `add person \"NAME\"`; tcg never creates one silently.")
        case .unknownUnit(let name):
            let near = Suggest.nearest(name, among: register.units.map(\.name))
            let hint = Suggest.didYouMean(near).map { $0 + " " } ?? ""
            return ("unknown unit \(name)", "\(hint)Units are added with `add unit NAME`.")
        case .unknownRecord(let id):
            return ("no \(id.kind.noun) \(id) in the register", nearestIDs(to: id, in: register))
        case .duplicateUnit(let existing):
            return ("unit \(existing) already exists", "unit names are unique; choose another name")
        case .duplicatePerson(let name, let existing) where register.ceiling != nil && !register.exists(existing):
            // The one with that name is not shown under the ceiling: refuse without naming it.
            return ("the name \"\(name)\" cannot be used for a new person",
                    "names are unique; add a distinguishing word (e.g. a rank)")
        case .duplicatePerson(let name, let existing):
            return ("\"\(name)\" is already in the register as \(existing)",
                    "names are unique; use \(existing) or add a distinguishing word (e.g. a rank)")
        case .missingText(let field):
            return text(for: field)
        case .forbiddenInName(let record, let character):
            let whose = record == .person ? "a person's" : "a unit's"
            return ("\(whose) name cannot hold \(UnsafeScalar.describe(character))",
                    "write the name with letters, digits, punctuation and ordinary spaces; such a character makes one name look like another")
        case .missingRationale(let subject):
            return text(for: subject)
        case .missingObjectives:
            return ("an operational review is commissioned with its objectives stated",
                    "add objectives \"WHAT IT MUST ESTABLISH\"")
        case .nonPositiveFrequency(let d):
            return ("a meeting frequency must be positive, not \(d)", "write e.g. ttcg every 2w")
        case .notAllowedAt(let meeting, let kind, let business, let allowed):
            let kinds = allowed.map(\.withArticle)
            let allowedText = kinds.count == 1 ? kinds[0] : kinds.dropLast().joined(separator: ", ") + " or " + (kinds.last ?? "")
            let subject = Self.subject(of: business)
            if kind == .dmm {
                return ("\(subject) only at \(allowedText); \(meeting) is a DMM, which is not a T&C meeting",
                        "a DMM may record fast-track decisions and progress on actions only")
            }
            return ("\(subject) only at \(allowedText); \(meeting) is \(kind.withArticle)",
                    "open \(allowedText) first (`open M-n`), or name one with `at M-n`")
        case .meetingClosed(let id):
            return ("\(id) is closed: a closed meeting's record cannot be changed",
                    "use a meeting that is still open (`open M-n`, or `at M-n`)")
        case .meetingNotYetHeld(let id, let date, let today):
            return ("\(id) meets on \(date), after today (\(today)): business is recorded at a meeting once it has met",
                    "use a meeting dated today or earlier (`open M-n`, or `at M-n`); a trainer moves the clock with `advance` or `set today`")
        case .closedMeetingReopened(let id):
            return ("\(id) is closed: a closed meeting's record cannot be changed", "create a new meeting for further business")
        case .personLeft(let id, let name, let role):
            return ("\(name) has left and cannot be \(Self.words(for: role))",
                    "choose someone active, or `update person \(id) status active`")
        case .alreadyInState(let id, let state):
            return ("\(id) is already \(keyword(of: state))", nil)
        case .notReassignable(let id, let state):
            return ("\(id) is \(keyword(of: state))", nil)
        case .planNotActive(let id, let status):
            return ("\(id) is \(status.keyword); actions are tasked under an active plan", nil)
        case .actionNotOpen(let id, let status):
            return ("\(id) is \(status.keyword); progress is reported on open actions", nil)
        case .tacticalRequirementWithoutPlan:
            return ("a tactical intelligence requirement belongs to a plan or operation", "add `plan DP-n`")
        case .alreadySuperseded(let id, let later) where !register.exists(later):
            return ("\(id) is already superseded", nil)
        case .alreadySuperseded(let id, let later):
            return ("\(id) is already superseded by \(later)", "supersede \(later), the decision now in force")
        case .servesRetiredPriority(let id):
            return ("\(id) is retired; a plan serves an active priority", "see `strategy` for the active ones")
        case .servesDeclinedEscalation(let id):
            return ("\(id) was declined; a plan cannot serve it", nil)
        case .cannotServe(let id):
            return ("a plan serves a priority (P-n) or an escalation (E-n), not \(id)", nil)
        case .reviewBeforeStart(let review, let start):
            return ("the review date \(review) is before the start \(start)", "review a plan after it starts")
        case .alreadyPresented(let id, let meeting):
            return ("\(id) was already presented at \(meeting)",
                    "a product is presented once at each meeting that considers it; name another with `at M-n`")
        case .dueBeforeMeeting(.plan, let due, let meeting, let date):
            return ("a plan's next review cannot be on \(due), before \(meeting) reviews it on \(date)", "give a date after \(date), or no `next`")
        case .dueBeforeMeeting(let kind, let due, let meeting, let date):
            return ("\(kind == .action ? "an action" : "a commission") cannot be due on \(due), before \(meeting) tasks it on \(date)",
                    "give a due date on or after \(date)")
        case .planHasOpenActions(let id, let open):
            let shown = listed(open, in: register)
            guard !shown.isEmpty else { return ("\(id) still has open actions", "complete or cancel them first") }
            return ("\(id) still has \(shown.count == 1 ? "an open action" : "\(shown.count) open actions"): \(shown.joined(separator: ", "))",
                    "complete or cancel \(shown.count == 1 ? "it" : "them") first (`complete A-n`, or `cancel A-n rationale \"WHY\"`)")
        case .handoverOfActivePerson(let id, let name):
            return ("\(name) is active: `handover` moves the work of someone who has left",
                    "mark them left first (`update person \(id) status left`), or reassign their work at a TT&CG with `assign PERSON to ID`")
        case .handoverToSamePerson(_, let name):
            return ("\(name)'s work cannot be handed over to \(name)", "hand it over to someone else")
        case .cannotCancel(let id):
            return ("only an action (A-n) or a commission (C-n) is cancelled, not \(id)",
                    "a priority is retired, a plan closed, a decision superseded")
        case .cannotAssign(let id):
            return ("assign gives a priority, plan, action, commission or requirement a new owner; \(id) has none", nil)
        case .noFindings(let id):
            return ("record at least one finding",
                    "record findings \(id) lessons \"…\" good-practice \"…\" conclusions \"…\" recommendations \"…\"")
        case .meetingHasNoUnit(let id):
            return ("\(id) has no unit, so there is nothing to escalate from",
                    "escalate at a meeting of a BCU (create meeting … unit NAME)")
        case .noParentUnit(let unit):
            return ("\(unit) has no parent unit to escalate to", "escalation goes from a BCU to its force")
        case .notParentUnit(let from, let parent, let given):
            return ("escalation goes from a unit to its parent: \(from)'s parent is \(parent), not \(given)",
                    "escalate … to \(parent)")
        case .cannotEscalate(let id):
            return ("only an action, a delivery plan or a matter in words can be escalated, not \(id)", nil)
        case .escalatedElsewhere(let id, let to, let meeting, let meetingUnit):
            return ("\(id) was escalated to \(to); it is accepted or declined at \(to)'s meetings, and \(meeting) is \(meetingUnit.map { "\($0)'s" } ?? "no unit's")",
                    "open a meeting of \(to)")
        case .answeredBeforeRaised(let id, let raisedAt, let raised, let meeting, let date):
            return ("\(id) was raised at \(raisedAt) on \(raised); \(meeting), on \(date), was before it and cannot answer it",
                    "accept or decline it at a meeting on or after \(raised)")
        case .amendedPriority(let id):
            return ("\(id) is a priority: its fields are the control strategy's, changed only at an ST&CG",
                    "at an ST&CG, `assign PERSON to \(id)` changes its owner, and `retire priority \(id) rationale \"WHY\"` with `add priority …` replaces it")
        case .notAmendable(let id) where id.kind == .decision:
            return ("a decision is not amended: a correction is a new decision that supersedes it (R5)",
                    "decide \"TEXT\" rationale \"WHY\" supersedes \(id)")
        case .notAmendable(let id):
            return ("\(id) is \(article(id.kind.noun)) \(id.kind.noun), which `amend` does not change",
                    "amend changes actions, commissions, delivery plans, requirements, people and products")
        case .fieldNotAmendable(let id, let field):
            return unknownField(field.keyword, of: id.kind)
        case .noAmendment(let id):
            return ("say what to change in \(id)",
                    "write amend \(id) FIELD VALUE rationale \"WHY\"; the fields: \(fieldList(id.kind))")
        case .unchangedValue(let id, let field, let value):
            return ("\(id)'s \(field.keyword) is already \(register.auditText(value))", "give the new value, or leave the field out")
        case .notChangeable(let id, let state, let alteration):
            let done = alteration == .amendment ? "amended" : "reviewed"
            let allowed: String, help: String?
            switch id.kind {
            case .action: (allowed, help) = ("an open action", "reopen it first: reopen \(id) rationale \"WHY\"")
            case .commission: (allowed, help) = ("commissioned analysis", nil)
            case .requirement: (allowed, help) = ("an open requirement", "at an ST&CG or TT&CG: review requirement \(id) status open")
            default: (allowed, help) = ("an active plan", nil)
            }
            return ("\(id) is \(keyword(of: state)): only \(allowed) can be \(done)", help)
        case .psgOutsidePartnership(let unit?, let kind?):
            let partnerships = register.units.filter { $0.kind == .partnership }.map(\.name)
            return ("a PSG is a partnership's strategic group; \(unit) is \(kind == .force ? "a force" : "a BCU")",
                    partnerships.isEmpty ? "add one with `add unit NAME kind partnership`; a force's strategic group is its ST&CG"
                        : "name a partnership (\(partnerships.joined(separator: ", "))); a force's strategic group is its ST&CG")
        case .candidateDecided(let id, let status):
            return ("\(id) is already \(status.keyword)", "only a proposed candidate is adopted, rejected or scored; `add candidate \"TITLE\"` proposes another")
        case .outOfScale(let scale, let value, let min, let max):
            return ("\(scale) is scored \(min)–\(max); \(value) is out of scale", "give a score from \(min) to \(max) (the scoring scheme: `show scheme`)")
        case .unknownFactor(let name, let known):
            return ("the scoring scheme has no harm factor `\(name)`",
                    (Suggest.didYouMean(Suggest.nearest(name, among: known)).map { $0 + "; " } ?? "") + "its factors: \(known.joined(separator: ", "))")
        case .unknownBand(let name, let known):
            return ("the scoring scheme has no band `\(name)`", "its bands: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
        case .incompleteScore(let id, let missing):
            return ("the score of \(id) needs \(missing.joined(separator: ", ")): its latest score has nothing to carry for \(missing.count == 1 ? "it" : "them")",
                    "write score \(id) harm physical N psychological N financial N community N likelihood N position N confidence low|medium|high rationale \"WHY\"")
        case .emptyScore(let id):
            return ("nothing to score", "give at least one of harm NAME N, likelihood N, position N, confidence WORD, e.g. score \(id) likelihood 4 rationale \"WHY\"")
        case .invalidScale(let scale, let max, let min):
            return ("\(scale) needs a top of at least \(min), not \(max)", nil)
        case .lastFactor(let name):
            return ("\(name) is the scheme's last harm factor", "add another factor before removing it")
        case .psgOutsidePartnership:
            return ("a PSG belongs to a partnership, and none was named", "add `unit NAME` naming the partnership")
        case .scheduleEndsBeforeStart(let from, let until):
            return ("nothing to schedule: until \(until) is before from \(from)", "give an `until` date on or after \(from)")
        case .tooManyMeetings(let every, let from, let until, let limit):
            return ("every \(every) from \(from) until \(until) makes more than \(limit) meetings; schedule makes at most \(limit) at once",
                    "schedule a shorter period, or meet less often")
        }
    }

    /// The refusal of a field that `amend` does not change for a kind of record (written as
    /// `word`), listing those it does, with "did you mean".
    static func unknownField(_ word: String, of kind: RecordKind) -> (message: String, help: String?) {
        let fields = (Amendment.fields(of: kind) ?? []).map(\.keyword)
        return ("`\(word)` is not a field of \(article(kind.noun)) \(kind.noun) that can be amended; amend changes its \(fieldList(kind))",
                Suggest.didYouMean(Suggest.nearest(word, among: fields)) ?? "write amend ID FIELD VALUE rationale \"WHY\"")
    }

    /// The fields `amend` changes for a kind: `title, due, owner`.
    static func fieldList(_ kind: RecordKind) -> String {
        (Amendment.fields(of: kind) ?? []).map(\.keyword).joined(separator: ", ")
    }

    /// "a" or "an" before a noun.
    static func article(_ noun: String) -> String {
        "aeiou".contains(noun.prefix(1)) ? "an" : "a"
    }

    /// The message (without its rule) and the help for a warning; records are named as `register` shows them.
    public static func text(for warning: DomainWarning, register: Register) -> (message: String, help: String?) {
        switch warning {
        case .lateReview(let review, let plan, let started):
            return ("\(review) is commissioned after \(plan) started on \(started); objectives belong before the operation, so it is flagged", nil)
        case .duplicateMeeting(let id, let same):
            let others = same.filter(register.exists).map(\.description)
            return ("\(id) is the same kind of meeting, for the same unit, on the same day as \(others.joined(separator: ", ")); the calendar flags it as a duplicate",
                    "if it was made twice, close the one not held (`close meeting M-n`)")
        case .leftWithOpenWork(let id, let name, let work):
            return ("\(name) has left and still owns open work: \(listed(work, in: register).joined(separator: ", "))",
                    "hand it over: handover \(written(id, name)) to PERSON rationale \"WHY\"")
        case .prioritiesKeptUntilSTCG(let id, let name, let priorities):
            let shown = listed(priorities, in: register)
            return ("\(shown.joined(separator: ", ")) \(shown.count == 1 ? "stays" : "stay") with \(name): a priority's owner changes only at an ST&CG",
                    "hand \(shown.count == 1 ? "it" : "them") over there: handover \(written(id, name)) to PERSON rationale \"WHY\" at M-n")
        }
    }

    /// A person as a statement names them: their name in quotes, or their id when the name would
    /// need escapes.
    static func written(_ id: RecordID, _ name: String) -> String {
        name.contains("\"") || name.contains("\\") || name.contains("$") ? id.description : "\"\(name)\""
    }

    /// The records `ids` that `register` shows, each as its id and title: `A-3 "Patrols"`.
    static func listed(_ ids: [RecordID], in register: Register) -> [String] {
        ids.compactMap { id in register.title(of: id).map { "\(id) \"\($0)\"" } }
    }

    /// "did you mean" with the ids of `id`'s kind nearest its number, or that there are none.
    static func nearestIDs(to id: RecordID, in register: Register) -> String? {
        let all = register.numbers(of: id.kind)
        guard !all.isEmpty else { return "there are no \(id.kind.plural) yet" }
        let near = all.sorted { abs($0 - id.number) < abs($1 - id.number) }.prefix(3).sorted()
            .map { RecordID(id.kind, $0).description }
        return Suggest.didYouMean(near)
    }

    /// What may be done only at some meetings, as the start of a sentence ending "only at …".
    static func subject(of business: DomainError.Business) -> String {
        switch business {
        case .controlStrategy: return "the control strategy can be set or amended"
        case .priorityOwner: return "the control strategy (including a priority's owner) can be set or amended"
        case .strategicRequirement: return "strategic intelligence requirements are approved"
        case .tacticalRequirement: return "intelligence requirements are set"
        case .requirementReview: return "intelligence requirements are reviewed"
        case .commission: return "analysis can be commissioned"
        case .commissionReassignment: return "analysis is commissioned and reassigned"
        case .plan: return "delivery plans are created"
        case .planOwner: return "plan owners are assigned"
        case .action: return "actions are tasked"
        case .actionReassignment: return "actions are tasked and reassigned"
        case .operationalReview: return "operational reviews are commissioned"
        case .escalation: return "escalation is decided"
        case .escalationSettlement: return "escalations are accepted or declined"
        case .planReview: return "delivery plans are reviewed"
        }
    }

    /// The part a person cannot play once they have left ("a plan owner").
    static func words(for role: DomainError.PersonRole) -> String {
        switch role {
        case .chair: return "chair"
        case .attendee: return "attendee"
        case .priorityOwner: return "a priority's owner"
        case .requirementOwner: return "a requirement's owner"
        case .assignee: return "an assignee"
        case .author: return "an author"
        case .planOwner: return "a plan owner"
        case .actionOwner: return "an action's owner"
        case .owner: return "an owner"
        }
    }

    /// A record's state as the language names it (`done`, `retired`).
    static func keyword(of state: DomainError.RecordState) -> String {
        switch state {
        case .meeting(let s): return s.keyword
        case .priority(let s): return s.keyword
        case .commission(let s): return s.keyword
        case .plan(let s): return s.keyword
        case .action(let s): return s.keyword
        case .escalation(let s): return s.keyword
        case .requirement(let s): return s.keyword
        }
    }

    /// The refusal of empty text, and what to write instead.
    static func text(for field: DomainError.TextField) -> (message: String, help: String?) {
        switch field {
        case .personName: return ("a person needs a name", "write add person \"NAME\"")
        case .candidateTitle: return ("a candidate needs a title", "write add candidate \"TITLE\"")
        case .priorityTitle: return ("a priority needs a title", "write add priority \"TITLE\" owner PERSON rationale \"TEXT\"")
        case .requirementQuestion(let level): return ("a requirement needs a question", "write add requirement \(level.keyword) \"QUESTION\"")
        case .decisionText: return ("a decision needs its text", "write decide \"TEXT\" rationale \"WHY\"")
        case .escalationMatter(let to): return ("say what is escalated", "escalate \"MATTER\" to \(to) rationale \"WHY\"")
        case .commissionTitle: return ("a commission needs a title", nil)
        case .productTitle: return ("a product needs a title", nil)
        case .planTitle: return ("a plan needs a title", nil)
        case .actionTitle: return ("an action needs a title", nil)
        case .reviewTitle: return ("a review needs a title", nil)
        case .progressNote: return ("a progress note needs text", nil)
        case .planObjectives: return ("a plan's objectives cannot be empty", "write objectives \"WHAT THE PLAN MUST ACHIEVE\"")
        case .planReviewNote: return ("a plan's review needs a note of what the group found", "add note \"WHAT WAS FOUND\"")
        case .personRole: return ("a person's role cannot be empty", nil)
        case .personUnit: return ("a person's unit cannot be empty", nil)
        }
    }

    /// The refusal of a missing rationale, and how to give it.
    static func text(for subject: DomainError.RationaleSubject) -> (message: String, help: String?) {
        switch subject {
        case .priority:
            return ("a priority needs a rationale: inclusion in the control strategy is justified", "add rationale \"WHY\"")
        case .rejectedCandidate: return ("a rejected candidate needs a rationale", "add rationale \"WHY NOT\"")
        case .adoptedCandidate: return ("adopting a candidate needs a rationale: inclusion in the control strategy is justified", "add rationale \"WHY\"")
        case .score: return ("a score needs a rationale", "add rationale \"WHY\"")
        case .retiringPriority: return ("retiring a priority needs a rationale", "add rationale \"WHY\"")
        case .decision(let kind): return ("a decision at \(kind.withArticle) is recorded with its rationale", "add rationale \"WHY\"")
        case .escalation: return ("an escalation needs a rationale", "add rationale \"WHY\"")
        case .decliningEscalation: return ("declining an escalation needs a rationale", "add rationale \"WHY\"")
        case .cancelling: return ("cancelling needs a rationale", "add rationale \"WHY\"")
        case .reopening: return ("reopening an action needs a rationale", "add rationale \"WHY\"")
        case .handover: return ("a handover needs a rationale", "add rationale \"WHY\"")
        case .amendment: return ("an amendment needs a rationale: the record keeps why it changed", "add rationale \"WHY\"")
        }
    }
}
