"""Verdicts follow the numbers (issue 13 item 6): the text of a pattern is generated from its
intervals, and the rule is stated before the runs."""

from types import SimpleNamespace

import numpy as np
import pandas as pd

from wijksim.analysis import validation as val


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
