#!/usr/bin/env bash
# claimcheck beside two Python peers on the same 445 BBC articles (every fifth, in path
# order): quantulum3 (quantities) and dateparser's search_dates (dates), each in a venv
# under /tmp; claimcheck `claims --format json` (all kinds) on the same files.
# Prints Markdown. The peers do less than claimcheck (one kind each, no grouping).
#   VENV=/tmp/claimcheck-peers-venv  SUBSET=/tmp/claimcheck-bench/bbc-445  TIMEOUT=900
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-/tmp/claimcheck-peers-venv}
SUBSET=${SUBSET:-/tmp/claimcheck-bench/bbc-445}
TIMEOUT=${TIMEOUT:-900}
SRC=${SRC:-../shared/bench/corpus-bbc/bbc}
TARGET=${CARGO_TARGET_DIR:-target}
BIN=$TARGET/release/claimcheck
cargo build --release -q
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import quantulum3, dateparser' 2>/dev/null \
  || "$VENV/bin/pip" install -q "quantulum3==${QUANTULUM3_VERSION:-0.10.0}" "dateparser==${DATEPARSER_VERSION:-1.5.0}" >&2
if [ ! -d "$SUBSET" ]; then
  mkdir -p "$SUBSET"
  find "$SRC" -type f -name '*.txt' | sort | awk 'NR % 5 == 1' | while read -r f; do
    cp "$f" "$SUBSET/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
fi
n=$(find "$SUBSET" -type f | wc -l); b=$(du -sb "$SUBSET" | cut -f1)

row() { # name seconds items peak-KiB
  awk -v t="$1" -v s="$2" -v i="$3" -v m="$4" -v n="$n" -v b="$b" 'BEGIN {
    printf "| %s | %.2f | %.3f | %.1f | %s | %.0f |\n", t, s, b / 1e6 / s, n / s, i, m / 1024 }'
}
timed() { # out-file cmd...: prints "seconds peak-KiB"
  local out=$1; shift
  local t0=$EPOCHREALTIME
  timeout "$TIMEOUT" /usr/bin/time -o "$out.time" -f '%M' "$@" >"$out" 2>/dev/null || true
  awk -v a="$t0" -v b="$EPOCHREALTIME" -v m="$(tail -1 "$out.time")" 'BEGIN { printf "%.3f %s\n", b - a, m }'
}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT

read -r s m < <(timed "$W/cc.json" "$BIN" claims -q --format json "$SUBSET")
cc=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["claims"]))' "$W/cc.json")
cat >"$W/q.py" <<'PY'
import os, sys, warnings
warnings.filterwarnings("ignore")
from quantulum3 import parser
n = 0
for f in sorted(os.listdir(sys.argv[1])):
    text = open(os.path.join(sys.argv[1], f), encoding="utf-8", errors="replace").read()
    n += len(parser.parse(text))
print(n)
PY
cat >"$W/d.py" <<'PY'
import os, sys, warnings
warnings.filterwarnings("ignore")
from dateparser.search import search_dates
n = 0
for f in sorted(os.listdir(sys.argv[1])):
    text = open(os.path.join(sys.argv[1], f), encoding="utf-8", errors="replace").read()
    n += len(search_dates(text, languages=["en"]) or [])
print(n)
PY
read -r qs qm < <(timed "$W/q.out" "$VENV/bin/python" "$W/q.py" "$SUBSET")
read -r ds dm < <(timed "$W/d.out" "$VENV/bin/python" "$W/d.py" "$SUBSET")

echo "# claimcheck beside quantulum3 and dateparser"
echo
echo "- date: $(date -u +%Y-%m-%d); machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) (shared)"
echo "- input: $n BBC articles (every fifth in path order), $(awk -v b="$b" 'BEGIN {printf "%.2f", b / 1e6}') MB; one run each, wall time including start-up (Python imports, model loading)"
echo "- $("$VENV/bin/python" -c 'import importlib.metadata as m; print("quantulum3", m.version("quantulum3"), "/ dateparser", m.version("dateparser"))'); claimcheck commit $(git rev-parse --short HEAD); a timeout of $TIMEOUT s each"
echo
echo "| tool | wall s | MB/s | articles/s | items found | peak RSS MiB |"
echo "|---|---|---|---|---|---|"
row "claimcheck claims (all kinds, 2 threads)" "$s" "$cc claims" "$m"
found() { local v; v=$(cat "$1" 2>/dev/null); echo "${v:-none: failed or timed out} $2"; }
row "quantulum3 parser.parse (quantities)" "$qs" "$(found "$W/q.out" quantities)" "$qm"
row "dateparser search_dates, languages=[en] (dates)" "$ds" "$(found "$W/d.out" dates)" "$dm"
