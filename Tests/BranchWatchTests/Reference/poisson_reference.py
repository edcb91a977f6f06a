"""Reference values for PoissonDetectorTests (scipy).

Tail: P(X >= k | rate) = scipy.stats.poisson.sf(k - 1, rate), and its -log10 from
poisson.logsf, over a grid that reaches far into the tail.
Detector: QUEENS_SANITATION, rate = closed-form EWMA mean (ALPHA) of the earlier counts,
floored at MIN_RATE, scored after WARMUP counts. Run: python3 poisson_reference.py
"""
import numpy as np
from scipy.stats import poisson
from refcommon import QUEENS_SANITATION, ewma_state, swift

ALPHA, WARMUP, MIN_RATE = 0.1, 14, 0.5

GRID = [(3, 0.2), (12, 10.0), (1, 0.5), (0, 3.0), (5, 5.0), (20, 4.0), (50, 2.0),
        (400, 30.0), (7, 12.0), (100, 100.0)]
print("grid:", GRID)
swift("gridP", [poisson.sf(k - 1, rate) for k, rate in GRID])
swift("gridSurprise", [-poisson.logsf(k - 1, rate) / np.log(10) for k, rate in GRID])

p, surprise, rate = [], [], []
for i, value in enumerate(QUEENS_SANITATION):
    if i < WARMUP:
        p.append(np.nan); surprise.append(np.nan); rate.append(np.nan)
        continue
    mean, _ = ewma_state(QUEENS_SANITATION[:i], ALPHA)
    lam = max(mean, MIN_RATE)
    rate.append(lam)
    p.append(poisson.sf(value - 1, lam))
    surprise.append(-poisson.logsf(value - 1, lam) / np.log(10))
swift("rate", rate)
swift("p", p)
swift("surprise", surprise)
