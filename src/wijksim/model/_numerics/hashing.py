"""Counter-based random numbers: a uniform draw that depends only on its inputs (no state), so
both copies of a tie can draw the same number without touching each other."""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def mix64(x):
    """splitmix64 finaliser: a well-mixed 64-bit hash of x (uint64)."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@njit(cache=True)
def pair_uniform(salt, i, j):
    """A uniform number in [0, 1) shared by the pair {i, j} for this ``salt`` (week).

    Counter-based randomness: both copies of a tie draw the same number, so each resident's
    row can be updated on its own and the network still stays exactly symmetric.
    """
    lo = np.uint64(min(i, j))
    hi = np.uint64(max(i, j))
    x = mix64(np.uint64(salt) ^ mix64(lo * np.uint64(0x9E3779B97F4A7C15) + hi))
    return float(x >> np.uint64(11)) * (1.0 / 9007199254740992.0)
