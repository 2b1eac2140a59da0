#!/usr/bin/env bash
# Builds relocsim with AddressSanitizer and UndefinedBehaviorSanitizer (g++, Debug) in build-asan/
# and runs the tests whose labels match LABELS (a ctest -L regular expression).
# Usage: scripts/sanitize.sh [LABELS]   (default: "unit|scenario|bad_input")
# Any sanitizer report fails the test that triggered it (-fno-sanitize-recover=all).
set -euo pipefail

labels=${1:-unit|scenario|bad_input}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-asan
cd "$root"

if [[ ! -f $build/build.ninja ]]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DRELOCSIM_SANITIZE=address,undefined \
    -DRELOCSIM_BENCH=OFF -DRELOCSIM_MPI=OFF >/dev/null
fi
# Only the test programs whose relocsim_add_test(NAME ... LABELS ...) matches, and the command
# line (for the CLI tests).
mapfile -t targets < <(python3 - "$labels" <<'PY'
import glob, re, sys
wanted = re.compile(sys.argv[1])
for path in sorted(glob.glob("tests/*/CMakeLists.txt")):
    text = open(path).read()
    for call in re.findall(r"relocsim_add_test\(([^)]*)\)", text):
        words = call.split()
        labels = words[words.index("LABELS") + 1:] if "LABELS" in words else []
        labels = labels[: labels.index("TIMEOUT")] if "TIMEOUT" in labels else labels
        if any(wanted.search(l) for l in labels):
            print(words[0])
PY
)
echo "sanitize.sh: building relocsim ${targets[*]}"
cmake --build "$build" --target relocsim "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$build"
ctest -L "$labels" --output-on-failure -j 2
