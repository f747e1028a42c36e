#!/usr/bin/env bash
# The user's path at scale (issue #15), end to end: for each size, generate a scenario with
# bench/gen_large_scenario.py and time `orchsim compare FILE -n 1 --out DIR` under /usr/bin/time -v
# (wall, user and system seconds, peak RSS). The scenario runs multi_job and a shared job cluster.
#
# usage: bench/scale_compare.sh BUILD_DIR [TASKS ...]      (default sizes: 10000 30000 100000)
#   THREADS=1 (default) passes --threads; files above 64 MiB (1e6 tasks: 154 MB) need
#   ORCHSIM_MAX_INPUT_BYTES, which this script sets to 1 GiB.
set -euo pipefail
build=${1:?usage: bench/scale_compare.sh BUILD_DIR [TASKS ...]}
shift
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 30000 100000)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ORCHSIM_MAX_INPUT_BYTES=$((1 << 30))
printf '| tasks | wall (s) | user (s) | sys (s) | peak RSS (MB) | bytes/task |\n|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  python3 "$here/gen_large_scenario.py" --tasks "$n" "$work/large-$n.yaml"
  /usr/bin/time -v "$build/cli/orchsim" compare "$work/large-$n.yaml" -n 1 --threads "${THREADS:-1}" \
    --out "$work/out" >/dev/null 2>"$work/time.txt"
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" |
         awk -F: '{ s = 0; for (i = 1; i <= NF; ++i) s = s * 60 + $i; print s }')
  user=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$work/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  printf '| %s | %s | %s | %s | %.0f | %.0f |\n' "$n" "$wall" "$user" "$sys" "$((rss))e-3" "$((rss * 1024 / n))"
  rm -rf "$work/out" "$work/large-$n.yaml"
done
