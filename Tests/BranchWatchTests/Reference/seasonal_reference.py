"""Reference values for SeasonalDetectorTests (numpy).

Series: BROOKLYN with days 20, 21 and 40 missing (no rows). Slots are weekdays, the
first day 2015-01-01 being a Thursday. Each value is scored against the closed-form
EWMA mean and variance of the earlier values of its weekday, once that weekday has
WARMUP of them; the spread is floored at max(MIN_STD, MIN_STD_PCT * mean).
Then the same with a 10-day gap and reset_after 7 days: after the gap the slots start
empty, so the warm-up runs again. Run: python3 seasonal_reference.py
"""
import numpy as np
from refcommon import BROOKLYN, ewma_state, swift

ALPHA, WARMUP, MIN_STD, MIN_STD_PCT = 0.2, 3, 2.0, 0.01


def scores(days, values):
    out = []
    for i, (day, value) in enumerate(zip(days, values)):
        earlier = np.array([v for d, v in zip(days[:i], values[:i]) if d % 7 == day % 7])
        if len(earlier) < WARMUP:
            out.append(np.nan)
            continue
        mean, var = ewma_state(earlier, ALPHA)
        std = max(np.sqrt(var), MIN_STD, MIN_STD_PCT * abs(mean))
        out.append((value - mean) / std)
    return out


days = [d for d in range(len(BROOKLYN)) if d not in (20, 21, 40)]
values = BROOKLYN[days]
swift("zWithMissingDays", scores(days, values))

gapped = [d for d in range(60) if not 30 <= d < 40]
after = [d for d in gapped if d >= 40]
z_reset = scores([d for d in gapped if d < 30], BROOKLYN[[d for d in gapped if d < 30]])
z_reset += scores(after, BROOKLYN[after])
swift("zWithResetAfterGap", z_reset)
