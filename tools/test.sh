#!/usr/bin/env bash
# Install what is missing, build with tests (Debug, assertions and -Werror on) and run them all.
# With --sanitize, the same suite built with AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=debug
if [[ "${1:-}" == "--sanitize" ]]; then preset=asan; fi
tools/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" -j2
