"""Where community hours go (issue 18, the opbouwwerker's "which place, which street"):
``professionals.focus_place`` aims a share of the opbouwwerkers' outreach and bridging at the
streets around one place. The default spreads them over the wijk as before (the reference runs
test that exactly); a focus changes nothing before the week it is set and then reaches the
people around the place."""

import itertools

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


def _focus_pair(seed):
    """The same wijk twice, a focus set on one after 10 weeks; 26 weeks later, per resident:
    in the focus area, and a new link to a professional without and with the focus. None for
    a wijk whose every place has most residents within walking reach: nothing to aim at."""
    plain = make_model("tender_3y", seed=seed, **RUN)
    # the place with the fewest residents around it: in a small wijk the walking radius around
    # a central place covers nearly everyone, which would leave nothing to aim at
    k = min(range(len(plain.places)), key=lambda j: _near(plain, j).mean())
    if _near(plain, k).mean() > 0.6:
        return None
    aimed = make_model("tender_3y", seed=seed, **RUN)
    for m in (plain, aimed):
        for _ in range(10):
            m.step()
    pd.testing.assert_frame_equal(plain.outcomes(), aimed.outcomes(), check_exact=True)
    assert aimed.change_policy({"professionals.focus_place": k,
                                "professionals.focus_share": 1.0}, "focus")
    before = aimed.residents.prof_link.copy()
    before_plain = plain.residents.prof_link.copy()
    for _ in range(26):
        plain.step()
        aimed.step()
    area = _near(aimed, k)
    assert 0.02 < area.mean() <= 0.6  # the streets around one place, not the whole wijk
    assert not aimed.outcomes().equals(plain.outcomes())
    return (area, (plain.residents.prof_link >= 0) & (before_plain < 0),
            (aimed.residents.prof_link >= 0) & (before < 0))


def test_a_focus_reaches_the_streets_around_the_place_and_leaves_the_past_alone():
    # Pooled over four wijken (the first from seed 1 with a place to aim at): one wijk's ratio
    # ranges from about 0.6 to 2.9; in groups of four seeds it was 1.25-1.57 within the area
    # and 0.42-0.63 outside (seeds 9-28, at d677d8c and at 35fec2a alike).
    pairs = (_focus_pair(seed) for seed in range(1, 40))
    found = list(itertools.islice((x for x in pairs if x is not None), 4))
    area, plain, aimed = (np.concatenate(x) for x in zip(*found))
    # new links to a professional: many more of them around the place with the focus ...
    assert aimed[area].mean() > 1.15 * plain[area].mean()
    # ... and fewer elsewhere (the same hours, aimed), the hulpverleners still spread theirs
    assert aimed[~area].mean() < 0.8 * plain[~area].mean()


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
