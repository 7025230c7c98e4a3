"""Numerical health of long and large runs: 50 years, 50,000 residents, and every lever at
the edge of its range. No NaN or infinity anywhere in resident state or outcomes, no negative
counts, no share drifting out of [0, 1], symmetric ties, money within budget (the checks of
test_invariants, applied where rounding and saturation would show up)."""

import numpy as np
import pytest

from wijksim import WijkModel
from wijksim.scenario import KEYS, load_scenario

from .test_invariants import check_outcomes, check_state


def check_finite(m: WijkModel) -> None:
    """Every numeric array of resident state is finite."""
    for name, arr in vars(m.residents).items():
        if isinstance(arr, np.ndarray) and arr.dtype.kind == "f":
            assert np.isfinite(arr).all(), name


def run_checked(m: WijkModel, every: int = 52) -> None:
    check_state(m)
    check_finite(m)
    while m.running:
        m.step()
        if m.week % every == 0:
            check_state(m)
            check_finite(m)
    check_state(m)
    check_finite(m)
    check_outcomes(m.outcomes())


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["tender_3y", "subsidy_netwerkberaad", "budget_cut"])
def test_fifty_year_runs_stay_healthy(scenario):
    m = WijkModel(scenario, seed=7, **{"wijk.residents": 2000, "run.years": 50})
    run_checked(m)
    df = m.outcomes()
    assert len(df) == 50 * 52 + 1 and df["week"].is_monotonic_increasing
    # no slow drift: once settled, the fourth and fifth decades look like the second
    decade = df["week"] // 520
    for col in ("cohesion", "trust", "vraagverlegenheid", "bridging_share"):
        settled, late = df.loc[decade == 1, col].mean(), df.loc[decade >= 3, col].mean()
        assert late == pytest.approx(settled, rel=0.25), (col, settled, late)


@pytest.mark.slow
def test_fifty_thousand_residents_stay_healthy():
    m = WijkModel("tender_3y", seed=3, **{"wijk.residents": 50_000, "run.years": 2,
                                          "run.burn_in_weeks": 26})
    run_checked(m, every=26)
    assert m.residents.n == 50_000


def _edge_values(side: str, regime: str) -> dict:
    """Every numeric lever at the low or the high end of its range, added one by one and
    kept where the loader accepts it (it refuses contradictions such as more volunteers than
    residents - that is its job); run length and size kept small."""
    from wijksim.scenario import ScenarioError

    vals = {"funding.regime": regime}
    for key, spec in sorted(KEYS.items()):
        if spec.lo is None or spec.type not in (int, float) or key.startswith(("run.", "wijk.")):
            continue
        trial = {**vals, key: spec.type(spec.lo if side == "low" else spec.hi)}
        try:
            load_scenario(None, overrides=trial)
        except ScenarioError:
            continue
        vals = trial
    return vals


@pytest.mark.slow
@pytest.mark.parametrize("side", ["low", "high"])
@pytest.mark.parametrize("regime", ["tender", "subsidy"])
def test_every_lever_at_the_edge_of_its_range(side, regime):
    vals = _edge_values(side, regime)
    assert len(vals) > 100  # nearly every lever is at its edge
    m = WijkModel(None, seed=11, **vals, **{"wijk.residents": 1500, "run.years": 4,
                                             "run.burn_in_weeks": 8})
    run_checked(m, every=13)
