#!/usr/bin/env python3
"""Slips planted across outlets: change an agreed figure in one article of a real story.

For every claim of every gold agreement of the cross-check stories
(../shared/bench/crosscheck-dev/, input only), the agreed figure is changed in its
article (the leading digit up one, a date's day or a year by one) and the story is
checked. Found when one conflict or discrepancy holds the changed claim and the claim
of another article of that agreement. Unlike bench/slips.py (a copy of one article,
the same sentence around the figure) the two articles word the fact in their own
ways, and much is left alone by design: a running toll changed in an article of
another day is a timeline, an amount with no event is never compared, nor are two
sentences that share no content word. It measures how far the groups reach, not a
target.

Every run also says whether a flag holds two unplanted claims that no flag of the
unchanged story holds together ("new_flags": runs with such a flag): a slip must not
make the tool flag other things.

usage: python3 bench/planted.py [--bin target/release/claimcheck] [-v]
Prints one line per miss with -v, and ends with
SUMMARY planted=.. recall=.. new_flags=..
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
STORIES = os.path.join(HERE, "..", "..", "shared", "bench", "crosscheck-dev")
FLAGS = {"conflict", "discrepancy", "weekday_mismatch"}
MONTH = re.compile(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? $")


def check(binary, folder):
    p = subprocess.run([binary, "check", "--format", "json", "-q", folder], capture_output=True)
    if p.returncode not in (0, 1):
        sys.exit(f"{binary} check {folder}: exit {p.returncode}\n{p.stderr.decode(errors='replace')}")
    return json.loads(p.stdout)


def flag_sets(rep):
    """Each flag finding as the set of (file, start) of its claims."""
    cl = {c["id"]: (os.path.basename(c["doc"]), c["start"]) for c in rep["claims"]}
    return [frozenset(cl[i] for i in f["claims"]) for f in rep["findings"] if f["status"] in FLAGS]


def new_pairs(flags, known, planted):
    """Whether a flag that holds no planted claim holds two claims that no flag of the
    unchanged story holds together."""
    def pairs(fs):
        out = set()
        for f in fs:
            f = sorted(f)
            out |= {(x, y) for i, x in enumerate(f) for y in f[i + 1:]}
        return out
    return bool(pairs(f for f in flags if not f & planted) - pairs(known))


def overlapping(rep, doc, start, end):
    return {(os.path.basename(c["doc"]), c["start"]) for c in rep["claims"]
            if os.path.basename(c["doc"]) == doc and c["start"] < end and start < c["end"]}


def judge(rep, known, planted, originals, what, verbose, out):
    """(whether a flag holds a planted claim and an original, whether a flag holds
    anything new); with `verbose`, a line for a miss or a new flag in `out`."""
    flags = flag_sets(rep)
    ok = any(planted & f and originals & f for f in flags)
    extra = new_pairs(flags, known, planted)
    if verbose and extra:
        out.append("  " + what.format("new flag"))
    if verbose and not ok:
        out.append("  " + what.format("miss"))
    return ok, extra


def story_copy(story, work):
    d = tempfile.mkdtemp(dir=work)
    for f in os.listdir(os.path.join(story, "articles")):
        shutil.copy(os.path.join(story, "articles", f), d)
    shutil.copy(os.path.join(story, "sources.toml"), d)
    return d


def change(figure):
    """The figure with its leading digit (a year: its last digit) changed."""
    digits = figure.replace(",", "")
    if re.fullmatch(r"(19|20)\d\d", digits):
        return str(int(digits) + 1)
    d0 = int(figure[0])
    return str(d0 + 1 if d0 < 9 else d0 - 1) + figure[1:]


def agreements(args, story, base, work, out):
    gold = tomllib.load(open(os.path.join(story, "gold.toml"), "rb"))
    known = flag_sets(check(args.bin, story_copy(story, work)))
    tried = found = new = 0
    for item in gold.get("agreement", []):
        if len({c["doc"] for c in item["claims"]}) < 2:
            continue
        for c in item["claims"]:
            m = re.search(r"\d[\d,]*(?:\.\d+)?", c["quote"])
            if not m:
                continue
            d = story_copy(story, work)
            path = os.path.join(d, c["doc"])
            text = open(path, encoding="utf-8").read()
            q = text.find(c["quote"])
            figure = m.group(0).rstrip(",")
            if MONTH.search(c["quote"][:m.start()]):
                day = int(figure)
                new_figure = str(day + 1 if day < 28 else day - 1)
            else:
                new_figure = change(figure)
            a = q + m.start()
            open(path, "w", encoding="utf-8").write(text[:a] + new_figure + text[a + len(figure):])
            rep = check(args.bin, d)
            shutil.rmtree(d)
            start = len(text[:a].encode())
            planted = overlapping(rep, c["doc"], start, start + len(new_figure.encode()))
            others = set()
            for o in item["claims"]:
                if o["doc"] != c["doc"]:
                    t = open(os.path.join(story, "articles", o["doc"]), encoding="utf-8").read()
                    s = len(t[:t.find(o["quote"])].encode())
                    others |= overlapping(rep, o["doc"], s, s + len(o["quote"].encode()))
            what = f"{{}}  {base}/{c['doc']}: {c['quote']!r} -> {new_figure}"
            ok, extra = judge(rep, known, planted, others, what, args.v, out)
            tried += 1
            found += ok
            new += extra
    return tried, found, new


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/claimcheck")
    ap.add_argument("-v", action="store_true", help="list every miss")
    args = ap.parse_args()
    args.bin = os.path.abspath(args.bin)
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"no claimcheck binary at {args.bin} (build it: cargo build --release)")
    totals = [0] * 3
    with tempfile.TemporaryDirectory() as work:
        for story in sorted(os.path.join(STORIES, s) for s in os.listdir(STORIES)):
            if not os.path.isdir(story):
                continue
            base, out = os.path.basename(story), []
            run = agreements(args, story, base, work, out)
            print(f"{base:12} found {run[1]:>3}/{run[0]:<3} runs with new flags {run[2]}")
            print("\n".join(out)) if out else None
            totals = [t + r for t, r in zip(totals, run)]
    tried, found, new = totals
    print(f"SUMMARY planted={tried} recall={100 * found / max(tried, 1):.1f} new_flags={new}")


if __name__ == "__main__":
    main()
