#!/usr/bin/env bash
# Installs the Debian packages relocsim needs, only those missing. Runs as root or through sudo.
# Usage: scripts/setup.sh [--with-browser] [--with-mpi] [--with-fuzz]
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache git pkg-config python3 time
  libeigen3-dev libboost-graph-dev libyaml-cpp-dev libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev libfmt-dev nlohmann-json3-dev librandom123-dev libssl-dev
)
for arg in "$@"; do
  case $arg in
    --with-browser)
      # The browser test drives Chromium from a plain Node.js script (no npm packages); a node
      # already on the machine (Debian's or another) is used as it is.
      packages+=(chromium)
      command -v node >/dev/null || packages+=(nodejs)
      ;;
    --with-mpi) packages+=(libopenmpi-dev openmpi-bin) ;;
    --with-fuzz) packages+=(clang libclang-rt-14-dev) ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
