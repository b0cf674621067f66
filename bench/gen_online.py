#!/usr/bin/env python3
"""Writes a project with COUNT locked packages across three ecosystems, for
`deps_online.sh`: a package-lock.json (half), a Cargo.lock (a quarter) and
a uv.lock (a quarter), every package direct, versions 1.0.0 to 1.0.9.
Deterministic.

    bench/gen_online.py OUT_DIR [--count 2000]
"""
import argparse
import json
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=2000)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    n_npm = args.count // 2
    n_cargo = args.count // 4
    n_py = args.count - n_npm - n_cargo
    npm = [f"bench-npm-{i:05d}" for i in range(n_npm)]
    packages = {"": {"name": "bench", "dependencies": {n: "^1.0.0" for n in npm}}}
    for i, n in enumerate(npm):
        packages[f"node_modules/{n}"] = {"version": f"1.0.{i % 10}", "license": "MIT"}
    with open(os.path.join(args.out, "package-lock.json"), "w") as f:
        json.dump({"name": "bench", "lockfileVersion": 3, "packages": packages}, f, indent=2)
    crates = [f"bench-crate-{i:05d}" for i in range(n_cargo)]
    with open(os.path.join(args.out, "Cargo.toml"), "w") as f:
        f.write('[package]\nname = "bench"\nversion = "0.1.0"\n\n[dependencies]\n')
        for n in crates:
            f.write(f'{n} = "1"\n')
    with open(os.path.join(args.out, "Cargo.lock"), "w") as f:
        f.write("version = 4\n\n[[package]]\nname = \"bench\"\nversion = \"0.1.0\"\ndependencies = [\n")
        for n in crates:
            f.write(f' "{n}",\n')
        f.write("]\n")
        for i, n in enumerate(crates):
            f.write(f'\n[[package]]\nname = "{n}"\nversion = "1.0.{i % 10}"\n'
                    'source = "registry+https://github.com/rust-lang/crates.io-index"\n')
    py = [f"bench-py-{i:05d}" for i in range(n_py)]
    with open(os.path.join(args.out, "uv.lock"), "w") as f:
        f.write('version = 1\n\n[[package]]\nname = "bench"\nversion = "0.1.0"\n'
                'source = { editable = "." }\ndependencies = [\n')
        for n in py:
            f.write(f'    {{ name = "{n}" }},\n')
        f.write("]\n")
        for i, n in enumerate(py):
            f.write(f'\n[[package]]\nname = "{n}"\nversion = "1.0.{i % 10}"\n'
                    'source = { registry = "https://pypi.org/simple" }\n')
    os.makedirs(os.path.join(args.out, ".git"), exist_ok=True)


if __name__ == "__main__":
    main()
