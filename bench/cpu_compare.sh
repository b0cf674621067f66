#!/usr/bin/env bash
# CPU time (perf's task-clock: user + system of every thread, steadier than
# wall time on a shared machine) of two techlead builds on the same inputs:
# 10,000 generated records, a 100,000-package package-lock.json, the
# generated Python monorepo, and a git repository's history.
#   bench/cpu_compare.sh BEFORE_BINARY AFTER_BINARY GIT_REPO [WORK_DIR]
# Prints CSV: case, before ms, after ms, after/before.
set -euo pipefail
before=$1 after=$2 repo=$3 work=${4:-/tmp/techlead-cpu-compare}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
cd "$work"
[ -d mixed ] || { python3 "$here/gen_adrs.py" mixed/docs/decisions --count 10000 --style mixed >/dev/null; touch mixed/techlead.toml; }
[ -f lock/package-lock.json ] || { python3 "$here/gen_lockfile.py" lock >/dev/null; touch lock/techlead.toml; }
[ -d mono ] || python3 "$here/gen_monorepo.py" mono --packages 10 >/dev/null
cpu() { perf stat -x, -e task-clock -r "${RUNS:-10}" "$@" 2>&1 >/dev/null | grep task-clock | cut -d, -f1; }
row() {
  local name=$1 dir=$2; shift 2
  local b a
  # One untimed run first: the two builds' cache formats differ, so each
  # would otherwise rebuild the other's cache in its first timed run.
  b=$(cd "$dir" && { "$before" "$@" >/dev/null 2>&1; cpu "$before" "$@"; })
  a=$(cd "$dir" && { "$after" "$@" >/dev/null 2>&1; cpu "$after" "$@"; })
  echo "$name,$b,$a,$(python3 -c "print(round($a/$b, 3))")"
}
# Commands that report findings exit 1; their time still counts.
set +e +o pipefail
echo "case,before ms,after ms,ratio"
row "adr list (warm cache)" mixed adr list
row "adr list (cold: --no-cache)" mixed --no-cache adr list
row "adr lint" mixed adr lint
row "deps (100,000 packages)" lock deps
row "boundaries check (monorepo, warm)" mono boundaries check
row "history revisions" "$repo" history revisions
row "history coupling" "$repo" history coupling
