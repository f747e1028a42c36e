#!/usr/bin/env bash
# Sets everything up, builds with tests (and benchmarks, so they keep compiling), runs the suite
# (README quick start, b). Options: --sanitize (ASan+UBSan build in build-asan), --werror.
# The Release build has MPI on (its CTest runs compare and sweep under mpirun); the sanitizer build
# is scripts/sanitize_build.sh's (clang, shared with scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-test
flags=(-DCMAKE_BUILD_TYPE=Release -DORCHSIM_BUILD_TESTS=ON -DORCHSIM_BUILD_BENCH=ON -DORCHSIM_MPI=ON)
for arg in "$@"; do
  case "$arg" in
    --sanitize) source scripts/sanitize_build.sh
                build=$sanitize_build
                flags=("${sanitize_flags[@]}") ;;
    --werror) flags+=(-DORCHSIM_WERROR=ON) ;;
    *) echo "test.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
scripts/setup.sh
cmake -S . -B "$build" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$build" -j2
ctest --test-dir "$build" --output-on-failure
