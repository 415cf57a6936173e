#!/usr/bin/env python3
"""Block-size distribution of a claims stream (`claimcheck claims --format jsonl`).

  claimcheck claims --format jsonl CORPUS > claims.jsonl
  python3 bench/blocks.py claims.jsonl [more.jsonl ...]   (- reads standard input)

A block is a claim's subject key: `compare` judges only claims of one block against
each other, so the largest block bounds what any number of reducers can do in
parallel (one reducer must hold it all, and judging it costs more than linearly).
Prints Markdown: claims, blocks, the largest blocks with their share of all claims,
and how many claims sit in blocks of each size class.
"""
import collections
import json
import sys


def main():
    paths = sys.argv[1:] or ["-"]
    sizes = collections.Counter()
    docs = 0
    for p in paths:
        f = sys.stdin if p == "-" else open(p)
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            if r["type"] == "document":
                docs += 1
            else:
                sizes[r["block"]] += 1
    n = sum(sizes.values())
    if not n:
        sys.exit("no claims")
    unkeyed = sizes.pop("", 0)
    keyed = n - unkeyed
    print(f"- documents: {docs:,}; claims: {n:,}, of which {unkeyed:,} ({100 * unkeyed / n:.1f} %) have no subject key (never grouped)")
    print(f"- blocks: {len(sizes):,} (keyed claims: {keyed:,})")
    top = sizes.most_common(10)
    if top:
        b, s = top[0]
        print(f"- largest block: `{b}` with {s:,} claims = {100 * s / n:.2f} % of all claims ({100 * s / max(keyed, 1):.2f} % of keyed claims)")
        pairs = sum(c * (c - 1) // 2 for c in sizes.values())
        print(f"- claim pairs within blocks: {pairs:,}; the largest block's share of them: {100 * (s * (s - 1) // 2) / max(pairs, 1):.1f} %")
    print()
    print("| block | claims | share of all claims |")
    print("|---|---|---|")
    for b, s in top:
        print(f"| `{b}` | {s:,} | {100 * s / n:.2f} % |")
    print()
    print("| block size | blocks | claims | share of keyed claims |")
    print("|---|---|---|---|")
    edges = [1, 2, 10, 100, 1000, 10000, 100000, 10**9]
    for lo, hi in zip(edges, edges[1:]):
        sel = [c for c in sizes.values() if lo <= c < hi]
        if sel:
            label = f"{lo}" if hi == lo + 1 else f"{lo:,}–{hi - 1:,}"
            print(f"| {label} | {len(sel):,} | {sum(sel):,} | {100 * sum(sel) / max(keyed, 1):.1f} % |")


if __name__ == "__main__":
    main()
