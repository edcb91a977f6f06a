"""Scores backtest output against known_events.csv: events caught, false alerts.

An event (dataset, start..end, branch or *, metric, kind) is caught by a rule when the
rule fires on that branch (any branch for *) and metric between start - BEFORE days and
end + 1 day (BEFORE is 1 unless `--before N` says otherwise: the eve of a long weekend is
already busy, and the listed windows start on the holiday itself).
Every firing that no event window (of any kind) explains is a false alert; the rate is
per branch-month: for each branch, the months (30.44 days) from its first to its last
value of any metric the rule scored, summed over branches (3 boroughs over 9 years are
324 branch-months however many metrics a rule watches).
`closed` and `new_branch` rows are not events to catch; rules whose name contains
`absent` are measured on `missing` events only, names ending in `-drop` on drops,
`-spike` on spikes and artifacts, the others on spikes, drops and artifacts.
Usage: score_events.py [--before N] known_events.csv dataset=scores.csv …
"""
import csv
import sys
from collections import defaultdict
from datetime import date, timedelta


def kinds(rule):
    """Which event kinds a rule is meant to catch, by its name."""
    if "absent" in rule:
        return ("missing",)
    if rule.endswith("-drop"):
        return ("drop",)
    if rule.endswith("-spike"):
        return ("spike", "artifact")
    return ("spike", "drop", "artifact")


def day(text):
    return date.fromisoformat(text[:10])


def main():
    arguments = sys.argv[1:]
    before = 1
    if arguments[0] == "--before":
        before = int(arguments[1])
        arguments = arguments[2:]
    events = list(csv.DictReader(open(arguments[0])))
    for argument in arguments[1:]:
        dataset, path = argument.split("=", 1)
        rows = list(csv.DictReader(open(path)))
        rules = [c for c in rows[0].keys() if "." not in c][4:]
        spans = {}
        for row in rows:
            if row["value"] == "":
                continue
            key = (row["branch"], row["metric"])
            d = day(row["timestamp"])
            first, last = spans.get(key, (d, d))
            spans[key] = (min(first, d), max(last, d))
        mine = [e for e in events if e["dataset"] == dataset]
        targets = [e for e in mine if e["kind"] not in ("closed", "new_branch")]
        print(f"\n## {dataset}\n")
        print("| rule | events caught | caught | alerts | false alerts | false / branch-month |")
        print("|---|---|---|---|---|---|")
        details = []
        for rule in rules:
            fired = [(day(r["timestamp"]), r["branch"], r["metric"]) for r in rows if r[rule] == "1"]
            scored = [c for c in rows[0].keys() if c.startswith(rule + ".")]
            metrics = {r["metric"] for r in rows if any(r[c] != "" for c in scored)}
            branches = {}
            for (branch, metric), (a, b) in spans.items():
                if metric in metrics:
                    first, last = branches.get(branch, (a, b))
                    branches[branch] = (min(first, a), max(last, b))
            months = sum(((b - a).days + 1) / 30.4375 for a, b in branches.values())

            def explains(event, alert):
                d, branch, metric = alert
                return (event["metric"] == metric and event["branch"] in ("*", branch)
                        and day(event["start"]) - timedelta(days=before) <= d
                        <= day(event["end"]) + timedelta(days=1))

            caught = [e for e in targets if any(explains(e, a) for a in fired)]
            false = [a for a in fired if not any(explains(e, a) for e in mine)]
            relevant = [e for e in targets if e["metric"] in metrics and e["kind"] in kinds(rule)]
            caught = [e for e in caught if e in relevant]
            names = ", ".join(f"{e['start']} {e['branch']} {e['kind']}" for e in caught)
            print(f"| {rule} | {len(caught)}/{len(relevant)} | {names or '-'} | {len(fired)} "
                  f"| {len(false)} | {len(false) / months:.3f} |")
            missed = [e for e in relevant if e not in caught]
            details.append((rule, missed))
        print()
        for rule, missed in details:
            print(f"* {rule} missed: " + ("; ".join(
                f"{e['start']}..{e['end']} {e['branch']} {e['metric']} {e['kind']}" for e in missed) or "none"))


if __name__ == "__main__":
    main()
