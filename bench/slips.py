#!/usr/bin/env python3
"""Slips planted in real prose: does claimcheck flag a figure changed in a copy?

For N BBC articles (../shared/bench/corpus-bbc/bbc, benchmark input only), take one
claim with a subject key that claimcheck extracts from the article, write a copy of the
article with that figure changed (a year or day moved by 1-3, another figure halved,
doubled, tripled or x1.5, a small one +1 or +2), and run `claimcheck check --format
json` on the pair (both dated 2005-01-10). The slip is found when one conflict or
discrepancy finding holds the claim of both copies. Also counted: flags that do not
touch the slip (in two copies of one article: false alarms or the article's own
inconsistencies, counted twice).

  python3 bench/slips.py [--bin target/release/claimcheck] [-n 300] [--seed 1] [--any] [-v]

With --any the claim is picked among all the article's claims, also those with no
subject key (a date or a share no group holds: only the copy stage can flag them).

Prints a line `SUMMARY slip_recall=.. conflict=.. discrepancy=.. other_flags=.. pairs=..`.
Deterministic for a given seed and binary. Work files go to a temporary folder.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BBC = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench", "corpus-bbc", "bbc"))
SOURCES = '[[source]]\nfile = "a.txt"\ndate = "2005-01-10"\n\n[[source]]\nfile = "b.txt"\ndate = "2005-01-10"\n'
DIGITS = re.compile(r"\d[\d,]*(\.\d+)?")


def run(binary, *args):
    out = subprocess.run([binary, *args], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"slips.py: {binary} {' '.join(args)} failed ({out.returncode}): {out.stderr[:500]}")
    return json.loads(out.stdout)


def changed(c, rng):
    """The claim's text with its first figure changed, or None."""
    m = DIGITS.search(c["text"])
    if not m:
        return None
    num = m.group(0)
    v = float(num.replace(",", ""))
    if v in (0, 1):
        return None
    if c["kind"] == "date":
        nv = v + rng.choice([1, 2, -1, 3])
    elif v >= 10:
        nv = v * rng.choice([1.5, 2, 0.5, 3])
    else:
        nv = v + rng.choice([1, 2])
    if "." in num:
        new = f"{nv:.{len(num.split('.')[1])}f}"
    else:
        new = f"{int(nv):,}" if "," in num else str(int(nv))
    return None if new == num else c["text"].replace(num, new, 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/claimcheck")
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-v", action="store_true", help="list every missed slip")
    ap.add_argument("--any", action="store_true", help="pick among all claims, not only those with a subject key")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(BBC) for f in fs if f.endswith(".txt"))
    rng.shuffle(files)
    counts = {"conflict": 0, "discrepancy": 0, "other": 0, "missed": 0, "other_flags": 0}
    pairs = 0
    with tempfile.TemporaryDirectory() as work:
        for path in files:
            if pairs >= a.n:
                break
            try:
                text = open(path, encoding="utf-8").read()
            except UnicodeDecodeError:
                continue
            with open(os.path.join(work, "a.txt"), "w", encoding="utf-8") as f:
                f.write(text)
            claims = [c for c in run(a.bin, "claims", "--format", "json", os.path.join(work, "a.txt"))["claims"] if c["subject"] or a.any]
            if not claims:
                continue
            c = rng.choice(claims)
            new = changed(c, rng)
            if new is None:
                continue
            raw = text.encode()
            s, e = c["start"], c["end"]
            with open(os.path.join(work, "b.txt"), "wb") as f:
                f.write(raw[:s] + new.encode() + raw[e:])
            with open(os.path.join(work, "sources.toml"), "w") as f:
                f.write(SOURCES)
            rep = run(a.bin, "check", "--format", "json", work)
            byid = {x["id"]: x for x in rep["claims"]}
            at = lambda i: (os.path.basename(byid[i]["doc"]), byid[i]["start"])
            status = None
            for f in rep["findings"]:
                held = {at(i) for i in f["claims"]}
                if ("a.txt", s) in held and ("b.txt", s) in held and f["status"] in ("conflict", "discrepancy"):
                    status = f["status"]
                    break
            counts[status or "missed"] += 1
            counts["other_flags"] += sum(
                1
                for f in rep["findings"]
                if f["status"] in ("conflict", "discrepancy") and not any(byid[i]["start"] == s for i in f["claims"])
            )
            pairs += 1
            if status is None and a.v:
                print(f"missed {os.path.relpath(path, BBC)}: {c['text']!r} -> {new!r} ({c['subject']}): {c['sentence'][:160]}")
    found = counts["conflict"] + counts["discrepancy"]
    print(
        f"SUMMARY slip_recall={100.0 * found / max(pairs, 1):.1f} conflict={counts['conflict']} "
        f"discrepancy={counts['discrepancy']} other_flags={counts['other_flags']} pairs={pairs}"
    )


if __name__ == "__main__":
    main()
