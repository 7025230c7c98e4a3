"""The rule that a funding regime acts only through mechanisms (docs/ODD.md 7.6).

With neutral tendering terms (contracts longer than the run, no overhead, no output pressure,
full staff continuity, the subsidy's paperwork and budget split) tendering must be
indistinguishable from multi-year subsidy with the same budget on every recorded outcome. The
same holds for the third regime, populatiebesteding, with neutral terms (no population weight,
no spending freedom, no kept savings, no subcontractors, the subsidy's other terms). The
companion test runs the neutral test's own check, at its own size (N seeds per arm, the same
seeds), on tendering terms moved off neutral in one term, and finds resident outcomes that
differ: so the neutral test can fail on what residents experience.
"""

import ast
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from tests.conftest import make_model
from wijksim.scenario import load_scenario
from wijksim.scenario.regimes import neutral_populatie_overrides, neutral_tender_overrides

YEARS, RESIDENTS, N = 6, 2000, 8
MODEL_SRC = Path(__file__).parents[2] / "src" / "wijksim" / "model"


def end_values(scenario, seeds, **overrides):
    """Per run: every outcome averaged over the last year."""
    rows = []
    for seed in seeds:
        df = make_model(scenario, seed=seed, **{"wijk.residents": RESIDENTS,
                                               "run.years": YEARS, **overrides}).run()
        rows.append(df[df["week"] > (YEARS - 1) * 52].drop(columns=["week", "year"]).mean())
    return np.array(rows), list(rows[0].index)


ALPHA = 0.01  # family-wise, over ~60 outcomes: a 1% chance that identical processes 'differ'


def significant_outcomes(a, b, names, alpha=ALPHA):
    """Outcomes whose means differ (Welch t-test, Holm correction over all outcomes).

    The neutral and companion tests use this same decision rule. (With alpha 0.05 the seed
    sets 1-8 and 101-108 of the *same* scenario already differ on spend_community, p = 0.0005:
    an ordinary false positive among 60 outcomes.)"""
    pvals = []
    for k, name in enumerate(names):
        x, y = a[:, k], b[:, k]
        if np.allclose(x, x[0]) and np.allclose(y, y[0]):
            p = 1.0 if np.isclose(x[0], y[0]) else 0.0
        else:
            p = stats.ttest_ind(x, y, equal_var=False).pvalue
        pvals.append((p, name))
    pvals.sort()
    hits = []
    for rank, (p, name) in enumerate(pvals):
        if p > alpha / (len(pvals) - rank):
            break
        hits.append(name)
    return hits


def neutral_tender():
    sub = load_scenario("subsidy")
    return neutral_tender_overrides(sub.values, YEARS)


def neutral_populatie():
    sub = load_scenario("subsidy")
    return neutral_populatie_overrides(sub.values, YEARS)


NEUTRAL = {"tender": neutral_tender, "populatiebesteding": neutral_populatie}


@pytest.mark.slow
@pytest.mark.parametrize("regime", NEUTRAL)
def test_neutral_regime_is_indistinguishable_from_subsidy(regime):
    sub, names = end_values("subsidy", range(1, N + 1))
    neutral, _ = end_values("subsidy", range(101, N + 101), **NEUTRAL[regime]())
    assert significant_outcomes(sub, neutral, names) == []


# What residents experience: ties, barriers, needs, loneliness, trust, volunteering and help.
# Not the team's state (wijkkennis, tenure, staff counts) nor bookkeeping (hours, spending,
# budget, provider changes), which differ by construction when the terms differ.
RESIDENT_OUTCOMES = (
    "cohesion", "ties_per_resident", "good_ties", "share_connected", "clustering",
    "bridging_share", "neighbour_contact_weekly", "vraagverlegenheid", "aanbodverlegenheid",
    "vraagverlegenheid_in_need", "need_prevalence", "hidden_need_share", "unmet_share",
    "mean_need", "waiting_list", "escalations", "in_care", "lonely_share",
    "strongly_lonely_share", "lonely_senior_share", "lonely_senior_near_buurthuis", "trust",
    "prof_trust", "trusted_link_share", "initiatives", "volunteers", "help_requests",
    "help_offers", "informal_helps", "formal_requests", "volunteer_year_share",
    "volunteer_4wk_share", "informal_help_year_share")
# One term off neutral: accountability paperwork at the top of its plausible range (0.35 of
# professional hours, docs/scenario-keys.md) instead of the subsidy's 0.12.
OFF_NEUTRAL = {"funding.tender.admin_share": 0.35}


@pytest.mark.slow
def test_the_neutral_check_detects_a_resident_outcome_at_its_own_size():
    """The neutral test's check (same N, same seeds, Holm over every outcome) on neutral
    tendering with ``OFF_NEUTRAL`` finds resident outcomes that differ, so the neutral test
    can fail on what residents experience, not only on bookkeeping columns (hours, money).

    Measured (N = 8): informal helps p = 4.6e-7, trust p = 7.1e-7, prof_trust p = 1.3e-4 pass
    Holm's 0.01 / (number of outcomes). This is the size of effect the neutral test resolves.
    Smaller ones it does not: at N = 8 the re-tendering cycle of tender_3y alone (3-year
    contracts, incumbent loses 0.5, staff moves 0.4, pre-tender turnover 0.2) gave no hit
    (smallest resident p = 5.0e-4, trusted links), nor tender_3y's admin share 0.22 alone
    (3.2e-4, informal helps); the whole baseline bundle of tender_3y vs subsidy needed about
    40 seeds per arm to show in resident outcomes."""
    sub, names = end_values("subsidy", range(1, N + 1))
    off, _ = end_values("subsidy", range(101, N + 101), **{**neutral_tender(), **OFF_NEUTRAL})
    hits = significant_outcomes(sub, off, names)
    resident = [h for h in hits if h in RESIDENT_OUTCOMES]
    assert resident, f"no resident outcome differs (hits: {hits})"


@pytest.mark.parametrize("regime", NEUTRAL)
def test_neutral_regime_reproduces_subsidy_exactly_for_the_same_seed(regime):
    a = make_model("subsidy", seed=9, **{"run.years": 4}).run()
    b = make_model("subsidy", seed=9, **{"run.years": 4, **NEUTRAL[regime]()}).run()
    assert a.equals(b)


def test_populatiebesteding_differs_from_subsidy_only_through_its_terms():
    """The companion of the exact test: one populatiebesteding term away from neutral (the
    provider keeps its savings) and the same seed gives another wijk, so the equality above
    is not trivially true."""
    a = make_model("subsidy", seed=9, **{"run.years": 4}).run()
    b = make_model("subsidy", seed=9, **{"run.years": 4, **neutral_populatie(),
                                         "funding.populatiebesteding.spending_freedom": 1.0,
                                         "funding.populatiebesteding.savings_kept": 1.0,
                                         "prevention.response": 5.0}).run()
    assert not a.equals(b)


def test_the_model_never_reads_the_regime_name():
    """Only scenario/regimes.py may look at funding.regime; the model sees generic terms.
    Every module of the model counts, its compiled kernels and numerics included."""
    paths = sorted(MODEL_SRC.rglob("*.py"))
    assert {p.parent.name for p in paths} >= {"model", "kernels", "_numerics"}
    for path in paths:
        tree = ast.parse(path.read_text())
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef))
                      and ast.get_docstring(n) is not None}
        for node in ast.walk(tree):
            if id(node) in docstrings:
                continue
            if isinstance(node, ast.Attribute):
                assert node.attr != "regime", f"{path.relative_to(MODEL_SRC)}:{node.lineno}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert "funding.regime" not in node.value, f"{path.relative_to(MODEL_SRC)}:{node.lineno}"
                for section in ("funding.tender", "funding.subsidy",
                                "funding.populatiebesteding"):
                    assert section not in node.value, f"{path.relative_to(MODEL_SRC)}:{node.lineno}"
                assert node.value != "populatiebesteding", f"{path.relative_to(MODEL_SRC)}:{node.lineno}"
