#!/usr/bin/env python3
"""A second register generator for scripts/bench, shaped differently from generate.py: eight BCUs,
longer names and texts, and most of the language's changing verbs (attend, commission analysis,
requirements, assign, decide with `about`, escalate, deliver, products, present, operational
reviews and findings, progress, cancel, mark). Deterministic; prints a script of about
2.5 statements per action to stdout.

    generate_varied.py ACTIONS

The fortnights start in 2006 so that 100,000 actions' meetings are all held before the clock
scripts/bench runs with (business is recorded only at a meeting that has met, R10).
"""
import sys, datetime
total = int(sys.argv[1])
out = []
w = out.append
bcus = 8
w("add unit Force kind force")
w("set policy Force stcg every 3mo")
for b in range(bcus):
    w(f"add unit U{b} kind bcu parent Force")
    w(f"set policy U{b} ttcg every 2w")
    for p in range(6):
        w(f'add person "Person {b}.{p} Longer-Surname" role analyst unit U{b}')
w('add person "Partner Agency Lead" agency "District Council"')
w("let s = create meeting stcg on 2006-01-02 unit Force")
w("open $s")
for b in range(bcus):
    w(f'add priority "Serious violence in district {b}" owner "Person {b}.0 Longer-Surname" rationale "Threat, harm and risk assessment shows rising serious violence"')
w("close meeting")
made = 0; meeting = 0; comm = 0; prod = 0; plan = 0; esc = 0; dec = 0; rev = 0
start = datetime.date(2006, 1, 9)
while made < total:
    b = meeting % bcus
    d = start + datetime.timedelta(days=14 * (meeting // bcus))
    w(f'let t = create meeting ttcg on {d} unit U{b} chair "Person {b}.0 Longer-Surname" title "Tactical group {meeting}"')
    w("open $t")
    w(f'attend "Person {b}.1 Longer-Surname", "Person {b}.2 Longer-Surname"')
    w('attend "Partner Agency Lead" partner')
    first = made + 1
    for p in range(2):
        plan += 1
        w(f'create plan "Operation {meeting}/{p} against serious violence" for P-{b + 1} owner "Person {b}.{p + 1} Longer-Surname" start {d} review {d + datetime.timedelta(days=28)}')
        for a in range(12):
            if made >= total: break
            kind = ("prevention", "intelligence", "enforcement", "reassurance")[a % 4]
            w(f'add action {kind} "Task {made + 1}: visit premises, speak to licensees and record findings" to DP-{plan} owner "Person {b}.{a % 6} Longer-Surname" due {d + datetime.timedelta(days=7 + 7 * (a % 4))}')
            made += 1
    comm += 1
    w(f'commission analysis "Problem profile {comm}: night-time economy" product problem-profile to "Person {b}.3 Longer-Surname" due {d + datetime.timedelta(days=21)}')
    w(f'add requirement tactical "Who supplies the knives seen in district {b}?" priority P-{b + 1} plan DP-{plan} owner "Person {b}.4 Longer-Surname"')
    w(f'assign "Person {b}.5 Longer-Surname" to A-{first}')
    if meeting % 6 == 5:
        rev += 1
        w(f'commission review "Review of operation {plan}" of DP-{plan} objectives "Did the operation reduce harm?" scope crime-impact')
    dec += 1
    w(f'decide "Prioritise the operation in district {b} for this period" rationale "Most harm is concentrated there" about DP-{plan}, A-{first}')
    if meeting % 5 == 4:
        esc += 1
        w(f'escalate A-{first + 1} to Force rationale "Needs force-level resources beyond the BCU"')
    w("close meeting")
    for n in range(first, made + 1):
        r = n % 10
        if r < 6: w(f'complete A-{n} result "Completed as tasked; findings recorded on the intelligence system"')
        elif r == 6: w(f'cancel A-{n} rationale "Superseded by a new tasking at the next group"')
        elif r == 7: w(f'update A-{n} progress "Two of three premises visited; the last one is booked for next week"')
        elif r == 8: w(f'mark A-{n} official-sensitive')
    prod += 1
    w(f'deliver C-{comm} note "Delivered to the tactical group"')
    w(f'add product problem-profile "Problem profile {comm} report" author "Person {b}.3 Longer-Surname" date {d + datetime.timedelta(days=20)} for C-{comm} recommends "Target the late-night premises"')
    if meeting % 6 == 5:
        w(f'let t2 = create meeting ttcg on {d + datetime.timedelta(days=1)} unit U{b}')
        w("open $t2")
        w(f'present AS-{prod}')
        w("close meeting")
        w(f'record findings R-{rev} lessons "Early partner engagement helped" conclusions "Harm fell by a fifth"')
    meeting += 1
print("\n".join(out))
