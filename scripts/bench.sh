#!/usr/bin/env bash
# Builds and runs the Google Benchmark suite (bench/bench_*.cc) and writes its results as JSON.
#
#   scripts/bench.sh BUILD_DIR [FILTER] [extra relocsim_bench arguments...]
#   scripts/bench.sh build                                  # everything -> results/bench/bench.json
#   scripts/bench.sh build 'BM_StreamAgentState|BM_SimulatedYear/scale:0.01/'
#   BENCH_OUT=results/bench/stream.json scripts/bench.sh build BM_StreamAgentState
#
# FILTER is a --benchmark_filter regular expression (default: all). Environment:
#   BENCH_OUT                 JSON output (default results/bench/bench.json)
#   RELOCSIM_BENCH_THREADS    engine threads (default: every hardware thread)
#   RELOCSIM_BENCH_SCENARIO   scenario of the world-building benchmarks (default baseline.yaml)
# The whole suite takes a few minutes (scale 0.1 worlds and a 110-million-resident stream);
# BM_StreamAgentState/scale:1 needs about 1.3 GB of memory.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: scripts/bench.sh BUILD_DIR [FILTER] [relocsim_bench arguments...]" >&2
  exit 2
fi
build=$1
filter=${2:-.}
shift $(($# >= 2 ? 2 : 1))
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${BENCH_OUT:-results/bench/bench.json}

if [[ ! -f "$build/build.ninja" && ! -f "$build/Makefile" ]]; then
  echo "scripts/bench.sh: $build is not a configured build directory (run: make build BUILD=$build)" >&2
  exit 2
fi
build=$(cd "$build" && pwd)
cmake --build "$build" --target relocsim_bench
bench=$build/bench/relocsim_bench
if [[ ! -x "$bench" ]]; then
  echo "scripts/bench.sh: $bench was not built (configure with -DRELOCSIM_BENCH=ON)" >&2
  exit 2
fi

cd "$root"
mkdir -p "$(dirname "$out")"
echo "scripts/bench.sh: running $bench (filter '$filter') -> $out" >&2
"$bench" --benchmark_filter="$filter" --benchmark_out="$out" --benchmark_out_format=json \
  --benchmark_counters_tabular=false "$@"
