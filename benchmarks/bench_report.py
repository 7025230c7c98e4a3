"""How long writing the report of a 24-run comparison takes (prints figures; not a test).

    .venv/bin/python benchmarks/bench_report.py                  # runs once, then times
    .venv/bin/python benchmarks/bench_report.py --repeats 7 --lang nl

The demo comparison is 3 scenarios x 8 seeds = 24 runs of 10 years. The report's cost
depends on runs x recorded weeks (tables, trajectories, events), not on residents, so the
runs here are small (600 residents, 10 years: the same 24 x 521 weekly rows as the demo) and
are made once in --out, then reused. Timed: ``load_results(...).report()`` alone (reading
the Parquet store, every table and figure, Markdown and self-contained HTML), median over
--repeats, in one process after a warm-up (imports excluded). CPU time is printed beside
wall time so a busy machine shows as a gap between the two. The target (issue 15) is under
5 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="results/bench-report")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--lang", default="en", choices=("en", "nl"))
    args = ap.parse_args()
    out = Path(args.out)
    if not (out / "manifest.json").is_file():
        subprocess.run([sys.executable, "-m", "wijksim.cli", "compare", "tender_3y",
                        "tender_9y", "subsidy", "--seeds", "8", "--residents", "600",
                        "--years", "10", "--out", str(out), "--quiet"], check=True)
    from wijksim.experiments import load_results

    load_results(out).report(lang=args.lang)  # warm-up: imports, font cache
    walls, cpus = [], []
    for _ in range(args.repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        load_results(out).report(lang=args.lang)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    res = load_results(out)
    print(f"report of {len(res.runs)} runs x {res.ticks['week'].nunique()} weeks "
          f"({args.lang}): median wall {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f}), median CPU "
          f"{statistics.median(cpus):.2f} s over {args.repeats} repeats; target < 5 s")


if __name__ == "__main__":
    main()
