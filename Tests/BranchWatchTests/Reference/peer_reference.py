"""Reference values for PeerDetectorTests (numpy).

Five branches over 42 days from 2015-01-05 (a Monday): a weekly rhythm times a branch
level times seeded noise (sd 3%). Day 35: all fall 40% together (a regional holiday).
Day 38: branch 0 alone falls 50%. Branch 3 does not report on day 30.

Per branch: own baseline = closed-form EWMA (ALPHA) of earlier values of the same weekday,
own change = value / baseline - 1 once the weekday has WARMUP values. Peer median =
median of the other branches' changes that step (at least MIN_PEERS). Residual
d = own - median; its spread is sqrt of an EWMA (BETA) of d^2, first value d^2, later
d clipped to +-CLIP * spread; spread floored at MIN_STD. peer_z = d / spread once
WARMUP residuals are in. Run: python3 peer_reference.py
"""
import numpy as np
from refcommon import ewma_state, swift

ALPHA, BETA, WARMUP, MIN_STD, MIN_PEERS, CLIP = 0.2, 0.1, 3, 0.05, 3, 3.0
DAYS, BRANCHES = 42, 5

rng = np.random.default_rng(11)
rhythm = np.array([1.0, 0.9, 0.95, 1.0, 1.3, 1.5, 0.6])
levels = np.array([1000, 800, 1200, 500, 900])
data = np.outer(np.tile(rhythm, DAYS // 7), levels) * (1 + 0.03 * rng.standard_normal((DAYS, BRANCHES)))
data[35] *= 0.6
data[38, 0] *= 0.5
data = np.round(data)
present = np.ones((DAYS, BRANCHES), dtype=bool)
present[30, 3] = False
print("static let values: [[Double]] = [")
for row in data:
    print("    [" + ", ".join(repr(float(v)) for v in row) + "],")
print("]")

count = np.zeros(BRANCHES, dtype=int)
mean_square = np.zeros(BRANCHES)
peer_z = np.full((DAYS, BRANCHES), np.nan)
for day in range(DAYS):
    own = np.full(BRANCHES, np.nan)
    for b in range(BRANCHES):
        if not present[day, b]:
            continue
        earlier = np.array([data[d, b] for d in range(day) if d % 7 == day % 7 and present[d, b]])
        if len(earlier) >= WARMUP:
            own[b] = data[day, b] / ewma_state(earlier, ALPHA)[0] - 1
    for b in range(BRANCHES):
        others = [own[o] for o in range(BRANCHES) if o != b and not np.isnan(own[o])]
        if np.isnan(own[b]) or len(others) < MIN_PEERS:
            continue
        d = own[b] - np.median(others)
        spread = max(np.sqrt(mean_square[b]), MIN_STD)
        if count[b] >= WARMUP:
            peer_z[day, b] = d / spread
        if count[b] == 0:
            mean_square[b] = d * d
        else:
            c = min(max(d, -CLIP * spread), CLIP * spread)
            mean_square[b] = (1 - BETA) * mean_square[b] + BETA * c * c
        count[b] += 1
swift("branch0PeerZ", peer_z[:, 0])
swift("branch3PeerZ", peer_z[:, 3])
swift("day35PeerZ", peer_z[35])
