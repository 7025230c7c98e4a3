"""Mechanism 1 — needs arise, grow when unaddressed and escalate.

Problems (debts, care, isolation) arrive with a weekly chance that rises with vulnerability and
age. A problem nobody addresses grows; above a threshold it escalates to specialised care, the
expensive top ('zolder') of the care pyramid (004 H6). Help (mechanisms 3 and 4) takes need
away; some problems resolve by themselves.
"""

from __future__ import annotations

import numpy as np

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
    free = r.status == NO_NEED
    new = free & (rng.random(r.n) < arrival_chance(model))
    idx = np.flatnonzero(new)
    r.need[idx] = p.initial_severity
    r.need_kind[idx] = rng.choice(3, size=idx.size, p=np.asarray(p.kind_shares))
    r.status[idx] = HIDDEN
    r.voiced[idx] = False
    r.status_since[idx] = model.week


def grow_and_escalate(model) -> None:
    """Unaddressed need grows; need above the threshold escalates to specialised care."""
    r, p, rng = model.residents, model.p.needs, model.streams.needs
    open_need = (r.status == HIDDEN) | (r.status == WAITING)
    r.need[open_need] *= 1.0 + p.growth_rate
    solved = open_need & (rng.random(r.n) < p.self_resolve_rate)
    resolve(model, np.flatnonzero(solved))
    escalate = (r.need >= p.escalation_threshold) & (r.status != IN_CARE) & (r.status != NO_NEED)
    send_to_care(model, np.flatnonzero(escalate))
    done = np.flatnonzero((r.status == IN_CARE) & (r.care_until <= model.week))
    resolve(model, done)


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
