"""Schedulers"""

import numpy as np


def frange_cycle_linear(
    n_iter: int, start: float = 0.0, stop: float = 1.0, n_cycle: int = 10, ratio: float = 0.5
) -> np.ndarray:
    """Linear cyclical schedule: each cycle rises linearly from start to stop, then stays."""
    values = np.ones(n_iter) * stop
    period = n_iter / n_cycle
    step = (stop - start) / (period * ratio)
    for c in range(n_cycle):
        v, i = start, 0
        while v <= stop and int(i + c * period) < n_iter:
            values[int(i + c * period)] = v
            v += step
            i += 1
    return values
