"""Compiled loops of the professionals' work: netwerkberaden, bridging, outreach visits
(rules: professionals.py, docs/ODD.md 7.4)."""

from __future__ import annotations

import numpy as np
from numba import njit

from .._numerics.draws import uniform
from ..homes import pick_near
from ..residents import HIDDEN, WAITING
from ..tietable import strengthen


@njit(cache=True)
def hold_beraden(rng, clients, know, rule, people, homes, ties):
    """Netwerkberaden: each client meets up to ``rule.circle`` people from their surroundings.

    Participants are the client's own ties first, then neighbours the professional knows of
    (found with chance ``know[c]``, the professional's wijkkennis). Ties to the client are
    strengthened, the client's v and the participants' a drop. Returns participants.
    """
    circle, tie_gain, a_drop = rule.circle, rule.tie_gain, rule.a_drop
    nbr, v, a, voiced = ties.nbr, people.v, people.a, people.voiced
    total = 0
    for c in range(clients.shape[0]):
        i = clients[c]
        got = 0
        for k in range(nbr.shape[1]):
            if got >= circle:
                break
            j = nbr[i, k]
            if j >= 0:
                strengthen(ties, i, j, tie_gain)
                a[j] = max(0.0, a[j] - a_drop)
                got += 1
        tries = 0
        while got < circle and tries < rule.search_tries * circle:
            tries += 1
            if uniform(rng) >= know[c]:
                continue
            j = pick_near(rng, homes, i, rule.radius)
            if j < 0 or j == i:
                continue
            strengthen(ties, i, j, tie_gain)
            a[j] = max(0.0, a[j] - a_drop)
            got += 1
        v[i] = max(0.0, v[i] - rule.v_drop)
        voiced[i] = True
        total += got
    return total


@njit(cache=True)
def introduce_across_groups(rng, starters, know, rule, people, homes, ties):
    """Bridging: introduce each starter to a neighbour (within ``rule.radius`` cells, found in
    at most ``rule.tries`` picks) from another group, with chance ``know[s]``; the new tie
    starts at ``rule.gain`` (``rule``: :class:`wijksim.model.professionals.Bridging`)."""
    gain, radius, tries, group = rule.gain, rule.radius, rule.tries, people.group
    made = 0
    for s in range(starters.shape[0]):
        i = starters[s]
        if uniform(rng) >= know[s]:
            continue
        for _ in range(tries):
            j = pick_near(rng, homes, i, radius)
            if j >= 0 and group[j] != group[i]:
                strengthen(ties, i, j, gain)
                made += 1
                break
    return made


@njit(cache=True)
def link_with(idx, uids, gain, threshold, prof_link, prof_trust):
    """Contact builds a trust link: resident idx[t] with professional uids[t].

    A resident already linked to that professional trusts them more; one whose link to
    another professional is weaker than ``threshold`` switches (trust starting from 0) and
    then gains as well; a stronger link to someone else stays. Every step reads the state from
    before that step, as numpy's fancy indexing does (a resident listed twice is updated once).
    """
    m = idx.shape[0]
    flag = np.empty(m, dtype=np.int8)  # 0 no link change, 1 same professional, 2 switch
    new = np.empty(m)
    for t in range(m):
        i = idx[t]
        flag[t] = 1 if prof_link[i] == uids[t] else (2 if prof_trust[i] < threshold else 0)
    for t in range(m):
        if flag[t] == 2:
            prof_link[idx[t]] = uids[t]
            prof_trust[idx[t]] = 0.0
    for t in range(m):
        pt = prof_trust[idx[t]]
        new[t] = pt + gain * (1.0 - pt)
    for t in range(m):
        if flag[t] > 0:
            prof_trust[idx[t]] = new[t]


@njit(cache=True)
def outreach_visits(met, u, bounds, visitor, know, rule, people, week):
    """Outreach visits of each professional k in turn to residents met[bounds[k]:bounds[k+1]]
    (``visitor[t]``: the uid of the professional making visit t).

    A visit builds a trust link with k (:func:`link_with`), raises trust in institutions a
    little (``rule.trust_gain``) and finds a hidden problem if u < know[k]. Within one
    professional's visits every step reads the state from before that step, like numpy's
    fancy indexing (a resident visited twice is updated once, but a problem found twice counts
    twice). Returns problems found.
    """
    trust, status = people.trust, people.status
    found = 0
    new = np.empty(met.shape[0])
    hit = np.empty(met.shape[0], dtype=np.bool_)
    for k in range(bounds.shape[0] - 1):
        lo, hi = bounds[k], bounds[k + 1]
        link_with(met[lo:hi], visitor[lo:hi], rule.link_gain, rule.link_threshold,
                  people.prof_link, people.prof_trust)
        for t in range(lo, hi):
            new[t] = trust[met[t]] + rule.trust_gain * (1.0 - trust[met[t]])
        for t in range(lo, hi):
            trust[met[t]] = new[t]
        for t in range(lo, hi):
            hit[t] = status[met[t]] == HIDDEN and u[t] < know[k]
        for t in range(lo, hi):
            if hit[t]:
                i = met[t]
                people.voiced[i] = True
                status[i] = WAITING
                people.status_since[i] = week
                found += 1
    return found
