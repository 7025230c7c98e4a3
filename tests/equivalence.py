"""Stored outcome distributions for the statistical-equivalence test of faster kernels.

Bit-identity with earlier commits is not required of a speed change (issue 14 item 3): a kernel
may draw its random numbers differently, so single runs differ. What must not change is the
model: the distribution of every main outcome over seeds. ``tests/data/equivalence/`` holds,
for 20 seeds of a small wijk under two regimes, the end value and the yearly means of every
outcome, computed at a stated commit *before* the streams changed;
``tests/model/test_equivalence.py`` runs the same seeds at the current code and compares the
two samples outcome by outcome.

    .venv/bin/python -m tests.equivalence --generate   # at the commit that is the baseline

Regenerate only at a commit whose model is trusted (the file records which commit it is); a
change meant to move the model's numbers regenerates it with the reference runs.
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


def sample(scenario: str, seeds=SEEDS, cache: Path | None = None) -> pd.DataFrame:
    """One row per seed: the summaries of ``scenario`` at the current code."""
    from wijksim import WijkModel

    rows = []
    for seed in seeds:
        model = WijkModel.starting(scenario, seed=seed, cache=cache, residents=RESIDENTS,
                                   years=YEARS)
        rows.append({"scenario": scenario, "seed": seed, **summary_of(model.run())})
    return pd.DataFrame(rows)


def generate() -> None:
    import tempfile

    HERE.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=Path(__file__).parent).stdout.strip()
    with tempfile.TemporaryDirectory() as cache:  # both regimes share a seed's burn-in
        frame = pd.concat([sample(s, cache=Path(cache)) for s in SCENARIOS],
                          ignore_index=True)
    frame.attrs["commit"] = commit
    frame["commit"] = commit
    frame.to_parquet(FILE, index=False)
    print(f"stored {len(frame)} runs at commit {commit} in {FILE}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generate", action="store_true",
                    help="run the seeds at the current code and overwrite the stored sample")
    args = ap.parse_args(argv)
    if not args.generate:
        ap.print_help()
        return 2
    generate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
