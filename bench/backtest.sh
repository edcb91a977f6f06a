#!/bin/sh
# Reproduces bench/detectors.md: replays the shared data through bench/rules with
# `branchwatch backtest`, then scores the alerts against known_events.csv.
# Usage: bench/backtest.sh [DATA_DIR]   (default: ../shared/data, relative to the repo)
set -eu
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data}
if [ ! -d "$DATA" ]; then
    echo "bench/backtest.sh: no data folder $DATA; give one: bench/backtest.sh DATA_DIR" >&2
    exit 2
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
swift build --product branchwatch >/dev/null
BIN=$(swift build --show-bin-path)/branchwatch
mkdir -p "$WORK/rules"
for set in favorita nyc; do
    cp "bench/rules/$set.yaml" "$WORK/rules/$set.yaml"
    cat >"$WORK/$set.yaml" <<CONFIG
timezone: UTC
inbox: { path: inbox }
rules: [rules/$set.yaml]
notifiers: { sink: { type: console } }
CONFIG
done
"$BIN" backtest --config "$WORK/favorita.yaml" \
    --data "$DATA/favorita_store_transactions.csv" --output "$WORK/favorita.csv"
"$BIN" backtest --config "$WORK/nyc.yaml" \
    --data "$DATA/nyc_council_complaints_daily.csv" --output "$WORK/nyc.csv"
python3 bench/score_events.py "$DATA/known_events.csv" \
    favorita="$WORK/favorita.csv" nyc_council_complaints="$WORK/nyc.csv"
