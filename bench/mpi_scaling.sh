#!/usr/bin/env bash
# The measured rows of the README's MPI scaling table: `orchsim compare` of a 1,000-task pipeline
# (bench/gen_large_scenario.py, 2 strategies) with N replications per strategy, as one process on
# one thread, and under mpirun on 1 and 2 ranks (one thread each). Prints wall and CPU seconds and
# the load average (the machine is shared: wall time depends on what else runs) and checks that
# the outputs are byte-identical. Usage: mpi_scaling.sh ORCHSIM_BINARY [N=400] [WORKDIR]
set -euo pipefail
bin=$1 n=${2:-400} work=${3:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work" && cd "$work"
python3 "$here/gen_large_scenario.py" --tasks 1000 large-1000.yaml
mpi=(mpirun --allow-run-as-root --bind-to none)
measure() {
  local name=$1; shift
  local t0 t1; t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$name.cpu" "$@" compare large-1000.yaml -n "$n" -j 1 -f csv >"$name.csv" 2>/dev/null
  t1=$(date +%s.%N)
  echo "$name: wall $(awk "BEGIN{printf \"%.2f\", $t1 - $t0}") s, cpu (user+sys of the launcher's children) $(awk '{print $1 + $2}' "$name.cpu") s," \
       "load $(cut -d' ' -f1 /proc/loadavg)"
}
measure single "$bin"
measure np1 "${mpi[@]}" -np 1 "$bin"
measure np2 "${mpi[@]}" -np 2 "$bin"
cmp single.csv np1.csv && cmp single.csv np2.csv && echo "outputs byte-identical"
