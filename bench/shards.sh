#!/usr/bin/env bash
# claimcheck past one machine with shell tools only (README "Past one machine"):
# map shards through `claims --format jsonl`, shuffle claims by block, `compare` each
# partition, `merge`; then the same folder through one `check`, compared byte for byte.
#
#   bench/shards.sh [CORPUS]    default: /tmp/claimcheck-bench/x10 (bench/run.sh makes it)
#   SHARDS=8 PARTS=8 JOBS=2     xargs -P is GNU parallel's -j: any runner of shell commands will do
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-/tmp/claimcheck-bench/x10}
SHARDS=${SHARDS:-8} PARTS=${PARTS:-8} JOBS=${JOBS:-2}
TARGET=${CARGO_TARGET_DIR:-target}
case $TARGET in /*) ;; *) TARGET=$PWD/$TARGET ;; esac
BIN=$TARGET/release/claimcheck
cargo build --release -q
W=$(mktemp -d "${TMPDIR:-/tmp}/claimcheck-shards.XXXXXX")
trap 'rm -rf "$W"' EXIT
t0=$EPOCHREALTIME
# map: round-robin shards of the files (paths as `check CORPUS` names them)
find "$CORPUS" -type f -name '*.txt' | sort | split -n "r/$SHARDS" -d -a 3 - "$W/shard."
ls "$W"/shard.??? | xargs -P "$JOBS" -I{} sh -c "xargs -a {} -d '\n' -s 1000000 '$BIN' claims --format jsonl -q > {}.jsonl"
# settle the folder's year prior over every shard; extract again what it dates otherwise
"$BIN" prior "$W"/shard.???.jsonl > "$W/prior.txt"
YEAR=$(head -1 "$W/prior.txt")
tail -n +2 "$W/prior.txt" | xargs -r -d '\n' "$BIN" claims --format jsonl -q --year-prior "$YEAR" > "$W/shard.again.jsonl"
t1=$EPOCHREALTIME
# shuffle: each claim to partition crc32(block) % PARTS, every document record to every partition
python3 bench/partition.py "$PARTS" "$W/part" "$W"/shard.???.jsonl "$W/shard.again.jsonl"
t2=$EPOCHREALTIME
# reduce: each partition on its own (exit 1 only says that flags were found)
ls "$W"/part.???.jsonl | xargs -P "$JOBS" -I{} sh -c "'$BIN' compare {} --format json > {}.json || [ \$? = 1 ]"
t3=$EPOCHREALTIME
"$BIN" merge "$W"/part.???.jsonl.json > "$W/merged.json"
t4=$EPOCHREALTIME
"$BIN" check -q --format json "$CORPUS" > "$W/check.json" || [ $? = 1 ]
t5=$EPOCHREALTIME
s() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
echo "shards: $CORPUS, $SHARDS shards, $PARTS partitions, $JOBS at a time; year prior $YEAR, $(($(wc -l < "$W/prior.txt") - 1)) documents extracted again"
echo "map $(s "$t0" "$t1") s, shuffle $(s "$t1" "$t2") s, reduce $(s "$t2" "$t3") s, merge $(s "$t3" "$t4") s: total $(s "$t0" "$t4") s; one check $(s "$t4" "$t5") s"
python3 bench/spark/same_report.py "$W/check.json" "$W/merged.json" || true
