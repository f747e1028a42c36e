#!/usr/bin/env bash
# Runs orchsim and every available peer on the same inputs and prints one table.
#   bench/peers/compare.sh [BUILD_DIR]        (default: build; needs orchsim_peer, bare_loop_peer)
# Environment: TASKS (W2 sizes, default "100000"), P (failure probability, default 0.1),
#   W1_N (pending events, default 1000), W1_HOLDS (default 1000000), REPS (runs per cell, default 3;
#   the median time is shown), PEERS (default "orchsim bare simgrid simpy"), OUT (scratch dir).
# It first checks that every implementation prints the same makespan for the same DAG at p = 0
# (and at P: the failure draws are in the file) and exits 1 if any differs.
# time = CPU seconds of the simulation alone, as each implementation measures it (file loading
# excluded; CPU rather than wall time because the machine may be shared: TIME=run_s for wall);
# events/s = workload events (attempt ends + retry wake-ups, the same count for every peer) / time;
# peak RSS = the whole process (/usr/bin/time), loading included; ratio = time / orchsim's time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-$here/../../build}" && pwd)"
TASKS="${TASKS:-100000}" P="${P:-0.1}" W1_N="${W1_N:-1000}" W1_HOLDS="${W1_HOLDS:-1000000}"
REPS="${REPS:-3}" PEERS="${PEERS:-orchsim bare simgrid simpy}" OUT="${OUT:-${TMPDIR:-/tmp}/orchsim-peers}"
mkdir -p "$OUT"

cmd_for() {  # peer workload args... -> the command line, or nothing if the peer is not available
  local peer="$1"; shift
  case "$peer" in
    orchsim) echo "$build/bench/peers/orchsim_peer $*" ;;
    bare) echo "$build/bench/peers/bare_loop_peer $*" ;;
    simgrid) [ -x "$build/bench/peers/simgrid_peer" ] &&
               echo "$build/bench/peers/simgrid_peer --log=root.thres:critical --cfg=contexts/stack-size:64 $*" ;;
    simpy) /usr/bin/python3 -c 'import SimPy' 2>/dev/null && echo "/usr/bin/python3 $here/simpy_peer.py $*" ;;
  esac
}
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

peers=()
for p in $PEERS; do [ -n "$(cmd_for "$p" w1 1 1 1 || true)" ] && peers+=("$p") || echo "compare: $p not available, skipped" >&2; done

# 1. Same makespan everywhere, at p = 0 and at P.
for p in 0 "$P"; do
  f="$OUT/check_p$p.txt"
  python3 "$here/gen_dag.py" --tasks 20000 --p "$p" --seed 11 "$f"
  ref=""
  for peer in "${peers[@]}"; do
    line=$($(cmd_for "$peer" w2 "$f"))
    m=$(field "$line" makespan)
    printf 'check p=%-4s %-8s makespan=%s attempts=%s failed=%s\n' "$p" "$peer" "$m" "$(field "$line" attempts)" "$(field "$line" failed)"
    if [ -z "$ref" ]; then ref="$m"; elif [ "$m" != "$ref" ]; then echo "compare: MAKESPAN MISMATCH ($peer: $m, expected $ref)" >&2; exit 1; fi
  done
done
echo

# 2. The table.
run_cell() {  # peer workload args... -> "time events rss_kib"
  local peer="$1"; shift
  local times=() line rss events
  for ((r = 0; r < REPS; r++)); do
    line=$( { /usr/bin/time -f "rss_kib=%M" $(cmd_for "$peer" "$@") ; } 2>&1 )
    times+=("$(field "$line" "${TIME:-cpu_s}")")
    rss=$(field "$line" rss_kib); events=$(field "$line" events)
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $events $rss"
}
printf '| workload | impl | time (s) | events/s | peak RSS (MiB) | time / orchsim |\n|---|---|---:|---:|---:|---:|\n'
row() {  # label peer time events rss base
  awk -v l="$1" -v p="$2" -v t="$3" -v e="$4" -v r="$5" -v b="$6" 'BEGIN {
    printf "| %s | %s | %.4f | %.3g | %.1f | %.2fx |\n", l, p, t, e / t, r / 1024, t / b }'
}
declare -A result
cells=("w1 N=$W1_N holds=$W1_HOLDS|w1 $W1_N $W1_HOLDS 7")
for t in $TASKS; do
  f="$OUT/w2_t${t}_p$P.txt"
  [ -s "$f" ] || python3 "$here/gen_dag.py" --tasks "$t" --p "$P" --seed 1 "$f"
  cells+=("w2 T=$t p=$P|w2 $f")
done
for cell in "${cells[@]}"; do
  label="${cell%%|*}"; args="${cell#*|}"
  base=""
  for peer in "${peers[@]}"; do
    read -r time events rss <<<"$(run_cell "$peer" $args)"
    [ -z "$base" ] && base="$time"
    row "$label" "$peer" "$time" "$events" "$rss" "$base"
  done
done
