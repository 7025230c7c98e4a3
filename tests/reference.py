"""Stored reference runs: every shipped scenario, a small wijk over six years.

``tests/model/test_reference_runs.py`` compares the current code with these files exactly, so a
refactoring that claims to leave results unchanged is checked, not promised. When a change is
*meant* to move the numbers (a new mechanism, a schema key that changes the scenario hash, a
kernel whose random draws differ), regenerate them on purpose, in a commit of its own that says
why::

    make reference          # = python -m tests.reference --regenerate

Each scenario is stored as three Parquet files: the weekly outcomes, the event log, and the
residents' state at the end (v, a, need, trust, tie strength), which catches differences that
the averages would hide.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent / "data" / "reference"
# Six years, not two: every scheduled event of the shipped scenarios (the sale in year 3, cuts,
# stopped programme and heat wave in year 5) and two tender or subsidy renewals fall inside
# (with this seed the incumbent wins both tenders; lost tenders: tests/model/test_mechanisms.py
# and test_regime_switch.py).
RESIDENTS = 600
YEARS = 6
SEED = 5
STATE = ("v", "a", "need", "trust", "prof_trust", "engagement")


def scenario_names() -> list[str]:
    from wijksim.scenario.loader import shipped_scenarios

    return sorted(shipped_scenarios())


def reference_run(name: str) -> dict[str, pd.DataFrame]:
    """The three frames of one scenario's reference run at the current code."""
    from wijksim import WijkModel

    model = WijkModel(name, seed=SEED, residents=RESIDENTS, years=YEARS)
    outcomes = model.run()
    events = model.events_frame()
    r = model.residents
    state = pd.DataFrame({k: np.asarray(getattr(r, k)) for k in STATE if hasattr(r, k)})
    state["tie_strength"] = model.ties.strength
    state["n_ties"] = model.ties.n_ties
    return {"outcomes": outcomes, "events": events.reset_index(drop=True), "state": state}


def path_of(name: str, part: str) -> Path:
    return HERE / f"{name}.{part}.parquet"


def regenerate(names: list[str]) -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    for old in HERE.glob("*.parquet"):
        if old.name.split(".")[0] not in names:
            old.unlink()
    for name in names:
        for part, frame in reference_run(name).items():
            frame.to_parquet(path_of(name, part), index=False)
        print(f"stored {name}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--regenerate", action="store_true",
                    help="run every shipped scenario and overwrite the stored reference runs")
    args = ap.parse_args(argv)
    if not args.regenerate:
        ap.print_help()
        return 2
    regenerate(scenario_names())
    return 0


if __name__ == "__main__":
    sys.exit(main())
