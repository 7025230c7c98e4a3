"""Research question, answered with DuckDB straight from a sweep's Parquet files:

    From which contract length on does tendering keep the professionals' wijkkennis within
    the materiality threshold of multi-year subsidy?

    python docs/examples/contract_length_duckdb.py [RESULTS_FOLDER]

RESULTS_FOLDER holds the results of ``wijksim sweep contract_length`` (default
results/contract_length): tender_3y at every contract length, subsidy as reference (point
-1), the same seeds everywhere. Per run the last year's mean wijkkennis; per contract length
the paired (same seed) difference tender - subsidy; "within" when tendering is not worse
than subsidy by more than the threshold in wijksim.analysis.materiality. The same answer
with pandas: contract_length_pandas.py (the test suite runs both and compares).
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from wijksim.analysis.materiality import THRESHOLDS

OUTCOME, KEY = "wijkkennis", "funding.tender.contract_years"


def answer(folder: Path):
    query = f"""
    WITH runs AS (SELECT * FROM read_parquet('{folder}/runs/*.parquet')),
         ticks AS (SELECT run_id, week, "{OUTCOME}" AS v
                   FROM read_parquet('{folder}/ticks/*.parquet')
                   WHERE run_id IN (SELECT run_id FROM runs)),       -- finished runs only
         last AS (SELECT run_id, avg(v) AS v FROM ticks
                  WHERE week > (SELECT max(week) FROM ticks) - 52 GROUP BY run_id),
         per AS (SELECT r.point, r.seed, r."{KEY}" AS years, l.v
                 FROM last l JOIN runs r USING (run_id)),
         ref AS (SELECT seed, v FROM per WHERE point = -1)               -- subsidy
    SELECT p.years, avg(p.v) AS tender, avg(ref.v) AS subsidy,
           avg(p.v - ref.v) AS difference, count(*) AS seeds
    FROM per p JOIN ref USING (seed)
    WHERE p.point >= 0
    GROUP BY p.years ORDER BY p.years
    """
    return duckdb.sql(query).df()   # duckdb 2: .df() or .fetchall(), not fetchone()


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "results/contract_length")
    table = answer(folder)
    limit = THRESHOLDS[OUTCOME].smallest          # absolute, 0-1 scale; higher is better
    table["within"] = table["difference"] >= -limit
    print(table.to_string(index=False, float_format=lambda x: f"{x:.4f}"))
    ok = table["within"].to_numpy()
    first = next((int(y) for i, y in enumerate(table["years"]) if ok[i:].all()), None)
    print(f"answer: {'none' if first is None else f'{first} years'} "
          f"(threshold {limit} on wijkkennis, DuckDB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
