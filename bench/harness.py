#!/usr/bin/env python3
"""Measures branchwatch side by side with its references; run.sh is the way in.

Sections (all by default, or a comma list with --only):
  throughput  samples/s from drop file to committed state, long/wide/JSON Lines,
              with ref_pandas.py and ref_c on the same files, alert counts checked
  memory      resident bytes per series after ingest and after a restart
  restart     part of memory: start-up time with N series of state
  latency     drop landing in the inbox to alert at a 127.0.0.1 sink, daemon watching
  delivery    messages per second from the outbox to a 127.0.0.1 sink
  profile     callgrind on a small drop, top functions by inclusive cost

Everything goes under bench/.out: data, state, logs, results.json and results.md.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time

import generate
import report
from sink import Sink

BENCH = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(BENCH, ".out")
CONFIG = os.path.join(BENCH, "branchwatch.yaml")
RULES = os.path.join(BENCH, "rules", "bench.yaml")
RUN_DIR = os.path.join(OUT, "run")  # where bench/branchwatch.yaml keeps state and inbox
SUFFIX = {"long": "long.csv", "wide": "wide.csv", "jsonl": "jsonl"}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


PEAK_RSS = os.path.join(OUT, "peak_rss")  # built from peak_rss.c by run.sh


def measured(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
    """Runs `command`; returns (wall seconds, peak RSS in bytes, exit status).

    The peak comes from peak_rss, not from this process's wait4: a child forked from
    this (large) Python process would count this process's peak as its own."""
    rss_file = os.path.join(OUT, "peak_rss.out")
    started = time.perf_counter()
    process = subprocess.Popen([PEAK_RSS, rss_file] + command, stdout=stdout, stderr=stderr)
    process.wait()
    seconds = time.perf_counter() - started
    with open(rss_file) as text:
        rss = int(text.read())
    return seconds, rss, process.returncode


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fresh_run_dir(files=()):
    shutil.rmtree(RUN_DIR, ignore_errors=True)
    os.makedirs(os.path.join(RUN_DIR, "inbox"))
    for path in files:
        copy = os.path.join(RUN_DIR, "inbox", os.path.basename(path))
        shutil.copy(path, copy)
        # Dated a minute back: a file changed within the inbox's settle time (2 s) is left
        # to settle first, which would add 2 s to every run's wall time.
        settled = time.time() - 60
        os.utime(copy, (settled, settled))


def log_fields(text, message):
    """key=value fields of every log line carrying `message`."""
    found = []
    for line in text.splitlines():
        if f": {message} " in line or line.endswith(f": {message}"):
            fields = {}
            for key, quoted, plain in re.findall(r'(\S+?)=(?:"((?:[^"\\]|\\.)*)"?|(\S+))', line):
                fields[key] = re.sub(r"\\(.)", r"\1", quoted) if quoted else plain
            found.append(fields)
    return found


def branchwatch_once(binary, label):
    """`run --once` with bench/branchwatch.yaml on what is in .out/run/inbox now."""
    stdout_path = os.path.join(OUT, f"{label}.stdout")
    stderr_path = os.path.join(OUT, f"{label}.stderr")
    with open(stdout_path, "w") as out, open(stderr_path, "w") as err:
        seconds, rss, status = measured(
            [binary, "run", "--once", "--config", CONFIG, "--log-level", "info"], out, err)
    with open(stderr_path) as err:
        text = err.read()
    with open(stdout_path) as out:
        fired = sum(1 for line in out if line.startswith("FIRING"))
    applied = log_fields(text, "file applied")
    rejected = log_fields(text, "file rejected")
    result = {"wall": seconds, "rss": rss, "status": status, "alerts": fired}
    if applied:
        result["ingest"] = sum(float(f["duration_ms"]) for f in applied) / 1000
        result["samples"] = sum(int(f["samples"]) for f in applied)
    if rejected:
        result["rejected"] = rejected[0].get("reason", "")[:200]
    return result


def reference(command):
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        return {"error": completed.stderr.strip()[-300:]}
    return json.loads(completed.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------


def throughput(args, results):
    data = os.path.join(OUT, "data")
    os.makedirs(data, exist_ok=True)
    formats = args.formats.split(",")
    log(f"generating {args.branches} branches x {args.metrics} metrics x {args.steps} "
        f"{args.freq} steps as {', '.join(formats)}")
    summary = json.loads(subprocess.run(
        [sys.executable, os.path.join(BENCH, "generate.py"), "--branches", str(args.branches),
         "--metrics", str(args.metrics), "--steps", str(args.steps), "--freq", args.freq,
         "--seed", str(args.seed), "--formats", ",".join(formats),
         "--out-prefix", os.path.join(data, "drop")],
        capture_output=True, text=True, check=True).stdout)
    results["data"] = summary
    section = results.setdefault("throughput", {})
    for fmt in formats:
        path = summary["files"][fmt]
        entry = {"bytes": os.path.getsize(path), "samples": summary["samples"]}
        runs = []
        for run in range(args.runs):
            fresh_run_dir([path])
            runs.append(branchwatch_once(args.binary, f"throughput-{fmt}-{run}"))
            log(f"{fmt} branchwatch run {run + 1}: {describe(runs[-1])}")
            if "rejected" in runs[-1]:
                break
        entry["branchwatch"] = summarize_runs(runs)
        pandas_runs, c_runs = [], []
        for run in range(args.runs):
            started = time.perf_counter()
            result = reference([sys.executable, os.path.join(BENCH, "ref_pandas.py"), path,
                                "--format", fmt])
            result["wall"] = time.perf_counter() - started
            pandas_runs.append(result)
            log(f"{fmt} pandas run {run + 1}: {result}")
            if fmt != "jsonl":
                started = time.perf_counter()
                result = reference([args.ref_c, path])
                result["wall"] = time.perf_counter() - started
                c_runs.append(result)
                log(f"{fmt} C run {run + 1}: {result}")
        entry["pandas"] = summarize_runs(pandas_runs, work="seconds")
        if c_runs:
            entry["c"] = summarize_runs(c_runs, work="seconds")
        programs = ("branchwatch", "pandas") + (("c",) if c_runs else ())
        counts = {name: entry.get(name, {}).get("alerts") for name in programs}
        entry["alerts"] = counts
        # A program that produced no count (a rejected file, a crash) is a disagreement.
        entry["alerts_agree"] = None not in counts.values() and len(set(counts.values())) == 1
        section[fmt] = entry
        log(f"{fmt} alert counts {counts} agree={entry['alerts_agree']}")


def describe(run):
    if "rejected" in run:
        return f"rejected: {run['rejected']}"
    return (f"ingest {run.get('ingest', 0):.3f} s, wall {run['wall']:.3f} s, "
            f"{run.get('samples', 0)} samples, {run['alerts']} alerts, "
            f"peak RSS {run['rss'] / 2**20:.0f} MiB")


def summarize_runs(runs, work="ingest"):
    """Medians of the timed fields; counts from the first run (they must not vary)."""
    good = [run for run in runs if work in run]
    if not good:
        return {"error": runs[0].get("rejected") or runs[0].get("error") if runs else "no run"}
    samples = good[0].get("samples")
    seconds = median([run[work] for run in good])
    return {
        "runs": len(good), "work_seconds": seconds,
        "wall_seconds": median([r["wall"] for r in good]),
        "samples": samples, "samples_per_second": samples / seconds if seconds else None,
        "alerts": good[0].get("alerts"),
        "alerts_all_runs": sorted({run.get("alerts") for run in good}),
        "peak_rss": median([run.get("rss") for run in good]),
    }


# ---------------------------------------------------------------------------------------


def memory(args, results):
    section = results.setdefault("memory", {})
    fresh_run_dir()
    baseline = [branchwatch_once(args.binary, f"restart-empty-{run}") for run in range(args.runs)]
    section["empty"] = {"wall": median([r["wall"] for r in baseline]),
                        "rss": median([r["rss"] for r in baseline])}
    log(f"empty state: start and stop {section['empty']['wall']:.3f} s, "
        f"RSS {section['empty']['rss'] / 2**20:.1f} MiB")
    for count in [int(n) for n in args.memory_series.split(",")]:
        metrics = min(40, count)
        branches = count // metrics
        prefix = os.path.join(OUT, "data", f"series-{count}")
        log(f"memory: {branches} branches x {metrics} metrics x {args.memory_steps} steps")
        generate.main(["--branches", str(branches), "--metrics", str(metrics), "--steps",
                       str(args.memory_steps), "--seed", str(args.seed), "--incidents", "0",
                       "--formats", "long", "--out-prefix", prefix])
        fresh_run_dir([prefix + ".long.csv"])
        ingest = branchwatch_once(args.binary, f"memory-{count}-ingest")
        log(f"{count} series ingest: {describe(ingest)}")
        restarts = []
        for run in range(args.runs):
            restarts.append(branchwatch_once(args.binary, f"memory-{count}-restart-{run}"))
            log(f"{count} series restart {run + 1}: wall {restarts[-1]['wall']:.3f} s, "
                f"RSS {restarts[-1]['rss'] / 2**20:.1f} MiB")
        rss = median([r["rss"] for r in restarts])
        database = os.path.join(RUN_DIR, "state")
        on_disk = sum(os.path.getsize(os.path.join(database, name))
                      for name in os.listdir(database))
        section[str(count)] = {
            "series": branches * metrics, "ingest_seconds": ingest.get("ingest"),
            "ingest_wall": ingest["wall"], "ingest_peak_rss": ingest["rss"],
            "restart_wall": median([r["wall"] for r in restarts]), "restart_rss": rss,
            "bytes_per_series_restart": (rss - section["empty"]["rss"]) / (branches * metrics),
            "bytes_per_series_ingest_peak":
                (ingest["rss"] - section["empty"]["rss"]) / (branches * metrics),
            "state_bytes_on_disk": on_disk,
        }
        log(f"{count} series: {json.dumps(section[str(count)])}")
        os.remove(prefix + ".long.csv")
    fresh_run_dir()


# ---------------------------------------------------------------------------------------


def sink_config(directory, url, log_level="warning"):
    os.makedirs(os.path.join(directory, "inbox"), exist_ok=True)
    path = os.path.join(directory, "branchwatch.yaml")
    with open(path, "w") as out:
        out.write(
            "# Written by bench/harness.py for one measurement.\n"
            f"state_dir: {directory}/state\n"
            "timezone: Asia/Shanghai\n"
            f"inbox:\n  path: {directory}/inbox\n"
            f"rules:\n  - {RULES}\n"
            f"notifiers:\n  ops-room:\n    type: webhook\n    url: {url}\n"
            "delivery:\n  timeout: 5s\n  once_deadline: 60s\n  initial_backoff: 100ms\n"
            f"log_level: {log_level}\n")
    return path


def wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.002)
    return False


def latency(args, results):
    directory = os.path.join(OUT, "latency")
    shutil.rmtree(directory, ignore_errors=True)
    sink = Sink()
    config = sink_config(directory, sink.url)
    warm, drops, branches = 30, args.latency_drops, args.latency_branches
    spec = generate.Spec(branches, 1, warm + drops + 1, "hourly", args.seed, incidents=0)
    data, _ = generate.values(spec)
    text = generate.formatted(spec, data)
    inbox = os.path.join(directory, "inbox")
    done = os.path.join(inbox, "done")
    generate.write_long(os.path.join(inbox, "seed.csv"), spec, text, steps=range(warm))
    stderr = open(os.path.join(OUT, "latency-daemon.stderr"), "w")
    daemon = subprocess.Popen([args.binary, "run", "--config", config],
                              stdout=subprocess.DEVNULL, stderr=stderr)
    samples = []
    try:
        if not wait_until(lambda: os.path.exists(os.path.join(done, "seed.csv")), 120):
            raise SystemExit("latency: the daemon did not apply the seed file in 120 s")
        log(f"latency: daemon watching, {branches} branches warmed up; {drops} drops")
        for k in range(drops):
            step = warm + k
            branch = k % branches
            name = f"drop-{k:05d}.csv"
            target = spec.branch_names[branch]
            text[step, branch, 0] = f"{float(data[step, branch, 0]) * 50 + 5000:.2f}"
            hidden = os.path.join(inbox, "." + name)
            generate.write_long(hidden, spec, text, steps=[step])
            started = time.monotonic()
            os.rename(hidden, os.path.join(inbox, name))
            hit = sink.wait_for(lambda p, b=target: p.get("branch") == b
                                and p.get("status") == "firing", 30, since=started)
            if hit is None:
                raise SystemExit(f"latency: no alert for {target} within 30 s of {name}")
            samples.append(hit[0] - started)
            wait_until(lambda n=name: os.path.exists(os.path.join(done, n)), 30)
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=60)
        stderr.close()
        sink.stop()
    ordered = sorted(samples)
    results["latency"] = {
        "drops": len(samples), "branches_per_drop": branches,
        "p50_ms": percentile(ordered, 50) * 1000, "p99_ms": percentile(ordered, 99) * 1000,
        "max_ms": ordered[-1] * 1000, "min_ms": ordered[0] * 1000,
        "slowest_ms": [round(value * 1000, 1) for value in ordered[-5:]],
        "slowest_drops": sorted(range(len(samples)), key=lambda k: samples[k])[-5:],
    }
    log(f"latency: {json.dumps(results['latency'])}")


def percentile(ordered, p):
    """Nearest-rank percentile of sorted values."""
    rank = max(1, int(-(-len(ordered) * p // 100)))
    return ordered[rank - 1]


def delivery(args, results):
    count = args.delivery_alerts
    runs = []
    for run in range(args.runs):
        directory = os.path.join(OUT, "delivery")
        shutil.rmtree(directory, ignore_errors=True)
        sink = Sink()
        config = sink_config(directory, sink.url)
        steps = 26
        spec = generate.Spec(count, 1, steps, "hourly", args.seed, incidents=0)
        data, _ = generate.values(spec)
        data[steps - 1, :, 0] = data[steps - 1, :, 0] * 50 + 5000
        text = generate.formatted(spec, data)
        generate.write_long(os.path.join(directory, "inbox", "spikes.csv"), spec, text)
        with open(os.path.join(OUT, f"delivery-{run}.stderr"), "w") as err:
            wall, _, status = measured([args.binary, "run", "--once", "--config", config,
                                        "--log-level", "info"], stderr=err)
        sink.stop()
        arrivals = [t for t, p in sink.received]
        with open(os.path.join(OUT, f"delivery-{run}.stderr")) as err:
            applied = log_fields(err.read(), "file applied")
        ingest = float(applied[0]["duration_ms"]) / 1000 if applied else None
        rate = (len(arrivals) - 1) / (arrivals[-1] - arrivals[0]) if len(arrivals) > 1 else None
        runs.append({"delivered": len(arrivals), "rate": rate, "wall": wall,
                     "ingest": ingest, "status": status})
        if len(arrivals) != count or status != 0:
            log(f"delivery run {run + 1}: WARNING {len(arrivals)} of {count} messages "
                f"arrived, exit status {status}; the rate covers only what arrived")
        log(f"delivery run {run + 1}: {runs[-1]}")
    results["delivery"] = {
        "messages": median([r["delivered"] for r in runs]),
        "per_second": median([r["rate"] for r in runs]),
        "wall": median([r["wall"] for r in runs]),
        "complete": all(r["delivered"] == count and r["status"] == 0 for r in runs),
    }


# ---------------------------------------------------------------------------------------


def profile(args, results):
    """Callgrind on two small drops: many samples per series, and many series."""
    directory = os.path.join(OUT, "profile")
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    workloads = [("samples", args.profile_branches, 30),
                 ("series", args.profile_series_branches, 2)]
    section = results.setdefault("profile", {})
    for name, branches, steps in workloads:
        prefix = os.path.join(OUT, "data", f"profile-{name}")
        generate.main(["--branches", str(branches), "--metrics", "40", "--steps", str(steps),
                       "--seed", str(args.seed), "--formats", "long", "--out-prefix", prefix])
        fresh_run_dir([prefix + ".long.csv"])
        output = os.path.join(directory, f"callgrind-{name}.out")
        log(f"profile: valgrind --tool=callgrind, {branches} branches x 40 metrics x {steps} "
            "steps (slow on purpose)")
        with open(os.path.join(directory, f"valgrind-{name}.log"), "w") as err:
            subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={output}",
                            args.binary, "run", "--once", "--config", CONFIG],
                           stdout=subprocess.DEVNULL, stderr=err, check=True)
        tables = {}
        for mode in ("inclusive", "exclusive"):
            annotated = subprocess.run(
                ["callgrind_annotate", f"--inclusive={'yes' if mode == 'inclusive' else 'no'}",
                 output], capture_output=True, text=True, check=True).stdout
            demangled = subprocess.run(["swift", "demangle", "--simplified"], input=annotated,
                                       capture_output=True, text=True, check=False).stdout
            demangled = demangled or annotated
            with open(os.path.join(directory, f"{name}-{mode}.txt"), "w") as out:
                out.write(demangled)
            tables[mode] = top_functions(demangled, 40)
        section[name] = {"branches": branches, "steps": steps, "samples": branches * 40 * steps,
                         "series": branches * 40, **tables}
        log("profile: top by inclusive cost:\n  " + "\n  ".join(
            f"{row['percent']:5.1f}%  {row['function'][:110]}"
            for row in tables["inclusive"][:12]))


WRAPPERS = re.compile(r"^(0x[0-9a-f]+|\(below main\)|__libc_start_main.*|branchwatch_main|"
                      r".*Commands\.(dispatch|run)\(.*|Daemon\.runOnce\(\)|"
                      r"Engine\.process(PendingFiles|\(claimed:\))\(?\)?)$")


def top_functions(annotated, limit):
    """(percent, function) rows of a callgrind_annotate listing, each function once,
    without the frames every run passes through on its way to the engine."""
    total = None
    rows, seen = [], set()
    for line in annotated.splitlines():
        found = re.match(r"\s*([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", line)
        if found:
            total = int(found.group(1).replace(",", ""))
            continue
        found = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+(.*)$", line)
        if not found or total is None:
            continue
        function = re.sub(r"\s*\[[^\]]*\]\s*$", "", found.group(3))
        function = re.sub(r"^(\?\?\?|//<compiler-generated>|\S*?\.[A-Za-z]+):", "", function,
                          count=1).strip()
        if function in seen or WRAPPERS.match(function):
            continue
        seen.add(function)
        rows.append({"percent": float(found.group(2)), "function": function})
        if len(rows) >= limit:
            break
    return rows


# ---------------------------------------------------------------------------------------


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        total_kb = int(info.readline().split()[1])
    return {"nproc": os.cpu_count(), "cpu": model, "ram_gib": round(total_kb / 2**20, 1),
            "kernel": platform.release(), "load_at_start": os.getloadavg()}


# "restart" is measured by the memory section; the name is accepted for it.
SECTIONS = {"throughput": throughput, "memory": memory, "restart": memory,
            "latency": latency, "delivery": delivery, "profile": profile}
FORMATS = ("long", "wide", "jsonl")


def section_names(only):
    """The sections `--only` names, each once, in the order given."""
    names = []
    for name in only.split(","):
        if SECTIONS[name] not in [SECTIONS[known] for known in names]:
            names.append(name)
    return names


def check_arguments(parser, args):
    """Refuses arguments that would crash a section halfway or measure nothing."""
    unknown = [name for name in args.only.split(",") if name not in SECTIONS]
    if unknown:
        parser.error(f"--only: unknown section {', '.join(repr(n) for n in unknown)}; "
                     f"sections are {', '.join(SECTIONS)}")
    formats = [name for name in args.formats.split(",") if name not in FORMATS]
    if formats:
        parser.error(f"--formats: unknown format {', '.join(repr(n) for n in formats)}; "
                     f"formats are {', '.join(FORMATS)}")
    for option in ("runs", "branches", "metrics", "steps", "memory_steps", "latency_drops",
                   "latency_branches", "delivery_alerts", "profile_branches",
                   "profile_series_branches"):
        if getattr(args, option) < 1:
            parser.error(f"--{option.replace('_', '-')} must be at least 1")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--ref-c", required=True)
    parser.add_argument("--only", default="throughput,memory,latency,delivery,profile")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--branches", type=int, default=1000)
    parser.add_argument("--metrics", type=int, default=40)
    parser.add_argument("--steps", type=int, default=48)
    parser.add_argument("--freq", default="hourly")
    parser.add_argument("--formats", default="long,wide,jsonl")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--memory-series", default="100000,1000000")
    parser.add_argument("--memory-steps", type=int, default=2)
    parser.add_argument("--latency-drops", type=int, default=200)
    parser.add_argument("--latency-branches", type=int, default=1000)
    parser.add_argument("--delivery-alerts", type=int, default=2000)
    parser.add_argument("--profile-branches", type=int, default=100)
    parser.add_argument("--profile-series-branches", type=int, default=500)
    args = parser.parse_args(argv)
    check_arguments(parser, args)
    os.makedirs(OUT, exist_ok=True)
    results = {"machine": machine(), "arguments": vars(args),
               "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    started = time.perf_counter()
    for name in section_names(args.only):
        section_started = time.perf_counter()
        SECTIONS[name](args, results)
        results.setdefault("section_seconds", {})[name] = round(
            time.perf_counter() - section_started, 1)
    results["machine"]["load_at_end"] = os.getloadavg()
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    with open(os.path.join(OUT, "results.json"), "w") as out:
        json.dump(results, out, indent=2)

    text = report.markdown(results)
    with open(os.path.join(OUT, "results.md"), "w") as out:
        out.write(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
