"""Random draws inside Numba kernels: numpy's own numbers, drawn faster.

Every mechanism draws from one of the model's numpy ``Generator`` streams (PCG64), so a run
depends only on its seed. Inside a Numba kernel, ``rng.random()`` calls numpy's C routine
through a function pointer and a scalar ``rng.integers()`` allocates a one-element array per
draw (about 11 and 23 ns here, where the arithmetic itself takes 1-2 ns), and passing a
Generator into a kernel costs about 10 us; the weekly kernels make some 10^5 draws. So the
weekly kernels get the generator's *state* instead, a small uint64 array, and step PCG64
inline.

That array is numpy's own memory: :func:`drawing` hands out a view of the PCG64 bit
generator's state (its ``ctypes.state_address``), so the kernels advance the Generator itself
and nothing is copied in or out. Copying the state through ``bit_generator.state`` (Python
dicts of 128-bit integers) cost some 27 us per kernel call in a running wijk, about 0.27 ms of
a 15,000-resident week. The view's layout is numpy's C struct; it is checked against
``bit_generator.state`` once per process, and where it differs (another numpy build) the
state is copied out and back as before.

:func:`uniform` and :func:`integers` accept either such a state or a Generator and give
exactly the numbers Numba's ``rng.random()`` and ``rng.integers(low, high)`` give (the same
doubles, the same Lemire rejection sampling, the same buffered 32-bit halves). A kernel
therefore returns the same result called either way, and afterwards the Generator continues
as if it had made the draws itself (tests/model/test_draws.py).
"""

from __future__ import annotations

import ctypes
from contextlib import contextmanager
from typing import Iterator

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.extending import intrinsic, overload

# PCG64 (numpy's default bit generator): a 128-bit LCG with the XSL-RR output function
PCG_MULTIPLIER = 0x2360ED051FC65DA44385DF649FCCF645
_MASK64 = (1 << 64) - 1
# A state array is numpy's PCG64 state in memory (numpy/random/src/pcg64/pcg64.h), as words:
# the pointer to the LCG state, numpy's buffer for the spare half of a 64-bit draw used by
# 32-bit draws ('has_uint32' in the low half, 'uinteger' in the high half), padding, then the
# 128-bit state and increment (low word first).
POINTER, BUFFER, STATE_LO, STATE_HI, INC_LO, INC_HI = 0, 1, 3, 4, 5, 6
WORDS = 7
_LOW32 = 0xFFFFFFFF


def borrow(rng: np.random.Generator) -> np.ndarray:
    """A copy of a PCG64 Generator's state as a state array (the layout of :data:`WORDS`)."""
    s = rng.bit_generator.state
    if s["bit_generator"] != "PCG64":
        raise TypeError(f"fast draws need PCG64, not {s['bit_generator']}")
    state, inc = s["state"]["state"], s["state"]["inc"]
    st = np.zeros(WORDS, dtype=np.uint64)
    st[BUFFER] = (s["has_uint32"] & _LOW32) | (s["uinteger"] & _LOW32) << 32
    st[STATE_LO], st[STATE_HI] = state & _MASK64, state >> 64
    st[INC_LO], st[INC_HI] = inc & _MASK64, inc >> 64
    return st


def give_back(rng: np.random.Generator, st: np.ndarray) -> None:
    """Put a copied state advanced by the kernels back into its Generator."""
    buf = int(st[BUFFER])
    rng.bit_generator.state = {
        "bit_generator": "PCG64",
        "state": {"state": int(st[STATE_LO]) | int(st[STATE_HI]) << 64,
                  "inc": int(st[INC_LO]) | int(st[INC_HI]) << 64},
        "has_uint32": buf & _LOW32, "uinteger": buf >> 32}


class _Memory(ctypes.c_uint64 * WORDS):
    """A bit generator's state memory as ctypes words; holds the bit generator, so a view of
    it keeps the memory alive."""


def _view(rng: np.random.Generator) -> np.ndarray:
    bg = rng.bit_generator
    mem = _Memory.from_address(bg.ctypes.state_address)
    mem.owner = bg
    return np.frombuffer(mem, dtype=np.uint64)


def _layout_matches() -> bool:
    """Does :func:`_view` see numpy's PCG64 state where this module expects it? Checked on a
    Generator with a spare 32-bit half buffered, against ``bit_generator.state``."""
    try:
        rng = np.random.default_rng(20_241_202)
        rng.integers(0, 10, size=3, dtype=np.int32)
        view = _view(rng)
        fields = [BUFFER, STATE_LO, STATE_HI, INC_LO, INC_HI]
        return (int(view[POINTER]) == rng.bit_generator.ctypes.state_address + 8 * STATE_LO
                and np.array_equal(view[fields], borrow(rng)[fields]))
    except Exception:  # noqa: BLE001 - any surprise means: copy the state instead
        return False


_VIEWS_KEPT = 64  # a few wijken's streams; older views are made again when needed
_views: dict[int, tuple[np.random.Generator, np.ndarray]] = {}
_zero_copy: bool | None = None


def state_of(rng: np.random.Generator) -> np.ndarray | None:
    """The live state array of ``rng`` (numpy's own memory), or None where this numpy's
    layout is not the expected one (then :func:`drawing` copies). Views of recently used
    Generators are kept, with the Generator itself, so an id is never mistaken for another's."""
    global _zero_copy
    if _zero_copy is None:
        _zero_copy = _layout_matches()
    if not _zero_copy or type(rng.bit_generator) is not np.random.PCG64:
        return None
    kept = _views.get(id(rng))
    if kept is not None and kept[0] is rng:
        return kept[1]
    if len(_views) >= _VIEWS_KEPT:
        try:  # the app steps wijken in threads: another may have dropped it already
            _views.pop(next(iter(_views)), None)
        except (RuntimeError, StopIteration):
            pass
    view = _view(rng)
    _views[id(rng)] = (rng, view)
    return view


@contextmanager
def drawing(rng: np.random.Generator) -> Iterator[np.ndarray]:
    """``with drawing(rng) as st: kernel(st, ...)`` lets a kernel draw from ``rng``."""
    live = state_of(rng)
    if live is not None:
        yield live
        return
    st = borrow(rng)
    try:
        yield st
    finally:
        give_back(rng, st)


@intrinsic
def _lcg_step(typingctx, st):
    """state <- state * PCG_MULTIPLIER + inc (mod 2**128), in place on a state array.

    Written as LLVM IR because it needs 128-bit integers, which Numba's Python-level types
    lack; LLVM turns the multiply into three 64-bit multiplies.
    """
    if not (isinstance(st, types.Array) and st.dtype == types.uint64):
        return None
    sig = types.void(st)

    def codegen(context, builder, signature, args):
        data = context.make_array(signature.args[0])(context, builder, args[0]).data
        i64, i128 = ir.IntType(64), ir.IntType(128)
        words = [builder.gep(data, [ir.Constant(i64, k)]) for k in range(WORDS)]
        sixty_four = ir.Constant(i128, 64)

        def wide(k):  # words k (low) and k + 1 (high) as one 128-bit number
            low = builder.zext(builder.load(words[k]), i128)
            high = builder.zext(builder.load(words[k + 1]), i128)
            return builder.or_(low, builder.shl(high, sixty_four))

        state = builder.add(builder.mul(wide(STATE_LO), ir.Constant(i128, PCG_MULTIPLIER)),
                            wide(INC_LO))
        builder.store(builder.trunc(state, i64), words[STATE_LO])
        builder.store(builder.trunc(builder.lshr(state, sixty_four), i64), words[STATE_HI])
        return context.get_dummy_value()

    return sig, codegen


@njit(cache=True)
def next_uint64(st):
    """numpy's pcg64_next64: step, then XSL-RR output (xor the halves, rotate right)."""
    _lcg_step(st)
    hi = st[STATE_HI]
    x = hi ^ st[STATE_LO]
    rot = hi >> np.uint64(58)
    return (x >> rot) | (x << ((np.uint64(64) - rot) & np.uint64(63)))


@njit(cache=True)
def next_uint32(st):
    """numpy's pcg64_next32: the low half of a 64-bit draw now, the high half next time."""
    buf = st[BUFFER]
    if buf & np.uint64(_LOW32) != 0:  # numpy clears the flag and leaves the half in place
        st[BUFFER] = buf & np.uint64(0xFFFFFFFF00000000)
        return buf >> np.uint64(32)
    x = next_uint64(st)
    st[BUFFER] = (x & np.uint64(0xFFFFFFFF00000000)) | np.uint64(1)
    return x & np.uint64(_LOW32)


@njit(cache=True)
def _uniform_state(st):
    return np.float64(next_uint64(st) >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(cache=True)
def _bounds_error():
    raise ValueError("integers: high <= low")


@njit(cache=True)
def _integers_state(rng, low, high):
    """Numba's scalar ``Generator.integers(low, high)`` (int64, high excluded), on a state
    array ``rng``.

    The raise and the 64-bit case live in functions of their own, so that the common case
    (a span below 2**32) is small."""
    low = np.int64(low)
    span = np.int64(high) - np.int64(1) - low  # numpy's 'rng': the largest offset
    if span <= 0:
        if span < 0:
            _bounds_error()
        return low
    if span < 0xFFFFFFFF:  # Lemire's method on 32-bit draws
        excl = np.uint64(span) + np.uint64(1)
        m = next_uint32(rng) * excl
        leftover = m & np.uint64(0xFFFFFFFF)
        if leftover < excl:
            threshold = (np.uint64(0xFFFFFFFF) - np.uint64(span)) % excl
            while leftover < threshold:
                m = next_uint32(rng) * excl
                leftover = m & np.uint64(0xFFFFFFFF)
        return low + np.int64(m >> np.uint64(32))
    if span == 0xFFFFFFFF:
        return low + np.int64(next_uint32(rng))
    return _integers_wide(rng, low, span)


@njit(cache=True)
def _integers_wide(st, low, span):
    """Lemire's method on 64-bit draws, with the high word of a 64 x 64-bit product."""
    excl = np.uint64(span) + np.uint64(1)
    x = next_uint64(st)
    leftover = x * excl
    if leftover < excl:
        threshold = (np.uint64(0xFFFFFFFFFFFFFFFF) - np.uint64(span)) % excl
        while leftover < threshold:
            x = next_uint64(st)
            leftover = x * excl
    mask = np.uint64(0xFFFFFFFF)
    x0, x1 = x & mask, x >> np.uint64(32)
    e0, e1 = excl & mask, excl >> np.uint64(32)
    w0 = x0 * e0
    t = x1 * e0 + (w0 >> np.uint64(32))
    w1 = (t & mask) + x0 * e1
    return low + np.int64(x1 * e1 + (t >> np.uint64(32)) + (w1 >> np.uint64(32)))


def uniform(rng):
    """A uniform double in [0, 1), as ``rng.random()`` (Numba only)."""
    raise NotImplementedError("uniform() is for Numba kernels")


def integers(rng, low, high):
    """A uniform integer in [low, high), as ``rng.integers(low, high)`` (Numba only)."""
    raise NotImplementedError("integers() is for Numba kernels")


def _is_state(rng) -> bool:
    return isinstance(rng, types.Array) and rng.dtype == types.uint64 and rng.ndim == 1


@overload(uniform, jit_options={"cache": True})
def _ol_uniform(rng):
    if isinstance(rng, types.NumPyRandomGeneratorType):
        return lambda rng: rng.random()
    if _is_state(rng):
        return lambda rng: _uniform_state(rng)
    return None


@overload(integers, jit_options={"cache": True})
def _ol_integers(rng, low, high):
    if isinstance(rng, types.NumPyRandomGeneratorType):
        return lambda rng, low, high: rng.integers(low, high)
    if _is_state(rng):
        # the body itself, not a call of the compiled function: called from an overload, LLVM
        # does not inline it, and a draw then costs some 23 ns instead of 8 (the same numbers)
        return _integers_state.py_func
    return None


@njit(cache=True)
def other_than(rng, n, a):
    """One of 0 .. n-1 other than ``a``, uniformly, in one draw: someone else in a group of
    ``n`` (n >= 2) picked by member ``a``."""
    b = int(integers(rng, 0, n - 1))
    return b + 1 if b >= a else b
