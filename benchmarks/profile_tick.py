"""Where a week's time goes: each phase of ``WijkModel.step`` timed on its own (prints figures;
not a test).

    .venv/bin/python benchmarks/profile_tick.py                    # 15,000 residents, 104 weeks
    .venv/bin/python benchmarks/profile_tick.py --residents 5000 --weeks 52 --cprofile 25

The week is run phase by phase from the source of ``WijkModel.step`` itself (each statement
compiled once and executed in order), so the timed week is the model's own week; the script
checks that first, by comparing the outcomes of a timed run with those of ``model.run`` on a
small wijk. Each phase gets its CPU time (``time.process_time``, which the other users of a
shared machine disturb less than wall time) and its wall time, as medians per week and as
shares of the week. ``--cprofile N`` adds the N functions with the most own time (cProfile
with a CPU-time clock), kernels included.
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import inspect
import io
import pstats
import statistics
import textwrap
import time
from collections import defaultdict

import pandas as pd

from wijksim.model import wijk
from wijksim.model.wijk import WijkModel


def phases() -> list[tuple[str, object]]:
    """The statements of ``WijkModel.step`` (docstring dropped), each compiled on its own."""
    src = textwrap.dedent(inspect.getsource(WijkModel.step))
    body = ast.parse(src).body[0].body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return [(ast.unparse(node), compile(ast.Module([node], []), "<step>", "exec"))
            for node in body]


class Timed:
    """Runs a model's weeks phase by phase, adding up each phase's CPU and wall time."""

    def __init__(self, model: WijkModel):
        self.model = model
        self.steps = phases()
        self.cpu: dict[str, list[float]] = defaultdict(list)
        self.wall: dict[str, list[float]] = defaultdict(list)
        self.env = dict(vars(wijk))  # the module's names: the mechanism modules, np, ...

    def week(self) -> None:
        env = self.env
        env["self"] = self.model
        self.model.steps += 1  # as mesa.Model's step wrapper counts them, before the week
        for text, code in self.steps:
            c0, w0 = time.process_time(), time.perf_counter()
            exec(code, env)
            self.cpu[text].append(time.process_time() - c0)
            self.wall[text].append(time.perf_counter() - w0)


def model(residents: int, years: int = 10, seed: int = 1) -> WijkModel:
    return WijkModel(None, seed=seed, **{"wijk.residents": residents, "run.years": years})


def check_same_week() -> None:
    """The timed week is the model's own: identical outcomes on a small wijk."""
    a, b = model(600, years=1), model(600, years=1)
    a.run(weeks=20)
    t = Timed(b)
    for _ in range(20):
        t.week()
    pd.testing.assert_frame_equal(a.outcomes(), b.outcomes(), check_exact=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--residents", type=int, default=15000)
    ap.add_argument("--weeks", type=int, default=104, help="weeks timed after week 0")
    ap.add_argument("--top", type=int, default=25, help="phases listed")
    ap.add_argument("--cprofile", type=int, default=0, metavar="N",
                    help="also list the N functions with the most own CPU time")
    a = ap.parse_args()
    check_same_week()
    m = model(a.residents)  # built and burnt in: the weeks timed are weeks of the run
    t = Timed(m)
    for _ in range(4):  # warm-up
        t.week()
    t.cpu.clear()
    t.wall.clear()
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(a.weeks):
        t.week()
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(f"{a.residents} residents, {a.weeks} weeks of the run, {len(t.steps)} phases: "
          f"CPU {1000 * cpu / a.weeks:.2f} ms/week ({520 * cpu / a.weeks:.2f} s per 520 "
          f"weeks), wall {1000 * wall / a.weeks:.2f} ms/week")
    print(f"{'CPU ms/week':>11} {'share':>6} {'wall ms':>8}  phase (median over the weeks)")
    rows = sorted(t.cpu, key=lambda k: -sum(t.cpu[k]))
    for text in rows[: a.top]:
        share = sum(t.cpu[text]) / cpu
        print(f"{1000 * statistics.median(t.cpu[text]):11.3f} {100 * share:5.1f}% "
              f"{1000 * statistics.median(t.wall[text]):8.3f}  {text}")
    rest = rows[a.top:]
    if rest:
        print(f"{'':>11} {100 * sum(sum(t.cpu[k]) for k in rest) / cpu:5.1f}%  "
              f"the other {len(rest)} phases")
    if a.cprofile:
        prof = cProfile.Profile(time.process_time)
        prof.enable()
        for _ in range(a.weeks):
            t.week()
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(a.cprofile)
        print(out.getvalue())


if __name__ == "__main__":
    main()
