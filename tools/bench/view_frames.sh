#!/usr/bin/env bash
# Builds in Release and times the viewer's frames with 5,000 riders on the 24 h scenario at
# midday, at 1 min/s and at 1 h/s (off screen under Xvfb). Figures go in docs/benchmarks.md.
# Usage: tools/bench/view_frames.sh [SCENARIO] [extra knightsim_bench_view options]
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target knightsim_bench_view
scenario=scenarios/day-24h.yaml
if [[ $# -gt 0 && "$1" != --* ]]; then scenario=$1; shift; fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
for speed in 60 3600; do
  xvfb-run -a -s "-screen 0 1920x1080x24" \
    build/release/tools/bench/knightsim_bench_view "$scenario" --riders 5000 --speed "$speed" "$@"
done
