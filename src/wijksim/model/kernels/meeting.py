"""Compiled loops of meeting: place visits, co-presence, street encounters, triadic closure
(rules: meeting.py, docs/ODD.md 7.2)."""

from __future__ import annotations

import numpy as np
from numba import njit

from .._numerics.draws import integers, other_than, uniform
from .._numerics.sorting import wrap
from ..homes import pick_near
from ..tietable import strengthen
from .ties import make_contacts


@njit(cache=True)
def first_of(rng, m):
    """Where a round of m turns begins: uniform in [0, m), 0 without turns (no draw)."""
    return int(integers(rng, 0, m)) if m > 0 else 0


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
def choose_visits(rng, reach, pull, visit_p, rule, people, out):
    """out[i] = place visited this week by i (-1 = none), who goes with chance ``visit_p[i]``.

    ``reach`` (:class:`wijksim.model.meeting.Reach`) lists the places within i's walk and their
    weights by distance (:func:`distance_weights`); ``pull[place, age]`` is a place's appeal;
    the place visited last (``people.habit``) pulls ``rule.habit_pull`` times as much
    (``rule``: :class:`wijksim.model.meeting.Visiting`)."""
    reach_idx, reach_weight = reach.idx, reach.weight
    age, habit, habit_pull = people.age, people.habit, rule.habit_pull
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
                    wk *= habit_pull
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
def copresence(rng, gatherings, mixing, people, ties, log):
    """People together in one gathering (a place and slot, or an activity) meet a few others.

    ``gatherings`` (:class:`wijksim.model.meeting.Gatherings`): ``members`` sorted by
    gathering; gathering g spans members[starts[g]:starts[g+1]]. Each member makes on average
    ``mixing.contacts`` contacts; a contact across demographic groups is accepted with chance
    1 - homophily * (1 - bridging[g]); one across age classes with chance 1 - age_homophily. A
    contact strengthens the tie by gain[g]. Returns the number of cross-group contacts.
    """
    a, b, g_of, cross = copresence_contacts(rng, gatherings, mixing, people.group, people.age)
    make_contacts(a, b, gatherings.gain[g_of], ties, log, first_of(rng, a.shape[0]))
    return cross


@njit(cache=True)
def copresence_contacts(rng, gatherings, mixing, group, age):
    """The contacts of :func:`copresence`, drawn: pairs (a, b), the gathering g of each, and
    the number across demographic groups. Who meets whom depends on the draws and on fixed
    traits, never on the ties, so all pairs can be drawn before any tie changes."""
    members, starts, bridging = gatherings.members, gatherings.starts, gatherings.bridging
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
                j = members[s0 + other_than(rng, size, a)]
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
    make_contacts(a, b, np.full(a.shape[0], rule.gain), ties, log, first_of(rng, a.shape[0]))


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
def random_good_tie(rng, ties, i, good, exclude):
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
    """Triadic closure: now and then a friend introduces one of their own friends. Residents
    take turns from a random first one, going round (see :func:`make_contacts`)."""
    n = ties.nbr.shape[0]
    first = first_of(rng, n)
    for s in range(n):
        i = wrap(first + s, n)
        if uniform(rng) >= rate:
            continue
        j = random_good_tie(rng, ties, i, good, -1)
        if j < 0:
            continue
        f = random_good_tie(rng, ties, j, good, i)
        if f >= 0:
            strengthen(ties, i, f, gain)
