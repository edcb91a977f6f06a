"""Reference values for EWMATests, computed with numpy.

The mean and variance come from the closed form, not from the recursion the
Swift code runs: with x_1 setting the start, the weight of x_k in the mean
after n values is (1-a)^(n-1) for k = 1 and a(1-a)^(n-k) for k > 1, and the
variance is the same weighted sum of squared deviations from that mean.
Scores use the state before each value, as the daemon does.

Series: the first 60 daily `complaints` counts of brooklyn (2015-01-01 on)
from the bundled NYC council data. Run: python3 ewma_reference.py
"""
import numpy as np

ALPHA = 0.1
WARMUP = 14
MIN_STD = 2.0
MIN_STD_FRACTION = 0.01
SERIES = np.array([
    0, 14, 1, 0, 46, 36, 63, 53, 27, 1, 2, 52, 54, 97, 45, 41, 2, 3, 7, 72,
    41, 45, 23, 1, 2, 73, 5, 48, 52, 32, 1, 2, 76, 50, 60, 61, 32, 4, 0, 47,
    39, 45, 51, 96, 2, 1, 8, 64, 46, 37, 37, 1, 0, 64, 55, 64, 49, 141, 0, 1,
], dtype=np.float64)


def weights(n):
    k = np.arange(1, n + 1)
    w = ALPHA * (1 - ALPHA) ** (n - k)
    w[0] = (1 - ALPHA) ** (n - 1)
    return w


def state_after(n):
    w = weights(n)
    x = SERIES[:n]
    mean = np.sum(w * x)
    variance = np.sum(w * (x - mean) ** 2)
    return mean, variance


def main():
    means, variances, zs = [], [], []
    for n in range(1, len(SERIES) + 1):
        mean, variance = state_after(n)
        means.append(mean)
        variances.append(variance)
    for i in range(WARMUP, len(SERIES)):
        mean, variance = means[i - 1], variances[i - 1]
        std = max(np.sqrt(variance), MIN_STD, MIN_STD_FRACTION * abs(mean))
        zs.append((SERIES[i] - mean) / std)
    fmt = lambda xs: ",\n".join(", ".join(repr(float(v)) for v in xs[j:j + 4]) for j in range(0, len(xs), 4))
    print("means:\n" + fmt(means))
    print("variances:\n" + fmt(variances))
    print("z from index %d:\n" % WARMUP + fmt(zs))


if __name__ == "__main__":
    main()
