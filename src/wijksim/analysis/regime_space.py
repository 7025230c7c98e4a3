"""In what share of the plausible assumption space does subsidy beat tendering, and which
assumptions decide it (issue 13 item 5)?

Input: the runs of a sweep over the regime mechanisms' plausible ranges
(experiments/validation/sensitivity_regime.toml) with both regimes at every design point and
the same seeds. Per run the outcome's mean over the whole run (a full tender period), per
point the mean over seeds of the paired difference subsidy - tender. A point counts as
*subsidy better* when that difference passes the materiality threshold
(analysis.materiality) in the outcome's better direction, *tender better* when it passes it
the other way, else *not material*. Morris indices (SALib) of the same point differences say
which assumptions move the effect most (mu*) and whether they act alone (sigma small against
mu*). With a Morris design the points lie on the trajectories' grid, so the shares describe
that grid, which covers every range evenly at its levels.
"""

from __future__ import annotations

import warnings
from typing import Sequence

import numpy as np
import pandas as pd

from .materiality import THRESHOLDS


def run_means(ticks: pd.DataFrame, outcomes: Sequence[str]) -> pd.DataFrame:
    """One row per run (label, point, seed): each outcome's mean over the recorded weeks
    after week 0 (week 0 is the last burn-in week)."""
    run = ticks[ticks["week"] >= 1]
    return (run.groupby(["label", "point", "seed"], observed=True)[list(outcomes)].mean()
            .reset_index())


def point_differences(means: pd.DataFrame, outcomes: Sequence[str], better: str,
                      base: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per design point: mean over seeds of better - base, its standard error, and the base
    scenario's mean (for relative thresholds)."""
    wide = means.set_index(["label", "point", "seed"])[list(outcomes)]
    diff = wide.xs(better, level="label") - wide.xs(base, level="label")
    g = diff.groupby(level="point")
    return g.mean(), g.std(ddof=1) / np.sqrt(g.count()), \
        wide.xs(base, level="label").groupby(level="point").mean()


def shares(diff: pd.DataFrame, base: pd.DataFrame) -> pd.DataFrame:
    """Per outcome: mean difference over points, and the share of points where the first
    scenario is materially better, materially worse, or neither."""
    rows = []
    for o in diff.columns:
        t = THRESHOLDS[o]
        limit = np.array([t.limit(b) for b in base[o]])
        d = diff[o].to_numpy()
        up = d if t.better == "up" else -d  # positive = better for the wijk
        rows.append({"outcome": o, "threshold": float(np.mean(limit)), "kind": t.kind,
                     "mean_difference": float(d.mean()),
                     "min_difference": float(d.min()), "max_difference": float(d.max()),
                     "share_subsidy_better": float(np.mean(up >= limit)),
                     "share_tender_better": float(np.mean(up <= -limit)),
                     "share_not_material": float(np.mean(np.abs(d) < limit)),
                     "points": int(d.size)})
    return pd.DataFrame(rows)


def morris_indices(diff: pd.DataFrame, raw: np.ndarray, problem: dict, levels: int,
                   seed: int) -> pd.DataFrame:
    """SALib Morris indices of each outcome's point differences: one row per outcome and
    parameter, with mu*, its 95 % bootstrap interval, sigma and mu."""
    from SALib.analyze import morris

    rows = []
    for o in diff.columns:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            si = morris.analyze(problem, raw, diff[o].to_numpy(dtype=float),
                                num_levels=levels, seed=seed)
        for j, name in enumerate(problem["names"]):
            rows.append({"outcome": o, "parameter": name, "mu_star": float(si["mu_star"][j]),
                         "mu_star_conf": float(si["mu_star_conf"][j]),
                         "sigma": float(si["sigma"][j]), "mu": float(si["mu"][j])})
    return pd.DataFrame(rows)


def deciding(indices: pd.DataFrame, top: int = 3) -> dict[str, list[tuple[str, float, float]]]:
    """Per outcome the ``top`` parameters by mu* (name, mu*, mu: the sign says which way)."""
    out = {}
    for o, sub in indices.groupby("outcome", sort=False):
        s = sub.sort_values("mu_star", ascending=False).head(top)
        out[o] = list(zip(s["parameter"], s["mu_star"], s["mu"]))
    return out


def table_markdown(summary: pd.DataFrame, top: dict, noise: pd.Series) -> list[str]:
    """The table of the validation page: one row per outcome."""
    lines = ["| outcome | threshold | subsidy - tender: mean [min, max] over points | "
             "subsidy materially better | tender materially better | not material | "
             "seed noise of a point (mean se) | deciding assumptions: mu* (mu) |",
             "|---|---|---|---|---|---|---|---|"]
    for r in summary.itertuples():
        t = THRESHOLDS[r.outcome]
        thr = f"{t.smallest:g}" + (" relative" if t.kind == "relative" else "")
        who = ", ".join(f"`{p}` {m:.2g} ({u:+.2g})" for p, m, u in top[r.outcome])
        lines.append(f"| {r.outcome} | {thr} | {r.mean_difference:+.4g} "
                     f"[{r.min_difference:+.3g}, {r.max_difference:+.3g}] | "
                     f"{r.share_subsidy_better:.0%} | {r.share_tender_better:.0%} | "
                     f"{r.share_not_material:.0%} | {noise[r.outcome]:.2g} | {who} |")
    return lines
