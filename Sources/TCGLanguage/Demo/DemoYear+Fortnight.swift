import TCGDomain

/// A BCU's fortnight: the IUM the day before its TT&CG, the TT&CG, and the DMMs the day after and
/// a week later; and the year's one-off events.
extension DemoYear {
    /// The unit's streams under way on day `d`, each with its operation for the current quarter.
    func operations(of unit: String, on d: Day) -> [(stream: Int, op: DemoOperation)] {
        DemoCast.streams.enumerated().compactMap { i, s in
            guard s.unit == unit, Self.day(s.from) <= d, stcgHeld > 0, !s.operations.isEmpty else { return nil }
            return (i, s.operations[min(stcgHeld, s.operations.count) - 1])
        }
    }

    /// The IUM: the analyst's tactical assessment for tomorrow's TT&CG, and analysis due back.
    func ium(_ b: DemoBCU, _ k: Int, _ d: Day) {
        set(d)
        w("open \(meeting("ium", b.unit, d))")
        w("attend \(Self.quoted([b.analyst, b.officer]))")
        let focus = operations(of: b.unit, on: d).first?.op.focus ?? []
        let recommends = focus.isEmpty ? "Keep the current plans" : focus[k % focus.count]
        w("add product tactical-assessment \"\(b.unit) tactical assessment, \(d)\" author \"\(b.analyst)\" date \(d) recommends \"\(recommends)\"")
        let ta = take("AS")
        tacticalAssessment[b.unit] = ta
        w("present AS-\(ta)")
        let due = commissions.filter { $0.unit == b.unit && $0.due <= d.adding(days: 1) }
        for c in due {
            w("add product results-analysis \"\(c.title)\" author \"\(b.analyst)\" date \(d) for C-\(c.number) recommends \"\(b.results)\"")
            w("present AS-\(take("AS"))")
            w("deliver C-\(c.number) note \"Presented at the IUM on \(d)\"")
        }
        commissions.removeAll { c in due.contains { $0.number == c.number } }
        if b.unit == "East" && d == Self.day("2027-03-02") {
            w("let profile = add product problem-profile \"County lines problem profile\" author \"Jo Park\" date 2027-03-01 for C-1 recommends \"Two lines supply Westshire; target the addresses on the Elms estate\"")
            _ = take("AS")
            w("present $profile")
            w("deliver C-1 note \"Presented at East's IUM; goes to the April ST&CG\"")
        }
        if b.unit == "East" && d == Self.teachingDay.adding(days: -1) {
            w("decide \"Recommend a station-area patrol plan to the TT&CG\" rationale \"Evening ASB rising again near the station\"")
        }
        w("close meeting")
    }

    /// The TT&CG: work due is reported back, each plan reviewed (or completed at the quarter's
    /// turn and the next one created), new actions tasked, analysis commissioned.
    func ttcg(_ b: DemoBCU, _ k: Int, _ d: Day) {
        set(d)
        let m = meeting("ttcg", b.unit, d)
        w("open \(m)")
        w("attend \(Self.quoted([b.manager, b.analyst, b.officer, b.sergeant]))")
        w("attend \"\(b.partner)\" partner")
        let ta = tacticalAssessment[b.unit] ?? 0
        w("present AS-\(ta)")
        reportBack(b.unit, at: m, on: d, tactical: true)
        if b.unit == "East" && k == 6 {
            w("review requirement IR-1 status answered note \"Two groups named by the intelligence gathering under Op Lantern\"")
        }
        if b.unit == "East" && k == 13 {
            w("review requirement IR-\(sentinelRequirement) status answered note \"Three cuckooed addresses found and the tenants safeguarded\"")
        }
        for (si, op) in operations(of: b.unit, on: d) {
            if let plan = plans[si], plan.name != op.name { closeOut(si, plan, at: m, into: op.name) }
            let plan: Int
            if let current = plans[si] {
                plan = current.number
                let review = op.reviews[k % op.reviews.count]
                w("review plan DP-\(plan) outcome \(review.outcome) note \"\(review.note)\" next \(d.adding(days: 14))")
            } else {
                plan = take("DP")
                plans[si] = (plan, op.name)
                w("create plan \"\(op.name)\" for \(op.priority) owner \"\(owner(op.owner, on: d))\" start \(d.adding(days: 1)) review \(d.adding(days: 14)) objectives \"\(op.objectives)\"")
                w("decide \"Task \(op.name)\" rationale \"Serves the control strategy; tactical assessment AS-\(ta)\" about DP-\(plan)")
                opened(op.name, plan: plan)
            }
            task(si, op, plan: plan, on: d)
        }
        if b.unit == "East" && k == 1, let lantern = plans[0] {
            w("amend DP-\(lantern.number) objectives \"Cut evening ASB calls in the town centre by a fifth by the end of March\" rationale \"Figures agreed with East District Council\" at \(m)")
        }
        if b.unit == "East" && k == 5 {
            w("let fair = escalate \"Public order cover for the May fair\" to Westshire rationale \"Beyond the BCU's resources: 20,000 visitors expected\"")
        }
        if k % 4 == 1, let op = operations(of: b.unit, on: d).first?.op {
            let title = "\(b.unit) results analysis: \(op.name)"
            w("commission analysis \"\(title)\" product results-analysis to \"\(b.analyst)\" due \(d.adding(days: 27))")
            commissions.append((take("C"), b.unit, d.adding(days: 27), title))
        }
        w("decide \"Adopt the IUM's recommendations\" rationale \"Tactical assessment AS-\(ta)\" about AS-\(ta)")
        w("close meeting")
    }

    /// What a new plan brings with it: Op Sentinel a tactical requirement, Op Beacon an
    /// operational review commissioned before it starts (R7).
    private func opened(_ name: String, plan: Int) {
        if name == "Op Sentinel" {
            w("add requirement tactical \"Which addresses has the line cuckooed?\" plan DP-\(plan) owner \"DS Kim Ng\"")
            sentinelRequirement = take("IR")
        }
        if name == "Op Beacon" {
            w("let review = commission review \"Op Beacon review\" of DP-\(plan) objectives \"Did the bus station patrols and the survey's changes cut evening ASB calls?\" scope crime-impact")
        }
    }

    /// A quarter's plan ends: what is still open under it is carried forward (cancelled with why,
    /// R13), it is reviewed against its objectives and completed at the TT&CG.
    private func closeOut(_ si: Int, _ plan: (number: Int, name: String), at m: String, into next: String) {
        for a in open where a.stream == si {
            w("cancel A-\(a.number) rationale \"Carried forward into \(next)\"")
        }
        open.removeAll { $0.stream == si }
        let old = DemoCast.streams[si].operations.first { $0.name == plan.name }
        let closing = old?.closing ?? "Objectives met"
        w("review plan DP-\(plan.number) outcome \(old?.outcome ?? "met") note \"\(closing)\"")
        w("complete DP-\(plan.number) result \"\(closing)\" at \(m)")
        w("decide \"Complete \(plan.name)\" rationale \"\(closing)\" about DP-\(plan.number)")
        plans[si] = nil
    }

    /// Tasks the operation's next actions, each due the set number of days after the TT&CG.
    private func task(_ si: Int, _ op: DemoOperation, plan: Int, on d: Day) {
        var numbers: [Int] = []
        for due in op.dues {
            let t = op.tasks[(cursor[si] ?? 0) % op.tasks.count]
            cursor[si] = (cursor[si] ?? 0) + 1
            w("add action \(t.type) \"\(t.title)\" to DP-\(plan) owner \"\(owner(t.owner, on: d))\" due \(d.adding(days: due))")
            let n = take("A")
            open.append(Tracked(number: n, unit: DemoCast.streams[si].unit, stream: si, due: d.adding(days: due), task: t))
            numbers.append(n)
        }
        lastTasked[si] = numbers
    }

    /// Work due by day `d` is reported at the meeting: done (completed at it), delayed once (a
    /// progress note; it goes overdue), or, at a TT&CG, now and then overtaken by events. In the
    /// week before the teaching day the DMMs record only delays.
    private func reportBack(_ unit: String, at m: String, on d: Day, tactical: Bool) {
        var done: Set<Int> = []
        for i in open.indices where open[i].unit == unit && open[i].due <= d {
            let a = open[i]
            if tactical && !a.delayed && a.number % 13 == 6 {
                w("cancel A-\(a.number) rationale \"Overtaken by events: the problem moved; the IUM recommends a new focus\"")
                done.insert(a.number)
            } else if (!tactical && d >= Self.lastWeek) || (!a.delayed && a.number % 5 == 2) {
                if !a.delayed {
                    let reasons = DemoCast.council.contains(a.task.owner) ? Self.councilDelays : Self.policeDelays
                    let why = d >= Self.lastWeek ? reasons[0] : reasons[a.number % reasons.count]
                    w("update A-\(a.number) progress \"Delayed: \(why)\" at \(m)")
                }
                open[i].delayed = true
            } else {
                w("complete A-\(a.number) result \"\(a.task.result)\" at \(m)")
                done.insert(a.number)
            }
        }
        open.removeAll { done.contains($0.number) }
    }

    /// The DMM: work due is reported back; the day after the TT&CG, the new work is under way and
    /// now and then a fast-track decision is taken; due dates move when plans change.
    func dmm(_ b: DemoBCU, _ k: Int, _ d: Day, afterTTCG: Bool) {
        set(d)
        let m = meeting("dmm", b.unit, d)
        w("open \(m)")
        w("attend \(Self.quoted([b.sergeant, b.officer]))")
        reportBack(b.unit, at: m, on: d, tactical: false)
        let streams = operations(of: b.unit, on: d).map(\.stream)
        if d >= Self.lastWeek {
            w("decide \"Fast-track: report the delayed actions to the TT&CG\" rationale \"Officers abstracted to the derby; contractors rebooked\"")
        }
        if afterTTCG {
            for si in streams {
                if let first = open.first(where: { $0.number == lastTasked[si]?.first }) {
                    w("update A-\(first.number) progress \"Under way: \(Self.underWay[first.task.type] ?? "started")\" at \(m)")
                }
            }
            let f = b.fastTrack[k % b.fastTrack.count]
            w("decide \"\(f.text)\" rationale \"\(f.rationale)\"")
            // Due dates moved: West's in May, East's a fortnight before the teaching day.
            for move in [(unit: "West", k: 9, days: 8), (unit: "East", k: 19, days: 7)] where move.unit == b.unit && move.k == k {
                guard let si = streams.first, let n = lastTasked[si]?.last, let i = open.firstIndex(where: { $0.number == n }) else { continue }
                open[i].due = open[i].due.adding(days: move.days)
                let why = DemoCast.council.contains(open[i].task.owner) ? "The contractor can only come the following week"
                    : "Officers abstracted to the derby; moved to the following week"
                w("modify A-\(n) due \(open[i].due) rationale \"\(why)\" at \(m)")
            }
        }
        w("close meeting")
    }

    /// Why work is late, the first of each in the week before the teaching day.
    static let policeDelays = ["officers abstracted to the Westshire derby", "officers abstracted to a missing-person search",
                               "the owner was on a training course"]
    static let councilDelays = ["the council's contractor is booked for next week", "waiting for the landlord's consent"]

    /// What the DMM hears of new work the day after the TT&CG, by PIER strand.
    static let underWay = [
        "prevention": "visits booked with the residents", "intelligence": "sources and debriefs tasked",
        "enforcement": "briefed to the shifts", "reassurance": "venue and leaflets booked",
    ]

    /// An officer leaves in June: marked as left, their open work handed over (R11, R13).
    func leave() {
        set(Self.day(DemoCast.leaver.day))
        w("update person \"\(DemoCast.leaver.name)\" status left")
        w("handover \"\(DemoCast.leaver.name)\" to \"\(DemoCast.leaver.successor)\" rationale \"Dan transferred to roads policing; Amy takes his town-centre work\"")
    }

    /// Op Beacon's operational review reports.
    func findings() {
        set(Self.day("2027-07-21"))
        w("record findings $review lessons \"Start patrols an hour earlier, before the groups gather\" good-practice \"Joint patrols with council wardens\" conclusions \"ASB calls at the bus station down 31% over the operation\" recommendations \"Repeat the joint patrols in the summer holidays\"")
    }
}
