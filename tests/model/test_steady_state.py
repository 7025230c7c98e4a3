"""A wijk at rest (issue 13 item 1): under constant status-quo terms a run has no trend.

After the default burn-in (docs/ODD.md 3.3-3.4) a 30-year run of the status quo (tender_3y,
whose terms are the schema defaults) must not drift between its first and last three years
beyond the bounds stated in wijksim.analysis.steady_state, averaged over seeds. The wijk has the
3,000 residents the steady state was measured at: a smaller one is not the same wijk (at 1,500
residents the budget keeps one of three places open and the friend network settles far lower,
so it drifts; docs/ODD.md section 9). About three minutes on two idle cores. With 32 seeds the
same check gives intervals: experiments/validation/steady_state.py.
"""

import pandas as pd
import pytest

from wijksim.analysis.steady_state import drift_table
from wijksim.model import WijkModel

RESIDENTS, YEARS, SEEDS = 3000, 30, (1, 2, 3, 4)


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
# refit, with a strict xfail here). The per-seed change has sd 0.008, so four seeds resolve a
# trend of about 0.008, not 0.005: the 32-seed check (docs/ODD.md 3.4) gives the interval.
@pytest.mark.slow
def test_vraagverlegenheid_has_no_trend(drift):
    row = drift.loc["vraagverlegenheid"]
    assert row.mean_within, f"vraagverlegenheid moved {row.change:+.4f}"
