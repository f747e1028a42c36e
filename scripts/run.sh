#!/usr/bin/env bash
# Sets everything up, builds Release, and runs the default comparison (README quick start, a).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DORCHSIM_BUILD_TESTS=OFF -DORCHSIM_BUILD_BENCH=OFF >/dev/null
cmake --build build -j2 --target orchsim
./build/cli/orchsim compare scenarios/seed-tradeoff.yaml "$@"
