#!/usr/bin/env bash
# cpu-runs.sh ARCH: exit 0 when this CPU can run code compiled with -march=ARCH
# (x86-64-v2, -v3 or -v4), 1 when it cannot. GCC's own CPU detection decides.
set -euo pipefail
arch=$1
case $arch in
  x86-64-v2) level=2 ;;
  x86-64-v3) level=3 ;;
  x86-64-v4) level=4 ;;
  *) echo "cpu-runs.sh: unknown architecture $arch" >&2; exit 2 ;;
esac
prog='int main() { return __builtin_cpu_supports("x86-64-v'$level'") ? 0 : 1; }'
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
echo "$prog" | g++ -x c++ - -o "$bin"
"$bin"
