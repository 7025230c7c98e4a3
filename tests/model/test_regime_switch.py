"""A policy changes mid-run (issue 16): ``funding.switch_year`` in a scenario file, and
``WijkModel.change_policy`` behind the app's levers. Same seed: the history up to the switch is
identical to the run without it; after it the terms, and so the wijk, differ."""

import pandas as pd
import pytest

from tests.conftest import make_model
from wijksim.scenario import ScenarioError, load_scenario

RUN = {"wijk.residents": 600, "run.years": 3, "run.burn_in_weeks": 26}


def _events(m):
    return [(e["week"], e["kind"], e["text"]) for e in m.events]


def test_scheduled_switch_keeps_history_until_the_switch_and_changes_it_after():
    plain = make_model("tender_3y", seed=3, **RUN)
    switched = make_model("tender_3y", seed=3, **RUN, **{"funding.switch_year": 2,
                                                         "funding.switch_to": "subsidy"})
    a, b = plain.run(), switched.run()
    before = a["week"] <= 104  # weeks 0..103 simulated before the switch (row 104 = end of 103)
    pd.testing.assert_frame_equal(a[before], b[before], check_exact=True)
    assert [e for e in _events(plain) if e[0] < 104] == [e for e in _events(switched)
                                                         if e[0] < 104]
    assert (104, "regime_switch", "funding switched to subsidy") in _events(switched)
    # the subsidy's first period starts at the switch: no renewal in the week of the switch
    assert not any(e[0] == 104 and e[1] in ("renewal", "tender_won", "tender_lost")
                   for e in _events(switched))
    assert switched.funding.period_start == 104
    assert not any(e[1] == "regime_switch" for e in _events(plain))
    assert switched.terms.p_provider_change == 0.0 and plain.terms.p_provider_change > 0
    # the subsidy's admin share frees hours: casework/collective time differs after the switch
    assert not a[~before].equals(b[~before])


def test_switch_to_the_same_regime_is_refused_with_a_message():
    with pytest.raises(ScenarioError) as err:
        load_scenario("subsidy", overrides={"funding.switch_year": 2,
                                            "funding.switch_to": "subsidy"})
    assert "funding.switch_to" in str(err.value)


def test_switch_year_leaves_hash_of_scenarios_without_it_alone():
    """The default means 'no switch': the key exists but changes no shipped run (the
    reference runs test that exactly); setting it changes the hash."""
    base = load_scenario("tender_3y")
    assert base["funding.switch_year"] == 0
    assert base.with_overrides({"funding.switch_year": 2}).hash != base.hash


def test_change_policy_acts_from_the_next_week_in_the_same_wijk():
    m1 = make_model("tender_3y", seed=4, **RUN)
    m2 = make_model("tender_3y", seed=4, **RUN)
    m1.run(30)
    m2.run(30)
    changed = m2.change_policy({"funding.regime": "subsidy",
                                "funding.budget_per_resident": 240.0}, "switch to subsidy")
    assert changed == {"funding.regime": "subsidy", "funding.budget_per_resident": 240.0}
    assert m2.events[-1]["kind"] == "policy_change" and m2.events[-1]["week"] == 30
    assert m2.terms.p_provider_change == 0.0
    pd.testing.assert_frame_equal(m1.outcomes(), m2.outcomes(), check_exact=True)
    m1.run(20)
    m2.run(20)
    assert m2.outcomes()["professionals"].iloc[-1] > m1.outcomes()["professionals"].iloc[-1]
    assert m2.change_policy({"funding.regime": "subsidy"}) == {}  # nothing new: no event
    assert m2.events[-1]["week"] == 30


def test_change_policy_refuses_what_shapes_the_built_wijk():
    m = make_model("tender_3y", seed=4, **RUN)
    with pytest.raises(ValueError, match="places.per_1000"):
        m.change_policy({"places.per_1000": [0.0, 0.0, 0.0, 0.0, 0.0]})
    with pytest.raises(ScenarioError):
        m.change_policy({"funding.budget_per_resident": -5.0})


def test_a_switch_on_the_old_rhythm_starts_a_new_period_instead_of_a_renewal():
    """Switching in year 4 to a 4-year subsidy: week 208 is a renewal week of the old rhythm
    (208 = 4 x 52); the subsidy's first period runs from the switch, so no renewal then.
    (Before take_terms, this run logged 'multi-year funding renewed' in week 208.)"""
    m = make_model("tender_3y", seed=3, **{**RUN, "run.years": 5, "funding.switch_year": 4})
    m.run()
    at_switch = [e[1] for e in _events(m) if e[0] == 208]
    assert "regime_switch" in at_switch and "renewal" not in at_switch
