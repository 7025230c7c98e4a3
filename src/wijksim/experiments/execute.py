"""Execute an experiment: list its runs, skip those stored, run the rest, store as they finish.

Used by ``wijksim compare`` and ``wijksim sweep`` alike: a comparison is an experiment without
parameters. With a results folder every finished chunk is on disk before the next is awaited,
so an interrupted experiment keeps all finished runs and ``resume=True`` runs only the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from .._version import __version__
from ..provenance import git_commit
from ..scenario import Problem, ScenarioError
from .design import design_points, sample_matrix
from .executor import open_backend
from .runs import RunTask, plan, run_chunk
from .spec import Experiment
from .store import ORDER, Store, arrow_table, runs_schema, ticks_schema


@dataclass
class Execution:
    """What happened: how many runs were planned, already stored, and run now."""

    experiment: Experiment
    planned: int
    stored_before: int
    ran: int
    backend: str
    workers: int
    seconds: float
    store: Store | None = None
    runs: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    ticks: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    points: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    manifest: dict[str, Any] = field(default_factory=dict, repr=False)


def execute(exp: Experiment, *, out: str | Path | None = None, jobs: int | None = None,
            scheduler: str | None = None, resume: bool = False, overwrite: bool = False,
            progress: bool = False, chunk_size: int | None = None,
            say: Callable[[str], None] | None = None, command: str | None = None,
            report_follows: bool = False) -> Execution:
    """Run every run of ``exp`` not yet stored in ``out`` (in memory when ``out`` is None).

    A folder that already holds results is refused unless ``resume`` (skip the stored runs;
    they must be runs of this same experiment) or ``overwrite`` (delete them first).
    ``report_follows``: the caller writes a report next, so while workers do the runs this
    process imports what the report needs (:func:`warm_report_imports`).
    """
    import time

    say = say or (lambda _msg: None)
    out = Path(out) if out is not None else exp.out
    points = design_points(exp)
    tasks = plan(exp, points)
    params = [p.key for p in exp.parameters]
    t_schema, r_schema = ticks_schema(exp.outcomes), runs_schema(params)
    store, stored = None, set()
    if out is not None:
        store = Store(out)
        if overwrite and not resume:
            store.clear()
        stored = _open_store(store, exp, tasks, points, resume, command, say)
    todo = [t for t in tasks if t.run_id not in stored]
    t0 = time.perf_counter()
    ticks_parts: list[pd.DataFrame] = []
    runs_parts: list[pd.DataFrame] = []
    warming = None
    with open_backend(jobs, scheduler) as backend:
        say(_intro(exp, points, tasks, stored, todo, backend, out))
        if report_follows and backend.kind != "serial" and todo:
            warming = warm_report_imports(exp.method)
        size = chunk_size or _chunk_size(todo, backend.workers)
        chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
        bar = _bar(len(todo), exp.name) if progress and todo else None
        try:
            for chunk, (ticks, runs) in backend.imap_unordered(
                    run_chunk, chunks, exp.outcomes, params):
                if store is not None:
                    store.write_batch(ticks, runs, t_schema, r_schema)
                else:  # the same column types as a stored and reloaded result
                    ticks_parts.append(arrow_table(ticks, t_schema).to_pandas())
                    runs_parts.append(arrow_table(runs, r_schema).to_pandas())
                if bar is not None:
                    bar.update(len(chunk))
        finally:
            if bar is not None:
                bar.close()
    seconds = time.perf_counter() - t0
    if warming is not None:  # the report needs these imports now; and it may fork
        warming.join()
    ex = Execution(exp, len(tasks), len(stored), len(todo), backend.kind, backend.workers,
                   seconds, store, points=points)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    ex.manifest = store.manifest() if store is not None else {
        **manifest(exp, tasks, command), "created": now}
    if store is not None:  # ticks stay on disk; Results reads the columns it needs
        ex.runs = store.runs()
    elif runs_parts:
        order = list(ORDER)
        ex.runs = pd.concat(runs_parts, ignore_index=True).sort_values(
            order, kind="stable").reset_index(drop=True)
        ex.ticks = pd.concat(ticks_parts, ignore_index=True).sort_values(
            [*order, "week"], kind="stable").reset_index(drop=True)
    return ex


def warm_report_imports(method: str | None = None) -> threading.Thread:
    """Import what the report needs (matplotlib, scipy.stats, SALib: about 1.7 s) in a
    background thread, while other processes do the runs and this one only waits for their
    results; the report after the last run then starts at once. An import that fails here
    fails again, with its message, where the report needs it."""
    import importlib

    names = ["wijksim.analysis.report"]
    if method in ("sobol", "morris"):
        names.append(f"SALib.analyze.{method}")

    def load() -> None:
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - reported where the report imports it
                return

    thread = threading.Thread(target=load, name="wijksim-warm-report", daemon=True)
    thread.start()
    return thread


def _intro(exp, points, tasks, stored, todo, backend, out) -> str:
    where = {"serial": "in this process", "processes": f"on {backend.workers} processes",
             "dask": f"on Dask at {backend.address} ({backend.workers} workers)"}[backend.kind]
    lines = [describe(exp, points, tasks)]
    if stored:
        lines.append(f"{len(stored)} runs already stored in {out}, {len(todo)} to run")
    if todo:
        lines.append(f"running {len(todo)} runs {where}")
    return "\n".join(lines)


def describe(exp: Experiment, points: pd.DataFrame | None = None,
             tasks: list[RunTask] | None = None) -> str:
    """One line: what the experiment runs and how many runs that is."""
    points = design_points(exp) if points is None else points
    tasks = plan(exp, points) if tasks is None else tasks
    k, r, s = len(exp.scenarios), len(exp.reference), len(exp.seeds)
    plural = lambda n, w: f"{n} {w}{'s' * (n != 1)}"  # noqa: E731
    if exp.is_comparison:
        what = f"{plural(k, 'scenario')} x {plural(s, 'seed')}"
    else:
        what = f"{exp.method} design, {plural(len(points), 'point')} x {plural(k, 'scenario')}"
        if r:
            what += f" + {plural(r, 'reference scenario')}"
        what += f", {plural(s, 'seed')} each"
    s0 = exp.scenarios[0]
    return (f"{exp.name}: {what} = {plural(len(tasks), 'run')} ({s0['wijk.residents']} "
            f"residents, {plural(s0['run.years'], 'year')} each)")


# An upper estimate, on the safe side: measured 0.65 us at 15,000 residents and 1.2 us at
# 2,000 (README, Speed). Over-estimating only makes tasks smaller, never leaves a core idle.
SECONDS_PER_RESIDENT_WEEK = 2e-6
TASK_SECONDS = 2.0  # enough work per task that per-task overhead (Dask: ~5 ms) is noise


def _chunk_size(tasks: list[RunTask], workers: int) -> int:
    """Runs per task: enough that a task holds a couple of seconds of work, but never so
    many that workers idle at the end or finished runs wait long to be stored."""
    if not tasks:
        return 1
    s = tasks[0].scenario
    est = SECONDS_PER_RESIDENT_WEEK * s["wijk.residents"] * (52 * s["run.years"]
                                                             + s["run.burn_in_weeks"])
    by_cost = math.ceil(TASK_SECONDS / max(est, 1e-3))
    by_balance = math.ceil(len(tasks) / (4 * workers))
    return max(1, min(8, by_cost, by_balance))


def _bar(total: int, name: str):
    from tqdm import tqdm

    # no monitor thread: the report may fork processes to draw, which needs a process
    # without other threads (analysis._figures); the bar is updated often enough anyway
    tqdm.monitor_interval = 0
    return tqdm(total=total, unit="run", desc=name, file=sys.stderr, dynamic_ncols=True,
                smoothing=0.1, bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/"
                "{total_fmt} runs [{elapsed}<{remaining}, {rate_fmt}]")


def command_line() -> str | None:
    """The command that made the results, as a user would type it."""
    if not sys.argv or not sys.argv[0]:
        return None
    prog = Path(sys.argv[0]).name
    prog = "wijksim" if prog in ("wijksim", "__main__.py") else sys.argv[0]
    return " ".join([prog, *sys.argv[1:]])


def plan_hash(tasks: list[RunTask]) -> str:
    return hashlib.sha1("\n".join(t.run_id for t in tasks).encode()).hexdigest()[:16]


def manifest(exp: Experiment, tasks: list[RunTask], command: str | None = None
             ) -> dict[str, Any]:
    return {
        "name": exp.name, "kind": "comparison" if exp.is_comparison else "sweep",
        "description": exp.description,
        "experiment_file": str(exp.path) if exp.path else None,
        "experiment_text": exp.path.read_text() if exp.path else None,
        "command": command,
        "method": exp.method, "samples": exp.samples, "design_seed": exp.design_seed,
        "second_order": exp.second_order, "levels": exp.levels,
        "parameters": [asdict(p) for p in exp.parameters],
        "labels": list(exp.labels), "reference": list(exp.reference_labels),
        "scenario_hashes": {s.name: s.hash for s in (*exp.scenarios, *exp.reference)},
        "descriptions": {s.name: s.description for s in (*exp.scenarios, *exp.reference)},
        "descriptions_nl": {s.name: s.meta.get("description_nl", "")
                            for s in (*exp.scenarios, *exp.reference)},
        "seeds": list(exp.seeds), "outcomes": list(exp.outcomes),
        "analysis_outcomes": list(exp.analysis_outcomes),
        "contrast": list(exp.contrast) if exp.contrast else None,
        "fixed": exp.fixed, "discovery": exp.discovery, "runs": len(tasks),
        "plan_hash": plan_hash(tasks),
        "wijksim_version": __version__, "git_commit": git_commit(),
    }


def _open_store(store: Store, exp: Experiment, tasks: list[RunTask], points: pd.DataFrame,
                resume: bool, command: str | None, say: Callable[[str], None]) -> set[str]:
    """Check the folder against this experiment; return the ids already stored."""
    stored: set[str] = set()
    if store.exists():
        stored = store.stored_ids()
        if not resume:
            raise ScenarioError([Problem(str(store.root), "--out", str(store.root), "",
                                         f"already holds results ({len(stored)} "
                                         "runs); add --resume to finish or extend them, "
                                         "--overwrite to start again, or choose another "
                                         "--out", show_value=False)])
        foreign = stored - {t.run_id for t in tasks}
        if foreign:
            old = store.manifest()
            raise ScenarioError([Problem(str(store.root), "--resume", str(store.root), "",
                                         f"{len(foreign)} stored runs are not runs of this "
                                         f"experiment (stored: '{old.get('name')}', wijksim "
                                         f"{old.get('wijksim_version')}); the design, seeds, "
                                         "scenarios or wijksim changed - use another --out",
                                         show_value=False)])
        old, here = store.manifest(), git_commit()
        if old.get("git_commit") and here and old["git_commit"] != here:
            # Not refused: a commit need not touch the model, and every run row records its
            # own commit (the report lists them all). But say so.
            say(f"note: the stored runs were made at git commit {old['git_commit'][:10]}, "
                f"this is {here[:10]}; the run table records each run's commit")
        store.remove_orphans()
    store.create()
    created = store.manifest().get("created") or dt.datetime.now(dt.UTC).isoformat(
        timespec="seconds")
    store.write_manifest({**manifest(exp, tasks, command), "created": created})
    store.write_design(design_table(exp, points))
    return stored


def design_table(exp: Experiment, points: pd.DataFrame) -> pd.DataFrame:
    """Design points plus, for sampled designs, the raw sample (Morris analysis needs it)."""
    design = points.copy()
    if exp.method in ("lhs", "sobol", "morris"):
        raw = sample_matrix(exp)
        for j, p in enumerate(exp.parameters):
            design[f"raw:{p.key}"] = raw[:, j]
    return design
