"""Two checkouts' weekly ticks, interleaved A/B runs, medians and ratios (prints; not a test).

On a shared machine the load drifts over minutes, so runs of the two versions alternate
(A B A B ...), each in a fresh process of :mod:`bench_ticks` with one timed run::

    git worktree add --detach /tmp/base main
    .venv/bin/python benchmarks/compare_ticks.py /tmp/base/src src --pairs 5

prints the wall and CPU time of the ticks of every run, their medians, and B / A. Both
checkouts run with this checkout's virtual environment (``PYTHONPATH`` picks the sources).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LINE = re.compile(r"ticks ([\d.]+) s wall .*?, ([\d.]+) s CPU")


def one_run(src: str, residents: int, years: int) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
    out = subprocess.run([sys.executable, str(HERE / "bench_ticks.py"), "--repeats", "1",
                          "--residents", str(residents), "--years", str(years)],
                         env=env, capture_output=True, text=True, check=True).stdout
    m = LINE.search(out)
    if m is None:
        raise SystemExit(f"unexpected output of bench_ticks.py: {out!r}")
    return float(m.group(1)), float(m.group(2))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", help="source folder of version A (the baseline), e.g. /tmp/base/src")
    ap.add_argument("b", help="source folder of version B, e.g. src")
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--residents", type=int, default=15_000)
    ap.add_argument("--years", type=int, default=10)
    args = ap.parse_args()
    runs: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
    for k in range(args.pairs):
        for name, src in (("A", args.a), ("B", args.b)):
            wall, cpu = one_run(src, args.residents, args.years)
            runs[name].append((wall, cpu))
            print(f"{name}{k + 1}: ticks {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
    med = {n: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r))
           for n, r in runs.items()}
    print(f"{args.residents} residents x {52 * args.years} ticks, {args.pairs} pairs")
    for n in ("A", "B"):
        print(f"median {n}: {med[n][0]:.2f} s wall, {med[n][1]:.2f} s CPU")
    print(f"B / A: {med['B'][0] / med['A'][0]:.3f} wall, {med['B'][1] / med['A'][1]:.3f} CPU")


if __name__ == "__main__":
    main()
