"""Mechanism 2 — meeting: visits to third places, co-presence, street encounters, tie upkeep.

Residents visit an open place within walking reach with a weekly chance set by age, raised by
engagement and lowered by frailty (seniors also walk less far); they pick
among reachable places by appeal for their age, hospitality, distance and habit. Visitors in
the same place and time slot meet a few of each other; contact across groups is held back by
homophily, less so where a host bridges (004 H2, H5 Ons Huis), and contact across age classes
by age homophily (friends are mostly of one's own age). Street encounters near home give
weak ties at a low rate. Friends introduce friends of theirs (triadic closure). Friends keep in
touch privately; every tie decays (ties.py).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from .build import pick_near
from .draws import drawing, integers, uniform
from .places import place_arrays
from .ties import ContactLog, Upkeep, make_contacts, strengthen, weekly_upkeep


class Mixing(NamedTuple):
    """Who takes up a chance to meet (``[meeting]``, ``[wijk]`` keys, docs/ODD.md 7.2)."""

    contacts: float  # contacts each member of a gathering makes on average
    homophily: float  # chance a contact across demographic groups is declined (no host)
    age_homophily: float  # chance a contact across age classes is declined


class Street(NamedTuple):
    """The rule of street encounters near home (docs/ODD.md 7.2)."""

    rate: float  # weekly chance of a chance meeting
    radius: int  # within this many cells of home
    homophily: float
    age_homophily: float
    gain: float  # strength a street contact adds


def contact_log(model) -> ContactLog:
    r = model.residents
    return ContactLog(hx=r.x, hy=r.y, near2=model.near2, last_contact=r.last_contact,
                      last_neighbour_contact=r.last_neighbour_contact, week=model.week)


@njit(cache=True)
def distance_weights(reach_dist, distance_scale):
    """2 ** (-distance / distance_scale) for every reachable place: a place's pull halves
    every ``distance_scale`` cells. Homes and places stay put, so this is computed once per
    model rather than as ~50,000 powers a week inside :func:`choose_visits`."""
    out = np.empty_like(reach_dist)
    n, m = reach_dist.shape
    for i in range(n):
        for k in range(m):
            out[i, k] = 2.0 ** (-reach_dist[i, k] / distance_scale)
    return out


@njit(cache=True)
def choose_visits(rng, reach_idx, reach_weight, pull, age, visit_p, habit, out):
    """out[i] = place visited this week by i (-1 = none); ``reach_weight`` comes from
    :func:`distance_weights`."""
    n, m = reach_idx.shape
    weights = np.empty(m)
    for i in range(n):
        out[i] = -1
        if uniform(rng) >= visit_p[i]:
            continue
        tot = 0.0
        for k in range(m):
            pl = reach_idx[i, k]
            wk = 0.0
            if pl >= 0:
                wk = pull[pl, age[i]] * reach_weight[i, k]
                if pl == habit[i]:
                    wk *= 3.0
            weights[k] = wk
            tot += wk
        if tot <= 0.0:
            continue
        u = uniform(rng) * tot
        acc = 0.0
        for k in range(m):
            acc += weights[k]
            if weights[k] > 0.0 and acc > u:
                out[i] = reach_idx[i, k]
                break


@njit(cache=True)
def copresence(rng, members, starts, gain, bridging, mixing, people, ties, log):
    """People together in one group (a place and slot, or an activity) meet a few others.

    ``members`` is sorted by group; group g spans members[starts[g]:starts[g+1]]. Each member
    makes on average ``mixing.contacts`` contacts; a contact across demographic groups is
    accepted with chance 1 - homophily * (1 - bridging[g]); one across age classes with chance
    1 - age_homophily. A contact strengthens the tie by gain[g]. Returns the number of
    cross-group contacts.
    """
    a, b, g_of, cross = copresence_contacts(rng, members, starts, bridging, mixing,
                                            people.group, people.age)
    make_contacts(a, b, gain[g_of], ties, log)
    return cross


@njit(cache=True)
def copresence_contacts(rng, members, starts, bridging, mixing, group, age):
    """The contacts of :func:`copresence`, drawn: pairs (a, b), the group g of each, and the
    number across demographic groups. Who meets whom depends on the draws and on fixed traits,
    never on the ties, so all pairs can be drawn before any tie changes."""
    contacts, homophily, age_homophily = mixing.contacts, mixing.homophily, mixing.age_homophily
    whole = int(contacts)
    frac = contacts - whole
    cap = members.shape[0] * (whole + 1)
    pa = np.empty(cap, dtype=np.int64)
    pb = np.empty(cap, dtype=np.int64)
    pg = np.empty(cap, dtype=np.int64)
    m = 0
    cross = 0
    for g in range(starts.shape[0] - 1):
        s0 = starts[g]
        size = starts[g + 1] - s0
        if size < 2:
            continue
        for a in range(size):
            i = members[s0 + a]
            c = whole + (1 if uniform(rng) < frac else 0)
            for _ in range(c):
                b = int(integers(rng, 0, size - 1))
                if b >= a:
                    b += 1
                j = members[s0 + b]
                if age[i] != age[j] and uniform(rng) < age_homophily:
                    continue
                if group[i] != group[j]:
                    if uniform(rng) < homophily * (1.0 - bridging[g]):
                        continue
                    cross += 1
                pa[m] = i
                pb[m] = j
                pg[m] = g
                m += 1
    return pa[:m], pb[:m], pg[:m], cross


@njit(cache=True)
def street_encounters(rng, rule, people, homes, ties, log):
    """Chance meetings near home: weak ties, held back by homophily."""
    a, b = street_pairs(rng, rule, people.group, people.age, homes)
    make_contacts(a, b, np.full(a.shape[0], rule.gain), ties, log)


@njit(cache=True)
def street_pairs(rng, rule, group, age, homes):
    """Who meets whom in the street this week, drawn (as in :func:`copresence_contacts`,
    independent of the ties)."""
    n = homes.x.shape[0]
    pa = np.empty(n, dtype=np.int64)
    pb = np.empty(n, dtype=np.int64)
    m = 0
    for i in range(n):
        if uniform(rng) >= rule.rate:
            continue
        j = pick_near(rng, homes, i, rule.radius)
        if j < 0 or j == i:
            continue
        if group[i] != group[j] and uniform(rng) < rule.homophily:
            continue
        if age[i] != age[j] and uniform(rng) < rule.age_homophily:
            continue
        pa[m] = i
        pb[m] = j
        m += 1
    return pa[:m], pb[:m]


@njit(cache=True)
def _random_good_tie(rng, ties, i, good, exclude):
    """A random good contact of i other than ``exclude`` (-1 if none)."""
    nbr, w = ties.nbr, ties.w
    count = 0
    for k in range(nbr.shape[1]):
        if nbr[i, k] >= 0 and nbr[i, k] != exclude and w[i, k] >= good:
            count += 1
    if count == 0:
        return -1
    pick = int(integers(rng, 0, count))
    for k in range(nbr.shape[1]):
        if nbr[i, k] >= 0 and nbr[i, k] != exclude and w[i, k] >= good:
            if pick == 0:
                return nbr[i, k]
            pick -= 1
    return -1


@njit(cache=True)
def friends_of_friends(rng, rate, good, gain, ties):
    """Triadic closure: now and then a friend introduces one of their own friends."""
    for i in range(ties.nbr.shape[0]):
        if uniform(rng) >= rate:
            continue
        j = _random_good_tie(rng, ties, i, good, -1)
        if j < 0:
            continue
        f = _random_good_tie(rng, ties, j, good, i)
        if f >= 0:
            strengthen(ties, i, f, gain)


@njit(cache=True)
def group_starts(keys_sorted):
    """Boundaries of runs of equal keys in a sorted array (len = groups + 1)."""
    n = keys_sorted.shape[0]
    out = np.empty(n + 1, dtype=np.int64)
    out[0] = 0
    m = 1
    for k in range(1, n):
        if keys_sorted[k] != keys_sorted[k - 1]:
            out[m] = k
            m += 1
    if n > 0:
        out[m] = n
        m += 1
    return out[:m]


@njit(cache=True)
def stable_order(key, n_keys):
    """``np.argsort(key, kind="stable")`` for keys in [0, n_keys): a counting sort, one pass
    to count and one to place, instead of a general sort of a few thousand visits."""
    start = np.zeros(n_keys + 1, dtype=np.int64)
    for k in range(key.shape[0]):
        start[key[k] + 1] += 1
    for g in range(n_keys):
        start[g + 1] += start[g]
    order = np.empty(key.shape[0], dtype=np.int64)
    for k in range(key.shape[0]):
        order[start[key[k]]] = k
        start[key[k]] += 1
    return order


def visit_places(model) -> None:
    """Residents choose places, capacity turns the surplus away, visitors meet."""
    r, p, rng = model.residents, model.p, model.streams.meeting
    is_open, pull, cap, hosp = place_arrays(model.places)
    visit_rate = np.asarray(p.meeting.visit_rate)[r.age]
    visit_p = visit_rate * (0.7 + 0.6 * r.engagement) * (1.0 - 0.5 * r.vulnerability)
    if getattr(model, "_reach_weight_scale", None) != p.meeting.distance_scale:
        model.reach_weight = distance_weights(model.reach_dist, p.meeting.distance_scale)
        model._reach_weight_scale = p.meeting.distance_scale
    with drawing(rng) as st:
        choose_visits(st, model.reach_idx, model.reach_weight, pull, r.age, visit_p, r.habit,
                      r.visit)
    visitors = np.flatnonzero(r.visit >= 0)
    place_of = r.visit[visitors]
    counts = np.bincount(place_of, minlength=len(model.places))
    crowded = counts[place_of] > cap[place_of]
    if crowded.any():
        keep = rng.random(visitors.size) < np.where(crowded, cap[place_of] /
                                                     np.maximum(counts[place_of], 1), 1.0)
        r.visit[visitors[~keep]] = -1
        visitors, place_of = visitors[keep], place_of[keep]
        counts = np.bincount(place_of, minlength=len(model.places))
    for pl, c in zip(model.places, counts):
        pl.visitors = int(c)
    r.habit[visitors] = place_of
    slots = p.meeting.sessions_per_week
    key = place_of.astype(np.int64) * slots + rng.integers(0, slots, size=visitors.size)
    order = stable_order(key, len(model.places) * slots)
    key_sorted = key[order]
    starts = group_starts(key_sorted)
    g_place = key_sorted[starts[:-1]] // slots
    gain = p.meeting.place_tie_gain * (0.5 + hosp[g_place])
    bridging = p.meeting.host_bridging * hosp[g_place]
    mixing = Mixing(contacts=p.meeting.contacts_per_visit, homophily=p.wijk.homophily,
                    age_homophily=p.wijk.age_homophily)
    with drawing(rng) as st:
        model.tally["cross_contacts"] += copresence(
            st, visitors[order].astype(np.int32), starts, gain, bridging, mixing, r.arrays,
            r.tie_table, contact_log(model))


def meet_in_street(model) -> None:
    r, p = model.residents, model.p
    rule = Street(rate=p.meeting.street_rate, radius=p.meeting.street_radius,
                  homophily=p.wijk.homophily, age_homophily=p.wijk.age_homophily,
                  gain=p.meeting.street_tie_gain)
    with drawing(model.streams.meeting) as st:
        street_encounters(st, rule, r.arrays, model.homes, r.tie_table, contact_log(model))


def close_triads(model) -> None:
    r, p = model.residents, model.p.meeting
    with drawing(model.streams.meeting) as st:
        friends_of_friends(st, p.triadic_rate, p.good_tie, p.place_tie_gain, r.tie_table)


def keep_up_ties(model) -> None:
    r, p = model.residents, model.p.meeting
    salt = int(model.streams.meeting.integers(0, 2**63 - 1))
    rule = Upkeep(contact_rate=p.private_contact_rate, budget=p.friend_time,
                  gain=p.private_tie_gain, decay=p.tie_decay, w_min=p.tie_min)
    weekly_upkeep(r.tie_table, salt, rule, contact_log(model))


def meet(model) -> None:
    """The whole weekly meeting mechanism."""
    visit_places(model)
    meet_in_street(model)
    close_triads(model)
    keep_up_ties(model)
