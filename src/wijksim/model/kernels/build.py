"""Compiled loops of building the starting wijk (rules: build.py, docs/ODD.md 5)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
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


class Drawn(NamedTuple):
    """The dispositions :func:`draw_dispositions` draws, one array per trait."""

    v0: np.ndarray
    a0: np.ndarray
    spare_hours: np.ndarray
    volunteer_p: np.ndarray
    engagement: np.ndarray
    friends_elsewhere: np.ndarray
    trust: np.ndarray
    vulnerability: np.ndarray
    paperwork_skill: np.ndarray


@njit(cache=True)
def _beta_by_mean(rng, mean, conc):
    """A Beta draw with this mean (kept within [0.001, 0.999]) and concentration alpha + beta."""
    m = min(max(mean, 1e-3), 1.0 - 1e-3)
    return rng.beta(m * conc, (1.0 - m) * conc)


@njit(cache=True)
def draw_dispositions(rng, rule, group, age):
    """Dispositions of residents of these groups and age classes (``rule``:
    :class:`wijksim.model.build.Dispositions`), drawn from the Generator ``rng``.

    Each trait is drawn for everyone before the next trait, in the order of the fields of
    :class:`Drawn`, the order the model has always drawn them in (with numpy's vectorised
    calls; Numba's Generator gives the same numbers, tests/model/test_build.py)."""
    n = group.shape[0]
    minority = np.empty(n)
    senior = np.empty(n)
    for i in range(n):
        minority[i] = 1.0 if group[i] > 0 else 0.0
        senior[i] = 1.0 if age[i] == 2 else 0.0
    conc = rule.disposition_concentration
    v0 = np.empty(n)
    for i in range(n):
        v0[i] = _beta_by_mean(rng, rule.v_mean + rule.v_senior_extra * senior[i], conc)
    a0 = np.empty(n)
    for i in range(n):
        a0[i] = _beta_by_mean(rng, rule.a_mean, conc)
    has_time = np.empty(n, dtype=np.bool_)
    for i in range(n):
        youth = rule.youth_spare_time_factor if age[i] == 0 else 1.0
        has_time[i] = rng.random() < rule.spare_time_share * youth
    spare = np.empty(n)
    for i in range(n):  # drawn for everyone, kept for those with time
        hours = rng.exponential(rule.spare_hours_mean)
        spare[i] = min(hours if has_time[i] else 0.0, rule.spare_hours_max)
    volunteer_p = np.empty(n)
    for i in range(n):  # regulars and occasionals (clubs, schools, churches, initiatives)
        u = rng.random()
        if u < rule.regular_volunteer_share:
            volunteer_p[i] = rule.regular_volunteer_rate
        elif u < rule.regular_volunteer_share + rule.occasional_volunteer_share:
            volunteer_p[i] = rule.occasional_volunteer_rate
        else:
            volunteer_p[i] = 0.0
    engagement = np.empty(n)
    for i in range(n):
        engagement[i] = _beta_by_mean(rng, rule.engagement_mean, rule.engagement_concentration)
    friends = np.empty(n, dtype=np.int16)
    for i in range(n):
        friends[i] = rng.poisson(rule.friends_elsewhere_mean
                                 * rule.friends_elsewhere_by_age[age[i]])
    trust = np.empty(n)
    for i in range(n):
        trust[i] = _beta_by_mean(rng, rule.trust_mean - rule.trust_minority_gap * minority[i],
                                 rule.trust_concentration)
    vulnerability = np.empty(n)
    for i in range(n):
        mean = (rule.vulnerability_mean + rule.vulnerability_group_gap * minority[i]
                + rule.vulnerability_senior_extra * senior[i])
        vulnerability[i] = _beta_by_mean(rng, mean, rule.vulnerability_concentration)
    paperwork = np.empty(n)
    for i in range(n):
        paperwork[i] = _beta_by_mean(rng, 0.5 + rule.paperwork_skill_gap * (0.5 - minority[i]),
                                     rule.paperwork_skill_concentration)
    return Drawn(v0=v0, a0=a0, spare_hours=spare, volunteer_p=volunteer_p,
                 engagement=engagement, friends_elsewhere=friends, trust=trust,
                 vulnerability=vulnerability, paperwork_skill=paperwork)
