"""Load a finished sweep (or comparison) with pandas and with DuckDB.

    python experiments/load_results.py [RESULTS_FOLDER] [OUTCOME]

RESULTS_FOLDER defaults to results/contract_length (made by
``wijksim sweep contract_length``), OUTCOME to cohesion. The script prints, for every
scenario and design point, the varied values and the outcome's last-year value averaged over
seeds - once computed with pandas, once with DuckDB - and checks that both agree.

A results folder holds ``runs/*.parquet`` (one row per run: varied values, seed, scenario
hash, versions) and ``ticks/*.parquet`` (one row per run per week). A run counts as finished
when its row is in ``runs/``, so join on run_id to leave out anything half-done.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "results/contract_length")
outcome = sys.argv[2] if len(sys.argv) > 2 else "cohesion"

# --- pandas ---------------------------------------------------------------------------------
runs = pd.read_parquet(folder / "runs")
ticks = pd.read_parquet(folder / "ticks", columns=["run_id", "week", outcome])
ticks = ticks[ticks["run_id"].isin(runs["run_id"])]          # finished runs only
last_year = ticks[ticks["week"] > ticks["week"].max() - 52]   # weeks of the last year
per_run = last_year.groupby("run_id")[outcome].mean().rename(outcome).reset_index()
varied = [c for c in runs.columns if "." in c]                # scenario keys, e.g. funding.*
per_run = per_run.merge(runs[["run_id", "label", "point", "seed", *varied]], on="run_id")
by_pandas = (per_run.groupby(["label", "point", *varied], dropna=False)[outcome]
             .agg(["mean", "count"]).reset_index()
             .sort_values(["label", "point"], ignore_index=True))

# --- DuckDB (SQL straight on the Parquet files) -------------------------------------------------
cols = "".join(f', r."{c}"' for c in varied)
query = f"""
WITH t AS (SELECT * FROM read_parquet('{folder}/ticks/*.parquet')),
     per_run AS (
        SELECT run_id, avg("{outcome}") AS value FROM t
        WHERE week > (SELECT max(week) FROM t) - 52
        GROUP BY run_id)
SELECT r.label, r.point{cols}, avg(p.value) AS mean, count(*) AS count
FROM per_run p JOIN read_parquet('{folder}/runs/*.parquet') r USING (run_id)
GROUP BY ALL ORDER BY r.label, r.point
"""
by_duckdb = duckdb.sql(query).df()   # duckdb 2: use .df() or .fetchall(), not fetchone()

pd.set_option("display.width", 160)
print(f"{outcome}, last-year mean over seeds ({len(runs)} runs in {folder}):")
print(by_pandas.to_string(index=False))
same = (np.allclose(by_pandas["mean"], by_duckdb["mean"])
        and list(by_pandas["count"]) == list(by_duckdb["count"]))
print("pandas and DuckDB agree" if same else "pandas and DuckDB DISAGREE")
sys.exit(0 if same else 1)
