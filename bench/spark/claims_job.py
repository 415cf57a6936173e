#!/usr/bin/env python3
"""claimcheck past one machine, as a Spark job (see README "Past one machine").

  map:     RDD of article paths, S slices -> mapPartitions: `claimcheck claims --format jsonl`
           on the slice's files (one process per slice)
  settle:  the document records to the driver -> `claimcheck prior`: the folder's year
           prior, and the few documents a slice dated with its own prior otherwise ->
           `claimcheck claims --format jsonl --year-prior YEAR` on those (on the driver),
           whose lines join the map's (they replace the slice's records of them)
  shuffle: each claim line keyed by its `block` (crc32 % P); each document record
           replicated to all P partitions (every reducer needs every document: near-duplicate
           sources decide agreement tallies); partitionBy(P)
  reduce:  each partition's lines into a file -> `claimcheck compare FILE --format json`
  merge:   the P partition reports -> `claimcheck merge` (on the driver)

Prints one line for scripts: JOB master=.. seconds=.. (the job, without starting Spark)
Paths must be given to the binary exactly as `check` sees them: the corpus folder as
given, joined with each file's path under it (what `check FOLDER` prints as `doc`).
"""
import argparse
import json
import os
import subprocess
import sys
import time
import zlib


def files_under(root):
    out = []
    for d, dirs, names in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        out.extend(os.path.join(d, n) for n in sorted(names) if n.endswith(".txt"))
    return sorted(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="the claimcheck binary")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--slices", type=int, default=8, help="map tasks (shards of files)")
    ap.add_argument("--partitions", type=int, default=8, help="reduce tasks (block partitions)")
    ap.add_argument("--task-threads", type=int, default=1,
                    help="RAYON_NUM_THREADS of each task's binary (1: local[N] uses N cores)")
    ap.add_argument("--work", required=True, help="a folder for the partition files and reports")
    ap.add_argument("--out", required=True, help="the merged report")
    ap.add_argument("corpus")
    a = ap.parse_args()

    from pyspark import SparkConf, SparkContext, StorageLevel

    binary = os.path.abspath(a.bin)
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    P = a.partitions
    env = dict(os.environ, RAYON_NUM_THREADS=str(a.task_threads))
    conf = (SparkConf().setMaster(a.master).setAppName("claimcheck")
            .set("spark.ui.enabled", "false").set("spark.driver.memory", "4g")
            .set("spark.python.worker.reuse", "true"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    t0 = time.monotonic()

    files = files_under(a.corpus)

    def claims(paths, *flags):
        r = subprocess.run([binary, "claims", "--format", "jsonl", "-q", *flags, *paths], capture_output=True, env=env)
        if r.returncode not in (0, 1):
            raise RuntimeError(f"claims: exit {r.returncode}: {r.stderr.decode(errors='replace')[:2000]}")
        return [line for line in r.stdout.decode().splitlines() if line.strip()]

    def keyed(lines):
        for line in lines:
            rec = json.loads(line)
            if rec["type"] == "document":
                for p in range(P):
                    yield (p, line)
            else:
                yield (zlib.crc32(rec["block"].encode()) % P, line)

    def extract(paths):
        paths = list(paths)
        if paths:
            yield from claims(paths)

    def reduce(index, pairs):
        part = os.path.join(work, f"part-{index:04d}.jsonl")
        report = os.path.join(work, f"part-{index:04d}.json")
        with open(part, "w") as f:
            for _, line in pairs:
                f.write(line)
                f.write("\n")
        with open(report, "wb") as out:
            r = subprocess.run([binary, "compare", part, "--format", "json"], stdout=out, stderr=subprocess.PIPE, env=env)
        if r.returncode not in (0, 1):
            raise RuntimeError(f"compare: exit {r.returncode}: {r.stderr.decode(errors='replace')[:2000]}")
        os.remove(part)
        yield report

    mapped = sc.parallelize(files, a.slices).mapPartitions(extract).persist(StorageLevel.MEMORY_AND_DISK)
    # settle the folder's year prior from every document record (serde writes the tag first)
    docs = os.path.join(work, "documents.jsonl")
    with open(docs, "w") as f:
        for line in mapped.filter(lambda l: l.startswith('{"type":"document"')).collect():
            f.write(line)
            f.write("\n")
    r = subprocess.run([binary, "prior", docs], capture_output=True, check=True)
    year, *stale = r.stdout.decode().splitlines()
    os.remove(docs)
    again = sc.parallelize(claims(stale, "--year-prior", year) if stale else [], 1)
    print(f"PRIOR year={year} extracted-again={len(stale)}", file=sys.stderr)
    reports = (mapped.union(again)
               .mapPartitions(keyed)
               .partitionBy(P, lambda k: k)
               .mapPartitionsWithIndex(reduce)
               .collect())
    with open(a.out, "wb") as out:
        r = subprocess.run([binary, "merge", *sorted(reports)], stdout=out, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit(f"merge: exit {r.returncode}: {r.stderr.decode(errors='replace')}")
    for p in reports:
        os.remove(p)
    secs = time.monotonic() - t0
    sc.stop()
    print(f"JOB master={a.master} files={len(files)} slices={a.slices} partitions={P} seconds={secs:.2f} "
          f"prior={year} extracted_again={len(stale)}")


if __name__ == "__main__":
    main()
