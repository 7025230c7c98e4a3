"""A wijk at rest (issue 13 item 1): under constant status-quo terms a run has no trend.

After the default burn-in (docs/ODD.md 3.3-3.4) a 30-year run of the status quo (tender_3y,
whose terms are the schema defaults) must not drift between its first and last three years
beyond the bounds stated in wijksim.analysis.steady_state, averaged over seeds. The wijk has the
3,000 residents the steady state was measured at: a smaller one is not the same wijk (at 1,500
residents the budget keeps one of three places open and the friend network settles far lower,
so it drifts; docs/ODD.md section 9). Eight seeds, about a minute. With 32 seeds the same check
gives intervals: experiments/validation/steady_state.py.

Four seeds (1-4) were too few: when the random streams changed (residents numbered along the
streets), their mean change of cohesion went from -0.0073 to -0.0156 (bound 0.015) while seeds
5-16 went from -0.0166 to -0.0091 - luck of four seeds, not a trend. Seeds 1-8 give -0.0159 at
d677d8c and -0.0139 since; the cohesion drift lies close to its bound either way.
"""

import pandas as pd
import pytest

from wijksim.analysis.steady_state import drift_table
from wijksim.model import WijkModel

RESIDENTS, YEARS, SEEDS = 3000, 30, (1, 2, 3, 4, 5, 6, 7, 8)


@pytest.fixture(scope="module")
def drift():
    runs = [WijkModel("tender_3y", seed=seed, residents=RESIDENTS, years=YEARS).run()
            .assign(seed=seed) for seed in SEEDS]
    return drift_table(pd.concat(runs), YEARS)


@pytest.mark.slow
@pytest.mark.parametrize("outcome", ["cohesion", "trust", "lonely_share", "wijkkennis",
                                     "initiatives"])
def test_a_status_quo_run_has_no_trend_beyond_the_bounds(drift, outcome):
    row = drift.loc[outcome]
    assert row.mean_within, f"{outcome} moved {row.change:+.4f} ({row.kind}; bound {row.bound})"


# Met since the calibration refit of issue 13 (seeds 1-4: +0.0024; it was -0.015 before the
# refit, with a strict xfail here). The per-seed change has sd 0.008-0.011, so eight seeds resolve
# a trend of about 0.006, not 0.005: the 32-seed check (docs/ODD.md 3.4) gives the interval.
@pytest.mark.slow
def test_vraagverlegenheid_has_no_trend(drift):
    row = drift.loc["vraagverlegenheid"]
    assert row.mean_within, f"vraagverlegenheid moved {row.change:+.4f}"
