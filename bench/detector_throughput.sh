#!/bin/sh
# Measures updates per second of each detector alone (bench/detector_throughput.swift),
# compiled with the detector sources as one optimised module (-O, whole module: what
# `swift build -c release` does), and prints a markdown table with the machine it ran on.
# Usage: bench/detector_throughput.sh
set -eu
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The detectors are pure code; the sample type is their one dependency outside Stats/.
swiftc -O -whole-module-optimization -parse-as-library -module-name DetectorThroughput \
    Sources/BranchWatch/Stats/*.swift Sources/BranchWatch/Ingest/Sample.swift \
    bench/detector_throughput.swift -o "$WORK/detector_throughput"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); swift $(swift --version 2>&1 |
    sed -n 's/.*Swift version \([^ ]*\).*/\1/p')"
echo
"$WORK/detector_throughput"
