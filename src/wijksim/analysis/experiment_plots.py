"""Pictures of experiments: scenarios side by side, paired differences, sweep responses and
sensitivity indices. Plain-word labels, one panel per outcome, 95% intervals shaded."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..model.outcomes import OUTCOMES  # noqa: E402
from .plots import PANELS  # noqa: E402

_PANEL = dict(PANELS)
# Labels for end values (last year): flows are yearly totals there.
END_LABELS = {
    "escalations": "Escalations to specialised care\n(per year)",
    "escalation_cost": "Cost of escalations\n(euro per year)",
}


def label(outcome: str, end: bool = False) -> str:
    """A plain-word label (two lines: what, then unit)."""
    if end and outcome in END_LABELS:
        return END_LABELS[outcome]
    if outcome in _PANEL:
        return _PANEL[outcome]
    text = OUTCOMES.get(outcome, outcome)
    return outcome.replace("_", " ").capitalize() + "\n(" + text[:40] + ")"


def one_line(outcome: str, end: bool = False) -> str:
    return label(outcome, end).replace("\n", " ")


def colours(labels: Sequence[str]) -> dict[str, tuple]:
    cmap = plt.get_cmap("tab10")
    return {lab: cmap(i % 10) for i, lab in enumerate(labels)}


def _share_axis(ax, outcome: str) -> None:
    if outcome.endswith("_share"):
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))


def _grid(n: int, extra: int = 0, width: float = 3.9, height: float = 3.2):
    cells = n + extra
    ncols = min(4, cells)
    nrows = int(np.ceil(cells / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows),
                             squeeze=False)
    return fig, list(axes.flat)


def plot_trajectories(traj: pd.DataFrame, outcomes: Sequence[str], labels: Sequence[str],
                      path: Path, title: str = "", note: str = "") -> Path:
    """One panel per outcome, a line per scenario (mean over seeds), shaded 95% interval."""
    col = colours(labels)
    fig, axes = _grid(len(outcomes), extra=1)
    for ax, outcome in zip(axes, outcomes):
        d = traj[traj["outcome"] == outcome]
        for lab in labels:
            s = d[d["label"] == lab]
            ax.plot(s["year"], s["mean"], color=col[lab], lw=1.6, label=lab)
            ax.fill_between(s["year"], s["low"], s["high"], color=col[lab], alpha=0.2, lw=0)
        ax.set_title(label(outcome), fontsize=10.5)
        _share_axis(ax, outcome)
        ax.grid(alpha=0.3)
        ax.set_xlabel("year", fontsize=9)
        ax.tick_params(labelsize=8.5)
    legend_ax = axes[len(outcomes)]
    legend_ax.axis("off")
    handles = [plt.Line2D([], [], color=col[lab], lw=2.5, label=lab) for lab in labels]
    handles.append(matplotlib.patches.Patch(color="grey", alpha=0.3,
                                            label="95% interval of the mean"))
    legend_ax.legend(handles=handles, loc="center", frameon=False, fontsize=11,
                     title="scenario", title_fontsize=11)
    if note:
        legend_ax.text(0.5, 0.02, note, ha="center", va="bottom", fontsize=8.5,
                       transform=legend_ax.transAxes, wrap=True, color="dimgrey")
    for ax in axes[len(outcomes) + 1:]:
        ax.axis("off")
    if title:
        fig.suptitle(title, fontsize=13)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_differences(diffs: pd.DataFrame, outcomes: Sequence[str], path: Path,
                     title: str = "") -> Path:
    """One panel per outcome: each paired difference (B - A, last year) with its 95% interval
    and a zero line; an interval that misses zero is a difference the seeds agree on."""
    pairs = list(dict.fromkeys(zip(diffs["a"], diffs["b"])))
    fig, axes = _grid(len(outcomes), height=0.55 * len(pairs) + 1.6, width=4.2)
    names = [f"{b} − {a}" for a, b in pairs]
    for ax, outcome in zip(axes, outcomes):
        d = diffs[diffs["outcome"] == outcome].set_index(["a", "b"]).loc[pairs]
        share = outcome.endswith("_share")
        if share:  # shares: differences in percentage points
            d = d.assign(**{c: 100 * d[c] for c in ("mean", "low", "high")})
        y = np.arange(len(pairs))[::-1]
        for yi, (_, r) in zip(y, d.iterrows()):
            clear = r["low"] > 0 or r["high"] < 0
            colour = "tab:blue" if clear else "grey"
            ax.errorbar([r["mean"]], [yi], xerr=[[r["mean"] - r["low"]], [r["high"] - r["mean"]]],
                        fmt="o", color=colour, ecolor=colour, elinewidth=2, capsize=4, ms=6)
        ax.axvline(0, color="black", lw=0.8)
        lo, hi = ax.get_xlim()  # keep zero well inside, so "which side" reads at a glance
        pad = 0.08 * (max(hi, 0) - min(lo, 0))
        ax.set_xlim(min(lo, -pad), max(hi, pad))
        ax.set_yticks(y, names if ax in axes[:: 4] else [""] * len(names), fontsize=9)
        ax.set_ylim(-0.7, len(pairs) - 0.3)
        ax.set_title(label(outcome, end=True), fontsize=10)
        ax.set_xlabel("difference, percentage points" if share else "difference", fontsize=8.5)
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(5))
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(axis="x", labelsize=8.5)
    for ax in axes[len(outcomes):]:
        ax.axis("off")
    fig.suptitle(title or "Paired differences in the last year (95% intervals; blue: "
                 "interval excludes 0)", fontsize=12)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_response(resp: pd.DataFrame, parameter: str, outcomes: Sequence[str],
                  labels: Sequence[str], path: Path, title: str = "") -> Path:
    """End value (last year) of each outcome against one varied key: mean over seeds and the
    other keys, 95% interval; reference scenarios as a horizontal band."""
    design = resp[resp["point"] >= 0]
    refs = [lab for lab in dict.fromkeys(resp.loc[resp["point"] < 0, "label"])]
    col = colours([*labels, *refs])
    fig, axes = _grid(len(outcomes), extra=1)
    for ax, outcome in zip(axes, outcomes):
        d = design[design["outcome"] == outcome]
        for lab in labels:
            s = d[d["label"] == lab].groupby(parameter)[["mean", "low", "high"]].mean()
            ax.plot(s.index, s["mean"], "o-", color=col[lab], ms=4, lw=1.5)
            ax.fill_between(s.index, s["low"], s["high"], color=col[lab], alpha=0.2, lw=0)
        r = resp[(resp["point"] < 0) & (resp["outcome"] == outcome)]
        for _, row in r.iterrows():
            ax.axhline(row["mean"], color=col[row["label"]], ls="--", lw=1.3)
            ax.axhspan(row["low"], row["high"], color=col[row["label"]], alpha=0.15, lw=0)
        ax.set_title(label(outcome, end=True), fontsize=10.5)
        _share_axis(ax, outcome)
        ax.set_xlabel(parameter, fontsize=9)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=8.5)
    legend_ax = axes[len(outcomes)]
    legend_ax.axis("off")
    handles = [plt.Line2D([], [], color=col[lab], marker="o", lw=2, label=lab) for lab in labels]
    handles += [plt.Line2D([], [], color=col[lab], ls="--", lw=2, label=f"{lab} (reference)")
                for lab in refs]
    legend_ax.legend(handles=handles, loc="center", frameon=False, fontsize=11,
                     title="last-year value, mean and 95% interval", title_fontsize=10)
    for ax in axes[len(outcomes) + 1:]:
        ax.axis("off")
    if title:
        fig.suptitle(title, fontsize=13)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_indices(idx: pd.DataFrame, path: Path, title: str = "") -> Path:
    """One scenario's indices: one panel per outcome, a bar pair per key - first-order and
    total Sobol index (or Morris mu*) with 95% intervals. Keys keep one order in every panel
    (largest mean effect on top) so panels can be compared at a glance."""
    sobol = "ST" in idx
    main = "ST" if sobol else "mu_star"
    outcomes = list(dict.fromkeys(idx["outcome"]))
    order = (idx.groupby("parameter")[main].mean().sort_values(na_position="first").index)
    n_par = len(order)
    fig, axes = _grid(len(outcomes), extra=1, width=4.3, height=0.34 * n_par + 1.5)
    names = [p.split(".", 1)[-1] for p in order]
    y = np.arange(n_par)
    clipped = False
    for ax, outcome in zip(axes, outcomes):
        d = idx[idx["outcome"] == outcome].set_index("parameter").loc[order]
        bars = ((0.2, "S1", "tab:blue"), (-0.2, "ST", "tab:orange")) if sobol else \
            ((0.0, "mu_star", "tab:blue"),)
        for off, m, c in bars:
            ax.barh(y + off, d[m], height=0.38 if sobol else 0.6, color=c)
            ax.errorbar(d[m], y + off, xerr=[(d[m] - d[f"{m}_low"]).clip(lower=0),
                                             (d[f"{m}_high"] - d[m]).clip(lower=0)],
                        fmt="none", ecolor="black", elinewidth=0.8, capsize=2)
        if sobol:  # indices live in [0, 1]; noisy estimates and intervals are cut at the edge
            lo, hi = np.nanmin(d[["S1_low", "ST_low"]].to_numpy(), initial=0), \
                np.nanmax(d[["S1_high", "ST_high"]].to_numpy(), initial=1)
            clipped |= lo < -0.25 or hi > 1.25
            ax.set_xlim(-0.25, 1.25)
        ax.set_yticks(y, names, fontsize=8.5)
        ax.set_title(label(outcome, end=True), fontsize=10)
        ax.axvline(0, color="black", lw=0.6)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(axis="x", labelsize=8)
    legend_ax = axes[len(outcomes)]
    legend_ax.axis("off")
    handles = ([matplotlib.patches.Patch(color="tab:blue", label="first-order S1 (the key alone)"),
                matplotlib.patches.Patch(color="tab:orange",
                                         label="total ST (with interactions)")]
               if sobol else [matplotlib.patches.Patch(color="tab:blue",
                                                       label="mu* (mean absolute effect)")])
    handles.append(plt.Line2D([], [], color="black", lw=0.8, label="95% interval"))
    legend_ax.legend(handles=handles, loc="center", frameon=False, fontsize=10)
    if clipped:
        legend_ax.text(0.5, 0.05, "some intervals run past the axis:\nmore samples (N) would "
                       "narrow them", ha="center", fontsize=8.5, color="dimgrey",
                       transform=legend_ax.transAxes)
    for ax in axes[len(outcomes) + 1:]:
        ax.axis("off")
    if title:
        fig.suptitle(title, fontsize=12)
    fig.tight_layout(rect=(0, 0, 1, 0.96 if title else 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
