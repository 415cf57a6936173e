#!/usr/bin/env bash
# End-to-end speed benchmark, all figures from one run on one machine:
#   claimcheck check --format json on BBC x1, x10 (and x100 with FULL=1),
#   grep -rc '[0-9]' on the same files (the physical reference),
#   1 thread vs all cores on x10, and the adversarial one-subject corpus at a few
#   sizes (its cost per claim grows with the size of the one block).
# Prints Markdown; `bench/run.sh > bench/results/DATE-run.md` records it.
# Corpora are generated under $WORK (default /tmp/claimcheck-bench), never in the repo.
#
#   RUNS=3       runs per measurement (median wall time; peak RSS is the max)
#   FULL=1       also BBC x100 (500 MB; needs far more memory than x10, see README)
#   ADV="10 20 40 400"  adversarial sizes (articles; 36 claims each, all in one block)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/claimcheck-bench}
RUNS=${RUNS:-3}
ADV=${ADV:-10 20 40 400}
THREADS=${THREADS:-$(nproc)}
BIN=${CARGO_TARGET_DIR:-target}/release/claimcheck
cargo build --release -q
mkdir -p "$WORK"
gen() { [ -d "$WORK/$1" ] || python3 bench/gen_corpus.py "${@:2}" "$WORK/$1"; }
CORPORA=(x1 x10)
gen x1 --scale 1
gen x10 --scale 10
if [ "${FULL:-0}" = 1 ]; then
  gen x100 --scale 100
  CORPORA+=(x100)
fi
for k in $ADV; do gen "adversarial-$k" --adversarial "$k"; done

bytes() { du -sb "$1" | cut -f1; }
files() { find "$1" -type f | wc -l; }
# claims and findings in a v1 JSON report
counts() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(len(r["claims"]), len(r["findings"]))' "$1"; }

# "median-wall-s median-cpu-s peak-rss-KiB" of "$@" over $RUNS runs; the last run's
# standard output is kept in $WORK/last.out. Wall time from the shell's clock
# (microseconds), CPU time (user+sys) and peak RSS from GNU time.
measure() {
  local walls=() cpus=() peak=0 t0 t1
  for _ in $(seq "$RUNS"); do
    t0=$EPOCHREALTIME
    /usr/bin/time -o "$WORK/time.out" -f '%U %S %M' "$@" >"$WORK/last.out" 2>/dev/null || true
    t1=$EPOCHREALTIME
    walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')")
    read -r u s m < <(tail -1 "$WORK/time.out")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
    if (( m > peak )); then peak=$m; fi
  done
  local med='{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  echo "$(printf '%s\n' "${walls[@]}" | sort -g | awk "$med") $(printf '%s\n' "${cpus[@]}" | sort -g | awk "$med") $peak"
}

echo "# claimcheck end-to-end benchmark"
echo
echo "- date: $(date -u +%Y-%m-%d)"
echo "- machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), Linux $(uname -r)"
echo "- build: $(rustc --version), release profile, commit $(git rev-parse --short HEAD)"
echo "- load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: wall times include waiting for a core, CPU s does not)"
echo "- median of $RUNS runs; claimcheck with RAYON_NUM_THREADS=$THREADS; peak RSS is the largest of the runs"
echo
echo "| corpus | files | MB | claims | findings | wall s | CPU s | MB/s | articles/s | peak RSS MiB | grep s | claimcheck/grep |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
declare -A T
for c in "${CORPORA[@]}"; do
  b=$(bytes "$WORK/$c"); n=$(files "$WORK/$c")
  read -r s cpu rss < <(RAYON_NUM_THREADS=$THREADS measure "$BIN" check --format json "$WORK/$c")
  read -r nc nf < <(counts "$WORK/last.out")
  read -r g _ < <(measure grep -rc '[0-9]' "$WORK/$c")
  T[$c]=$s
  awk -v c="$c" -v n="$n" -v b="$b" -v nc="$nc" -v nf="$nf" -v s="$s" -v cpu="$cpu" -v rss="$rss" -v g="$g" 'BEGIN {
    mb = b / 1e6; printf "| %s | %d | %.1f | %d | %d | %.2f | %.2f | %.2f | %.0f | %.0f | %.3f | %.0f |\n",
    c, n, mb, nc, nf, s, cpu, mb / s, n / s, rss / 1024, g, (g > 0 ? s / g : 0) }'
done
echo
read -r one cpu1 _ < <(RAYON_NUM_THREADS=1 measure "$BIN" check --format json "$WORK/x10")
awk -v a="$one" -v ca="$cpu1" -v b="${T[x10]}" -v t="$THREADS" 'BEGIN {
  printf "x10 threads: 1 thread %.2f s wall (%.2f s CPU), %d threads %.2f s wall (from the table), speedup %.2fx\n", a, ca, t, b, a / b }'
echo
awk -v a="${T[x1]}" -v b="${T[x10]}" 'BEGIN { printf "scaling x10 / x1 wall: %.1f (linear = 10)\n", b / a }'
if [ -n "${T[x100]:-}" ]; then
  awk -v a="${T[x1]}" -v b="${T[x100]}" 'BEGIN { printf "\nscaling x100 / x1 wall: %.1f (linear = 100)\n", b / a }'
fi
echo
echo "Adversarial: every claim in one block (count/people/kill/total/actual)."
echo
echo "| articles | claims | findings | wall s | CPU s | ms per claim (wall) | peak RSS MiB |"
echo "|---|---|---|---|---|---|---|"
for k in $ADV; do
  read -r s cpu rss < <(RAYON_NUM_THREADS=$THREADS measure "$BIN" check --format json "$WORK/adversarial-$k")
  read -r nc nf < <(counts "$WORK/last.out")
  awk -v k="$k" -v nc="$nc" -v nf="$nf" -v s="$s" -v cpu="$cpu" -v rss="$rss" 'BEGIN {
    printf "| %d | %d | %d | %.2f | %.2f | %.2f | %.0f |\n", k, nc, nf, s, cpu, 1000 * s / nc, rss / 1024 }'
done
rm -f "$WORK/last.out" "$WORK/time.out"
