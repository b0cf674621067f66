#!/usr/bin/env bash
# The practices caches (.techlead/cache/practices.bin, practices-code.bin) on
# one repository, in a clone of it (the repository itself is not touched):
#   - agreement: `practices --format json` of BEFORE (--no-cache) and of AFTER
#     (--no-cache, the run that writes the caches, the run that reads them),
#     at HEAD and again after one new commit; every answer must be the same;
#   - the report, first run with no .techlead, then after one new commit, for
#     each build in turn (RUNS rounds): wall and CPU (user + sys) of both runs.
#
#   BEFORE=path/to/techlead AFTER=path/to/techlead [RUNS=3] bench/practices_cache.sh REPO
set -euo pipefail
src=$(cd "${1:?usage: bench/practices_cache.sh REPO}" && pwd)
before=${BEFORE:?set BEFORE to a techlead binary}
after=${AFTER:?set AFTER to a techlead binary}
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$src" "$work/repo"
cd "$work/repo"
base=$(git rev-parse HEAD)
commit() {
  echo "bench $RANDOM" >> README.md
  git add -A
  git -c user.name=Bench -c user.email=bench@example.com commit -qm "one more"
}
json() { "$@" practices --format json -q; }

echo "== agreement" >&2
json "$before" --no-cache > "$work/b0.json"
json "$after" --no-cache > "$work/a0.json"
json "$after" > "$work/a1.json"
json "$after" > "$work/a2.json"
commit
json "$before" --no-cache > "$work/b3.json"
json "$after" > "$work/a3.json"
json "$after" --no-cache > "$work/a4.json"
for f in a0 a1 a2; do cmp -s "$work/b0.json" "$work/$f.json" || { echo "DIFFERENT at HEAD: $f" >&2; exit 1; }; done
for f in a3 a4; do cmp -s "$work/b3.json" "$work/$f.json" || { echo "DIFFERENT after a commit: $f" >&2; exit 1; }; done
echo "same answers at $(git rev-parse --short "$base") and after one commit" >&2

echo "== report: first run, then after one new commit" >&2
timed() { { /usr/bin/time -f "%e %U %S" "$@" > /dev/null; } 2>&1 | tail -1; }
for _ in $(seq "$runs"); do
  for t in "$before" "$after"; do
    git reset -q --hard "$base"
    rm -rf .techlead
    first=$(timed "$t" report --no-snapshot --out "$work/x.html" -q)
    commit
    second=$(timed "$t" report --no-snapshot --out "$work/x.html" -q)
    echo "$t $first $second $(cut -d' ' -f1 /proc/loadavg)" | awk '{
      fc = $3 + $4; sc = $6 + $7;
      printf "%s: first %.2f s (CPU %.2f), second %.2f s (CPU %.2f): %.3fx wall, %.3fx CPU, load %s\n",
        $1, $2, fc, $5, sc, $5 / $2, sc / fc, $8 }'
  done
done
