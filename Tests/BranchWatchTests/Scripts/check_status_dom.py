"""Reads the DOM headless Chromium dumped for /status and reports what it shows.

Prints one JSON object: for each branch block (article[data-branch]) the rules of its
figures, and for each figure's SVG the number of polyline points and whether it has a
baseline line and a title. Used by Tests/BranchWatchTests/Observe/StatusPageBrowserTests.swift.
"""
import json
import sys
from html.parser import HTMLParser


class StatusDOM(HTMLParser):
    def __init__(self):
        super().__init__()
        self.branches = {}
        self.branch = None
        self.figure = None
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "data-branch" in attrs:
            self.branch = attrs["data-branch"]
            self.branches[self.branch] = []
        elif tag == "figure" and self.branch is not None:
            self.figure = {"rule": attrs.get("data-rule"), "metric": attrs.get("data-metric"),
                           "svg": False, "points": 0, "baseline": False, "title": ""}
            self.branches[self.branch].append(self.figure)
        elif self.figure is not None:
            if tag == "svg":
                self.figure["svg"] = True
            elif tag == "polyline":
                self.figure["points"] = len(attrs.get("points", "").split())
            elif tag == "line" and "baseline" in attrs.get("class", ""):
                self.figure["baseline"] = True
            elif tag == "title":
                self.in_title = True

    def handle_endtag(self, tag):
        if tag == "article":
            self.branch = None
        elif tag == "figure":
            self.figure = None
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title and self.figure is not None:
            self.figure["title"] += data


def main() -> int:
    parser = StatusDOM()
    parser.feed(sys.stdin.read())
    print(json.dumps({"branches": parser.branches}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
