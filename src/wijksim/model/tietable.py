"""The tie table: weighted, symmetric social ties kept in fixed slots per resident.

``nbr[i, k]`` is the k-th contact of resident i (``EMPTY`` = a free slot) and ``w[i, k]`` its
strength in (0, 1]. Every tie is stored twice (i->j and j->i) and both copies always receive the
same floating-point operations, so the network stays exactly symmetric. The fixed number of
slots caps a resident's active network (a Dunbar-like limit, docs/ODD.md 2.3) and keeps memory
linear in residents.

This module is the table and its operations only — find a tie's slot, strengthen or create a
tie, drop one, pick one by strength. What makes ties grow and fade is the meeting mechanism
(meeting.py, ties.py; docs/ODD.md 7.2).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from ._numerics.prefetch import prefetch

EMPTY = -1


class TieTable(NamedTuple):
    """Every resident's ties, one bundle for the kernels: ``nbr[i, k]`` is the k-th contact of
    resident i (``EMPTY`` for a free slot) and ``w[i, k]`` the strength of that tie."""

    nbr: np.ndarray
    w: np.ndarray


def empty_ties(n: int, slots: int) -> TieTable:
    """A table of n residents without ties, ``slots`` ties at most each."""
    return TieTable(nbr=np.full((n, slots), EMPTY, dtype=np.int32),
                    w=np.zeros((n, slots), dtype=np.float64))


@njit(cache=True)
def find_slot(nbr, i, j):
    """The slot of j (>= 0) in i's row, -1 if none.

    A contact occupies at most one slot of a row, so the loop need not stop at the match:
    it marks the matching slot without a jump, which LLVM vectorises (faster than an
    early exit on these short rows, which mispredicts where the match lies)."""
    found = 0
    for k in range(nbr.shape[1]):
        found |= (nbr[i, k] == j) * (k + 1)
    return found - 1


@njit(cache=True)
def free_or_weakest(nbr, w, i):
    """A free slot of i's row, or else the slot of i's weakest tie."""
    best = -1
    best_w = 2.0
    for k in range(nbr.shape[1]):
        if nbr[i, k] < 0:
            return k
        if w[i, k] < best_w:
            best_w = w[i, k]
            best = k
    return best


@njit(cache=True)
def drop(nbr, w, i, k):
    """Remove the tie in slot k of i's row, and its mirror in the other resident's row."""
    j = nbr[i, k]
    nbr[i, k] = EMPTY
    w[i, k] = 0.0
    if j >= 0:
        kj = find_slot(nbr, j, i)
        if kj >= 0:
            nbr[j, kj] = EMPTY
            w[j, kj] = 0.0


@njit(cache=True)
def strengthen(ties, i, j, gain):
    """Contact between i and j: strengthen their tie, or create it if both have room.

    A full resident makes room by dropping their weakest tie when the new one would be
    stronger. Returns True when a tie exists after the call.
    """
    nbr, w = ties.nbr, ties.w
    if i == j or i < 0 or j < 0 or gain <= 0.0:
        return False
    ki = find_slot(nbr, i, j)
    if ki >= 0:
        kj = find_slot(nbr, j, i)
        nw = w[i, ki] + gain * (1.0 - w[i, ki])
        w[i, ki] = nw
        w[j, kj] = nw
        return True
    si = free_or_weakest(nbr, w, i)
    sj = free_or_weakest(nbr, w, j)
    if nbr[i, si] >= 0 and w[i, si] >= gain:
        return False
    if nbr[j, sj] >= 0 and w[j, sj] >= gain:
        return False
    if nbr[i, si] >= 0:
        drop(nbr, w, i, si)
    if nbr[j, sj] >= 0:
        drop(nbr, w, j, sj)
    nbr[i, si] = j
    w[i, si] = gain
    nbr[j, sj] = i
    w[j, sj] = gain
    return True


@njit(cache=True)
def strengthen_pairs(ties, a, b, gain):
    """Apply :func:`strengthen` to each pair (a[k], b[k]) with gain[k]."""
    for k in range(a.shape[0]):
        strengthen(ties, a[k], b[k], gain[k])


@njit(cache=True)
def prefetch_ties(ties, i):
    """Start loading resident i's rows of the table. The tie arrays (some 4 MB at 15,000
    residents) do not fit in a core's own cache, so a contact between two random residents
    waits for main or shared cache several times over; asking for the rows of contacts a few
    steps ahead lets those waits overlap. Changes no result."""
    nbr, w = ties.nbr, ties.w
    slots = nbr.shape[1]
    for k in range(0, slots, 16):  # int32: 16 per 64-byte cache line
        prefetch(nbr, i, k)
    prefetch(nbr, i, slots - 1)
    for k in range(0, slots, 8):  # float64: 8 per line (constant steps: see _numerics/prefetch)
        prefetch(w, i, k)
    prefetch(w, i, slots - 1)


@njit(cache=True)
def clear_ties(ties, idx):
    """Remove every tie of the residents in ``idx`` (they moved away)."""
    nbr, w = ties.nbr, ties.w
    for s in range(idx.shape[0]):
        i = idx[s]
        for k in range(nbr.shape[1]):
            if nbr[i, k] >= 0:
                drop(nbr, w, i, k)


@njit(cache=True)
def pick_tie(ties, i, u):
    """A tie of i chosen with probability proportional to strength (u uniform in [0,1))."""
    nbr, w = ties.nbr, ties.w
    slots = nbr.shape[1]
    tot = 0.0
    for k in range(slots):
        if nbr[i, k] >= 0:
            tot += w[i, k]
    if tot <= 0.0:
        return -1
    target = u * tot
    acc = 0.0
    last = -1
    for k in range(slots):
        if nbr[i, k] >= 0:
            acc += w[i, k]
            last = k
            if acc > target:
                return k
    return last


def is_symmetric(nbr: np.ndarray, w: np.ndarray) -> bool:
    """Check (in numpy, for tests) that every stored tie has an equal mirror."""
    i, k = np.nonzero(nbr >= 0)
    j = nbr[i, k]
    # mirror weights: find i in row j
    rows = nbr[j]
    hit = rows == i[:, None]
    if not np.all(hit.sum(axis=1) == 1):
        return False
    mirror_w = w[j][hit]
    return bool(np.array_equal(mirror_w, w[i, k])) and not np.any(j == i)
