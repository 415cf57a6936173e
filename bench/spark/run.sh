#!/usr/bin/env bash
# claimcheck through Spark in local mode, against one `check` over the same folder.
#
#   bench/spark/run.sh [CORPUS]      default: BBC x10 under /tmp/claimcheck-bench (made if missing)
#
# Makes its own venv (pyspark from PyPI), needs Java 17+ (installs Debian's
# openjdk-17-jre-headless only when java is missing), runs bench/spark/claims_job.py
# with local[1] and local[2], and checks each merged report against
# `claimcheck check --format json CORPUS` byte for byte. Prints Markdown.
#
#   VENV=/tmp/claimcheck-spark-venv  PYSPARK_VERSION=4.3.0  SLICES=8  PARTITIONS=8
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
WORK=${WORK:-/tmp/claimcheck-bench}
CORPUS=${1:-$WORK/x10}
VENV=${VENV:-/tmp/claimcheck-spark-venv}
PYSPARK_VERSION=${PYSPARK_VERSION:-4.3.0}
SLICES=${SLICES:-8}
PARTITIONS=${PARTITIONS:-8}
TARGET=${CARGO_TARGET_DIR:-target}
case $TARGET in /*) ;; *) TARGET=$ROOT/$TARGET ;; esac
BIN=$TARGET/release/claimcheck
cargo build --release -q

if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >&2
  else
    echo "spark: java is missing (install openjdk-17-jre-headless)" >&2; exit 2
  fi
fi
JAVA=$(java -version 2>&1 | head -1)
major=$(java -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}')
if [ "${major:-0}" -lt 17 ]; then echo "spark: Spark 4 needs Java 17 or later, found: $JAVA" >&2; exit 2; fi

if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  "$VENV/bin/pip" install -q "pyspark==$PYSPARK_VERSION" >&2
fi
PY=$VENV/bin/python
export PYSPARK_PYTHON=$PY PYSPARK_DRIVER_PYTHON=$PY

if [ ! -d "$CORPUS" ]; then
  mkdir -p "$(dirname "$CORPUS")"
  python3 bench/gen_corpus.py --scale 10 "$CORPUS"
fi
OUT=$(mktemp -d "${TMPDIR:-/tmp}/claimcheck-spark.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

wall() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

t0=$EPOCHREALTIME
/usr/bin/time -o "$OUT/check.time" -f '%M' "$BIN" check -q --format json "$CORPUS" >"$OUT/check.json" || true
t1=$EPOCHREALTIME
check_s=$(wall "$t0" "$t1"); check_rss=$(( $(tail -1 "$OUT/check.time") / 1024 ))

# local[1] and local[2] with $SLICES map slices; then local[2] with one map slice (one
# `claims` process over all files: isolates the shuffle and reduce side).
RUNS_=("local[1] $SLICES" "local[2] $SLICES" "local[2] 1")
declare -A JOB TOTAL EQ AGAIN
for r in "${RUNS_[@]}"; do
  read -r m s <<<"$r"
  t0=$EPOCHREALTIME
  line=$("$PY" bench/spark/claims_job.py --bin "$BIN" --master "$m" --slices "$s" --partitions "$PARTITIONS" \
    --work "$OUT/work" --out "$OUT/merged.json" "$CORPUS" 2>"$OUT/spark.err" | grep '^JOB ') \
    || { cat "$OUT/spark.err" >&2; exit 1; }
  t1=$EPOCHREALTIME
  TOTAL[$r]=$(wall "$t0" "$t1")
  JOB[$r]=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<<"$line")
  AGAIN[$r]=$(sed 's/.*prior=\([^ ]*\) extracted_again=\([0-9]*\).*/prior \1, \2 extracted again/' <<<"$line")
  EQ[$r]=$(python3 bench/spark/same_report.py "$OUT/check.json" "$OUT/merged.json" || true)
done

files=$(find "$CORPUS" -type f -name '*.txt' | wc -l)
mb=$(du -sb "$CORPUS" | awk '{printf "%.1f", $1 / 1e6}')
echo "# claimcheck on Spark (local mode) vs one check"
echo
echo "- date: $(date -u +%Y-%m-%d)"
echo "- machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (shared machine)"
echo "- $JAVA; pyspark $("$PY" -c 'import pyspark; print(pyspark.__version__)'); $(rustc --version); commit $(git rev-parse --short HEAD)"
echo "- corpus: $CORPUS ($files files, $mb MB); map slices as in the table (one \`claims --format jsonl\` process each), $PARTITIONS block partitions (one \`compare\` each), then \`merge\` on the driver; every task runs its binary with RAYON_NUM_THREADS=1, so local[N] uses N cores"
echo
echo "| run | map slices | wall s | of which Spark job s | year prior settled | equal to check, byte for byte |"
echo "|---|---|---|---|---|---|"
echo "| \`check --format json\` (one process, $(nproc) threads; peak RSS $check_rss MiB) | – | $check_s | – | – | – |"
for r in "${RUNS_[@]}"; do
  read -r m s <<<"$r"
  first=${EQ[$r]%%$'\n'*}
  verdict=no; [[ $first = "EQUAL bytes=yes"* ]] && verdict=yes
  echo "| Spark \`$m\` | $s | ${TOTAL[$r]} | ${JOB[$r]} | ${AGAIN[$r]} | $verdict |"
done
for r in "${RUNS_[@]}"; do
  read -r m s <<<"$r"
  echo
  echo "Merged report against check, $m, $s map slices:"
  echo
  echo '```'
  echo "${EQ[$r]}"
  echo '```'
done
