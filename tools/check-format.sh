#!/usr/bin/env bash
# Fails if any C++ file of ours is not clang-formatted (the repository's .clang-format).
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.cpp' '*.hpp' '*.h')
clang-format --dry-run -Werror $files
echo "clang-format: $(echo "$files" | wc -l) files ok"
