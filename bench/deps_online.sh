#!/usr/bin/env bash
# `techlead deps --online` on 2,000 locked packages (npm, crates.io, PyPI)
# against registries and OSV served on loopback with canned answers
# (crates/techlead-testing/examples/canned_services.rs): cold (`--no-cache`,
# every package asked) and warm (answers from .techlead/cache).
# Goal (issue 19): cold under 3 s. Appends a dated section to RESULTS.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work"
count=${COUNT:-2000}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
(cd "$root" && cargo build --release --locked -q -p techlead-cli && \
  cargo build --release --locked -q -p techlead-testing --example canned_services)
techlead=${TECHLEAD:-$root/target/release/techlead}
server_bin="$root/target/release/examples/canned_services"
dir="$work/online-$count"
rm -rf "$dir"
python3 "$here/gen_online.py" "$dir" --count "$count"
# The server answers until its stdin closes: a pipe we hold open.
fifo="$work/canned.fifo"
rm -f "$fifo" && mkfifo "$fifo"
"$server_bin" < "$fifo" > "$work/canned.url" &
server=$!
exec 3> "$fifo"
trap 'exec 3>&-; wait $server 2>/dev/null; rm -f "$fifo"' EXIT
for _ in $(seq 50); do [ -s "$work/canned.url" ] && break; sleep 0.1; done
url=$(head -1 "$work/canned.url")
export TECHLEAD_REGISTRY_CRATES=$url TECHLEAD_REGISTRY_NPM=$url TECHLEAD_REGISTRY_PYPI=$url TECHLEAD_OSV_URL=$url
cd "$dir"
# Every package answered (a run against a server that stopped would be
# fast and wrong): checked before the timed runs and again after them.
answered() {
  "$techlead" deps --online --no-cache --quiet --format json | python3 -c "
import json, sys
rows = json.load(sys.stdin)
assert all(r['vulnerabilities'] is not None and r['behind'] is not None for r in rows), 'unanswered rows'
print(len(rows), sum(1 for r in rows if r['vulnerabilities']))"
}
n=$(answered)
hyperfine --warmup 1 --min-runs 10 --export-json "$work/deps_online.json" \
  -n cold "$techlead deps --online --no-cache --quiet --format json > /dev/null" \
  -n warm "$techlead deps --online --quiet --format json > /dev/null"
[ "$(answered)" = "$n" ] || { echo "the canned services stopped answering during the runs" >&2; exit 1; }
python3 - "$work/deps_online.json" "$count" $n >> "$here/RESULTS.md" <<'PY'
import datetime, json, os, platform, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
count, listed, vulnerable = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
cpu = "unknown CPU"
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except (OSError, StopIteration):
    pass
print(f"\n## {datetime.date.today().isoformat()}: deps --online\n")
print(f"Machine: {os.cpu_count()} cores, {cpu}, Linux {platform.release()}.\n")
print(f"`techlead deps --online --format json` on {count:,} locked packages (1,000 npm, 500 crates.io, "
      f"500 PyPI; {vulnerable} with a canned advisory), services on loopback "
      "(`bench/deps_online.sh`): 2,000 registry documents, 3 OSV batch queries, one details request "
      "per advisory, on 16 threads.\n")
print("| run | mean | ± σ |\n|---|---:|---:|")
for name, what in [("cold", "cold (`--no-cache`: every package asked)"), ("warm", "warm (answers from `.techlead/cache`)")]:
    r = results[name]
    print(f"| {what} | {r['mean'] * 1000:.0f} ms | {r['stddev'] * 1000:.0f} ms |")
print(f"\n{listed:,} packages listed, every one answered (goal: cold under 3 s).")
PY
echo "appended to bench/RESULTS.md"
