"""Compiled loops of residential mobility (rules: population.py, docs/ODD.md 7.9)."""

from __future__ import annotations

import numpy as np
from numba import njit

from .._numerics.draws import uniform


@njit(cache=True)
def draw_movers(rng, age, moving_rate, senior_leave_rate):
    """The residents who leave this week, in index order: each with weekly chance
    ``moving_rate / 52`` (``senior_leave_rate / 52`` for seniors), one uniform each."""
    n = age.shape[0]
    out = np.empty(n, dtype=np.int64)
    m = 0
    for i in range(n):
        rate = senior_leave_rate if age[i] == 2 else moving_rate
        if uniform(rng) < rate / 52.0:
            out[m] = i
            m += 1
    return out[:m]
