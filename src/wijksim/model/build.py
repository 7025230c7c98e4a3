"""Build the starting wijk (docs/ODD.md 5): grid, homes, dispositions, places, first ties.

Everything here is drawn from the model's ``build`` random stream, which does not depend on the
funding regime: for the same seed every regime starts from the same wijk.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .residents import Residents


def beta_mean(rng: np.random.Generator, mean: np.ndarray | float, conc: float, n: int):
    """Beta draws with the given mean(s) and concentration alpha + beta."""
    m = np.minimum(np.maximum(mean, 1e-3), 1 - 1e-3)  # np.clip without its overhead
    return rng.beta(m * conc, (1 - m) * conc, size=n)  # the same draws for scalar or array m


def grid_side(residents: int, per_cell: float, built_share: float) -> int:
    built_cells = math.ceil(residents / per_cell)
    return max(4, math.ceil(math.sqrt(built_cells / built_share)))


def lay_out_homes(rng, p, n: int):
    """Grid size, built cells, group quarters and home cells for n residents."""
    side = grid_side(n, p.wijk.residents_per_cell, p.wijk.built_share)
    cells = side * side
    built = np.sort(rng.choice(cells, size=max(1, round(cells * p.wijk.built_share)),
                               replace=False))
    bx, by = built % side, built // side
    shares = np.asarray(p.wijk.group_shares, dtype=float)
    # each group has a quarter: diagonal bands whose widths follow the group shares
    rank = np.argsort(np.argsort(bx + 0.5 * by + rng.random(built.size) * 0.5))
    bounds = np.cumsum(shares) * built.size
    quarter = np.searchsorted(bounds, rank, side="right").clip(0, shares.size - 1)
    group = rng.choice(shares.size, size=n, p=shares / shares.sum()).astype(np.int8)
    own = rng.random(n) < p.wijk.segregation
    home = np.empty(n, dtype=np.int64)
    home[~own] = rng.choice(built, size=int((~own).sum()))
    for g in range(shares.size):
        mine = np.flatnonzero(own & (group == g))
        pool = built[quarter == g]
        if pool.size == 0:
            pool = built
        home[mine] = rng.choice(pool, size=mine.size)
    return side, built, home, group


def draw_traits(rng, p, group: np.ndarray, age: np.ndarray) -> dict[str, np.ndarray]:
    """Dispositions of residents with the given groups and ages (start and newcomers)."""
    n = group.size
    senior = age == 2
    minority = group > 0
    pr = p.residents
    vuln_mean = (p.wijk.vulnerability_mean + p.wijk.vulnerability_group_gap * minority
                 + p.wijk.vulnerability_senior_extra * senior)
    conc = pr.disposition_concentration
    v0 = beta_mean(rng, p.residents.v_mean + p.residents.v_senior_extra * senior, conc, n)
    a0 = beta_mean(rng, p.residents.a_mean, conc, n)
    has_time = rng.random(n) < pr.spare_time_share * np.where(age == 0,
                                                              pr.youth_spare_time_factor, 1.0)
    spare = np.where(has_time, rng.exponential(p.residents.spare_hours_mean, n), 0.0)
    # volunteering somewhere (clubs, schools, churches, initiatives): regulars and occasionals
    u = rng.random(n)
    regular = u < p.residents.regular_volunteer_share
    occasional = ~regular & (u < p.residents.regular_volunteer_share
                             + p.residents.occasional_volunteer_share)
    engagement = beta_mean(rng, pr.engagement_mean, pr.engagement_concentration, n)
    # good contacts outside the wijk (family, old friends), relative to adults
    outside = np.asarray(pr.friends_elsewhere_by_age, dtype=float)
    friends_elsewhere = rng.poisson(pr.friends_elsewhere_mean * outside[age])
    trust = beta_mean(rng, pr.trust_mean - pr.trust_minority_gap * minority,
                      pr.trust_concentration, n)
    return {
        "vulnerability": beta_mean(rng, vuln_mean, pr.vulnerability_concentration, n),
        "v0": v0, "a0": a0, "v": v0.copy(), "a": a0.copy(),
        "spare_hours": np.minimum(spare, pr.spare_hours_max),
        "volunteer_p": np.where(regular, pr.regular_volunteer_rate,
                                np.where(occasional, pr.occasional_volunteer_rate, 0.0)),
        "engagement": engagement, "engagement0": engagement.copy(),
        "friends_elsewhere": friends_elsewhere.astype(np.int16),
        "trust": trust, "trust0": trust.copy(),
        "paperwork_skill": beta_mean(rng, 0.5 + pr.paperwork_skill_gap * (0.5 - minority),
                                     pr.paperwork_skill_concentration, n),
    }


def draw_age(rng, p, n: int) -> np.ndarray:
    shares = np.asarray(p.wijk.age_shares, dtype=float)
    return rng.choice(3, size=n, p=shares / shares.sum()).astype(np.int8)


def make_residents(rng, p, n: int) -> tuple[Residents, int, np.ndarray]:
    side, built, home, group = lay_out_homes(rng, p, n)
    age = draw_age(rng, p, n)
    r = Residents(n=n, x=(home % side).astype(np.int32), y=(home // side).astype(np.int32),
                  cell=home.astype(np.int32), group=group, age=age,
                  **draw_traits(rng, p, group, age))
    r.allocate(p.residents.tie_slots)
    return r, side, built


class FirstTies(NamedTuple):
    """The rule of the first network (``[wijk]``, ``[meeting]`` keys, docs/ODD.md 5.5)."""

    radius: int  # friends are sought within this many cells of home
    homophily: float  # chance a friend across demographic groups is declined
    age_homophily: float  # chance a friend across age classes is declined
    low: float  # a first friendship's strength is U(low, high): low is a good tie's threshold
    high: float


def first_ties(p) -> FirstTies:
    """The rule of :func:`wijksim.model.kernels.build.seed_ties` from ``model.p``."""
    return FirstTies(radius=p.wijk.initial_tie_radius, homophily=p.wijk.homophily,
                     age_homophily=p.wijk.age_homophily, low=p.meeting.good_tie,
                     high=p.wijk.initial_tie_high)


def friendship_desire(rng, p, age: np.ndarray) -> np.ndarray:
    """Expected friendships (good ties) of each resident in the starting wijk.

    In the steady state a resident's circle grows with the years since they moved in, and
    those years are spread as in a wijk where a share ``moving_rate`` leaves every year: so
    each resident draws how long they have lived here (exponential, mean 1 / leave rate) and
    has ``initial_ties * initial_ties_by_age[age] * (1 - exp(-years / friend_building_years))``
    friends on average (``[wijk]`` keys; the ratios by age as in the model's steady state,
    docs/ODD.md 5.5). Recent arrivals start with none, as they do later in the run."""
    leave = np.where(age == 2, p.wijk.senior_leave_rate, p.wijk.moving_rate)
    years = rng.exponential(1.0 / np.maximum(leave, 1e-3))
    by_age = np.asarray(p.wijk.initial_ties_by_age, dtype=float)
    return (p.wijk.initial_ties * by_age[age]
            * (1.0 - np.exp(-years / p.wijk.friend_building_years)))


def place_sites(rng, built: np.ndarray, side: int, count: int, taken: set[int],
                candidates: int) -> list[int]:
    """Spread ``count`` sites over built cells: best of ``candidates`` (wijk.place_site_candidates)
    random cells, farthest from the rest."""
    sites: list[int] = []
    for _ in range(count):
        cand = rng.choice(built, size=min(candidates, built.size), replace=False)
        if sites:
            sx, sy = np.array(sites) % side, np.array(sites) // side
            d = np.min(np.hypot((cand % side)[:, None] - sx, (cand // side)[:, None] - sy), axis=1)
            d[np.isin(cand, list(taken))] = -1
            best = int(cand[np.argmax(d)])
        else:
            free = [c for c in cand if c not in taken] or list(cand)
            best = int(free[0])
        sites.append(best)
        taken.add(best)
    return sites


def reach_lists(rx, ry, px, py, reach, max_places: int, scale=None):
    """For each resident the ``max_places`` (meeting.reach_places) nearest places within
    each place's reach (-1 padded);
    ``scale`` (per resident) shrinks the reach for those who walk less far."""
    n, n_places = rx.size, px.size
    idx = np.full((n, max_places), -1, dtype=np.int32)
    dist = np.zeros((n, max_places))
    if n_places == 0:
        return idx, dist
    chunk = 8192
    for s in range(0, n, chunk):
        d = np.hypot(rx[s:s + chunk, None] - px[None, :], ry[s:s + chunk, None] - py[None, :])
        limit = reach[None, :] if scale is None else reach[None, :] * scale[s:s + chunk, None]
        d = np.where(d <= limit, d, np.inf)
        order = np.argsort(d, axis=1, kind="stable")[:, :max_places]
        dd = np.take_along_axis(d, order, axis=1)
        ok = np.isfinite(dd)
        m = order.shape[1]
        idx[s:s + chunk, :m] = np.where(ok, order, -1)
        dist[s:s + chunk, :m] = np.where(ok, dd, 0.0)
    return idx, dist
