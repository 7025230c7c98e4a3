"""The regime effect taken apart (issue 13 item 3): groups, mixes, exact Shapley values."""

from __future__ import annotations

import subprocess
import sys
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from wijksim.experiments.decompose import (decomposition_table, plan_mixes, shapley_values)
from wijksim.model import WijkModel
from wijksim.scenario import ScenarioError, load_scenario
from wijksim.scenario.regimes import TERM_GROUPS, FundingTerms, funding_terms


def test_groups_cover_every_funding_term_once():
    fields = [f for g in TERM_GROUPS.values() for f in g]
    assert sorted(fields) == sorted(FundingTerms.__dataclass_fields__)


def test_mixes_of_tender_and_subsidy():
    base, other = load_scenario("tender_3y"), load_scenario("subsidy")
    groups, mixes = plan_mixes(base, other)
    # the two differ in every group but populatiebesteding's, where both are neutral
    assert groups == [g for g in TERM_GROUPS if g not in ("population_budget", "main_provider")]
    assert len(mixes) == 2 ** len(groups)
    assert len({m.scenario.name for m in mixes}) == len(mixes)
    assert funding_terms(mixes[0].scenario.values) == funding_terms(base.values)
    assert funding_terms(mixes[-1].scenario.values) == funding_terms(other.values)
    # one group switched: only that group's fields change
    one = next(m for m in mixes if m.groups == ("accountability",))
    t0, t1 = funding_terms(base.values), funding_terms(one.scenario.values)
    changed = {f for f in FundingTerms.__dataclass_fields__ if getattr(t0, f) != getattr(t1, f)}
    assert changed == set(TERM_GROUPS["accountability"])


def test_all_other_mix_runs_exactly_like_other():
    """Any terms written as a tender give the same wijk as the regime they came from."""
    _, mixes = plan_mixes(load_scenario("tender_3y"), load_scenario("subsidy"))
    a = WijkModel(mixes[-1].scenario, seed=4, residents=300, years=1).run()
    b = WijkModel("subsidy", seed=4, residents=300, years=1).run()
    pd.testing.assert_frame_equal(a, b)


def test_mixes_of_tender_and_populatiebesteding():
    """Three regimes: populatiebesteding against the baseline falls into term groups (at most
    six), its own terms in two groups of their own, and every mix is a valid scenario whose
    terms are exactly the chosen groups' (written as populatiebesteding when they need it)."""
    base, other = load_scenario("tender_3y"), load_scenario("populatiebesteding")
    groups, mixes = plan_mixes(base, other)
    assert {"population_budget", "main_provider"} <= set(groups)
    assert "resident_organisations" not in groups and len(groups) <= 6
    assert funding_terms(mixes[0].scenario.values) == funding_terms(base.values)
    assert funding_terms(mixes[-1].scenario.values) == funding_terms(other.values)
    for m in mixes:
        t0, t1 = funding_terms(base.values), funding_terms(m.scenario.values)
        changed = {f for f in FundingTerms.__dataclass_fields__
                   if getattr(t0, f) != getattr(t1, f)}
        assert changed <= {f for g in m.groups for f in TERM_GROUPS[g]}, m.groups
    one = next(m for m in mixes if m.groups == ("main_provider",))
    assert one.scenario.values["funding.regime"] == "populatiebesteding"
    only_tender = next(m for m in mixes if m.groups == ("accountability",))
    assert only_tender.scenario.values["funding.regime"] == "tender"


def test_all_other_populatie_mix_runs_exactly_like_populatiebesteding():
    _, mixes = plan_mixes(load_scenario("tender_3y"), load_scenario("populatiebesteding"))
    a = WijkModel(mixes[-1].scenario, seed=4, residents=300, years=1).run()
    b = WijkModel("populatiebesteding", seed=4, residents=300, years=1).run()
    pd.testing.assert_frame_equal(a, b)


def test_shapley_is_exact_on_a_known_game():
    groups = ["a", "b", "c"]
    # v(S) = 1*[a] + 2*[b] + 3*[a and c] : a and c share the interaction equally
    def v(s):
        return 1.0 * ("a" in s) + 2.0 * ("b" in s) + 3.0 * ("a" in s and "c" in s)
    value = {frozenset(c): v(set(c)) for k in range(4) for c in combinations(groups, k)}
    phi = shapley_values(value, groups)
    assert phi == pytest.approx({"a": 2.5, "b": 2.0, "c": 1.5})
    assert sum(phi.values()) == pytest.approx(value[frozenset(groups)] - value[frozenset()])


def test_table_parts_add_up_and_report_interaction():
    base, other = load_scenario("tender_3y"), load_scenario("subsidy")
    groups, mixes = plan_mixes(base, other)
    rng = np.random.default_rng(1)
    rows = []
    for seed in (1, 2, 3):
        noise = rng.normal()
        for m in mixes:
            # additive effects 1, 2, ... per group, plus 5 when the first two act together
            val = sum(i + 1 for i, g in enumerate(groups) if g in m.groups) + noise
            val += 5.0 * (groups[0] in m.groups and groups[1] in m.groups)
            rows.append({"label": m.scenario.name, "seed": seed, "trust": val})
    t = decomposition_table(pd.DataFrame(rows), base.name, groups, mixes, ["trust"])
    parts = t[t.part.isin(groups)]
    total = t[t.part == "total"].iloc[0]
    assert parts.shapley.sum() == pytest.approx(total.shapley)
    assert total.shapley == pytest.approx(sum(range(1, len(groups) + 1)) + 5.0)
    inter = t[t.part == "interaction"].iloc[0]
    assert inter.alone == pytest.approx(5.0)
    first = t[t.part == groups[0]].iloc[0]
    assert first.shapley == pytest.approx(1 + 2.5) and first.alone == pytest.approx(1.0)
    assert first.verdict == "material"  # no noise in differences: a zero-width interval


def test_same_scenario_twice_is_refused():
    with pytest.raises(ScenarioError, match="no difference"):
        plan_mixes(load_scenario("tender_3y"), load_scenario("tender_3y"))


def test_cli_unknown_scenario_exit_2(tmp_path):
    r = subprocess.run([sys.executable, "-m", "wijksim.cli", "decompose", "tender_3y",
                        "nosuch", "--out", str(tmp_path / "d")], capture_output=True,
                       text=True)
    assert r.returncode == 2, r.stderr
    assert "nosuch" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "d").exists()
