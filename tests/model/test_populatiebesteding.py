"""Populatiebesteding, the third regime (issue 17, docs/ODD.md 7.6): metamorphic tests of its
mechanisms. Each compares runs with the same seed that differ in one key, so the ordering
follows from the mechanism, not from noise: a heavier population weight raises the budget of a
wijk heavier than the reference; a provider that keeps its savings moves money toward
prevention (opbouwwerk), never away; coordinating subcontractors costs overhead and staff money.
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from tests.conftest import make_model
from wijksim.model.funding import prevention_share
from wijksim.scenario.regimes import FundingTerms

Q = "funding.populatiebesteding."
YEARS = 2


def first_budget(**overrides) -> tuple[float, float]:
    """The year-0 budget and the wijk's zwaarte, under populatiebesteding."""
    m = make_model("populatiebesteding", seed=3, **{"run.years": 1, **overrides})
    m.step()  # week 0: the scenario's terms and the first allocation
    return m.municipality.year_budget, m.municipality.zwaarte()


def test_a_bigger_population_weight_raises_the_budget_of_a_heavy_wijk():
    _, z = first_budget()
    heavy = {Q + "reference_vulnerability": round(z * 0.8, 4)}  # the wijk is 25 % heavier
    budgets = [first_budget(**heavy, **{Q + "population_weight": w})[0]
               for w in (0.0, 0.5, 1.0, 2.0)]
    assert budgets == sorted(budgets) and budgets[0] < budgets[-1], budgets
    flat = make_model("tender_3y", seed=3, **{"run.years": 1})
    flat.step()
    assert budgets[0] == flat.municipality.year_budget  # weight 0: the flat budget exactly
    assert budgets[2] == pytest.approx(budgets[0] * z / heavy[Q + "reference_vulnerability"])


def test_a_bigger_population_weight_lowers_the_budget_of_a_light_wijk():
    _, z = first_budget()
    light = {Q + "reference_vulnerability": round(z * 1.25, 4)}
    low, high = (first_budget(**light, **{Q + "population_weight": w})[0] for w in (0.2, 1.5))
    assert high < low


def stake(k, f, care, budget=1e6, share=0.25, response=1.0, cap=0.5):
    model = SimpleNamespace(
        terms=FundingTerms(52, 0.0, 1.0, 0, 1.0, 0.0, 0.0, 0.0, 0.1, 0.03, False, 1,
                           spending_freedom=f, savings_kept=k),
        p=SimpleNamespace(prevention=SimpleNamespace(response=response,
                                                     max_opbouwwerker_share=cap)))
    return prevention_share(model, share, care, budget)


def test_the_prevention_rule_never_moves_away_from_prevention():
    """Over a grid of kept shares, freedoms and care costs: the share never falls below the
    municipality's, rises with the kept share and the freedom, stays at the municipality's
    without one of them, and never passes the cap."""
    ks, fs, cares = (0.0, 0.1, 0.5, 1.0), (0.0, 0.3, 1.0), (0.0, 5e4, 2e5, 5e6)
    for k, f, care in itertools.product(ks, fs, cares):
        s = stake(k, f, care)
        assert 0.25 <= s <= 0.5
        if k == 0 or f == 0 or care == 0:
            assert s == 0.25
    for f, care in itertools.product(fs, cares):
        assert [stake(k, f, care) for k in ks] == sorted(stake(k, f, care) for k in ks)
    for k, care in itertools.product(ks, cares):
        assert [stake(k, f, care) for f in fs] == sorted(stake(k, f, care) for f in fs)
    assert stake(0.5, 1.0, 2e5) == pytest.approx(0.25 + 0.5 * 2e5 / 1e6)


def run(**overrides):
    """A wijk big enough for a team of a few professionals (600 residents fund about one)."""
    m = make_model("populatiebesteding", seed=7, **{"run.years": YEARS,
                                                    "wijk.residents": 2000, **overrides})
    df = m.run()
    return m, df.assign(year=df.week // 52)


def test_keeping_savings_shifts_hours_toward_prevention():
    """The same wijk with and without a stake in savings: with it, the provider funds more
    opbouwwerk every year (never less) and its staff spend more hours on collective work."""
    m0, none = run(**{Q + "savings_kept": 0.0})
    m1, kept = run(**{Q + "savings_kept": 1.0, "prevention.response": 3.0})
    assert m0.municipality.opbouwwerk_share == m0.p.professionals.opbouwwerker_share
    assert m1.municipality.opbouwwerk_share > m0.municipality.opbouwwerk_share
    assert (kept.groupby("year").opbouwwerkers.mean()
            >= none.groupby("year").opbouwwerkers.mean()).all()
    share = lambda df: df.spend_community.sum() / (df.spend_casework.sum()  # noqa: E731
                                                   + df.spend_community.sum())
    assert share(kept) > share(none)
    assert kept.spend_casework.sum() < none.spend_casework.sum()


def test_coordination_costs_overhead_and_staff_money():
    """Positive coordination cost against none, same seed: more overhead, less staff money,
    and the overhead is exactly the reserved share of the budget."""
    m0, free = run(**{Q + "coordination_share": 0.0})
    m1, costly = run(**{Q + "coordination_share": 0.05, Q + "subcontractors": 3})
    staff = lambda df: df[["spend_casework", "spend_community", "spend_admin",  # noqa: E731
                           "spend_idle"]].sum().sum()
    assert costly.spend_overhead.sum() > free.spend_overhead.sum()
    assert staff(costly) < staff(free)
    assert costly.spend_overhead.sum() - free.spend_overhead.sum() == pytest.approx(
        (0.15 * costly.budget_year / 52).iloc[1:].sum(), rel=1e-9)  # 1/52 of it a week
    # (the first row is the wijk as it starts, before a week is booked)


def test_a_file_with_this_regime_must_set_its_population_keys(tmp_path):
    """The keys no default can know: required in a file that uses the regime (directly, by a
    switch, or inherited from a file that sets them), not when they are inherited."""
    from wijksim.scenario import ScenarioError, load_scenario

    switch = tmp_path / "switch.toml"
    switch.write_text('extends = "tender_3y"\n[funding]\nswitch_year = 3\n'
                      'switch_to = "populatiebesteding"\n')
    with pytest.raises(ScenarioError, match="funding.switch_to = \"populatiebesteding\" needs"):
        load_scenario(switch)
    switch.write_text(switch.read_text() + "[funding.populatiebesteding]\n"
                      "population_weight = 0.5\nreference_vulnerability = 0.3\n")
    assert load_scenario(switch)["funding.switch_to"] == "populatiebesteding"
    child = tmp_path / "child.toml"
    child.write_text('extends = "populatiebesteding"\n[funding.populatiebesteding]\n'
                     "subcontractors = 4\n")
    assert load_scenario(child)["funding.populatiebesteding.population_weight"] == 1.0
