"""Building the starting wijk: the compiled draw of dispositions gives numpy's numbers."""

import numpy as np
import pytest

from wijksim.model.build import draw_traits
from wijksim.scenario import defaults
from wijksim.scenario.params import Params


def numpy_traits(rng, p, group, age):
    """The dispositions drawn with numpy's vectorised calls, as the model drew them up to
    commit 6b5fb97: the specification the compiled draw must reproduce number for number."""
    def beta_mean(mean, conc, n):
        m = np.minimum(np.maximum(mean, 1e-3), 1 - 1e-3)
        return rng.beta(m * conc, (1 - m) * conc, size=n)

    n = group.size
    senior, minority = age == 2, group > 0
    pr = p.residents
    vuln_mean = (p.wijk.vulnerability_mean + p.wijk.vulnerability_group_gap * minority
                 + p.wijk.vulnerability_senior_extra * senior)
    conc = pr.disposition_concentration
    v0 = beta_mean(pr.v_mean + pr.v_senior_extra * senior, conc, n)
    a0 = beta_mean(pr.a_mean, conc, n)
    has_time = rng.random(n) < pr.spare_time_share * np.where(age == 0,
                                                              pr.youth_spare_time_factor, 1.0)
    spare = np.where(has_time, rng.exponential(pr.spare_hours_mean, n), 0.0)
    u = rng.random(n)
    regular = u < pr.regular_volunteer_share
    occasional = ~regular & (u < pr.regular_volunteer_share + pr.occasional_volunteer_share)
    engagement = beta_mean(pr.engagement_mean, pr.engagement_concentration, n)
    outside = np.asarray(pr.friends_elsewhere_by_age, dtype=float)
    friends_elsewhere = rng.poisson(pr.friends_elsewhere_mean * outside[age])
    trust = beta_mean(pr.trust_mean - pr.trust_minority_gap * minority,
                      pr.trust_concentration, n)
    return {
        "vulnerability": beta_mean(vuln_mean, pr.vulnerability_concentration, n),
        "v0": v0, "a0": a0, "v": v0.copy(), "a": a0.copy(),
        "spare_hours": np.minimum(spare, pr.spare_hours_max),
        "volunteer_p": np.where(regular, pr.regular_volunteer_rate,
                                np.where(occasional, pr.occasional_volunteer_rate, 0.0)),
        "engagement": engagement, "engagement0": engagement.copy(),
        "friends_elsewhere": friends_elsewhere.astype(np.int16),
        "trust": trust, "trust0": trust.copy(),
        "paperwork_skill": beta_mean(0.5 + pr.paperwork_skill_gap * (0.5 - minority),
                                     pr.paperwork_skill_concentration, n),
    }


EXTREMES = {  # means at and past the clipping edges, Poisson means of 0 and above 10
    "residents.v_mean": 0.0, "residents.a_mean": 1.0, "residents.trust_mean": 0.02,
    "residents.friends_elsewhere_mean": 12.0, "residents.friends_elsewhere_by_age": [0.0, 1.0, 2.0],
    "residents.spare_time_share": 1.0, "residents.disposition_concentration": 0.5,
}


@pytest.mark.parametrize("values", [{}, EXTREMES], ids=["defaults", "extremes"])
@pytest.mark.parametrize("n", [0, 1, 7, 3000])
def test_compiled_dispositions_are_numpys_numbers(values, n):
    p = Params.from_flat({**defaults(), **values})
    mix = np.random.default_rng(n)
    group = mix.integers(0, 3, n).astype(np.int8)
    age = mix.integers(0, 3, n).astype(np.int8)
    old, new = np.random.default_rng(42), np.random.default_rng(42)
    want = numpy_traits(old, p, group, age)
    got = draw_traits(new, p, group, age)
    assert sorted(got) == sorted(want)
    for name, values_ in want.items():
        assert got[name].dtype == values_.dtype, name
        if values:  # Beta draws with alpha and beta below 1 (Johnk's method) may end in an
            # exp() of a huge negative number: Numba's exp and C's differ below 1e-300
            np.testing.assert_allclose(got[name], values_, rtol=0, atol=1e-300, err_msg=name)
        else:
            np.testing.assert_array_equal(got[name], values_, err_msg=name)
    assert new.random() == old.random()  # the stream goes on from the same place
