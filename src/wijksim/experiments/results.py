"""Results of a comparison or sweep, in memory or loaded from a results folder, with the
summaries a notebook wants as pandas DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import pandas as pd

from ..analysis import stats
from .store import Store


@dataclass
class Results:
    """``runs``: one row per run (values, seed, scenario hash, versions). ``ticks``: one row
    per run per recorded week. ``design``: the design points. ``manifest``: what was run.

    Stored results read their ticks lazily, and summaries read only the columns they need:
    a big sweep's full ticks table need never be in memory at once.
    """

    runs: pd.DataFrame
    design: pd.DataFrame
    manifest: dict[str, Any]
    folder: Path | None = None
    _ticks: pd.DataFrame | None = field(default=None, repr=False)
    execution: Any = field(default=None, repr=False)  # how the last execute() went
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def ticks(self) -> pd.DataFrame:
        """Every kept outcome of every run, week by week (point, label, seed, week order)."""
        if self._ticks is None:
            self._ticks = Store(self.folder).ticks(run_ids=self.runs["run_id"])
        return self._ticks

    def columns(self, outcomes: Sequence[str]) -> pd.DataFrame:
        if self._ticks is not None:
            return self._ticks
        return Store(self.folder).ticks(columns=["year", *outcomes],
                                        run_ids=self.runs["run_id"])

    # -- what was run ---------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.manifest["name"]

    @property
    def labels(self) -> list[str]:
        """Base scenarios, in the order given."""
        return list(self.manifest["labels"])

    @property
    def outcomes(self) -> list[str]:
        """Outcomes summarised by default (the experiment's [analysis] outcomes)."""
        return [o for o in self.manifest["analysis_outcomes"] if o in self.manifest["outcomes"]]

    @property
    def points(self) -> pd.DataFrame:
        """Design points with the values used (without the raw SALib sample)."""
        return self.design[[c for c in self.design.columns if not c.startswith("raw:")]]

    @property
    def is_comparison(self) -> bool:
        return self.manifest["kind"] == "comparison"

    # -- summaries ------------------------------------------------------------------------
    def end_values(self, outcomes: Iterable[str] | None = None) -> pd.DataFrame:
        """One row per run: last-year mean (states) or yearly total (flows) per outcome."""
        outcomes = list(outcomes or self.outcomes)
        key = ("end", tuple(outcomes))
        if key not in self._cache:
            self._cache[key] = stats.end_values(self.columns(outcomes), outcomes)
        return self._cache[key]

    def summary(self, outcomes: Iterable[str] | None = None) -> pd.DataFrame:
        """End values per scenario (and point): mean over seeds and 95% t-interval."""
        outcomes = list(outcomes or self.outcomes)
        by = ("label",) if self.is_comparison else ("label", "point")
        return stats.summarise(self.end_values(outcomes), outcomes, by=by)

    def trajectories(self, outcomes: Iterable[str] | None = None) -> pd.DataFrame:
        """Per scenario and week: mean over seeds and 95% interval."""
        outcomes = list(outcomes or self.outcomes)
        return stats.trajectories(self.columns(outcomes), outcomes)

    def differences(self, outcomes: Iterable[str] | None = None,
                    pairs: Sequence[tuple[str, str]] | None = None) -> pd.DataFrame:
        """Paired (same seed) differences b - a of end values, mean and 95% t-interval."""
        outcomes = list(outcomes or self.outcomes)
        values = self.end_values(outcomes)
        if pairs is None:
            order = [lab for lab in self.labels if lab in set(values["label"])]
            pairs = [(a, b) for i, a in enumerate(order) for b in order[i + 1:]]
        return stats.paired_differences(values, outcomes, pairs)

    def response(self, outcomes: Iterable[str] | None = None) -> pd.DataFrame:
        """Sweep: end values per design point (mean and 95% interval over seeds)."""
        outcomes = list(outcomes or self.outcomes)
        return stats.response(self.end_values(outcomes), self.points, outcomes)

    def sensitivity(self, outcomes: Iterable[str] | None = None) -> pd.DataFrame:
        """Sobol (S1, ST) or Morris (mu*, sigma) indices with 95% intervals (SALib)."""
        from .sensitivity import from_results

        outcomes = list(outcomes or self.outcomes)
        return from_results(self.manifest, self.design, self.columns(outcomes), outcomes)

    @property
    def has_indices(self) -> bool:
        return self.manifest["method"] in ("sobol", "morris")

    def report(self, folder: str | Path | None = None, lang: str = "en",
               jobs: int | None = None) -> Path:
        """Write report.md and a self-contained report.html with PNG figures, in English
        (``lang="en"``) or Dutch (``"nl"``); returns report.md's path. The figures are drawn
        on up to ``jobs`` processes (None: this machine's cores; 1: this process only)."""
        from ..analysis.report import write_report

        folder = Path(folder) if folder is not None else self.folder
        if folder is None:
            raise ValueError("give a folder for the report")
        return write_report(self, folder, lang=lang, jobs=jobs)


def load_results(folder: str | Path) -> Results:
    """Load a finished (or partly finished) comparison or sweep from its results folder."""
    store = Store(folder)
    if not store.manifest_path.is_file():
        from ..scenario import Problem, ScenarioError

        raise ScenarioError([Problem(str(folder), "", "", "", "not a wijksim results folder "
                                     "(no manifest.json)", show_value=False)])
    return Results(store.runs(), store.design(), store.manifest(), Path(folder))
