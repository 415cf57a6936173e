#!/usr/bin/env python3
"""Compares two claimcheck JSON reports: byte for byte, and if they differ, how.

  same_report.py CHECK.json MERGED.json

First line, for scripts: `EQUAL bytes=yes`, or `EQUAL bytes=no lines=N` followed by a
summary that matches documents by path, claims and findings by id: how many are only
in one report, how many differ and in which fields, and whether every difference is a
number off in its last bit (a float printed, read back and printed again).
Exit 0 when byte-equal, 1 otherwise.
"""
import collections
import json
import math
import os
import sys


def diff(a, b, path, out):
    """Leaf differences of a and b as (path, kind) with kind ulp or value."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a.keys() | b.keys():
            diff(a.get(k), b.get(k), f"{path}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for x, y in zip(a, b):
            diff(x, y, f"{path}[]", out)
    elif isinstance(a, float) and isinstance(b, (int, float)) or isinstance(b, float) and isinstance(a, (int, float)):
        if a != b:
            out.append((path, "ulp" if abs(a - b) <= math.ulp(max(abs(a), abs(b))) else "value"))
    elif a != b:
        out.append((path, "value"))


def main():
    fa, fb = sys.argv[1:3]
    ba, bb = open(fa, "rb").read(), open(fb, "rb").read()
    pa, pb = os.path.basename(fa), os.path.basename(fb)
    if pa == pb:
        pa, pb = fa, fb
    if ba == bb:
        print(f"EQUAL bytes=yes size={len(ba)}")
        return 0
    la, lb = ba.split(b"\n"), bb.split(b"\n")
    nlines = sum(x != y for x, y in zip(la, lb)) + abs(len(la) - len(lb))
    print(f"EQUAL bytes=no lines={nlines}")
    ra, rb = json.loads(ba), json.loads(bb)
    kinds = collections.Counter()
    for section, key in (("documents", "path"), ("claims", "id"), ("findings", "id")):
        xa = {x[key]: x for x in ra.get(section, [])}
        xb = {x[key]: x for x in rb.get(section, [])}
        only_a, only_b = xa.keys() - xb.keys(), xb.keys() - xa.keys()
        fields = collections.Counter()
        changed = 0
        for k in xa.keys() & xb.keys():
            d = []
            diff(xa[k], xb[k], section, d)
            if d:
                changed += 1
                for p, kind in d:
                    fields[p] += 1
                    kinds[kind] += 1
        order = [x[key] for x in ra.get(section, []) if x[key] in xb] != [x[key] for x in rb.get(section, []) if x[key] in xa]
        kinds["value"] += len(only_a) + len(only_b) + order
        print(f"  {section}: {len(xa)} vs {len(xb)}; only in {pa}: {len(only_a)}, only in {pb}: {len(only_b)}, "
              f"differing: {changed}{', order differs' if order else ''}"
              + (f"; fields: {', '.join(f'{p} x{n}' for p, n in fields.most_common(6))}" if fields else ""))
        for k in sorted(only_a)[:2]:
            x = xa[k]
            print(f"    only in {pa}: {k} {x.get('doc', '')} {x.get('text', x.get('message', ''))[:100]!r}")
        for k in sorted(only_b)[:2]:
            x = xb[k]
            print(f"    only in {pb}: {k} {x.get('doc', '')} {x.get('text', x.get('message', ''))[:100]!r}")
    print(f"  every difference a last-bit float difference: {'yes' if kinds['ulp'] and not kinds['value'] else 'no'}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
