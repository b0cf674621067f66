#!/usr/bin/env python3
"""Compares `techlead debt scan --format json` with leasot's JSON report on
the same files: every marker leasot finds must be one we find, matched by
(file, line, tag). Prints the counts, each difference class with an
example, and a JSON summary line for the results writer.

    debt_compare.py ROOT LEASOT.json TECHLEAD.json
"""
import json
import sys


def load_leasot(path):
    out = set()
    for m in json.load(open(path)):
        out.add((m["file"], int(m["line"]), m["tag"].upper()))
    return out


def load_ours(path):
    out = set()
    for m in json.load(open(path)):
        out.add((m["file"], int(m["line"]), m["tag"]))
    return out


def line_of(root, file, line):
    try:
        with open(f"{root}/{file}", encoding="utf-8", errors="replace") as f:
            for i, text in enumerate(f, 1):
                if i == line:
                    return text.rstrip("\n")
    except OSError:
        pass
    return ""


def extra_class(text, tag):
    """Why leasot does not report a marker we found."""
    if tag in ("HACK", "XXX", "BUG"):
        return "tags leasot does not look for by default (HACK, XXX, BUG)"
    stripped = text.strip()
    for opener in ("//", "#", "/*", "*", "<!--", '"""', "'''"):
        if stripped.startswith(opener):
            rest = stripped[len(opener):].lstrip(" */!@-")
            if not rest.upper().startswith(tag):
                return "tag later in the comment, not where it opens"
            return "comment leasot's line patterns do not read (`///` docs, an unclosed `<!--` on its line)"
    if any(o in stripped for o in ("//", "#", "/*", "<!--")):
        return "after code on the same line"
    return "inside a docstring or block comment, on a line that does not open it"


def main():
    root, leasot_json, ours_json = sys.argv[1:4]
    theirs = load_leasot(leasot_json)
    ours = load_ours(ours_json)
    missing = sorted(theirs - ours)
    extra = sorted(ours - theirs)
    print(f"leasot: {len(theirs)} markers; techlead: {len(ours)}; "
          f"found by both: {len(theirs & ours)}")
    print(f"leasot's markers that techlead misses: {len(missing)}")
    for f, l, t in missing[:20]:
        print(f"  MISSED {f}:{l} {t}: {line_of(root, f, l).strip()[:100]}")
    classes = {}
    for f, l, t in extra:
        c = extra_class(line_of(root, f, l), t)
        classes.setdefault(c, []).append((f, l, t))
    print(f"techlead's markers that leasot does not report: {len(extra)}")
    for c, items in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        f, l, t = items[0]
        print(f"  {len(items):4}  {c}; e.g. {f}:{l} {line_of(root, f, l).strip()[:90]}")
    summary = {
        "leasot": len(theirs),
        "techlead": len(ours),
        "both": len(theirs & ours),
        "missed": len(missing),
        "extra": {c: len(v) for c, v in classes.items()},
        "extra_examples": {c: "{}:{} {}".format(v[0][0], v[0][1], line_of(root, v[0][0], v[0][1]).strip()[:90])
                           for c, v in classes.items()},
    }
    print("SUMMARY " + json.dumps(summary))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
