"""Compiled loops of citizen initiatives: recruitment, engagement fading (rules:
initiatives.py, docs/ODD.md 7.5)."""

from __future__ import annotations

from numba import njit

from .._numerics.draws import uniform


@njit(cache=True)
def recruit(rng, membership, rule, people, ties, a_eff):
    """Members invite ties who are in no initiative; they join with a chance that grows
    with tie strength and engagement, falls with aanbodverlegenheid (``a_eff``), and needs
    spare time (``rule``: :class:`wijksim.model.initiatives.Recruiting`).
    ``membership`` (:class:`wijksim.model.initiatives.Membership`): ``members[m]`` belongs to
    the initiative at position ``pos[m]`` (uid ``uids[pos]``, ``sizes[pos]`` members, updated
    as recruits join)."""
    members, member_init_pos = membership.members, membership.pos
    sizes, uids = membership.sizes, membership.uids
    nbr, w = ties.nbr, ties.w
    engagement, spare, initiative = people.engagement, people.spare_hours, people.initiative
    max_members, rate, activity_hours = rule.max_members, rule.rate, rule.activity_hours
    joined = 0
    for m in range(members.shape[0]):
        i = members[m]
        pos = member_init_pos[m]
        for k in range(nbr.shape[1]):
            j = nbr[i, k]
            if j < 0 or initiative[j] >= 0 or sizes[pos] >= max_members:
                continue
            time = min(1.0, spare[j] / activity_hours) if activity_hours > 0 else 1.0
            if uniform(rng) < rate * w[i, k] * (1.0 - a_eff[j]) * (0.5 + engagement[j]) * time:
                initiative[j] = uids[pos]
                sizes[pos] += 1
                joined += 1
    return joined


@njit(cache=True)
def fade_outside(engagement, engagement0, initiative, fade):
    """engagement += fade * (engagement0 - engagement) where initiative < 0: the numpy
    expression's arithmetic in one pass, without its masks and temporary copies."""
    for i in range(engagement.shape[0]):
        if initiative[i] < 0:
            engagement[i] += fade * (engagement0[i] - engagement[i])
