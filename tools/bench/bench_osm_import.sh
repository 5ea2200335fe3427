#!/usr/bin/env bash
# Builds in Release and times OpenStreetMap import and .kmap write/read for each extract given
# (not pinned to a core: osmium decodes PBF on a thread pool). Figures go in docs/maps.md.
# Usage: tools/bench/bench_osm_import.sh FILE... [--mode bike|car|foot] [--reps N]
set -euo pipefail
cd "$(dirname "$0")/../.."
files=()
while [[ $# -gt 0 && "$1" != --* ]]; do files+=("$(realpath "$1")"); shift; done
if [[ ${#files[@]} -eq 0 ]]; then
  echo "usage: $0 FILE... [--mode bike|car|foot] [--reps N]" >&2
  exit 2
fi
tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target knightsim_bench_osm_import
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
for file in "${files[@]}"; do
  echo
  build/release/tools/bench/knightsim_bench_osm_import "$file" "$@"
done
