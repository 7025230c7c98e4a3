"""Verdicts follow the numbers (issue 13 item 6): the text of a pattern is generated from its
intervals, and the rule is stated before the runs."""

from types import SimpleNamespace

import numpy as np
import pandas as pd

from wijksim.analysis import validation as val
from wijksim.analysis.materiality import THRESHOLDS


def crisis_ticks(offer_factor, request_factor, seeds=range(1, 6)):
    rng = np.random.default_rng(0)
    start = 3 * 52 + 10
    rows = []
    for label in ("tender_3y", "crisis"):
        for seed in seeds:
            for week in range(0, 6 * 52):
                on = label == "crisis" and start < week <= start + 26
                noise = rng.normal(1.0, 0.02)
                rows.append({"label": label, "seed": seed, "week": week,
                             "help_offers": 200 * noise * (offer_factor if on else 1.0),
                             "help_requests": 100 * noise * (request_factor if on else 1.0)})
    return SimpleNamespace(ticks=pd.DataFrame(rows))


def test_crisis_text_follows_the_numbers(tmp_path):
    # offers and requests both double: the mechanism acts, the pattern does not emerge
    r = val.crisis(crisis_ticks(2.0, 2.0), tmp_path)
    assert r.verdict == val.FAILS
    assert "the mechanism acts as described, the pattern does not emerge" in r.reading
    assert "rise from" not in r.reading
    # only offers rise: the ratio rises during the crisis
    r = val.crisis(crisis_ticks(1.5, 1.0), tmp_path)
    assert r.verdict == val.PARTLY and "ratio rises" in r.reading


def test_every_pattern_has_a_rule_stated():
    assert set(val.RULES) == set(val.PATTERNS)
    assert all(len(rule) > 40 for rule in val.RULES.values())


def heat_ticks(harm_many, unreached_many, spread, seeds=range(1, 6)):
    """Three heat-wave scenarios; 'many places' has the given harm and unreached counts per
    week (few and default: 10 and 40), with seed-to-seed noise of ``spread``."""
    rng = np.random.default_rng(1)
    rows = []
    for label, harm, unreached in (("heatwave_fewer_places", 10.0, 40.0), ("heatwave", 10.0, 40.0),
                                   ("heatwave_more_places", harm_many, unreached_many)):
        for seed in seeds:
            for week in range(10):
                rows.append({"label": label, "seed": seed, "week": week, "heat_at_risk": 100.0,
                             "heat_harmed": max(harm + rng.normal(0, spread), 0.0),
                             "heat_unreached": unreached})
    return SimpleNamespace(ticks=pd.DataFrame(rows))


def test_heatwave_words_and_verdict_follow_the_intervals(tmp_path):
    # fewer unreached, harm unchanged but noisy: 'partly', and no claim of fewer harmed
    r = val.heatwave(heat_ticks(10.0, 20.0, 3.0), tmp_path)
    assert r.effects[0].low < 0 < r.effects[0].high
    assert r.verdict == val.PARTLY
    assert "no distinguishable difference in the number of seriously harmed" in r.reading
    assert "a smaller share of at-risk seniors" in r.reading
    # harm lower by a point estimate only, nothing else: not even 'partly'
    r = val.heatwave(heat_ticks(9.5, 40.0, 3.0), tmp_path)
    assert r.effects[0].mean < 0 < r.effects[0].high
    assert r.verdict == val.FAILS
    # both clearly lower: holds, and the words say fewer
    r = val.heatwave(heat_ticks(5.0, 20.0, 0.5), tmp_path)
    assert r.verdict == val.HOLDS and "fewer seriously harmed" in r.reading


def buurthuis_ticks(near_effect, all_effect, spread, seeds=range(1, 7)):
    rng = np.random.default_rng(2)
    rows = []
    for seed in seeds:
        noise_near, noise_all = rng.normal(0, spread, 2)
        for label in ("tender_3y", "buurthuis_sold"):
            sold = label == "buurthuis_sold"
            for week in range(0, 8 * 52 + 1):
                later = sold and week > 3 * 52
                rows.append({"label": label, "seed": seed, "week": week,
                             "lonely_senior_near_buurthuis":
                                 0.5 + (near_effect + noise_near if later else 0.0),
                             "lonely_senior_share": 0.5 + (all_effect + noise_all
                                                           if later else 0.0)})
    return SimpleNamespace(ticks=pd.DataFrame(rows))


def test_buurthuis_verdict_uses_intervals_not_point_estimates(tmp_path):
    # nearby clearly up, and clearly more than for all seniors: holds
    r = val.buurthuis(buurthuis_ticks(0.05, 0.01, 0.005), tmp_path)
    assert r.verdict == val.HOLDS and "is larger than" in r.reading
    # nearby clearly up, but no more than for all seniors: partly
    r = val.buurthuis(buurthuis_ticks(0.05, 0.05, 0.005), tmp_path)
    assert r.verdict == val.PARTLY and "is not distinguishable from" in r.reading
    # a positive point estimate whose interval includes zero is not enough for 'partly'
    r = val.buurthuis(buurthuis_ticks(0.002, 0.0, 0.02), tmp_path)
    near = r.effects[0]
    assert near.mean > 0 and near.low < 0
    assert r.verdict == val.FAILS


def test_texts_quote_the_materiality_table():
    line = f"{THRESHOLDS['vraagverlegenheid'].smallest:g}"
    assert f"past the {line} threshold" in val.RULES["p3_netwerkberaad"]
    assert f"at least {line}," in val.REVISIONS[1]
    assert val.V_LINE == THRESHOLDS["vraagverlegenheid"].smallest
