#!/usr/bin/env python3
"""Generates a synthetic git history for the history/coupling benchmarks.

    bench/gen_history.py OUT_DIR [--commits 100000] [--files 20000] [--seed 1] [--bare]

Streams commits into `git fast-import` (nothing is built in memory as a whole),
then repacks into one pack like a fresh clone (`repack -adF --depth=50
--window=10`) and checks out `main` (unless --bare). Prints the time of each
step and the sizes to stderr. Deterministic: the same arguments give the same
commit ids.

Shape of the history:
- paths src/mod{0..99}/sub{0..9}/file{i}.{rs,py,ts,go,java,c}; ~5% of the files
  exist in the first commit, the rest are created over time so that every file
  has been created by the last commit; ~1% of commits delete a file and about
  half as many re-add a deleted one;
- files per commit: mostly 1-4, sometimes 5-29, ~1.5% of commits 30-200;
- which files: Zipf (weight 1/rank^1.1 over a random permutation), so a few
  files are hotspots; plus up to 200 coupled groups of 2-4 files that often
  change together;
- contents are 20-2000 lines (mean ~180) and a change replaces, inserts or
  deletes a handful of lines, so line diffs look real;
- 40 authors with power-law shares and per-author timezones, dates increasing
  from 2015-01-01; a lightweight tag v1.N.0 every 1000 commits; no merges.
"""
import argparse
import bisect
import itertools
import math
import os
import random
import subprocess
import sys
import time

EXTS = ["rs", "py", "ts", "go", "java", "c"]
FIRST = ["Ada", "Ben", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hiro",
         "Ines", "Jonas", "Kavya", "Liam", "Mei", "Nora", "Omar", "Priya",
         "Quinn", "Rosa", "Sven", "Tariq"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Silva", "Kowalski",
        "Haddad", "Murphy", "Zhang", "Schmidt", "Rossi", "Nguyen", "Ivanova"]
TZS = ["+0000", "+0100", "+0200", "+0530", "+0900", "-0300", "-0500", "-0800"]
EPOCH_2015 = 1420070400
WORDS = ["let", "value", "count", "index", "result", "buffer", "config", "node",
         "parse", "render", "update", "items", "state", "error", "handle", "key",
         "offset", "total", "name", "path", "cache", "token", "width", "height"]


def make_line_pool(rng, n):
    # Lines are drawn from a large pool of distinct-looking lines: cheap to
    # produce, rarely repeated within a file, so diffs align like real code.
    pool = []
    for i in range(n):
        ind = " " * (4 * rng.randrange(4))
        a, b, c = rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS)
        kind = rng.randrange(5)
        if kind == 0:
            s = f"{ind}{a}_{i} = {b}({c}, {rng.randrange(1000)});"
        elif kind == 1:
            s = f"{ind}if {a}.{b} > {rng.randrange(100)} {{ {c}_{i}(); }}"
        elif kind == 2:
            s = f"{ind}// {a} {b} {c} note {i}"
        elif kind == 3:
            s = f"{ind}return {a}_{i} + {b};"
        else:
            s = f"{ind}{a}.{b}_{i}({c}, \"{rng.choice(WORDS)}\");"
        pool.append(s)
    return pool


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--commits", type=int, default=100000)
    ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bare", action="store_true")
    args = ap.parse_args()
    N, F = args.commits, args.files
    rng = random.Random(args.seed)
    t0 = time.monotonic()

    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"{args.out} exists and is not empty")
    init = ["git", "init", "-q", "-b", "main"] + (["--bare"] if args.bare else [])
    subprocess.run(init + [args.out], check=True)
    gitdir = args.out if args.bare else os.path.join(args.out, ".git")

    pool = make_line_pool(rng, 50000)
    paths = [f"src/mod{rng.randrange(100)}/sub{rng.randrange(10)}/file{i}.{rng.choice(EXTS)}"
             for i in range(F)]

    # Zipf weights over a random permutation of the files; sampled by bisect
    # on the cumulative weights, rejecting files that do not exist right now.
    ranks = list(range(F))
    rng.shuffle(ranks)
    cum = list(itertools.accumulate(1.0 / (r + 1) ** 1.1 for r in ranks))
    total_w = cum[-1]

    # Coupled groups: disjoint sets of 2-4 files.
    group_of = {}
    groups = []
    members = rng.sample(range(F), min(F, 800))
    pos = 0
    while len(groups) < min(200, F // 10) and pos + 4 <= len(members):
        size = rng.randint(2, 4)
        g = members[pos:pos + size]
        pos += size
        for f in g:
            group_of[f] = len(groups)
        groups.append(g)

    names = [f"{a} {b}" for a, b in itertools.product(FIRST, LAST)]
    rng.shuffle(names)
    authors = []
    for name in names[:40]:
        email = name.lower().replace(" ", ".") + "@example.com"
        authors.append(f"{name} <{email}>".encode())
    author_tz = [rng.choice(TZS).encode() for _ in authors]
    author_w = [1.0 / (r + 1) ** 1.2 for r in range(len(authors))]

    content = {}          # file index -> list of lines, only for files that exist
    size0 = {}            # file index -> its length when (re)created
    existing = []         # file indexes that exist (list + position map for O(1) removal)
    where = {}
    deleted = []          # once created, now deleted (candidates for re-adding)
    created = 0           # files 0..created-1 have been created at least once

    def new_content():
        n = int(min(2000, max(20, rng.lognormvariate(math.log(120), 0.9))))
        return [rng.choice(pool) for _ in range(n)]

    def add(f):
        where[f] = len(existing)
        existing.append(f)
        content[f] = new_content()
        size0[f] = len(content[f])

    def remove(f):
        i = where.pop(f)
        last = existing.pop()
        if last != f:
            existing[i] = last
            where[last] = i
        del content[f]

    def edit(f):
        lines = content[f]
        # Keep the length near the file's first size: a hotspot edited tens of
        # thousands of times would otherwise random-walk up to 2000 lines and
        # blow up the stream (every change writes the whole file).
        lo, hi = max(20, 0.8 * size0[f]), min(1990, 1.25 * size0[f])
        before = lines[:]
        for _ in range(rng.randint(1, 4)):
            op = rng.randrange(3)
            p = rng.randrange(len(lines))
            if op == 1 and len(lines) > hi:
                op = 2
            elif op == 2 and len(lines) < lo:
                op = 1
            if op == 0:
                n = rng.randint(1, 3)
                lines[p:p + n] = [rng.choice(pool) for _ in range(n)]
            elif op == 1:
                lines[p:p] = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
            else:
                del lines[p:p + rng.randint(1, 3)]
        if lines == before:  # e.g. an insert undone by a delete: git would show no change
            lines.append(rng.choice(pool))

    def zipf_pick():
        for _ in range(64):
            f = bisect.bisect_left(cum, rng.random() * total_w)
            if f in where:
                return f
        return rng.choice(existing)  # early on few files exist; fall back to uniform

    # --depth=0: no deltas in fast-import. It would delta each blob against the
    # previously imported blob (another file), and repack reuses such deltas,
    # giving a pack ~6x larger than a real one; without them repack searches
    # every object and finds the real base (the file's previous version).
    # pack.compression=0: fast-import is the slow end of the pipe and zlib is
    # most of its time; `repack -F` below compresses everything once anyway.
    # The MALLOC_* settings stop glibc from returning and re-faulting zlib's
    # per-object buffers (a third of fast-import's time went to the kernel).
    env = dict(os.environ, MALLOC_TRIM_THRESHOLD_="1000000000",
               MALLOC_MMAP_THRESHOLD_="1000000000", MALLOC_TOP_PAD_="100000000")
    fi = subprocess.Popen(["git", "-c", "pack.compression=0", "--git-dir", gitdir,
                           "fast-import", "--quiet", "--done", "--depth=0"],
                          stdin=subprocess.PIPE, bufsize=1 << 20, env=env)
    w = fi.stdin.write
    t = EPOCH_2015
    initial = max(1, F * 5 // 100)
    stream_bytes = 0
    for c in range(1, N + 1):
        changed = {}      # file index -> "M" (write content) or "D"
        if c == 1:
            while created < initial:
                add(created)
                changed[created] = "M"
                created += 1
        else:
            # Creation schedule: linear from `initial` to F over the history.
            target = initial + (F - initial) * c // N
            while created < target:
                add(created)
                changed[created] = "M"
                created += 1
            if rng.random() < 0.01 and len(existing) > 1:
                f = rng.choice(existing)
                if f not in changed:
                    remove(f)
                    deleted.append(f)
                    changed[f] = "D"
            if rng.random() < 0.005 and deleted:
                f = deleted.pop(rng.randrange(len(deleted)))
                add(f)
                changed[f] = "M"
            picks = {}    # insertion-ordered set
            if groups and rng.random() < 0.12:
                picks = dict.fromkeys(f for f in rng.choice(groups)
                                      if f in where and rng.random() < 0.85)
                k = rng.randint(0, 2)
            else:
                r = rng.random()
                if r < 0.9:
                    k = rng.choices((1, 2, 3, 4), (50, 25, 15, 10))[0]
                elif r < 0.985:
                    k = rng.randint(5, 29)
                else:
                    k = int(30 * (200 / 30) ** rng.random())  # log-uniform 30..200
            want = len(picks) + min(k, len(existing))
            for _ in range(3 * k + 10):  # bounded: hotspots repeat in big commits
                if len(picks) >= want:
                    break
                f = zipf_pick()
                picks[f] = None
                g = group_of.get(f)
                if g is not None and rng.random() < 0.5:
                    picks.update((m, None) for m in groups[g] if m in where)
            if not changed and not picks:
                picks[zipf_pick()] = None  # e.g. a group commit that drew no member
            for f in picks:
                if f not in changed:
                    edit(f)
                    changed[f] = "M"

        a = rng.choices(range(len(authors)), author_w)[0]
        t += 121 + int(rng.expovariate(1 / 1800))
        who = authors[a]
        tz = author_tz[a]
        msg = f"change {c}\n".encode()
        out = [b"commit refs/heads/main\nmark :%d\n" % c,
               b"author %s %d %s\n" % (who, t - rng.randrange(120), tz),
               b"committer %s %d %s\n" % (who, t, tz),
               b"data %d\n%s" % (len(msg), msg)]
        for f in sorted(changed):
            if changed[f] == "D":
                out.append(b"D %s\n" % paths[f].encode())
            else:
                data = ("\n".join(content[f]) + "\n").encode()
                out.append(b"M 100644 inline %s\ndata %d\n" % (paths[f].encode(), len(data)))
                out.append(data)
        out.append(b"\n")
        if c % 1000 == 0:
            out.append(b"reset refs/tags/v1.%d.0\nfrom :%d\n\n" % (c // 1000, c))
        chunk = b"".join(out)
        stream_bytes += len(chunk)
        w(chunk)
    w(b"done\n")
    fi.stdin.close()
    if fi.wait() != 0:
        sys.exit("git fast-import failed")
    t1 = time.monotonic()
    print(f"fast-import: {N} commits, {F} files, {stream_bytes / 1e6:.0f} MB stream, "
          f"{t1 - t0:.1f}s", file=sys.stderr)

    # -F (implies -f): fast-import's pack holds every object whole and
    # uncompressed, and a plain `repack -ad` copies objects that are not
    # deltas as they are, without a delta search. No bitmap (a bare repo would
    # get one by default) so bare and non-bare packs match, as in a clone.
    subprocess.run(["git", "--git-dir", gitdir, "repack", "-adFq", "--depth=50", "--window=10",
                    "--no-write-bitmap-index"], check=True)
    t2 = time.monotonic()
    print(f"repack: {t2 - t1:.1f}s", file=sys.stderr)
    if not args.bare:
        # -f: the index is empty after fast-import, a plain checkout of the
        # current branch would leave every file looking deleted.
        subprocess.run(["git", "-C", args.out, "checkout", "-q", "-f", "main"], check=True)
    t3 = time.monotonic()
    pack_dir = os.path.join(gitdir, "objects", "pack")
    pack = sum(os.path.getsize(os.path.join(pack_dir, p))
               for p in os.listdir(pack_dir) if p.endswith(".pack"))
    repo = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(gitdir) for f in fs)
    print(f"checkout: {t3 - t2:.1f}s; total {t3 - t0:.1f}s; pack {pack / 1e6:.1f} MB; "
          f"git dir {repo / 1e6:.1f} MB; {len(existing)} files at HEAD", file=sys.stderr)


if __name__ == "__main__":
    main()
