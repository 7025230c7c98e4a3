"""Sensitivity indices of a finished sweep, computed by SALib.

The model is stochastic. Each design point runs with the same replicate seeds (common random
numbers); the output SALib analyses is, per point, the mean over those seeds of the run's end
value (last-year mean or yearly total, see :mod:`.stats`). Sobol gives first-order (S1) and
total (ST) indices, Morris the mean absolute elementary effect (mu*) and its spread (sigma);
intervals are SALib's bootstrap 95% intervals. With ``[analysis] contrast = [B, A]`` the
paired difference B - A is analysed too: which assumptions decide how much the regimes differ.
"""

from __future__ import annotations

import warnings
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..analysis.stats import end_values
from .design import salib_problem
from .spec import Parameter

SOBOL_COLUMNS = ("S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high")
MORRIS_COLUMNS = ("mu_star", "mu_star_low", "mu_star_high", "sigma", "mu")


class IncompleteResults(ValueError):
    """Indices need every design point; some are not stored yet."""


def point_means(values: pd.DataFrame, outcomes: Sequence[str], labels: Sequence[str],
                contrast: Sequence[str] | None, n_points: int) -> dict[str, pd.DataFrame]:
    """Per scenario (and contrast): the mean over seeds at each design point, in point order."""
    design = values[values["point"] >= 0]
    out: dict[str, pd.DataFrame] = {}
    for label in labels:
        out[label] = design[design["label"] == label].groupby("point")[list(outcomes)].mean()
    if contrast:
        b, a = contrast
        wide = design.set_index(["label", "point", "seed"])[list(outcomes)]
        diff = wide.xs(b, level="label") - wide.xs(a, level="label")
        out[f"{b} - {a}"] = diff.groupby(level="point").mean()
    for name, df in out.items():
        missing = n_points - int(df.notna().all(axis=1).sum())
        if missing:
            raise IncompleteResults(f"sensitivity needs every design point; {missing} of "
                                    f"{n_points} points of '{name}' have no stored runs yet "
                                    "(finish the sweep with --resume)")
    return out


def indices(method: str, parameters: Sequence[Parameter], ys: Mapping[str, pd.DataFrame],
            *, raw: np.ndarray | None = None, second_order: bool = False, levels: int = 4,
            seed: int = 1) -> pd.DataFrame:
    """SALib indices for each (scenario, outcome): a long table, one row per parameter."""
    problem = salib_problem(parameters)
    rows = []
    for name, df in ys.items():
        for outcome in df.columns:
            y = df[outcome].to_numpy(dtype=float)
            res = _analyze(method, problem, y, raw, second_order, levels, seed)
            for j, key in enumerate(problem["names"]):
                rows.append({"scenario": name, "outcome": outcome, "parameter": key,
                             **{c: float(res[c][j]) for c in res}})
    return pd.DataFrame(rows)


def _analyze(method: str, problem: dict, y: np.ndarray, raw: np.ndarray | None,
             second_order: bool, levels: int, seed: int) -> dict[str, np.ndarray]:
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # constant outputs: SALib divides by zero -> NaN
        if method == "sobol":
            from SALib.analyze import sobol

            si = sobol.analyze(problem, y, calc_second_order=second_order, seed=seed)
            return {"S1": si["S1"], "S1_low": si["S1"] - si["S1_conf"],
                    "S1_high": si["S1"] + si["S1_conf"], "ST": si["ST"],
                    "ST_low": si["ST"] - si["ST_conf"], "ST_high": si["ST"] + si["ST_conf"]}
        if method == "morris":
            from SALib.analyze import morris

            si = morris.analyze(problem, raw, y, num_levels=levels, seed=seed)
            mu_star = np.asarray(si["mu_star"], dtype=float)
            conf = np.asarray(si["mu_star_conf"], dtype=float)
            return {"mu_star": mu_star, "mu_star_low": mu_star - conf,
                    "mu_star_high": mu_star + conf,
                    "sigma": np.asarray(si["sigma"], dtype=float),
                    "mu": np.asarray(si["mu"], dtype=float)}
    raise ValueError(f"no sensitivity indices for method '{method}' (use sobol or morris)")


def from_results(manifest: Mapping[str, Any], design: pd.DataFrame, ticks: pd.DataFrame,
                 outcomes: Iterable[str] | None = None) -> pd.DataFrame:
    """Indices of a stored sweep (its manifest, design table and ticks)."""
    method = manifest["method"]
    params = [Parameter(p["key"], tuple(p["values"]) if p["values"] is not None else None,
                        p["low"], p["high"], p["steps"]) for p in manifest["parameters"]]
    outcomes = list(outcomes or manifest["analysis_outcomes"])
    raw = design[[f"raw:{p.key}" for p in params]].to_numpy() if method == "morris" else None
    ys = point_means(end_values(ticks, outcomes), outcomes, manifest["labels"],
                     manifest.get("contrast"), len(design))
    return indices(method, params, ys, raw=raw, second_order=manifest["second_order"],
                   levels=manifest["levels"], seed=manifest["design_seed"])
