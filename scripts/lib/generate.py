#!/usr/bin/env python3
"""Writes a deterministic tcg script that builds a force's register through the language.

A force with ten BCUs meeting fortnightly: each TT&CG creates plans with PIER actions; later
TT&CGs complete or cancel some, DMMs add progress. ACTIONS sets the size.
    generate.py ACTIONS > build.tcg
"""
import sys

def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    bcus = 10
    out = []
    w = out.append
    w("add unit Force kind force")
    w("set policy Force stcg every 3mo")
    for b in range(bcus):
        w(f"add unit B{b} kind bcu parent Force")
        w(f"set policy B{b} ttcg every 2w")
        for p in range(4):
            w(f'add person "Officer {b}-{p}" unit B{b}')
    w('add person "Chief Analyst" role principal-analyst unit Force')
    w("let s = create meeting stcg on 2017-01-02 unit Force")
    w("open $s")
    for b in range(bcus):
        w(f'add priority "Priority for B{b}" owner "Officer {b}-0" rationale "Strategic assessment 2017"')
    w("close meeting")
    per_meeting = 40          # actions tasked at each TT&CG (about ten years at 100,000)
    plans_per_meeting = 4
    made = 0
    meeting = 0
    day = 0
    import datetime
    start = datetime.date(2017, 1, 9)
    while made < total:
        b = meeting % bcus
        date = start + datetime.timedelta(days=14 * (meeting // bcus))
        w(f"let t = create meeting ttcg on {date.isoformat()} unit B{b}")
        w("open $t")
        first = made + 1
        for p in range(plans_per_meeting):
            w(f'let plan = create plan "Op {meeting}-{p}" for P-{b + 1} owner "Officer {b}-{p % 4}" start {date.isoformat()}')
            for a in range(per_meeting // plans_per_meeting):
                if made >= total:
                    break
                kind = ("prevention", "intelligence", "enforcement", "reassurance")[a % 4]
                due = date + datetime.timedelta(days=7 + (a % 5) * 7)
                w(f'add action {kind} "Action {made + 1} for Op {meeting}-{p}" to $plan owner "Officer {b}-{a % 4}" due {due.isoformat()}')
                made += 1
        # Most work gets done; a little is cancelled; the rest stays open (some overdue).
        for n in range(first, made + 1):
            if n % 10 < 7:
                w(f'complete A-{n} result "done"')
            elif n % 10 == 7:
                w(f'cancel A-{n} rationale "superseded"')
            elif n % 10 == 8:
                w(f'update A-{n} progress "in hand"')
        w("close meeting")
        meeting += 1
    print("\n".join(out))

if __name__ == "__main__":
    main()
