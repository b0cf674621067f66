#!/usr/bin/env python3
"""Writes a package-lock.json (lockfileVersion 3) with COUNT packages, as npm
writes it: a root entry with direct dependencies, top-level and nested
node_modules entries, dev flags, integrity hashes. Deterministic.

    bench/gen_lockfile.py OUT_DIR [--count 100000]
"""
import argparse
import json
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=100_000)
    args = ap.parse_args()
    rng = random.Random(7)
    os.makedirs(args.out, exist_ok=True)
    names = [f"pkg-{i:06d}" if i % 5 else f"@scope{i % 97}/lib-{i:06d}" for i in range(args.count)]
    direct = names[:200]
    packages = {
        "": {
            "name": "big",
            "version": "1.0.0",
            "dependencies": {n: "^1.0.0" for n in direct[:150]},
            "devDependencies": {n: "^1.0.0" for n in direct[150:]},
        }
    }
    for i, n in enumerate(names):
        # One in ten is nested under another package, as npm does for
        # conflicting versions.
        key = f"node_modules/{n}"
        if i > 200 and i % 10 == 0:
            key = f"node_modules/{names[rng.randrange(200)]}/node_modules/{n}"
        entry = {
            "version": f"{rng.randrange(1, 20)}.{rng.randrange(30)}.{rng.randrange(30)}",
            "resolved": f"https://registry.npmjs.org/{n}/-/{n.split('/')[-1]}-1.0.0.tgz",
            "integrity": "sha512-" + "A" * 86 + "==",
            "license": "MIT",
        }
        if i >= 150 and rng.random() < 0.3:
            entry["dev"] = True
        if rng.random() < 0.2:
            entry["dependencies"] = {names[rng.randrange(args.count)]: "^1.0.0"}
        packages[key] = entry
    lock = {"name": "big", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": packages}
    with open(os.path.join(args.out, "package-lock.json"), "w") as f:
        json.dump(lock, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "package.json"), "w") as f:
        json.dump({"name": "big", "dependencies": packages[""]["dependencies"], "devDependencies": packages[""]["devDependencies"]}, f, indent=2)
    open(os.path.join(args.out, "techlead.toml"), "w").close()


if __name__ == "__main__":
    main()
