"""Run the pattern-oriented validation experiments (docs/validation.md) and judge them with
:mod:`wijksim.analysis.validation`: running experiments belongs here, the analysis of their
results to the analysis package."""

from __future__ import annotations

from pathlib import Path

from ..analysis.validation import PATTERNS, PatternResult, experiment_path
from . import load_experiment, run_experiment


def run(key: str, quick: bool = False, jobs: int | None = None, out: Path | None = None,
        resume: bool = True, seeds: int | None = None, residents: int | None = None):
    """Run (or resume) a validation experiment; quick = small wijk, few seeds, for tests;
    ``seeds``/``residents`` override the experiment file's size (the page says so)."""
    kw = {"seeds": 3, "residents": 1500} if quick else {}
    kw.update({k: v for k, v in (("seeds", seeds), ("residents", residents)) if v})
    exp = load_experiment(experiment_path(key), out=out, **kw)
    folder = out if out is not None else exp.out
    return run_experiment(exp, out=folder, jobs=jobs, resume=resume, overwrite=not resume,
                          progress=not quick, report=False)


def validate_pattern(key: str, figdir: Path, quick: bool = False, jobs: int | None = None,
                     out: Path | None = None, seeds: int | None = None,
                     residents: int | None = None) -> PatternResult:
    res = run(key, quick=quick, jobs=jobs, out=out, seeds=seeds, residents=residents)
    result = PATTERNS[key](res, figdir)
    result.experiment = f"experiments/validation/{key}.toml"
    result.runs = len(res.runs)
    result.extra["commits"] = sorted({str(c)[:10] for c in res.runs.get("git_commit", [])
                                      if c is not None and str(c) != "nan"})
    return result
