"""Compiled loop of burgercollectieven: care among the members of a zorgcooperatie (rules:
collectives.py, docs/ODD.md 7.12)."""

from __future__ import annotations

from numba import njit

from .._numerics.draws import other_than, uniform
from .helping import open_need


@njit(cache=True)
def care_among_members(rng, members, starts, rule, people, week):
    """Members of one zorgcooperatie (group g spans members[starts[g]:starts[g+1]]) look after
    each other: a member with an open problem is, with chance ``rule.rate``, helped by a
    random co-member who has ``rule.hours`` of spare time left, without having to ask. The
    help takes ``rule.amount * rule.effect[kind]`` of the need away and lowers the helped
    member's v by ``rule.v_after_help``. Returns the number of acts of help."""
    need, status, kind, v = people.need, people.status, people.need_kind, people.v
    spare_left = people.spare_left
    helps = 0
    for g in range(starts.shape[0] - 1):
        s0 = starts[g]
        size = starts[g + 1] - s0
        if size < 2:
            continue
        for a in range(size):
            i = members[s0 + a]
            if not open_need(status[i]) or uniform(rng) >= rule.rate:
                continue
            j = members[s0 + other_than(rng, size, a)]
            if spare_left[j] < rule.hours:
                continue
            need[i] -= rule.amount * rule.effect[kind[i]]
            spare_left[j] -= rule.hours
            v[i] = max(0.0, v[i] - rule.v_after_help)
            people.helped_week[i] = True
            people.last_got_help[i] = week
            people.last_helped_other[j] = week
            helps += 1
    return helps
