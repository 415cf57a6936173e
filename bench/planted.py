#!/usr/bin/env python3
"""Planted slips: change one figure in real prose and see whether claimcheck flags it.

Two experiments on the cross-check stories (../shared/bench/crosscheck-dev/, input only):

- copies: an article is copied (same date, outlet "copy of ...") and one digit of one
  of its figures is changed in the copy (seeded sample of claims per story). Found when
  one conflict or discrepancy holds the changed claim and the original's.
- agreements: in one article of a gold agreement, the agreed figure is changed (the
  leading digit, a date's day or a year). Found when one conflict or discrepancy holds
  the changed claim and the claim of another article of that agreement. Many of these
  are legitimately left alone by design (a changed running toll on another day is a
  timeline; an amount with no event is never compared), so this is a ceiling, not a
  target.

Every run also says whether a flag holds two unplanted claims that no flag of the
unchanged story holds together ("new_flags": runs with such a flag): a slip must not
make the tool flag other things.

usage: python3 bench/planted.py [--bin target/release/claimcheck] [--per-story 40] [-v]
Prints one line per miss with -v, and ends with
SUMMARY copies=.. copy_recall=.. agreements=.. agreement_recall=.. new_flags=..
"""
import argparse
import json
import os
import random
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
    unchanged story holds together (a copy's claims stand for the original's)."""
    flags = [f for f in flags if not f & planted]
    def pairs(fs):
        out = set()
        for f in fs:
            f = sorted({(d.removeprefix("zz_"), s) for d, s in f})
            out |= {(x, y) for i, x in enumerate(f) for y in f[i + 1:]}
        return out
    gone = {(d.removeprefix("zz_"), s) for d, s in planted}
    return any(not (set(p) & gone) for p in pairs(flags) - pairs(known))


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


def copies(args, story, base, work, out):
    rng = random.Random(7)
    rep0 = check(args.bin, story_copy(story, work))
    known = flag_sets(rep0)
    pool = [c for c in rep0["claims"] if re.search(r"\d", c["text"]) and c["kind"] != "duration"]
    found = new = 0
    picks = rng.sample(pool, min(args.per_story, len(pool)))
    for c in picks:
        doc = os.path.basename(c["doc"])
        d = story_copy(story, work)
        raw = open(os.path.join(d, doc), "rb").read()
        text = raw[c["start"]:c["end"]].decode()
        # A date's last digit of its first number goes down one, or up from 0 or 1
        # (a day or a year stays one: "July 25" -> "July 24", "1946" -> "1945"); any
        # other figure's leading digit goes up one (9 down).
        run = re.search(r"\d+", text)
        last = c["kind"] == "date"
        at = c["start"] + len(text[:run.end() - 1 if last else run.start()].encode())
        d0 = raw[at] - ord("0")
        d1 = (d0 - 1 if d0 > 1 else d0 + 1) if last else (d0 + 1 if d0 < 9 else d0 - 1)
        copy = "zz_" + doc
        open(os.path.join(d, copy), "wb").write(raw[:at] + str(d1).encode() + raw[at + 1:])
        sources = tomllib.load(open(os.path.join(d, "sources.toml"), "rb"))
        entry = next(s for s in sources["source"] if s["file"] == doc)
        with open(os.path.join(d, "sources.toml"), "a") as f:
            f.write(f'\n[[source]]\nfile = "{copy}"\ndate = "{entry["date"]}"\noutlet = "copy of {doc}"\n')
        rep = check(args.bin, d)
        shutil.rmtree(d)
        planted = overlapping(rep, copy, at, at + 1)
        original = {(doc, c["start"])}
        ok, extra = judge(rep, known, planted, original, f"copy {{}}  {base}/{doc}: {text!r}", args.v, out)
        found += ok
        new += extra
    return len(picks), found, new


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
            what = f"agreement {{}}  {base}/{c['doc']}: {c['quote']!r} -> {new_figure}"
            ok, extra = judge(rep, known, planted, others, what, args.v, out)
            tried += 1
            found += ok
            new += extra
    return tried, found, new


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/claimcheck")
    ap.add_argument("--per-story", type=int, default=40, help="copies planted per story")
    ap.add_argument("-v", action="store_true", help="list every miss")
    args = ap.parse_args()
    args.bin = os.path.abspath(args.bin)
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"no claimcheck binary at {args.bin} (build it: cargo build --release)")
    totals = [0] * 5
    with tempfile.TemporaryDirectory() as work:
        for story in sorted(os.path.join(STORIES, s) for s in os.listdir(STORIES)):
            if not os.path.isdir(story):
                continue
            base, out = os.path.basename(story), []
            ct, cf, cn = copies(args, story, base, work, out)
            at, af, an = agreements(args, story, base, work, out)
            print(f"{base:12} copies {cf:>3}/{ct:<3} agreements {af:>3}/{at:<3} runs with new flags {cn + an}")
            print("\n".join(out)) if out else None
            for k, v in enumerate([ct, cf, at, af, cn + an]):
                totals[k] += v
    ct, cf, at, af, new = totals
    print(f"SUMMARY copies={ct} copy_recall={100 * cf / max(ct, 1):.1f} "
          f"agreements={at} agreement_recall={100 * af / max(at, 1):.1f} new_flags={new}")


if __name__ == "__main__":
    main()
