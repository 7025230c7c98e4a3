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
