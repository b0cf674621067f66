#!/usr/bin/env bash
# `techlead debt scan --format json` side by side with leasot on the same
# files of real repositories: every marker leasot finds must be one we
# find (matched by file, line and tag); the markers only we find are
# counted by class, with an example each; both are timed with hyperfine.
# Appends a dated section to bench/RESULTS.md.
#
#   bench/debt_scan.sh REPO...        # git working trees or bare git dirs
#
# Each repository is cloned into bench/work/debt/ (gitignored). The files
# are the tracked files whose extension both tools read (leasot's own
# extension table, intersected with ours), outside hidden folders; both
# tools get the same list on the command line. leasot runs with its
# default tags (TODO and FIXME, any case, where a comment opens).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work/debt"
runs=${RUNS:-10}
mkdir -p "$work"
[ "$#" -gt 0 ] || { echo "usage: $0 REPO..." >&2; exit 2; }

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
(cd "$root" && cargo build --release --locked -q -p techlead-cli)
techlead=${TECHLEAD:-$root/target/release/techlead}

node="$here/work/leasot"
[ -x "$node/node_modules/.bin/leasot" ] || npm install --silent --prefix "$node" leasot@14.4.0
leasot="$node/node_modules/.bin/leasot"
parsers="$node/node_modules/leasot/dist/lib/parsers.js"

date=$(date -u +%Y-%m-%d)
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
section="$work/section.md"
{
  echo
  echo "## $date: debt scan against leasot $(node -e "console.log(require('$node/node_modules/leasot/package.json').version)")"
  echo
  echo "Machine: $(nproc) cores, $cpu. \`bench/debt_scan.sh\` with $runs hyperfine runs each."
  echo
  echo "| repository | files | leasot | techlead | leasot's found by techlead | techlead only | leasot | techlead | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$section"
details="$work/details.md"
: > "$details"

for repo in "$@"; do
  name=$(basename "$(cd "$repo" && git rev-parse --show-toplevel 2>/dev/null || echo "$repo")" .git)
  [ "$name" = repo ] && name=$(basename "$(dirname "$(cd "$repo" && pwd)")")
  dir="$work/$name"
  [ -d "$dir" ] || git clone -q "$repo" "$dir" || true
  commit=$(git -C "$dir" log -1 --format='%h %ad' --date=short)
  # The files both tools read, present in the working tree.
  (cd "$dir" && python3 - "$parsers" > "$work/$name.files") <<'PY'
import os, re, subprocess, sys
leasot = set(re.findall(r"'(\.[A-Za-z0-9]+)':\s*\{", open(sys.argv[1]).read()))
ours = set(""".rs .py .pyi .ts .tsx .mts .cts .js .jsx .mjs .cjs .go .java .c .h .cc .cpp .cxx .hpp
.hh .hxx .cs .kt .kts .swift .scala .sc .dart .groovy .gradle .php .m .mm .proto .css .scss .less .sh
.bash .zsh .ksh .bats .yml .yaml .toml .rb .rake .gemspec .pl .pm .r .R .cmake .mk .tf .hcl .ex .exs
.jl .cfg .ini .conf .fish .dockerfile .nix .cr .md .markdown .html .htm .xml .svg .vue .svelte""".split())
files = subprocess.run(["git", "ls-files"], capture_output=True, text=True, check=True).stdout.split("\n")
for f in files:
    ext = os.path.splitext(f)[1]
    hidden = any(p.startswith(".") for p in f.split("/"))
    if f and ext in leasot and ext in ours and not hidden and os.path.isfile(f):
        print(f)
PY
  n=$(wc -l < "$work/$name.files")
  (cd "$dir" && xargs -a "$work/$name.files" "$leasot" -x --reporter json > "$work/$name.leasot.json")
  (cd "$dir" && xargs -a "$work/$name.files" "$techlead" -q debt scan --format json > "$work/$name.techlead.json")
  report=$(python3 "$here/debt_compare.py" "$dir" "$work/$name.leasot.json" "$work/$name.techlead.json" || true)
  echo "$report" | grep -v '^SUMMARY'
  summary=$(echo "$report" | grep '^SUMMARY' | sed 's/^SUMMARY //')
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/$name.hyperfine.json" \
    -n leasot "bash -c 'cd $dir && xargs -a $work/$name.files $leasot -x --reporter json'" \
    -n techlead "bash -c 'cd $dir && xargs -a $work/$name.files $techlead -q debt scan --format json'" >/dev/null
  python3 - "$name" "$commit" "$n" "$summary" "$work/$name.hyperfine.json" >> "$section" <<'PY'
import json, sys
name, commit, n, summary, hf = sys.argv[1:6]
s = json.loads(summary)
t = {r["command"]: r for r in json.load(open(hf))["results"]}
lm, tm = t["leasot"]["mean"], t["techlead"]["mean"]
only = sum(s["extra"].values())
print(f"| {name} ({commit}) | {n} | {s['leasot']} | {s['techlead']} | {s['both']} of {s['leasot']} | {only} | "
      f"{lm*1000:.0f} ms ± {t['leasot']['stddev']*1000:.0f} | {tm*1000:.0f} ms ± {t['techlead']['stddev']*1000:.0f} | {tm/lm:.3f}× |")
PY
  python3 - "$name" "$summary" >> "$details" <<'PY'
import json, sys
name, summary = sys.argv[1:3]
s = json.loads(summary)
print(f"- {name}: leasot's markers missed: **{s['missed']}**." + ("" if s["extra"] else " No marker only techlead finds."))
for c, k in sorted(s["extra"].items(), key=lambda kv: -kv[1]):
    print(f"  - {k} {c}; e.g. `{s['extra_examples'][c]}`")
PY
done

{
  echo
  echo "Ratio: techlead's mean time over leasot's (below 1 is faster); both times include"
  echo "process start (node for leasot) and reading every file of the list."
  echo
  echo "Markers only techlead finds, by class:"
  echo
  cat "$details"
} >> "$section"
cat "$section" >> "$here/RESULTS.md"
cat "$section"
