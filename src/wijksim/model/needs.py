"""Mechanism 1 — needs arise, grow when unaddressed and escalate.

Problems (debts, care, isolation) arrive with a weekly chance that rises with vulnerability and
age. A problem nobody addresses grows; above a threshold it escalates to specialised care, the
expensive top ('zolder') of the care pyramid (004 H6). Help (mechanisms 3 and 4) takes need
away; some problems resolve by themselves.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from .residents import CASE, HIDDEN, IN_CARE, NO_NEED, WAITING


def arrival_chance(model) -> np.ndarray:
    r, p = model.residents, model.p.needs
    rel_vuln = r.vulnerability / max(r.vulnerability.mean(), 1e-9)
    chance = p.arrival_rate * ((1 - p.vulnerability_weight) + p.vulnerability_weight * rel_vuln)
    chance = chance * np.where(r.age == 2, p.senior_factor, 1.0)
    return np.clip(chance * model.shock.need_boost, 0.0, 1.0)


def arise(model) -> None:
    """New problems for residents who have none."""
    r, p, rng = model.residents, model.p.needs, model.streams.needs
    u = rng.random(r.n)
    rule = Arrival(rate=p.arrival_rate, vulnerability_weight=p.vulnerability_weight,
                   senior_factor=p.senior_factor, boost=model.shock.need_boost)
    idx = new_problems(u, r.arrays, max(r.vulnerability.mean(), 1e-9), rule)
    r.need[idx] = p.initial_severity
    r.need_kind[idx] = rng.choice(3, size=idx.size, p=np.asarray(p.kind_shares))
    r.status[idx] = HIDDEN
    r.voiced[idx] = False
    r.status_since[idx] = model.week


class Arrival(NamedTuple):
    """The rule of new problems (``[needs]`` keys, docs/ODD.md 7.1)."""

    rate: float  # weekly chance of a problem for a resident of mean vulnerability
    vulnerability_weight: float  # how far the chance follows relative vulnerability
    senior_factor: float  # seniors' chance relative to others'
    boost: float  # a crisis multiplies the chance (shocks)


@njit(cache=True)
def new_problems(u, people, vuln_mean, rule):
    """Residents without a problem whose draw ``u`` falls below their arrival chance.

    One pass instead of some ten whole-array numpy operations a week. The chance takes the
    same operations in the same order as :func:`arrival_chance` (``vuln_mean`` is numpy's
    mean), so the same residents get a problem."""
    status, vulnerability, age = people.status, people.vulnerability, people.age
    rate, vuln_weight = rule.rate, rule.vulnerability_weight
    senior_factor, boost = rule.senior_factor, rule.boost
    out = np.empty(u.shape[0], dtype=np.int64)
    m = 0
    for i in range(u.shape[0]):
        chance = rate * ((1 - vuln_weight) + vuln_weight * (vulnerability[i] / vuln_mean))
        chance = chance * (senior_factor if age[i] == 2 else 1.0)
        chance = min(max(chance * boost, 0.0), 1.0)
        if (status[i] == NO_NEED) & (u[i] < chance):
            out[m] = i
            m += 1
    return out[:m]


def grow_and_escalate(model) -> None:
    """Unaddressed need grows; need above the threshold escalates to specialised care."""
    r, p, rng = model.residents, model.p.needs, model.streams.needs
    u = rng.random(r.n)
    rule = Course(growth=p.growth_rate, self_resolve=p.self_resolve_rate,
                  threshold=p.escalation_threshold, care_weeks=p.care_weeks)
    escalated = course_of_problems(u, r.arrays, model.week, rule)
    if escalated:
        model.tally["escalations"] += escalated
        model.tally["escalation_cost"] += escalated * p.escalation_cost


class Course(NamedTuple):
    """The course of a problem (``[needs]`` keys, docs/ODD.md 7.1)."""

    growth: float  # weekly growth of unaddressed need
    self_resolve: float  # weekly chance an open problem resolves by itself
    threshold: float  # need at which a problem escalates to specialised care
    care_weeks: int  # weeks an escalation stays in care


@njit(cache=True)
def course_of_problems(u, people, week, rule):
    """The week of every problem: open need grows and may resolve by itself (draw ``u``);
    need above ``threshold`` escalates to care (:func:`send_to_care`); care that has run its
    time ends (:func:`resolve`). Returns the number of escalations.

    No resident's course depends on another's, so one pass resident by resident does what
    three whole-array passes did, with the same arithmetic (about ten times faster)."""
    need, status, voiced, status_since = people.need, people.status, people.voiced, \
        people.status_since
    case_prof, care_until = people.case_prof, people.care_until
    growth, self_resolve, threshold = rule.growth, rule.self_resolve, rule.threshold
    care_weeks = rule.care_weeks
    escalated = 0
    for i in range(need.shape[0]):
        if (status[i] == HIDDEN) | (status[i] == WAITING):
            need[i] *= 1.0 + growth
            if u[i] < self_resolve:
                _resolve_one(i, need, status, voiced, status_since, case_prof, week)
                continue
        st = status[i]
        if (need[i] >= threshold) & (st != IN_CARE) & (st != NO_NEED):
            case_prof[i] = -1  # as Team.drop_cases
            status[i] = IN_CARE
            care_until[i] = week + care_weeks
            status_since[i] = week
            escalated += 1
        if (status[i] == IN_CARE) & (care_until[i] <= week):
            _resolve_one(i, need, status, voiced, status_since, case_prof, week)
    return escalated


@njit(cache=True)
def _resolve_one(i, need, status, voiced, status_since, case_prof, week):
    """:func:`resolve` for one resident."""
    if status[i] == CASE:
        case_prof[i] = -1  # as Team.drop_cases
    need[i] = 0.0
    status[i] = NO_NEED
    voiced[i] = False
    status_since[i] = week


def send_to_care(model, idx: np.ndarray, reason: str = "need") -> None:
    """Escalation: specialised care for ``care_weeks``, at ``escalation_cost`` each."""
    if idx.size == 0:
        return
    r, p = model.residents, model.p.needs
    model.team.drop_cases(idx)
    r.status[idx] = IN_CARE
    r.care_until[idx] = model.week + p.care_weeks
    r.status_since[idx] = model.week
    model.tally["escalations"] += idx.size
    model.tally["escalation_cost"] += idx.size * p.escalation_cost


def resolve(model, idx: np.ndarray) -> None:
    """A problem is gone (solved, resolved by itself, or care finished)."""
    if idx.size == 0:
        return
    r = model.residents
    cases = idx[r.status[idx] == CASE]
    if cases.size:
        model.team.drop_cases(cases)
    r.need[idx] = 0.0
    r.status[idx] = NO_NEED
    r.voiced[idx] = False
    r.status_since[idx] = model.week


def reduce_need(model, idx: np.ndarray, amount: np.ndarray | float) -> None:
    """Help takes need away; problems brought to zero are solved."""
    if idx.size == 0:
        return
    r = model.residents
    np.subtract.at(r.need, idx, amount)
    solved = idx[r.need[idx] <= 1e-9]
    resolve(model, np.unique(solved))


def arise_and_grow(model) -> None:
    grow_and_escalate(model)
    arise(model)
