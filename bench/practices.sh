#!/usr/bin/env bash
# `techlead practices` against `git log --format=%H%n%an%n%cn%n%b` (every
# commit's id, author, committer and body: what a scorecard reads from
# history) on the same repository. Appends a dated section to RESULTS.md.
#
#   bench/practices.sh REPO          # a working tree or a bare git dir
#                                    # (NAME=git/git names it in RESULTS.md)
#   bench/practices.sh --synthetic   # gen_history.py with 80,000 commits
#
# TODAY (YYYY-MM-DD) defaults to the day after HEAD's commit, so that every
# window of the scorecard (90 days, a year, the team table's two years)
# holds history: the worst case, and not a stale repository read in
# milliseconds. The working tree and a bare clone are both timed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work"
mkdir -p "$work"
if [ "${1:-}" = --synthetic ]; then
  repo="$work/synthetic80k"
  [ -d "$repo" ] || python3 "$here/gen_history.py" "$repo" --commits 80000
  name=${NAME:-"synthetic (gen_history.py --commits 80000)"}
else
  repo=$(cd "${1:?usage: bench/practices.sh REPO | --synthetic}" && pwd)
  name=${NAME:-$(basename "$repo")}
fi
runs=${RUNS:-5}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
(cd "$root" && cargo build --release --locked -q -p techlead-cli)
techlead=${TECHLEAD:-$root/target/release/techlead}
today=${TODAY:-$(date -u -d "$(git -C "$repo" log -1 --format=%cI) + 1 day" +%F)}
bare="$work/$(basename "$repo")-bare.git"
[ -d "$bare" ] || git clone -q --bare "$repo" "$bare"
export TECHLEAD_TODAY=$today
git_log="git -C $repo log --format=%H%n%an%n%cn%n%b"
ours="$techlead --repo $repo -q practices --format json"
ours_bare="$techlead --repo $bare -q practices --format json"

echo "== peak RSS" >&2
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
rss_rows="| \`git log --format=%H%n%an%n%cn%n%b\` | $(( $(rss $git_log) / 1024 )) MB |"$'\n'
rss_rows+="| \`techlead practices\` (working tree) | $(( $(rss $ours) / 1024 )) MB |"$'\n'
rss_rows+="| \`techlead practices\` (bare) | $(( $(rss $ours_bare) / 1024 )) MB |"$'\n'

echo "== timing" >&2
hyperfine --warmup 1 --runs "$runs" --export-json "$work/practices.json" \
  -n "git log --format=%H%n%an%n%cn%n%b" "$git_log" \
  -n "techlead practices (working tree)" "$ours" \
  -n "techlead practices (bare)" "$ours_bare"

commits=$(git -C "$repo" rev-list --count HEAD)
since=$(date -u -d "$today - 2 years - 3 months" +%F)
window=$(git -C "$repo" rev-list --count --since="$since" HEAD)
files=$(git -C "$repo" ls-tree -r --name-only HEAD | wc -l)
$ours > "$work/practices-report.json"
python3 - "$work/practices.json" "$name" "$commits" "$window" "$files" "$today" "$rss_rows" "$work/practices-report.json" >> "$here/RESULTS.md" <<'PY'
import datetime, json, os, platform, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
name, commits, window, files, today, rss, report = sys.argv[2:9]
score = json.load(open(report))["score"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
print(f"\n## {datetime.date.today().isoformat()}: practices on {name} ({commits} commits, {files} files)\n")
print(f"{os.cpu_count()} cores ({cpu}). TECHLEAD_TODAY={today}: {window} commits fall in the team table's "
      f"window (two years and a quarter), the whole history in `git log`'s. Score {score}.\n")
print("| command | mean | ± σ | ratio |")
print("|---|---:|---:|---:|")
base = runs["git log --format=%H%n%an%n%cn%n%b"]
for n, r in runs.items():
    print(f"| `{n}` | {r['mean']:.2f} s | {r['stddev']:.2f} s | {r['mean'] / base['mean']:.2f}× |")
print("\nPeak RSS:\n\n| command | peak RSS |\n|---|---:|")
print(rss.rstrip("\n"))
print()
PY
echo "appended to bench/RESULTS.md" >&2
