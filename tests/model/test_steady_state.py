"""A wijk at rest (issue 13 item 1): under constant status-quo terms a run has no trend.

After the default burn-in (docs/ODD.md 3.3-3.4) a 30-year run of the status quo (tender_3y,
whose terms are the schema defaults) must not drift between its first and last three years
beyond the stated bounds, averaged over seeds. The wijk has the 3,000 residents the steady
state was measured at: a smaller one is not the same wijk (at 1,500 residents the budget keeps
one of three places open and the friend network settles far lower, so it drifts; docs/ODD.md
section 9). About three minutes on two idle cores.
"""

import numpy as np
import pytest

from wijksim.model import WijkModel

RESIDENTS, YEARS, SEEDS = 3000, 30, (1, 2, 3, 4)
# Bounds on |mean over seeds of (last three years - first three years)|, stated before the
# check; "relative" ones are shares of the first three years' mean.
BOUNDS = {
    "cohesion": ("relative", 0.015),          # the bound
    "trust": ("absolute", 0.01),              # the materiality threshold of trust
    "lonely_share": ("absolute", 0.02),       # two materiality thresholds (seniors' slow drift)
    # one tender outcome per seed at each end: a lost or won re-tender moves wijkkennis by
    # about 0.4, so per-seed differences have sd 0.1-0.2; 0.15 is what four seeds can resolve
    "wijkkennis": ("absolute", 0.15),
    # one or two initiatives at 3,000 residents; a drift of more than 1.5 would be a trend
    "initiatives": ("absolute", 1.5),
}
COLUMNS = [*BOUNDS, "vraagverlegenheid"]


@pytest.fixture(scope="module")
def changes():
    """Per seed: (first three years' means, last three years' means)."""
    out = []
    for seed in SEEDS:
        df = WijkModel("tender_3y", seed=seed, residents=RESIDENTS, years=YEARS).run()
        df = df[df["week"] >= 1]
        out.append((df[df["year"] < 3][COLUMNS].mean(),
                    df[df["year"] >= YEARS - 3][COLUMNS].mean()))
    return out


@pytest.mark.slow
def test_a_status_quo_run_has_no_trend_beyond_the_bounds(changes):
    pairs = [(f[list(BOUNDS)], l[list(BOUNDS)]) for f, l in changes]
    first = np.mean([f for f, _ in pairs], axis=0)
    change = np.mean([l - f for f, l in pairs], axis=0)
    for k, name in enumerate(BOUNDS):
        kind, bound = BOUNDS[name]
        size = abs(change[k]) / abs(first[k]) if kind == "relative" else abs(change[k])
        assert size < bound, f"{name} moved {change[k]:+.4f} ({kind} {size:.4f} >= {bound})"


# Met since the calibration refit of issue 13 (seeds 1-4: +0.0024; it was -0.015 before the
# refit, with a strict xfail here). The per-seed change has sd 0.008, so four seeds resolve a
# trend of about 0.008, not 0.005: docs/ODD.md 3.4 says what carried the old drift.
@pytest.mark.slow
def test_vraagverlegenheid_has_no_trend(changes):
    change = np.mean([l["vraagverlegenheid"] - f["vraagverlegenheid"] for f, l in changes])
    assert abs(change) < 0.005, f"vraagverlegenheid moved {change:+.4f}"
