#!/usr/bin/env python3
"""Generates a synthetic Python monorepo for the boundaries benchmark.

    bench/gen_monorepo.py OUT [--packages 50] [--subpackages 10] [--modules 100]

The default is 50 packages x 10 subpackages x 100 modules = 50,000 files
under OUT/src/mono/. Package pN only imports packages pM with M > N, so a
layers contract (p00 highest) holds. Every module uses the import forms a
real codebase has: absolute and relative, `from x import y`, `import a.b`,
aliases, a TYPE_CHECKING block, and a function-local import, around code
with branches, comprehensions and classes.

It also writes the same architecture for each tool: techlead.toml (modules
with depends_on), tach.toml, and .importlinter (a layers contract).
Deterministic: the same arguments give the same bytes.
"""
import argparse
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--packages", type=int, default=50)
    ap.add_argument("--subpackages", type=int, default=10)
    ap.add_argument("--modules", type=int, default=100)
    args = ap.parse_args()
    rng = random.Random(42)
    P, S, M = args.packages, args.subpackages, args.modules
    deps = {}
    for p in range(P):
        lower = list(range(p + 1, P))
        deps[p] = sorted(rng.sample(lower, min(len(lower), rng.randint(1, 3))))
    root = os.path.join(args.out, "src", "mono")
    os.makedirs(root, exist_ok=True)
    write(os.path.join(root, "__init__.py"), '"""The monorepo."""\n')
    for p in range(P):
        pdir = os.path.join(root, f"p{p:02}")
        os.makedirs(pdir, exist_ok=True)
        write(os.path.join(pdir, "__init__.py"), f'"""Package p{p:02}."""\n')
        for s in range(S):
            sdir = os.path.join(pdir, f"s{s:02}")
            os.makedirs(sdir, exist_ok=True)
            write(os.path.join(sdir, "__init__.py"), "")
            for m in range(M):
                # __init__.py counts as one of the package's files.
                if m == M - 1:
                    continue
                write(os.path.join(sdir, f"m{m:03}.py"), module(rng, p, s, m, deps[p], S, M))
    names = [f"p{p:02}" for p in range(P)]
    with open(os.path.join(args.out, "techlead.toml"), "w") as f:
        f.write('[checks]\nrun = ["boundaries"]\n\n[boundaries]\n\n[boundaries.python]\nroots = ["src"]\n')
        for p in range(P):
            dl = ", ".join(f'"{names[d]}"' for d in deps[p])
            f.write(f'\n[[boundaries.modules]]\nname = "{names[p]}"\npaths = ["src/mono/{names[p]}"]\ndepends_on = [{dl}]\n')
    with open(os.path.join(args.out, "tach.toml"), "w") as f:
        f.write('source_roots = ["src"]\nexact = false\n')
        for p in range(P):
            dl = ", ".join(f'"mono.{names[d]}"' for d in deps[p])
            f.write(f'\n[[modules]]\npath = "mono.{names[p]}"\ndepends_on = [{dl}]\n')
    with open(os.path.join(args.out, ".importlinter"), "w") as f:
        f.write("[importlinter]\nroot_package = mono\n\n[importlinter:contract:layers]\n")
        f.write("name = Packages only import lower packages\ntype = layers\nlayers =\n")
        for n in names:
            f.write(f"    mono.{n}\n")


def module(rng, p, s, m, deps, S, M):
    lines = ['"""A generated module."""', "from __future__ import annotations", "", "import os", "import json"]
    lines.append("from typing import TYPE_CHECKING")
    # Own subpackage, relative and absolute.
    for _ in range(3):
        o = rng.randrange(M - 1)
        if o != m:
            lines.append(f"from .m{o:03} import helper as h{o}")
    o = rng.randrange(M - 1)
    lines.append(f"from mono.p{p:02}.s{rng.randrange(S):02} import m{o:03}")
    # Allowed lower packages.
    for d in deps:
        lines.append(f"from mono.p{d:02}.s{rng.randrange(S):02}.m{rng.randrange(M - 1):03} import helper")
        lines.append(f"import mono.p{d:02}.s{rng.randrange(S):02}.m{rng.randrange(M - 1):03}")
    lines += ["", "if TYPE_CHECKING:", f"    from mono.p{p:02}.s{s:02} import m{rng.randrange(M - 1):03} as typed", ""]
    lines += [
        "",
        "def helper(x, y=None):",
        '    """Does a thing, with branches."""',
        "    if x > 1 and x < 10:",
        "        return [i for i in range(x) if i % 2]",
        "    elif y is not None or x == 0:",
        "        for i in range(3):",
        "            while x:",
        "                x -= 1",
        "    text = f\"{x!r} import nothing {{here}}\"",
        "    return text",
        "",
        "",
        "class Thing:",
        "    def method(self, y):",
        f"        from mono.p{p:02}.s{s:02} import m{rng.randrange(M - 1):03} as late",
        "        try:",
        "            return helper(y)",
        "        except ValueError:",
        "            return None",
        "",
        "    def other(self):",
        "        return os.path.join('a', 'b') if self else json.dumps({})",
        "",
    ]
    return "\n".join(lines) + "\n"


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
