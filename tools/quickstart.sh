#!/usr/bin/env bash
# Quick start: install what is missing, build knightsim in Release and run the default scenario.
# Extra arguments go to `knightsim run` (e.g. --seed 7, --set demand.orders_per_hour=900).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/tools/knightsim run "$@"
