"""What buurtrechten and burgercollectieven cost in run time (prints figures; not a test).

    .venv/bin/python benchmarks/bench_buurtrechten.py                 # 3,000 residents, 3 years
    .venv/bin/python benchmarks/bench_buurtrechten.py --residents 15000 --years 10 --repeats 5

Times the weekly ticks (``model.run()`` after construction and burn-in) of three runs per
seed: the status quo (tender_3y), the buurtrechten scenario, and the buurtrechten scenario with
collectives that form quickly (so that the door-to-door recruitment, the care kernel, the
jobs, the fonds and the task contracts all run every week). Prints medians over seeds and the
ratio to the status quo. Wall-clock and CPU time are both shown: a busy machine shows as a gap.
"""

from __future__ import annotations

import argparse
import statistics
import time

from wijksim import WijkModel
from wijksim.model.collectives import collectives_of

EAGER = {"collectives.found_rate": [0.003, 0.003, 0.003],
         "buurtrechten.challenge_maturity_years": 0}
CASES = (("status quo (tender_3y)", "tender_3y", {}),
         ("buurtrechten", "buurtrechten", {}),
         ("buurtrechten, eager collectives", "buurtrechten", EAGER))


def time_ticks(scenario: str, over: dict, seed: int, residents: int, years: int):
    model = WijkModel(scenario, seed=seed, residents=residents, years=years, **over)
    wall, cpu = time.perf_counter(), time.process_time()
    model.run()
    alive = len(collectives_of(model))
    return time.perf_counter() - wall, time.process_time() - cpu, alive


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--residents", type=int, default=3000)
    ap.add_argument("--years", type=int, default=3)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    WijkModel("buurtrechten", seed=99, residents=500, years=1,
              **{**EAGER, "run.burn_in_weeks": 0}).run()  # compile every kernel first
    base = None
    print(f"{args.residents} residents, {args.years} years, medians over {args.repeats} seeds")
    for label, scenario, over in CASES:
        runs = [time_ticks(scenario, over, s, args.residents, args.years)
                for s in range(1, args.repeats + 1)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        alive = statistics.median(r[2] for r in runs)
        base = base or wall
        print(f"{label:34s} ticks {wall:6.2f} s wall, {cpu:6.2f} s CPU, ratio {wall / base:4.2f}, "
              f"collectives alive at the end {alive:g}")


if __name__ == "__main__":
    main()
