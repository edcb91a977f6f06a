#!/bin/sh
# The demo: branchwatch on nine years of real NYC complaint counts by borough,
# one monthly drop file after another, alerts printed on the console.
set -eu
cd "$(dirname "$0")/.."

scripts/install-deps.sh
swift build --product branchwatch
binary=.build/debug/branchwatch
config=examples/branchwatch.yaml

# A fresh inbox and state each time, so the demo shows every alert again.
rm -rf .demo
mkdir -p .demo/inbox
cp examples/drops/*.csv .demo/inbox/

"$binary" check --config "$config"
echo "applying $(ls .demo/inbox | wc -l) drop files from examples/drops ..."
"$binary" run --once --config "$config"
echo "state is in .demo/state; run again with: $binary run --config $config"
