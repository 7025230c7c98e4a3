"""Counter-based random numbers: a uniform draw that depends only on its inputs (no state), so
both copies of a tie can draw the same number without touching each other."""

from __future__ import annotations

import numpy as np
from numba import njit


# odd 64-bit constants that spread counters over the hash's input (golden ratio, xxHash prime)
K1 = np.uint64(0x9E3779B97F4A7C15)
K2 = np.uint64(0xC2B2AE3D27D4EB4F)


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
    row can be updated on its own and the network still stays exactly symmetric. One
    splitmix64 finaliser of salt + lo * K1 + hi * K2 (two odd 64-bit constants): the tie
    upkeep draws one for each of some 300,000 tie slots a week, and a second round of mixing
    cost about 14 % of that kernel without making the numbers any more uniform
    (tests/model/test_ties.py).
    """
    lo = np.uint64(min(i, j))
    hi = np.uint64(max(i, j))
    x = mix64(np.uint64(salt) + lo * K1 + hi * K2)
    # 53 bits fit an int64, whose conversion to double is one instruction (uint64's is not)
    return np.int64(x >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True)
def counter_index(salt, k, n):
    """The ``k``-th of a sequence of indices in [0, n) fixed by ``salt``, drawn with
    replacement (``n`` below 2**32): a splitmix64 finaliser of salt + k * K1, its top 32 bits
    scaled to [0, n) by a multiply and a shift. For samples that must not depend on any
    Generator's state, nor cost the making of one."""
    x = mix64(np.uint64(salt) + np.uint64(k) * K1)
    return np.int64(((x >> np.uint64(32)) * np.uint64(n)) >> np.uint64(32))


@njit(cache=True)
def week_salt(seed, week):
    """A 64-bit salt fixed by a run's seed and a week (for :func:`counter_index`), as the
    int64 of the same bits (a Python int above 2**63 could not be passed back in)."""
    return np.int64(mix64(mix64(np.uint64(seed)) + np.uint64(week)))
