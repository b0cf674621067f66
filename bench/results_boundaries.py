#!/usr/bin/env python3
"""The boundaries benchmark's hyperfine exports, agreement and memory as a
dated markdown section for RESULTS.md. Each techlead row gets its ratio to
every peer in the same table (below 1.0: techlead is faster)."""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from results import cpu, mem_gib  # noqa: E402

work, packages = sys.argv[1], int(sys.argv[2])
files = packages * 1000
print(f"\n## {datetime.date.today().isoformat()}: boundaries\n")
print(f"Machine: {os.cpu_count()} cores, {cpu()}, {mem_gib()} GiB RAM. Cold: every tool's cache removed before each run.\n")
sections = [
    ("boundaries-mono", f"synthetic Python monorepo, {files:,} files"),
    ("boundaries-django", "Django 5.1.4 (PyPI wheel, 879 files)"),
    ("boundaries-ts", "effect 3 + rxjs 7 TypeScript sources (npm, 614 files)"),
]
for name, title in sections:
    path = os.path.join(work, f"{name}.json")
    if not os.path.exists(path):
        continue
    results = json.load(open(path))["results"]
    peers = [r for r in results if not r["command"].startswith("techlead")]
    print(f"### {title}\n")
    head = "| command | mean | ± σ |" + "".join(f" vs {p['command']} |" for p in peers)
    print(head)
    print("|---|---:|---:|" + "---:|" * len(peers))
    for r in results:
        ratios = "".join(
            f" {r['mean'] / p['mean']:.3f}× |" if r["command"].startswith("techlead") else " |"
            for p in peers
        )
        print(f"| `{r['command']}` | {r['mean'] * 1000:.1f} ms | {r['stddev'] * 1000:.1f} ms |{ratios}")
    print()
warm = os.path.join(work, "boundaries-mono-warm.json")
if os.path.exists(warm):
    r = json.load(open(warm))["results"][0]
    print(f"Warm, with the cache: `techlead boundaries check` on the {files:,}-file monorepo takes "
          f"**{r['mean'] * 1000:.0f} ms** ± {r['stddev'] * 1000:.0f} ms (goal: under 500 ms).\n")
peak = os.path.join(work, "mono-peak-kb")
if os.path.exists(peak):
    print(f"Peak memory of `techlead boundaries check` on the monorepo: {int(open(peak).read()) / 1024:.0f} MB.\n")
for name, peer in (("django-agreement", "grimp (module graph, Django)"), ("ts-agreement", "dependency-cruiser (file graph, effect + rxjs)")):
    path = os.path.join(work, name)
    if os.path.exists(path):
        _, both, ours, theirs, pct = open(path).read().split()
        print(f"- Edge agreement with {peer}: **{pct}%** ({both} edges in both, {ours} only in techlead, {theirs} only in the peer).")
print()
