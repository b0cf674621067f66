#!/usr/bin/env bash
# Does the MCP server (issue 18, ADR 0023) slow down the other commands?
# Times `techlead --version`, `adr list` on this repository's own records
# and `adr list` on 1,000 generated records with three release builds,
# interleaved round by round (interleave.py) so a shared machine's load is
# the same for each:
#   before: BASE (default: the merge base with main, before the server),
#   after:  this tree's default build (with `techlead mcp`: tokio, hyper, rmcp),
#   no-mcp: this tree built with --no-default-features (without them).
# Appends a dated section to bench/RESULTS.md.
#
#   bench/mcp_startup.sh
#   BASE=main ROUNDS=300 bench/mcp_startup.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work/mcp_startup"
rounds=${ROUNDS:-200}
base=$(git -C "$root" rev-parse --short "${BASE:-$(git -C "$root" merge-base HEAD main)}")
head=$(git -C "$root" rev-parse --short HEAD)
mkdir -p "$work"

# One target folder for the three builds, so the dependencies they share
# are built once; each binary is copied out before the next build.
export CARGO_TARGET_DIR="$root/target"
build() { # name, manifest, cargo flags...
  local name=$1 manifest=$2; shift 2
  cargo build --release --locked -q -p techlead-cli --manifest-path "$manifest" "$@"
  cp "$CARGO_TARGET_DIR/release/techlead" "$work/techlead-$name"
}
# Cargo names a workspace crate's artifacts the same in both trees (the
# hash is relative to the workspace root) and would take one tree's for
# the other's: after the base is built, its crates go.
forget() { # manifest
  local pkgs
  pkgs=$(cargo metadata --manifest-path "$1" --no-deps --format-version 1 --locked |
    python3 -c 'import json, sys; print(" ".join("-p " + p["name"] for p in json.load(sys.stdin)["packages"]))')
  # shellcheck disable=SC2086
  cargo clean --release -q --manifest-path "$1" $pkgs
}
# The base's sources, extracted once per commit (a fresh extraction would
# make cargo rebuild the workspace crates).
if [ "$(cat "$work/base-src/.commit" 2>/dev/null)" != "$base" ]; then
  rm -rf "$work/base-src" && mkdir -p "$work/base-src"
  git -C "$root" archive "$base" | tar -x -C "$work/base-src"
  echo "$base" > "$work/base-src/.commit"
fi
forget "$root/Cargo.toml"
build before "$work/base-src/Cargo.toml"
forget "$work/base-src/Cargo.toml"
build no-mcp "$root/Cargo.toml" --no-default-features
build after "$root/Cargo.toml"
# The server is really in one build and not in the other.
"$work/techlead-after" mcp --help >/dev/null
if "$work/techlead-no-mcp" mcp --help >/dev/null 2>&1; then
  echo "the --no-default-features build still has techlead mcp" >&2; exit 1
fi

[ -d "$work/records" ] || python3 "$here/gen_adrs.py" "$work/records/docs/decisions" --count 1000 --style mixed
touch "$work/records/techlead.toml"

bins="before=$work/techlead-before after=$work/techlead-after no-mcp=$work/techlead-no-mcp"
time_it() { # title, rounds, techlead arguments...
  local title=$1 n=$2; shift 2
  printf '\n`techlead %s`, %s rounds:\n\n```text\n' "$title" "$n"
  BINS="$bins" ROUNDS="$n" PRECISION=2 python3 "$here/interleave.py" "$@"
  printf '```\n'
}
# A first run of each writes the records cache; every timed run reads it.
for b in before after no-mcp; do
  "$work/techlead-$b" --repo "$root" adr list >/dev/null
  "$work/techlead-$b" --repo "$work/records" adr list >/dev/null
done

# Counts that do not depend on the machine's load: system calls
# (strace -c), minor page faults and peak RSS (GNU time), one run each.
counts() { # title, techlead arguments...
  local title=$1 b calls faults rss; shift
  for b in before after no-mcp; do
    strace -f -c -o "$work/strace.txt" "$work/techlead-$b" "$@" >/dev/null 2>&1
    calls=$(awk '$NF == "total" {print $4}' "$work/strace.txt")
    /usr/bin/time -f '%R %M' -o "$work/time.txt" "$work/techlead-$b" "$@" >/dev/null 2>&1
    read -r faults rss < "$work/time.txt"
    printf '| `techlead %s` | %s | %s | %s | %s KiB |\n' "$title" "$b" "$calls" "$faults" "$rss"
  done
}

section=$(
  printf '\n## %s: startup with and without the MCP server (issue 18)\n\n' "$(date -u +%F)"
  printf 'Machine: %s cores, %s, %s GiB RAM, Linux %s; load average %s at the start.\n' \
    "$(nproc)" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" \
    "$(awk '/MemTotal/ {printf "%d", $2/1048576}' /proc/meminfo)" "$(uname -r)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'Release builds: `before` is %s (the branch point), `after` is %s with the\n' "$base" "$head"
  printf 'default features (techlead mcp), `no-mcp` is %s with --no-default-features.\n' "$head"
  printf 'Sizes: before %s bytes, after %s, no-mcp %s.\n' \
    "$(stat -c %s "$work/techlead-before")" "$(stat -c %s "$work/techlead-after")" \
    "$(stat -c %s "$work/techlead-no-mcp")"
  time_it "--version" "$rounds" --version
  time_it "--repo . adr list (this repository)" "$rounds" --repo "$root" adr list
  time_it "adr list (1,000 generated records)" "$((rounds / 4))" --repo "$work/records" adr list
  printf '\nLoad-independent counts, one run each:\n\n'
  printf '| command | build | system calls | minor page faults | peak RSS |\n|---|---|---:|---:|---:|\n'
  counts "--version" --version
  counts "--repo . adr list" --repo "$root" adr list
  counts "adr list (1,000 records)" --repo "$work/records" adr list
)
printf '%s\n' "$section"
printf '%s\n' "$section" >> "$here/RESULTS.md"
echo "appended to bench/RESULTS.md" >&2
