"""What numbering residents along the streets is worth: two wijken of one seed in one process,
one numbered at random and one along the streets, stepped week by week in turn (prints; not a
test).

    .venv/bin/python benchmarks/numbering_ab.py --residents 15000 --weeks 300 --seed 1
    .venv/bin/python benchmarks/numbering_ab.py --residents 100000 --weeks 100 --burn-in 156

Whole runs in separate processes (compare_ticks.py) cannot resolve a few per cent on a shared
machine whose speed drifts by 15-40 % over minutes; here both wijken live through the same
minutes, so the drift hits them alike. Each week's CPU time (``time.process_time``) is taken,
the two alternate which goes first, and the medians are compared. The random-order wijk is the
same build with the street numbering left out (its homes were drawn at random, so their order
is random); everything else, kernels included, is this checkout's code.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import wijksim.model.build as build
from wijksim.model import WijkModel


def wijk(residents: int, seed: int, burn_in: int | None, along_streets: bool) -> WijkModel:
    kw = {} if burn_in is None else {"run.burn_in_weeks": burn_in}
    street_order = build.morton_order
    if not along_streets:
        build.morton_order = lambda x, y: np.arange(x.shape[0])
    try:
        return WijkModel("tender_3y", seed=seed, residents=residents, years=10, **kw)
    finally:
        build.morton_order = street_order


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--residents", type=int, default=15000)
    ap.add_argument("--weeks", type=int, default=300, help="weeks each wijk is stepped")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--burn-in", type=int, default=None,
                    help="burn-in weeks (default: the scenario's)")
    a = ap.parse_args()
    random = wijk(a.residents, a.seed, a.burn_in, along_streets=False)
    streets = wijk(a.residents, a.seed, a.burn_in, along_streets=True)
    times: dict[str, list[float]] = {"random": [], "streets": []}
    for week in range(a.weeks):
        pair = [("random", random), ("streets", streets)]
        for name, model in pair if week % 2 == 0 else pair[::-1]:
            c0 = time.process_time()
            model.step()
            times[name].append(time.process_time() - c0)
    ra, st = (statistics.median(times[k]) * 1e3 for k in ("random", "streets"))
    print(f"{a.residents} residents, seed {a.seed}, {a.weeks} weeks each, interleaved: "
          f"numbered at random {ra:.2f} ms/week, along the streets {st:.2f} ms/week "
          f"(medians); ratio {st / ra:.3f}")


if __name__ == "__main__":
    main()
