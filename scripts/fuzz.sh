#!/usr/bin/env bash
# Builds the scenario loader's libFuzzer target (clang, ASan + UBSan) in build-fuzz/ and runs it
# for a bounded time on the seed corpus: tests/fuzz/corpus/, the shipped scenarios and the
# bad-input cases (with their --set values). New inputs go to build-fuzz/fuzz-corpus/, crashes to
# build-fuzz/artifacts/. Prints executions and coverage (libFuzzer's cov: edges, ft: features).
# Usage: scripts/fuzz.sh [SECONDS] [extra libFuzzer options...]   (default 60 s)
# Replay a crash: build-fuzz/scenario_fuzz build-fuzz/artifacts/crash-...
set -euo pipefail

seconds=${1:-60}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
cd "$root"

if [[ ! -f $build/build.ninja ]]; then
  CXX=${CXX:-clang++} cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DRELOCSIM_FUZZ=ON -DRELOCSIM_TESTS=OFF -DRELOCSIM_BENCH=OFF -DRELOCSIM_MPI=OFF \
    -DRELOCSIM_SANITIZE=address,undefined >/dev/null
fi
cmake --build "$build" --target scenario_fuzz

corpus=$build/fuzz-corpus
mkdir -p "$corpus" "$build/artifacts"
cp tests/fuzz/corpus/* scenarios/*.yaml "$corpus/"
for f in tests/bad_input/*.yaml; do
  seed=$corpus/bad_input_$(basename "$f")
  cp "$f" "$seed"
  args=${f%.yaml}.args
  if [[ -f $args ]]; then
    printf '\n#--set\n' >>"$seed"
    cat "$args" >>"$seed"
  fi
done

log=$build/fuzz.log
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
set +e
"$build/scenario_fuzz" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=32768 -dict=tests/fuzz/scenario.dict -artifact_prefix="$build/artifacts/" \
  -print_final_stats=1 "$@" 2>&1 | tee "$log" | grep -E "INITED|DONE|pulse|NEW_FUNC|ERROR|SUMMARY" |
  tail -n 40
status=${PIPESTATUS[0]}
set -e

echo "---"
grep -E "^#[0-9]+" "$log" | tail -n 1 | sed 's/^/last status: /'
grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$log" || true
found=$(find "$build/artifacts" -type f | wc -l)
echo "artifacts (crashes, timeouts, leaks): $found in $build/artifacts"
exit "$status"
