#!/usr/bin/env bash
# End-to-end speed benchmark, all figures from one run on one machine:
#   claimcheck check --format json on BBC x1, x10 (and x100 with FULL=1),
#   grep -rc '[0-9]' on the same files (the physical reference),
#   1 vs 2 threads on x10, and the adversarial one-subject corpus.
# Prints a Markdown table; `bench/run.sh > bench/results/DATE.md` records it.
# Corpora are generated under $WORK (default /tmp/claimcheck-bench), never in the repo.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/claimcheck-bench}
RUNS=${RUNS:-5}
BIN=target/release/claimcheck
cargo build --release -q
mkdir -p "$WORK"
gen() { [ -d "$WORK/$1" ] || python3 bench/gen_corpus.py "${@:2}" "$WORK/$1"; }
gen x1 --scale 1
gen x10 --scale 10
[ "${FULL:-0}" = 1 ] && gen x100 --scale 100
gen adversarial --adversarial 2000

bytes() { du -sb "$1" | cut -f1; }
files() { find "$1" -type f | wc -l; }

# median wall seconds and peak RSS (KiB) of "$@" over $RUNS runs
measure() {
  local walls=() peak=0
  for _ in $(seq "$RUNS"); do
    local out
    out=$( { /usr/bin/time -f '%e %M' "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
    walls+=("${out% *}")
    local m=${out#* }
    (( m > peak )) && peak=$m
  done
  local med
  med=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$med $peak"
}

echo "# claimcheck end-to-end benchmark"
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); median of $RUNS runs"
echo
echo "| corpus | files | MB | claimcheck s | MB/s | articles/s | peak RSS MiB | grep s | claimcheck/grep |"
echo "|---|---|---|---|---|---|---|---|---|"
declare -A T
for c in x1 x10 ${FULL:+x100} adversarial; do
  [ -d "$WORK/$c" ] || continue
  b=$(bytes "$WORK/$c"); n=$(files "$WORK/$c")
  read -r s rss < <(measure "$BIN" check --format json "$WORK/$c")
  read -r g _ < <(measure grep -rc '[0-9]' "$WORK/$c")
  T[$c]=$s
  awk -v c="$c" -v n="$n" -v b="$b" -v s="$s" -v rss="$rss" -v g="$g" 'BEGIN {
    mb = b / 1e6; printf "| %s | %d | %.1f | %.3f | %.1f | %.0f | %.0f | %.3f | %.1f |\n",
    c, n, mb, s, (s > 0 ? mb / s : 0), (s > 0 ? n / s : 0), rss / 1024, g, (g > 0 ? s / g : 0) }'
done
echo
read -r one _ < <(RAYON_NUM_THREADS=1 measure "$BIN" check --format json "$WORK/x10")
read -r two _ < <(RAYON_NUM_THREADS=2 measure "$BIN" check --format json "$WORK/x10")
awk -v a="$one" -v b="$two" 'BEGIN { printf "x10: 1 thread %.3f s, 2 threads %.3f s, speedup %.2fx\n", a, b, (b > 0 ? a / b : 0) }'
if [ -n "${T[x100]:-}" ]; then
  awk -v a="${T[x1]}" -v b="${T[x100]}" 'BEGIN { printf "\nscaling x100 / x1: %.1f (linear = 100)\n", b / a }'
fi
