"""Needs arise, grow when unaddressed and escalate (docs/ODD.md 7.1).

Problems (debts, care, isolation) arrive with a weekly chance that rises with vulnerability and
age. A problem nobody addresses grows; above a threshold it escalates to specialised care, the
expensive top ('zolder') of the care pyramid (004 H6). Help (docs/ODD.md 7.3 and 7.4) takes need
away; some problems resolve by themselves. The loops are kernels/needs.py.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .kernels.needs import (arrival_chances, course_of_problems, new_problems, resolve_all,
                            to_care_all)
from .residents import HIDDEN


class Arrival(NamedTuple):
    """Who gets a new problem this week (``[needs]`` keys)."""

    rate: float  # weekly chance of a problem for a resident of mean vulnerability
    vulnerability_weight: float  # how far the chance follows relative vulnerability
    senior_factor: float  # seniors' chance relative to others'
    boost: float  # a crisis multiplies the chance (docs/ODD.md 7.8)


class Course(NamedTuple):
    """The course of a problem (``[needs]`` keys)."""

    growth: float  # weekly growth of unaddressed need
    self_resolve: float  # weekly chance an open problem resolves by itself
    threshold: float  # need at which a problem escalates to specialised care
    care_weeks: int  # weeks an escalation stays in care


def arrival_rule(model) -> Arrival:
    p = model.p.needs
    return Arrival(rate=p.arrival_rate, vulnerability_weight=p.vulnerability_weight,
                   senior_factor=p.senior_factor, boost=model.shock.need_boost)


def mean_vulnerability(model) -> float:
    return max(model.residents.vulnerability.mean(), 1e-9)


def arrival_chance(model) -> np.ndarray:
    """Every resident's weekly chance of a new problem (used to start the wijk)."""
    return arrival_chances(model.residents.arrays, mean_vulnerability(model), arrival_rule(model))


def arise(model) -> None:
    """New problems for residents who have none: hidden, of a random kind, at the initial
    severity."""
    r, p, rng = model.residents, model.p.needs, model.streams.needs
    u = rng.random(r.n)
    idx = new_problems(u, r.arrays, mean_vulnerability(model), arrival_rule(model))
    r.need[idx] = p.initial_severity
    r.need_kind[idx] = rng.choice(3, size=idx.size, p=np.asarray(p.kind_shares))
    r.status[idx] = HIDDEN
    r.voiced[idx] = False
    r.status_since[idx] = model.week


def grow_and_escalate(model) -> None:
    """Unaddressed need grows and may resolve by itself; need above the threshold escalates
    to specialised care; care that has run its time ends."""
    r, p, rng = model.residents, model.p.needs, model.streams.needs
    u = rng.random(r.n)
    rule = Course(growth=p.growth_rate, self_resolve=p.self_resolve_rate,
                  threshold=p.escalation_threshold, care_weeks=p.care_weeks)
    escalated = course_of_problems(u, r.arrays, model.week, rule)
    if escalated:
        model.tally.escalations += escalated
        model.tally.escalation_cost += escalated * p.escalation_cost


def send_to_care(model, idx: np.ndarray, reason: str = "need") -> None:
    """Escalation: specialised care for ``care_weeks``, at ``escalation_cost`` each."""
    if idx.size == 0:
        return
    p = model.p.needs
    to_care_all(idx, model.residents.arrays, model.week, p.care_weeks)
    model.tally.escalations += idx.size
    model.tally.escalation_cost += idx.size * p.escalation_cost


def resolve(model, idx: np.ndarray) -> None:
    """A problem is gone (solved, resolved by itself, or care finished)."""
    if idx.size == 0:
        return
    resolve_all(idx, model.residents.arrays, model.week)


