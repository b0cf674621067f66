#!/usr/bin/env bash
# `techlead boundaries check` side by side with tach and lint-imports
# (Python) and dependency-cruiser (TS), cold (every tool's cache removed
# before each run), plus edge agreement with grimp and dependency-cruiser.
# Appends a dated section to bench/RESULTS.md.
#
#   bench/boundaries.sh                 # all inputs
#   PACKAGES=5 bench/boundaries.sh      # a smaller synthetic monorepo (5,000 files)
#
# Inputs, built in bench/work (gitignored):
#   mono     synthetic Python monorepo from gen_monorepo.py (50,000 files)
#   django   Django 5.1.4 from its PyPI wheel (a large real Python package)
#   ts-real  effect 3 and rxjs 7 TypeScript sources from their npm packages
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work"
packages=${PACKAGES:-50}
mkdir -p "$work"

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
(cd "$root" && cargo build --release --locked -q -p techlead-cli)
techlead=${TECHLEAD:-$root/target/release/techlead}

# Peers from their registries, pinned.
venv="$work/venv"
[ -x "$venv/bin/tach" ] || {
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q tach==0.35.3 import-linter==2.17 grimp==3.20
}
node="$work/node"
[ -x "$node/node_modules/.bin/depcruise" ] && [ -d "$node/node_modules/effect" ] ||
  npm install --silent --prefix "$node" dependency-cruiser@17 typescript@5 rxjs@7 effect@3
depcruise="$node/node_modules/.bin/depcruise"

# Inputs.
mono="$work/mono-$packages"
[ -d "$mono" ] || python3 "$here/gen_monorepo.py" "$mono" --packages "$packages"

django="$work/django"
if [ ! -d "$django/django" ]; then
  mkdir -p "$work/pypi" "$django"
  "$venv/bin/pip" download -q --no-deps django==5.1.4 -d "$work/pypi"
  python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
    "$work/pypi/Django-5.1.4-py3-none-any.whl" "$django"
  rm -rf "$django"/*.dist-info
  # The same architecture for each tool: one module per top-level
  # subpackage, dependencies filled in by each tool's own sync.
  (cd "$django" && python3 - <<'PY'
import os
pk = sorted(d for d in os.listdir("django") if os.path.isfile(f"django/{d}/__init__.py"))
with open("techlead.toml", "w") as f:
    f.write('[checks]\nrun = ["boundaries"]\n\n[boundaries]\nforbid_cycles = false\n\n[boundaries.python]\nroots = ["."]\n')
    for p in pk:
        f.write(f'\n[[boundaries.modules]]\nname = "{p}"\npaths = ["django/{p}"]\ndepends_on = []\n')
with open("tach.toml", "w") as f:
    f.write('source_roots = ["."]\nexact = false\nroot_module = "ignore"\n')
    for p in pk:
        f.write(f'\n[[modules]]\npath = "django.{p}"\ndepends_on = []\n')
with open(".importlinter", "w") as f:
    f.write("[importlinter]\nroot_package = django\n\n[importlinter:contract:utils]\n"
            "name = utils does not import db\ntype = forbidden\n"
            "source_modules =\n    django.utils\nforbidden_modules =\n    django.db\n")
PY
  )
  (cd "$django" && "$techlead" -q boundaries sync && "$venv/bin/tach" sync >/dev/null)
fi

ts="$work/ts-real"
if [ ! -d "$ts/effect" ]; then
  mkdir -p "$ts"
  cp -r "$node/node_modules/effect/src" "$ts/effect"
  cp -r "$node/node_modules/rxjs/src" "$ts/rxjs"
  touch "$ts/techlead.toml"
fi

# Cold: every tool's own cache goes before each run.
clean='rm -rf .tach .import_linter_cache .grimp_cache .techlead/cache; find . -name __pycache__ -prune -exec rm -rf {} +'

cd "$mono"
hyperfine --warmup 1 --min-runs 5 --prepare "$clean" --export-json "$work/boundaries-mono.json" \
  -n "techlead boundaries check" "$techlead boundaries check || true" \
  -n "tach check" "$venv/bin/tach check || true" \
  -n "lint-imports" "PYTHONPATH=src $venv/bin/lint-imports --no-cache || true"
/usr/bin/time -f "%M" -o "$work/mono-peak-kb" "$techlead" -q --no-cache boundaries check >/dev/null || true
# Warm: the cache in .techlead/cache primed by one run, files unchanged.
"$techlead" -q boundaries check >/dev/null || true
hyperfine --warmup 1 --min-runs 10 --export-json "$work/boundaries-mono-warm.json" \
  -n "techlead boundaries check (warm cache)" "$techlead boundaries check || true"

cd "$django"
hyperfine --warmup 1 --min-runs 10 --prepare "$clean" --export-json "$work/boundaries-django.json" \
  -n "techlead boundaries check" "$techlead boundaries check || true" \
  -n "tach check" "$venv/bin/tach check || true" \
  -n "lint-imports" "PYTHONPATH=. $venv/bin/lint-imports --no-cache || true"
"$techlead" boundaries imports --format json > "$work/django-edges.json"
"$venv/bin/python" "$here/agreement.py" grimp "$django" django "$work/django-edges.json" > "$work/django-agreement"

cd "$ts"
hyperfine --warmup 1 --min-runs 5 --prepare "$clean" --export-json "$work/boundaries-ts.json" \
  -n "techlead boundaries imports" "$techlead boundaries imports --format json > /dev/null" \
  -n "depcruise" "$depcruise --no-config --ts-pre-compilation-deps -T json effect rxjs > /dev/null"
"$techlead" boundaries imports --format json > "$work/ts-edges.json"
"$depcruise" --no-config --ts-pre-compilation-deps -T json effect rxjs > "$work/ts-depcruise.json"
python3 "$here/agreement.py" depcruise "$ts" "$work/ts-depcruise.json" "$work/ts-edges.json" > "$work/ts-agreement"

python3 "$here/results_boundaries.py" "$work" "$packages" >> "$here/RESULTS.md"
echo "appended to bench/RESULTS.md"
