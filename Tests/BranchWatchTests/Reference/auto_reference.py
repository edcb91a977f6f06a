"""Reference values for AutoDetectorTests: the `auto` recipe computed the plain way.

Per value x at local time t, scored against the state before it, then folded in:

A. Seasonal baseline (alpha 0.05, slot alpha 0.1, clip 4 spreads after 30 values,
   floor = max(1e-3 * EW mean |x|, half the smallest non-zero step, 1e-12)).
   Spacing = median gap of the first 16 values; values then sit on a grid of that
   spacing from the first one. A period of P steps (1 day or 1 week, whole, P >= 2,
   2P + 2 <= 1000) is judged when the grid reaches step 2P + 1: numpy's Pearson
   correlation of values P steps apart must be > 0.5 and above any earlier pick; then
   level = mean, offset[k] = mean(x - level) over steps = k mod P, variance = mean
   squared residual. z_s = (x - level - offset[slot]) / max(sd, floor).
B. Median/MAD over the last min(288, 28 days) values (numpy median; 1.4826 * MAD,
   floored as in A at |median|); z_m = 0 until min(10, window) values.
C. Likelihood per z, fed only once its baseline is settled (seasonal: 30 values, and
   not on the value that adopts a period, which also restarts its history; median: the
   window scores): mean m of the last min(30, 3 days) values of min(|z|, 20);
   after `warmup` earlier means, score = -log10 of scipy's normal upper tail at
   (m - mu) / max(sd, 1e-3 * max(mu, 1e-3), 1e-4); then mu, var track the means with
   weight 1 / min(k, min(5000, 1 year)).
D. Novelty: after 30 values, x beyond [lo, hi] by 2% of hi - lo.
E. No score until one likelihood has `warmup` means of history; then
   anomaly = max(lik_s, lik_m, 99 if novel) over those that have one; reason 1 seasonal, 2 median, 3 novelty;
   an alert fires when anomaly >= 5.5 first holds after not holding.

Series: QUEENS_SANITATION and BROOKLYN (daily, warm-up 30), and a synthetic hourly
series (integer daily profile plus LCG noise, hours 210-212 and 340 missing, a spike at
430, halved from 520) with the default warm-up 100. Run: python3 auto_reference.py
"""
import math

import numpy as np
from scipy.stats import norm
from refcommon import BROOKLYN, QUEENS_SANITATION, swift

DAY = 86_400
START = 1_420_070_400  # 2015-01-01T00:00:00Z, as DetectorReplay.start


def hourly_series():
    profile = [20, 15, 12, 10, 10, 14, 30, 60, 90, 110, 120, 125, 130, 128, 120, 115, 118,
               125, 110, 90, 70, 50, 35, 25]
    state, times, values = 12345, [], []
    for i in range(600):
        state = (1103515245 * state + 12345) % 2**31
        if i in (210, 211, 212, 340):
            continue
        value = profile[i % 24] + state % 13 - 6
        if i == 430:
            value += 90
        if i >= 520:
            value //= 2
        times.append(START + i * 3600)
        values.append(float(value))
    return times, values


def window(samples, span, spacing):
    return samples if spacing == 0 else max(1, min(samples, span // spacing))


def run(times, values, warmup=100):
    floor_of = lambda level, step: max(1e-3 * abs(level), step / 2, 1e-12)
    count, last, step = 0, 0.0, 0.0
    origin, spacing, slots, best, judged, done = 0, 0, 0, -math.inf, 0, False
    pending, grid = [], {}
    s_count, level, var, size, offsets = 0, 0.0, 0.0, 0.0, []
    recent_values = []
    liks = [{"recent": [], "k": 0, "mu": 0.0, "var": 0.0} for _ in range(2)]
    lo, hi = math.inf, -math.inf
    out = {k: [] for k in ("expected_s", "z_s", "median", "z_m", "lik_s", "lik_m", "anomaly",
                           "novel", "reason")}
    adoptions = []

    def candidates():
        result = []
        for period in (DAY, 7 * DAY):
            if spacing and period % spacing == 0 and 2 <= period // spacing \
                    and 2 * (period // spacing) + 2 <= 1000:
                result.append(period // spacing)
        return result

    def grid_step(t):
        return (t - origin + spacing // 2) // spacing

    for t, x in zip(times, values):
        # ---- score against the state before x
        slot = grid_step(t) % slots if slots else 0
        sd = max(math.sqrt(var), floor_of(size, step))
        if s_count == 0:
            expected_s, z_s = x, 0.0
        else:
            expected_s = level + (offsets[slot] if slot < len(offsets) else 0.0)
            z_s = (x - expected_s) / sd
        w_med = window(288, 28 * DAY, spacing)
        if len(recent_values) >= min(10, w_med):
            arr = np.array(recent_values)
            median = float(np.median(arr))
            mad = float(np.median(np.abs(arr - median)))
            spread = max(1.482602218505602 * mad, floor_of(median, step))
            z_m, med_out = (x - median) / spread, median
        else:
            z_m, med_out, spread = 0.0, math.nan, math.nan
        short = window(30, 3 * DAY, spacing)
        means, scores = [], []
        for lik, z in zip(liks, (z_s, z_m)):
            ring = (lik["recent"] + [min(abs(z), 20.0)])[-short:]
            m = float(np.mean(ring))
            means.append(m)
            if lik["k"] >= warmup:
                sd_l = max(math.sqrt(lik["var"]), 1e-3 * max(lik["mu"], 1e-3), 1e-4)
                scores.append(-norm.logsf((m - lik["mu"]) / sd_l) / math.log(10))
            else:
                scores.append(math.nan)
        novel = count >= 30 and lo <= hi and (x > hi + 0.02 * (hi - lo) or x < lo - 0.02 * (hi - lo))
        lik_s, lik_m = scores
        if not (math.isnan(lik_s) and math.isnan(lik_m)):
            reason, strongest = 1, lik_s
            if not math.isnan(med_out) and not math.isnan(lik_m) \
                    and (math.isnan(strongest) or lik_m > strongest):
                reason, strongest = 2, lik_m
            if novel and (math.isnan(strongest) or 99 > strongest):
                reason, strongest = 3, 99.0
            row = dict(expected_s=expected_s, z_s=z_s, median=med_out, z_m=z_m, lik_s=lik_s,
                       lik_m=lik_m, anomaly=strongest, novel=float(novel), reason=float(reason))
        else:
            row = {k: math.nan for k in out}
        for k in out:
            out[k].append(row[k])

        # ---- fold x in
        if s_count == 0:
            level, var, size = x, 0.0, abs(x)
        else:
            r = x - expected_s
            if s_count >= 30:
                r = min(max(r, -4 * sd), 4 * sd)
            level += 0.05 * r
            if slot < len(offsets):
                offsets[slot] += 0.1 * r
            var = 0.95 * (var + 0.05 * r * r)
            size += 0.05 * (abs(x) - size)
        settled, adopted = s_count >= 30, False
        s_count += 1
        if not done:
            if spacing == 0:
                if not pending:
                    origin = t
                pending.append((t - origin, x))
                if len(pending) >= 16:
                    gaps = sorted(b[0] - a[0] for a, b in zip(pending, pending[1:]))
                    spacing = gaps[(len(gaps) - 1) // 2]
                    if not candidates():
                        done = True
                    else:
                        for off, v in pending:
                            g = grid_step(origin + off)
                            if g < 2 * max(candidates()) + 2:
                                grid[g] = v
                    pending = []
            else:
                g = grid_step(t)
                if 0 <= g < 2 * max(candidates()) + 2:
                    grid[g] = x
            if spacing and not done:
                newest = grid_step(t)
                cands = candidates()
                while judged < len(cands) and newest >= 2 * cands[judged] + 1:
                    p = cands[judged]
                    judged += 1
                    pairs = [(grid[g], grid[g - p]) for g in sorted(grid) if g - p in grid]
                    r = np.corrcoef(np.array(pairs).T)[0, 1] if len(pairs) >= 3 else math.nan
                    if r > 0.5 and r > best:
                        best, slots = r, p
                        steps = np.array(sorted(grid))
                        vals = np.array([grid[g] for g in steps])
                        level = float(np.mean(vals))
                        offsets = [float(np.mean(vals[steps % p == k] - level))
                                   if np.any(steps % p == k) else 0.0 for k in range(p)]
                        resid = vals - level - np.array(offsets)[steps % p]
                        var = float(np.mean(resid ** 2))
                        adoptions.append((count, p, r))
                        adopted = True
                        liks[0] = {"recent": [], "k": 0, "mu": 0.0, "var": 0.0}
                if judged == len(cands):
                    done, grid = True, {}
        recent_values = (recent_values + [x])[-window(288, 28 * DAY, spacing):]
        short, long = window(30, 3 * DAY, spacing), window(5000, 365 * DAY, spacing)
        fed = (settled and not adopted, not math.isnan(med_out))
        for lik, z, m, feed in zip(liks, (z_s, z_m), means, fed):
            if not feed:
                continue
            lik["recent"] = (lik["recent"] + [min(abs(z), 20.0)])[-short:]
            lik["k"] += 1
            w = 1 / min(lik["k"], long)
            d = m - lik["mu"]
            lik["mu"] += w * d
            lik["var"] = (1 - w) * (lik["var"] + w * d * d)
        lo, hi = min(lo, x), max(hi, x)
        if count > 0 and abs(x - last) > 0:
            step = abs(x - last) if step == 0 else min(step, abs(x - last))
        last = x
        count += 1
    alerts, holding = [], False
    for i, a in enumerate(out["anomaly"]):
        holds = not math.isnan(a) and a >= 5.5
        if holds and not holding:
            alerts.append(i)
        holding = holds if not math.isnan(a) else holding
    return out, adoptions, spacing, alerts


def daily(values):
    return [START + i * DAY for i in range(len(values))], [float(v) for v in values]


def show(prefix, out, adoptions, spacing, alerts, indices=None):
    slots = [(index, period) for index, period, _ in adoptions]
    print(f"static let {prefix}Spacing: Int64 = {spacing}")
    print(f"/// (value index, slots) of each period adopted.")
    print(f"static let {prefix}Adoptions: [(Int, Int)] = {slots}")
    for key in ("expected_s", "z_s", "median", "z_m", "lik_s", "lik_m", "anomaly", "reason"):
        values = out[key] if indices is None else [out[key][i] for i in indices]
        swift(prefix + key.title().replace("_", ""), values)
    print(f"static let {prefix}Novel: [Int] = {[i for i, v in enumerate(out['novel']) if v == 1]}")
    print(f"static let {prefix}Alerts: [Int] = {alerts}")


if __name__ == "__main__":
    show("queens", *run(*daily(QUEENS_SANITATION), warmup=30))
    show("brooklyn", *run(*daily(BROOKLYN), warmup=30))
    times, values = hourly_series()
    picked = list(range(100, len(values), 23)) + list(range(424, 434)) + list(range(512, 522))
    print(f"static let hourlyPicked: [Int] = {picked}")
    show("hourly", *run(times, values), indices=picked)
