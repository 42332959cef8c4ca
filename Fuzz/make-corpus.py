#!/usr/bin/env python3
"""Remakes the committed seed corpus of the fuzz targets (Fuzz/README.md).

    Fuzz/make-corpus.py PATH/TO/tcg

parse: the spec's worked example, the golden scripts (with `run "X.inc"` inlined, since the
fuzz target's `run` reads the input itself), the examples, and hostile inputs.
workspace: workspaces saved by tcg (snapshots and journals on top of Fuzz/workspace-base.json,
which it also writes), and a selection of the JSON parsing test suite.
"""
import os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
GOLDEN = os.path.join(ROOT, "Tests", "TCGEndToEndTests", "Fixtures", "golden")
SUITE = os.path.join(SHARED, "data", "json-test-suite", "test_parsing")


def inline(path, depth=0):
    """The script at path with each `run "X"` line replaced by X's text."""
    out = []
    folder = os.path.dirname(path)
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'\s*run\s+"([^"]+)"\s*$', line)
            if m and depth < 4 and os.path.exists(os.path.join(folder, m.group(1))):
                out.append(inline(os.path.join(folder, m.group(1)), depth + 1))
            else:
                out.append(line)
    return "".join(out)


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(folder, name), mode) as f:
        f.write(data)


def parse_corpus(out):
    shutil.rmtree(out, ignore_errors=True)
    write(out, "spec-partnership-cycle.tcg", inline(os.path.join(SHARED, "spec", "examples", "partnership-cycle.tcg")))
    for name in sorted(os.listdir(GOLDEN)):
        if name.endswith(".tcg"):
            write(out, "golden-" + name, inline(os.path.join(GOLDEN, name)))
    for name in sorted(os.listdir(os.path.join(ROOT, "examples"))):
        if name.endswith(".tcg"):
            write(out, "example-" + name, inline(os.path.join(ROOT, "examples", name)))
    # Hostile inputs (kept small: the fuzzer's inputs are at most 128 KiB).
    write(out, "hostile-deep-parens.tcg", "if " + "(" * 5000 + "1" + ")" * 5000 + " > 0 { echo 1 }\n")
    write(out, "hostile-deep-lists.tcg", "echo " + "[" * 5000 + "]" * 5000 + "\n")
    write(out, "hostile-deep-blocks.tcg", "if 1 = 1 { " * 2000 + "echo 1" + " }" * 2000 + "\n")
    write(out, "hostile-unclosed.tcg", "echo " + "([{" * 3000 + "\n")
    write(out, "hostile-not-chain.tcg", "assert " + "not " * 20000 + "1 = 1\n")
    write(out, "hostile-nul.tcg", b'add unit A\x00B kind force\necho "x\x00y"\n\x00\x00\x00\n')
    write(out, "hostile-invalid-utf8.tcg", b'add person "Caf\xc3\x28 \xff\xfe" unit East\necho "\xed\xa0\x80"\n\xf4\x90\x80\x80\n')
    write(out, "hostile-overlong-utf8.tcg", b'echo "\xc0\xaf\xe0\x80\xaf"\n')
    write(out, "hostile-long-line.tcg", "echo \"" + "x" * 60000 + "\"\n")
    write(out, "hostile-long-word.tcg", "a" * 60000 + "\n")
    write(out, "hostile-many-statements.tcg", "echo 1;" * 8000 + "\n")
    write(out, "hostile-run-self.tcg", 'echo "again"\nrun "self.tcg"\n')
    write(out, "hostile-run-twice.tcg", 'run "a.tcg"\nrun "b.tcg"\n')
    write(out, "hostile-loops.tcg", "for $a in [1,2,3,4,5,6,7,8,9,10] { for $b in [1,2,3,4,5,6,7,8,9,10] { for $c in [1,2,3,4,5,6,7,8,9,10] { let x = $a } } }\n")
    write(out, "hostile-numbers.tcg", "echo 99999999999999999999999999 -9223372036854775808 9223372036854775807\nadvance 99999999999999999d\nset today 9999-12-31\nadvance 1d\nlist actions where due < today+9223372036854775807d limit 9223372036854775807\n")
    write(out, "hostile-ids.tcg", "show A-99999999999999999999\nshow A-0\nshow A--1\ncomplete A-9223372036854775807\n")
    write(out, "hostile-continuation.tcg", "echo 1 \\\n\\\n\\\n")
    write(out, "hostile-cr.tcg", "echo 1\r\necho \"a\r\nb\"\r\r\r")
    write(out, "hostile-escapes.tcg", 'echo "\\q \\u0000 \\\\ \\" \\n \\t \\"\n')
    write(out, "hostile-dates.tcg", "create meeting stcg on 2027-02-29\ncreate meeting stcg on 0000-00-00\ncreate meeting stcg on 2027-13-01\nset today 2024-02-29\nadvance 1mo\n")
    write(out, "hostile-vars.tcg", "let a = $a\necho $a$a$a \"$a $b ${c}\"\nfor $x in $x { echo $x }\n")


def tcg(binary, workspace, *args, stdin=None):
    env = dict(os.environ, USER="fuzz", SOURCE_DATE_EPOCH="1800000000")
    for key in ("TCG_WORKSPACE", "TCG_TODAY", "TCG_USER"):
        env.pop(key, None)
    result = subprocess.run([binary, "--workspace", workspace, *args], input=stdin, capture_output=True, env=env)
    if result.returncode not in (0, 1):
        sys.exit(f"tcg {args} failed ({result.returncode}): {result.stderr.decode(errors='replace')}")
    return result


def workspace_corpus(binary, out):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    with tempfile.TemporaryDirectory() as tmp:
        small = os.path.join(tmp, "small.json")
        tcg(binary, small, "-c", 'add unit Westshire kind force; add person "Sgt Bea Cole" unit Westshire')
        shutil.copy(small, os.path.join(out, "saved-small.json"))
        # The base: the spec's worked example run as one script (one snapshot, no journal).
        base = os.path.join(tmp, "base.json")
        with open(os.path.join(SHARED, "spec", "examples", "partnership-cycle.tcg"), "rb") as f:
            tcg(binary, base, "--today", "2027-03-20", stdin=f.read())
        shutil.copy(base, os.path.join(HERE, "workspace-base.json"))
        shutil.copy(base, os.path.join(out, "saved-partnership-cycle.json"))
        # Journals on the base: small changes of many kinds, each its own line.
        changes = [
            'add unit North kind bcu parent Westshire',
            'add person "PC Journal One" unit North role analyst agency "Council"',
            'set today 2027-04-01',
            'advance 2w',
            'set today off',
        ]
        for c in changes:
            tcg(binary, base, "-c", c)
        if os.path.exists(base + ".journal"):
            with open(base + ".journal", "rb") as f:
                journal = f.read()
            write(out, "journal-partnership-cycle.journal", journal)
            write(out, "journal-torn-tail.journal", journal[:-7])
        # A bigger register from the generator, saved as a snapshot.
        script = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "lib", "generate.py"), "40"],
                                capture_output=True, check=True).stdout
        generated = os.path.join(tmp, "generated.json")
        tcg(binary, generated, stdin=script)
        shutil.copy(generated, os.path.join(out, "saved-generated-40.json"))
        # Golden cycles (full-cycle, r12-escalation, r05-supersede): every kind of record.
        for name in ("full-cycle.tcg", "r12-escalation.tcg", "r05-supersede.tcg", "r07-late-review-flagged.tcg"):
            path = os.path.join(tmp, name + ".json")
            tcg(binary, path, stdin=inline(os.path.join(GOLDEN, name)).encode())
            if os.path.exists(path):
                shutil.copy(path, os.path.join(out, "saved-" + name.replace(".tcg", ".json")))
    # The JSON test suite: a selection (the structure and string edge cases, every n_ of size < 4 KiB is too many).
    picks = [n for n in sorted(os.listdir(SUITE))
             if n.startswith(("n_structure", "i_", "y_structure", "n_string", "y_string_utf8", "n_number", "y_object"))
             and os.path.getsize(os.path.join(SUITE, n)) < 4096]
    for n in picks[::3]:
        shutil.copy(os.path.join(SUITE, n), os.path.join(out, "suite-" + n))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    parse_corpus(os.path.join(HERE, "corpus", "parse"))
    workspace_corpus(os.path.abspath(sys.argv[1]), os.path.join(HERE, "corpus", "workspace"))
