#!/usr/bin/env bash
# `techlead health` against lizard (the per-function metrics users compare
# with) and tokei (which only counts lines), side by side on the same
# trees, plus per-function agreement with lizard. Appends a dated section
# to bench/RESULTS.md.
#
#   bench/health.sh                        # the default trees
#   AGREE="werkzeug gson" SPEED="sympy" bench/health.sh
#
# Trees are checkouts of the repositories' stored snapshots (the fetch
# tool puts them under $MIRROR/<owner>+<name>/repo); a missing one is
# skipped with a note. Checkouts and peers go to bench/work (gitignored):
# lizard 1.17.31 from PyPI into a venv, tokei from crates.io with
# `cargo install --locked` into a bench-local root.
#
# AGREE: trees for the agreement with lizard (werkzeug and gson are the
# two required ones: Python and Java); SPEED: trees timed with hyperfine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/work"
mirror=${MIRROR:-/work/.mirror}
agree=${AGREE-"pallets/werkzeug google/gson spf13/cobra expressjs/express colinhacks/zod BurntSushi/ripgrep"}
speed=${SPEED-"sympy/sympy vitejs/vite"}
runs=${RUNS:-5}
mkdir -p "$work/trees"

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
(cd "$root" && cargo build --release --locked -q -p techlead-cli)
techlead=${TECHLEAD:-$root/target/release/techlead}

venv="$work/venv-health"
[ -x "$venv/bin/lizard" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q lizard==1.17.31; }
lizard="$venv/bin/lizard"
tokei="$work/tokei/bin/tokei"
[ -x "$tokei" ] || cargo install -q tokei --locked --root "$work/tokei"

# A checkout of owner/name, or nothing when its snapshot is not here.
tree() {
  local repo=$1 dir="$work/trees/${1#*/}"
  if [ ! -d "$dir" ]; then
    [ -d "$mirror/${repo/\//+}/repo" ] || { echo "skipped $repo: no snapshot in $mirror" >&2; return 1; }
    git clone -q "$mirror/${repo/\//+}/repo" "$dir"
  fi
  echo "$dir"
}

# Results of an earlier run go, except for a part this run skips
# (AGREE="" or SPEED=""), whose results are reported again.
[ -z "$agree" ] || rm -f "$work"/health-agree-*.txt
[ -z "$speed" ] || rm -f "$work"/health-speed-*.json "$work"/health-speed-*.txt
for repo in $agree; do
  dir=$(tree "$repo") || continue
  name=${repo#*/}
  { echo "repo: $repo $(git -C "$dir" rev-parse --short HEAD)"
    PATH="$venv/bin:$PATH" python3 "$here/health_agreement.py" "$dir" --techlead "$techlead" --examples 3
  } > "$work/health-agree-$name.txt"
  echo "agreement: $name"
done

for repo in $speed; do
  dir=$(tree "$repo") || continue
  name=${repo#*/}
  cd "$dir"
  # lizard gets exactly the files techlead measures (it reads no
  # .gitignore and would also read C, Ruby, ...); tokei reads the same
  # languages and honours .gitignore as techlead does.
  "$techlead" health --format json --top 0 -q | python3 -c '
import json, sys
for f in json.load(sys.stdin)["files"]:
    print(f["file"])' > "$work/health-files-$name.txt"
  { echo "repo: $repo $(git rev-parse --short HEAD)"
    echo "files: $(wc -l < "$work/health-files-$name.txt")"
    echo "bytes: $(tr '\n' '\0' < "$work/health-files-$name.txt" | du -cb --files0-from=- | tail -1 | cut -f1)"
  } > "$work/health-speed-$name.txt"
  hyperfine --warmup 1 --min-runs "$runs" --export-json "$work/health-speed-$name.json" \
    -n "techlead health --format json" "$techlead health --format json --top 0 -q > /dev/null" \
    -n "lizard" "$lizard --ignore_warnings=-1 -f $work/health-files-$name.txt > /dev/null" \
    -n "tokei" "$tokei -t Python,Rust,JavaScript,TypeScript,JSX,TSX,Go,Java . > /dev/null"
  cd "$root"
done

python3 "$here/results_health.py" "$work" >> "$here/RESULTS.md"
echo "appended to bench/RESULTS.md"
