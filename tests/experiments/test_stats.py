"""Statistics of comparisons and the SALib glue, on synthetic data with known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from wijksim.analysis.stats import (end_values, paired_differences, summarise,
                                         t_interval, trajectories)
from wijksim.experiments.sensitivity import IncompleteResults, indices, point_means
from wijksim.experiments.spec import Parameter


def fake_ticks(labels=("a", "b"), seeds=(1, 2, 3, 4), weeks=104, effect=None):
    """Two years of weekly ticks; label b = label a + effect, same seed noise."""
    rng = np.random.default_rng(0)
    rows = []
    noise = {s: rng.normal(size=weeks + 1) for s in seeds}
    for lab in labels:
        for s in seeds:
            base = 1.0 + 0.1 * s + 0.01 * noise[s]
            shift = (effect or {}).get(lab, 0.0)
            for w in range(weeks + 1):
                rows.append({"run_id": f"{lab}{s}", "label": lab, "point": 0, "seed": s,
                             "week": w, "year": w / 52, "cohesion": base[w] + shift,
                             "escalations": 2.0 if w > weeks - 52 else 0.0})
    return pd.DataFrame(rows)


def test_t_interval_matches_scipy():
    x = np.array([1.0, 2.5, 2.0, 3.5, 2.2])
    lo, hi = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
    half = t_interval(x.mean(), x.std(ddof=1), len(x))
    assert np.isclose(x.mean() - half, lo) and np.isclose(x.mean() + half, hi)
    assert np.isnan(t_interval(1.0, 0.0, 1))


def test_end_values_are_last_year_means_and_yearly_totals():
    ticks = fake_ticks()
    end = end_values(ticks, ["cohesion", "escalations"])
    assert len(end) == 8
    one = ticks[(ticks.run_id == "a1") & (ticks.week > 52)]
    assert np.isclose(end.loc[end.run_id == "a1", "cohesion"].item(), one.cohesion.mean())
    assert np.allclose(end["escalations"], 2.0 * 52)  # a weekly count -> per year


def test_paired_differences_cancel_common_noise():
    ticks = fake_ticks(effect={"b": 0.05})
    end = end_values(ticks, ["cohesion"])
    d = paired_differences(end, ["cohesion"]).iloc[0]
    assert (d["a"], d["b"], d["n"]) == ("a", "b", 4)
    assert np.isclose(d["mean"], 0.05) and d["high"] - d["low"] < 1e-9  # paired: exact
    s = summarise(end, ["cohesion"]).set_index("label")
    assert s.loc["a", "high"] - s.loc["a", "low"] > 0.1  # unpaired: seed spread dominates


def test_paired_differences_use_only_shared_seeds():
    ticks = fake_ticks(effect={"b": 0.05})
    ticks = ticks[~((ticks.label == "b") & (ticks.seed == 4))]
    d = paired_differences(end_values(ticks, ["cohesion"]), ["cohesion"]).iloc[0]
    assert d["n"] == 3 and np.isclose(d["mean"], 0.05)


def test_trajectories_have_bands_around_means():
    traj = trajectories(fake_ticks(), ["cohesion", "escalations"])
    assert set(traj["outcome"]) == {"cohesion", "escalations"}
    assert (traj["low"] <= traj["mean"] + 1e-12).all()
    assert (traj["mean"] <= traj["high"] + 1e-12).all()
    assert len(traj) == 2 * 2 * 105


def test_sensitivity_glue_keeps_design_order():
    """y = 4*x1 + x2 (x3 inert): SALib through our glue must rank x1 > x2 > x3 = 0."""
    from SALib.sample import sobol

    names = ["help.norm_drift", "help.offer_rate", "wijk.homophily"]  # any number keys
    params = [Parameter(k, low=0.0, high=1.0) for k in names]
    problem = {"num_vars": 3, "names": names, "bounds": [[0, 1]] * 3}
    x = sobol.sample(problem, 256, calc_second_order=False, seed=3)
    seeds = (1, 2)
    rows = [{"label": "s", "point": i, "seed": s, "y": 4 * x[i, 0] + x[i, 1]}
            for i in range(len(x)) for s in seeds]
    ys = point_means(pd.DataFrame(rows), ["y"], ["s"], None, len(x))
    idx = indices("sobol", params, ys).set_index("parameter")
    x1, x2, x3 = names
    assert idx.loc[x1, "ST"] > 0.8 > idx.loc[x2, "ST"] > 0.02
    assert abs(idx.loc[x3, "ST"]) < 1e-9 and abs(idx.loc[x3, "S1"]) < 1e-9
    assert (idx["ST_low"] <= idx["ST"]).all() and (idx["ST"] <= idx["ST_high"]).all()


def test_sensitivity_refuses_incomplete_designs():
    rows = [{"label": "s", "point": i, "seed": 1, "y": 1.0} for i in range(5)]
    with pytest.raises(IncompleteResults, match="2 of 7 points"):
        point_means(pd.DataFrame(rows), ["y"], ["s"], None, 7)
