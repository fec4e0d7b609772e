#!/usr/bin/env bash
# Distributed search over MPI (issue 9): what the coordinator (rank 0) costs per evaluation
# and what two worker ranks gain over one process. Usage: tests/bench/mpi_search.sh [BUILD]
#
# 1. Coordinator overhead: trainings of microseconds (moons, 32 samples, 1 epoch, width 2)
#    on 2 workers with 2 threads each, so rank 0 (strategy, dedupe, journal with one fsync per
#    record, messages) is the bottleneck: its wall time per trained record is its overhead
#    per evaluation, and an evaluation's time divided by it the worker threads it can feed.
#    Rank 0's CPU time is printed beside it: the rest is waiting for the disk (fsync).
# 2. Speed-up: a real small search whose final stage is one batch of 48 trainings, in one
#    process with --threads 1 and 2, and as mpirun -np 3 (rank 0 + 2 workers x 1 thread).
set -euo pipefail
build=${1:-build}
bin=$(realpath "$build/actsearch")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # harmless when not root
timed() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null; cat "$work/time"; }
trained() { grep -c '"kind":"\(eval\|final\|baseline\)"' "$1/journal.jsonl"; }

cheap=(search --task 'moons train=32 val=32 test=32 epochs=1 full-epochs=1 depth=1 width=2 batch=32'
  --units 1 --strategy random --budget 1000 --rungs 1 --generation 200 --top 1
  --final-seeds 2 --baselines relu --seed 1 --quiet)
read -r w1 u1 s1 < <(timed "$bin" "${cheap[@]}" --threads 2 --out "$work/cheap1")
mpirun --oversubscribe -np 1 /usr/bin/time -f "%e %U %S" -o "$work/time" \
  "$bin" "${cheap[@]}" --out "$work/cheap3" : -np 2 "$bin" "${cheap[@]}" --threads 2 \
  --out "$work/cheap3" >/dev/null
read -r w3 u3 s3 <"$work/time"
n=$(trained "$work/cheap3")
awk -v n="$n" -v w1="$w1" -v c1="$u1 $s1" -v w3="$w3" -v c3="$u3 $s3" 'BEGIN {
  split(c1, a, " "); c1 = a[1] + a[2]; split(c3, b, " "); c3 = b[1] + b[2]
  printf "coordinator: %d trainings of microseconds\n", n
  printf "  one process:  %.2f ms wall, %.2f ms CPU per evaluation\n", 1e3*w1/n, 1e3*c1/n
  printf "  rank 0 of 3:  %.2f ms wall, %.2f ms CPU per evaluation\n", 1e3*w3/n, 1e3*c3/n
  printf "  worker threads one coordinator keeps busy at 1.5 s per evaluation: %.0f\n", 1.5*n/w3 }'

real=(search --task 'spirals train=2000 val=2000 epochs=6 full-epochs=6 depth=3 width=32 batch=64 lr=3e-3'
  --units 1 --unary identity,tanh,relu,sin,sigmoid,exp,abs --binary add,mul,max,min
  --strategy random --budget 16 --generation 32 --rungs 1 --top 8 --final-seeds 4
  --baselines relu,tanh,elu,gelu --seed 2 --quiet)
read -r t1 _ _ < <(timed "$bin" "${real[@]}" --threads 1 --out "$work/real1")
read -r t2 _ _ < <(timed "$bin" "${real[@]}" --threads 2 --out "$work/real2")
read -r t3 _ _ < <(timed mpirun -np 3 --oversubscribe "$bin" "${real[@]}" --threads 1 \
  --out "$work/real3")
echo "speed-up: $(trained "$work/real3") trainings; one process: 1 thread ${t1} s," \
  "2 threads ${t2} s; mpirun -np 3 (2 workers x 1 thread) ${t3} s"
awk -v a="$t1" -v b="$t2" -v c="$t3" 'BEGIN {
  printf "  np=3 over 1 thread: %.2fx; over 2 threads: %.2fx\n", a/c, b/c }'
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
