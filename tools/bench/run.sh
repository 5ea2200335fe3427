#!/usr/bin/env bash
# Builds in Release and times the bundled 24 h scenario scaled to 200,000 orders and 4,000
# riders (one core: the engine is single-threaded). Figures go in docs/benchmarks.md.
# Usage: tools/bench/run.sh [SCENARIO] [--orders N] [--riders N] [--reps N]
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target knightsim_bench
scenario=scenarios/day-24h.yaml
if [[ $# -gt 0 && "$1" != --* ]]; then scenario=$1; shift; fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
exec taskset -c 0 build/release/tools/bench/knightsim_bench "$scenario" "$@"
