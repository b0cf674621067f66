#!/usr/bin/env bash
# A backfilled snapshot must equal the snapshot of a checkout, metric for
# metric. For one commit of a real repository:
#   - `snapshot --rev COMMIT --dry-run` in REPO (read from git objects, the
#     commit's tree mounted, nothing checked out);
#   - a clone checked out at COMMIT, with the tags made after the commit's
#     time deleted (the backfill counts releases up to its day), and
#     `snapshot --dry-run --no-cache` there with TECHLEAD_TODAY = its day.
# Prints every metric that differs and a summary line.
#
#   [TECHLEAD=path] bench/backfill_agreement.sh REPO COMMIT
#
# COMMIT must not be REPO's HEAD (HEAD is read from its checkout).
set -euo pipefail
repo=$(cd "${1:?usage: bench/backfill_agreement.sh REPO COMMIT}" && pwd)
commit=$(git -C "$repo" rev-parse "${2:?usage: bench/backfill_agreement.sh REPO COMMIT}")
here=$(cd "$(dirname "$0")" && pwd)
techlead=${TECHLEAD:-$here/../target/release/techlead}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ "$commit" != "$(git -C "$repo" rev-parse HEAD)" ] || { echo "COMMIT is HEAD: pick a past commit" >&2; exit 2; }
(cd "$repo" && "$techlead" snapshot --rev "$commit" --dry-run --format json -q) > "$work/backfill.json"
git clone -q "$repo" "$work/checkout"
cd "$work/checkout"
git -c advice.detachedHead=false checkout -q "$commit"
day=$(git log -1 --format=%cs)
at=$(git log -1 --format=%ct)
for t in $(git tag); do
  [ "$(git log -1 --format=%ct "$t^{commit}")" -le "$at" ] || git tag -d "$t" >/dev/null
done
TECHLEAD_TODAY=$day "$techlead" snapshot --dry-run --format json -q --no-cache > "$work/checkout.json"
python3 - "$work" "$(basename "$repo")" <<'PY'
import json, sys
work, name = sys.argv[1], sys.argv[2]
def metrics(f):
    d = json.load(open(f"{work}/{f}"))
    return d, {m["metric"]: m.get("value", m.get("absent")) for m in d["measurements"]}
b, past = metrics("backfill.json")
_, here = metrics("checkout.json")
assert b["backfilled"], "the --rev snapshot was not read from git objects"
differ = [k for k in sorted(set(past) | set(here)) if past.get(k) != here.get(k)]
for k in differ:
    print(f"  {k}: checkout {here.get(k)}, backfill {past.get(k)}")
computed = sum(isinstance(v, (int, float)) for v in here.values())
print(f"{name}: {len(differ)} of {len(here)} metrics differ ({computed} computed)")
PY
