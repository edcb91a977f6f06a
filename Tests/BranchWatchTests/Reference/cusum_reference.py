"""Reference values for CUSUMDetectorTests (numpy).

Series: 60 days near 1000 (seeded normal noise, sd 2%), then a slide of 1% a day for
20 days, rounded to whole numbers. Baseline: closed-form EWMA (ALPHA) of the earlier
values, scored after WARMUP; z floored at max(MIN_STD, MIN_STD_PCT * mean). The lower
cusum is S = max(0, S - z - K), accumulated only once the baseline scores. `shift` is
the mean relative change over the current run. Run: python3 cusum_reference.py
"""
import numpy as np
from refcommon import ewma_state, swift

ALPHA, WARMUP, MIN_STD, MIN_STD_PCT, K = 0.05, 20, 0.0, 0.02, 0.5

rng = np.random.default_rng(7)
flat = 1000 * (1 + 0.02 * rng.standard_normal(60))
slide = 1000 * (1 - 0.01 * np.arange(1, 21)) * (1 + 0.02 * rng.standard_normal(20))
series = np.round(np.concatenate([flat, slide]))
swift("series", series)

s, run, run_change = 0.0, 0, 0.0
cusum, shift, z_all = [], [], []
for i, value in enumerate(series):
    if i < WARMUP:
        cusum.append(np.nan); shift.append(np.nan); z_all.append(np.nan)
        continue
    mean, var = ewma_state(series[:i], ALPHA)
    std = max(np.sqrt(var), MIN_STD, MIN_STD_PCT * abs(mean))
    z = (value - mean) / std
    s = max(0.0, s - z - K)
    if s > 0:
        run += 1
        run_change += (value - mean) / abs(mean)
    else:
        run, run_change = 0, 0.0
    cusum.append(s)
    shift.append(run_change / run if run else 0.0)
    z_all.append(z)
swift("cusum", cusum)
swift("shift", shift)
swift("z", z_all)
