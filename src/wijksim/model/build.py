"""Build the starting wijk (docs/ODD.md 5): grid, homes, dispositions, places, first ties.

Everything here is drawn from the model's ``build`` random stream, which does not depend on the
funding regime: for the same seed every regime starts from the same wijk.
"""

from __future__ import annotations

import math

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


# good contacts outside the wijk (family, old friends), relative to adults: youth have more,
# seniors fewer as partners and friends die (assumption, docs/ODD.md)
OUTSIDE_BY_AGE = np.array([1.2, 1.0, 0.5])


def draw_traits(rng, p, group: np.ndarray, age: np.ndarray) -> dict[str, np.ndarray]:
    """Dispositions of residents with the given groups and ages (start and newcomers)."""
    n = group.size
    senior = age == 2
    minority = group > 0
    vuln_mean = (p.wijk.vulnerability_mean + p.wijk.vulnerability_group_gap * minority
                 + 0.1 * senior)
    conc = p.residents.disposition_concentration
    v0 = beta_mean(rng, p.residents.v_mean + p.residents.v_senior_extra * senior, conc, n)
    a0 = beta_mean(rng, p.residents.a_mean, conc, n)
    has_time = rng.random(n) < p.residents.spare_time_share * np.where(age == 0, 0.6, 1.0)
    spare = np.where(has_time, rng.exponential(p.residents.spare_hours_mean, n), 0.0)
    # volunteering somewhere (clubs, schools, churches, initiatives): regulars and occasionals
    u = rng.random(n)
    regular = u < p.residents.regular_volunteer_share
    occasional = ~regular & (u < p.residents.regular_volunteer_share
                             + p.residents.occasional_volunteer_share)
    engagement = beta_mean(rng, p.residents.engagement_mean, 3.0, n)
    friends_elsewhere = rng.poisson(p.residents.friends_elsewhere_mean * OUTSIDE_BY_AGE[age])
    trust = beta_mean(rng, p.residents.trust_mean - 0.05 * minority, 8.0, n)
    return {
        "vulnerability": beta_mean(rng, vuln_mean, 4.0, n),
        "v0": v0, "a0": a0, "v": v0.copy(), "a": a0.copy(),
        "spare_hours": np.minimum(spare, 40.0),
        "volunteer_p": np.where(regular, 0.75, np.where(occasional, 0.025, 0.0)),
        "engagement": engagement, "engagement0": engagement.copy(),
        "friends_elsewhere": friends_elsewhere.astype(np.int16),
        "trust": trust, "trust0": trust.copy(),
        "paperwork_skill": beta_mean(rng, 0.5 + p.residents.paperwork_skill_gap
                                     * (0.5 - minority), 4.0, n),
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


# friendships at the start relative to adults, as in the model's steady state (measured,
# docs/ODD.md 5.5): seniors keep fewer, as their friends leave or die and they walk less far
FRIENDS_BY_AGE = np.array([0.95, 1.0, 0.62])
# years a newcomer takes to build up their circle of friends in the wijk (assumption, 5.5)
FRIEND_BUILDING_YEARS = 2.0


def friendship_desire(rng, p, age: np.ndarray) -> np.ndarray:
    """Expected friendships (good ties) of each resident in the starting wijk.

    In the steady state a resident's circle grows with the years since they moved in, and
    those years are spread as in a wijk where a share ``moving_rate`` leaves every year: so
    each resident draws how long they have lived here (exponential, mean 1 / leave rate) and
    has ``initial_ties * FRIENDS_BY_AGE[age] * (1 - exp(-years / FRIEND_BUILDING_YEARS))``
    friends on average. Recent arrivals start with none, as they do later in the run."""
    leave = np.where(age == 2, p.wijk.senior_leave_rate, p.wijk.moving_rate)
    years = rng.exponential(1.0 / np.maximum(leave, 1e-3))
    return (p.wijk.initial_ties * FRIENDS_BY_AGE[age]
            * (1.0 - np.exp(-years / FRIEND_BUILDING_YEARS)))


def place_sites(rng, built: np.ndarray, side: int, count: int, taken: set[int]) -> list[int]:
    """Spread ``count`` sites over built cells: best of 12 candidates, farthest from the rest."""
    sites: list[int] = []
    for _ in range(count):
        cand = rng.choice(built, size=min(12, built.size), replace=False)
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


def reach_lists(rx, ry, px, py, reach, max_places: int = 12, scale=None):
    """For each resident the nearest places within each place's reach (-1 padded);
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
