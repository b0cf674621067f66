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
# At the end the plans of the two reads schema 3 made cheap, and the org
# reads again on the same data taken back to schema 2, for comparison.
# KEEP_DB=1 keeps the database (its URL is printed).
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
time_of org trend decisions.total
time_of org radar
time_of org radar --hold

# ---- org report timing (issue 20: goal under 2 s) -------------------------
# The dashboard over the whole store: its JSON model, then the HTML page
# (kept as target/org.html, with its size).
html_time() {
  local best=
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N)
    "$bin" org report --store "$url" --out target/org.html 2>/dev/null
    e=$(date +%s.%N)
    best=$(python3 -c "a=$e-$s; b='$best'; print(min(a, float(b)) if b else a)")
  done
  printf '%-40s %.3f s (%s bytes)\n' "org report --out target/org.html" "$best" "$(wc -c < target/org.html)"
}
time_of org report --stdout
html_time
# ---------------------------------------------------------------------------

# The plans behind the two costs schema 3 removed: a metric's series (an
# index-only scan on measurements_by_series; "Heap Fetches" counts the
# rows whose page autovacuum has not yet marked all-visible) and the
# latest snapshot of every repository (read from the repository row).
echo "== plans (EXPLAIN ANALYZE)"
psql -X -q -d "$url" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
  SELECT repo, \"commit\", committed_at, taken_at, value FROM metrics
  WHERE metric = 'decisions.total' ORDER BY repo, committed_at, \"commit\"" \
  | grep -E 'Scan|Heap Fetches|Execution Time' | sed 's/^ *//'
psql -X -q -d "$url" -c "EXPLAIN (ANALYZE, COSTS OFF)
  SELECT r.name, p.package FROM repositories r JOIN snapshots s ON s.id = r.latest_snapshot_id
  JOIN snapshot_packages p ON p.snapshot_id = s.id" \
  | grep -E 'Scan|Execution Time' | sed 's/^ *//' | head -8

# The same data read as schema 2 did (the index on the metric alone, each
# repository's latest found by the latest_snapshots view): the store is
# taken back to schema 2 in place, which this techlead still reads.
echo "== the same reads at schema 2 (before migration 3)"
psql -X -q -d "$url" -c "BEGIN;
  CREATE INDEX measurements_by_metric ON measurements (metric);
  DROP INDEX measurements_by_series;
  ALTER TABLE repositories DROP COLUMN latest_snapshot_id;
  ALTER TABLE snapshots DROP COLUMN backfilled;
  DELETE FROM schema_migrations WHERE version >= 3;
  COMMIT; ANALYZE"
time_of org list
time_of org report --stdout
html_time

if [ -n "${KEEP_DB:-}" ]; then
  echo "kept: $url"
else
  psql -X -q -d "$admin" -c "DROP DATABASE $db"
fi
