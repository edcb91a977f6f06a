#!/bin/sh
# The benchmark in one command: builds branchwatch in release mode once, builds the C
# reference, generates seeded drops, measures everything side by side, and writes
# bench/.out/results.json and bench/.out/results.md. Arguments go to bench/harness.py
# (for example --branches 2000 --steps 96, or --only throughput,latency).
set -eu
cd "$(dirname "$0")/.."

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    PATH="/opt/swift/usr/bin:$PATH"
fi
scripts/install-deps.sh

# What the bench needs beyond the build: a C compiler for the reference loop and
# valgrind for the profile (Debian), pandas for the Python reference (PyPI).
packages="gcc libc6-dev valgrind"
missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
if [ -n "$missing" ]; then
    echo "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086 # the list is meant to split into words
    apt-get install -y -qq $missing >/dev/null
fi
if ! python3 -c "import pandas, numpy" 2>/dev/null; then
    echo "installing pandas with pip"
    if ! python3 -m pip --version >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
    fi
    # Debian's own Python refuses pip installs outside a virtual environment unless told.
    python3 -m pip install --quiet pandas numpy \
        || python3 -m pip install --quiet --break-system-packages pandas numpy
fi

mkdir -p bench/.out
swift build -c release --product branchwatch
cc -O2 -o bench/.out/ref_c bench/ref_c.c -lm
cc -O2 -o bench/.out/peak_rss bench/peak_rss.c
python3 bench/harness.py --binary .build/release/branchwatch --ref-c bench/.out/ref_c "$@"
