#!/usr/bin/env bash
# adr list / adr lint on 10,000 generated records: techlead side by side with
# adrs (crates.io) and log4brains (npm), in one hyperfine run per operation.
# Writes bench/work/*.json and appends a dated section to bench/RESULTS.md.
#
#   bench/adr.sh            # builds techlead --release, installs peers if missing
#   COUNT=2000 bench/adr.sh # a smaller run
#   SKIP_LOG4BRAINS=1 bench/adr.sh  # log4brains needs ~8 minutes on 10,000 records
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work"
count=${COUNT:-10000}
mkdir -p "$work"

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
(cd "$root" && cargo build --release --locked -q -p techlead-cli)
techlead=${TECHLEAD:-$root/target/release/techlead}

# Peers, installed from their registries into bench/work (gitignored).
adrs="$work/cargo/bin/adrs"
[ -x "$adrs" ] || cargo install adrs --locked --root "$work/cargo"
l4b="$work/node/node_modules/.bin/log4brains"
[ -n "${SKIP_LOG4BRAINS:-}" ] || [ -x "$l4b" ] || npm install --silent --prefix "$work/node" log4brains

# Each peer reads only its own format, so each gets a folder in it; techlead
# runs on all of them, and on the mixed folder it is built for.
gen() {
  [ -d "$work/$1" ] || python3 "$here/gen_adrs.py" "$work/$1/$2" --count "$count" --style "$3"
  # Marks the project root, so techlead does not walk up into this repository.
  touch "$work/$1/techlead.toml"
}
gen adr-tools doc/adr adr-tools
gen log4brains docs/adr log4brains
gen mixed docs/decisions mixed
echo "doc/adr" > "$work/adr-tools/.adr-dir"
cat > "$work/log4brains/.log4brains.yml" <<'YML'
project:
  name: bench
  tz: Etc/UTC
  adrFolder: ./docs/adr
YML

run() { # name, then hyperfine arguments
  local name=$1; shift
  hyperfine --warmup 2 --min-runs 5 --export-json "$work/$name.json" "$@"
}

# After the first warmup run techlead lists the adr-tools and mixed
# folders from .techlead/cache ("warm"); log4brains runs once, cold. "cold" is
# --no-cache: every file read and parsed, as on a first run or a fresh clone.
# touch sets the ctime to now, and a record changed (mtime or ctime) less
# than 3 s before a run is not trusted, so wait that long after aging.
age_folder() { find "$1" -exec touch -d '1 hour ago' {} +; sleep 4; }
cd "$work/adr-tools"
age_folder doc/adr
run list-adr-tools \
  -n "techlead adr list" "$techlead adr list" \
  -n "techlead adr list (cold: --no-cache)" "$techlead --no-cache adr list" \
  -n "adrs list" "$adrs list"
run lint-adr-tools \
  -n "techlead adr lint" "$techlead adr lint --format json || true" \
  -n "techlead adr lint (cold: --no-cache)" "$techlead --no-cache adr lint --format json || true" \
  -n "adrs doctor" "$adrs doctor || true"
cd "$work/log4brains"
rm -f "$work/list-log4brains.json"
if [ -z "${SKIP_LOG4BRAINS:-}" ]; then
# log4brains takes minutes on 10,000 records: one run each, no warmup.
hyperfine --runs "${L4B_RUNS:-1}" --export-json "$work/list-log4brains.json" \
  -n "techlead adr list" "$techlead adr list" \
  -n "log4brains adr list --raw" "$l4b adr list --raw"
fi
cd "$work/mixed"
age_folder docs/decisions
run mixed -n "techlead adr list (mixed formats)" "$techlead adr list --format json" \
  -n "techlead adr list (mixed formats, cold)" "$techlead --no-cache adr list --format json" \
  -n "techlead adr lint (mixed formats)" "$techlead adr lint --format json || true" \
  -n "techlead adr lint (mixed formats, cold)" "$techlead --no-cache adr lint --format json || true"

python3 "$here/results.py" "$work" "$count" >> "$here/RESULTS.md"
echo "appended to bench/RESULTS.md"
