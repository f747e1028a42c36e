#!/bin/sh
# The gate command of `publish`: the staged gold table must have no negative amount.
set -eu
if awk -F, 'NR > 1 && $2 < 0 { bad = 1 } END { exit bad }' "$ORCHSIM_TABLES_DIR/gold/part-0.csv"; then
  echo "gold: amounts ok"
else
  echo "gold: negative amount" >&2
  exit 1
fi
