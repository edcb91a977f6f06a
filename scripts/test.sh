#!/bin/sh
# Everything CI checks: build, the test suite, the formatting rules, the systemd unit
# and the install layout.
set -eu
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
swift build --build-tests
swift test
.build/debug/branchwatch test rules/tests/*.yaml
swift format lint --strict --recursive Sources Tests Package.swift
scripts/check-unit.sh
echo "all checks passed"
