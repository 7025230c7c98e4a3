"""Calibrate wijksim's defaults jointly against the Dutch targets, at the steady state
(docs/validation.md section 1).

usage: python experiments/validation/calibrate.py [--evals 36] [--residents 2000] [--jobs 2]
       [--out FILE] [--start PREVIOUS.json] [--from-log LOG] [--noise-seeds 3 4 5 6]
Prints each evaluation and writes the best parameter set, its measures, the held-out check, the
parameters that ended at a search bound and the loss's seed noise (the loss at the fit with
other seed pairs) as JSON.
"""

import argparse
import json
from pathlib import Path

from wijksim.analysis.calibration import (RESIDENTS, best_logged, calibrate, fit_record,
                                          held_out_check, loss, measure, pooled_check)
from wijksim.provenance import git_commit
from wijksim.scenario import load_scenario

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evals", type=int, default=36)
    parser.add_argument("--residents", type=int, default=RESIDENTS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", default="results/calibration.json")
    parser.add_argument("--start", help="JSON file with starting values (a previous --out)")
    parser.add_argument("--from-log", help="the printed log of a fit: keep its best "
                        "evaluation, rounded as the schema keeps it, instead of fitting")
    parser.add_argument("--noise-seeds", type=int, nargs="*", default=[3, 4, 5, 6],
                        help="seed pairs at which the loss of the fit is measured again")
    args = parser.parse_args()
    start = None
    if args.from_log:
        values, _, evaluations = best_logged(Path(args.from_log).read_text().splitlines())
        values = {k: float(f"{v:.3g}") for k, v in values.items()}  # as the schema keeps them
        ms = measure(values, residents=args.residents, jobs=args.jobs)
        result = fit_record(values, ms, evaluations, residents=args.residents)
        result["from_log"] = (f"the best of the {evaluations} evaluations in the fit's log, "
                              "rounded to three digits as the schema keeps them and measured "
                              "again there (a stopped fit, or a finished one whose values are "
                              "written into the schema)")
    if args.start:
        start = {**load_scenario(None).values, **json.load(open(args.start))["values"]}
    if not args.from_log:
        result = calibrate(start=start, max_evals=args.evals, residents=args.residents,
                           jobs=args.jobs, log=lambda s: print(s, flush=True))
    noise = []
    pairs = list(zip(args.noise_seeds[::2], args.noise_seeds[1::2]))
    for pair in pairs:
        ms = measure(result["values"], seeds=pair, residents=args.residents, jobs=args.jobs)
        noise.append({"seeds": list(pair), "loss": loss(ms), "held_out": held_out_check(ms)})
        print(f"seeds {pair}: loss {noise[-1]['loss']:.2f}", flush=True)
    result["other_seeds"] = noise
    result["check"] = pooled_check(result["values"], residents=args.residents, jobs=args.jobs)
    print(f"pooled check: {result['check']}", flush=True)
    result["git_commit"] = git_commit()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
