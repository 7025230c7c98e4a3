"""Weighted, symmetric social ties kept in fixed slots per resident.

``nbr[i, k]`` is the k-th contact of resident i (-1 = empty slot) and ``w[i, k]`` its strength
in (0, 1]. Every tie is stored twice (i->j and j->i) and both copies always receive the same
floating-point operations, so the network stays exactly symmetric. The fixed number of slots
caps a resident's active network (a Dunbar-like limit) and keeps memory linear in residents.

Tie dynamics (MODEL.md mechanism 2): a contact adds ``gain * (1 - w)``; every week every tie
decays by ``decay``; friends keep in touch privately with a chance that grows with the square of
tie strength, so strong ties sustain themselves while weak ones fade unless a place, the street
or an initiative renews them (a bistable picture: acquaintances vs. friends).

All kernels are compiled with Numba; random draws come from the model's own
``numpy.random.Generator`` passed in, so results depend only on the seed.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

EMPTY = -1


class TieTable(NamedTuple):
    """Every resident's ties, one bundle for the kernels: ``nbr[i, k]`` is the k-th contact of
    resident i (``EMPTY`` for a free slot) and ``w[i, k]`` the strength of that tie."""

    nbr: np.ndarray
    w: np.ndarray


class ContactLog(NamedTuple):
    """What a contact between two residents leaves behind besides the tie: the week of each
    resident's last contact with a tie, and with a tie living within the neighbour radius
    (``near2``: squared cells between homes ``hx, hy``)."""

    hx: np.ndarray
    hy: np.ndarray
    near2: float
    last_contact: np.ndarray
    last_neighbour_contact: np.ndarray
    week: int


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
def _free_or_weakest(nbr, w, i):
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
def _drop(nbr, w, i, k):
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
    si = _free_or_weakest(nbr, w, i)
    sj = _free_or_weakest(nbr, w, j)
    if nbr[i, si] >= 0 and w[i, si] >= gain:
        return False
    if nbr[j, sj] >= 0 and w[j, sj] >= gain:
        return False
    if nbr[i, si] >= 0:
        _drop(nbr, w, i, si)
    if nbr[j, sj] >= 0:
        _drop(nbr, w, j, sj)
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


@intrinsic
def _prefetch(typingctx, arr, i, k):
    """Ask the CPU to start loading the cache line of ``arr[i, k]`` (2-D array); no effect on
    any result. LLVM's ``llvm.prefetch`` (read, keep in all cache levels)."""
    if not (isinstance(arr, types.Array) and arr.ndim == 2):
        return None
    sig = types.void(arr, i, k)

    def codegen(context, builder, signature, args):
        aty = signature.args[0]
        ary = context.make_array(aty)(context, builder, args[0])
        inds = [context.cast(builder, args[n], signature.args[n], types.intp) for n in (1, 2)]
        ptr = cgutils.get_item_pointer2(context, builder, data=ary.data,
                                        shape=cgutils.unpack_tuple(builder, ary.shape),
                                        strides=cgutils.unpack_tuple(builder, ary.strides),
                                        layout=aty.layout, inds=inds, wraparound=False)
        i8p, i32 = ir.IntType(8).as_pointer(), ir.IntType(32)
        fn = cgutils.get_or_insert_function(
            builder.module, ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32]),
            "llvm.prefetch.p0i8")
        builder.call(fn, [builder.bitcast(ptr, i8p), ir.Constant(i32, 0), ir.Constant(i32, 3),
                          ir.Constant(i32, 1)])
        return context.get_dummy_value()

    return sig, codegen


@njit(cache=True)
def prefetch_ties(nbr, w, i):
    """Start loading resident i's rows of ``nbr`` and ``w`` (every 64-byte cache line).

    The tie arrays (some 4 MB at 15,000 residents) do not fit in a core's own cache, so a
    contact between two random residents waits for main or shared cache several times over;
    asking for the rows of contacts a few steps ahead lets those waits overlap."""
    slots = nbr.shape[1]
    for k in range(0, slots, 16):  # int32: 16 per line
        _prefetch(nbr, i, k)
    _prefetch(nbr, i, slots - 1)
    for k in range(0, slots, 8):  # float64: 8 per line
        _prefetch(w, i, k)
    _prefetch(w, i, slots - 1)


@njit(cache=True)
def make_contacts(a, b, gain, ties, log, ahead=4):
    """Contacts (a[k], b[k]) in order: :func:`strengthen` their tie by gain[k] and note the
    contact in the :class:`ContactLog` (with a neighbour when they live close by).

    The same calls in the same order as making each contact as it is drawn, so the same ties;
    knowing the pairs beforehand lets the rows of the contact ``ahead`` steps on be fetched
    while this one is made (:func:`prefetch_ties`)."""
    nbr, w = ties.nbr, ties.w
    hx, hy, week = log.hx, log.hy, log.week
    m = a.shape[0]
    for t in range(m):
        if t + ahead < m:
            prefetch_ties(nbr, w, a[t + ahead])
            prefetch_ties(nbr, w, b[t + ahead])
        i = a[t]
        j = b[t]
        strengthen(ties, i, j, gain[t])
        log.last_contact[i] = week
        log.last_contact[j] = week
        dx = hx[i] - hx[j]
        dy = hy[i] - hy[j]
        if dx * dx + dy * dy <= log.near2:
            log.last_neighbour_contact[i] = week
            log.last_neighbour_contact[j] = week


@njit(cache=True)
def _mix64(x):
    """splitmix64 finaliser: a well-mixed 64-bit hash of x (uint64)."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@njit(cache=True)
def pair_uniform(salt, i, j):
    """A uniform number in [0, 1) shared by the pair {i, j} for this ``salt`` (week).

    Counter-based randomness: both copies of a tie draw the same number, so each resident's
    row can be updated on its own and the network still stays exactly symmetric.
    """
    lo = np.uint64(min(i, j))
    hi = np.uint64(max(i, j))
    x = _mix64(np.uint64(salt) ^ _mix64(lo * np.uint64(0x9E3779B97F4A7C15) + hi))
    return float(x >> np.uint64(11)) * (1.0 / 9007199254740992.0)


class Upkeep(NamedTuple):
    """The rule of the weekly tie upkeep (``[meeting]`` keys, docs/ODD.md 7.2)."""

    contact_rate: float  # weekly chance of a private contact with a tie of strength 1
    budget: float  # sum(w**2) a resident can keep up (meeting.friend_time)
    gain: float  # strength a private contact adds: gain * (1 - w)
    decay: float  # share of strength every tie loses a week
    w_min: float  # ties weaker than this are forgotten


@njit(cache=True)
def weekly_upkeep(ties, salt, rule, log):
    """Private contacts between friends, then decay; forget ties below ``rule.w_min``.

    Friends meet privately with weekly chance ``contact_rate * w**2``, scaled down when one
    of the two has more friends than their time allows: ``budget`` is the amount of
    sum(w**2) a resident can keep up (limited time, a Dunbar-like constraint). A contact with
    a tie living within the neighbour radius also counts as neighbour contact (``log``).
    Both copies of a tie see the same inputs and the same pair uniform, so they stay equal
    without touching each other's rows.
    """
    nbr, w = ties.nbr, ties.w
    contact_rate, budget, gain = rule.contact_rate, rule.budget, rule.gain
    w_min = rule.w_min
    hx, hy, near2, week = log.hx, log.hy, log.near2, log.week
    last_contact, last_neighbour_contact = log.last_contact, log.last_neighbour_contact
    n, slots = nbr.shape
    keep = 1.0 - rule.decay
    load = np.zeros(n)
    for i in range(n):
        total = 0.0
        for k in range(slots):
            total += w[i, k] * w[i, k]  # an empty slot holds 0.0 and adds nothing
        load[i] = total
    for i in range(n):
        for k in range(slots):
            j = nbr[i, k]
            if j < 0:
                continue
            s = w[i, k]
            busy = max(load[i], load[j], budget)
            if pair_uniform(salt, i, j) < contact_rate * s * s * budget / busy:
                s = s + gain * (1.0 - s)
                last_contact[i] = week
                dx = hx[i] - hx[j]
                dy = hy[i] - hy[j]
                if dx * dx + dy * dy <= near2:
                    last_neighbour_contact[i] = week
            s = s * keep
            if s < w_min:
                nbr[i, k] = EMPTY
                w[i, k] = 0.0
            else:
                w[i, k] = s


@njit(cache=True)
def clear_ties(ties, idx):
    """Remove every tie of the residents in ``idx`` (they moved away)."""
    nbr, w = ties.nbr, ties.w
    for s in range(idx.shape[0]):
        i = idx[s]
        for k in range(nbr.shape[1]):
            if nbr[i, k] >= 0:
                _drop(nbr, w, i, k)


@njit(cache=True)
def tie_weighted_mean(nbr, w, values, out):
    """out[i] = tie-strength-weighted mean of values over i's ties (values[i] if none).

    ``values`` must be finite. The loop has no branch: an empty slot has weight 0.0 and adds
    exactly nothing (its index is clamped to 0 so the read stays in bounds), which keeps the
    sums bit-identical to skipping it and avoids mispredicted jumps on scattered empty slots.
    """
    n, slots = nbr.shape
    for i in range(n):
        s = 0.0
        tot = 0.0
        for k in range(slots):
            wk = w[i, k]
            s += wk * values[max(nbr[i, k], 0)]
            tot += wk
        out[i] = s / tot if tot > 0.0 else values[i]


@njit(cache=True)
def _cross_group_table(group):
    """other[g, h] = 1.0 if g != h else 0.0: 'is this tie cross-group?' as a lookup, so the
    tie loops stay branch-free."""
    groups = group.max() + 1
    other = np.ones((groups, groups))
    for g in range(groups):
        other[g, g] = 0.0
    return other


class TieSummary(NamedTuple):
    """Per resident: total tie strength, number of ties, good ties (at least
    ``meeting.good_tie``), strength of ties across groups, strongest tie."""

    strength: np.ndarray
    n_ties: np.ndarray
    n_good: np.ndarray
    cross: np.ndarray
    strongest: np.ndarray


def empty_summary(n: int) -> TieSummary:
    return TieSummary(strength=np.zeros(n), n_ties=np.zeros(n, np.int64),
                      n_good=np.zeros(n, np.int64), cross=np.zeros(n), strongest=np.zeros(n))


@njit(cache=True)
def tie_summary(ties, group, good, out):
    """Per resident: total strength, number of ties, good ties, cross-group strength, max.

    The inner loop is branch-free, which makes it about five times faster with bit-identical
    results: an empty slot has weight 0.0 and adds nothing, and 'is this tie cross-group?'
    is a lookup in a 0/1 table (a compare there compiles to a jump that the CPU mispredicts
    for a large share of ties).
    """
    nbr, w = ties.nbr, ties.w
    n, slots = nbr.shape
    if n == 0:
        return
    other = _cross_group_table(group)
    for i in range(n):
        gi = group[i]
        s = 0.0
        c = 0
        g = 0
        x = 0.0
        m = 0.0
        for k in range(slots):
            j = nbr[i, k]
            wk = w[i, k]
            s += wk
            c += j >= 0
            g += (j >= 0) & (wk >= good)
            x += wk * other[gi, group[max(j, 0)]]
            m = max(m, wk)
        out.strength[i] = s
        out.n_ties[i] = c
        out.n_good[i] = g
        out.cross[i] = x
        out.strongest[i] = m


@njit(cache=True)
def tie_pass(ties, group, good, out, values_a, values_b, out_a, out_b):
    """:func:`tie_summary` and :func:`tie_weighted_mean` of two arrays in one pass over the
    ties (the norm drift needs both means just before the week's summary is due), with the
    same operations in the same order as those kernels, so the same numbers."""
    nbr, w = ties.nbr, ties.w
    n, slots = nbr.shape
    if n == 0:
        return
    other = _cross_group_table(group)
    for i in range(n):
        gi = group[i]
        s = 0.0
        c = 0
        g = 0
        x = 0.0
        m = 0.0
        sa = 0.0
        sb = 0.0
        for k in range(slots):
            j = nbr[i, k]
            jj = max(j, 0)
            wk = w[i, k]
            s += wk
            c += j >= 0
            g += (j >= 0) & (wk >= good)
            x += wk * other[gi, group[jj]]
            m = max(m, wk)
            sa += wk * values_a[jj]
            sb += wk * values_b[jj]
        out.strength[i] = s
        out.n_ties[i] = c
        out.n_good[i] = g
        out.cross[i] = x
        out.strongest[i] = m
        out_a[i] = sa / s if s > 0.0 else values_a[i]
        out_b[i] = sb / s if s > 0.0 else values_b[i]


@njit(cache=True)
def clustering_of(ties, good, sample):
    """Mean local clustering among good ties (are a resident's friends friends?), estimated
    over the sampled residents that have at least two good ties."""
    nbr, w = ties.nbr, ties.w
    slots = nbr.shape[1]
    total = 0.0
    counted = 0
    friends = np.empty(slots, dtype=np.int64)
    for s in range(sample.shape[0]):
        i = sample[s]
        deg = 0
        for k in range(slots):
            if nbr[i, k] >= 0 and w[i, k] >= good:
                friends[deg] = nbr[i, k]
                deg += 1
        if deg < 2:
            continue
        links = 0
        for a in range(deg):
            for b in range(a + 1, deg):
                kb = find_slot(nbr, friends[a], friends[b])
                if kb >= 0 and w[friends[a], kb] >= good:
                    links += 1
        total += 2.0 * links / (deg * (deg - 1))
        counted += 1
    return total / counted if counted > 0 else 0.0


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
