"""Sorting and lookups the kernels need often enough to write once, fast."""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def group_starts(keys_sorted):
    """Boundaries of runs of equal keys in a sorted array (len = groups + 1)."""
    n = keys_sorted.shape[0]
    out = np.empty(n + 1, dtype=np.int64)
    out[0] = 0
    m = 1
    for k in range(1, n):
        if keys_sorted[k] != keys_sorted[k - 1]:
            out[m] = k
            m += 1
    if n > 0:
        out[m] = n
        m += 1
    return out[:m]


@njit(cache=True)
def stable_order(key, n_keys):
    """``np.argsort(key, kind="stable")`` for keys in [0, n_keys): a counting sort, one pass
    to count and one to place, instead of a general sort of a few thousand visits."""
    start = np.zeros(n_keys + 1, dtype=np.int64)
    for k in range(key.shape[0]):
        start[key[k] + 1] += 1
    for g in range(n_keys):
        start[g + 1] += start[g]
    order = np.empty(key.shape[0], dtype=np.int64)
    for k in range(key.shape[0]):
        order[start[key[k]]] = k
        start[key[k]] += 1
    return order


def positions_of(uids: np.ndarray, member_uids: np.ndarray) -> np.ndarray:
    """Position of each uid among ``member_uids`` (-1 where it is not a member): a lookup
    table instead of a dictionary look-up per element."""
    top = max(int(member_uids.max()), int(uids.max(initial=-1))) + 1
    table = np.full(top + 1, -1, dtype=np.int64)  # the last entry answers uid -1
    table[member_uids] = np.arange(member_uids.size)
    return table[np.where(uids >= 0, uids, top)]


@njit(cache=True)
def wrap(k, m):
    """k % m for 0 <= k < 2m (turns of a round that began part-way), without the division a
    modulo costs in a hot loop."""
    return k - m if k >= m else k


def morton_order(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The permutation that sorts grid points (x, y) along a Z-order (Morton) curve, stably.

    Points close on the grid get close positions: arrays indexed in this order keep
    neighbours' entries near each other in memory."""
    code = np.zeros(x.shape[0], dtype=np.uint64)
    xs, ys = x.astype(np.uint64), y.astype(np.uint64)
    for bit in range(16):  # grids up to 65,536 cells a side
        b = np.uint64(bit)
        code |= ((xs >> b) & np.uint64(1)) << np.uint64(2 * bit)
        code |= ((ys >> b) & np.uint64(1)) << np.uint64(2 * bit + 1)
    return np.argsort(code, kind="stable")
