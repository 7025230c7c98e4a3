"""Compiled loops of building the starting wijk (rules: build.py, docs/ODD.md 5)."""

from __future__ import annotations

from numba import njit

from ..homes import pick_near
from ..tietable import strengthen


@njit(cache=True)
def seed_ties(rng, rule, desire, people, homes, ties):
    """First network: local friends, homophilous by group and age, strength
    ``U(rule.low, rule.high)`` (``rule``: :class:`wijksim.model.build.FirstTies`).

    Resident i proposes ``Poisson(desire[i] / 2)`` friendships to residents nearby, who accept
    with chance ``desire[j] / max(desire)``, so circles follow ``desire`` (see
    :func:`wijksim.model.build.friendship_desire`). Only the friendships are seeded: weak ties
    form within months by street encounters and place visits, but a friendship, once made,
    lasts until one of the two moves away, so a starting network with more friends than the
    wijk keeps up would take a decade to thin out (docs/ODD.md, 5.5)."""
    radius, homophily, age_homophily = rule.radius, rule.homophily, rule.age_homophily
    low, high = rule.low, rule.high
    group, age = people.group, people.age
    n = homes.x.shape[0]
    top = max(desire.max(), 1e-9)
    for i in range(n):
        k = rng.poisson(desire[i] / 2.0)
        for _ in range(k):
            for _try in range(4):
                j = pick_near(rng, homes, i, radius)
                if j < 0 or j == i:
                    continue
                if group[j] != group[i] and rng.random() < homophily:
                    continue
                if age[j] != age[i] and rng.random() < age_homophily:
                    continue
                if rng.random() >= desire[j] / top:
                    continue
                strengthen(ties, i, j, low + (high - low) * rng.random())
                break
