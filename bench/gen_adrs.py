#!/usr/bin/env python3
"""Generate a folder of N decision records for benchmarks, deterministically.

  gen_adrs.py OUT [--count N] [--style mixed|adr-tools|log4brains] [--seed S]

mixed: adr-tools/Nygard, MADR 2 bullets and MADR 4 front matter, with
supersede links between records and a few problems for `adr lint` to find
(duplicate numbers, broken links). adr-tools and log4brains: only that
format, for peers that read only their own.
"""
import argparse
import datetime
import os
import random
import re

WORDS = ("service cache queue postgres kafka event sourcing api gateway auth token "
         "frontend react rust python module boundary monolith deploy pipeline "
         "observability tracing metrics storage backup retention schema migration "
         "tenant billing search index ranking feature flag rollout").split()


def sentence(rng, n=12):
    w = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(w).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(3, 6)))


def body(rng):
    parts = ["## Context\n", paragraph(rng), "", paragraph(rng), "", "## Decision\n", paragraph(rng), ""]
    parts += [f"* {sentence(rng, 6)}" for _ in range(rng.randint(3, 8))]
    parts += ["", "```sh", "techlead adr list --format json", "# not a heading", "```", ""]
    parts += ["## Consequences\n", paragraph(rng), "", paragraph(rng), ""]
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--style", default="mixed", choices=["mixed", "adr-tools", "log4brains"])
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    start = datetime.date(2015, 1, 1)
    for i in range(1, a.count + 1):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize() + f" {i}"
        slug = title.lower().replace(" ", "-")
        date = start + datetime.timedelta(days=i % 3650)
        superseded_by = i + 1 if i % 17 == 0 and i < a.count else None
        supersedes = i - 1 if (i - 1) % 17 == 0 and i > 1 else None
        style = a.style
        if style == "mixed":
            style = ("nygard", "madr2", "madr4")[i % 3]
        if style == "log4brains":
            name = f"{date.strftime('%Y%m%d')}-{slug}.md"
        else:
            # A few duplicate numbers, as two branches make them.
            n = i - 1 if a.style == "mixed" and i % 997 == 0 else i
            name = f"{n:04d}-{slug}.md"
        link_new = f"{superseded_by:04d}-" if superseded_by else None
        status = "Accepted"
        lines = []
        if style in ("nygard", "adr-tools"):
            lines += [f"# {i}. {title}", "", f"Date: {date.isoformat()}", "", "## Status", ""]
            if superseded_by:
                lines += [f"Superseded by [{superseded_by}. Next]({link_new}NEXT.md)", ""]
            else:
                lines += [status, ""]
            if supersedes:
                lines += [f"Supersedes [{supersedes}. Prev]({supersedes:04d}-PREV.md)", ""]
        elif style in ("madr2", "log4brains"):
            st = f"superseded by [ADR-{superseded_by:04d}]({link_new}NEXT.md)" if superseded_by else "accepted"
            bullet = "-" if style == "log4brains" else "*"
            lines += [f"# {title}", "", f"{bullet} Status: {st}", f"{bullet} Deciders: Ann, Bob",
                      f"{bullet} Date: {date.isoformat()}", ""]
        else:
            lines += ["---", f"status: {'superseded' if superseded_by else 'accepted'}", f"date: {date.isoformat()}",
                      "decision-makers: [Ann, Bob]", "tags: [bench]", "---", "", f"# {title}", ""]
        text = "\n".join(lines) + "\n" + body(rng)
        if style == "madr4" and superseded_by:
            text += f"\n## Links\n\n* Superseded by [ADR-{superseded_by:04d}]({link_new}NEXT.md)\n"
        if i % 501 == 0:
            text += "\nSee [a missing record](9999-missing.md).\n"
        with open(os.path.join(a.out, name), "w") as f:
            f.write(text)
    # Resolve NEXT/PREV placeholders to real file names now that all exist.
    names = {}
    for n in os.listdir(a.out):
        names.setdefault(n.split("-")[0], n)
    for n in os.listdir(a.out):
        p = os.path.join(a.out, n)
        with open(p) as f:
            t = f.read()
        if "NEXT.md" in t or "PREV.md" in t:
            t = re.sub(r"(\d{4})-(NEXT|PREV)\.md", lambda m: names.get(m.group(1), m.group(0)), t)
            with open(p, "w") as f:
                f.write(t)


if __name__ == "__main__":
    main()
