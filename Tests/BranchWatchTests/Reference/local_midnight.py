"""Epoch seconds of the local times pasted into LocalTimeTests.swift, from the tz database.

A bare date means midnight in the configured zone. Where midnight does not exist (Santiago
springs forward at 24:00), the day starts at the first instant after the gap.
Run: python3 local_midnight.py
"""
from datetime import datetime
from zoneinfo import ZoneInfo

CASES = [
    ("America/New_York", "2024-03-09 00:00"),
    ("America/New_York", "2024-03-10 00:00"),  # DST starts at 02:00
    ("America/New_York", "2024-03-10 03:30"),  # after the jump: EDT
    ("America/New_York", "2024-03-11 00:00"),
    ("America/New_York", "2024-11-03 00:00"),  # DST ends at 02:00
    ("America/New_York", "2024-11-04 00:00"),
    ("America/Santiago", "2024-04-07 00:00"),  # clocks went back at 24:00 the day before
    ("America/Santiago", "2024-09-08 00:00"),  # no midnight: 24:00 became 01:00
]


def start_of(zone: str, text: str) -> int:
    # For a time in a gap Python takes the offset from before the jump: Santiago's missing
    # 00:00 at -04 is the same instant as 01:00 at -03, the real start of that day.
    naive = datetime.strptime(text, "%Y-%m-%d %H:%M")
    return int(naive.replace(tzinfo=ZoneInfo(zone)).timestamp())


for zone, text in CASES:
    print(f"{zone:18} {text}  {start_of(zone, text)}")
