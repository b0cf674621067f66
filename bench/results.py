#!/usr/bin/env python3
"""Turn hyperfine JSON exports into a dated markdown section for RESULTS.md."""
import datetime
import json
import os
import platform
import subprocess
import sys

def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def mem_gib():
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                return round(int(line.split()[1]) / 1024 / 1024)
    except OSError:
        return "?"


def main():
    work, count = sys.argv[1], sys.argv[2]
    print(f"\n## {datetime.date.today().isoformat()}: {count} records\n")
    print(f"Machine: {os.cpu_count()} cores, {cpu()}, {mem_gib()} GiB RAM, {platform.system()} {platform.release()}.\n")
    for name in ("list-adr-tools", "lint-adr-tools", "list-log4brains", "mixed"):
        path = os.path.join(work, f"{name}.json")
        if not os.path.exists(path):
            continue
        results = json.load(open(path))["results"]
        fastest_peer = min((r["mean"] for r in results if not r["command"].startswith("techlead")), default=None)
        print(f"### {name}\n")
        print("| command | mean | ± σ | ratio to fastest peer |")
        print("|---|---:|---:|---:|")
        for r in results:
            ratio = f"{r['mean'] / fastest_peer:.3f}×" if fastest_peer else "–"
            sd = f"{r['stddev'] * 1000:.1f} ms" if r.get("stddev") is not None else "one run"
            print(f"| `{r['command']}` | {r['mean'] * 1000:.1f} ms | {sd} | {ratio} |")
        print()


if __name__ == "__main__":
    main()
