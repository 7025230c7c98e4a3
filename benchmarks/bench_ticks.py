"""The weekly ticks of one wijk size, median of a few runs (prints figures; not a test).

A quick check that a refactoring keeps the model's speed (``make bench`` takes some twenty
minutes on two shared cores)::

    .venv/bin/python benchmarks/bench_ticks.py                       # 15,000 x 520, 5 runs
    PYTHONPATH=/some/other/checkout/src .venv/bin/python benchmarks/bench_ticks.py

Times ``model.run()`` (the 520 weekly ticks of the default scenario over 10 years) after a
warm-up model, so that no Numba compilation is in the median; construction and burn-in are
timed apart. Wall clock and CPU time are both printed: on a busy machine they drift apart.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--residents", type=int, default=15_000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()

    import wijksim
    from wijksim.experiments.runs import load_kernels
    from wijksim.model.wijk import WijkModel

    load_kernels()
    ticks, cpu, build = [], [], []
    for rep in range(args.repeats):
        t0 = time.perf_counter()
        m = WijkModel(None, seed=rep + 1, **{"wijk.residents": args.residents,
                                             "run.years": args.years})
        t1, c1 = time.perf_counter(), time.process_time()
        m.run()
        ticks.append(time.perf_counter() - t1)
        cpu.append(time.process_time() - c1)
        build.append(t1 - t0)
        del m
        gc.collect()
    print(f"{wijksim.__file__}: {args.residents} residents x {52 * args.years} ticks, "
          f"median of {args.repeats}: ticks {statistics.median(ticks):.2f} s wall "
          f"({min(ticks):.2f}-{max(ticks):.2f}), {statistics.median(cpu):.2f} s CPU; "
          f"build + burn-in {statistics.median(build):.2f} s")


if __name__ == "__main__":
    main()
