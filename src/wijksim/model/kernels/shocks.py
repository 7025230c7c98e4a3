"""Compiled loop of the heat wave: does a tie check on an at-risk senior? (rules: shocks.py,
docs/ODD.md 7.8)."""

from __future__ import annotations

from numba import njit

from .._numerics.draws import uniform


@njit(cache=True)
def checked_by_ties(rng, at_risk, ties, a_eff, rate, a_weight, out):
    """out[k] = True if some tie checks on at_risk[k] this week: tie k checks with chance
    ``rate * w * (1 - a_weight * a)``."""
    nbr, w = ties.nbr, ties.w
    for s in range(at_risk.shape[0]):
        i = at_risk[s]
        out[s] = False
        for k in range(nbr.shape[1]):
            j = nbr[i, k]
            if j >= 0 and uniform(rng) < rate * w[i, k] * (1.0 - a_weight * a_eff[j]):
                out[s] = True
                break
