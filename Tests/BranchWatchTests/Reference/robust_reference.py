"""Reference values for RobustDetectorTests (numpy, scipy).

Series: BROOKLYN. Each value is scored against the WINDOW values before it (fewer at
the start; none scored until WARMUP are there): median from numpy, spread from
scipy.stats.median_abs_deviation(scale="normal"), floored at max(MIN_STD,
MIN_STD_PCT * |median|). The flat case: 20 values of 100 then 90, where MAD is 0
and the floor (5% of 100) decides. Run: python3 robust_reference.py
"""
import numpy as np
from scipy.stats import median_abs_deviation
from refcommon import BROOKLYN, swift

WINDOW, WARMUP, MIN_STD, MIN_STD_PCT = 14, 7, 1.0, 0.05


def scores(values, window, warmup, min_std, min_pct):
    z, expected = [], []
    for i, value in enumerate(values):
        earlier = values[max(0, i - window):i]
        if len(earlier) < warmup:
            z.append(np.nan)
            expected.append(np.nan)
            continue
        median = float(np.median(earlier))
        spread = max(median_abs_deviation(earlier, scale="normal"), min_std, min_pct * abs(median))
        z.append((value - median) / spread)
        expected.append(median)
    return z, expected


z, expected = scores(BROOKLYN, WINDOW, WARMUP, MIN_STD, MIN_STD_PCT)
swift("z", z)
swift("expected", expected)
flat = np.array([100.0] * 20 + [90.0])
swift("flatZ", scores(flat, WINDOW, WARMUP, 0.0, MIN_STD_PCT)[0][-1:])
