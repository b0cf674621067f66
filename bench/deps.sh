#!/usr/bin/env bash
# `techlead deps` on a generated 100,000-package package-lock.json.
# Goal (inventory issue): under 1 s. Appends a dated line to RESULTS.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work"
count=${COUNT:-100000}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
(cd "$root" && cargo build --release --locked -q -p techlead-cli)
techlead=${TECHLEAD:-$root/target/release/techlead}
dir="$work/lock-$count"
[ -f "$dir/package-lock.json" ] || python3 "$here/gen_lockfile.py" "$dir" --count "$count"
cd "$dir"
n=$("$techlead" deps --format json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
hyperfine --warmup 2 --min-runs 10 --export-json "$work/deps.json" "$techlead deps --format json > /dev/null"
size=$(du -h --apparent-size package-lock.json | cut -f1)
python3 - "$work/deps.json" "$count" "$n" "$size" >> "$here/RESULTS.md" <<'PY'
import datetime, json, os, sys
r = json.load(open(sys.argv[1]))["results"][0]
count, n, size = sys.argv[2], sys.argv[3], sys.argv[4]
print(f"\n## {datetime.date.today().isoformat()}: deps\n")
print(f"`techlead deps --format json` on a generated package-lock.json (v3, {int(count):,} packages, {size}): "
      f"**{r['mean'] * 1000:.0f} ms** ± {r['stddev'] * 1000:.0f} ms on {os.cpu_count()} cores; "
      f"{int(n):,} packages listed (goal: under 1 s).\n")
PY
echo "appended to bench/RESULTS.md"
