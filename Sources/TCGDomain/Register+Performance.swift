/// How the delivery of one priority is doing in one PIER strand, or in all of them (its total).
public struct StrandPerformance: Equatable, Sendable {
    /// The strand (action type); nil for the priority's total.
    public var strand: Action.PIER?
    /// Whether the priority lists the strand (`add priority … strands …`).
    public var listed: Bool
    /// Active plans: on a strand's row, those with a counted action of the strand.
    public var plansActive = 0
    /// Completed plans, counted as `plansActive` is.
    public var plansCompleted = 0
    /// Open actions.
    public var open = 0
    /// Open actions due before today.
    public var overdue = 0
    /// Done actions.
    public var done = 0
    /// Done actions completed on or before their due date.
    public var onTime = 0
    /// Done actions with a result recorded.
    public var results = 0

    /// Open and done actions (cancelled ones are not counted).
    public var actions: Int { open + done }
    /// Done actions not completed on time.
    public var late: Int { done - onTime }
    /// A strand the priority lists that has no actions: a gap in its delivery.
    public var isGap: Bool { listed && actions == 0 }
    /// Done on time as a whole percentage of done (halves up); nil when nothing is done.
    public var onTimePercent: Int? { done == 0 ? nil : (onTime * 200 + done) / (2 * done) }
}

/// How one active priority's delivery is doing: a row per strand, and its total.
public struct PriorityPerformance: Equatable, Sendable {
    /// The priority.
    public var priority: RecordID
    /// Its strands: those it lists and those it has actions in, in PIER order.
    public var strands: [StrandPerformance]
    /// All its plans and actions.
    public var total: StrandPerformance
}

extension Register {
    /// The audit line `complete A-n` writes; the day of the entry holding it is the day the action was done.
    static func doneChange(_ id: RecordID) -> String { "\(id) status open -> done" }

    /// The audit line `undo` writes, naming the entry it reverts.
    public static func undoChange(of seq: Int, _ statement: String) -> String { "undo of #\(seq): \(statement)" }

    /// The day each action was last done, from the audit trail: the register's clock on the latest
    /// entry that completed it and was not undone since.
    public static func completionDays(in trail: [AuditEntry]) -> [Int: Day] {
        var undone = Set<Int>()
        for entry in trail {
            for change in entry.changes where change.hasPrefix("undo of #") {
                let digits = change.dropFirst("undo of #".count).prefix { $0.isNumber }
                if let seq = Int(digits) { undone.insert(seq) }
            }
        }
        var days: [Int: Day] = [:]
        for entry in trail where !undone.contains(entry.seq) {
            for id in entry.ids where id.kind == .action && entry.changes.contains(doneChange(id)) {
                days[id.number] = entry.day
            }
        }
        return days
    }

    /// How the control strategy is doing: for each active priority (of `unit`, if given), its plans
    /// and the actions under them, by strand. `completed` gives the day each action was done
    /// (``completionDays(in:)``); one done without a day counts as not on time. With `since`, only
    /// actions tasked at a meeting on or after it, or done on or after it, count, and plans
    /// created since then or having such an action.
    public func performance(unit: String?, since: Day?, today: Day, completed: [Int: Day]) -> [PriorityPerformance] {
        let u = unit.map(NameText.key)
        var out: [PriorityPerformance] = []
        for p in priorities where p.status == .active && (u == nil || p.unit.map(NameText.key) == u) {
            let plans = self.plans.filter { $0.serves == p.id && $0.status != .closed }
            let numbers = Set(plans.map(\.number))
            let counted = actions.filter { a in
                guard numbers.contains(a.plan), a.status != .cancelled else { return false }
                guard let since else { return true }
                if let tasked = meetings.index(ofNumber: a.meeting).map({ meetings[$0].date }), tasked >= since { return true }
                return a.status == .done && (completed[a.number].map { $0 >= since } ?? false)
            }
            func tally(_ strand: Action.PIER?) -> StrandPerformance {
                var s = StrandPerformance(strand: strand, listed: strand.map(p.strands.contains) ?? false)
                let mine = counted.filter { strand == nil || $0.type == strand }
                for a in mine {
                    switch a.status {
                    case .open:
                        s.open += 1
                        if a.due < today { s.overdue += 1 }
                    case .done:
                        s.done += 1
                        if let day = completed[a.number], day <= a.due { s.onTime += 1 }
                        if !(a.result ?? "").trimmingSpaces.isEmpty { s.results += 1 }
                    case .cancelled:
                        break
                    }
                }
                let withActions = Set(mine.map(\.plan))
                for plan in plans {
                    let createdSince = strand == nil && (since.map { s in meetings.index(ofNumber: plan.meeting).map { meetings[$0].date >= s } ?? false } ?? true)
                    guard withActions.contains(plan.number) || createdSince else { continue }
                    if plan.status == .active { s.plansActive += 1 } else { s.plansCompleted += 1 }
                }
                return s
            }
            let strands = Action.PIER.allCases.filter { t in p.strands.contains(t) || counted.contains { $0.type == t } }
            out.append(PriorityPerformance(priority: p.id, strands: strands.map(tally), total: tally(nil)))
        }
        return out
    }
}
