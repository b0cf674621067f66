#!/usr/bin/env bash
# `techlead report` against the commands it composes, run side by side on the
# same repository: `history summary`, `boundaries check` and `deps`.
# Goal (issue 16): the full report at most 1.3x the sum of the three.
#
#   [NAME=label] bench/report.sh [REPO]   REPO: a working tree (default: this repository)
#
# The report runs with --no-snapshot (the database is not touched) and writes
# to a temporary file. Appends a dated section to RESULTS.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work"
mkdir -p "$work"
repo=$(cd "${1:-$root}" && pwd)
name=${NAME:-$(basename "$repo")}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
[ -n "${TECHLEAD:-}" ] || (cd "$root" && cargo build --release --locked -q -p techlead-cli)
techlead=${TECHLEAD:-$root/target/release/techlead}
out=$(mktemp --suffix=.html)
trap 'rm -f "$out"' EXIT
cd "$repo"
commits=$(git rev-list --count --no-merges HEAD)
files=$(git ls-files | wc -l)
# boundaries check exits 1 on violations; the time is what matters here.
hyperfine --warmup 1 --min-runs 5 -i --export-json "$work/report.json" \
  -n report "$techlead report --no-snapshot --quiet --out $out" \
  -n history "$techlead history summary > /dev/null" \
  -n boundaries "$techlead boundaries check > /dev/null" \
  -n deps "$techlead deps > /dev/null"
size=$(du -h --apparent-size "$out" | cut -f1)
python3 - "$work/report.json" "$name" "$commits" "$files" "$size" >> "$here/RESULTS.md" <<'PY'
import datetime, json, os, platform, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
name, commits, files, size = sys.argv[2:6]
ms = lambda r: f"{r['mean'] * 1000:.0f} ms ± {r['stddev'] * 1000:.0f}"
parts = sum(runs[k]["mean"] for k in ("history", "boundaries", "deps"))
print(f"\n## {datetime.date.today().isoformat()}: report on {name} ({int(commits):,} non-merge commits, {int(files):,} files)\n")
print(f"Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, load average {os.getloadavg()[0]:.1f} at the end (shared). `bench/report.sh REPO`.\n")
print("| command | mean |\n|---|---:|")
for key, label in [("report", f"`techlead report --no-snapshot` ({size} of HTML)"),
                   ("history", "`techlead history summary`"),
                   ("boundaries", "`techlead boundaries check`"),
                   ("deps", "`techlead deps`")]:
    print(f"| {label} | {ms(runs[key])} |")
print(f"\nReport / (history + boundaries + deps): **{runs['report']['mean'] / parts:.2f}x** (goal: at most 1.3x).")
PY
echo "appended to bench/RESULTS.md"
