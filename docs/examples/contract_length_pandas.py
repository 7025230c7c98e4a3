"""Research question, answered with pandas from a sweep's Parquet files:

    From which contract length on does tendering keep the professionals' wijkkennis within
    the materiality threshold of multi-year subsidy?

    python docs/examples/contract_length_pandas.py [RESULTS_FOLDER]

The same question and answer as contract_length_duckdb.py (see there), with pandas.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from wijksim.analysis.materiality import THRESHOLDS

OUTCOME, KEY = "wijkkennis", "funding.tender.contract_years"


def answer(folder: Path) -> pd.DataFrame:
    runs = pd.read_parquet(folder / "runs", columns=["run_id", "point", "seed", KEY])
    ticks = pd.read_parquet(folder / "ticks", columns=["run_id", "week", OUTCOME])
    ticks = ticks[ticks["run_id"].isin(runs["run_id"])]           # finished runs only
    last = ticks[ticks["week"] > ticks["week"].max() - 52]         # the last year
    per = (last.groupby("run_id")[OUTCOME].mean().rename("v").reset_index()
           .merge(runs, on="run_id"))
    ref = per.loc[per["point"] == -1, ["seed", "v"]]               # subsidy, per seed
    tender = per[per["point"] >= 0].merge(ref, on="seed", suffixes=("", "_subsidy"))
    tender["difference"] = tender["v"] - tender["v_subsidy"]       # paired by seed
    table = (tender.groupby(KEY)
             .agg(tender=("v", "mean"), subsidy=("v_subsidy", "mean"),
                  difference=("difference", "mean"), seeds=("seed", "count"))
             .reset_index().rename(columns={KEY: "years"}))
    return table


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "results/contract_length")
    table = answer(folder)
    limit = THRESHOLDS[OUTCOME].smallest          # absolute, 0-1 scale; higher is better
    table["within"] = table["difference"] >= -limit
    print(table.to_string(index=False, float_format=lambda x: f"{x:.4f}"))
    ok = table["within"].to_numpy()
    first = next((int(y) for i, y in enumerate(table["years"]) if ok[i:].all()), None)
    print(f"answer: {'none' if first is None else f'{first} years'} "
          f"(threshold {limit} on wijkkennis, pandas)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
