#!/usr/bin/env bash
# Fuzzes every reader of user files (README: Fuzzing). Builds the libFuzzer targets of fuzz/ with
# clang, ASan and UBSan into build-asan/, seeds each target's corpus from the project's fixtures
# (scenarios/, tests/bad_inputs/, tests/fixtures/, fuzz/seeds/), and runs each for SECONDS
# (default 20). Exit 1 when a target finds a crash, a sanitizer report, a leak, a hang (over 60 s:
# the largest sweep allowed, 10,000 points, takes some 15 s under the sanitizers) or an input that
# needs over 2 GB; the input that did it is left in build-asan/findings/<target>/.
# The corpus grows across runs in build-asan/corpus/<target>/.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
source scripts/sanitize_build.sh
build=$sanitize_build
# Configured by test.sh --sanitize already (CI): the cache keeps its options, so nothing recompiles.
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -G Ninja "${sanitize_flags[@]}" >/dev/null
targets=(fuzz_load_input fuzz_wfcommons fuzz_run_records)
# The Databricks reader's target exists once its implementation does (fuzz/CMakeLists.txt).
if [ -f sim/input/databricks_reader.cpp ]; then targets+=(fuzz_databricks); fi
cmake --build "$build" -j2 --target "${targets[@]}"

# seeds TARGET: the fixture files each target starts from (regular files only).
seeds() {
  case "$1" in
    fuzz_load_input) find scenarios tests/bad_inputs tests/fixtures fuzz/seeds -type f ! -name '*.md' ! -name EXPECTED 2>/dev/null ;;
    fuzz_wfcommons) find tests/bad_inputs fuzz/seeds/wfcommons -type f -name '*.json' 2>/dev/null ;;
    fuzz_run_records) find tests/fixtures/run_records -type f 2>/dev/null ;;
    fuzz_databricks) find tests/fixtures tests/bad_inputs -type f \( -name '*.json' -o -name '*.yml' -o -name '*.yaml' \) 2>/dev/null ;;
  esac
}

failed=()
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  findings="$build/findings/$t"
  mkdir -p "$corpus" "$findings"
  while IFS= read -r f; do
    name="$corpus/seed-$(echo "$f" | tr '/' '_')"
    if [ "$t" = fuzz_load_input ]; then
      # The target's first byte picks the use: 0 compare, 1 sweep, 2 validate (trace), 3 check.
      use=0
      case "$f" in *.json) use=2 ;; esac
      if grep -q '^sweep:' "$f"; then use=1; fi
      [ -e "$name" ] || { printf "\\$(printf '%03o' "$use")"; cat "$f"; } > "$name"
      [ -e "$name.check" ] || { printf '\003'; cat "$f"; } > "$name.check"
    else
      cp -n "$f" "$name"
    fi
  done < <(seeds "$t")
  echo "fuzz: $t for ${seconds}s ($(find "$corpus" -type f | wc -l) inputs in the corpus)"
  if ! "$build/fuzz/$t" "$corpus" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 -max_len=65536 \
       -dict=fuzz/orchsim.dict -artifact_prefix="$findings/" -print_final_stats=1 2> "$build/$t.log"; then
    failed+=("$t")
    grep -E "ERROR|SUMMARY|Test unit written" "$build/$t.log" >&2 || tail -20 "$build/$t.log" >&2
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/$t.log" | sed "s/^/  /"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $build/findings/)" >&2
  exit 1
fi
echo "fuzz: no finding in ${targets[*]}"
