"""Faster kernels may change the random numbers, never the model (issue 14 item 3).

Every main outcome's distribution over 20 seeds (end value and yearly means, under two regimes,
and the regime effect between them) must match the sample stored at a trusted commit,
``tests/data/equivalence/baseline.parquet``, within the tolerances stated in
tests/equivalence.py. A failure means the model's behaviour moved, not only its random streams.
"""

import pytest

from tests.equivalence import FILE, SEEDS, compare, current, main_outcomes, stored


def test_the_stored_sample_covers_every_main_outcome():
    frame = stored()
    assert sorted(frame["seed"].unique()) == list(SEEDS)
    assert len(SEEDS) >= 20
    missing = [o for o in main_outcomes() if f"{o}|end" not in frame.columns]
    assert not missing, f"{FILE} lacks {missing}: regenerate it (python -m tests.equivalence)"


@pytest.mark.slow
def test_outcome_distributions_match_the_stored_sample():
    failures, tests = compare(stored(), current())
    assert not failures, f"{len(failures)} of {tests} comparisons fail:\n" + "\n".join(failures)
