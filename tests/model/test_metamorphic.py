"""Metamorphic tests: relations between runs that pin down the model's logic without fixing
any outcome. Each would fail if the mechanism it covers were broken or if a regime effect were
written into the code directly. (Neutral tendering == subsidy: test_regime_rule.py; v = 1 means
nobody voices need, a = 1 means nobody helps: test_mechanisms.py.)"""

import numpy as np
import pytest

from tests.conftest import make_model

BASE = {"wijk.residents": 2500, "run.years": 2}


def mean_over(seeds, scenario="tender_3y", column=None, last_weeks=52, **kw):
    vals = []
    for seed in seeds:
        df = make_model(scenario, seed=seed, **{**BASE, **kw}).run()
        vals.append(df[column].iloc[-last_weeks:].mean())
    return np.array(vals)


def test_doubling_need_arrival_raises_hidden_need():          # ODD 7.1
    lo = mean_over(range(3), column="hidden_need_share", **{"needs.arrival_rate": 0.008})
    hi = mean_over(range(3), column="hidden_need_share", **{"needs.arrival_rate": 0.016})
    assert (hi > lo).all()


def test_an_open_hospitable_place_never_lowers_ties_nearby():  # ODD 7.2
    """Same wijk; in one copy a new hospitable Huis van de Wijk opens (the same seed)."""
    def ties_near(extra):
        per = [0.2, 0.067, 0.6, 0.8, extra]
        m = make_model(seed=5, **{**BASE, "places.per_1000": per, "run.burn_in_weeks": 26})
        m.run(52)
        return m
    without, with_ = ties_near(0.0), ties_near(0.4)
    huis = [pl for pl in with_.places if pl.kind == 4]
    assert huis
    near = np.zeros(with_.residents.n, dtype=bool)
    for pl in huis:
        near |= np.hypot(with_.residents.x - pl.x, with_.residents.y - pl.y) <= pl.reach
    assert with_.ties.strength[near].mean() >= without.ties.strength[near].mean()


def test_no_places_no_visits_and_less_cohesion():             # ODD 7.2
    m = make_model(seed=2, **BASE)
    for pl in m.places:
        pl.close("test")
    df = m.run(26)
    assert df["place_visits"].iloc[1:].sum() == 0
    ref = make_model(seed=2, **BASE).run(26)
    assert df["cohesion"].iloc[-1] < ref["cohesion"].iloc[-1]


def test_nobody_offers_or_helps_when_everyone_has_aanbodverlegenheid_one():  # ODD 7.3
    # a stays 1 only if nothing lowers it: no newcomers, no organised mutual help
    m = make_model(seed=3, **{**BASE, "help.norm_drift": 0.0, "help.disposition_pull": 0.0,
                              "wijk.moving_rate": 0.0, "wijk.senior_leave_rate": 0.0,
                              "initiatives.mutual_help": 0.0})
    m.residents.a[:] = 1.0
    m.residents.a0[:] = 1.0
    m.run(8)
    df = m.outcomes()
    assert df["help_offers"].iloc[1:].sum() == 0 and df["informal_helps"].iloc[1:].sum() == 0


def test_more_tender_overhead_never_raises_professional_hours():  # ODD 7.4, 7.6
    def hours(overhead):
        df = make_model(seed=4, **{**BASE, "run.years": 4,
                                   "funding.tender.overhead_share": overhead}).run()
        return (df["spend_casework"] + df["spend_community"]).sum()
    h = [hours(x) for x in (0.0, 0.1, 0.3)]
    assert h[0] >= h[1] >= h[2] and h[0] > h[2]


def test_staff_who_all_move_along_keep_their_wijkkennis():       # ODD 7.6
    """With full staff continuity, a lost tender costs no wijkkennis beyond the transition."""
    kw = {**BASE, "run.years": 4, "funding.tender.pre_tender_turnover": 0.0,
          "funding.tender.staff_moves": 1.0}
    lost = make_model(seed=6, **kw, **{"funding.tender.p_incumbent_loses": 1.0}).run()
    kept = make_model(seed=6, **kw, **{"funding.tender.p_incumbent_loses": 0.0}).run()
    after = lost["week"].between(157, 170)
    assert lost.loc[after, "wijkkennis"].mean() >= 0.9 * kept.loc[after, "wijkkennis"].mean()
    lost0 = make_model(seed=6, **{**kw, "funding.tender.staff_moves": 0.0,
                                  "funding.tender.p_incumbent_loses": 1.0}).run()
    assert lost0.loc[after, "wijkkennis"].mean() < 0.5 * kept.loc[after, "wijkkennis"].mean()


def test_no_budget_no_professionals_no_formal_help():           # ODD 7.4, 7.7
    df = make_model(seed=1, **{**BASE, "funding.budget_per_resident": 0.0}).run(30)
    assert df["professionals"].iloc[-1] == 0 and df["spend_casework"].sum() == 0


def test_without_initiatives_and_founding_nobody_is_a_member():  # ODD 7.5
    df = make_model(seed=1, **{**BASE, "initiatives.initial_per_1000": 0.0,
                               "initiatives.found_rate": 0.0,
                               "municipality.buurttop_every_years": 0}).run(30)
    assert df["volunteers"].max() == 0 and df["initiatives"].max() == 0


def test_more_corvee_never_leaves_more_volunteers():             # ODD 7.5
    """(Not 'more burnouts': heavy corvee empties initiatives, leaving fewer to burn out.)"""
    def volunteers(corvee):
        return mean_over(range(3), column="volunteers", last_weeks=104,
                         **{"initiatives.corvee_hours": corvee}).sum()
    assert volunteers(12.0) <= volunteers(4.0)


def test_a_budget_cut_never_adds_staff():                         # ODD 7.7
    kw = {**BASE, "run.years": 3}
    cut = make_model(seed=2, **kw, **{"municipality.budget_cut_year": 1,
                                      "municipality.budget_cut_share": 0.3}).run()
    ref = make_model(seed=2, **kw).run()
    assert (cut["professionals"].iloc[60:] <= ref["professionals"].iloc[60:] + 1e-9).all()


HEAT = {**BASE, "run.years": 2, "shocks.heatwave_year": 1, "shocks.heatwave_week": 20,
        "shocks.heatwave_weeks": 12}


# Seeds of both heat-wave tests: the size at which the unequal setting is shown to fail the
# check, so the equal-risk test runs at a size where it can fail. (After the calibration refit
# of issue 13 three seeds gave z = 2.4 on the unequal setting, short of 3.)
HEAT_SEEDS = range(1, 7)


def heat_harm_z(checked, unchecked, seeds=HEAT_SEEDS):
    """z of the difference in harm rate (harmed / at-risk weeks, pooled over seeds) between a
    wijk whose places are all closed and the same wijk with its places open.

    Closing the places leaves more seniors unreached; if being reached lowers the risk, the
    isolated wijk has a higher harm rate. A long heat wave (12 weeks) gives a few thousand
    at-risk weeks per arm, so a real difference shows as a large z."""
    counts = {}
    for isolate in (False, True):
        harmed = at_risk = 0.0
        for seed in seeds:
            m = make_model("heatwave", seed=seed, **{**HEAT, "shocks.heat_harm_checked": checked,
                                                     "shocks.heat_harm_unchecked": unchecked})
            if isolate:
                for pl in m.places:
                    pl.close("test")
            df = m.run()
            harmed += df["heat_harmed"].sum()
            at_risk += df["heat_at_risk"].sum()
        counts[isolate] = (harmed, at_risk)
    (h0, n0), (h1, n1) = counts[False], counts[True]
    pooled = (h0 + h1) / (n0 + n1)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1))
    return (h1 / n1 - h0 / n0) / se


def test_heat_harm_does_not_depend_on_being_reached_when_risks_are_equal():  # ODD 7.8
    """If being checked on did not lower the risk, ties and places would not matter: with equal
    risks the harm rate is the same whether the places are open or not (|z| < 3, over
    ``HEAT_SEEDS``)."""
    assert abs(heat_harm_z(0.05, 0.05)) < 3.0


def test_the_heat_check_fails_when_the_risks_are_unequal():       # ODD 7.8
    """The same check, at the same size (``HEAT_SEEDS``), on a deliberately unequal setting
    (the defaults' 0.01 vs 0.1) finds the difference, so the test above can fail. (A milder
    0.04 vs 0.08 is not resolved at this size: z = -0.5, measured.)"""
    assert heat_harm_z(0.01, 0.10) > 3.0


def test_longer_contracts_never_lower_wijkkennis():               # ODD 7.6
    """Re-tendering can only cost wijkkennis: 9-year contracts (no re-tender after week 0 in
    this run) keep at least the wijkkennis of 3-year contracts, on average over paired seeds.
    (Not seed by seed: once the terms differ the random paths part - staff turnover, hires -
    and after the calibration refit of issue 13 seed 2 had 0.685 against 0.712.)"""
    def wijkkennis(years):
        return mean_over(range(1, 7), column="wijkkennis", last_weeks=5 * 52,
                         **{"run.years": 6, "funding.tender.contract_years": years})
    gain = wijkkennis(9) - wijkkennis(3)
    assert gain.mean() > 0, gain


def test_selling_the_buurthuis_never_lowers_loneliness_nearby():  # ODD 7.2, 7.7
    """Seniors within reach of the buurthuis lose a place to meet when it is sold; their
    loneliness does not fall (same seeds, years 4-5 after a sale at the start of year 3)."""
    kw = {"run.years": 5, "last_weeks": 2 * 52, "column": "lonely_senior_near_buurthuis"}
    sold = mean_over(range(1, 4), scenario="buurthuis_sold", **kw)
    kept = mean_over(range(1, 4), scenario="tender_3y", **kw)
    assert sold.mean() >= kept.mean()


def test_more_paperwork_never_raises_contact_time():              # ODD 7.4, 7.6
    def contact_hours(admin):
        df = make_model(seed=4, **{**BASE, "run.years": 3,
                                   "funding.tender.admin_share": admin}).run()
        return (df["spend_casework"] + df["spend_community"]).sum()
    h = [contact_hours(x) for x in (0.1, 0.22, 0.4)]
    assert h[0] >= h[1] >= h[2] and h[0] > h[2]


def test_crisis_without_its_levers_changes_nothing():              # ODD 7.8
    kw = {**BASE, "shocks.crisis_offer_boost": 0.0, "shocks.crisis_need_boost": 1.0}
    a = make_model("crisis", seed=3, **kw).run()
    b = make_model("tender_3y", seed=3, **kw).run()
    assert a.equals(b)


def test_moving_away_never_raises_ties():                           # population
    stay = mean_over(range(2), column="ties_per_resident", **{"wijk.moving_rate": 0.0,
                                                              "wijk.senior_leave_rate": 0.0})
    move = mean_over(range(2), column="ties_per_resident", **{"wijk.moving_rate": 0.3})
    assert (stay >= move).all()
