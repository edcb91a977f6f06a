"""Reference values for AbsentDetectorTests (numpy datetime arithmetic).

Three series report daily from 2016-01-01; store-b stops after 2016-01-03 and store-c
after 2016-01-05. `age` at each daily step is the days between that step and the
series' last value. Run: python3 absent_reference.py
"""
import numpy as np
from refcommon import swift

steps = np.arange(np.datetime64("2016-01-01"), np.datetime64("2016-01-09"))
last = {"store-b": np.datetime64("2016-01-03"), "store-c": np.datetime64("2016-01-05")}
for name, stop in last.items():
    ages = [(s - min(s, stop)) / np.timedelta64(1, "D") for s in steps]
    swift("ageOf" + name[-1].upper(), ages)
