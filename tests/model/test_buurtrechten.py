"""Buurtrechten and burgercollectieven (docs/ODD.md 7.11-7.12): each right acts only when it
is on, only through initiatives, and the metamorphic relations of issue 17 hold."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from wijksim import WijkModel
from wijksim.model import buurtrechten, collectives
from wijksim.model.initiatives import (GENERIC, WIJKCOOPERATIE, ZORGCOOPERATIE,
                                       start_initiative, unfunded_end_rate)
from wijksim.model.places import COMMUNITY
from wijksim.model.professionals import OPBOUWWERKER

# a wijk of 2000 (600 affords no buurthuis) built at week 0: mechanism tests, not results
SMALL = {"residents": 2000, "run.burn_in_weeks": 0}
ALL_RIGHTS = {"buurtrechten.buildings": True, "buurtrechten.challenge": True,
              "buurtrechten.challenge_task": "buurthuis", "buurtrechten.wijkfonds": True,
              "buurtrechten.wijkfonds_share": 0.5, "buurtrechten.planning": True}
NO_INITIATIVES = {"initiatives.initial_per_1000": 0.0, "initiatives.found_rate": 0.0}
# collectives that form quickly in a small wijk and may challenge at once
EAGER = {"collectives.enabled": True, "collectives.found_rate": [0.02, 0.02, 0.02],
         "collectives.min_founding_ties": 1, "initiatives.min_members": 1,
         "buurtrechten.challenge_maturity_years": 0,
         "buurtrechten.challenge_min_members": 1, "buurtrechten.challenge_success": 1.0,
         "buurtrechten.compete_with_companies": 0.0}


def run(years=2, seed=3, **over):
    m = WijkModel(None, seed=seed, years=years, **SMALL, **over)
    return m, m.run()


def kinds_of_events(m) -> set:
    ev = m.events_frame()
    return set(ev["kind"]) if len(ev) else set()


def test_rights_change_nothing_when_no_initiative_exists():
    """Every right acts through initiatives: a wijk without any gives identical results with
    every right on (and the municipality's budget shaken by a cut) as with every right off."""
    cut = {"municipality.budget_cut_year": 1, "municipality.budget_cut_share": 0.4}
    _, off = run(**NO_INITIATIVES, **cut)
    m, on = run(**NO_INITIATIVES, **cut, **ALL_RIGHTS)
    pd.testing.assert_frame_equal(on, off, check_exact=True)
    assert m.fonds.paid_in["municipality"] > 0  # the fonds was filled, and nobody to fund


def test_stance_changes_nothing_without_collectives():
    """The municipality's stance acts on burgercollectieven only: with none founded, any
    stance gives the status-quo run exactly."""
    _, base = run()
    _, stance = run(**{"collectives.recognition": 1.0, "collectives.steady_support": 1.0,
                       "collectives.hurdles": 0.0})
    pd.testing.assert_frame_equal(stance, base, check_exact=True)


def test_right_to_buildings_acts_only_when_on():
    # bids, and first refusal when a budget cut closes the buurthuis in year 1
    eager = {"buurtrechten.buildings_members": 1, "buurtrechten.buildings_bid_rate": 1.0,
             "initiatives.initial_per_1000": 4.0, "initiatives.min_members": 1,
             "municipality.budget_cut_year": 1, "municipality.budget_cut_share": 0.6}
    off, _ = run(**eager)
    on, _ = run(**eager, **{"buurtrechten.buildings": True})
    assert "transfer" not in kinds_of_events(off)
    assert "transfer" in kinds_of_events(on)
    assert any(i.building for i in on.initiatives) or \
        any(pl.ownership == COMMUNITY for pl in on.places)


def test_right_to_challenge_acts_only_when_on():
    task = {"buurtrechten.challenge_task": "community_work"}
    off, _ = run(years=3, **EAGER, **task)
    on, _ = run(years=3, **EAGER, **task, **{"buurtrechten.challenge": True})
    assert not kinds_of_events(off) & {"challenge_won", "challenge_lost"}
    assert "challenge_won" in kinds_of_events(on)
    assert all(i.task == "none" for i in off.initiatives)


def test_community_work_contract_moves_fte_to_resident_jobs():
    """While a collective holds part of the community work, the municipality funds fewer
    opbouwwerker FTE and the collective's employed residents give support hours."""
    over = {**EAGER, "buurtrechten.challenge_task": "community_work"}
    base = WijkModel(None, seed=3, years=3, **SMALL, **over)
    m = WijkModel(None, seed=3, years=3, **SMALL, **over, **{"buurtrechten.challenge": True})
    seen = False
    while m.running:
        m.step()
        base.step()
        if m.week % 52 == 1 and buurtrechten.task_support_hours(m, 0.0) > 0:
            seen = True
            assert m.municipality.staff_target[OPBOUWWERKER] < \
                base.municipality.staff_target[OPBOUWWERKER]
    assert seen, "no collective held the community work at the start of a year"


def test_wijkfonds_acts_only_when_on():
    rich = {"initiatives.initial_per_1000": 8.0}  # enough unfunded initiatives to apply
    off, _ = run(years=3, **rich)
    on, _ = run(years=3, **rich, **{"buurtrechten.wijkfonds": True,
                                    "buurtrechten.wijkfonds_share": 0.8})
    assert off.fonds.paid_in["municipality"] == 0 and off.fonds.grants == 0
    assert on.fonds.paid_in["municipality"] > 0 and on.fonds.grants > 0
    assert "wijkfonds" in kinds_of_events(on) and "wijkfonds" not in kinds_of_events(off)


def test_planning_acts_only_when_on():
    m = WijkModel(None, seed=3, years=1, **SMALL, **{"initiatives.initial_per_1000": 4.0,
                                                     "buurtrechten.planning_min_members": 3})
    homes = [i for i in m.initiatives if i.place >= 0 and i.size >= 3]
    assert homes, "a home place with an initiative of 3 or more is needed for this test"
    place = m.places[homes[0].place]
    assert not buurtrechten.defended(m, place)
    m.change_policy({"buurtrechten.planning": True})
    assert buurtrechten.defended(m, place)


def test_a_collective_keeps_the_buurthuis_open_at_least_as_long_as_the_municipality():
    """A budget cut closes places; a buurthuis under a task contract stays open for the
    contract's term, and falls back to the municipality (not closed) if the collective
    stops. Compared per buurthuis with the same wijk where the municipality ran it."""
    cut = {"municipality.budget_cut_year": 2, "municipality.budget_cut_share": 0.6,
           "places.per_1000": [1.0, 0.067, 0.6, 0.8, 0.0]}
    # a collective that does not burn out at once (light corvee), so the contract is tested
    light = {"buurtrechten.challenge_corvee_hours": 0.0, "collectives.hurdles": 0.0,
             "collectives.steady_support": 1.0, "collectives.corvee_factor": [0.1, 0.1, 0.1]}
    setting = {**cut, **EAGER, **light, "buurtrechten.challenge_task": "buurthuis",
               "buurtrechten.challenge_contract_years": 4}
    municipal = WijkModel(None, seed=4, years=4, **SMALL, **setting)
    residents = WijkModel(None, seed=4, years=4, **SMALL,
                          **{**setting, "buurtrechten.challenge": True})
    open_weeks = {}
    for name, m in (("municipal", municipal), ("residents", residents)):
        weeks = np.zeros(len(m.places), dtype=int)
        promised: dict[int, int] = {}  # place -> the end week of its first contract
        while m.running:
            m.step()
            weeks += [pl.open for pl in m.places]
            for pl in m.places:
                if pl.contract_until >= 0:
                    promised.setdefault(pl.index, pl.contract_until)
            for k, until in promised.items():  # open for the whole term, as promised
                assert m.week > until or m.places[k].open, (name, k, m.week)
        open_weeks[name] = (weeks, set(promised))
    taken = open_weeks["residents"][1]
    assert taken, "no buurthuis was taken over: the test needs a contract"
    closed_municipal = [k for k in taken
                        if open_weeks["municipal"][0][k] < open_weeks["municipal"][0].max()]
    assert closed_municipal, "the cut closed none of these buurthuizen: the test cannot fail"
    for k in taken:
        assert open_weeks["residents"][0][k] >= open_weeks["municipal"][0][k], k


def test_stronger_support_does_not_lower_a_collectives_survival():
    """Steady support lowers a collective's corvee and its weekly chance to end unfunded, for
    every kind; it does not touch generic initiatives."""
    m = WijkModel(None, seed=3, years=1, **SMALL, **{"collectives.enabled": True})
    founder = int(np.argmax(m.residents.engagement))
    m.residents.initiative[founder] = -1
    coop = start_initiative(m, founder, kind=ZORGCOOPERATIE)
    generic = [i for i in m.initiatives if i.kind < GENERIC]
    rates, corvee, generic_rates = [], [], []
    for support in (0.0, 0.25, 0.5, 0.75, 1.0):
        m.change_policy({"collectives.steady_support": support}, log=False)
        rates.append(unfunded_end_rate(m, coop))
        corvee.append(coop.extra_corvee)
        generic_rates.append([unfunded_end_rate(m, i) for i in generic])
    assert all(a >= b for a, b in zip(rates, rates[1:])) and rates[0] > rates[-1]
    assert all(a >= b for a, b in zip(corvee, corvee[1:])) and corvee[0] > corvee[-1]
    assert all(g == generic_rates[0] for g in generic_rates)


@pytest.mark.slow
def test_stronger_support_does_not_lower_survival_in_runs():
    """Over a few seeds, collectives under full steady support live at least as many
    collective-weeks as without support."""
    alive = {}
    for support in (0.0, 1.0):
        total = 0
        for seed in (1, 2, 3):
            m = WijkModel(None, seed=seed, years=3, **SMALL, **EAGER,
                          **{"collectives.steady_support": support})
            while m.running:
                m.step()
                total += len(collectives.collectives_of(m))
        alive[support] = total
    assert alive[1.0] >= alive[0.0], alive


def test_zorgcooperatie_members_vraagverlegenheid_not_higher_than_without():
    """The week's care among members never raises a member's v; with care switched off
    (rate and drop 0) the same week leaves v as it was."""
    m = WijkModel(None, seed=3, years=1, **SMALL, **{"collectives.enabled": True})
    r = m.residents
    founder = int(np.argmax(r.engagement))
    r.initiative[founder] = -1
    coop = start_initiative(m, founder, kind=ZORGCOOPERATIE)
    free = np.flatnonzero(r.initiative < 0)[:10]
    r.initiative[free] = coop.unique_id  # members enough to look after each other
    mem = coop.members()
    r.need[mem] = 1.0  # everyone has an open problem
    r.status[mem] = 1
    without = copy.deepcopy(m)
    without.change_policy({"collectives.care_v_drop": 0.0, "collectives.care_help_rate": 0.0},
                          log=False)
    before = r.v[mem].copy()
    collectives.care_for_each_other(m, [coop])
    collectives.care_for_each_other(without, [i for i in without.initiatives
                                              if i.kind == ZORGCOOPERATIE])
    assert np.all(r.v[mem] <= before)
    assert np.all(r.v[mem] <= without.residents.v[mem])
    assert np.array_equal(without.residents.v[mem], before)
    assert r.v[mem].mean() < before.mean()


def test_recognition_and_hurdles_move_founding_the_right_way():
    m = WijkModel(None, seed=3, years=1, **SMALL)
    chances = []
    for rec, hur in ((0.0, 1.0), (0.5, 0.5), (1.0, 0.0)):
        m.change_policy({"collectives.recognition": rec, "collectives.hurdles": hur}, log=False)
        chances.append(collectives.founding_chance(m, WIJKCOOPERATIE))
    assert chances[0] < chances[1] < chances[2]


def test_competing_with_companies_lowers_the_chance_of_a_bid():
    m = WijkModel(None, seed=3, years=1, **SMALL)
    chances = []
    for compete in (0.0, 0.5, 1.0):
        m.change_policy({"buurtrechten.compete_with_companies": compete}, log=False)
        chances.append(buurtrechten.win_chance(m))
    assert chances[0] > chances[1] > chances[2] >= 0


@pytest.mark.parametrize("kind", ["wijkcooperatie", "energiecooperatie", "zorgcooperatie"])
def test_each_kind_of_collective_is_founded_when_enabled_only(kind):
    off, _ = run(**{**EAGER, "collectives.enabled": False})
    on, _ = run(**EAGER)
    assert not any(i.kind_name == kind for i in off.initiatives)
    ev = on.events_frame()
    assert (ev["kind"] == "collective_founded").any()
    assert ev["text"].str.startswith(kind).any()
