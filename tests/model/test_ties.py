"""Tie kernels on hand-built networks: symmetry, saturation, capacity, decay, upkeep."""

import numpy as np
import pytest
from scipy import stats

from wijksim.model._numerics.hashing import counter_index, pair_uniform, week_salt
from wijksim.model.kernels.ties import clustering_of, tie_pass, weekly_upkeep
from wijksim.model.ties import ContactLog, TieSummary, Upkeep
from wijksim.model.tietable import (TieTable, clear_ties, empty_ties, is_symmetric, pick_tie,
                                    strengthen)


def test_strengthen_creates_symmetric_tie_and_saturates():
    nbr, w = empty_ties(3, 4)
    assert strengthen(TieTable(nbr, w), 0, 1, 0.5)
    assert is_symmetric(nbr, w)
    assert w[0][nbr[0] == 1][0] == pytest.approx(0.5)
    for _ in range(50):
        strengthen(TieTable(nbr, w), 1, 0, 0.5)
    assert 0.99 < w[0][nbr[0] == 1][0] <= 1.0
    assert not strengthen(TieTable(nbr, w), 2, 2, 0.5)  # no tie with oneself
    assert is_symmetric(nbr, w)


def test_full_resident_replaces_weakest_only_for_a_stronger_tie():
    nbr, w = empty_ties(5, 2)
    strengthen(TieTable(nbr, w), 0, 1, 0.3)
    strengthen(TieTable(nbr, w), 0, 2, 0.6)
    assert not strengthen(TieTable(nbr, w), 0, 3, 0.2)  # weaker than 0's weakest (0.3): refused
    assert set(nbr[0]) == {1, 2}
    assert strengthen(TieTable(nbr, w), 0, 4, 0.4)  # stronger: replaces the tie with 1
    assert set(nbr[0]) == {2, 4}
    assert 0 not in nbr[1]  # and 1 forgot 0 as well
    assert is_symmetric(nbr, w)


def test_clear_ties_removes_both_copies():
    nbr, w = empty_ties(4, 3)
    for j in (1, 2, 3):
        strengthen(TieTable(nbr, w), 0, j, 0.5)
    clear_ties(TieTable(nbr, w), np.array([0]))
    assert (nbr == -1).all()


def test_pair_uniform_is_shared_by_the_pair_and_uniform():
    assert pair_uniform(7, 3, 11) == pair_uniform(7, 11, 3)
    u = np.array([pair_uniform(42, i, i + 1) for i in range(20000)])
    assert 0 <= u.min() and u.max() < 1
    assert abs(u.mean() - 0.5) < 0.01
    assert pair_uniform(1, 3, 11) != pair_uniform(2, 3, 11)


def test_counter_index_is_uniform_fixed_by_its_salt_and_free_between_weeks_and_seeds():
    """The clustering sample (outcomes.measure): indices in [0, n), uniform, the same for the
    same seed and week, unrelated across weeks and seeds."""
    n = 37
    salt = week_salt(3, 100)
    draws = np.array([counter_index(salt, k, n) for k in range(37_000)])
    assert draws.min() == 0 and draws.max() == n - 1
    assert stats.chisquare(np.bincount(draws, minlength=n)).pvalue > 1e-3
    assert [counter_index(week_salt(3, 100), k, n) for k in range(50)] == list(draws[:50])
    for other in (week_salt(3, 101), week_salt(4, 100)):
        again = np.array([counter_index(other, k, n) for k in range(37_000)])
        assert (again == draws).mean() < 2.0 / n  # about 1/n by chance


def _upkeep(nbr, w, weeks, rate=0.8, budget=2.0, gain=0.15, decay=0.02):
    n = nbr.shape[0]
    hx = hy = np.zeros(n, dtype=np.int32)
    last, last_n = np.zeros(n, np.int32), np.zeros(n, np.int32)
    for week in range(weeks):
        weekly_upkeep(TieTable(nbr, w), week * 7919 + 1, Upkeep(rate, budget, gain, decay, 0.02),
                      ContactLog(hx, hy, 64.0, last, last_n, week))
    return last


def test_upkeep_keeps_friends_and_lets_acquaintances_fade():
    """Bistable ties: a strong tie sustains itself, a weak one decays away without meetings.
    A weak tie that happens to get a private contact early can climb into the friends'
    range, so this holds for most ties, not each: 100 pairs of each (in a run of these 200
    weeks 99 % of the friends and 8 % of the acquaintances were kept)."""
    nbr, w = empty_ties(400, 4)
    for k in range(0, 400, 4):
        strengthen(TieTable(nbr, w), k, k + 1, 0.8)  # friends
        strengthen(TieTable(nbr, w), k + 2, k + 3, 0.1)  # acquaintances
    _upkeep(nbr, w, 200)
    assert is_symmetric(nbr, w)
    friends_kept = [k + 1 in nbr[k] and w[k][nbr[k] == k + 1][0] > 0.5 for k in range(0, 400, 4)]
    faded = [k + 3 not in nbr[k + 2] for k in range(0, 400, 4)]
    assert np.mean(friends_kept) >= 0.95
    assert np.mean(faded) >= 0.8


def test_upkeep_without_contact_only_decays():
    nbr, w = empty_ties(2, 2)
    strengthen(TieTable(nbr, w), 0, 1, 0.9)
    _upkeep(nbr, w, 10, rate=0.0)
    assert w[0][nbr[0] == 1][0] == pytest.approx(0.9 * 0.98 ** 10)


def test_limited_time_for_friends_thins_a_large_circle():
    """With friend_time small, a resident with many friends cannot keep them all up."""
    def surviving(budget):
        nbr, w = empty_ties(13, 16)
        for j in range(1, 13):
            strengthen(TieTable(nbr, w), 0, j, 0.8)
        _upkeep(nbr, w, 300, budget=budget)
        return int((nbr[0] >= 0).sum())
    assert surviving(0.5) < surviving(20.0)


def test_weighted_mean_summary_and_clustering_on_a_triangle():
    nbr, w = empty_ties(4, 3)
    strengthen(TieTable(nbr, w), 0, 1, 0.5)
    strengthen(TieTable(nbr, w), 1, 2, 0.5)
    strengthen(TieTable(nbr, w), 0, 2, 0.5)
    vals = np.array([0.0, 1.0, 3.0, 9.0])
    out, out_b = np.zeros(4), np.zeros(4)
    assert clustering_of(TieTable(nbr, w), 0.3, week_salt(1, 0), 50) == pytest.approx(1.0)
    group = np.array([0, 0, 1, 1], dtype=np.int8)
    s, c, g, x, m = (np.zeros(4), np.zeros(4, np.int64), np.zeros(4, np.int64), np.zeros(4),
                     np.zeros(4))
    tie_pass(TieTable(nbr, w), group, 0.3, TieSummary(s, c, g, x, m), vals, 2 * vals, out, out_b)
    assert out[0] == pytest.approx(2.0) and out[3] == 9.0  # no ties: own value
    assert out_b[0] == pytest.approx(4.0)
    assert list(c) == [2, 2, 2, 0] and s[0] == pytest.approx(1.0) and x[0] == pytest.approx(0.5)


def test_pick_tie_follows_strength():
    nbr, w = empty_ties(3, 2)
    strengthen(TieTable(nbr, w), 0, 1, 0.9)
    strengthen(TieTable(nbr, w), 0, 2, 0.1)
    rng = np.random.default_rng(0)
    picks = [nbr[0, pick_tie(TieTable(nbr, w), 0, rng.random())] for _ in range(4000)]
    assert 0.85 < np.mean(np.array(picks) == 1) < 0.95


def test_strengthen_ignores_empty_slot_marker():
    """Regression: a tie 'picked' from an empty row (-1) must not touch any row."""
    nbr, w = empty_ties(3, 2)
    strengthen(TieTable(nbr, w), 0, 1, 0.5)
    assert not strengthen(TieTable(nbr, w), 2, -1, 0.5)
    assert not strengthen(TieTable(nbr, w), -1, 2, 0.5)
    assert (w[nbr < 0] == 0).all() and is_symmetric(nbr, w)


def test_pair_uniforms_are_uniform_and_unrelated_for_neighbouring_pairs():
    """The pair uniform decides some 300,000 private contacts a week: over the pairs a tie
    table holds (nearby indices, many pairs per resident) and over weeks, its numbers must be
    uniform and not correlated with those of the neighbouring pair or the next week."""
    from scipy import stats

    pairs = [(i, j) for i in range(0, 4000, 7) for j in range(i + 1, i + 40)]
    for salt in (1, 2, 987654321):
        u = np.array([pair_uniform(salt, i, j) for i, j in pairs])
        assert stats.chisquare(np.bincount((u * 50).astype(int), minlength=50)).pvalue > 1e-4
        assert abs(np.corrcoef(u[:-1], u[1:])[0, 1]) < 0.02
    nxt = np.array([pair_uniform(2, i, j) for i, j in pairs])
    now = np.array([pair_uniform(1, i, j) for i, j in pairs])
    assert abs(np.corrcoef(now, nxt)[0, 1]) < 0.02
