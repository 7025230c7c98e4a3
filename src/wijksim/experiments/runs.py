"""The runs of an experiment and the function that executes a chunk of them.

A run is one scenario (with a design point's values applied) and one seed. Its ``run_id`` is a
hash of what determines its results — wijksim version, label, point, resolved scenario hash
and seed — so the same experiment always lists the same ids: that is how ``--resume`` knows
what is stored, and why a changed design or a new wijksim version cannot be mixed into old
results. Workers get the resolved :class:`Scenario` itself, so a Dask worker needs no
scenario files, only wijksim.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any, Sequence

import pandas as pd

from .. import provenance
from .._version import __version__
from ..scenario import Scenario
from .design import design_points, point_overrides
from .spec import Experiment

REFERENCE_POINT = -1  # reference scenarios run outside the design


@dataclass(frozen=True)
class RunTask:
    run_id: str
    point: int
    label: str
    seed: int
    scenario: Scenario = field(repr=False)


def run_id(label: str, point: int, scenario_hash: str, seed: int) -> str:
    key = json.dumps({"v": __version__, "label": label, "point": point,
                      "scenario": scenario_hash, "seed": seed}, sort_keys=True)
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def plan(exp: Experiment, points: pd.DataFrame | None = None) -> list[RunTask]:
    """Every run of the experiment, in a fixed order: reference runs, then point by point,
    scenario by scenario, seed by seed. The same seeds at every point and in every scenario
    (common random numbers), so differences can be paired by seed."""
    points = design_points(exp) if points is None else points
    tasks = []

    def add(scen: Scenario, point: int) -> None:
        for seed in exp.seeds:
            tasks.append(RunTask(run_id(scen.name, point, scen.hash, seed), point, scen.name,
                                 seed, scen))

    for ref in exp.reference:
        add(ref, REFERENCE_POINT)
    for point, over in zip(points.index, point_overrides(points)):
        for base in exp.scenarios:
            add(base.with_overrides(over, origin="design"), int(point))
    return tasks


def run_chunk(tasks: Sequence[RunTask], keep: Sequence[str], params: Sequence[str]
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run a chunk of runs (in a worker); return their ticks and their rows of the run table.

    Runs one after another in this process; each is determined by its scenario and seed
    alone, so where and in which chunk it runs does not matter.
    """
    from ..model import WijkModel, snapshot

    ticks, rows = [], []
    for t in tasks:
        t0 = time.perf_counter()
        model = WijkModel.starting(t.scenario, seed=t.seed, cache=snapshot.cache_dir())
        df = model.run()
        seconds = time.perf_counter() - t0
        frame = df[["week", "year", *keep]].copy()
        frame.insert(0, "run_id", t.run_id)
        frame.insert(1, "label", t.label)
        frame.insert(2, "point", t.point)
        frame.insert(3, "seed", t.seed)
        ticks.append(frame)
        rows.append({**run_row(t, params, seconds), "events": events_json(model)})
    return pd.concat(ticks, ignore_index=True), pd.DataFrame(rows)


def load_kernels() -> None:
    """Load the compiled kernels of an ordinary week (Numba's cache, or compile them) by
    running a small wijk for a few weeks, so that no run's time includes them. Kernels that
    only events use (a lost tender, a heat wave) load when first needed. The wijk is thrown
    away and touches nothing a run reads."""
    from ..model import WijkModel

    WijkModel(None, seed=0, **{"wijk.residents": 600, "run.years": 1,
                               "run.burn_in_weeks": 4}).run(weeks=4)


# Events the reports mark on trajectories (what explains a jump): stored per run.
MARKED_EVENTS = ("tender_lost", "closure", "staff_left", "heatwave", "crisis", "budget_cut",
                 "programme_stop", "programme_start")


def events_json(model: Any) -> str:
    """The run's marked events as JSON ``[[week, kind], ...]`` for the run table."""
    return json.dumps([[int(e["week"]), e["kind"]] for e in model.events
                       if e["kind"] in MARKED_EVENTS])


def run_row(t: RunTask, params: Sequence[str], seconds: float) -> dict[str, Any]:
    """The run table's row: identity, varied values, provenance."""
    scen = t.scenario
    prov = provenance.record(scen, t.seed, years=scen["run.years"],
                             residents=scen["wijk.residents"])
    prov.pop("command", None)  # a worker's command line says nothing about the run
    v = prov["versions"]
    return {"run_id": t.run_id, "label": t.label, "point": t.point, "seed": t.seed,
            "scenario": scen.name, "scenario_hash": scen.hash, "years": scen["run.years"],
            "residents": scen["wijk.residents"], **{k: scen[k] for k in params},
            "wijksim_version": v["wijksim"], "mesa_version": v["mesa"],
            "numpy_version": v["numpy"], "python_version": v["python"],
            "git_commit": prov["git_commit"], "seconds": seconds,
            "provenance": json.dumps(prov, sort_keys=True, default=str)}
