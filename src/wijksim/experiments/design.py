"""Designs: which parameter values each point of an experiment uses.

Grids are the product of every parameter's levels; Latin hypercube, Sobol (Saltelli) and
Morris samples come from SALib, seeded by ``design.seed`` so a design is the same every time
it is built (which is what makes ``--resume`` and cluster runs line up). Whole-number keys are
sampled over [low - 0.5, high + 0.5] and rounded, so every whole value is equally likely.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # types only: spec checks experiments with design_points
    from .spec import Experiment, Parameter


def salib_problem(exp: Experiment | Sequence[Parameter]) -> dict[str, Any]:
    """The SALib problem: names and bounds of the varied keys."""
    params = exp.parameters if hasattr(exp, "parameters") else list(exp)
    bounds = []
    for p in params:
        lo, hi = p.bounds()
        if p.type is int:
            lo, hi = lo - 0.5 + 1e-9, hi + 0.5 - 1e-9
        bounds.append([lo, hi])
    return {"num_vars": len(params), "names": [p.key for p in params],
            "bounds": bounds}


def sample_matrix(exp: Experiment) -> np.ndarray:
    """The raw SALib sample (before rounding), one row per point; needed by Morris analysis."""
    problem = salib_problem(exp)
    n, seed = exp.samples, exp.design_seed
    try:
        import SALib  # noqa: F401
    except ImportError:
        from ..scenario import Problem, ScenarioError

        raise ScenarioError([Problem(str(exp.path or ""), "design.method", exp.method, "",
                                     f"method '{exp.method}' needs SALib: pip install "
                                     "'wijksim[analysis]'", show_value=False)]) from None
    if exp.method == "lhs":
        from SALib.sample import latin

        return latin.sample(problem, n, seed=seed)
    if exp.method == "sobol":
        from SALib.sample import sobol

        return sobol.sample(problem, n, calc_second_order=exp.second_order, seed=seed)
    if exp.method == "morris":
        from SALib.sample import morris

        return morris.sample(problem, n, num_levels=exp.levels, seed=seed)
    raise ValueError(f"no sampler for method '{exp.method}'")


def design_points(exp: Experiment) -> pd.DataFrame:
    """One row per design point (index ``point``), one column per varied key, holding the
    value each run at that point uses."""
    keys = [p.key for p in exp.parameters]
    if exp.method == "none":
        rows: list[tuple] = [()]
    elif exp.method == "grid":
        rows = list(itertools.product(*(p.levels() for p in exp.parameters)))
    else:
        x = sample_matrix(exp)
        cols = []
        for j, p in enumerate(exp.parameters):
            col = x[:, j]
            if p.type is int:
                lo, hi = p.bounds()
                cols.append([int(v) for v in np.clip(np.rint(col), lo, hi)])
            else:
                cols.append([float(v) for v in col])
        rows = list(zip(*cols)) if cols else [()]
    df = pd.DataFrame(rows, columns=keys) if keys else pd.DataFrame(index=range(len(rows)))
    for p in exp.parameters:
        if p.type in (int, float, bool):
            df[p.key] = df[p.key].astype({int: "int64", float: "float64", bool: "bool"}[p.type])
        else:
            df[p.key] = df[p.key].astype(object)
    df.index.name = "point"
    return df


def point_overrides(points: pd.DataFrame) -> list[dict[str, Any]]:
    """Each point as scenario overrides with plain Python values (the loader checks types)."""
    return [{k: _native(v) for k, v in row.items()} for row in points.to_dict("records")]


def _native(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v
