"""Stored outcome distributions for the statistical-equivalence test of faster kernels.

Bit-identity with earlier commits is not required of a speed change (issue 14 item 3): a kernel
may draw its random numbers differently, so single runs differ. What must not change is the
model: the distribution of every main outcome over seeds. ``tests/data/equivalence/`` holds,
for 20 seeds of a small wijk under two regimes, the end value and the yearly means of every
outcome, computed at a stated commit *before* the streams changed;
``tests/model/test_equivalence.py`` runs the same seeds at the current code and compares the
two samples outcome by outcome.

    .venv/bin/python -m tests.equivalence --generate   # at the commit that is the baseline

Regenerate only at a commit whose model is trusted (the file records which commit it is).
``make reference`` regenerates it together with the reference runs: a change meant to move the
model's numbers does that in its own commit; a change meant to move only the random streams
first passes ``tests/model/test_equivalence.py`` against the stored sample, then regenerates.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent / "data" / "equivalence"
FILE = HERE / "baseline.parquet"
RESIDENTS = 1000
YEARS = 4
SEEDS = tuple(range(101, 121))  # 20 seeds, none of them used by the reference runs
SCENARIOS = ("tender_3y", "subsidy")


def summary_of(outcomes: pd.DataFrame) -> dict[str, float]:
    """End value and yearly means of every recorded outcome of one run."""
    cols = [c for c in outcomes.columns if c not in ("week", "year")]
    run = outcomes[outcomes["week"] > 0]  # week 0 is the wijk as the burn-in left it
    out = {f"{c}|end": float(outcomes[c].iloc[-1]) for c in cols}
    year = ((run["week"] - 1) // 52).astype(int)
    for y, frame in run.groupby(year):
        for c in cols:
            out[f"{c}|year{int(y) + 1}"] = float(frame[c].mean())
    return out


def sample(scenario: str, seeds=SEEDS, cache: Path | None = None, **overrides) -> pd.DataFrame:
    """One row per seed: the summaries of ``scenario`` at the current code (``overrides``:
    scenario keys to change, only to show that the comparison notices a changed model)."""
    from wijksim import WijkModel

    rows = []
    for seed in seeds:
        model = WijkModel.starting(scenario, seed=seed, cache=cache, residents=RESIDENTS,
                                   years=YEARS, **overrides)
        rows.append({"scenario": scenario, "seed": seed, **summary_of(model.run())})
    return pd.DataFrame(rows)


def current(**overrides) -> pd.DataFrame:
    """The same runs as the stored sample, at the current code."""
    import tempfile

    with tempfile.TemporaryDirectory() as cache:  # both regimes share a seed's burn-in
        return pd.concat([sample(s, cache=Path(cache), **overrides) for s in SCENARIOS],
                         ignore_index=True)


# -- the comparison ---------------------------------------------------------------------------
# The stated tolerances. Runs of one version differ from another's only through their random
# numbers, so the two samples of 20 seeds must look like draws from one distribution:
# * location: an outcome's mean may differ by less than its materiality threshold
#   (wijksim.analysis.materiality, the smallest difference that matters), or by more only when
#   a Welch t-test cannot tell the two apart at the family-wise level below;
# * spread and shape: the Brown-Forsythe test of equal spread and the two-sample
#   Kolmogorov-Smirnov test must not reject at that level either.
# The family-wise level is 1 % over every comparison made (Bonferroni), so a version whose
# model is unchanged fails with a chance of at most 1 %; with 20 seeds a shift of about 1.5
# seed-to-seed standard deviations in any one yearly mean is caught.
FAMILY_ALPHA = 0.01
STATS = ("end", *(f"year{y}" for y in range(1, YEARS + 1)))


def main_outcomes() -> tuple[str, ...]:
    from wijksim.analysis.materiality import THRESHOLDS

    return tuple(THRESHOLDS)


def _samples(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per scenario, and the regime effect (subsidy minus tender, paired by seed)."""
    by = {s: g.set_index("seed").sort_index() for s, g in frame.groupby("scenario")}
    cols = [c for c in frame.columns if "|" in c]
    by["effect"] = by[SCENARIOS[1]][cols] - by[SCENARIOS[0]][cols]
    return by


def compare(old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[str], int]:
    """The comparisons that fail, worded, and how many were made."""
    from scipy import stats

    from wijksim.analysis.materiality import THRESHOLDS

    before, after = _samples(old), _samples(new)
    columns = [(o, s) for o in main_outcomes() for s in STATS]
    tests = 3 * len(before) * len(columns)
    alpha = FAMILY_ALPHA / tests
    failures = []
    for label in before:
        for outcome, stat in columns:
            col = f"{outcome}|{stat}"
            a = before[label][col].to_numpy(float)
            b = after[label][col].to_numpy(float)
            if np.ptp(a) == 0 and np.ptp(b) == 0:  # constant in both (say, no escalation)
                if a[0] != b[0]:
                    failures.append(f"{label} {col}: always {a[0]:g} before, {b[0]:g} now")
                continue
            diff = b.mean() - a.mean()
            limit = THRESHOLDS[outcome].limit(a.mean()) if label != "effect" else \
                THRESHOLDS[outcome].limit(before[SCENARIOS[0]][col].mean())
            p_mean = stats.ttest_ind(a, b, equal_var=False).pvalue
            p_spread = stats.levene(a, b, center="median").pvalue
            p_shape = stats.ks_2samp(a, b).pvalue
            where = (f"{label} {col}: mean {a.mean():.4g} before, {b.mean():.4g} now "
                     f"(sd {a.std(ddof=1):.3g}, {b.std(ddof=1):.3g})")
            if abs(diff) > limit and p_mean < alpha:
                failures.append(f"{where}: the means differ by {diff:+.4g}, more than the "
                                f"materiality threshold {limit:.4g} (Welch p = {p_mean:.2g})")
            if p_spread < alpha:
                failures.append(f"{where}: the spreads differ (Brown-Forsythe p = "
                                f"{p_spread:.2g})")
            if p_shape < alpha:
                failures.append(f"{where}: the distributions differ (Kolmogorov-Smirnov "
                                f"p = {p_shape:.2g})")
    return failures, tests


def stored() -> pd.DataFrame:
    return pd.read_parquet(FILE)


def generate() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=Path(__file__).parent).stdout.strip()
    frame = current()
    frame["commit"] = commit
    frame.to_parquet(FILE, index=False)
    print(f"stored {len(frame)} runs at commit {commit} in {FILE}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generate", action="store_true",
                    help="run the seeds at the current code and overwrite the stored sample")
    ap.add_argument("--compare", action="store_true",
                    help="run the seeds at the current code and compare with the stored sample")
    ap.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE",
                    help="with --compare: change scenario keys (to see the comparison fail)")
    args = ap.parse_args(argv)
    if args.generate:
        generate()
        return 0
    if args.compare:
        over = {k: float(v) for k, v in (kv.split("=", 1) for kv in args.set)}
        failures, tests = compare(stored(), current(**over))
        print("\n".join(failures) or "no difference")
        print(f"{len(failures)} of {tests} comparisons fail")
        return 1 if failures else 0
    ap.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
