"""wijksim.ema (issue 15 item 7): a scenario as an EMA Workbench Model whose uncertainties,
levers and outcomes come from the schema, run with EMA's own evaluators."""

from __future__ import annotations

import numpy as np
import pytest

ema_workbench = pytest.importorskip("ema_workbench")

from ema_workbench import (MultiprocessingEvaluator, SequentialEvaluator,  # noqa: E402
                           load_results, perform_experiments, save_results)

from wijksim.ema import WijkRunner, ema_model, key_of, policies  # noqa: E402
from wijksim.scenario import KEYS, ScenarioError  # noqa: E402
from wijksim.scenario.schema import LEVERS, UNCERTAINTIES  # noqa: E402

TINY = dict(seeds=(1,), residents=600, years=1, overrides={"run.burn_in_weeks": 26},
            outcomes=["cohesion", "hidden_need_share", "wijkkennis"])
SMALL = dict(uncertainties=["funding.tender.staff_moves", "help.v_after_help"],
             levers=["funding.budget_per_resident"])


def test_parameters_come_from_the_schema_with_their_ranges():
    m = ema_model("tender_3y", **TINY)
    unc = {key_of(u.name): u for u in m.uncertainties}
    assert set(unc) == set(UNCERTAINTIES)
    for key, (lo, hi) in UNCERTAINTIES.items():
        assert (unc[key].lower_bound, unc[key].upper_bound) == (lo, hi)
        assert KEYS[key].lo <= lo < hi <= KEYS[key].hi  # inside what the schema allows
    lev = {key_of(x.name): x for x in m.levers}
    assert set(lev) == {*LEVERS, "base_scenario"}
    assert type(lev["funding.tender.contract_years"]).__name__ == "IntegerParameter"
    assert type(lev["netwerkberaad.enabled"]).__name__ == "BooleanParameter"
    assert [c.value for c in lev["base_scenario"].categories] == ["tender_3y", "tender_9y",
                                                                   "subsidy",
                                                                   "populatiebesteding"]
    assert [o.name for o in m.outcomes] == TINY["outcomes"]
    with pytest.raises(ScenarioError, match="not_an_outcome"):
        ema_model("tender_3y", outcomes=["not_an_outcome"])


def test_a_failing_run_returns_nan_instead_of_raising():
    """EMA's MultiprocessingEvaluator hangs forever on an exception in a worker."""
    r = WijkRunner("tender_3y", (1,), ["cohesion"], {"wijk.residents": 600})
    out = r(**{"funding__tender__staff_moves": 7.0})  # outside 0-1: the scenario refuses
    assert np.isnan(out["cohesion"])


def _run(evaluator_cls, **kw):
    m = ema_model("tender_3y", **TINY, **SMALL)
    np.random.seed(15)  # EMA 2.5.3 samples from numpy's global generator
    with evaluator_cls(m, **kw) as ev:
        return ev.perform_experiments(scenarios=2, policies=policies("tender_3y", "subsidy"))


@pytest.mark.slow
def test_sequential_and_multiprocessing_evaluators_agree(tmp_path):
    exp_s, out_s = _run(SequentialEvaluator)
    assert len(exp_s) == 4 and set(exp_s["policy"]) == {"tender_3y", "subsidy"}
    assert all(np.isfinite(v).all() for v in out_s.values())
    exp_m, out_m = _run(MultiprocessingEvaluator, n_processes=2)
    cols = ["funding__tender__staff_moves", "help__v_after_help", "policy"]
    order_s = exp_s.sort_values(cols).index
    order_m = exp_m.sort_values(cols).index
    for o in out_s:
        assert np.array_equal(out_s[o][order_s], out_m[o][order_m]), o
    path = tmp_path / "ema_results.tar.gz"
    save_results((exp_s, out_s), str(path))
    exp_l, out_l = load_results(str(path))
    assert np.allclose(out_l["cohesion"], out_s["cohesion"])


def test_sequential_evaluator_runs_a_tiny_experiment():
    m = ema_model("subsidy", **TINY, uncertainties=["help.v_after_help"], levers=[],
                  regimes=())
    np.random.seed(1)
    exp, out = perform_experiments(m, scenarios=2, evaluator=SequentialEvaluator(m))
    assert len(exp) == 2 and out["cohesion"].shape == (2,)
    assert ((out["hidden_need_share"] >= 0) & (out["hidden_need_share"] <= 1)).all()


def test_outcomes_carry_their_direction_and_possible_range():
    """EMA's optimisers and robustness metrics read kind and expected_range: better is up
    or down as in wijksim.analysis.materiality, ranges where the outcome is bounded."""
    from ema_workbench import ScalarOutcome

    from wijksim.analysis.materiality import MAIN, THRESHOLDS

    extra = ["bridging_share", "professionals"]  # no stated direction
    m = ema_model("tender_3y", **{**TINY, "outcomes": [*MAIN, *extra]})
    out = {o.name: o for o in m.outcomes}
    for name in MAIN:
        t = THRESHOLDS[name]
        want = ScalarOutcome.MAXIMIZE if t.better == "up" else ScalarOutcome.MINIMIZE
        assert out[name].kind == want, name
        if t.high is None:
            with pytest.raises(ValueError):  # EMA: "No expected_range is set"
                out[name].expected_range
        else:
            assert tuple(out[name].expected_range) == (t.low, t.high), name
    assert out["hidden_need_share"].kind == ScalarOutcome.MINIMIZE
    assert out["trust"].kind == ScalarOutcome.MAXIMIZE
    assert all(out[o].kind == ScalarOutcome.INFO for o in extra)
    assert tuple(out["bridging_share"].expected_range) == (0.0, 1.0)  # a share
    with pytest.raises(ValueError):  # a count: no upper bound
        out["professionals"].expected_range
