#!/usr/bin/env python3
# Times several techlead binaries on the same input, interleaved (one run of
# each per round), and prints median wall and CPU time and the ratios to the
# first. On a shared machine the load changes within a minute; interleaving
# keeps it the same for every binary.
#   BINS="before=/tmp/a kernel=/tmp/b final=/tmp/c" ROUNDS=20 bench/interleave.py deps --format json
# PRECISION=2 prints milliseconds with two decimals (for runs of a few ms).
import subprocess, time, os, sys, statistics, resource
bins = dict(b.split("=", 1) for b in os.environ["BINS"].split())
args = sys.argv[1:]
p = int(os.environ.get("PRECISION", "0"))
wall = {k: [] for k in bins}; cpu = {k: [] for k in bins}
for r in range(int(os.environ.get("ROUNDS", "20"))):
    for k, b in bins.items():
        t0 = time.perf_counter(); r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([b] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t1 = time.perf_counter(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall[k].append(t1 - t0); cpu[k].append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
for k in bins:
    print(f"{k:7} wall median {statistics.median(wall[k])*1000:6.{p}f} ms  cpu median {statistics.median(cpu[k])*1000:6.{p}f} ms  (min wall {min(wall[k])*1000:.{p}f})")
first = next(iter(bins))
b = statistics.median(wall[first]); bc = statistics.median(cpu[first])
for k in list(bins)[1:]:
    print(f"{k}/{first}: wall {statistics.median(wall[k])/b:.2f}x  cpu {statistics.median(cpu[k])/bc:.2f}x")
