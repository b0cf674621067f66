#!/usr/bin/env bash
# The organisation store under load (issue 20): 500 repositories x 52
# weekly snapshots pushed by 8 concurrent writers into a throwaway
# PostgreSQL cluster (.ci/postgres.sh), through Store::record, the code
# `techlead snapshot --store` runs (crates/techlead-store/examples/org_load.rs).
# Then every table's rows are counted against what was sent (exactly once:
# 1% of the snapshots are pushed twice and must still be one), and the org
# read commands are timed on that data with the release binary.
#
#   bench/org_store.sh [REPOS WEEKS WRITERS]     (default 500 52 8)
#
# Uses TECHLEAD_TEST_PG's server when set, else starts and stops its own.
set -euo pipefail
cd "$(dirname "$0")/.."
REPOS=${1:-500} WEEKS=${2:-52} WRITERS=${3:-8}

cargo build --release --quiet -p techlead-store --features postgres --example org_load
cargo build --release --quiet -p techlead-cli
bin=target/release/techlead

if [ -z "${TECHLEAD_TEST_PG:-}" ]; then
  eval "$(bash .ci/postgres.sh start)"
  trap 'bash .ci/postgres.sh stop "$PG_TMP"' EXIT
fi
admin=$TECHLEAD_TEST_PG
db=bench_org_$$
psql -X -q -d "$admin" -c "CREATE DATABASE $db"
url=${admin%/*}/$db?sslmode=disable

# The registry's metric names, so that `org trend` accepts them.
export ORG_LOAD_METRICS=$("$bin" snapshot --list --format csv | tail -n +2 | cut -d, -f1 | head -51 | paste -sd,)

echo "== push: $REPOS repositories x $WEEKS weeks, $WRITERS writers"
out=$(target/release/examples/org_load "$url" "$REPOS" "$WEEKS" "$WRITERS")
echo "$out" | grep -v '^expected'

echo "== every row exactly once"
fail=0
while read -r _ kv; do
  table=${kv%%=*} want=${kv#*=}
  if [ "$table" = value_sum ]; then
    got=$(psql -X -t -A -d "$url" -c "SELECT round(sum(value)::numeric, 2) FROM measurements")
  else
    got=$(psql -X -t -A -d "$url" -c "SELECT count(*) FROM $table")
  fi
  printf '%-24s expected %-10s got %s\n' "$table" "$want" "$got"
  [ "$got" = "$want" ] || fail=1
done < <(echo "$out" | grep '^expected')
dups=$(psql -X -t -A -d "$url" -c "SELECT count(*) FROM (SELECT repository_id, commit_id FROM snapshots GROUP BY 1, 2 HAVING count(*) > 1) d")
echo "duplicate (repository, commit) pairs: $dups"
[ "$dups" = 0 ] || fail=1
[ "$fail" = 0 ] || { echo "ROWS LOST OR DUPLICATED" >&2; exit 1; }

echo "== org reads on that data (release binary, 3 runs each, best)"
time_of() {
  local best=
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N)
    "$bin" "$@" --store "$url" --format json >/dev/null
    e=$(date +%s.%N)
    best=$(python3 -c "a=$e-$s; b='$best'; print(min(a, float(b)) if b else a)")
  done
  printf '%-40s %.3f s\n' "$*" "$best"
}
time_of org list
time_of org trend history.truck_factor
time_of org radar
time_of org radar --hold

# ---- org report timing (issue 20: goal under 2 s) -------------------------
# The org-ci branch adds `techlead org report`; time it here on the same
# store, e.g.:
#   time_of org report --out "$PWD/target/org.html"
# ---------------------------------------------------------------------------

psql -X -q -d "$admin" -c "DROP DATABASE $db"
