"""Designs: grids are complete products; SALib samples have the documented sizes, stay in
their ranges, are the same every time they are built, and whole-number keys stay whole."""

from __future__ import annotations

import numpy as np
import pytest

from wijksim.experiments import load_experiment
from wijksim.experiments.design import design_points, point_overrides, sample_matrix
from wijksim.experiments.runs import REFERENCE_POINT, plan


def _exp(write_experiment, method, params, extra=""):
    return load_experiment(write_experiment(f"""
        [experiment]
        scenarios = ["tender_3y", "subsidy"]
        seeds = 3
        [design]
        method = "{method}"
        {extra}
        [parameters]
        {params}
    """))


def test_grid_is_the_full_product(write_experiment):
    exp = _exp(write_experiment, "grid", """
        funding.tender.contract_years = [1, 4, 9]
        funding.tender.staff_moves = { low = 0.2, high = 0.8, steps = 4 }
        funding.tender.paid_coordinators = [true, false]
    """)
    pts = design_points(exp)
    assert len(pts) == 3 * 4 * 2
    assert not pts.duplicated().any()
    assert sorted(pts["funding.tender.contract_years"].unique()) == [1, 4, 9]
    assert np.allclose(sorted(pts["funding.tender.staff_moves"].unique()), [0.2, 0.4, 0.6, 0.8])
    assert set(pts["funding.tender.paid_coordinators"]) == {True, False}
    over = point_overrides(pts)[0]
    assert type(over["funding.tender.contract_years"]) is int
    assert type(over["funding.tender.paid_coordinators"]) is bool


@pytest.mark.parametrize("method,size", [("lhs", lambda n, d: n), ("sobol",
                                         lambda n, d: n * (d + 2)),
                                         ("morris", lambda n, d: n * (d + 1))])
def test_salib_designs_have_their_sizes_and_stay_in_range(write_experiment, method, size):
    exp = _exp(write_experiment, method, """
        funding.tender.p_incumbent_loses = { low = 0.2, high = 0.8 }
        funding.tender.contract_years = { low = 1, high = 12 }
        help.norm_drift = { low = 0.0, high = 0.1 }
    """, extra="samples = 16")
    pts = design_points(exp)
    assert len(pts) == size(16, 3)
    assert pts["funding.tender.p_incumbent_loses"].between(0.2, 0.8).all()
    assert pts["help.norm_drift"].between(0.0, 0.1).all()
    years = pts["funding.tender.contract_years"]
    assert years.dtype == np.int64 and years.between(1, 12).all()
    if method != "morris":  # Morris visits only its 4 levels
        assert years.nunique() >= 6  # rounding spreads over the whole-number range
    assert design_points(exp).equals(pts)  # same seed, same design
    assert np.array_equal(sample_matrix(exp), sample_matrix(exp))


def test_design_seed_changes_the_sample(write_experiment):
    params = "funding.tender.p_incumbent_loses = { low = 0.2, high = 0.8 }"
    a = design_points(_exp(write_experiment, "lhs", params, "samples = 8\nseed = 1"))
    b = design_points(_exp(write_experiment, "lhs", params, "samples = 8\nseed = 2"))
    assert not a.equals(b)


def test_plan_uses_common_seeds_and_unique_ids(write_experiment):
    exp = load_experiment(write_experiment("""
        [experiment]
        scenarios = ["tender_3y", "subsidy"]
        reference = ["tender_9y"]
        seeds = [3, 7, 11]
        [parameters]
        funding.tender.staff_moves = [0.2, 0.5, 0.8]
    """))
    tasks = plan(exp)
    assert len(tasks) == (3 * 2 + 1) * 3
    assert len({t.run_id for t in tasks}) == len(tasks)
    for (label, point) in {(t.label, t.point) for t in tasks}:
        assert sorted(t.seed for t in tasks if (t.label, t.point) == (label, point)) == [3, 7, 11]
    ref = [t for t in tasks if t.point == REFERENCE_POINT]
    assert {t.label for t in ref} == {"tender_9y"}
    moved = {t.point: t.scenario["funding.tender.staff_moves"] for t in tasks
             if t.label == "tender_3y"}
    assert moved == {0: 0.2, 1: 0.5, 2: 0.8}
    assert [t.run_id for t in plan(exp)] == [t.run_id for t in tasks]  # stable ids
