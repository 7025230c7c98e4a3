"""How fast and how large a wijk runs: the model's speed, scale and memory (prints figures;
not a test).

    .venv/bin/python benchmarks/bench_model.py            # everything, about 15 minutes
    .venv/bin/python benchmarks/bench_model.py --quick    # 2,000 and 15,000 residents only
    .venv/bin/python benchmarks/bench_model.py --sizes 15000 --repeats 9 --skip long mesa jobs

What it measures, each in a fresh process so that peak memory belongs to one measurement:

* Runs of the default scenario over 10 years at 2,000 / 15,000 / 50,000 residents, median
  over --repeats runs (seeds 1, 2, ...): the 520 weekly ticks (``model.run()``), and the
  whole run including construction and the 104-week burn-in (``WijkModel(...)`` + ``run()``);
  resident-weeks per second; peak memory (max RSS) of the process; the share of the ticks
  spent recording outcomes (every week, the default); the least-squares exponent of time
  against residents.
* Numba compilation, once: first use of every kernel with an empty cache, and with the cache
  (kernels use ``cache=True``, so only a fresh checkout pays it). Every timed run above comes
  after a warm-up model in the same process, so no compilation is in the medians.
* 50,000 residents for 50 years (one run): time and peak memory.
* Mesa's own examples in the same script run: Schelling and Boltzmann wealth (shipped with
  Mesa), agent-steps per second, to set beside resident-weeks per second.
* A sweep of 66 runs with 1 process, N local processes and a Dask LocalCluster of N workers
  (N = the cores here), and what one worker pays once at start-up.
* Whole runs from a stored burn-in (``WijkModel.starting``), as run/compare/sweep do them.

All times are wall-clock (``time.perf_counter``); CPU time is printed beside them, so that a
busy machine shows as a gap between the two. The app's step-and-redraw time is measured by
benchmarks/bench_app.py.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
YEARS = 10


# -- workers (run in a fresh process, print one JSON line) -------------------------------------
def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def _warm_up() -> None:
    """A small model touches every kernel once: Numba loads them from its cache (or compiles)."""
    from wijksim.model.wijk import WijkModel
    WijkModel(None, seed=0, **{"wijk.residents": 600, "run.years": 1,
                               "run.burn_in_weeks": 4}).run(weeks=4)


def worker_runs(residents: int, years: int, repeats: int, record_every: int) -> dict:
    """Whole runs of the default scenario: construction (without and with burn-in), ticks."""
    from wijksim.model.wijk import WijkModel

    class Timed(WijkModel):  # times parts of a run; the model itself is unchanged
        def _burn_in(self) -> None:
            t0 = time.perf_counter()
            super()._burn_in()
            self.t_burn = time.perf_counter() - t0

        def _record(self, week: int) -> None:
            t0 = time.perf_counter()
            super()._record(week)
            self.t_record = getattr(self, "t_record", 0.0) + time.perf_counter() - t0

    _warm_up()
    base_mb = _peak_mb()
    out = {k: [] for k in ("whole", "whole_cpu", "build", "burn", "ticks", "ticks_cpu",
                           "record", "from_snapshot", "snapshot_load")}
    cache = Path(tempfile.mkdtemp(prefix="wijksim-bench-burn-in-"))
    for rep in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        m = Timed(None, seed=rep + 1, **{"wijk.residents": residents, "run.years": years,
                                         "run.record_every": record_every})
        w1, c1 = time.perf_counter(), time.process_time()
        m.t_record = 0.0
        m.run()
        w2, c2 = time.perf_counter(), time.process_time()
        out["whole"].append(w2 - w0)
        out["whole_cpu"].append(c2 - c0)
        out["build"].append(w1 - w0 - m.t_burn)
        out["burn"].append(m.t_burn)
        out["ticks"].append(w2 - w1)
        out["ticks_cpu"].append(c2 - c1)
        out["record"].append(m.t_record)
        weeks, burn_weeks = m.horizon, m.p.run.burn_in_weeks
        del m
        gc.collect()  # agents and model refer to each other: free this wijk before the next
        # the same run from a stored burn-in (what run, compare, sweep and the app do)
        over = {"wijk.residents": residents, "run.years": years,
                "run.record_every": record_every}
        WijkModel.starting(None, seed=rep + 1, cache=cache, **over)  # stores it (untimed)
        gc.collect()
        w0 = time.perf_counter()
        m = WijkModel.starting(None, seed=rep + 1, cache=cache, **over)
        w1 = time.perf_counter()
        m.run()
        out["from_snapshot"].append(time.perf_counter() - w0)
        out["snapshot_load"].append(w1 - w0)
        del m
        gc.collect()
    shutil.rmtree(cache, ignore_errors=True)
    out.update(residents=residents, years=years, weeks=weeks, burn_weeks=burn_weeks,
               peak_mb=_peak_mb(), base_mb=base_mb)
    return out


def worker_compile(cache_dir: str) -> dict:
    """First use of the kernels, with whatever NUMBA_CACHE_DIR holds (set by the parent)."""
    t0 = time.perf_counter()
    import wijksim.model.wijk  # noqa: F401  (imports: numpy, Mesa, Numba, the model)
    t1 = time.perf_counter()
    _warm_up()
    t2 = time.perf_counter()
    return {"import": t1 - t0, "first_model": t2 - t1}


def worker_mesa(repeats: int, steps: int) -> dict:
    """Mesa's example models, as shipped, in agent-steps per second (steps only)."""
    from mesa.examples import BoltzmannWealth, Schelling

    cases = {
        "Schelling 20x20 (default)": lambda s: Schelling(seed=s),
        "Schelling 100x100": lambda s: Schelling(height=100, width=100, seed=s),
        "BoltzmannWealth n=100 (default)": lambda s: BoltzmannWealth(seed=s),
        "BoltzmannWealth n=5000, 70x70": lambda s: BoltzmannWealth(n=5000, width=70,
                                                                   height=70, seed=s),
    }
    res = {}
    for name, make in cases.items():
        make(0).step()  # warm-up
        rates, agents = [], 0
        for rep in range(repeats):
            model = make(rep + 1)
            agents = len(model.agents)
            t0 = time.perf_counter()
            for _ in range(steps):
                model.step()  # fixed number of steps (Schelling's 'running' is ignored)
            rates.append(agents * steps / (time.perf_counter() - t0))
        res[name] = {"agents": agents, "steps": steps, "rates": rates}
    return res


def worker_startup(residents: int) -> dict:
    """What a sweep worker pays once: imports, compiled kernels from the cache, and (per
    seed) loading a stored burn-in of ``residents`` residents."""
    t0 = time.perf_counter()
    import wijksim.experiments.runs  # noqa: F401
    from wijksim.model.wijk import WijkModel
    t1 = time.perf_counter()
    _warm_up()
    t2 = time.perf_counter()
    cache = Path(tempfile.mkdtemp(prefix="wijksim-bench-burn-in-"))
    over = {"wijk.residents": residents, "run.years": 1}
    WijkModel.starting(None, seed=1, cache=cache, **over)
    t3 = time.perf_counter()
    WijkModel.starting(None, seed=1, cache=cache, **over)
    t4 = time.perf_counter()
    shutil.rmtree(cache, ignore_errors=True)
    return {"import": t1 - t0, "kernels": t2 - t1, "snapshot_load": t4 - t3}


WORKERS = {"runs": worker_runs, "compile": worker_compile, "mesa": worker_mesa,
           "startup": worker_startup}


def run_worker(kind: str, env: dict | None = None, **kwargs) -> dict:
    cmd = [sys.executable, __file__, "--worker", kind, json.dumps(kwargs)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"worker {kind} {kwargs} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the report ---------------------------------------------------------------------------
def med(xs: list[float]) -> float:
    return statistics.median(xs)


def spread(xs: list[float]) -> str:
    return f"{min(xs):.2f}-{max(xs):.2f}"


def machine() -> None:
    import mesa
    import numba
    import numpy

    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = float("nan")
    print(f"machine: {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; Python "
          f"{platform.python_version()}, numpy {numpy.__version__}, Numba {numba.__version__}, "
          f"Mesa {mesa.__version__}; load average {os.getloadavg()[0]:.2f} at start")


def section_compile() -> None:
    print("\n== Numba compilation (once; not in any median below) ==")
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        cold = run_worker("compile", env=env, cache_dir=cache)
        warm = run_worker("compile", env=env, cache_dir=cache)
    print(f"import wijksim.model: {cold['import']:.2f} s")
    print(f"first small model, empty Numba cache (compiles every kernel): "
          f"{cold['first_model']:.1f} s")
    print(f"first small model, kernels from the cache:                    "
          f"{warm['first_model']:.1f} s")


def section_runs(sizes: list[int], repeats: int) -> dict[int, dict]:
    print(f"\n== {YEARS}-year runs of the default scenario, median of {repeats} "
          f"(seeds 1-{repeats}), wall clock ==")
    res = {}
    for n in sizes:
        r = run_worker("runs", residents=n, years=YEARS, repeats=repeats, record_every=1)
        res[n] = r
        weeks, burn = r["weeks"], r["burn_weeks"]
        ticks, whole = med(r["ticks"]), med(r["whole"])
        print(f"{n:>6} residents: {weeks} weekly ticks {ticks:6.2f} s "
              f"(range {spread(r['ticks'])}, CPU {med(r['ticks_cpu']):.2f} s) = "
              f"{1000 * ticks / weeks:5.2f} ms/week = {n * weeks / ticks / 1e6:5.2f} M "
              f"resident-weeks/s")
        print(f"{'':>17} whole run incl. construction and {burn}-week burn-in "
              f"{whole:6.2f} s (range {spread(r['whole'])}, CPU {med(r['whole_cpu']):.2f} s;"
              f" construction {med(r['build']):.2f} s, burn-in {med(r['burn']):.2f} s)")
        print(f"{'':>17} whole run from a stored burn-in (snapshot) "
              f"{med(r['from_snapshot']):6.2f} s (range {spread(r['from_snapshot'])}; loading "
              f"the snapshot {med(r['snapshot_load']):.2f} s)")
        print(f"{'':>17} recording outcomes every week: {1000 * med(r['record']) / weeks:.2f}"
              f" ms/week = {100 * med(r['record']) / ticks:.1f}% of the ticks; peak memory "
              f"{r['peak_mb']:.0f} MB (process after imports and warm-up: "
              f"{r['base_mb']:.0f} MB)")
    if len(sizes) >= 2:
        xs = [math.log(n) for n in sizes]
        for label, key in (("520 weekly ticks", "ticks"), ("whole run", "whole")):
            ys = [math.log(med(res[n][key])) for n in sizes]
            mx, my = statistics.fmean(xs), statistics.fmean(ys)
            slope = (sum((x - mx) * (y - my) for x, y in zip(xs, ys))
                     / sum((x - mx) ** 2 for x in xs))
            print(f"scaling exponent of time against residents ({min(sizes)}-{max(sizes)}, "
                  f"{label}): {slope:.2f}")
    return res


def section_long(residents: int, years: int) -> None:
    print(f"\n== {residents} residents for {years} years (one run) ==")
    r = run_worker("runs", residents=residents, years=years, repeats=1, record_every=1)
    print(f"whole run {r['whole'][0]:.0f} s ({r['weeks']} weekly ticks "
          f"{r['ticks'][0]:.0f} s), peak memory {r['peak_mb']:.0f} MB")


def section_mesa(repeats: int, steps: int, ours: float | None) -> None:
    print(f"\n== Mesa's example models (mesa.examples, as shipped), median of {repeats} x "
          f"{steps} steps ==")
    res = run_worker("mesa", repeats=repeats, steps=steps)
    for name, r in res.items():
        rate = med(r["rates"])
        line = f"{name:34s} {r['agents']:>6} agents: {rate / 1e3:8.1f} k agent-steps/s"
        if ours and name.startswith("Schelling"):
            line += f"   (wijksim 15,000: {ours / rate:.0f}x)"
        print(line)


def section_jobs(jobs: int, seeds: int, residents: int, years: int) -> None:
    """A sweep of 3 x ``seeds`` runs (at least 64) with 1 process, ``jobs`` local processes
    and a Dask LocalCluster of ``jobs`` workers: the runs alone (``Execution.seconds`` of the
    Python API, pool or cluster start-up included) and the whole command (start-up, runs,
    writing, report). Then what one worker pays once at start-up."""
    n_runs = 3 * seeds
    print(f"\n== wijksim sweep experiments/regimes.toml --seeds {seeds} --residents "
          f"{residents} --years {years} ({n_runs} runs): 1 process against {jobs} local "
          f"processes and a Dask LocalCluster of {jobs} workers ==")
    exe = Path(sys.executable).with_name("wijksim")
    api = ("import sys; from wijksim.experiments import sweep; r = sweep("
           "'experiments/regimes.toml', seeds={s}, residents={n}, years={y}, jobs={j}, "
           "scheduler={sch!r}, out=sys.argv[1], overwrite=True, report=False); "
           "print(r.execution.seconds)")
    whole, runs = {}, {}
    for label, j, sch in (("1 process", 1, None), (f"{jobs} processes", jobs, None),
                          (f"Dask LocalCluster x{jobs}", jobs, "local")):
        out = Path(tempfile.mkdtemp(prefix="wijksim-bench-"))
        env = dict(os.environ, WIJKSIM_SNAPSHOTS=str(out / "burn-in"))
        cmd = [str(exe), "sweep", "experiments/regimes.toml", "--seeds", str(seeds),
               "--residents", str(residents), "--years", str(years), "--jobs", str(j),
               "--quiet", "--overwrite", "--out", str(out / "a")]
        if sch:
            cmd += ["--scheduler", sch]
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, env=env)
        whole[label] = time.perf_counter() - t0
        shutil.rmtree(out / "burn-in", ignore_errors=True)  # the runs alone burn in afresh
        res = subprocess.run([sys.executable, "-c", api.format(s=seeds, n=residents, y=years,
                                                               j=j, sch=sch), str(out / "b")],
                             cwd=ROOT, check=True, capture_output=True, text=True, env=env)
        runs[label] = float(res.stdout.strip().splitlines()[-1])
        shutil.rmtree(out, ignore_errors=True)
        print(f"{label:24s}: whole command {whole[label]:6.1f} s, the {n_runs} runs alone "
              f"{runs[label]:6.1f} s")
    one = "1 process"
    for label in list(runs)[1:]:
        print(f"speed-up, {label}: {runs[one] / runs[label]:.2f}x on the runs, "
              f"{whole[one] / whole[label]:.2f}x on the whole command")
    print(f"(load average now {os.getloadavg()[0]:.2f})")
    st = [run_worker("startup", residents=residents) for _ in range(3)]
    print(f"a worker's start-up, median of 3 fresh processes: imports "
          f"{med([s['import'] for s in st]):.2f} s, compiled kernels from the cache "
          f"{med([s['kernels'] for s in st]):.2f} s, loading a stored burn-in of {residents} "
          f"residents {med([s['snapshot_load'] for s in st]):.3f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 15000, 50000])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--quick", action="store_true",
                    help="2,000 and 15,000 residents, 3 repeats, no 50-year run or sweep")
    ap.add_argument("--skip", nargs="*", default=[],
                    choices=["compile", "runs", "long", "mesa", "jobs"])
    ap.add_argument("--long-years", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("args", nargs="?", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        print(json.dumps(WORKERS[a.worker](**json.loads(a.args))))
        return
    if a.quick:
        a.sizes, a.repeats = [2000, 15000], 3
        a.skip = list(set(a.skip) | {"long", "jobs"})
    print(f"$ {' '.join([Path(sys.executable).name, *sys.argv])}")
    machine()
    if "compile" not in a.skip:
        section_compile()
    ours = None
    if "runs" not in a.skip:
        res = section_runs(sorted(a.sizes), max(1, a.repeats))
        if 15000 in res:
            ours = 15000 * res[15000]["weeks"] / med(res[15000]["ticks"])
    if "long" not in a.skip:
        section_long(50000, a.long_years)
    if "mesa" not in a.skip:
        section_mesa(max(5, a.repeats), 100, ours)
    if "jobs" not in a.skip and a.jobs > 1:
        section_jobs(a.jobs, seeds=22, residents=3000, years=2)


if __name__ == "__main__":
    main()
