#!/usr/bin/env bash
# Installs, from Debian's packages, whatever knightsim needs to build and test that is missing.
# Usage: tools/install-deps.sh   (runs apt-get only if something is missing)
set -euo pipefail

packages=(cmake ninja-build g++ pkg-config libyaml-cpp-dev libboost-program-options-dev
          libfmt-dev libsqlite3-dev doctest-dev clang-format
          libosmium2-dev   # OpenStreetMap import; brings protozero, expat, zlib and bzip2
          libopenmpi-dev openmpi-bin sqlite3)   # MPI sweeps and their test; optional to build
# The viewer (viz/): SFML 2.5, its font, and Xvfb for its headless snapshots and tests.
packages+=(libsfml-dev fonts-dejavu-core xvfb xauth)
# tools/plot.py and its test (tests/plot_test.py) run with Debian's /usr/bin/python3.
packages+=(python3-matplotlib python3-pandas)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "Installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
