"""``wijksim compare`` and ``wijksim sweep`` (plugged into wijksim.cli by ``register``)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..files import first_free_folder



def register(sub) -> None:
    """Add the experiment commands to the subcommands ``sub`` of wijksim's parser."""
    from ..cli import add_run_options
    from . import DEFAULT_SCENARIOS, DEFAULT_SEEDS

    p = sub.add_parser(
        "compare", help="run scenarios side by side with common seeds; write a report",
        description="Run replicates of each scenario with the same seeds (common random "
                    "numbers) and write a report: trajectories with 95% bands, end values "
                    "and paired differences with 95% intervals.")
    p.add_argument("scenarios", nargs="*", metavar="SCENARIO",
                   default=list(DEFAULT_SCENARIOS),
                   help="shipped scenario names or .toml files (default: "
                        + " ".join(DEFAULT_SCENARIOS) + ")")
    add_run_options(p, seeds=True)
    p.set_defaults(seeds=DEFAULT_SEEDS)
    _add_exec_options(p)
    p.add_argument("--out", help="results folder (default results/compare-SCENARIOS); the "
                                 "same comparison there is reused, another one refused")
    p.add_argument("--overwrite", action="store_true",
                   help="replace the results already in --out")
    p.set_defaults(func=cmd_compare)
    p.epilog = f"--seeds defaults to {DEFAULT_SEEDS}."

    p = sub.add_parser(
        "sweep", help="run an experiment file (grid, Latin hypercube, Sobol, Morris)",
        description="Run every run of an experiment file, locally or on a Dask cluster, "
                    "storing results as Parquet as they finish; write a report with "
                    "sensitivity indices.")
    p.add_argument("experiment", help="experiment file (.toml) or a shipped experiment name")
    add_run_options(p, seeds=True)
    _add_exec_options(p)
    p.add_argument("--out", help="results folder (default: the file's out, else "
                                 "results/NAME)")
    p.add_argument("--overwrite", action="store_true",
                   help="delete results already in the folder and start again")
    p.add_argument("--dry-run", action="store_true",
                   help="print what would run, run nothing")
    p.set_defaults(func=cmd_sweep)


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return n


def _add_exec_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=_positive, default=None,
                   help="local processes (default: number of cores; 1 = this process)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask cluster: tcp://host:8786, or 'local' for a Dask "
                        "LocalCluster of --jobs workers on this machine")
    p.add_argument("--resume", action="store_true",
                   help="keep runs already stored in the results folder; run only the rest")
    p.add_argument("--chunk-size", type=_positive, default=None, metavar="N",
                   help="runs per task and per stored batch (default: from the estimated "
                        "run time, so a task holds a few seconds of work)")
    p.add_argument("--quiet", action="store_true", help="no progress bar, print only errors")


def _say(args):
    return (lambda msg: None) if args.quiet else print


def cmd_compare(args: argparse.Namespace) -> int:
    from ..cli import overrides_from
    from . import run_experiment
    from .spec import comparison

    exp = comparison(args.scenarios, args.seeds, years=args.years, residents=args.residents,
                     overrides=overrides_from(args))
    out = _comparison_folder(args, exp)
    res, rc = _run(args, exp, out, overwrite=args.overwrite)
    if res is None:
        return rc
    if not args.quiet:
        print_comparison(res)
        print(f"Report: {out / 'report.md'} (also report.html, trajectories.png"
              + (", differences.png" if len(exp.scenarios) > 1 else "") + ")")
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    from ..cli import overrides_from
    from .spec import load_experiment
    from .execute import describe

    seeds = args.seeds
    exp = load_experiment(args.experiment, seeds=seeds, years=args.years,
                          residents=args.residents, overrides=overrides_from(args),
                          out=args.out)
    out = exp.out or Path("results") / exp.name
    if args.dry_run:
        print(describe(exp))
        print(f"results would go to {out}")
        return 0
    res, rc = _run(args, exp, out, overwrite=args.overwrite)
    if res is None:
        return rc
    if not args.quiet:
        print_comparison(res) if res.is_comparison else print_sweep(res)
        print(f"Report: {out / 'report.md'} (also report.html and figures)")
    return 0


def _comparison_folder(args, exp) -> Path:
    """Where a comparison goes, never over another comparison's results.

    The same comparison already there (same scenarios, seeds, sizes and wijksim, so the same
    runs) is reused: only missing runs run, and the report is written anew. Made at another
    git commit, it is run again (the model may have changed). Another comparison's results
    are refused in an --out given on the command line (unless --overwrite); the default
    folder moves aside to -2, -3, ...
    """
    from ..provenance import git_commit
    from ..scenario import Problem, ScenarioError
    from .design import design_points
    from .runs import plan
    from .store import Store

    ids = {t.run_id for t in plan(exp, design_points(exp))}

    def verdict(out: Path) -> str:
        store = Store(out)
        if args.overwrite or args.resume or not store.exists():
            return "use"
        if not store.stored_ids() <= ids:
            return "other"
        old, here = store.manifest().get("git_commit"), git_commit()
        if old and here and old != here:
            args.overwrite = True
            if not args.quiet:
                print(f"{out}: this comparison was made at git commit {old[:10]}; running it "
                      f"again at {here[:10]}")
            return "use"
        args.resume = True  # the same runs: keep them, run what is missing
        return "use"

    if args.out:
        out = Path(args.out)
        if verdict(out) == "other":
            old = Store(out).manifest()
            raise ScenarioError([Problem(str(out), "", "", "", (
                f"already holds the results of another comparison ('{old.get('name')}', "
                f"{len(Store(out).stored_ids())} runs); add --overwrite to replace them, or "
                "choose another --out"), show_value=False)])
        return out
    return first_free_folder(Path(f"results/compare-{'-'.join(exp.labels)}"),
                             lambda out: verdict(out) == "other")


def _run(args, exp, out: Path, overwrite: bool):
    from concurrent.futures.process import BrokenProcessPool

    from . import run_experiment
    from .execute import command_line

    t0 = time.perf_counter()
    try:
        res = run_experiment(exp, out=out, jobs=args.jobs, scheduler=args.scheduler,
                             resume=args.resume, overwrite=overwrite,
                             progress=not args.quiet, say=_say(args),
                             command=command_line(), chunk_size=args.chunk_size)
    except KeyboardInterrupt:
        _stopped("interrupted", out)
        return None, 130
    except BrokenProcessPool as exc:  # a worker was killed (out of memory, kill -9, ...)
        _stopped(f"a worker process died ({exc})", out)
        return None, 1
    except Exception as exc:
        if not (args.scheduler and _from_dask(exc)):
            raise
        # a task whose workers kept dying (KilledWorker), a lost scheduler, a closed comm
        _stopped(f"the Dask cluster failed ({type(exc).__name__}: {exc})", out)
        return None, 1
    if not args.quiet:
        ex = res.execution
        print(f"done: {ex.ran} runs in {_duration(time.perf_counter() - t0)}"
              + (f" ({ex.stored_before} were already stored)" if ex.stored_before else "")
              + f"; results in {out}/")
    return res, 0


def _from_dask(exc: BaseException) -> bool:
    """Raised by dask.distributed, or a lost connection to the cluster."""
    module = type(exc).__module__ or ""
    return module.split(".")[0] in ("distributed", "dask") or isinstance(
        exc, (OSError, TimeoutError, EOFError))


def _stopped(why: str, out: Path) -> None:
    """Say what is kept and how to go on."""
    from .store import Store

    n = len(Store(out).stored_ids())
    again = " ".join(a for a in sys.argv[1:] if a not in ("--resume", "--overwrite"))
    print(f"{why}: {n} finished runs are stored in {out}; finish with:\n"
          f"  wijksim {again} --resume", file=sys.stderr)


def _duration(s: float) -> str:
    return f"{s:.0f} s" if s < 90 else f"{int(s // 60)} min {int(s % 60):02d} s"


# -- what the verbs print ---------------------------------------------------------------------
def print_comparison(res) -> None:
    from ..analysis.experiment_plots import one_line
    from ..analysis.report import fmt_interval, fmt_pm

    outcomes, labels = res.outcomes, res.labels
    s = res.summary(outcomes).set_index(["outcome", "label"])
    n = len(res.manifest["seeds"])
    width = max(len(one_line(o, end=True)) for o in outcomes) + 2
    print(f"\nLast-year values, mean ± 95% interval over {n} seeds:")
    print(" " * width + "".join(f"{lab:>22s}" for lab in labels))
    for o in outcomes:
        cells = []
        for lab in labels:
            r = s.loc[(o, lab)]
            cells.append(fmt_pm(o, r["mean"], r["low"], r["high"]))
        print(f"{one_line(o, end=True):{width}s}" + "".join(f"{c:>22s}" for c in cells))
    if len(labels) < 2:
        return
    d = res.differences(outcomes)
    pairs = list(dict.fromkeys(zip(d["a"], d["b"])))
    d = d.set_index(["outcome", "a", "b"])
    print(f"\nPaired differences (same seeds), mean [95% interval]; * = interval excludes 0:")
    heads = [f"{b} − {a}" for a, b in pairs]
    rows = []
    for o in outcomes:
        cells = []
        for a, b in pairs:
            r = d.loc[(o, a, b)]
            star = "*" if r["low"] > 0 or r["high"] < 0 else " "
            cells.append(fmt_interval(o, r["mean"], r["low"], r["high"], diff=True) + star)
        rows.append((o, cells))
    cw = max(len(x) for x in [*heads, *(c for _, cs in rows for c in cs)]) + 2
    print(" " * width + "".join(f"{h:>{cw}s}" for h in heads))
    for o, cells in rows:
        print(f"{one_line(o, end=True):{width}s}" + "".join(f"{c:>{cw}s}" for c in cells))
    print()


def print_sweep(res) -> None:
    from ..analysis.experiment_plots import one_line

    m = res.manifest
    if not res.has_indices:
        if len(res.points) <= 20:
            print_response(res)
        return
    if len(res.runs) != m["runs"]:
        print("sensitivity indices need every run; finish with --resume")
        return
    idx = res.sensitivity()
    sobol = m["method"] == "sobol"
    col = "ST" if sobol else "mu_star"
    print(f"\nLargest {'total Sobol index (ST)' if sobol else 'Morris mu*'} per outcome "
          "[95% interval]:")
    for (scen, o), d in idx.groupby(["scenario", "outcome"], sort=False):
        top = d.sort_values(col, ascending=False).iloc[0]
        print(f"  {scen:12s} {one_line(o, end=True):45s} {top['parameter']:40s} "
              f"{top[col]:.3g} [{top[col + '_low']:.3g}, {top[col + '_high']:.3g}]")
    print()



def print_response(res, n_outcomes: int = 3) -> None:
    """A small sweep's last-year values per point (the first few outcomes)."""
    from ..analysis.experiment_plots import one_line
    from ..analysis.report import fmt_pm

    outcomes = res.outcomes[:n_outcomes]
    params = [p["key"] for p in res.manifest["parameters"]]
    resp = res.response(outcomes).set_index(["label", "point", "outcome"])
    keys = resp.reset_index()[["label", "point", *params]].drop_duplicates(["label", "point"])
    n = len(res.manifest["seeds"])
    print(f"\nLast-year values, mean ± 95% interval over {n} seeds:")
    heads = [one_line(o, end=True).split(" (")[0] for o in outcomes]
    pw = [max(len(p), 12) for p in params]
    lw = max(len("scenario"), *(len(x) for x in keys["label"]))
    print(f"{'scenario':{lw}s}  " + "  ".join(f"{p:>{w}s}" for p, w in zip(params, pw))
          + "".join(f"{h:>24s}" for h in heads))
    for _, k in keys.iterrows():
        vals = ["(reference)" if k["point"] < 0 else f"{k[p]:g}" if isinstance(k[p], float)
                else str(k[p]) for p in params]
        cells = [fmt_pm(o, *resp.loc[(k["label"], k["point"], o), ["mean", "low", "high"]])
                 for o in outcomes]
        print(f"{k['label']:{lw}s}  " + "  ".join(f"{v:>{w}s}" for v, w in zip(vals, pw))
              + "".join(f"{c:>24s}" for c in cells))
    print()
