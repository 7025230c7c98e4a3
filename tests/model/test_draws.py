"""Fast kernel draws (model/draws.py) give exactly the numbers of Numba's Generator methods."""

import numpy as np
import pytest
from numba import njit

from wijksim.model._numerics.draws import drawing, integers, uniform


@njit
def _mixed(rng, lows, highs, out_f, out_i):
    for k in range(lows.shape[0]):
        out_f[k] = uniform(rng)
        out_i[k] = integers(rng, lows[k], highs[k])


@pytest.mark.parametrize("seed", [0, 1, 12345])
def test_state_draws_equal_generator_draws(seed):
    pick = np.random.default_rng(seed + 99)
    n = 20_000
    lows = pick.integers(-50, 50, n)
    spans = np.where(pick.random(n) < 0.5, pick.integers(1, 40, n),
                     pick.choice([1, 2, 3, 2**31, 2**32 - 1, 2**32, 2**32 + 7, 2**40, 2**62], n))
    highs = lows + spans
    ref_f, ref_i = np.empty(n), np.empty(n, np.int64)
    a = np.random.default_rng(seed)
    _mixed(a, lows, highs, ref_f, ref_i)
    got_f, got_i = np.empty(n), np.empty(n, np.int64)
    b = np.random.default_rng(seed)
    with drawing(b) as st:
        _mixed(st, lows, highs, got_f, got_i)
    assert np.array_equal(got_f, ref_f) and np.array_equal(got_i, ref_i)
    assert b.bit_generator.state == a.bit_generator.state  # the Generator continues alike
    assert np.array_equal(b.random(5), a.random(5)) and b.integers(0, 7) == a.integers(0, 7)


def test_state_continues_from_numpy_draws():
    """A state borrowed after numpy's own 32-bit draws (a spare half buffered) continues right."""
    a, b = np.random.default_rng(3), np.random.default_rng(3)
    a.integers(0, 10, size=3, dtype=np.int32)
    b.integers(0, 10, size=3, dtype=np.int32)
    lows, highs = np.zeros(50, np.int64), np.full(50, 6, np.int64)
    ref_f, ref_i, got_f, got_i = np.empty(50), np.empty(50, np.int64), np.empty(50), \
        np.empty(50, np.int64)
    _mixed(a, lows, highs, ref_f, ref_i)
    with drawing(b) as st:
        _mixed(st, lows, highs, got_f, got_i)
    assert np.array_equal(got_f, ref_f) and np.array_equal(got_i, ref_i)
    assert b.bit_generator.state == a.bit_generator.state


def test_kernels_draw_from_the_generators_own_memory():
    """drawing() hands out numpy's PCG64 state itself: a kernel's draws advance the Generator
    with nothing copied back, and the next numpy draw continues from there."""
    from wijksim.model._numerics import draws

    a, b = np.random.default_rng(11), np.random.default_rng(11)
    assert draws.state_of(a) is not None, "zero-copy draws unavailable on this numpy build"
    lows, highs = np.zeros(30, np.int64), np.full(30, 9, np.int64)
    out = [np.empty(30), np.empty(30, np.int64)]
    st = draws.state_of(a)
    _mixed(st, lows, highs, *out)  # no context: the view is the Generator's state
    _mixed(b, lows, highs, np.empty(30), np.empty(30, np.int64))
    assert a.bit_generator.state == b.bit_generator.state
    assert draws.state_of(a) is st  # kept, not made again


def test_copied_state_gives_the_same_numbers(monkeypatch):
    """Where numpy's memory layout is not the expected one, drawing() copies the state out and
    back; the numbers are the same."""
    from wijksim.model._numerics import draws

    monkeypatch.setattr(draws, "_zero_copy", False)
    lows, highs = np.zeros(500, np.int64), np.full(500, 1000, np.int64)
    a, b = np.random.default_rng(4), np.random.default_rng(4)
    ref, got = (np.empty(500), np.empty(500, np.int64)), (np.empty(500), np.empty(500, np.int64))
    _mixed(a, lows, highs, *ref)
    with drawing(b) as st:
        assert draws.state_of(b) is None
        _mixed(st, lows, highs, *got)
    assert all(np.array_equal(x, y) for x, y in zip(ref, got))
    assert a.bit_generator.state == b.bit_generator.state


def test_many_generators_keep_their_own_states():
    """More Generators than views kept: an evicted one gets a new view of its own memory, and
    every Generator goes on with its own numbers."""
    from wijksim.model._numerics import draws

    lows, highs = np.zeros(3, np.int64), np.full(3, 100, np.int64)
    gens = [np.random.default_rng(s) for s in range(draws._VIEWS_KEPT + 10)]
    twins = [np.random.default_rng(s) for s in range(draws._VIEWS_KEPT + 10)]
    for _ in range(2):
        for g, t in zip(gens, twins):
            with drawing(g) as st:
                _mixed(st, lows, highs, np.empty(3), np.empty(3, np.int64))
            _mixed(t, lows, highs, np.empty(3), np.empty(3, np.int64))
    assert len(draws._views) <= draws._VIEWS_KEPT
    assert all(g.bit_generator.state == t.bit_generator.state for g, t in zip(gens, twins))
