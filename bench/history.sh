#!/usr/bin/env bash
# `techlead history revisions` against `git log --name-only` on a real
# repository, with renames off (where every per-file number must be equal:
# the script checks it) and on. Appends a dated section to RESULTS.md.
#
#   bench/history.sh /path/to/repo   # a working tree or a bare git dir
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
repo=${1:?usage: bench/history.sh REPO}
work="$here/work"
mkdir -p "$work"
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
(cd "$root" && cargo build --release --locked -q -p techlead-cli)
techlead=${TECHLEAD:-$root/target/release/techlead}
cd "$work"
"$techlead" --repo "$repo" -q history revisions --no-renames --all-files --format csv > hist-ours.csv
git -C "$repo" log --no-renames --no-merges --format= --name-only > hist-git.txt
agree=$(python3 - <<'PY'
import collections
ours = {}
for l in open("hist-ours.csv").read().splitlines()[1:]:
    e, n = l.rsplit(",", 1)
    ours[e.strip('"')] = int(n)
theirs = collections.Counter(l for l in open("hist-git.txt").read().splitlines() if l)
diff = [k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k)]
print(f"{len(theirs)} files, {len(diff)} differing")
PY
)
commits=$(git -C "$repo" rev-list --no-merges --count HEAD)
hyperfine --warmup 2 --min-runs 10 --export-json "$work/history.json" \
  -n "techlead history revisions --no-renames" "$techlead --repo $repo -q history revisions --no-renames --all-files --format csv" \
  -n "git log --no-renames --name-only" "git -C $repo log --no-renames --no-merges --format= --name-only" \
  -n "techlead history revisions (renames)" "$techlead --repo $repo -q history revisions --all-files --format csv" \
  -n "git log --name-only (renames)" "git -C $repo log --no-merges --format= --name-only"
python3 - "$work/history.json" "$(basename "$(dirname "$repo")")" "$commits" "$agree" >> "$here/RESULTS.md" <<'PY'
import datetime, json, os, sys
results = json.load(open(sys.argv[1]))["results"]
name, commits, agree = sys.argv[2], sys.argv[3], sys.argv[4]
print(f"\n## {datetime.date.today().isoformat()}: history on {name} ({commits} non-merge commits)\n")
print(f"{os.cpu_count()} cores. Per-file revisions with renames off against `git log --no-renames`: {agree}.\n")
print("| command | mean | ± σ |")
print("|---|---:|---:|")
for r in results:
    print(f"| `{r['command']}` | {r['mean'] * 1000:.1f} ms | {r['stddev'] * 1000:.1f} ms |")
print()
PY
echo "appended to bench/RESULTS.md"
