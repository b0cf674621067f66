#!/usr/bin/env python3
"""Edge agreement between techlead's import graph and a peer's.

    agreement.py grimp TREE PACKAGE TECHLEAD_JSON   # Python: grimp's module graph
    agreement.py depcruise TREE DEPCRUISE_JSON TECHLEAD_JSON  # TS/JS: file graph

TECHLEAD_JSON is the output of `techlead boundaries imports --format json`.
Prints one line: `agreement  both  only-techlead  only-peer  percent`, and
writes the differing edges to TECHLEAD_JSON + ".diff" so they can be
explained in RESULTS.md. Agreement is |both| / |union|.
"""
import json
import os
import sys


def py_module(path):
    p = path[:-3] if path.endswith(".py") else path
    if p.endswith("/__init__"):
        p = p[: -len("/__init__")]
    return p.replace("/", ".")


def grimp_edges(tree, package):
    import grimp

    sys.path.insert(0, tree)
    graph = grimp.build_graph(package, cache_dir=None)
    edges = set()
    for m in graph.modules:
        for imported in graph.find_modules_directly_imported_by(m):
            edges.add((m, imported))
    return edges


def techlead_py_edges(path):
    edges = set()
    for e in json.load(open(path)):
        # grimp reads static imports only, not importlib calls.
        if e["kind"] == "dynamic" or e["language"] != "python":
            continue
        a, b = py_module(e["from"]), py_module(e["to"])
        if a != b:
            edges.add((a, b))
    return edges


def depcruise_edges(tree, path):
    data = json.load(open(path))
    edges = set()
    for m in data["modules"]:
        src = m["source"]
        for d in m.get("dependencies", []):
            to = d.get("resolved", "")
            if d.get("couldNotResolve") or d.get("coreModule") or "node_modules" in to:
                continue
            if not os.path.isfile(os.path.join(tree, to)):
                continue
            if src != to:
                edges.add((src, to))
    return edges


def techlead_file_edges(path):
    return {(e["from"], e["to"]) for e in json.load(open(path)) if e["from"] != e["to"]}


def main():
    kind = sys.argv[1]
    if kind == "grimp":
        tree, package, ours_path = sys.argv[2:5]
        peer = grimp_edges(tree, package)
        ours = techlead_py_edges(ours_path)
    else:
        tree, peer_path, ours_path = sys.argv[2:5]
        peer = depcruise_edges(tree, peer_path)
        ours = techlead_file_edges(ours_path)
    both = ours & peer
    union = ours | peer
    with open(ours_path + ".diff", "w") as f:
        for a, b in sorted(ours - peer):
            f.write(f"only-techlead {a} -> {b}\n")
        for a, b in sorted(peer - ours):
            f.write(f"only-{kind} {a} -> {b}\n")
    pct = 100.0 * len(both) / len(union) if union else 100.0
    print(f"agreement {len(both)} {len(ours - peer)} {len(peer - ours)} {pct:.2f}")


if __name__ == "__main__":
    main()
