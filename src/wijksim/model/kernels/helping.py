"""Compiled loops of asking and offering help and of the norm drift (rules: helping.py,
docs/ODD.md 7.3)."""

from __future__ import annotations

import math

from numba import njit

from .._numerics.draws import uniform
from ..residents import CASE, HIDDEN, WAITING
from ..tietable import pick_tie, strengthen


@njit(cache=True)
def open_need(status):
    return status == HIDDEN or status == WAITING or status == CASE


@njit(cache=True)
def ask_ties(rng, people, ties, a_eff, strongest, rule, week, order):
    """Residents with open need (visited in random ``order``) may ask a tie, who helps or
    refuses; helping strengthens the tie by ``rule.tie_gain``. ``strongest`` is last week's
    strongest tie of each resident, ``a_eff`` the aanbodverlegenheid acting this week.
    Returns (requests, helps)."""
    need, status, kind, v, a = people.need, people.status, people.need_kind, people.v, people.a
    voiced, spare_left = people.voiced, people.spare_left
    nbr, w = ties.nbr, ties.w
    base, wv, wn, wt = rule.ask_base, rule.ask_v_weight, rule.ask_need_weight, rule.ask_tie_weight
    amount, hours, effect = rule.amount, rule.hours, rule.effect
    requests = 0
    helps = 0
    for s in range(order.shape[0]):
        i = order[s]
        if not open_need(status[i]) or strongest[i] <= 0.0:
            continue
        x = base + wn * (need[i] - 1.0) + wt * strongest[i]
        if uniform(rng) >= (1.0 - v[i]) ** wv / (1.0 + math.exp(-x)):
            continue
        k = pick_tie(ties, i, uniform(rng))
        if k < 0:  # ties lost since last week's summary
            continue
        requests += 1
        voiced[i] = True
        j = nbr[i, k]
        if spare_left[j] >= hours and uniform(rng) < (1.0 - a_eff[j]) * (
                rule.willing_base + rule.willing_tie_weight * w[i, k]):
            need[i] -= amount * effect[kind[i]]
            spare_left[j] -= hours
            v[i] = max(0.0, v[i] - rule.v_after_help)
            a[j] = max(0.0, a[j] - rule.a_after_helping)
            people.helped_week[i] = True
            people.last_helped_other[j] = week
            people.last_got_help[i] = week
            strengthen(ties, i, j, rule.tie_gain)
            helps += 1
        else:
            v[i] = min(1.0, v[i] + rule.v_after_refusal)
    return requests, helps


@njit(cache=True)
def offer_to_ties(rng, people, ties, a_eff, rule, week, order):
    """Residents with time may offer help unasked to a tie whose need they know or see.

    A need is seen when it was voiced or the tie is a good contact. The receiver accepts with
    chance 1 - ``rule.unasked_v_weight`` * v (taking help you did not ask for is easier than
    asking). Returns
    (offers made, offers taken up).
    """
    need, status, kind, v, a = people.need, people.status, people.need_kind, people.v, people.a
    voiced, spare_left, helped_week = people.voiced, people.spare_left, people.helped_week
    nbr, w = ties.nbr, ties.w
    hours, good = rule.hours, rule.good_tie
    offers = 0
    taken = 0
    for s in range(order.shape[0]):
        j = order[s]
        if spare_left[j] < hours or uniform(rng) >= rule.offer_rate * (1.0 - a_eff[j]):
            continue
        offers += 1
        best = -1
        best_w = 0.0
        for k in range(nbr.shape[1]):
            i = nbr[j, k]
            if i < 0 or not open_need(status[i]) or helped_week[i]:
                continue
            if (voiced[i] or w[j, k] >= good) and w[j, k] > best_w:
                best = i
                best_w = w[j, k]
        if best < 0 or uniform(rng) >= 1.0 - rule.unasked_v_weight * v[best]:
            continue
        i = best
        need[i] -= rule.amount * rule.effect[kind[i]]
        spare_left[j] -= hours
        v[i] = max(0.0, v[i] - rule.unasked_v_share * rule.v_after_help)
        a[j] = max(0.0, a[j] - rule.a_after_helping)
        voiced[i] = True
        helped_week[i] = True
        people.last_helped_other[j] = week
        people.last_got_help[i] = week
        taken += 1
    return offers, taken


@njit(cache=True)
def drift_kernel(people, drift, pull, local_v, local_a):
    """Synchronous norm drift of v and a toward the local norms (computed from the values at
    the start of the step), then back toward one's own disposition."""
    v, a, v0, a0 = people.v, people.a, people.v0, people.a0
    for i in range(v.shape[0]):
        x = v[i] + (drift * (local_v[i] - v[i]) + pull * (v0[i] - v[i]))
        v[i] = min(max(x, 0.0), 1.0)
        y = a[i] + (drift * (local_a[i] - a[i]) + pull * (a0[i] - a[i]))
        a[i] = min(max(y, 0.0), 1.0)
