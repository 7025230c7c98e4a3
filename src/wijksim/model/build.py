"""Build the starting wijk (docs/ODD.md 5): grid, homes, dispositions, places, first ties.

Everything here is drawn from the model's ``build`` random stream, which does not depend on the
funding regime: for the same seed every regime starts from the same wijk.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from ._numerics.sorting import morton_order
from .kernels.build import draw_dispositions
from .residents import Residents


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
    # Residents are numbered along the streets (a Z-order of home cells) instead of at
    # random: neighbours' rows of every resident table lie close in memory (newcomers take
    # the number of the resident whose home they take).
    street_order = morton_order(home % side, home // side)
    return side, built, home[street_order], group[street_order]


class Dispositions(NamedTuple):
    """The rule of a resident's dispositions (``[residents]`` and ``[wijk]`` keys, docs/ODD.md
    2.1 and 5.3): Beta distributions given by mean and concentration (alpha + beta), whose
    means shift for minority groups and seniors; spare time; volunteering; good contacts
    outside the wijk."""

    vulnerability_mean: float
    vulnerability_group_gap: float  # added for a minority group
    vulnerability_senior_extra: float
    vulnerability_concentration: float
    v_mean: float  # vraagverlegenheid
    v_senior_extra: float
    a_mean: float  # aanbodverlegenheid
    disposition_concentration: float  # of v and a
    spare_time_share: float  # share with spare time at all
    youth_spare_time_factor: float
    spare_hours_mean: float  # exponential
    spare_hours_max: float
    regular_volunteer_share: float
    occasional_volunteer_share: float
    regular_volunteer_rate: float
    occasional_volunteer_rate: float
    engagement_mean: float
    engagement_concentration: float
    friends_elsewhere_mean: float  # Poisson, for an adult
    friends_elsewhere_by_age: np.ndarray  # relative to adults, per age class
    trust_mean: float
    trust_minority_gap: float
    trust_concentration: float
    paperwork_skill_gap: float  # between majority and minority groups
    paperwork_skill_concentration: float


def dispositions(p) -> Dispositions:
    """The rule of :func:`wijksim.model.kernels.build.draw_dispositions` from ``model.p``:
    each field is the ``[residents]`` key of that name, else the ``[wijk]`` key."""
    pr, pw = p.residents, p.wijk
    values = {name: getattr(pr, name) if hasattr(pr, name) else getattr(pw, name)
              for name in Dispositions._fields}
    values["friends_elsewhere_by_age"] = np.asarray(values["friends_elsewhere_by_age"],
                                                    dtype=float)
    return Dispositions(**values)


def draw_traits(rng, p, group: np.ndarray, age: np.ndarray) -> dict[str, np.ndarray]:
    """Dispositions of residents with the given groups and ages (start and newcomers), by the
    rule :class:`Dispositions`; the draws are in :func:`kernels.build.draw_dispositions`.

    Drawn in one compiled call: a week's few newcomers made some 40 numpy calls here, a
    fifth of a millisecond a week whatever the wijk's size, for the same numbers."""
    d = draw_dispositions(rng, dispositions(p), np.ascontiguousarray(group, dtype=np.int8),
                          np.ascontiguousarray(age, dtype=np.int8))
    return {"vulnerability": d.vulnerability, "v0": d.v0, "a0": d.a0, "v": d.v0.copy(),
            "a": d.a0.copy(), "spare_hours": d.spare_hours, "volunteer_p": d.volunteer_p,
            "engagement": d.engagement, "engagement0": d.engagement.copy(),
            "friends_elsewhere": d.friends_elsewhere, "trust": d.trust,
            "trust0": d.trust.copy(), "paperwork_skill": d.paperwork_skill}


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
