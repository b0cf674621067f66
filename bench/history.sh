#!/usr/bin/env bash
# `techlead history` against git itself and the peers, on one repository,
# side by side in one run. Appends a dated section to RESULTS.md.
#
#   bench/history.sh REPO          # a working tree or a bare git dir
#                                  # (NAME=git/git names it in RESULTS.md)
#   bench/history.sh --synthetic   # a generated history (gen_history.py:
#                                  # 100k commits, 20k files, power-law)
#
# Before timing anything it checks, with renames off, that:
#   - `revisions` and `coupling` equal bench/codemaat_coupling.py (code-maat's
#     published algorithm, written independently) on `git log --name-only`;
#   - `entity-churn` equals `git log --numstat` summed per file.
# Then it times, with hyperfine:
#   - revisions, coupling and main-dev-by-revs against `git log --name-only`;
#   - entity-churn against `git log --numstat`;
# records each command's peak RSS, and times PyDriller (per-file churn) and
# git-fame (per-author insertions and deletions) against author-churn and
# entity-churn over the newest PEER_COMMITS commits (default 2000): both
# peers run git once per commit and would take hours on a whole large
# history.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work"
mkdir -p "$work"
if [ "${1:-}" = --synthetic ]; then
  repo="$work/synthetic"
  [ -d "$repo" ] || python3 "$here/gen_history.py" "$repo"
else
  repo=$(cd "${1:?usage: bench/history.sh REPO | --synthetic}" && pwd)
fi
peer_commits=${PEER_COMMITS:-2000}
runs=${RUNS:-3}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
[ -x "$work/venv/bin/git-fame" ] || {
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q pydriller==2.12 git-fame==4.2.1
}
(cd "$root" && cargo build --release --locked -q -p techlead-cli)
techlead=${TECHLEAD:-$root/target/release/techlead}
tl="$techlead --repo $repo -q history"
git_log="git -C $repo -c core.quotepath=off log --no-renames --no-merges"
cd "$work"

echo "== agreement" >&2
$tl revisions --no-renames --all-files --format csv > hist-ours-revisions.csv
$tl coupling --no-renames --all-files --format csv > hist-ours-coupling.csv
$git_log --format=--%h --name-only > hist-git-names.txt
python3 "$here/codemaat_coupling.py" revisions < hist-git-names.txt > hist-maat-revisions.csv
python3 "$here/codemaat_coupling.py" coupling < hist-git-names.txt > hist-maat-coupling.csv
same() { # the same rows, in the same order
  if cmp -s "$1" "$2"; then echo "equal ($(($(wc -l < "$1") - 1)) rows)"; else echo "DIFFERENT: diff $1 $2"; fi
}
agree_revisions=$(same hist-ours-revisions.csv hist-maat-revisions.csv)
agree_coupling=$(same hist-ours-coupling.csv hist-maat-coupling.csv)
$tl entity-churn --no-renames --all-files --format csv > hist-ours-churn.csv
$git_log --format= --numstat > hist-git-numstat.txt
agree_churn=$(python3 - <<'PY'
import collections
ours = {}
for l in open("hist-ours-churn.csv", encoding="utf-8").read().splitlines()[1:]:
    e, a, d, c = l.rsplit(",", 3)
    ours[e.strip('"')] = (int(a), int(d), int(c))
theirs = collections.defaultdict(lambda: [0, 0, 0])
for l in open("hist-git-numstat.txt", encoding="utf-8", errors="replace").read().splitlines():
    if l:
        a, d, f = l.split("\t", 2)
        t = theirs[f]
        t[0] += 0 if a == "-" else int(a)
        t[1] += 0 if d == "-" else int(d)
        t[2] += 1
diff = [k for k in set(ours) | set(theirs) if ours.get(k) != tuple(theirs.get(k, ()))]
print(f"{len(theirs)} files, {len(diff)} differing" + (f" (e.g. {sorted(diff)[:3]})" if diff else ""))
PY
)
echo "revisions: $agree_revisions; coupling: $agree_coupling; churn: $agree_churn" >&2

echo "== peak RSS" >&2
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
rss_rows=""
for a in revisions coupling main-dev-by-revs entity-churn; do
  rss_rows+="| \`techlead history $a --no-renames\` | $(( $(rss $tl $a --no-renames --all-files --format csv) / 1024 )) MB |"$'\n'
done
rss_rows+="| \`git log --no-renames --name-only\` | $(( $(rss $git_log --format= --name-only) / 1024 )) MB |"$'\n'
rss_rows+="| \`git log --no-renames --numstat\` | $(( $(rss $git_log --format= --numstat) / 1024 )) MB |"$'\n'

echo "== timing" >&2
hyperfine --warmup 1 --runs "$runs" --export-json "$work/history.json" \
  -n "git log --no-renames --name-only" "$git_log --format= --name-only" \
  -n "techlead history revisions" "$tl revisions --no-renames --all-files --format csv" \
  -n "techlead history coupling" "$tl coupling --no-renames --all-files --format csv" \
  -n "techlead history main-dev-by-revs" "$tl main-dev-by-revs --no-renames --all-files --format csv" \
  -n "git log --no-renames --numstat" "$git_log --format= --numstat" \
  -n "techlead history entity-churn" "$tl entity-churn --no-renames --all-files --format csv"

echo "== peers on the newest $peer_commits commits" >&2
since=$(git -C "$repo" log --no-merges -n "$peer_commits" --format=%cI | tail -1)
# PyDriller (GitPython) finds a bare repository only through GIT_DIR.
git_dir=$(git -C "$repo" rev-parse --absolute-git-dir)
cat > pydriller_churn.py <<'PY'
# Per-file lines added and deleted, as PyDriller's users compute churn.
import collections, sys
from pydriller import Repository
churn = collections.Counter()
for c in Repository(sys.argv[1], since=__import__("datetime").datetime.fromisoformat(sys.argv[2]),
                    only_no_merge=True).traverse_commits():
    for m in c.modified_files:
        churn[m.new_path or m.old_path] += m.added_lines + m.deleted_lines
print(len(churn))
PY
hyperfine --warmup 0 --runs 1 --export-json "$work/history-peers.json" \
  -n "techlead history entity-churn (window)" "$tl entity-churn --since ${since:0:10} --all-files --format csv" \
  -n "PyDriller per-file churn (window)" "env GIT_DIR=$git_dir $work/venv/bin/python pydriller_churn.py $repo $since" \
  -n "techlead history author-churn (window)" "$tl author-churn --since ${since:0:10} --all-files --format csv" \
  -n "git-fame --loc=ins,del (window)" "$work/venv/bin/git-fame --loc=ins,del --since $since --format csv $repo"

commits=$(git -C "$repo" rev-list --no-merges --count HEAD)
files=$(git -C "$repo" ls-tree -r --name-only HEAD | wc -l)
python3 - "$work/history.json" "$work/history-peers.json" "${NAME:-$(basename "$repo")}" "$commits" "$files" \
  "$agree_revisions" "$agree_coupling" "$agree_churn" "$rss_rows" "$peer_commits" >> "$here/RESULTS.md" <<'PY'
import datetime, json, os, platform, sys
main = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
peers = json.load(open(sys.argv[2]))["results"]
name, commits, files, a_rev, a_coup, a_churn, rss, peer_commits = sys.argv[3:11]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
print(f"\n## {datetime.date.today().isoformat()}: history on {name} ({commits} non-merge commits, {files} files)\n")
print(f"{os.cpu_count()} cores ({cpu}). With renames off, against the independent code-maat script on "
      f"`git log --no-renames --name-only`: revisions {a_rev}, coupling {a_coup}. "
      f"entity-churn against `git log --no-renames --numstat`: {a_churn}.\n")
print("| command | mean | ± σ | ratio |")
print("|---|---:|---:|---:|")
for base, names in [("git log --no-renames --name-only", ["techlead history revisions", "techlead history coupling", "techlead history main-dev-by-revs"]),
                    ("git log --no-renames --numstat", ["techlead history entity-churn"])]:
    b = main[base]
    print(f"| `{base}` | {b['mean']:.2f} s | {b['stddev']:.2f} s | 1.00 |")
    for n in names:
        r = main[n]
        print(f"| `{n} --no-renames` | {r['mean']:.2f} s | {r['stddev']:.2f} s | {r['mean'] / b['mean']:.2f}× |")
print("\nPeak RSS:\n\n| command | peak RSS |\n|---|---:|")
print(rss.rstrip("\n"))
print(f"\nPeers on the newest {peer_commits} commits (one run each):\n")
print("| command | time | ratio |")
print("|---|---:|---:|")
for ours, peer in [(peers[0], peers[1]), (peers[2], peers[3])]:
    print(f"| `{ours['command']}` | {ours['mean']:.2f} s | |")
    print(f"| `{peer['command']}` | {peer['mean']:.2f} s | techlead {ours['mean'] / peer['mean']:.3f}× |")
print()
PY
echo "appended to bench/RESULTS.md" >&2
