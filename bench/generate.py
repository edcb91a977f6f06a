#!/usr/bin/env python3
"""Generates reproducible branch KPI drops for the benchmarks.

Every (branch, metric) series follows its own level with a weekly rhythm (and a
daily one for hourly data), counts such as complaints are Poisson, and a seeded
share of branches gets an incident: an outage that collapses sales-like metrics,
a burst of complaints, or a one-off data glitch. The same arguments always give
the same bytes.

    generate.py --branches 1000 --metrics 40 --steps 48 --freq hourly \
        --formats long,wide,jsonl --out-prefix /tmp/drop

writes /tmp/drop.long.csv, /tmp/drop.wide.csv and /tmp/drop.jsonl and prints a
JSON summary. The module is also imported by the latency driver.
"""

import argparse
import datetime as dt
import json
import sys

import numpy as np

# Forty metrics a chain might export, each with how it behaves:
# flow (money or volume with a weekly and daily rhythm), count (Poisson),
# ratio (a share between 0 and 1), score (a survey mean).
METRICS = [
    ("sales", "flow", 2), ("transactions", "flow", 0), ("complaints", "count", 0),
    ("footfall", "flow", 0), ("conversion", "ratio", 4), ("satisfaction", "score", 2),
    ("avg_ticket", "score", 2), ("refunds", "count", 0), ("returns", "count", 0),
    ("voids", "count", 0), ("discounts", "flow", 2), ("items_sold", "flow", 0),
    ("new_accounts", "count", 0), ("loan_applications", "count", 0),
    ("cards_issued", "count", 0), ("deposits", "flow", 2), ("withdrawals", "flow", 2),
    ("wait_time", "score", 1), ("staff_hours", "flow", 1), ("online_orders", "flow", 0),
    ("pickups", "flow", 0), ("deliveries", "flow", 0), ("stockouts", "count", 0),
    ("shrinkage", "flow", 2), ("energy_kwh", "flow", 1), ("queue_length", "score", 1),
    ("calls", "flow", 0), ("emails", "count", 0), ("nps", "score", 1),
    ("churned", "count", 0), ("upsell_rate", "ratio", 4), ("cross_sell_rate", "ratio", 4),
    ("basket_size", "score", 2), ("margin", "flow", 2), ("labor_cost", "flow", 2),
    ("inventory_value", "flow", 2), ("promotions_redeemed", "count", 0),
    ("coupons", "count", 0), ("gift_cards", "flow", 2), ("loyalty_signups", "count", 0),
]

# Relative activity by weekday (Monday first) and by hour of the day.
WEEKDAY = np.array([0.92, 0.95, 0.97, 1.0, 1.12, 1.25, 0.79])
HOURLY = np.array([
    0.25, 0.2, 0.2, 0.2, 0.22, 0.3, 0.45, 0.7, 0.95, 1.1, 1.25, 1.4,
    1.55, 1.5, 1.35, 1.3, 1.35, 1.5, 1.6, 1.5, 1.25, 0.95, 0.6, 0.4,
])
UTC_OFFSET = "+08:00"


class Spec:
    """What to generate: the shape, the calendar and the seed."""

    def __init__(self, branches, metrics, steps, freq="hourly", seed=1,
                 start="2024-01-01", incidents=0.05):
        if not 1 <= metrics <= len(METRICS):
            raise SystemExit(f"--metrics must be 1..{len(METRICS)}")
        self.branches = branches
        self.metrics = metrics
        self.steps = steps
        self.freq = freq
        self.seed = seed
        self.start = dt.date.fromisoformat(start)
        self.incidents = incidents

    @property
    def metric_names(self):
        return [name for name, _, _ in METRICS[: self.metrics]]

    @property
    def branch_names(self):
        return [f"store-{index:06d}" for index in range(self.branches)]

    def timestamps(self):
        """Timestamp text of each step: a bare date (daily) or a date-time with offset."""
        base = dt.datetime.combine(self.start, dt.time())
        if self.freq == "daily":
            return [(self.start + dt.timedelta(days=t)).isoformat() for t in range(self.steps)]
        return [(base + dt.timedelta(hours=t)).strftime("%Y-%m-%dT%H:%M:%S") + UTC_OFFSET
                for t in range(self.steps)]

    def rhythm(self):
        """The seasonal factor of each step, shape (steps,)."""
        t = np.arange(self.steps)
        if self.freq == "daily":
            weekday = (self.start.weekday() + t) % 7
            return WEEKDAY[weekday]
        hour = t % 24
        weekday = (self.start.weekday() + t // 24) % 7
        return WEEKDAY[weekday] * HOURLY[hour]


def values(spec):
    """All values, shape (steps, branches, metrics), and the incidents injected."""
    rng = np.random.default_rng(spec.seed)
    steps, branches, metrics = spec.steps, spec.branches, spec.metrics
    rhythm = spec.rhythm()[:, None]
    scale = 1 / 24 if spec.freq == "hourly" else 1.0
    out = np.empty((steps, branches, metrics))
    for m, (_, kind, decimals) in enumerate(METRICS[:metrics]):
        if kind == "flow":
            level = rng.lognormal(mean=8.5 - m * 0.05, sigma=0.6, size=branches) * scale
            noise = rng.normal(1.0, 0.08, size=(steps, branches))
            series = level[None, :] * rhythm * noise
        elif kind == "count":
            rate = rng.gamma(shape=2.0, scale=1.5, size=branches) * max(scale * 4, 0.1)
            series = rng.poisson(rate[None, :] * rhythm, size=(steps, branches)).astype(float)
        elif kind == "ratio":
            base = rng.uniform(0.15, 0.6, size=branches)
            series = np.clip(base[None, :] + rng.normal(0, 0.02, (steps, branches)), 0, 1)
        else:
            base = rng.uniform(2.0, 80.0, size=branches)
            series = base[None, :] * rng.normal(1.0, 0.04, size=(steps, branches))
        out[:, :, m] = np.round(np.maximum(series, 0), decimals)
    injected = inject_incidents(spec, rng, out)
    return out, injected


def inject_incidents(spec, rng, out):
    """Outages, complaint bursts and glitches in a seeded share of the branches."""
    steps, branches, metrics = out.shape
    count = int(round(branches * spec.incidents))
    if count == 0 or steps < 2:
        return []
    earliest = min(30, steps - 1)
    chosen = rng.choice(branches, size=count, replace=False)
    kinds = [kind for _, kind, _ in METRICS[:metrics]]
    injected = []
    for branch in sorted(chosen.tolist()):
        start = int(rng.integers(earliest, steps))
        duration = int(rng.integers(1, 6 if spec.freq == "hourly" else 3))
        window = slice(start, min(start + duration, steps))
        what = rng.choice(["outage", "complaints", "glitch"], p=[0.5, 0.3, 0.2])
        if what == "outage":
            factor = rng.uniform(0.02, 0.3)
            for m, kind in enumerate(kinds):
                if kind == "flow":
                    out[window, branch, m] = np.round(out[window, branch, m] * factor,
                                                      METRICS[m][2])
        elif what == "complaints":
            for m, kind in enumerate(kinds):
                if kind == "count":
                    out[window, branch, m] += rng.integers(8, 30)
        else:
            m = int(rng.integers(0, metrics))
            window = slice(start, start + 1)
            out[window, branch, m] = np.round(out[window, branch, m] * 10 + 100,
                                              METRICS[m][2])
        injected.append({"branch": branch, "kind": str(what), "step": start,
                         "steps": window.stop - window.start})
    return injected


def formatted(spec, data):
    """Value text per (step, branch, metric), formatted with each metric's decimals."""
    text = np.empty(data.shape, dtype=object)
    for m, (_, _, decimals) in enumerate(METRICS[: spec.metrics]):
        column = data[:, :, m]
        if decimals == 0:
            text[:, :, m] = column.astype(np.int64).astype(str)
        else:
            text[:, :, m] = np.char.mod(f"%.{decimals}f", column)
    return text


def write_long(path, spec, text, steps=None):
    stamps = spec.timestamps()
    branches = spec.branch_names
    metrics = spec.metric_names
    with open(path, "w", newline="\n") as out:
        out.write("timestamp,branch,metric,value\n")
        for t in steps if steps is not None else range(spec.steps):
            stamp = stamps[t]
            rows = text[t]
            lines = []
            for b, branch in enumerate(branches):
                prefix = f"{stamp},{branch},"
                cells = rows[b]
                lines.extend(f"{prefix}{metric},{cells[m]}\n" for m, metric in enumerate(metrics))
            out.write("".join(lines))


def write_wide(path, spec, text, steps=None):
    stamps = spec.timestamps()
    with open(path, "w", newline="\n") as out:
        out.write("timestamp,branch," + ",".join(spec.metric_names) + "\n")
        for t in steps if steps is not None else range(spec.steps):
            stamp = stamps[t]
            out.write("".join(f"{stamp},{branch},{','.join(cells)}\n"
                              for branch, cells in zip(spec.branch_names, text[t])))


def write_jsonl(path, spec, text, steps=None):
    stamps = spec.timestamps()
    metrics = spec.metric_names
    with open(path, "w", newline="\n") as out:
        for t in steps if steps is not None else range(spec.steps):
            stamp = stamps[t]
            lines = []
            for branch, cells in zip(spec.branch_names, text[t]):
                head = f'{{"timestamp":"{stamp}","branch":"{branch}","metric":"'
                lines.extend(f'{head}{metric}","value":{cells[m]}}}\n'
                             for m, metric in enumerate(metrics))
            out.write("".join(lines))


WRITERS = {"long": ("long.csv", write_long), "wide": ("wide.csv", write_wide),
           "jsonl": ("jsonl", write_jsonl)}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--branches", type=int, default=1000)
    parser.add_argument("--metrics", type=int, default=40)
    parser.add_argument("--steps", type=int, default=48)
    parser.add_argument("--freq", choices=["hourly", "daily"], default="hourly")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", default="2024-01-01")
    parser.add_argument("--incidents", type=float, default=0.05,
                        help="share of branches with one incident")
    parser.add_argument("--formats", default="long", help="comma list of long, wide, jsonl")
    parser.add_argument("--out-prefix", required=True)
    args = parser.parse_args(argv)
    spec = Spec(args.branches, args.metrics, args.steps, args.freq, args.seed, args.start,
                args.incidents)
    data, injected = values(spec)
    text = formatted(spec, data)
    files = {}
    for name in args.formats.split(","):
        suffix, writer = WRITERS[name]
        path = f"{args.out_prefix}.{suffix}"
        writer(path, spec, text)
        files[name] = path
    summary = {
        "branches": spec.branches, "metrics": spec.metrics, "steps": spec.steps,
        "series": spec.branches * spec.metrics, "samples": data.size, "freq": spec.freq,
        "seed": spec.seed, "incidents": len(injected), "files": files,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv[1:])
