#!/bin/sh
# Everything CI checks: build, the test suite, and the formatting rules.
set -eu
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build --build-tests
swift test
.build/debug/branchwatch test rules/tests/*.yaml
swift format lint --strict --recursive Sources Tests Package.swift
echo "all checks passed"
