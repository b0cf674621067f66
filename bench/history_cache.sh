#!/usr/bin/env bash
# The history cache (.techlead/cache/history.bin), on one repository:
#   - cold: `history revisions --no-cache` (the walk itself) against
#     `git log --name-only --no-renames` (goal: at most 0.8x on git/git);
#   - warm: `history revisions` with the cache written by a previous run
#     (goal on git/git: at most 0.1x `git log --name-only`);
#   - the full report, first run with no cache at all, then the second run
#     after one new commit (goal on a large Python repository: at most 0.2x).
# Every answer is checked first: the cached JSON of `history summary` must be
# the uncached one.
#
#   [NAME=label] [RUNS=3] [REPORT=0] bench/history_cache.sh REPO   # a working tree
#
# REPO gets one commit on a branch `techlead-bench` for the second report run;
# the branch is deleted and the checkout put back at the end. Appends a dated
# section to RESULTS.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work"
mkdir -p "$work"
repo=$(cd "${1:?usage: bench/history_cache.sh REPO}" && pwd)
name=${NAME:-$(basename "$repo")}
runs=${RUNS:-3}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
(cd "$root" && cargo build --release --locked -q -p techlead-cli)
techlead=${TECHLEAD:-$root/target/release/techlead}
tl="$techlead --repo $repo -q"
cd "$repo"
start=$(git rev-parse --abbrev-ref HEAD)
[ "$start" = HEAD ] && start=$(git rev-parse HEAD)
cleanup() { git checkout -q "$start"; git branch -q -D techlead-bench 2>/dev/null || true; }
trap cleanup EXIT
commits=$(git rev-list --count --no-merges HEAD)
files=$(git ls-files | wc -l)

echo "== agreement" >&2
rm -f .techlead/cache/history.bin
$tl history summary --format json --no-cache > "$work/hc-plain.json"
$tl history summary --format json > "$work/hc-cold.json"
$tl history summary --format json > "$work/hc-warm.json"
cmp -s "$work/hc-plain.json" "$work/hc-cold.json" && cmp -s "$work/hc-plain.json" "$work/hc-warm.json" \
  || { echo "DIFFERENT: diff $work/hc-plain.json $work/hc-warm.json" >&2; exit 1; }
cache_size=$(du -h --apparent-size .techlead/cache/history.bin | cut -f1)

echo "== walk, cold and warm" >&2
hyperfine --warmup 1 --runs "$runs" --export-json "$work/hc-walk.json" \
  -n git "git -c core.quotepath=off log --no-renames --no-merges --name-only --format=%h > /dev/null" \
  -n cold "$tl history revisions --no-cache > /dev/null" \
  -n warm "$tl history revisions > /dev/null" \
  -n summary-cold "$tl history summary --no-cache > /dev/null" \
  -n summary-warm "$tl history summary > /dev/null"

report_rows=""
if [ "${REPORT:-1}" = 1 ]; then
  echo "== report: first run, then after one new commit" >&2
  out=$(mktemp --suffix=.html)
  first=() second=()
  for _ in $(seq "$runs"); do
    git checkout -q "$start"; git branch -q -D techlead-bench 2>/dev/null || true
    rm -rf .techlead/cache
    t0=$(date +%s.%N); $tl report --no-snapshot --out "$out"; t1=$(date +%s.%N)
    git checkout -q -b techlead-bench
    echo "# bench $(date +%s%N)" >> README.md 2>/dev/null || echo x > techlead-bench.txt
    git add -A -- . ':!.techlead' && git -c user.name=bench -c user.email=bench@example.com commit -q -m bench
    t2=$(date +%s.%N); $tl report --no-snapshot --out "$out"; t3=$(date +%s.%N)
    first+=("$(echo "$t1 - $t0" | bc)") second+=("$(echo "$t3 - $t2" | bc)")
  done
  rm -f "$out"
  report_rows="${first[*]};${second[*]}"
fi

python3 - "$work/hc-walk.json" "$name" "$commits" "$files" "$cache_size" "$report_rows" >> "$here/RESULTS.md" <<'PY'
import datetime, json, os, platform, statistics, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
name, commits, files, size, report = sys.argv[2:7]
# hyperfine gives no stddev for a single run.
ms = lambda r: f"{r['mean'] * 1000:.0f} ms ± {(r['stddev'] or 0) * 1000:.0f}"
git = runs["git"]["mean"]
print(f"\n## {datetime.date.today().isoformat()}: history cache on {name} ({int(commits):,} non-merge commits, {int(files):,} files)\n")
print(f"Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, load average {os.getloadavg()[0]:.1f} at the end (shared). `bench/history_cache.sh REPO`; cached and uncached `history summary` JSON equal. Cache file: {size}.\n")
print("| command | mean | / git log |\n|---|---:|---:|")
for key, label in [("git", "`git log --no-renames --no-merges --name-only`"),
                   ("cold", "`history revisions --no-cache` (the walk, cold)"),
                   ("warm", "`history revisions` (warm cache)"),
                   ("summary-cold", "`history summary --no-cache`"),
                   ("summary-warm", "`history summary` (warm cache)")]:
    print(f"| {label} | {ms(runs[key])} | {runs[key]['mean'] / git:.2f}x |")
print(f"\nWarm / cold walk: **{runs['warm']['mean'] / runs['cold']['mean']:.2f}x**; warm summary / cold summary: **{runs['summary-warm']['mean'] / runs['summary-cold']['mean']:.2f}x**.")
if report:
    first, second = ([float(x) for x in part.split()] for part in report.split(";"))
    f, s = statistics.mean(first), statistics.mean(second)
    print(f"\n`techlead report --no-snapshot`, first run with no `.techlead/cache`: {f * 1000:.0f} ms; the second, after one new commit: {s * 1000:.0f} ms (runs: {', '.join(f'{a * 1000:.0f}/{b * 1000:.0f}' for a, b in zip(first, second))}). Second / first: **{s / f:.2f}x** (goal: at most 0.2x).")
PY
echo "appended to bench/RESULTS.md"
