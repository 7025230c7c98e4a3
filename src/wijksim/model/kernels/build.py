"""Compiled loops of building the starting wijk (rules: build.py, docs/ODD.md 5)."""

from __future__ import annotations

from numba import njit

from ..homes import pick_near
from ..tietable import strengthen


@njit(cache=True)
def seed_ties(rng, ties, homes, group, radius, mean_ties, homophily):
    """First network: local, homophilous acquaintances and friends (refined by burn-in)."""
    n = homes.x.shape[0]
    for i in range(n):
        k = rng.poisson(mean_ties / 2.0)
        for _ in range(k):
            for _try in range(4):
                j = pick_near(rng, homes, i, radius)
                if j < 0 or j == i:
                    continue
                if group[j] != group[i] and rng.random() < homophily:
                    continue
                strengthen(ties, i, j, 0.1 + 0.8 * rng.random())
                break
