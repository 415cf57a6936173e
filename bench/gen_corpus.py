#!/usr/bin/env python3
"""Make benchmark corpora from the BBC news corpus (../shared/bench/corpus-bbc/bbc).

  gen_corpus.py --scale N OUT        N renamed copies of every article, figures perturbed
  gen_corpus.py --adversarial K OUT  K articles whose claims nearly all share one subject

Copies keep the text's shape (same sentences, same byte length classes) but change some
figures, so grouping and comparing have real work: a copy that changes a figure is
exactly what claimcheck must flag. The corpus itself is benchmark input only: it is
written under OUT (default /tmp), never into the repository.
Deterministic: the same arguments give the same bytes.
"""
import argparse
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SRC = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench", "corpus-bbc", "bbc"))
NUM = re.compile(rb"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,]|\.\d)")


def articles(src):
    out = []
    for topic in sorted(os.listdir(src)):
        d = os.path.join(src, topic)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt"):
                with open(os.path.join(d, name), "rb") as f:
                    out.append((topic, name, f.read()))
    return out


def perturb(text, rng):
    """Change about one figure in five by a few per cent (never years)."""
    def sub(m):
        s = m.group(1)
        v = int(s.replace(b",", b""))
        if 1900 <= v <= 2100 or rng.random() > 0.2:
            return m.group(0)
        v2 = max(1, int(v * rng.choice([0.8, 0.9, 1.1, 1.25]))) if v > 9 else v + 1
        t = f"{v2:,}" if b"," in s else str(v2)
        return t.encode()
    return NUM.sub(sub, text)


def scale(src, n, out):
    arts = articles(src)
    rng = random.Random(20261201)
    for copy in range(n):
        for topic, name, text in arts:
            d = os.path.join(out, f"{topic}-{copy:03d}")
            os.makedirs(d, exist_ok=True)
            body = text if copy == 0 else perturb(text, rng)
            with open(os.path.join(d, name), "wb") as f:
                f.write(body)


ADVERSARIAL = (
    "Officials said {n:,} people were killed in the floods on {day} March, "
    "and {m:,} people were killed in the storm that followed. "
    "Rescuers said about {k:,} people were killed in the valley.\n"
)


def adversarial(k, out):
    """K short articles, each with three death tolls of one flood: one subject key for
    nearly every claim, thousands of distinct values."""
    rng = random.Random(7)
    os.makedirs(out, exist_ok=True)
    for i in range(k):
        paras = [ADVERSARIAL.format(n=rng.randrange(10, 90000), m=rng.randrange(10, 90000),
                                    k=rng.randrange(10, 90000), day=rng.randrange(1, 28)) for _ in range(12)]
        with open(os.path.join(out, f"a{i:05d}.txt"), "w") as f:
            f.write(f"Flood toll rises\n\n{''.join(paras)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--scale", type=int, metavar="N")
    g.add_argument("--adversarial", type=int, metavar="K")
    ap.add_argument("--src", default=DEFAULT_SRC)
    ap.add_argument("out")
    a = ap.parse_args()
    if os.path.exists(a.out) and os.listdir(a.out):
        sys.exit(f"{a.out}: exists and is not empty")
    if a.scale is not None:
        if a.scale < 1:
            sys.exit("--scale: N must be at least 1")
        if not os.path.isdir(a.src):
            sys.exit(f"{a.src}: the BBC corpus is not there (pass --src)")
        scale(a.src, a.scale, a.out)
    else:
        adversarial(a.adversarial, a.out)


if __name__ == "__main__":
    main()
