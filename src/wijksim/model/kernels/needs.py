"""Compiled loops of the course of problems (rules: needs.py, docs/ODD.md 7.1).

Each step of a problem's course is written once, for one resident (:func:`chance_of_problem`,
:func:`resolve_one`, :func:`to_care_one`); the weekly pass and the array versions the other
mechanisms call loop over them.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..residents import CASE, HIDDEN, IN_CARE, NO_NEED, WAITING


@njit(cache=True)
def chance_of_problem(vulnerability, vuln_mean, age, rule):
    """A resident's weekly chance of a new problem: ``rule.rate`` for mean vulnerability,
    following relative vulnerability by ``rule.vulnerability_weight``, times
    ``rule.senior_factor`` for seniors and ``rule.boost`` in a crisis (at most 1)."""
    weight = rule.vulnerability_weight
    chance = rule.rate * ((1 - weight) + weight * (vulnerability / vuln_mean))
    chance = chance * (rule.senior_factor if age == 2 else 1.0)
    return min(max(chance * rule.boost, 0.0), 1.0)


@njit(cache=True)
def arrival_chances(people, vuln_mean, rule):
    """:func:`chance_of_problem` of every resident."""
    n = people.vulnerability.shape[0]
    out = np.empty(n)
    for i in range(n):
        out[i] = chance_of_problem(people.vulnerability[i], vuln_mean, people.age[i], rule)
    return out


@njit(cache=True)
def new_problems(u, people, vuln_mean, rule):
    """Residents without a problem whose draw ``u`` falls below their arrival chance
    (one pass instead of some ten whole-array numpy operations a week)."""
    status = people.status
    out = np.empty(u.shape[0], dtype=np.int64)
    m = 0
    for i in range(u.shape[0]):
        chance = chance_of_problem(people.vulnerability[i], vuln_mean, people.age[i], rule)
        if (status[i] == NO_NEED) & (u[i] < chance):
            out[m] = i
            m += 1
    return out[:m]


@njit(cache=True)
def resolve_one(i, people, week):
    """Resident i's problem is gone (solved, resolved by itself, or care finished); an open
    case with a professional closes."""
    if people.status[i] == CASE:
        people.case_prof[i] = -1
    people.need[i] = 0.0
    people.status[i] = NO_NEED
    people.voiced[i] = False
    people.status_since[i] = week


@njit(cache=True)
def to_care_one(i, people, week, care_weeks):
    """Resident i's problem escalates to specialised care for ``care_weeks``; a case with a
    professional closes."""
    people.case_prof[i] = -1
    people.status[i] = IN_CARE
    people.care_until[i] = week + care_weeks
    people.status_since[i] = week


@njit(cache=True)
def resolve_all(idx, people, week):
    """:func:`resolve_one` for each resident in ``idx``."""
    for s in range(idx.shape[0]):
        resolve_one(idx[s], people, week)


@njit(cache=True)
def to_care_all(idx, people, week, care_weeks):
    """:func:`to_care_one` for each resident in ``idx``."""
    for s in range(idx.shape[0]):
        to_care_one(idx[s], people, week, care_weeks)


@njit(cache=True)
def course_of_problems(u, people, week, rule):
    """The week of every problem: open need grows and may resolve by itself (draw ``u``);
    need above ``rule.threshold`` escalates to care; care that has run its time ends.
    Returns the number of escalations.

    No resident's course depends on another's, so one pass resident by resident does what
    three whole-array passes did, with the same arithmetic (about ten times faster)."""
    need, status, care_until = people.need, people.status, people.care_until
    escalated = 0
    for i in range(need.shape[0]):
        if (status[i] == HIDDEN) | (status[i] == WAITING):
            need[i] *= 1.0 + rule.growth
            if u[i] < rule.self_resolve:
                resolve_one(i, people, week)
                continue
        st = status[i]
        if (need[i] >= rule.threshold) & (st != IN_CARE) & (st != NO_NEED):
            to_care_one(i, people, week, rule.care_weeks)
            escalated += 1
        if (status[i] == IN_CARE) & (care_until[i] <= week):
            resolve_one(i, people, week)
    return escalated
