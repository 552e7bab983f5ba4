#!/bin/sh
# Compiles every native/src/*.c into an eBPF object in the given directory.
# Usage: build.sh <output directory>
set -eu
out=${1:?usage: build.sh <output directory>}
src=$(cd "$(dirname "$0")/src" && pwd)
if ! command -v clang >/dev/null 2>&1; then
    echo "ERROR: clang not found; the eBPF programs in native/ need it. Install the Debian packages: apt-get install clang libbpf-dev linux-libc-dev" >&2
    exit 1
fi
if [ ! -f /usr/include/bpf/bpf_helpers.h ]; then
    echo "ERROR: /usr/include/bpf/bpf_helpers.h not found; install the Debian package libbpf-dev" >&2
    exit 1
fi
arch_inc=/usr/include/$(uname -m)-linux-gnu
mkdir -p "$out"
for c in "$src"/*.c; do
    name=$(basename "$c" .c)
    clang -O2 -g -Wall -Werror -target bpf -I"$arch_inc" -c "$c" -o "$out/$name.o"
    echo "built $out/$name.o"
done
