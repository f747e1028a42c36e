#!/bin/sh
# Stages a new version of table $1 with $2 rows (id,amount) and its manifest, per the exec table
# protocol (docs/exec.md): files under $ORCHSIM_TABLES_DIR/<table>/, committed only on success.
set -eu
table=$1
rows=$2
dir="$ORCHSIM_TABLES_DIR/$table"
mkdir -p "$dir"
{
  echo "id,amount"
  i=1
  while [ "$i" -le "$rows" ]; do echo "$i,$((i * 10))"; i=$((i + 1)); done
} > "$dir/part-0.csv"
printf '{"rows": %s, "columns": ["id", "amount"]}\n' "$rows" > "$dir/_manifest.json"
echo "staged $rows rows of $table (task $ORCHSIM_TASK_KEY, attempt $ORCHSIM_ATTEMPT, run $ORCHSIM_RUN_ID)"
