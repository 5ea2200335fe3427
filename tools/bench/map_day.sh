#!/usr/bin/env bash
# Builds in Release and times a whole day on an imported OpenStreetMap map: the Andorra
# benchmark scenario (tools/bench/andorra-day.yaml, ~100,000 orders, 3,800 riders) on the
# extract given, pinned to one core. Prints the load (import + map build) and run times of
# each repetition. Figures go in docs/benchmarks.md.
# Usage: tools/bench/map_day.sh MAP.osm.pbf [--reps N] [--set KEY=VALUE ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ $# -lt 1 ]]; then
  echo "usage: $0 MAP.osm.pbf [--reps N] [--set KEY=VALUE ...]" >&2
  exit 2
fi
map=$(realpath "$1")
shift
reps=3
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    *) extra+=("$1"); shift ;;
  esac
done
tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target knightsim
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for ((rep = 1; rep <= reps; rep++)); do
  start=$(date +%s.%N)
  taskset -c 0 build/release/tools/knightsim validate tools/bench/andorra-day.yaml \
    --set "map.file=$map" "${extra[@]}" >/dev/null
  loaded=$(date +%s.%N)
  taskset -c 0 build/release/tools/knightsim run tools/bench/andorra-day.yaml \
    --set "map.file=$map" "${extra[@]}" --out "$out" >"$out/report.txt"
  finished=$(date +%s.%N)
  engine=$(grep -o 'wall time *[0-9.]* s' "$out/report.txt" | grep -o '[0-9.]* s')
  orders=$(grep -o 'created *[0-9,]*' "$out/report.txt" | head -1 | grep -o '[0-9,]*$')
  printf 'rep %d: load (import + map build) %.2f s; run command %.2f s (engine %s); %s orders\n' \
    "$rep" "$(awk "BEGIN {print $loaded - $start}")" "$(awk "BEGIN {print $finished - $loaded}")" \
    "$engine" \
    "$orders"
done
