"""Turns bench/.out/results.json into the Markdown tables bench/README.md quotes.

    python3 bench/report.py [bench/.out/results.json]
"""

import json
import os
import sys

MIB = 2**20


def number(value, digits=0):
    if value is None:
        return "n/a"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def verdict(met):
    return "met" if met else "**missed**"


def markdown(results):
    lines = []
    machine = results["machine"]
    lines += [
        f"Machine: {machine['nproc']} cores ({machine['cpu']}), {machine['ram_gib']} GiB RAM, "
        f"Linux {machine['kernel']}; load average {machine['load_at_start'][0]:.2f} at start, "
        f"{machine['load_at_end'][0]:.2f} at end. Total {results.get('total_seconds')} s.",
        "",
    ]
    data = results.get("data")
    if data:
        lines += [
            f"Throughput drop: {data['branches']} branches x {data['metrics']} metrics x "
            f"{data['steps']} {data['freq']} steps = {data['samples']:,} samples in "
            f"{data['series']:,} series (seed {data['seed']}, {data['incidents']} incidents).",
            "",
        ]
    lines += throughput_table(results) + targets_table(results) + profile_table(results)
    return "\n".join(lines) + "\n"


def throughput_table(results):
    section = results.get("throughput")
    if not section:
        return []
    lines = [
        "| format | branchwatch samples/s | pandas samples/s | C loop samples/s "
        "| bw / pandas | C / bw | alerts bw / pandas / C |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for fmt, entry in section.items():
        bw, pandas, c = entry.get("branchwatch", {}), entry.get("pandas", {}), entry.get("c", {})
        bw_rate = bw.get("samples_per_second")
        pandas_rate = pandas.get("samples_per_second")
        c_rate = c.get("samples_per_second")
        first = number(bw_rate) if bw_rate else "rejected the file"
        over_pandas = bw_rate / pandas_rate if bw_rate and pandas_rate else None
        c_over = c_rate / bw_rate if bw_rate and c_rate else None
        names = ("branchwatch", "pandas", "c")
        counts = " / ".join(str(entry["alerts"].get(k, "-")) for k in names)
        known = [v for v in entry["alerts"].values()]
        if len(known) < 2:
            agree = ""
        else:
            agree = " (agree)" if entry.get("alerts_agree") else " (**differ**)"
        lines.append(
            f"| {fmt} | {first} | {number(pandas_rate)} | {number(c_rate)} | "
            f"{number(over_pandas, 2)} | {number(c_over, 1)} | {counts}{agree} |")
    lines += [
        "",
        "Samples/s use each program's own work time: branchwatch's `duration_ms` for the file "
        "(read, parse, evaluate, one SQLite transaction, move to done), the references' time "
        "from reading the file to the count. Whole-process wall times (medians):",
        "",
        "| format | branchwatch wall s | pandas wall s | C wall s | branchwatch peak RSS MiB |",
        "|---|---:|---:|---:|---:|",
    ]
    for fmt, entry in section.items():
        bw, pandas, c = entry.get("branchwatch", {}), entry.get("pandas", {}), entry.get("c", {})
        rss = bw.get("peak_rss")
        lines.append(
            f"| {fmt} | {number(bw.get('wall_seconds'), 2)} | "
            f"{number(pandas.get('wall_seconds'), 2)} | {number(c.get('wall_seconds'), 2)} | "
            f"{number(rss / MIB if rss else None, 0)} |")
    for fmt, entry in section.items():
        error = entry.get("branchwatch", {}).get("error")
        if error:
            lines.append(f"branchwatch on {fmt}: {error[:150]}")
    return lines + [""]


def targets_table(results):
    lines = ["| measure | result (median) | target | ratio to target | verdict |",
             "|---|---:|---:|---:|---|"]
    long = results.get("throughput", {}).get("long")
    if long and long["branchwatch"].get("samples_per_second"):
        rate = long["branchwatch"]["samples_per_second"]
        pandas = long["pandas"].get("samples_per_second")
        c = long.get("c", {}).get("samples_per_second")
        lines.append(f"| end to end, long CSV | {number(rate)} samples/s | 5,000,000 samples/s "
                     f"| {rate / 5e6:.3f} | {verdict(rate >= 5e6)} |")
        if pandas:
            lines.append(f"| branchwatch / pandas | {rate / pandas:.2f}x | >= 10x "
                         f"| {rate / pandas / 10:.3f} | {verdict(rate / pandas >= 10)} |")
        if c:
            lines.append(f"| C loop / branchwatch | {c / rate:.1f}x | <= 1.5x "
                         f"| {1.5 / (c / rate):.3f} | {verdict(c / rate <= 1.5)} |")
    memory = results.get("memory", {})
    for key, entry in memory.items():
        if key == "empty":
            continue
        per = entry["bytes_per_series_restart"]
        lines.append(f"| resident bytes per series, {int(key):,} series (after restart) "
                     f"| {number(per)} B | <= 200 B | {200 / per:.3f} | {verdict(per <= 200)} |")
        peak = entry["bytes_per_series_ingest_peak"]
        lines.append(f"| peak bytes per series while ingesting {int(key):,} series "
                     f"| {number(peak)} B | (none) | | |")
    for key, entry in memory.items():
        if key == "empty":
            continue
        wall = entry["restart_wall"]
        target = 1.0 if int(key) >= 1_000_000 else None
        if target:
            lines.append(f"| restart with {int(key):,} series | {wall:.2f} s | < 1 s "
                         f"| {1 / wall:.3f} | {verdict(wall < 1)} |")
        else:
            lines.append(f"| restart with {int(key):,} series | {wall:.2f} s | (1 s at 1M) | | |")
    if "empty" in memory:
        lines.append(f"| start and stop, empty state | {memory['empty']['wall']:.3f} s | | | |")
    latency = results.get("latency")
    if latency:
        lines.append(f"| drop-to-sink latency p50, {latency['branches_per_drop']:,}-branch drops "
                     f"| {latency['p50_ms']:.1f} ms | | | |")
        lines.append(f"| drop-to-sink latency p99 ({latency['drops']} drops) "
                     f"| {latency['p99_ms']:.1f} ms | < 20 ms | {20 / latency['p99_ms']:.3f} "
                     f"| {verdict(latency['p99_ms'] < 20)} |")
    delivery = results.get("delivery")
    if delivery and delivery.get("per_second"):
        short = "" if delivery.get("complete", True) else ", **not all arrived**"
        lines.append(f"| outbox delivery to a local sink ({number(delivery['messages'])} messages"
                     f"{short}) | {number(delivery['per_second'])} msg/s | (none) | | |")
    return lines + [""]


def profile_table(results):
    profile = results.get("profile")
    if not profile:
        return []
    lines = []
    for name, entry in profile.items():
        lines += [f"Callgrind, {entry['samples']:,} samples in {entry['series']:,} series "
                  f"({entry['branches']} branches x 40 metrics x {entry['steps']} steps), "
                  "top functions by inclusive cost (program entry frames left out):", "",
                  "| inclusive | function |", "|---:|---|"]
        for row in entry["inclusive"][:10]:
            lines.append(f"| {row['percent']:.1f}% | `{row['function'][:120]}` |")
        lines += ["", "Top functions by self cost:", "", "| self | function |", "|---:|---|"]
        for row in entry["exclusive"][:10]:
            lines.append(f"| {row['percent']:.1f}% | `{row['function'][:120]}` |")
        lines.append("")
    return lines


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, ".out", "results.json")
    with open(path) as source:
        print(markdown(json.load(source)), end="")
