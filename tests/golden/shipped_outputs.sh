#!/usr/bin/env bash
# Writes every output of every shipped scenario into OUTDIR: `compare` (stdout in md, csv and json,
# the --csv rows and the --out report folder), `sweep` of every scenario with a `sweep:` grid, and
# `validate --quick --out` (with the WfCommons traces of EXAMPLES_DIR, when given and present: the
# five top-level traces, and those with the family instances and the schema-1.4 copy).
# Inputs are named by relative paths, so outputs do not depend on where the tree lives.
# Then it hashes OUTDIR and compares with the reviewed manifests beside this script
# (shipped-outputs.sha256; shipped-traces.sha256 when the traces were run): a change that moves code
# must not move a byte. With --refresh it rewrites the manifests instead (review the outputs first).
# Usage: shipped_outputs.sh [--refresh] ORCHSIM_BINARY SOURCE_DIR OUTDIR [EXAMPLES_DIR]
set -euo pipefail
refresh=0
if [ "${1:-}" = --refresh ]; then refresh=1; shift; fi
bin=$1 src=$2 out=$3 examples=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out" && mkdir -p "$out"
cd "$out"
ln -s "$src/scenarios" scenarios
for scenario in scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  "$bin" compare "$scenario" -j 2 -o compare --csv "compare/$name.rows.csv" >"$name.compare.md" 2>/dev/null
  "$bin" compare "$scenario" -j 1 -f csv >"$name.compare.csv" 2>/dev/null
  "$bin" compare "$scenario" -j 2 -f json >"$name.compare.json" 2>/dev/null
  if grep -q '^sweep:' "$scenario"; then
    "$bin" sweep "$scenario" -j 2 -o sweep >"$name.sweep.md" 2>/dev/null
    "$bin" sweep "$scenario" -j 1 -f csv >"$name.sweep.csv" 2>/dev/null
    "$bin" sweep "$scenario" -j 2 -f json >"$name.sweep.json" 2>/dev/null
  fi
done
"$bin" validate --quick -j 2 --out validate >validate.md 2>/dev/null || true
if [ -n "$examples" ] && [ -d "$examples/wfcommons" ]; then
  ln -s "$examples/wfcommons" traces
  "$bin" validate --quick -j 2 --out validate-traces traces/*.json >/dev/null 2>&1 || true
  if [ -d traces/families ]; then
    "$bin" validate --quick -j 2 --out validate-families traces/families/*.json traces/*.json traces/schema-1.4/*.json \
      >/dev/null 2>&1 || true
  fi
  rm traces
fi
rm scenarios

manifest() { find "$@" -type f | LC_ALL=C sort | xargs sha256sum; }
traces=()
[ -d validate-traces ] && traces=(validate-traces)
[ -d validate-families ] && traces+=(validate-families)
if [ $refresh -eq 1 ]; then
  manifest . ! -path './validate-traces/*' ! -path './validate-families/*' >"$here/shipped-outputs.sha256"
  [ ${#traces[@]} -eq 0 ] || manifest "${traces[@]}" >"$here/shipped-traces.sha256"
  exit 0
fi
status=0
diff -u "$here/shipped-outputs.sha256" <(manifest . ! -path './validate-traces/*' ! -path './validate-families/*') || status=1
if [ ${#traces[@]} -gt 0 ]; then diff -u "$here/shipped-traces.sha256" <(manifest "${traces[@]}") || status=1; fi
[ $status -eq 0 ] && echo "shipped outputs: byte-identical to the manifests"
exit $status
