/// A statement the register refuses, in the register's own terms: what kind of refusal and the
/// records, names and values that explain it. Wording it (and suggesting what was meant) is for
/// whoever shows it to a person.
public enum DomainError: Error, Sendable, Equatable {
    /// No person has this name, case-insensitively (R11).
    case unknownPerson(name: String)
    /// No unit has this name, case-insensitively (R11).
    case unknownUnit(String)
    /// No record has this id (R11).
    case unknownRecord(RecordID)
    /// A unit was added under a name that an existing unit (`existing`, as written) already has.
    case duplicateUnit(existing: String)
    /// A person was added under a name that `existing` already has (as `name`, the existing spelling).
    /// Names are unique, but this refusal names no rule.
    case duplicatePerson(name: String, existing: RecordID)
    /// Text that a record cannot be without was empty.
    case missingText(TextField)
    /// A person's or unit's name holds a control, bidi, zero-width or line-separator character,
    /// which would make it look like another name or change how it is shown.
    case forbiddenInName(NamedRecord, Unicode.Scalar)
    /// A rationale that a rule requires was empty.
    case missingRationale(for: RationaleSubject)
    /// An operational review was commissioned without its objectives (R7).
    case missingObjectives
    /// A meeting frequency of zero or less was given for a unit's policy.
    case nonPositiveFrequency(Duration)
    /// Business was attempted at a meeting whose kind does not allow it: only at one of `allowed`
    /// (R1, R4, R6, R12 by the business; R8 when the meeting is a DMM).
    case notAllowedAt(meeting: RecordID, kind: Meeting.Kind, business: Business, allowed: [Meeting.Kind])
    /// The meeting named for some business is closed, and its record cannot change (R10).
    case meetingClosed(RecordID)
    /// Business was recorded at a meeting dated `date`, after the register's clock `today`: a
    /// meeting's record is written once it meets, not before (R10).
    case meetingNotYetHeld(RecordID, date: Day, today: Day)
    /// A closed meeting was opened again (R10).
    case closedMeetingReopened(RecordID)
    /// A person who has left was named in a role that needs someone active (R11).
    case personLeft(RecordID, name: String, role: PersonRole)
    /// A record was moved to a state it has already left, e.g. an action already done
    /// (R10 for meetings, R12 for escalations, R13 for priorities).
    case alreadyInState(RecordID, RecordState)
    /// A record is not in the state a change needs, e.g. reassigning a closed plan's owner.
    case notReassignable(RecordID, RecordState)
    /// An action was tasked under a plan that is no longer active.
    case planNotActive(RecordID, Plan.Status)
    /// Progress was reported on an action that is no longer open.
    case actionNotOpen(RecordID, Action.Status)
    /// A tactical intelligence requirement was set without the plan it belongs to (R4).
    case tacticalRequirementWithoutPlan
    /// A decision was superseded that another decision (`by`) already supersedes (R5).
    case alreadySuperseded(RecordID, by: RecordID)
    /// A plan was made to serve a retired priority (R1).
    case servesRetiredPriority(RecordID)
    /// A plan was made to serve a declined escalation (R12).
    case servesDeclinedEscalation(RecordID)
    /// A plan was made to serve a record that is neither a priority nor an escalation.
    case cannotServe(RecordID)
    /// A plan's review date falls before its start.
    case reviewBeforeStart(review: Day, start: Day)
    /// A product was presented a second time at the same meeting `at` (it may be presented once
    /// at each meeting that considers it).
    case alreadyPresented(RecordID, at: RecordID)
    /// An action or a commission (`kind`) was given a due date before the date of the meeting
    /// that tasked it (R6).
    case dueBeforeMeeting(RecordKind, due: Day, meeting: RecordID, date: Day)
    /// A plan was completed while the actions `open` under it are still open (R13: no open work
    /// is left behind a finished plan).
    case planHasOpenActions(RecordID, open: [RecordID])
    /// A person's open work was handed over while they are still active: `handover` moves a
    /// leaver's work; an active person's is reassigned at a TT&CG (R6).
    case handoverOfActivePerson(RecordID, name: String)
    /// A person's work was handed over to themselves.
    case handoverToSamePerson(RecordID, name: String)
    /// A record that cannot be cancelled (only actions and commissions can) was cancelled.
    case cannotCancel(RecordID)
    /// An owner was assigned to a record that has none.
    case cannotAssign(RecordID)
    /// An operational review's findings were recorded with no finding at all.
    case noFindings(RecordID)
    /// An escalation was decided at a meeting that has no unit to escalate from (R12).
    case meetingHasNoUnit(RecordID)
    /// An escalation was decided at a meeting of a unit with no parent (R12).
    case noParentUnit(String)
    /// An escalation was sent to `given`, which is not `from`'s parent `parent` (R12).
    case notParentUnit(from: String, parent: String, given: String)
    /// A record other than an action or a plan was escalated (R12).
    case cannotEscalate(RecordID)
    /// An escalation to `to` was settled at a meeting of another unit (`meetingUnit`; nil: none) (R12).
    case escalatedElsewhere(RecordID, to: String, meeting: RecordID, meetingUnit: String?)
    /// An escalation raised at `raisedAt` on `raised` was accepted or declined at `meeting`, dated
    /// `date`, before it was raised (R12).
    case answeredBeforeRaised(RecordID, raisedAt: RecordID, raised: Day, meeting: RecordID, date: Day)
    /// A priority was amended: its fields are the control strategy's, changed only at an ST&CG
    /// with `assign` and `retire priority` (R1).
    case amendedPriority(RecordID)
    /// A record of a kind that has no field to amend (a meeting, a decision, …) was amended.
    case notAmendable(RecordID)
    /// A field was amended that the record's kind does not let `amend` change.
    case fieldNotAmendable(RecordID, Amendment.Field)
    /// An amendment named no field to change.
    case noAmendment(RecordID)
    /// A field was "amended" to the value it already has.
    case unchangedValue(RecordID, Amendment.Field, Amendment.Value)
    /// A record was amended or reviewed in a state that no longer allows it (a done action, a
    /// completed plan): only an open action, a commissioned commission, an active plan or an
    /// open requirement changes.
    case notChangeable(RecordID, RecordState, Alteration)

    /// A PSG was created, or given a policy, for a unit that is not a partnership (`unit` is its
    /// name and `kind` its kind; nil when no unit was named and no single partnership was meant).
    case psgOutsidePartnership(unit: String?, kind: Unit.Kind?)
    /// Meetings were scheduled until a date before the first (R9).
    case scheduleEndsBeforeStart(from: Day, until: Day)
    /// Meetings were scheduled every `every` from `from` until `until`: more than `limit` at once (R9).
    case tooManyMeetings(every: Duration, from: Day, until: Day, limit: Int)

    /// A candidate was adopted, rejected or scored after it was already adopted or rejected (R3).
    case candidateDecided(RecordID, Candidate.Status)
    /// A score was given outside its scale: `scale` names it (`physical harm`, `likelihood`).
    case outOfScale(scale: String, value: Int, min: Int, max: Int)
    /// A harm factor was named that the scoring scheme does not have (`known` are those it has).
    case unknownFactor(String, known: [String])
    /// A band was named that the scoring scheme does not have (`known` are those it has).
    case unknownBand(String, known: [String])
    /// A score left out what its latest score cannot supply (there is none, or the scheme changed):
    /// `missing` names the factors, `likelihood`, `position` or `confidence`.
    case incompleteScore(RecordID, missing: [String])
    /// A rescoring changed nothing: no factor, likelihood, position or confidence was given.
    case emptyScore(RecordID)
    /// A scheme change would set a scale's top below its bottom (`min`).
    case invalidScale(String, max: Int, min: Int)
    /// A scheme change would leave no harm factor.
    case lastFactor(String)

    /// The DOMAIN.md rule the refusal enforces, when one applies.
    public var rule: Rule? {
        switch self {
        case .unknownPerson, .unknownUnit, .unknownRecord, .personLeft: return .r11
        case .duplicateUnit, .duplicatePerson, .missingText, .forbiddenInName, .nonPositiveFrequency, .notReassignable, .planNotActive, .actionNotOpen,
             .cannotServe, .reviewBeforeStart, .alreadyPresented, .cannotCancel, .cannotAssign, .noFindings,
             .handoverToSamePerson, .notAmendable, .fieldNotAmendable, .noAmendment, .unchangedValue, .notChangeable, .psgOutsidePartnership:
            return nil
        case .scheduleEndsBeforeStart, .tooManyMeetings: return .r9
        case .candidateDecided, .outOfScale, .unknownFactor, .unknownBand, .incompleteScore, .emptyScore: return .r3
        case .invalidScale, .lastFactor: return nil
        case .missingRationale(let subject): return subject.rule
        case .missingObjectives: return .r7
        case .notAllowedAt(_, let kind, let business, _): return kind == .dmm ? .r8 : business.rule
        case .meetingClosed, .closedMeetingReopened, .meetingNotYetHeld: return .r10
        case .dueBeforeMeeting, .handoverOfActivePerson: return .r6
        case .planHasOpenActions: return .r13
        case .alreadyInState(let id, _):
            switch id.kind {
            case .meeting: return .r10
            case .escalation: return .r12
            case .priority: return .r13
            default: return nil
            }
        case .tacticalRequirementWithoutPlan: return .r4
        case .alreadySuperseded: return .r5
        case .servesRetiredPriority, .amendedPriority: return .r1
        case .servesDeclinedEscalation, .meetingHasNoUnit, .noParentUnit, .notParentUnit, .cannotEscalate,
             .escalatedElsewhere, .answeredBeforeRaised:
            return .r12
        }
    }

    /// Business done at a meeting, each allowed only at some kinds of meeting.
    public enum Business: Sendable, Equatable, CaseIterable {
        /// Setting or amending the control strategy: priorities, rejected candidates, retirements (R1).
        case controlStrategy
        /// Changing a priority's owner, part of the control strategy (R1).
        case priorityOwner
        /// Approving a strategic intelligence requirement (R4).
        case strategicRequirement
        /// Setting a tactical intelligence requirement (R4).
        case tacticalRequirement
        /// Reviewing a requirement, or changing its owner (R4).
        case requirementReview
        /// Commissioning analysis (R6).
        case commission
        /// Reassigning commissioned analysis (R6).
        case commissionReassignment
        /// Creating a delivery plan (R6).
        case plan
        /// Changing a plan's owner (R6).
        case planOwner
        /// Tasking an action (R6).
        case action
        /// Reassigning an action (R6).
        case actionReassignment
        /// Commissioning an operational review (R6).
        case operationalReview
        /// Escalating to the parent unit (R12).
        case escalation
        /// Accepting or declining an escalation (R12).
        case escalationSettlement
        /// Reviewing a delivery plan against its objectives (R6).
        case planReview

        /// The rule that says where this business is done.
        public var rule: Rule {
            switch self {
            case .controlStrategy, .priorityOwner: return .r1
            case .strategicRequirement, .tacticalRequirement, .requirementReview: return .r4
            case .commission, .commissionReassignment, .plan, .planOwner, .action, .actionReassignment,
                 .operationalReview, .planReview:
                return .r6
            case .escalation, .escalationSettlement: return .r12
            }
        }
    }

    /// A record known by its name.
    public enum NamedRecord: Sendable, Equatable {
        /// A person (`add person`).
        case person
        /// A unit (`add unit`).
        case unit
    }

    /// Text without which a record cannot be made.
    public enum TextField: Sendable, Equatable {
        /// A person's name.
        case personName
        /// A priority's title.
        case priorityTitle
        /// A candidate's title.
        case candidateTitle
        /// A requirement's question, at this level.
        case requirementQuestion(Requirement.Level)
        /// A decision's text.
        case decisionText
        /// What a free-text escalation is about, going to `to`.
        case escalationMatter(to: String)
        /// A commission's title.
        case commissionTitle
        /// A product's title.
        case productTitle
        /// A plan's title.
        case planTitle
        /// An action's title.
        case actionTitle
        /// An operational review's title.
        case reviewTitle
        /// A progress note's text.
        case progressNote
        /// A plan's objectives.
        case planObjectives
        /// What a plan's review found.
        case planReviewNote
        /// A person's role.
        case personRole
        /// A person's unit.
        case personUnit
    }

    /// What a required rationale justifies.
    public enum RationaleSubject: Sendable, Equatable {
        /// Including a priority in the control strategy (R3).
        case priority
        /// Leaving a candidate out of the control strategy (R3).
        case rejectedCandidate
        /// Adopting a candidate into the control strategy (R3).
        case adoptedCandidate
        /// Scoring a candidate or a priority (R3).
        case score
        /// Retiring a priority (R13).
        case retiringPriority
        /// A decision at a meeting of this kind, an ST&CG or TT&CG (R5).
        case decision(at: Meeting.Kind)
        /// An escalation (R12).
        case escalation
        /// Declining an escalation (R12).
        case decliningEscalation
        /// Cancelling an action or a commission (R13).
        case cancelling
        /// Opening a done or cancelled action again (R13).
        case reopening
        /// Handing a person's open work over to another (R13).
        case handover
        /// Amending a record's fields (R13).
        case amendment

        /// The rule that requires the rationale.
        public var rule: Rule {
            switch self {
            case .priority, .rejectedCandidate, .adoptedCandidate, .score: return .r3
            case .retiringPriority, .cancelling, .reopening, .handover, .amendment: return .r13
            case .decision: return .r5
            case .escalation, .decliningEscalation: return .r12
            }
        }
    }

    /// The part a person was named for.
    public enum PersonRole: Sendable, Equatable, CaseIterable {
        /// A meeting's chair.
        case chair
        /// An attendee, or a partner present.
        case attendee
        /// A priority's owner.
        case priorityOwner
        /// A requirement's owner.
        case requirementOwner
        /// A commission's assignee.
        case assignee
        /// A product's author.
        case author
        /// A plan's owner.
        case planOwner
        /// An action's owner.
        case actionOwner
        /// The new owner given by an assignment.
        case owner
    }

    /// The state a record is in.
    public enum RecordState: Sendable, Equatable {
        /// A meeting's status.
        case meeting(Meeting.Status)
        /// A priority's status.
        case priority(Priority.Status)
        /// A commission's status.
        case commission(Commission.Status)
        /// A plan's status.
        case plan(Plan.Status)
        /// An action's status.
        case action(Action.Status)
        /// An escalation's status.
        case escalation(Escalation.Status)
        /// A requirement's status.
        case requirement(Requirement.Status)
    }

    /// A change that only a record still open to it takes.
    public enum Alteration: Sendable, Equatable {
        /// `amend`.
        case amendment
        /// `review plan`.
        case planReview
    }
}

/// A rule of DOMAIN.md.
public enum Rule: Int, Sendable, CaseIterable, CustomStringConvertible {
    case r1 = 1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13

    /// The rule's id, `R1` … `R13`.
    public var description: String { "R\(rawValue)" }
}

/// Something the register draws attention to without refusing the statement.
public enum DomainWarning: Sendable, Equatable {
    /// An operational review was commissioned after the plan it reviews had started, and is
    /// flagged as late (R7).
    case lateReview(RecordID, plan: RecordID, started: Day)
    /// A meeting was made of the same kind, for the same unit, on the same day as `same` (R9: the
    /// calendar flags them).
    case duplicateMeeting(RecordID, same: [RecordID])
    /// A person marked as having left still owns `work`, open (R11: owners are active people).
    case leftWithOpenWork(RecordID, name: String, work: [RecordID])
    /// A handover outside an ST&CG left a leaver's `priorities` with them: a priority's owner is
    /// changed only at an ST&CG (R1).
    case prioritiesKeptUntilSTCG(RecordID, name: String, priorities: [RecordID])

    /// The DOMAIN.md rule behind the warning.
    public var rule: Rule {
        switch self {
        case .lateReview: return .r7
        case .duplicateMeeting: return .r9
        case .leftWithOpenWork: return .r11
        case .prioritiesKeptUntilSTCG: return .r1
        }
    }
}
