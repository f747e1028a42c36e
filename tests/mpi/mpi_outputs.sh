#!/usr/bin/env bash
# `compare` and `sweep` under mpirun write exactly the bytes of a single-process run: stdout, the
# --csv rows and the whole --out folder (CSVs, JSON, Markdown, HTML, SVG), for 1, 2 and 4 ranks (oversubscribed on this
# machine), including a --target-ci run (rounds). Then a failing rank fails the job: a rank whose
# input is missing (MPMD: rank 1 gets another file name), and a rank whose input differs, each make
# mpirun exit non-zero with rank 0's message naming the rank, and nothing is written; a rank killed
# with SIGKILL makes mpirun end the job (its message), and nothing is written.
# Usage: mpi_outputs.sh ORCHSIM_BINARY SOURCE_DIR WORKDIR
set -euo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$work"
ln -s "$src/scenarios" scenarios
# Under a heavy load, OpenMPI's mpirun was seen to print its abort message for the killed rank below
# and then hang in PMIx for good: `timeout` bounds every job (exit 124 still counts as a failed job).
mpi=(timeout -k 10 300 mpirun --allow-run-as-root --oversubscribe --bind-to none)
compare=(compare scenarios/heavy-contention.yaml -n 40 -s 11)
sweep=(sweep scenarios/pool-vs-cold.yaml -n 6)
target=(compare scenarios/flaky-driver.yaml --target-ci 0.2 -n 10 --max-replications 60)

# run DIR PREFIX...: every output of the three commands into DIR, each command prefixed by PREFIX.
run() {
  local dir=$1; shift
  mkdir -p "$dir"
  "$@" "$bin" "${compare[@]}" -o "$dir/compare" --csv "$dir/rows.csv" >"$dir/compare.md" 2>/dev/null
  "$@" "$bin" "${sweep[@]}" -o "$dir/sweep" >"$dir/sweep.md" 2>/dev/null
  "$@" "$bin" "${target[@]}" -f csv >"$dir/target.csv" 2>/dev/null
  sed -i '/^Full report:/d' "$dir/compare.md" "$dir/sweep.md"  # names DIR
}

run single env
status=0
for np in 1 2 4; do
  run "np$np" "${mpi[@]}" -np "$np"
  if diff -r single "np$np" >/dev/null; then
    echo "mpi -np $np: every output byte-identical to the single-process run"
  else
    echo "mpi -np $np: outputs differ from the single-process run:"; diff -r single "np$np" | head -20; status=1
  fi
done

# expect_failure NAME PATTERN MPMD...: mpirun must fail, rank 0 print PATTERN, and no output appear.
expect_failure() {
  local name=$1 pattern=$2; shift 2
  set +e
  "${mpi[@]}" "$@" >"$name.out" 2>"$name.err"
  local code=$?
  set -e
  if [ $code -ne 0 ] && grep -qF "$pattern" "$name.err" && [ ! -e "$name-dir" ]; then
    echo "$name: job failed (exit $code) with the expected message, nothing written"
  else
    echo "$name: expected a failed job naming the rank (exit $code):"; cat "$name.err"; status=1
  fi
}
expect_failure missing "rank 1 of 2 failed (exit code 2)" \
  -np 1 "$bin" compare scenarios/heavy-contention.yaml -n 8 -o missing-dir : \
  -np 1 "$bin" compare scenarios/no-such-file.yaml -n 8 -o missing-dir
expect_failure different "rank 1 of 2 planned different work" \
  -np 1 "$bin" compare scenarios/heavy-contention.yaml -n 8 -o different-dir : \
  -np 1 "$bin" compare scenarios/hybrid.yaml -n 8 -o different-dir
# A rank killed outright (SIGKILL, long before the job could end): mpirun ends the job.
expect_failure killed "exited with non-zero status" \
  -np 1 "$bin" compare scenarios/heavy-contention.yaml -n 20000 -o killed-dir : \
  -np 1 sh -c "'$bin' compare scenarios/heavy-contention.yaml -n 20000 -o killed-dir & sleep 0.5; kill -9 \$!; wait \$!"
rm scenarios
exit $status
