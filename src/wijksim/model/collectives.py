"""Burgercollectieven that run things (docs/ODD.md 7.12).

Besides the bewonersinitiatieven of initiatives.py the seeds name collectives that run
things: wijkcooperaties and wijkbedrijven, lokale fondsen, energiecooperaties and zorgzame
initiatieven (000 l. 9 and 117, 002 l. 16, 003 l. 216). Three kinds are modelled as
initiatives of their own kind, so they share the initiatives' life course — recruitment
through ties, activities, corvee, burn-out, ending with too few members — and add:

* **wijkcooperatie / wijkbedrijf**: meets at a place; employs members (the most vulnerable
  first), which takes part of their practical problems away; it is the collective that can
  take over public tasks under the right to challenge (buurtrechten.py).
* **energiecooperatie**: founded and joined by residents who can invest; recruits door to
  door near its members, across groups, and its activities set homophily aside; the yield on
  the members' investment flows to the lokaal fonds (buurtrechten.py allocates it).
* **zorgcooperatie** (zorgzaam initiatief): members look after each other — a member with a
  problem is helped without asking (kernels/collectives.py) — and asking becomes normal,
  which lowers the members' vraagverlegenheid.

The municipality's stance is a lever (collectives.recognition, steady_support, hurdles; 001
'Erkenning', 002 goal 4, the 'hordenloop' of 003 l. 9): recognition and hurdles set how
often collectives are founded, hurdles and steady support their corvee (Initiative.
extra_corvee), steady support their chance to end unfunded (initiatives.unfunded_end_rate)
and what the municipality pays for it, recognition their members' trust in institutions.
Nothing here acts before week 0 or when collectives.enabled is off and no collective exists.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._numerics.draws import drawing
from ._numerics.sorting import group_starts
from .initiatives import (ENERGIECOOPERATIE, GENERIC, WIJKCOOPERATIE, ZORGCOOPERATIE,
                          start_initiative)
from .kernels.collectives import care_among_members
from .residents import HIDDEN, WAITING

COLLECTIVE_KINDS = (WIJKCOOPERATIE, ENERGIECOOPERATIE, ZORGCOOPERATIE)


class CareRule(NamedTuple):
    """Care among a zorgcooperatie's members (``[collectives]`` and ``[help]`` keys)."""

    rate: float  # weekly chance a member with an open problem is helped by a co-member
    hours: float  # hours one act of help takes
    amount: float  # need one act of help takes away (times effect)
    effect: np.ndarray  # how well informal help works per kind of problem
    v_after_help: float  # v drops this much for whoever is helped


def collectives_of(model, kinds=COLLECTIVE_KINDS) -> list:
    return [i for i in model.initiatives if i.kind in kinds and not i.ended]


def founding_chance(model, kind: int) -> float:
    """Weekly chance an eligible sterkhouder founds a collective of ``kind``: the kind's rate,
    raised by recognition, lowered by hurdles (both levers of the municipality)."""
    c = model.p.collectives
    return c.found_rate[kind - GENERIC] * (c.recognition_base + c.recognition) * (
        1.0 - c.hurdle_founding_drop * c.hurdles)


def can_invest(model) -> np.ndarray:
    r = model.residents
    return r.vulnerability < model.p.collectives.energy_invest_below


def found_collectives(model) -> None:
    """Sterkhouders in no initiative, with enough good ties and spare time, found collectives;
    a wijkcooperatie needs a place within reach, an energiecooperatie a founder who can
    invest. Kinds in turn, each founder at most one."""
    m, r, c = model, model.residents, model.p.collectives
    if not c.enabled or m.week < 0:
        return
    rng = m.streams.collectives
    for kind in COLLECTIVE_KINDS:
        cand = np.flatnonzero((r.engagement >= m.p.residents.sterkhouder_threshold)
                              & (r.initiative < 0) & (r.spare_hours > 0)
                              & (m.ties.n_good >= c.min_founding_ties))
        if kind == ENERGIECOOPERATIE:
            cand = cand[can_invest(m)[cand]]
        founders = cand[rng.random(cand.size) < founding_chance(m, kind)]
        for f in rng.permutation(founders):  # who invites first, not by number (build.py)
            found_one(m, int(f), kind, rng)


def found_one(model, founder: int, kind: int, rng) -> None:
    """A collective starts with a founding group: the founder and the ties who join at once.
    Fewer than collectives.founding_members, and it is not founded (the group disperses)."""
    init = start_initiative(model, founder, kind=kind, rng=rng)
    if init is None:
        return
    if init.size < model.p.collectives.founding_members:
        r = model.residents
        r.initiative[r.initiative == init.unique_id] = -1
        model.tally.initiatives_founded -= 1
        init.remove()
        return
    model.log_event("collective_founded", f"{init.kind_name} founded",
                    initiative=init.unique_id)


def run_collectives(model) -> None:
    """The week of the collectives: recognition, jobs, door-to-door recruitment and yield of
    the energiecooperaties, care among the zorgcooperaties' members."""
    colls = collectives_of(model)
    if not colls:
        return
    recognise(model, colls)
    employ(model, [i for i in colls if i.kind == WIJKCOOPERATIE])
    energies = [i for i in colls if i.kind == ENERGIECOOPERATIE]
    recruit_door_to_door(model, energies)
    pay_energy_yield(model, energies)
    care_for_each_other(model, [i for i in colls if i.kind == ZORGCOOPERATIE])


def recognise(model, colls) -> None:
    """Recognition by the municipality raises the members' trust in institutions (001: a
    'blijk van vertrouwen', 003 l. 9)."""
    r, c = model.residents, model.p.collectives
    gain = c.recognition_trust * c.recognition
    if gain <= 0:
        return
    mem = np.flatnonzero(np.isin(r.initiative, [i.unique_id for i in colls]))
    r.trust[mem] += gain * (1.0 - r.trust[mem])


def employ(model, coops) -> None:
    """A wijkcooperatie employs members (most vulnerable first): its own jobs plus those of a
    task it runs. A job takes part of a practical problem away each week (income, structure)."""
    r, c = model.residents, model.p.collectives
    for coop in coops:
        mem = coop.members()
        jobs = min(mem.size, c.coop_jobs + int(np.ceil(coop.task_jobs)))
        if jobs == 0:
            coop.employees = np.empty(0, dtype=np.int64)
            continue
        order = np.lexsort((mem, -r.vulnerability[mem]))  # ties broken by index
        coop.employees = mem[order[:jobs]]
        e = coop.employees
        practical = e[(r.need_kind[e] == 0) & ((r.status[e] == HIDDEN) | (r.status[e] == WAITING))]
        r.need[practical] = np.maximum(r.need[practical] - c.job_need_relief, 0.0)


def recruit_door_to_door(model, energies) -> None:
    """Members of an energiecooperatie canvass their streets: residents near a member who can
    invest and have spare time join with a weekly chance, whatever their group."""
    if not energies:
        return
    m, r, c, p = model, model.residents, model.p.collectives, model.p.initiatives
    rng = m.streams.collectives
    for coop in energies:
        mem = coop.members()
        room = p.max_members - mem.size
        if room <= 0 or mem.size == 0:
            continue
        free = np.flatnonzero((r.initiative < 0) & (r.spare_hours > 0) & can_invest(m))
        if free.size == 0:
            continue
        dx = r.x[free][:, None].astype(float) - r.x[mem][None, :]
        dy = r.y[free][:, None].astype(float) - r.y[mem][None, :]
        near = free[(dx * dx + dy * dy).min(axis=1) <= c.energy_door_reach ** 2]
        joins = rng.permutation(near[rng.random(near.size) < c.energy_door_rate])[:room]
        r.initiative[joins] = coop.unique_id
        coop.size += joins.size
        m.tally.recruits += joins.size


def pay_energy_yield(model, energies) -> None:
    """The yield on what the members invested flows into the lokaal fonds every week."""
    c = model.p.collectives
    for coop in energies:
        model.fonds.add(coop.size * c.energy_investment * c.energy_yield / 52.0, "energy")


def care_for_each_other(model, cares) -> None:
    """Members of a zorgcooperatie help each other without being asked, and asking for help
    becomes what members do: their vraagverlegenheid drops each week."""
    if not cares:
        return
    m, r, c, h = model, model.residents, model.p.collectives, model.p.help
    uids = np.array([i.unique_id for i in cares])
    members = np.flatnonzero(np.isin(r.initiative, uids))
    if members.size == 0:
        return
    r.v[members] = np.maximum(0.0, r.v[members] - c.care_v_drop)
    members = m.streams.collectives.permutation(members)  # who asks first: not by number
    members = members[np.argsort(r.initiative[members], kind="stable")]
    starts = group_starts(r.initiative[members])
    rule = CareRule(rate=c.care_help_rate, hours=h.informal_hours, amount=h.informal_amount,
                    effect=np.asarray(h.informal_effect, dtype=float),
                    v_after_help=h.v_after_help)
    with drawing(m.streams.collectives) as st:
        m.tally.informal_helps += care_among_members(st, members.astype(np.int64), starts,
                                                      rule, r.arrays, m.week)


def support_cost(model) -> float:
    """Yearly cost of the municipality's steady support for the collectives alive."""
    c = model.p.collectives
    return len(collectives_of(model)) * c.steady_support * c.support_cost
