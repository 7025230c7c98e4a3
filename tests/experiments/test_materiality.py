"""The materiality table: one threshold per main outcome, read by everything that judges."""

import pytest

from wijksim.analysis.materiality import MAIN, THRESHOLDS, verdict
from wijksim.model.outcome_names import OUTCOMES


def test_every_main_outcome_has_a_stated_threshold_with_an_argument():
    for name in MAIN:
        t = THRESHOLDS[name]
        assert t.smallest > 0 and len(t.argument) > 40, name


def test_thresholds_name_recorded_outcomes():
    unknown = [k for k in THRESHOLDS if k not in OUTCOMES]
    assert not unknown


@pytest.mark.parametrize("diff, low, high, expected", [
    (-0.012, -0.015, -0.009, "material"),   # past 0.01 and away from zero
    (-0.006, -0.008, -0.004, "small"),      # real but below the line
    (-0.012, -0.030, 0.006, "unclear"),     # interval includes zero
])
def test_verdict_follows_interval_and_threshold(diff, low, high, expected):
    assert verdict("vraagverlegenheid", diff, low, high, baseline=0.55) == expected


def test_relative_threshold_scales_with_baseline():
    assert verdict("initiatives", 0.5, 0.1, 0.9, baseline=3.0) == "material"
    assert verdict("initiatives", 0.5, 0.1, 0.9, baseline=10.0) == "small"
