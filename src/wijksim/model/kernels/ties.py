"""Compiled loops of the tie dynamics and summaries (rules: ties.py, docs/ODD.md 7.2)."""

from __future__ import annotations

import numpy as np
from numba import njit

from .._numerics.hashing import counter_index, pair_uniform
from .._numerics.sorting import wrap
from ..tietable import EMPTY, find_slot, prefetch_ties, strengthen


@njit(cache=True)
def make_contacts(a, b, gain, ties, log, first, ahead=4):
    """Contacts (a[k], b[k]) in order, beginning at k = ``first`` and going round:
    :func:`strengthen` their tie by gain[k] and note the contact in the :class:`ContactLog`
    (with a neighbour when they live close by).

    Who comes first takes a free tie slot first; pairs are drawn in resident order, and
    residents are numbered along the streets, so a ``first`` drawn at random each week gives
    every resident the same chance to come early while neighbours stay together in memory.
    Knowing the pairs beforehand lets the rows of the contact ``ahead`` steps on be fetched
    while this one is made (:func:`prefetch_ties`)."""
    hx, hy, week = log.hx, log.hy, log.week
    m = a.shape[0]
    for s in range(m):
        t = wrap(first + s, m)
        if s + ahead < m:
            u = wrap(t + ahead, m)
            prefetch_ties(ties, a[u])
            prefetch_ties(ties, b[u])
        i = a[t]
        j = b[t]
        strengthen(ties, i, j, gain[t])
        log.last_contact[i] = week
        log.last_contact[j] = week
        dx = hx[i] - hx[j]
        dy = hy[i] - hy[j]
        if dx * dx + dy * dy <= log.near2:
            log.last_neighbour_contact[i] = week
            log.last_neighbour_contact[j] = week


@njit(cache=True)
def weekly_upkeep(ties, salt, rule, log):
    """Private contacts between friends, then decay; forget ties below ``rule.w_min``.

    Friends meet privately with weekly chance ``contact_rate * w**2``, scaled down when one
    of the two has more friends than their time allows: ``budget`` is the amount of
    sum(w**2) a resident can keep up (limited time, a Dunbar-like constraint). A contact with
    a tie living within the neighbour radius also counts as neighbour contact (``log``).
    Both copies of a tie see the same inputs and the same pair uniform, so they stay equal
    without touching each other's rows.
    """
    nbr, w = ties.nbr, ties.w
    contact_rate, budget, gain = rule.contact_rate, rule.budget, rule.gain
    w_min = rule.w_min
    hx, hy, near2, week = log.hx, log.hy, log.near2, log.week
    last_contact, last_neighbour_contact = log.last_contact, log.last_neighbour_contact
    n, slots = nbr.shape
    keep = 1.0 - rule.decay
    load = np.zeros(n)
    for i in range(n):
        total = 0.0
        for k in range(slots):
            total += w[i, k] * w[i, k]  # an empty slot holds 0.0 and adds nothing
        load[i] = total
    for i in range(n):
        for k in range(slots):
            j = nbr[i, k]
            if j < 0:
                continue
            s = w[i, k]
            busy = max(load[i], load[j], budget)
            # u < rate * s^2 * budget / busy, without a division
            if pair_uniform(salt, i, j) * busy < contact_rate * s * s * budget:
                s = s + gain * (1.0 - s)
                last_contact[i] = week
                dx = hx[i] - hx[j]
                dy = hy[i] - hy[j]
                if dx * dx + dy * dy <= near2:
                    last_neighbour_contact[i] = week
            s = s * keep
            if s < w_min:
                nbr[i, k] = EMPTY
                w[i, k] = 0.0
            else:
                w[i, k] = s


@njit(cache=True)
def _cross_group_table(group):
    """other[g, h] = 1.0 if g != h else 0.0: 'is this tie cross-group?' as a lookup, so the
    tie loops stay branch-free."""
    groups = group.max() + 1
    other = np.ones((groups, groups))
    for g in range(groups):
        other[g, g] = 0.0
    return other


@njit(cache=True)
def tie_pass(ties, group, good, out, values_a, values_b, out_a, out_b):
    """The tie summary (``out``, a ``TieSummary``: per resident total strength, number of ties,
    good ties at least ``good`` strong, strength across groups, strongest tie) and the
    tie-strength-weighted means of two arrays (``values[i]`` itself for a resident without
    ties), in one pass over the ties.

    The inner loop is branch-free, which makes it several times faster with bit-identical
    results: an empty slot has weight 0.0 and adds nothing (its index is clamped to 0 so the
    read stays in bounds), and 'is this tie cross-group?' is a lookup in a 0/1 table (a
    compare there compiles to a jump that the CPU mispredicts for a large share of ties)."""
    nbr, w = ties.nbr, ties.w
    n, slots = nbr.shape
    if n == 0:
        return
    other = _cross_group_table(group)
    for i in range(n):
        gi = group[i]
        s = 0.0
        c = 0
        g = 0
        x = 0.0
        m = 0.0
        sa = 0.0
        sb = 0.0
        for k in range(slots):
            j = nbr[i, k]
            jj = max(j, 0)
            wk = w[i, k]
            s += wk
            c += j >= 0
            g += (j >= 0) & (wk >= good)
            x += wk * other[gi, group[jj]]
            m = max(m, wk)
            sa += wk * values_a[jj]
            sb += wk * values_b[jj]
        out.strength[i] = s
        out.n_ties[i] = c
        out.n_good[i] = g
        out.cross[i] = x
        out.strongest[i] = m
        out_a[i] = sa / s if s > 0.0 else values_a[i]
        out_b[i] = sb / s if s > 0.0 else values_b[i]


@njit(cache=True)
def clustering_of(ties, good, salt, size):
    """Mean local clustering among good ties (are a resident's friends friends?), estimated
    over ``size`` residents drawn with replacement by :func:`counter_index` from ``salt``
    (those with at least two good ties count)."""
    nbr, w = ties.nbr, ties.w
    n, slots = nbr.shape
    total = 0.0
    counted = 0
    friends = np.empty(slots, dtype=np.int64)
    for s in range(size):
        i = counter_index(salt, s, n)
        deg = 0
        for k in range(slots):
            if nbr[i, k] >= 0 and w[i, k] >= good:
                friends[deg] = nbr[i, k]
                deg += 1
        if deg < 2:
            continue
        links = 0
        for a in range(deg):
            for b in range(a + 1, deg):
                kb = find_slot(nbr, friends[a], friends[b])
                if kb >= 0 and w[friends[a], kb] >= good:
                    links += 1
        total += 2.0 * links / (deg * (deg - 1))
        counted += 1
    return total / counted if counted > 0 else 0.0
