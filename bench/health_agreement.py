#!/usr/bin/env python3
"""Per-function agreement between `techlead health` and lizard 1.17.

    health_agreement.py TREE [--lizard LIZARD] [--techlead BIN] [--examples N]

Runs `techlead health --format json --top 0` on TREE (a checkout: its
.gitignore applies, installed packages and build output are left out,
as for users), then lizard (`lizard --csv`, one thread) on exactly the
files techlead measured in the languages both read (.py .ts .tsx .js .jsx
.mjs .cjs .go .java .rs; techlead also reads .pyi .mts .cts, lizard does
not). Functions are matched by (file, start line) in both directions; for
matched ones it reports how many have equal complexity, NLOC and
parameter count, and prints examples of every kind of difference.
Prints a summary block (for bench/RESULTS.md) and the timings of both.

LIZARD defaults to `lizard` on PATH (e.g. a venv with lizard==1.17.*),
BIN to target/release/techlead (`cargo build --release -p techlead-cli`).
"""
import argparse
import collections
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time

EXTS = (".py", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".go", ".java", ".rs")


def run_lizard(lizard, tree, files):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as lst:
        lst.write("\n".join(files) + "\n")
    start = time.perf_counter()
    res = subprocess.run(
        [lizard, "--csv", "-t", "1", "-f", lst.name],
        cwd=tree, capture_output=True, text=True,
    )
    secs = time.perf_counter() - start
    os.unlink(lst.name)
    rows = []
    for r in csv.reader(io.StringIO(res.stdout)):
        if len(r) < 11 or not r[0].isdigit():
            continue
        # Lizard does not quote a long name with commas in it: read the
        # lines from the end of the row.
        nloc, ccn, _tokens, params, _length, _loc, file, name = r[:8]
        start_l, end_l = r[-2], r[-1]
        rows.append({
            "file": os.path.normpath(file), "name": name, "line": int(start_l),
            "end_line": int(end_l), "complexity": int(ccn), "nloc": int(nloc),
            "params": int(params),
        })
    return rows, secs


def run_ours(binary, tree):
    """The command as users run it, on the whole tree: its functions and
    the files it measured."""
    args = [binary, "--repo", tree, "health", "--format", "json", "--top", "0"]
    start = time.perf_counter()
    res = subprocess.run(args, capture_output=True, text=True, check=True)
    secs = time.perf_counter() - start
    doc = json.loads(res.stdout)
    files = [f["file"] for f in doc["files"]]
    rows = []
    for r in doc["functions"]:
        r["file"] = os.path.normpath(r["file"])
        rows.append(r)
    return rows, files, secs, res.stderr.strip()


def match(ours, theirs):
    by_key = collections.defaultdict(list)
    for r in theirs:
        by_key[(r["file"], r["line"])].append(r)
    pairs, only_ours = [], []
    for r in ours:
        lst = by_key.get((r["file"], r["line"]))
        if lst:
            pairs.append((r, lst.pop(0)))
        else:
            only_ours.append(r)
    only_theirs = [r for lst in by_key.values() for r in lst]
    return pairs, only_ours, only_theirs


JS_EXTS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs")
SUSPECT = set(".()<>[]:'\" ")
KEYWORDS = {"if", "for", "while", "switch", "catch", "async", "function", "return"}


def misparsed_files(theirs):
    """JS/TS files where lizard names a function after something no
    declaration can be named by: a call (`z.literal`), a keyword (`for`),
    a bracket (`>`). Lizard's reader lost track of the code there."""
    bad = set()
    for r in theirs:
        name = r["name"]
        if name == "(anonymous)":
            continue
        if r["file"].endswith(JS_EXTS) and (SUSPECT & set(name) or name in KEYWORDS):
            bad.add(r["file"])
    return bad


def summary(label, pairs, ours, theirs):
    n = len(pairs)
    same = {k: sum(1 for o, t in pairs if o[k] == t[k]) for k in ("complexity", "nloc", "params")}
    print(f"{label}: functions techlead {len(ours)}, lizard {len(theirs)}, matched by (file, line) {n}")
    print(f"  lizard's found by techlead: {pct(n, len(theirs)):.2f}%")
    print(f"  techlead's found by lizard: {pct(n, len(ours)):.2f}%")
    for k, v in same.items():
        print(f"  equal {k}: {v}/{n} = {pct(v, n):.2f}%")


def pct(a, b):
    return 100.0 * a / b if b else 100.0


def where(r):
    return f"{r['file']}:{r['line']}-{r['end_line']} {r['name'] or '<literal>'}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tree")
    ap.add_argument("--lizard", default="lizard")
    ap.add_argument("--techlead", default=os.path.join(
        os.path.dirname(__file__), "..", "target", "release", "techlead"))
    ap.add_argument("--examples", type=int, default=8)
    ap.add_argument("--json", help="write every difference to this file")
    a = ap.parse_args()
    tree = os.path.abspath(a.tree)
    ours, measured, our_secs, our_stats = run_ours(a.techlead, tree)
    files = [f for f in measured if f.endswith(EXTS)]
    keep = set(os.path.normpath(f) for f in files)
    ours = [r for r in ours if r["file"] in keep]
    theirs, lizard_secs = run_lizard(a.lizard, tree, files)
    pairs, only_ours, only_theirs = match(ours, theirs)
    size = sum(os.path.getsize(os.path.join(tree, f)) for f in files)
    print(f"tree: {a.tree}  files: {len(files)} (of {len(measured)} techlead measured)  bytes: {size}")
    summary("all files", pairs, ours, theirs)
    bad = misparsed_files(theirs)
    if bad:
        keep = lambda rows: [r for r in rows if r["file"] not in bad]
        clean_pairs = [(o, t) for o, t in pairs if o["file"] not in bad]
        summary(f"without the {len(bad)} files lizard visibly misparsed",
                clean_pairs, keep(ours), keep(theirs))
    print(f"time: lizard {lizard_secs:.2f} s (one thread, the compared files), "
          f"techlead health {our_secs:.3f} s (whole tree, all cores) -> {our_secs / lizard_secs:.4f}x")
    if our_stats:
        print(f"  techlead: {our_stats}")
    ex = a.examples
    print(f"\nonly techlead ({len(only_ours)}):")
    for r in only_ours[:ex]:
        print("  " + where(r))
    print(f"only lizard ({len(only_theirs)}):")
    for r in only_theirs[:ex]:
        print("  " + where(r))
    for k in ("complexity", "nloc", "params"):
        diffs = [(o, t) for o, t in pairs if o[k] != t[k]]
        print(f"{k} differs ({len(diffs)}):")
        for o, t in diffs[:ex]:
            print(f"  {where(o)}: techlead {o[k]}, lizard {t[k]}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({
                "only_techlead": only_ours, "only_lizard": only_theirs,
                "differ": [{"techlead": o, "lizard": t} for o, t in pairs
                           if any(o[k] != t[k] for k in ("complexity", "nloc", "params"))],
            }, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
