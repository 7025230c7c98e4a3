"""Where community hours go (issue 18, the opbouwwerker's "which place, which street"):
``professionals.focus_place`` aims a share of the opbouwwerkers' outreach and bridging at the
streets around one place. The default spreads them over the wijk as before (the reference runs
test that exactly); a focus changes nothing before the week it is set and then reaches the
people around the place."""

import numpy as np
import pandas as pd
import pytest

from tests.conftest import make_model
from wijksim.scenario import ScenarioError, load_scenario
from wijksim.scenario.loader import place_counts

RUN = {"wijk.residents": 1500, "run.years": 2, "run.burn_in_weeks": 26}


def _near(m, k):
    r, pl = m.residents, m.places[k]
    return (r.x - pl.x) ** 2 + (r.y - pl.y) ** 2 <= m.p.wijk.walk_radius ** 2


def _linked_share(m, area):
    """Share of residents in and outside ``area`` with a link to a professional."""
    linked = m.residents.prof_link >= 0
    return linked[area].mean(), linked[~area].mean()


def test_a_focus_reaches_the_streets_around_the_place_and_leaves_the_past_alone():
    plain = make_model("tender_3y", seed=4, **RUN)
    aimed = make_model("tender_3y", seed=4, **RUN)
    for m in (plain, aimed):
        for _ in range(10):
            m.step()
    pd.testing.assert_frame_equal(plain.outcomes(), aimed.outcomes(), check_exact=True)
    # the place with the fewest residents around it: in a small wijk the walking radius around
    # a central place covers nearly everyone, which would leave nothing to aim at
    k = min(range(len(aimed.places)), key=lambda j: _near(aimed, j).mean())
    assert aimed.change_policy({"professionals.focus_place": k,
                                "professionals.focus_share": 1.0}, "focus")
    before = aimed.residents.prof_link.copy()
    before_plain = plain.residents.prof_link.copy()
    for _ in range(26):
        plain.step()
        aimed.step()
    area = _near(aimed, k)
    assert 0.02 < area.mean() < 0.6  # the streets around one place, not the whole wijk
    new_aimed = (aimed.residents.prof_link >= 0) & (before < 0)
    new_plain = (plain.residents.prof_link >= 0) & (before_plain < 0)
    # new links to a professional: many more of them around the place with the focus ...
    assert new_aimed[area].mean() > 1.4 * new_plain[area].mean()
    # ... and fewer elsewhere (the same hours, aimed), the hulpverleners still spread theirs
    assert new_aimed[~area].mean() < new_plain[~area].mean()
    assert not aimed.outcomes().equals(plain.outcomes())


def test_the_focus_is_off_by_default_and_a_place_the_wijk_lacks_is_refused():
    s = load_scenario("tender_3y")
    assert s["professionals.focus_place"] == -1
    n = sum(place_counts(s["places.per_1000"], 1500))
    m = make_model("tender_3y", seed=1, **{"wijk.residents": 1500, "run.burn_in_weeks": 4})
    assert len(m.places) == n  # the check counts the places the model builds
    assert m.team.focus_area() is None
    with pytest.raises(ScenarioError, match=rf"professionals.focus_place.*0 to {n - 1}"):
        m.change_policy({"professionals.focus_place": n})
    with pytest.raises(ScenarioError, match="professionals.focus_place"):
        load_scenario("tender_3y", overrides={"wijk.residents": 600,
                                              "professionals.focus_place": 1})
    assert np.all(m.residents.prof_link >= -1)
