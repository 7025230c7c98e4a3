"""Calibrate wijksim's defaults jointly against the Dutch targets (docs/validation.md).

usage: python experiments/validation/calibrate.py [--evals 80] [--residents 4000] [--out FILE]
       [--start PREVIOUS.json]
Prints each evaluation and writes the best parameter set and its measures as JSON.
"""

import argparse
import json

from wijksim.analysis.calibration import calibrate

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--evals", type=int, default=80)
parser.add_argument("--residents", type=int, default=4000)
parser.add_argument("--out", default="results/calibration.json")
parser.add_argument("--start", help="JSON file with starting values (a previous --out)")
args = parser.parse_args()
start = None
if args.start:
    from wijksim.scenario import load_scenario

    start = {**load_scenario(None).values, **json.load(open(args.start))["values"]}
result = calibrate(start=start, max_evals=args.evals, residents=args.residents,
                   log=lambda s: print(s, flush=True))
from pathlib import Path  # noqa: E402

Path(args.out).parent.mkdir(parents=True, exist_ok=True)
Path(args.out).write_text(json.dumps(result, indent=2))
print(json.dumps(result, indent=2))
