#!/usr/bin/env python3
"""bench/health.sh's agreement reports and hyperfine exports as a dated
markdown section for RESULTS.md: agreement with lizard per tree, and the
time of `techlead health` against lizard and tokei on the same trees."""
import datetime
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from results import cpu, mem_gib  # noqa: E402

REQUIRED = {"pallets/werkzeug", "google/gson"}
LIZARD_GOAL, TOKEI_GOAL = 0.05, 1.5


def agreement(path):
    text = open(path).read()
    repo, commit = re.search(r"^repo: (\S+) (\S+)", text, re.M).groups()
    files = re.search(r"files: (\d+)", text).group(1)
    block = text.split("all files:", 1)[1]
    num = lambda label: float(re.search(label + r"[^=\n]*?(?:= )?([\d.]+)%", block).group(1))
    row = {
        "repo": repo, "commit": commit, "files": files,
        "theirs": num("lizard's found by techlead:"),
        "ours": num("techlead's found by lizard:"),
        "complexity": num("equal complexity:"),
        "nloc": num("equal nloc:"),
        "params": num("equal params:"),
    }
    row["pass"] = row["theirs"] >= 98 and row["ours"] >= 98 and row["complexity"] >= 95
    return row


def main():
    work = sys.argv[1]
    print(f"\n## {datetime.date.today().isoformat()}: health against lizard 1.17.31 and tokei\n")
    print(f"Machine: {os.cpu_count()} cores, {cpu()}, {mem_gib()} GiB RAM (shared with other builds). "
          "Command: `bench/health.sh`.\n")
    rows = [agreement(p) for p in glob.glob(os.path.join(work, "health-agree-*.txt"))]
    rows.sort(key=lambda r: (r["repo"] not in REQUIRED, r["repo"]))
    if rows:
        print("### Agreement with lizard (functions matched by file and start line)\n")
        print("Goal: at least 98% of functions matched in both directions and equal complexity "
              "for at least 95% of the matched ones, on werkzeug (Python) and gson (Java); the "
              "other trees are informative (their misses are lizard's misparses, listed below).\n")
        print("| tree | commit | files | lizard's found by techlead | techlead's found by lizard "
              "| equal complexity | equal NLOC | equal params | goal |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---|")
        for r in rows:
            goal = ("**met**" if r["pass"] else "**missed**") if r["repo"] in REQUIRED else (
                "met" if r["pass"] else "missed (informative)")
            print(f"| {r['repo']} | {r['commit']} | {r['files']} | {r['theirs']:.2f}% | {r['ours']:.2f}% "
                  f"| {r['complexity']:.2f}% | {r['nloc']:.2f}% | {r['params']:.2f}% | {goal} |")
        print()
    speed = sorted(glob.glob(os.path.join(work, "health-speed-*.json")))
    if speed:
        print("### Time on the same trees (hyperfine, mean ± σ)\n")
        print(f"Goals: at most {LIZARD_GOAL}× lizard and at most {TOKEI_GOAL}× tokei. techlead and "
              "tokei use every core; lizard runs with its default of one thread, on exactly the "
              "files techlead measures; tokei counts the same languages.\n")
        print("| tree | files | MB | techlead health | lizard | tokei | vs lizard | vs tokei "
              "| CPU vs lizard | CPU vs tokei |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for path in speed:
            name = os.path.basename(path)[len("health-speed-"):-len(".json")]
            info = dict(l.split(": ", 1) for l in open(path[:-5] + ".txt").read().splitlines())
            res = {r["command"].split()[0]: r for r in json.load(open(path))["results"]}
            t, l, k = res["techlead"], res["lizard"], res["tokei"]
            ms = lambda r: f"{r['mean'] * 1000:.0f} ± {r['stddev'] * 1000:.0f} ms"
            vl, vk = t["mean"] / l["mean"], t["mean"] / k["mean"]
            busy = lambda r: r["user"] + r["system"]
            mark = lambda v, goal: f"**{v:.3f}×**" if v <= goal else f"{v:.3f}× (over {goal}×)"
            print(f"| {info['repo']} | {info['files']} | {int(info['bytes']) / 1e6:.1f} | {ms(t)} | {ms(l)} "
                  f"| {ms(k)} | {mark(vl, LIZARD_GOAL)} | {mark(vk, TOKEI_GOAL)} "
                  f"| {busy(t) / busy(l):.3f}× | {busy(t) / busy(k):.3f}× |")
        print()
        print("CPU: user + system time of each process (all its threads), from the same runs; "
              "unlike wall time it does not grow when other work shares the cores.\n")


if __name__ == "__main__":
    main()
