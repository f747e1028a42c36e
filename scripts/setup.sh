#!/usr/bin/env bash
# Installs the Debian 12 packages orchsim needs, skipping those already present. Idempotent;
# run as root (or with sudo available). Usage: scripts/setup.sh
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libfmt-dev libyaml-cpp-dev libyaml-dev libeigen3-dev libboost-program-options-dev
  libjemalloc-dev          # the orchsim executable's malloc (-DORCHSIM_JEMALLOC=OFF builds without)
  doctest-dev libbenchmark-dev
  libsqlite3-dev           # engine/live: the run history of `orchsim exec`, `runs`, `compare --db`
  libcurl4-openssl-dev     # engine/live: webhook alert sinks
  clang libclang-rt-14-dev  # libFuzzer: scripts/fuzz.sh
  librsvg2-bin            # rsvg-convert: renders the SVG charts to PNG for checking
  python3 python3-simpy   # benchmark peer (bench/peers)
  python3-jsonschema python3-yaml  # tests/tools/validate_bundle.py: exports checked against the bundle schema
  libopenmpi-dev openmpi-bin  # -DORCHSIM_MPI=ON: compare and sweep under mpirun (README "Running on MPI")
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
