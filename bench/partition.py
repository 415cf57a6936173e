#!/usr/bin/env python3
"""The shuffle of claimcheck's map/reduce, for shell pipelines (README "Past one machine").

  partition.py P OUT_PREFIX STREAM.jsonl...

Reads claims streams (`claimcheck claims --format jsonl`), writes OUT_PREFIX.000.jsonl
... OUT_PREFIX.<P-1>.jsonl: each claim line to partition crc32(block) % P, every
document record to every partition (each reducer needs all documents). Each partition
then goes through `claimcheck compare PART --format json` on its own, and the reports
through `claimcheck merge`.
"""
import json
import sys
import zlib


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    p, prefix, streams = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    outs = [open(f"{prefix}.{i:03d}.jsonl", "w") for i in range(p)]
    for s in streams:
        with open(s) as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                if r["type"] == "document":
                    for o in outs:
                        o.write(line)
                else:
                    outs[zlib.crc32(r["block"].encode()) % p].write(line)
    for o in outs:
        o.close()


if __name__ == "__main__":
    main()
