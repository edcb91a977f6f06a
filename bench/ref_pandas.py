#!/usr/bin/env python3
"""What a user might write instead of branchwatch: the bench rule in vectorised pandas.

Reads one drop (long CSV, wide CSV or JSON Lines), groups it by branch and metric,
keeps an exponentially weighted mean and variance per series, scores each value
against the state before it, and counts alert firings the way branchwatch's
alert lifecycle does: once per episode in which the condition holds.

pandas' ewm(adjust=False) with var(bias=True) is, term for term, the recursion
branchwatch uses (mean += a*d; var = (1-a)*(var + a*d*d)); only the rounding of
the intermediate steps differs, which moves z by about 1e-15.

Prints one JSON line: samples, series, late, alerts, resolved and the seconds
spent from reading the file to the count (interpreter start and import excluded).
"""

import argparse
import json
import sys
import time

import numpy as np
import pandas as pd

KEYS = ["branch", "metric"]


def read(path, fmt):
    if fmt == "long":
        return pd.read_csv(path)
    if fmt == "wide":
        wide = pd.read_csv(path)
        return wide.melt(id_vars=["timestamp", "branch"], var_name="metric", value_name="value")
    frame = pd.read_json(path, lines=True, dtype=False)
    return frame[["timestamp", "branch", "metric", "value"]]


def count_alerts(frame, alpha, warmup, min_std, min_std_pct, threshold):
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], format="ISO8601", utc=True)
    frame = frame.dropna(subset=["value"]).sort_values("timestamp", kind="stable")
    frame = frame.reset_index(drop=True)

    # A sample at or before its series' latest earlier sample is late and not applied.
    latest = frame.groupby(KEYS, sort=False)["timestamp"].cummax()
    previous = latest.groupby([frame["branch"], frame["metric"]], sort=False).shift()
    late = frame["timestamp"] <= previous
    frame = frame[~late].reset_index(drop=True)

    groups = frame.groupby(KEYS, sort=False)["value"]
    smoothed = groups.ewm(alpha=alpha, adjust=False)
    mean = smoothed.mean().reset_index(level=KEYS, drop=True).sort_index()
    var = smoothed.var(bias=True).reset_index(level=KEYS, drop=True).sort_index()

    # Scores use the state before each value: the previous row of the same series.
    by_series = [frame["branch"], frame["metric"]]
    mean_before = mean.groupby(by_series, sort=False).shift()
    var_before = var.groupby(by_series, sort=False).shift()
    count_before = groups.cumcount()

    floor = np.maximum(min_std, min_std_pct * mean_before.abs())
    std = np.maximum(np.sqrt(var_before), floor)
    z = (frame["value"] - mean_before) / std
    scored = (count_before >= warmup) & (count_before > 0)
    holds = scored & ((z <= -threshold) | (z >= threshold))

    # An alert fires when the condition starts holding and resolves when it stops;
    # values still warming up leave the alert as it was (inactive).
    held = holds.where(scored)
    state = held.groupby(by_series, sort=False).ffill().fillna(False).astype(bool)
    before = state.groupby(by_series, sort=False).shift(fill_value=False)
    fired = int((scored & state & ~before).sum())
    resolved = int((scored & ~state & before).sum())
    series = frame.groupby(KEYS, sort=False).ngroups
    return {"samples": len(frame), "series": series, "late": int(late.sum()),
            "alerts": fired, "resolved": resolved}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--format", choices=["long", "wide", "jsonl"], default="long")
    parser.add_argument("--alpha", type=float, default=0.1)
    parser.add_argument("--warmup", type=int, default=24)
    parser.add_argument("--min-std", type=float, default=1.0)
    parser.add_argument("--min-std-pct", type=float, default=0.05)
    parser.add_argument("--threshold", type=float, default=5.0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    frame = read(args.file, args.format)
    result = count_alerts(frame, args.alpha, args.warmup, args.min_std, args.min_std_pct,
                          args.threshold)
    result["seconds"] = round(time.perf_counter() - started, 4)
    result["format"] = args.format
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
