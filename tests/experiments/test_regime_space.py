"""The sensitivity analysis of the regime effect (issue 13 item 5): it varies exactly the
regime mechanisms' plausible ranges, and its shares count design points by the materiality
thresholds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wijksim.analysis import regime_space as rs
from wijksim.experiments import load_experiment
from wijksim.scenario import KEYS
from wijksim.scenario.schema import REGIME_RANGES

REPO = Path(__file__).resolve().parents[2]
EXPERIMENT = REPO / "experiments" / "validation" / "sensitivity_regime.toml"


def test_the_experiment_varies_exactly_the_plausible_ranges():
    exp = load_experiment(EXPERIMENT)
    varied = {p.key: (p.low, p.high) for p in exp.parameters}
    assert varied == {k: (lo, hi) for k, (lo, hi, _) in REGIME_RANGES.items()}
    assert len(exp.seeds) >= 3 and exp.method == "morris"


@pytest.mark.parametrize("key", list(REGIME_RANGES))
def test_each_range_has_an_argument_and_holds_the_default(key):
    lo, hi, why = REGIME_RANGES[key]
    k = KEYS[key]
    assert lo < hi and len(why) > 30
    assert lo <= k.default <= hi
    assert k.lo <= lo and hi <= k.hi


def frame(diffs, base):
    """Synthetic point differences for one outcome of each direction."""
    idx = pd.Index(range(len(diffs)), name="point")
    return (pd.DataFrame({"vraagverlegenheid": diffs, "trust": diffs}, index=idx),
            pd.DataFrame({"vraagverlegenheid": base, "trust": base}, index=idx))


def test_shares_count_points_past_the_threshold_in_the_better_direction():
    # thresholds: vraagverlegenheid 0.01 (lower is better), trust 0.01 (higher is better)
    diff, base = frame([-0.02, -0.03, -0.005, 0.015], [0.5] * 4)
    s = rs.shares(diff, base).set_index("outcome")
    assert s.loc["vraagverlegenheid", "share_subsidy_better"] == 0.5  # -0.02 and -0.03
    assert s.loc["vraagverlegenheid", "share_tender_better"] == 0.25
    assert s.loc["vraagverlegenheid", "share_not_material"] == 0.25
    assert s.loc["trust", "share_subsidy_better"] == 0.25  # only +0.015
    assert s.loc["trust", "share_tender_better"] == 0.5


def test_point_differences_pair_runs_by_point_and_seed():
    rows = []
    for point in (0, 1):
        for seed in (1, 2, 3):
            rows.append({"label": "tender_3y", "point": point, "seed": seed, "trust": 0.5})
            rows.append({"label": "subsidy", "point": point, "seed": seed,
                         "trust": 0.5 + 0.01 * point + 0.001 * seed})
    diff, se, base = rs.point_differences(pd.DataFrame(rows), ["trust"], "subsidy",
                                          "tender_3y")
    assert np.allclose(diff["trust"], [0.002, 0.012])
    assert np.allclose(base["trust"], [0.5, 0.5])
    assert np.allclose(se["trust"], 0.001 / np.sqrt(3))
