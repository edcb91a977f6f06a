"""Fetches a /metrics page and parses it with Prometheus' own Python client.

Prints one JSON object: family name -> {"type": ..., "samples": [[name, labels, value]]}.
Exits 1 with the parser's message when the page is not valid exposition text.
Used by Tests/BranchWatchTests/Observe/MetricsEndpointTests.swift.
"""
import json
import sys
import urllib.request

from prometheus_client.parser import text_string_to_metric_families


def main() -> int:
    with urllib.request.urlopen(sys.argv[1], timeout=10) as response:
        content_type = response.headers.get("Content-Type", "")
        text = response.read().decode("utf-8")
    families = {}
    try:
        for family in text_string_to_metric_families(text):
            families[family.name] = {
                "type": family.type,
                "samples": [[s.name, s.labels, s.value] for s in family.samples],
            }
    except ValueError as error:
        print(f"not valid Prometheus text: {error}", file=sys.stderr)
        return 1
    print(json.dumps({"content_type": content_type, "families": families}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
