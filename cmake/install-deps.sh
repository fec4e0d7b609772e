#!/usr/bin/env bash
# Installs the Debian packages actsearch needs that are missing. As root it runs
# apt-get (update once, then install); otherwise it names what is missing and goes on,
# so a user without root still gets a clear message from the configure step.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libeigen3-dev libtbb-dev zlib1g-dev libfmt-dev nlohmann-json3-dev
  libboost-dev libboost-program-options-dev libboost-math-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  openmpi-bin libopenmpi-dev
  dataset-fashion-mnist python3-numpy python3-torch python3-sympy
  clang libclang-rt-14-dev  # make check: libFuzzer (clang's runtime) for tests/fuzz
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "warning: not root, so not installing these missing packages: ${missing[*]}" >&2
fi
