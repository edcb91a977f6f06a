#!/bin/sh
# Builds bench/detector_cost (optimised, from the pure Stats sources) and runs it once.
# Prints a markdown table of values per second and bytes per series for each detector.
set -eu
cd "$(dirname "$0")/.."
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
swiftc -O -o "$OUT/detector_cost" bench/detector_cost/main.swift \
    Sources/BranchWatch/Stats/*.swift Sources/BranchWatch/Support/NumberFormat.swift \
    Sources/BranchWatch/Ingest/Sample.swift
echo "machine: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
    "$(nproc) cores; $(swift --version 2>/dev/null | head -1)"
"$OUT/detector_cost"
