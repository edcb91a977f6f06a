"""Reads the DOM headless Chromium dumped for /status and reports what it shows.

Prints one JSON object: for each branch block (article[data-branch]) the rules of its
figures, and for each figure's SVG the number of polyline points, whether it has a
baseline line, its title and its axis labels; the rows of the silences table; and the
text above the outbox table. Used by Tests/BranchWatchTests/Observe/StatusPageBrowserTests.swift.
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
        self.section = None
        self.silences = []
        self.cell = None
        self.axis = None
        self.outbox_count = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.section = attrs.get("id")
        elif tag == "tr" and self.section == "silences":
            self.silences.append([])
        elif tag == "td" and self.section == "silences" and self.silences:
            self.cell = ""
        elif tag == "p" and attrs.get("id") == "outbox-count":
            self.outbox_count = ""
        if tag == "article" and "data-branch" in attrs:
            self.branch = attrs["data-branch"]
            self.branches[self.branch] = []
        elif tag == "figure" and self.branch is not None:
            self.figure = {"rule": attrs.get("data-rule"), "metric": attrs.get("data-metric"),
                           "svg": False, "points": 0, "baseline": False, "title": "",
                           "axis": {}}
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
            elif tag == "text" and attrs.get("class", "").startswith("axis-"):
                self.axis = attrs["class"][len("axis-"):]
                self.figure["axis"][self.axis] = ""

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.silences[-1].append(self.cell)
            self.cell = None
        elif tag == "p" and self.outbox_count is not None and not isinstance(self.outbox_count, list):
            self.outbox_count = [self.outbox_count]
        elif tag == "text":
            self.axis = None
        if tag == "article":
            self.branch = None
        elif tag == "figure":
            self.figure = None
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title and self.figure is not None:
            self.figure["title"] += data
        if self.axis is not None and self.figure is not None:
            self.figure["axis"][self.axis] += data
        if self.cell is not None:
            self.cell += data
        if isinstance(self.outbox_count, str):
            self.outbox_count += data


def main() -> int:
    parser = StatusDOM()
    parser.feed(sys.stdin.read())
    count = parser.outbox_count[0] if isinstance(parser.outbox_count, list) else None
    silences = [row for row in parser.silences if row]
    print(json.dumps({"branches": parser.branches, "silences": silences,
                      "outbox_count": count}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
