#!/bin/sh
# Fails on its first $1 attempts (a transient error: exit 1, retried), then does the rest ($2...).
set -eu
fails=$1
shift
if [ "$ORCHSIM_ATTEMPT" -le "$fails" ]; then
  echo "attempt $ORCHSIM_ATTEMPT: upstream API timed out" >&2
  exit 1
fi
exec "$@"
