"""Invariants of the model under random scenarios (hypothesis): shares in [0, 1], no negative
need, symmetric ties, spending within budget, agents conserved."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijksim import WijkModel
from wijksim.model.outcome_names import OUTCOMES
from wijksim.model.professionals import Professional
from wijksim.model.residents import CASE, NO_NEED, Resident
from wijksim.model.tietable import is_symmetric

SHARES = [k for k in OUTCOMES if k.endswith("_share") or k in (
    "vraagverlegenheid", "aanbodverlegenheid", "trust", "prof_trust", "wijkkennis",
    "bridging_share", "clustering", "beraad_skill")]

scenarios = st.fixed_dictionaries({
    "wijk.residents": st.integers(150, 700),
    "run.years": st.integers(1, 3),
    "run.burn_in_weeks": st.integers(0, 12),
    "funding.regime": st.sampled_from(["tender", "subsidy"]),
    "funding.tender.contract_years": st.integers(1, 3),
    "funding.tender.p_incumbent_loses": st.floats(0, 1),
    "funding.tender.staff_moves": st.floats(0, 1),
    "funding.tender.overhead_share": st.floats(0, 0.3),
    "funding.subsidy.period_years": st.integers(1, 3),
    "funding.budget_per_resident": st.floats(20, 500),
    "wijk.homophily": st.floats(0, 1),
    "wijk.moving_rate": st.floats(0, 0.5),
    "help.norm_drift": st.floats(0, 1),
    "needs.arrival_rate": st.floats(0, 0.2),
    "netwerkberaad.enabled": st.booleans(),
    "municipality.buurttop_every_years": st.integers(0, 1),
    "municipality.sell_buurthuis_year": st.integers(0, 2),
    "shocks.crisis_year": st.integers(0, 2),
    "shocks.heatwave_year": st.integers(0, 2),
    "initiatives.corvee_hours": st.floats(0, 30),
})


def check_state(m: WijkModel) -> None:
    r = m.residents
    for name in ("v", "a", "trust", "prof_trust", "engagement"):
        arr = getattr(r, name)
        assert np.all((arr >= 0) & (arr <= 1)), name
    assert np.all(r.need >= 0)
    assert np.all(r.need[r.status == NO_NEED] == 0)
    assert is_symmetric(r.nbr, r.w)
    live = r.nbr >= 0
    assert np.all((r.w[live] > 0) & (r.w[live] <= 1)) and np.all(r.w[~live] == 0)
    rows = np.sort(np.where(live, r.nbr, -1 - np.arange(r.nbr.shape[1])), axis=1)
    assert not np.any(rows[:, 1:] == rows[:, :-1])  # nobody is tied twice to the same person
    uids = {p.unique_id for p in m.team.members}
    assert set(r.case_prof[r.status == CASE]) <= uids
    # agents conserved: every resident is an agent, every professional is registered
    assert len(m.agents_by_type[Resident]) == r.n
    registered = set(m.agents_by_type[Professional]) if Professional in m.agents_by_type else set()
    assert registered == set(m.team.members)


def check_outcomes(df) -> None:
    for col in SHARES:
        assert df[col].between(0, 1).all(), col
    assert (df.drop(columns=["week", "year"]) >= 0).all().all()
    assert np.isfinite(df.drop(columns=["week", "year"]).to_numpy()).all()
    # spending within each budget year (rows labelled week w+1 describe week w)
    spent = df[df["week"] > 0].assign(budget_year_index=lambda d: (d["week"] - 1) // 52)
    per_year = spent.groupby("budget_year_index").agg(spent=("spend_total", "sum"),
                                                      budget=("budget_year", "max"))
    assert (per_year["spent"] <= per_year["budget"] * (1 + 1e-9)).all(), per_year


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=scenarios, seed=st.integers(0, 2**31 - 1))
def test_invariants_hold_in_random_scenarios(values, seed):
    m = WijkModel(None, seed=seed, **values)
    check_state(m)
    n_places = len(m.places)
    while m.running:
        m.step()
        if m.week % 13 == 0:
            check_state(m)
    check_state(m)
    check_outcomes(m.outcomes())
    assert len(m.places) == n_places
    assert len(m.outcomes()) == values["run.years"] * 52 + 1
