"""The steady-state check with enough seeds to see a trend of its bound's size (issue 13 item 1;
docs/ODD.md 3.4).

usage: python experiments/validation/steady_state.py [--seeds 32] [--jobs 2] [--out DIR]

Runs (or resumes) 30-year ``tender_3y`` runs of 3,000 residents after the default burn-in, one
per seed (results/steady_state), and writes to DIR (default docs/data) steady_state.csv: per
outcome the mean change from the first to the last three years, its per-seed sd, the 95 %
interval, the bound (wijksim.analysis.steady_state.BOUNDS) and whether the mean and the whole
interval lie within it; also the same for seeds 1-4, the slow test's check. About 45 s a run
on one core.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from wijksim.analysis.steady_state import drift_table
from wijksim.experiments import comparison, run_experiment

ROOT = Path(__file__).resolve().parents[2]
RESIDENTS, YEARS = 3000, 30
TEST_SEEDS = (1, 2, 3, 4)  # tests/model/test_steady_state.py


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=32)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=Path, default=ROOT / "results" / "steady_state",
                    help="results folder of the runs (resumed when it holds some)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "data")
    args = ap.parse_args()
    exp = comparison(["tender_3y"], args.seeds, years=YEARS, residents=RESIDENTS)
    res = run_experiment(exp, out=args.runs, jobs=args.jobs, resume=True, progress=True,
                         report=False)
    ticks = res.ticks
    table = drift_table(ticks, YEARS)
    four = drift_table(ticks[ticks["seed"].isin(TEST_SEEDS)], YEARS)
    both = table.join(four[["change", "mean_within"]].add_suffix("_seeds_1_4"))
    args.out.mkdir(parents=True, exist_ok=True)
    commit = ", ".join(sorted({c[:10] for c in res.runs["git_commit"]}))  # of the runs
    both.to_csv(args.out / "steady_state.csv", float_format="%.5f")
    (args.out / "steady_state.json").write_text(json.dumps(
        {"commit": commit, "seeds": sorted(int(s) for s in ticks["seed"].unique()),
         "residents": RESIDENTS, "years": YEARS,
         "command": f"python experiments/validation/steady_state.py --seeds {args.seeds}"},
        indent=1) + "\n")
    print(f"runs made at {commit}: {table['seeds'].iloc[0]} seeds, {RESIDENTS} residents, "
          f"{YEARS} years after the burn-in")
    print(both.round(4).to_string())


if __name__ == "__main__":
    main()
