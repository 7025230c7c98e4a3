"""Meeting (docs/ODD.md 7.2): third places, co-presence, street encounters, tie upkeep.

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

from ._numerics.draws import drawing
from ._numerics.sorting import group_starts, stable_order
from .kernels.meeting import (choose_visits, copresence, friends_of_friends,
                              street_encounters)
from .kernels.ties import weekly_upkeep
from .places import place_arrays
from .ties import ContactLog, Upkeep


class Mixing(NamedTuple):
    """Who takes up a chance to meet (``[meeting]``, ``[wijk]`` keys, docs/ODD.md 7.2)."""

    contacts: float  # contacts each member of a gathering makes on average
    homophily: float  # chance a contact across demographic groups is declined (no host)
    age_homophily: float  # chance a contact across age classes is declined


class Gatherings(NamedTuple):
    """Who is together this week, and what a contact there gives (docs/ODD.md 7.2): residents
    ``members`` sorted by gathering; gathering g spans members[starts[g]:starts[g+1]], a
    contact there adds ``gain[g]`` to a tie, and its host takes ``bridging[g]`` of homophily
    away."""

    members: np.ndarray  # int32 resident indices
    starts: np.ndarray  # int64, one more than there are gatherings
    gain: np.ndarray  # float, per gathering
    bridging: np.ndarray  # float, per gathering


class Reach(NamedTuple):
    """The places within each resident's walk (fixed for a model: homes and places stay put)."""

    idx: np.ndarray  # idx[i, k]: k-th place within i's reach, -1 none
    weight: np.ndarray  # its pull by distance, from kernels.meeting.distance_weights


class Visiting(NamedTuple):
    """The rule of choosing a place (``[meeting]`` keys, docs/ODD.md 7.2)."""

    habit_pull: float  # the place visited last pulls this many times as much


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


def visit_places(model) -> None:
    """Residents choose places, capacity turns the surplus away, visitors meet."""
    r, p, rng = model.residents, model.p, model.streams.meeting
    pm = p.meeting
    is_open, pull, cap, hosp = place_arrays(model.places, p.places.hospitality_base)
    visit_rate = np.asarray(pm.visit_rate)[r.age]
    visit_p = (visit_rate * (pm.visit_engagement_base + pm.visit_engagement_weight * r.engagement)
               * (1.0 - pm.visit_frailty * r.vulnerability))
    with drawing(rng) as st:
        choose_visits(st, Reach(idx=model.reach_idx, weight=model.reach_weight), pull, visit_p,
                      Visiting(habit_pull=pm.habit_pull), r.arrays, r.visit)
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
    gain = p.meeting.place_tie_gain * (p.places.hospitality_base + hosp[g_place])
    bridging = p.meeting.host_bridging * hosp[g_place]
    mixing = Mixing(contacts=p.meeting.contacts_per_visit, homophily=p.wijk.homophily,
                    age_homophily=p.wijk.age_homophily)
    with drawing(rng) as st:
        model.tally.cross_contacts += copresence(
            st, Gatherings(members=visitors[order].astype(np.int32), starts=starts, gain=gain,
                           bridging=bridging),
            mixing, r.arrays, r.tie_table, contact_log(model))


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
