"""Shared pieces of the detector reference scripts: the test series and printing.

The EWMA state here is the closed form (a weighted sum over all earlier values), not
the recursion the Swift code runs, so agreement checks the recursion.
"""
import numpy as np

# Daily `complaints` of brooklyn from 2015-01-01 (a Thursday), NYC council data.
BROOKLYN = np.array([
    0, 14, 1, 0, 46, 36, 63, 53, 27, 1, 2, 52, 54, 97, 45, 41, 2, 3, 7, 72,
    41, 45, 23, 1, 2, 73, 5, 48, 52, 32, 1, 2, 76, 50, 60, 61, 32, 4, 0, 47,
    39, 45, 51, 96, 2, 1, 8, 64, 46, 37, 37, 1, 0, 64, 55, 64, 49, 141, 0, 1,
    136, 55, 39, 26, 38, 0, 3, 118, 60, 49, 43, 16, 0, 3, 74, 43, 52, 47, 31, 0,
    8, 42, 42, 48,
], dtype=np.float64)

# Daily `complaints_sanitation` of queens, 2015-11-01 .. 2016-01-31 (Winter Storm Jonas
# at the end).
QUEENS_SANITATION = np.array([
    0, 0, 0, 1, 4, 0, 0, 0, 0, 1, 0, 1, 2, 0, 0, 3, 4, 2, 3, 0, 0, 0, 0, 1, 1, 0, 0, 0,
    0, 0, 0, 1, 22, 0, 0, 0, 2, 0, 1, 1, 2, 0, 0, 5, 5, 0, 2, 0, 0, 0, 3, 1, 3, 1, 0, 0,
    0, 4, 4, 11, 0, 0, 0, 0, 3, 2, 1, 1, 1, 0, 0, 1, 3, 0, 3, 1, 0, 0, 0, 3, 2, 2, 2, 0,
    7, 50, 38, 44, 5, 13, 0, 0,
], dtype=np.float64)


def ewma_state(values, alpha):
    """Mean and variance after `values`, from the closed-form weights."""
    n = len(values)
    if n == 0:
        return 0.0, 0.0
    k = np.arange(1, n + 1)
    w = alpha * (1 - alpha) ** (n - k)
    w[0] = (1 - alpha) ** (n - 1)
    mean = float(np.sum(w * values))
    return mean, float(np.sum(w * (values - mean) ** 2))


def swift(name, values):
    """Prints `values` as a Swift array literal."""
    text = ", ".join(repr(float(v)) if v == v else ".nan" for v in values)
    print(f"static let {name}: [Double] = [{text}]")
