"""Where residents live: home cells on the grid, and a random neighbour near a home.

Street encounters, netwerkberaden, bridging and the first ties all need 'someone who lives
within r cells of resident i' (docs/ODD.md 2.10, 7.2, 7.4). :class:`Homes` bundles the home
cells with the residents sorted by cell, so a kernel can pick one in a few draws.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from ._numerics.draws import integers


class Homes(NamedTuple):
    """Where residents live, one bundle for the kernels: home cell (x, y) of each resident on
    a ``side`` x ``side`` grid, and the residents sorted by home cell (``order``; those of
    cell c are order[start[c]:start[c + 1]]) to pick a random resident living in a cell."""

    x: np.ndarray
    y: np.ndarray
    side: int
    start: np.ndarray
    order: np.ndarray


def homes_of(x: np.ndarray, y: np.ndarray, cell: np.ndarray, side: int) -> Homes:
    counts = np.bincount(cell, minlength=side * side)
    return Homes(x=x, y=y, side=side,
                 start=np.concatenate(([0], np.cumsum(counts))).astype(np.int32),
                 order=np.argsort(cell, kind="stable").astype(np.int32))


@njit(cache=True)
def pick_near(rng, homes, i, radius):
    """A random resident living within ``radius`` cells of resident i; -1 if none found."""
    x, y, side, start, order = homes.x[i], homes.y[i], homes.side, homes.start, homes.order
    for _ in range(6):
        cx = x + int(integers(rng, -radius, radius + 1))
        cy = y + int(integers(rng, -radius, radius + 1))
        if cx < 0 or cy < 0 or cx >= side or cy >= side:
            continue
        c = cy * side + cx
        cnt = start[c + 1] - start[c]
        if cnt > 0:
            return order[start[c] + int(integers(rng, 0, cnt))]
    return -1


@njit(cache=True)
def pick_near_each(rng, who, homes, radius):
    """:func:`pick_near` around each resident in ``who`` in turn (-1 where none was found)."""
    out = np.empty(who.shape[0], dtype=np.int64)
    for s in range(who.shape[0]):
        out[s] = pick_near(rng, homes, who[s], radius)
    return out
