"""Experiments: scenario comparisons, parameter sweeps and sensitivity analysis.

The Python side of ``wijksim compare`` and ``wijksim sweep``, for notebooks::

    from wijksim.experiments import compare, sweep, sensitivity, load_results

    res = compare(["tender_3y", "subsidy"], seeds=4, residents=2000, years=5)
    res.summary()        # end values per scenario, mean and 95% interval (DataFrame)
    res.differences()    # paired (same-seed) differences with 95% intervals
    res.trajectories()   # per week, mean and 95% band
    res.ticks, res.runs  # every run week by week; the run table with provenance

    res = sweep("experiments/contract_length.toml", out="results/cl", jobs=2)
    res.response()       # end values against the varied keys
    sensitivity("results/sobol_main")   # Sobol or Morris indices of a stored sweep

Every run is fixed by its scenario and seed, so results are the same with 1 process, N
processes or a Dask cluster (``scheduler="tcp://host:8786"`` or ``"local"``).

Local processes are started with 'forkserver' (or 'spawn'): in a script, call these functions
under ``if __name__ == "__main__":`` (notebooks need nothing special).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from ..scenario import Scenario

if TYPE_CHECKING:
    import pandas as pd

    from .results import Results
    from .spec import Experiment

__all__ = ["DEFAULT_SCENARIOS", "DEFAULT_SEEDS", "MAIN_OUTCOMES", "Experiment", "Results",
           "compare", "load_experiment", "load_results", "run_experiment", "sensitivity",
           "sweep"]

DEFAULT_SCENARIOS = ("tender_3y", "tender_9y", "subsidy", "populatiebesteding")
# 8 seeds: the default comparison (4 scenarios x 8 seeds = 32 runs of 15,000 residents x 10
# years, about 5 s each on one core from the seed's shared burn-in) took 113 s on 2 cores
# from an empty burn-in cache (README, Speed), and paired t-intervals over 8 seeds (7 degrees
# of freedom) are already usefully narrow.
DEFAULT_SEEDS = 8


def __getattr__(name: str) -> Any:
    """What the experiment files and results need, on first use.

    ``Results`` and ``load_results`` pull in scipy.stats (half a second of imports) through
    the analysis package, which a worker that only runs wijken never needs, and a worker's
    start-up sits on the critical path of every sweep. ``spec`` pulls in the model (about a
    second), which ``wijksim compare`` and ``sweep`` import only after starting their
    workers, so that the two overlap."""
    if name in ("Results", "load_results"):
        from . import results

        return getattr(results, name)
    if name in ("MAIN_OUTCOMES", "Experiment", "comparison", "load_experiment"):
        from . import spec

        return getattr(spec, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run_experiment(exp: Experiment, *, out: str | Path | None = None, jobs: int | None = None,
                   scheduler: str | None = None, resume: bool = False,
                   overwrite: bool = False, progress: bool = False, report: bool = True,
                   say=None, command: str | None = None,
                   chunk_size: int | None = None, lang: str = "en") -> Results:
    """Run ``exp`` (skipping stored runs when resuming), store it when there is a folder,
    and write its report there. Returns the results."""
    from .execute import design_table, execute
    from .results import Results

    ex = execute(exp, out=out, jobs=jobs, scheduler=scheduler, resume=resume,
                 overwrite=overwrite, progress=progress, say=say, command=command,
                 chunk_size=chunk_size, report_follows=report and out is not None)
    folder = ex.store.root if ex.store is not None else None
    res = Results(ex.runs, design_table(exp, ex.points), ex.manifest, folder,
                  _ticks=None if folder is not None else ex.ticks, execution=ex)
    if report and folder is not None and len(res.runs):
        # the figures on as many processes as ran the runs, one where one was asked for;
        # after Dask this machine's cores (in practice one: its client leaves a thread)
        res.report(lang=lang, jobs={"serial": 1, "processes": ex.workers}.get(ex.backend))
    return res


def compare(scenarios: Sequence[str | Path | Scenario] = DEFAULT_SCENARIOS,
            seeds: int | Sequence[int] = DEFAULT_SEEDS, *, years: int | None = None,
            residents: int | None = None, overrides: Mapping[str, Any] | None = None,
            outcomes: Iterable[str] | None = None, jobs: int | None = None,
            scheduler: str | None = None, out: str | Path | None = None,
            resume: bool = False, overwrite: bool = False, progress: bool = False,
            report: bool = True) -> Results:
    """Replicates of each scenario with common seeds. With ``out``, results and a report are
    written there; a folder that already holds results needs ``resume`` (keep them, run what
    is missing) or ``overwrite`` (replace them)."""
    from .spec import comparison

    exp = comparison(scenarios, seeds, years=years, residents=residents, overrides=overrides,
                     outcomes=outcomes, out=out)
    return run_experiment(exp, out=out, jobs=jobs, scheduler=scheduler, resume=resume,
                          overwrite=overwrite, progress=progress, report=report)


def sweep(experiment: str | Path | Experiment, *, seeds: int | Sequence[int] | None = None,
          years: int | None = None, residents: int | None = None,
          overrides: Mapping[str, Any] | None = None, out: str | Path | None = None,
          jobs: int | None = None, scheduler: str | None = None, resume: bool = False,
          overwrite: bool = False, progress: bool = False, report: bool = True) -> Results:
    """Run an experiment file (or a loaded :class:`Experiment`). Results go to ``out``, else
    the file's ``out``, else stay in memory."""
    from .spec import Experiment, load_experiment

    exp = experiment if isinstance(experiment, Experiment) else load_experiment(
        experiment, seeds=seeds, years=years, residents=residents, overrides=overrides,
        out=out)
    return run_experiment(exp, out=out if out is not None else exp.out, jobs=jobs,
                          scheduler=scheduler, resume=resume, overwrite=overwrite,
                          progress=progress, report=report)


def sensitivity(results: Results | str | Path, outcomes: Iterable[str] | None = None
                ) -> pd.DataFrame:
    """Sobol (S1, ST) or Morris (mu*, sigma) indices with 95% intervals, one row per
    scenario, outcome and varied key."""
    from .results import Results, load_results

    res = results if isinstance(results, Results) else load_results(results)
    return res.sensitivity(outcomes)


def __dir__() -> list[str]:
    """The lazy names too, for tab completion in a notebook."""
    return sorted({*globals(), *__all__})
