#!/usr/bin/env python3
"""code-maat's `revisions` and `coupling` analyses, reimplemented on git log.

    git -C REPO -c core.quotepath=off log --no-renames --no-merges --format='--%h' --name-only \\
      | bench/codemaat_coupling.py revisions|coupling [--min-revs 5] [--min-shared-revs 5] \\
          [--min-coupling 30] [--max-coupling 100] [--max-changeset-size 30]
    bench/codemaat_coupling.py --self-test

A line starting with `--` starts a change set; the non-empty lines after it are
its files (a file listed twice counts once). Output is code-maat's CSV.

revisions: every change set counts; rows by n-revs descending, entity ascending.

coupling: change sets with more than --max-changeset-size files are dropped
first; revisions and shared revisions are counted over the rest only.
For each unordered pair (entity < coupled):
    average-revs = (revs(entity) + revs(coupled)) / 2
    degree       = trunc(100 * shared / average-revs)
kept if average-revs >= min-revs, shared >= min-shared-revs and
min-coupling <= degree <= max-coupling. average-revs is printed rounded up.
Rows by degree descending, then the printed (rounded-up) average-revs
descending, as code-maat orders its finished rows; then entity, coupled.
All arithmetic is on integers (2 * average-revs = revs(a) + revs(b)), so no
float rounding can move a pair across a threshold.
"""
import argparse
import collections
import csv
import io
import itertools
import signal
import sys


def change_sets(lines):
    """Yields each commit's files as a sorted tuple of distinct paths."""
    files = None
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("--"):
            if files is not None:
                yield tuple(sorted(files))
            files = set()
        elif line and files is not None:
            files.add(line)
    if files is not None:
        yield tuple(sorted(files))


def revisions(sets):
    revs = collections.Counter()
    for files in sets:
        revs.update(files)
    rows = sorted(revs.items(), key=lambda kv: (-kv[1], kv[0]))
    return [("entity", "n-revs")] + rows


def coupling(sets, min_revs=5, min_shared_revs=5, min_coupling=30, max_coupling=100,
             max_changeset_size=30):
    revs = collections.Counter()
    shared = collections.Counter()
    for files in sets:
        if len(files) > max_changeset_size:
            continue
        revs.update(files)
        # files are sorted, so every pair comes out as (smaller, larger).
        shared.update(itertools.combinations(files, 2))
    rows = []
    for (a, b), n in shared.items():
        sum_revs = revs[a] + revs[b]          # = 2 * average-revs
        degree = 200 * n // sum_revs          # = trunc(100 * n / average-revs)
        if (sum_revs >= 2 * min_revs and n >= min_shared_revs
                and min_coupling <= degree <= max_coupling):
            rows.append((degree, sum_revs, a, b))
    # code-maat orders its finished rows, whose average-revs is already
    # rounded up, by degree and average-revs; names break the remaining ties.
    rows.sort(key=lambda r: (-r[0], -((r[1] + 1) // 2), r[2], r[3]))
    out = [("entity", "coupled", "degree", "average-revs")]
    out += [(a, b, degree, (sum_revs + 1) // 2) for degree, sum_revs, a, b in rows]
    return out


def to_csv(rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


SELF_TEST_LOG = """--c1
a
b
--c2
a
b
c

--c3
a
c
--c4
b
a
a
--c5
d
--c6
p
q
--c7
q
p
--c8
x
y
--c9
x
y
--c10
y
x
"""

# Worked out by hand from SELF_TEST_LOG:
# revs a=4 (c1-c4) b=3 (c1,c2,c4; a listed twice in c4 counts once) c=2 d=1
# p=2 q=2 x=3 y=3. Shared: ab=3 ac=2 bc=1 pq=2 xy=3.
#   ab: avg 3.5 -> degree trunc(300/3.5=85.7)=85, printed 4
#   ac: avg 3   -> trunc(66.7)=66, printed 3
#   bc: avg 2.5 -> 40, printed 3
#   pq: avg 2 -> 100; xy: avg 3 -> 100 (xy first: same degree, larger average)
SELF_TESTS = [
    ("revisions", {}, "entity,n-revs\na,4\nb,3\nx,3\ny,3\nc,2\np,2\nq,2\nd,1\n"),
    ("coupling", dict(min_revs=1, min_shared_revs=1),
     "entity,coupled,degree,average-revs\n"
     "x,y,100,3\np,q,100,2\na,b,85,4\na,c,66,3\nb,c,40,3\n"),
    # default thresholds: nothing has 5 revisions
    ("coupling", {}, "entity,coupled,degree,average-revs\n"),
    # avg >= 3 drops bc (2.5) and pq (2), keeps ac (exactly 3); shared >= 2;
    # degree <= 90 drops xy (100).
    ("coupling", dict(min_revs=3, min_shared_revs=2, max_coupling=90),
     "entity,coupled,degree,average-revs\na,b,85,4\na,c,66,3\n"),
    # max 2 files drops c2 (3 files) but not c4 (3 lines, 2 distinct files):
    # revs a=3 b=2 c=1; ab: shared 2, avg 2.5 -> 80, printed 3;
    # ac: shared 1, avg 2 -> 50, kept by the inclusive min-coupling 50.
    ("coupling", dict(min_revs=1, min_shared_revs=1, min_coupling=50, max_changeset_size=2),
     "entity,coupled,degree,average-revs\n"
     "x,y,100,3\np,q,100,2\na,b,80,3\na,c,50,2\n"),
]


def self_test():
    failed = 0
    for analysis, opts, want in SELF_TESTS:
        sets = change_sets(io.StringIO(SELF_TEST_LOG))
        got = to_csv(revisions(sets) if analysis == "revisions" else coupling(sets, **opts))
        if got != want:
            failed += 1
            print(f"FAIL {analysis} {opts}\n--- want\n{want}--- got\n{got}", file=sys.stderr)
    print(f"self-test: {len(SELF_TESTS) - failed}/{len(SELF_TESTS)} passed", file=sys.stderr)
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("analysis", nargs="?", choices=["revisions", "coupling"])
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--min-revs", type=int, default=5)
    ap.add_argument("--min-shared-revs", type=int, default=5)
    ap.add_argument("--min-coupling", type=int, default=30)
    ap.add_argument("--max-coupling", type=int, default=100)
    ap.add_argument("--max-changeset-size", type=int, default=30)
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    if not args.analysis:
        ap.error("an analysis (revisions or coupling) or --self-test is required")
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet exit when piped into head
    # Paths are bytes to git; surrogateescape carries non-UTF-8 names through.
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape",
                             newline="\n")
    sys.stdout.reconfigure(encoding="utf-8", errors="surrogateescape")
    sets = change_sets(stdin)
    if args.analysis == "revisions":
        rows = revisions(sets)
    else:
        rows = coupling(sets, args.min_revs, args.min_shared_revs, args.min_coupling,
                        args.max_coupling, args.max_changeset_size)
    csv.writer(sys.stdout, lineterminator="\n").writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
