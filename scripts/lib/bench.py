#!/usr/bin/env python3
"""Measures tcg's performance figures beside their anchors, in one run, and prints a table.

Called by scripts/bench with the tcg binary's path. Registers are generated through the
language itself (scripts/lib/generate.py), deterministically.
"""
import json, os, platform, re, shutil, statistics, subprocess, sys, tempfile, time

TCG = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix="tcg-bench-")
rows = []

def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)

def hyperfine(commands, runs=10):
    """Mean seconds of each command, measured side by side by hyperfine."""
    out = os.path.join(work, "hf.json")
    args = ["hyperfine", "-N", "--warmup", "3", "-r", str(runs), "--export-json", out] + commands
    r = run(args)
    if r.returncode != 0:
        sys.exit("hyperfine failed: " + r.stderr)
    with open(out) as f:
        return [x["mean"] for x in json.load(f)["results"]]

def max_rss_kb(cmd, stdin=None):
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, input=stdin, capture_output=True, text=True)
    return int(r.stderr.strip().splitlines()[-1])

def row(figure, tcg, anchor, ratio, goal, met):
    rows.append((figure, tcg, anchor, ratio, goal, "met" if met else "NOT met"))

def build(actions, generator="generate.py"):
    name = os.path.splitext(generator)[0]
    script = os.path.join(work, f"{name}{actions}.tcg")
    with open(script, "w") as f:
        subprocess.run([sys.executable, os.path.join(HERE, generator), str(actions)], stdout=f, check=True)
    statements = sum(1 for line in open(script) if line.strip())
    ws = os.path.join(work, f"w{actions}.json" if generator == "generate.py" else f"{name}{actions}.json")
    # Other programs' unwritten data (a build just before, the script just generated) would be
    # flushed by tcg's fsync on ext4 and counted as tcg's: write it out first.
    os.sync()
    t = time.monotonic()
    r = subprocess.run([TCG, "--workspace", ws, "--today", "2026-11-22", "run", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - t
    if r.returncode != 0:
        sys.exit(f"building the {actions}-action register failed:\n{r.stderr}")
    return ws, script, statements, elapsed

def sqlite_anchor(statements):
    """sqlite3 running the same number of INSERTs in one transaction, for orientation."""
    sql = os.path.join(work, "anchor.sql")
    with open(sql, "w") as f:
        f.write("create table actions(id integer primary key, title text, owner text, due text, status text);\nbegin;\n")
        for i in range(statements):
            f.write(f"insert into actions(title, owner, due, status) values ('Action {i}', 'Officer {i % 40}', '2027-03-{i % 28 + 1:02d}', 'open');\n")
        f.write("commit;\n")
    db = os.path.join(work, f"anchor{statements}.db")
    if os.path.exists(db):
        os.remove(db)
    os.sync()
    t = time.monotonic()
    subprocess.run(["sqlite3", db], stdin=open(sql), check=True)
    return time.monotonic() - t

def commit_times(ws):
    """Median and worst time of 100 single-record statements at the prompt (`--interactive`, `set timer on`)."""
    r = run([TCG, "--workspace", ws, "--format", "csv", "-c", "list actions where status = open limit 100"])
    ids = [line.split(",")[0] for line in r.stdout.splitlines()[1:]]
    lines = ["set timer on"] + [f'update {i} progress "bench {n}"' for n, i in enumerate(ids)]
    r = subprocess.run([TCG, "--workspace", ws, "--interactive"], input="\n".join(lines) + "\n", capture_output=True, text=True)
    times = [float(m) for m in re.findall(r"^time: ([0-9.]+) ms$", r.stderr, re.M)][1:]
    if len(times) < 50:
        sys.exit("commit timing failed:\n" + r.stderr[-2000:])
    return statistics.median(times), max(times), len(times)

def fsync_anchor():
    """A durable one-line journal append (O_APPEND, write, fsync): median over 100, in ms."""
    path = os.path.join(work, "fsync.log")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    times = []
    for i in range(100):
        t = time.perf_counter()
        os.write(fd, b'{"seq": %d, "line": "one record"}\n' % i)
        os.fsync(fd)
        times.append((time.perf_counter() - t) * 1000)
    os.close(fd)
    return statistics.median(times)

def main():
    for tool in ("hyperfine", "jq", "sqlite3"):
        if not shutil.which(tool):
            sys.exit(f"scripts/bench needs {tool} (apt-get install {tool})")
    print(f"tcg benchmark on {platform.node()}: {os.cpu_count()} cores, {platform.platform()}", file=sys.stderr)

    # 3. Scripts: statements per second building the registers (save included).
    # The second generator uses most of the other changing verbs, with longer texts.
    for actions, generator, what in ((10000, "generate.py", ""), (100000, "generate.py", ""),
                                     (100000, "generate_varied.py", "varied ")):
        ws, script, statements, elapsed = build(actions, generator)
        rate = statements / elapsed
        anchor = sqlite_anchor(statements)
        row(f"script builds {what}{actions:,}-action register", f"{statements:,} stmts in {elapsed:.2f} s = {rate:,.0f}/s",
            f"sqlite3 {statements:,} inserts: {anchor:.2f} s", f"{elapsed / anchor:.2f}x", ">= 100,000 stmts/s", rate >= 100000)
    big = os.path.join(work, "w100000.json")
    size = os.path.getsize(big) / 1e6

    # 1. Query: count actions where overdue vs jq length.
    q, j = hyperfine([f"{TCG} --workspace {big} -c 'count actions where overdue'", f"jq length {big}"], runs=10)
    row(f"query `count actions where overdue` ({size:.0f} MB)", f"{q * 1000:.0f} ms", f"jq length: {j * 1000:.0f} ms",
        f"{q / j:.2f}", "<= 0.20x jq", q / j <= 0.2)

    # 2. Commit at the prompt.
    median, worst, n = commit_times(big)
    anchor = fsync_anchor()
    row("commit one record at the prompt (median of %d)" % n, f"{median:.2f} ms (worst {worst:.2f})",
        f"append+fsync: {anchor:.2f} ms", f"{median / anchor:.1f}x", "<= 5 ms", median <= 5)

    # 4. Start on a small workspace.
    small = os.path.join(work, "small.json")
    run([TCG, "--workspace", small, "-c", "add unit Westshire kind force"])
    s, a = hyperfine([f"{TCG} --workspace {small} -c 'count units'", "sqlite3 :memory: 'select 1'"], runs=100)
    row("start: `count units`, small workspace", f"{s * 1000:.1f} ms", f"sqlite3 select 1: {a * 1000:.1f} ms",
        f"{s / a:.2f}", "<= 2x sqlite3", s / a <= 2)

    # 5. Memory: the 100,000-action register open at the prompt.
    rss = max_rss_kb([TCG, "--workspace", big, "--interactive"], stdin="count actions where overdue\nlist actions where status = open limit 1\n")
    jq_rss = max_rss_kb(["jq", "length", big])
    row("memory: 100,000-action register open at the prompt", f"{rss / 1024:.0f} MB", f"jq length: {jq_rss / 1024:.0f} MB",
        f"{rss / jq_rss:.2f}", "< 150 MB", rss < 150 * 1024)

    headers = ("figure", "tcg", "anchor", "ratio", "goal", "met?")
    widths = [max(len(str(r[k])) for r in rows + [headers]) for k in range(6)]
    def line(r): return "| " + " | ".join(str(r[k]).ljust(widths[k]) for k in range(6)) + " |"
    print(line(headers))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if all(r[5] == "met" for r in rows) else 1)

main()
