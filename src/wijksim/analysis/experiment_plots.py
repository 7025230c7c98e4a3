"""Pictures of experiments: scenarios side by side, paired differences, sweep responses and
sensitivity indices. Plain-word labels, one panel per outcome, 95% intervals shaded."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import matplotlib.transforms  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..model.outcome_names import OUTCOMES  # noqa: E402
from .plots import PANELS  # noqa: E402
from .report_text import T  # noqa: E402

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


def panel_grid(n: int, extra: int = 0, width: float = 3.9, height: float = 3.2):
    cells = n + extra
    ncols = 3 if cells in (5, 6, 9) else min(4, cells)
    nrows = int(np.ceil(cells / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows),
                             squeeze=False)
    return fig, list(axes.flat)


def set_margins(fig, axes, *, top: float, left: float = 0.62, right: float = 0.15,
                bottom: float = 0.55, row_gap: float = 1.0, col_gap: float = 0.72) -> None:
    """Margins and gaps of a regular panel grid in inches, so they fit the same labels
    whatever the number of rows. What ``tight_layout`` would find, without the extra draw of
    the whole figure it needs to measure it (a third of a response figure's time)."""
    w, h = fig.get_size_inches()
    rows, cols = axes[0].get_subplotspec().get_gridspec().get_geometry()
    panel_h = (h - top - bottom - (rows - 1) * row_gap) / rows
    panel_w = (w - left - right - (cols - 1) * col_gap) / cols
    fig.subplots_adjust(left=left / w, right=1 - right / w, bottom=bottom / h, top=1 - top / h,
                        hspace=row_gap / panel_h, wspace=col_gap / panel_w)


def report_label(outcome: str, lang: str = "en") -> str:
    """Two lines: the outcome's name, then its unit (the report's units: shares in %,
    escalations per year)."""
    from .report_text import info

    i = info(outcome)
    name = i.name(lang).replace(" (", "\n(", 1) if len(i.name(lang)) > 32 else i.name(lang)
    if "\n" in name:
        name = name.split("\n")[0]
    return f"{name}\n({i.unit(lang)})" if i.unit(lang) else name


# Events drawn on trajectories: stochastic ones as marks at the foot of a panel (one row per
# scenario, every seed's events), scheduled ones (shocks, decisions) as dashed lines.
EVENT_MARKS = {"tender_lost": ("v", 38), "closure": ("x", 30), "staff_left": ("|", 26)}
EVENT_LINES = {"heatwave": "tab:orange", "crisis": "tab:brown", "budget_cut": "black",
               "programme_stop": "tab:purple", "programme_start": "tab:green"}


def event_years(events: pd.DataFrame | None, labels: Sequence[str]) -> dict:
    """Years of each marked event, per scenario and kind, and of each scheduled event."""
    if events is None or not len(events):
        return {}
    out: dict = {"marks": {}, "lines": {}}
    for (lab, kind), d in events.groupby(["label", "kind"], sort=False):
        out["marks"][(lab, kind)] = d["year"].to_numpy()
    for kind in EVENT_LINES:
        out["lines"][kind] = sorted(set(events.loc[events["kind"] == kind, "year"]))
    return out


def mark_run_events(ax, events: pd.DataFrame | dict | None, labels: Sequence[str], col
                    ) -> None:
    """Marks at the foot of the panel (one row per scenario) for lost tenders, closures and
    staff leaving; dashed lines for shocks and decisions."""
    years = events if isinstance(events, dict) else event_years(events, labels)
    if not years:
        return
    trans = matplotlib.transforms.blended_transform_factory(ax.transData, ax.transAxes)
    for i, lab in enumerate(labels):
        y = 0.035 + 0.055 * i
        for kind, (marker, size) in EVENT_MARKS.items():
            x = years["marks"].get((lab, kind))
            if x is not None and len(x):
                ax.plot(x, np.full(len(x), y), ls="", marker=marker, ms=size ** 0.5 + 1,
                        color=col[lab], alpha=0.55, mew=1.1, transform=trans, zorder=3,
                        clip_on=False)
    for kind, colour in EVENT_LINES.items():
        for year in years["lines"].get(kind, ()):
            ax.axvline(year, color=colour, lw=0.9, ls="--", alpha=0.6)


def plot_trajectories(traj: pd.DataFrame, outcomes: Sequence[str], labels: Sequence[str],
                      path: Path, title: str = "", note: str = "", lang: str = "en",
                      events: pd.DataFrame | None = None) -> Path:
    """One panel per outcome, a line per scenario (mean over seeds), shaded 95% interval;
    events of the runs marked (lost tenders, closures, staff leaving, shocks)."""
    col = colours(labels)
    fig, axes = panel_grid(len(outcomes), extra=1)
    years = event_years(events, labels)
    groups = {k: d for k, d in traj.groupby(["outcome", "label"], sort=False)}
    for ax, outcome in zip(axes, outcomes):
        for lab in labels:
            s = groups.get((outcome, lab))
            if s is None:
                continue
            ax.plot(s["year"].to_numpy(), s["mean"].to_numpy(), color=col[lab], lw=1.6,
                    label=lab)
            ax.fill_between(s["year"].to_numpy(), s["low"].to_numpy(), s["high"].to_numpy(),
                            color=col[lab], alpha=0.2, lw=0)
        if years:  # room at the foot for the event marks, without ticks there (a count
            lo, hi = ax.get_ylim()  # axis must not show -10)
            ticks = [t for t in ax.get_yticks() if lo <= t <= hi]
            ax.set_ylim(lo - (0.06 * len(labels) + 0.02) * (hi - lo), hi)
            ax.set_yticks(ticks)
        mark_run_events(ax, years, labels, col)
        ax.set_title(report_label(outcome, lang), fontsize=10.5)
        _share_axis(ax, outcome)
        ax.grid(alpha=0.3)
        ax.set_xlabel("jaar" if lang == "nl" else "year", fontsize=9)
        ax.tick_params(labelsize=8.5)
    legend_ax = axes[len(outcomes)]
    legend_ax.axis("off")
    handles = [plt.Line2D([], [], color=col[lab], lw=2.5, label=lab) for lab in labels]
    handles.append(matplotlib.patches.Patch(color="grey", alpha=0.3, label=(
        "95%-interval van het gemiddelde" if lang == "nl" else "95% interval of the mean")))
    if events is not None and len(events):
        names = {"tender_lost": ("lost tender", "verloren aanbesteding"),
                 "closure": ("place closed", "plek gesloten"),
                 "staff_left": ("professional left", "professional vertrokken")}
        k = 1 if lang == "nl" else 0
        for kind, (marker, size) in EVENT_MARKS.items():
            if (events["kind"] == kind).any():
                handles.append(plt.Line2D([], [], color="dimgrey", marker=marker, ls="",
                                          label=names[kind][k]))
        lines = {"heatwave": ("heat wave", "hittegolf"), "crisis": ("crisis", "crisis"),
                 "budget_cut": ("budget cut", "bezuiniging"),
                 "programme_stop": ("programme stops", "programma stopt"),
                 "programme_start": ("programme starts", "programma start")}
        for kind, colour in EVENT_LINES.items():
            if (events["kind"] == kind).any():
                handles.append(plt.Line2D([], [], color=colour, ls="--", label=lines[kind][k]))
    legend_ax.legend(handles=handles, loc="center", frameon=False, fontsize=10,
                     title="scenario", title_fontsize=11)
    if note:
        legend_ax.text(0.5, 0.02, note, ha="center", va="bottom", fontsize=8.5,
                       transform=legend_ax.transAxes, wrap=True, color="dimgrey")
    for ax in axes[len(outcomes) + 1:]:
        ax.axis("off")
    if title:
        fig.suptitle(title, fontsize=13)
    # fixed margins instead of tight_layout: the grid is regular, and tight_layout draws
    # the whole figure once more only to measure it (a third of the report's time)
    rows = (len(outcomes) + 1 + 2) // 3 if len(outcomes) + 1 in (5, 6, 9) else None
    fig.subplots_adjust(left=0.055, right=0.985, bottom=0.07, top=0.90 if rows == 3 else 0.88,
                        hspace=0.62, wspace=0.26)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_differences(diffs: pd.DataFrame, outcomes: Sequence[str], path: Path,
                     title: str = "", lang: str = "en") -> Path:
    """One panel per outcome: each paired difference (B - A, last year) with its 95% interval
    and a zero line; an interval that misses zero is a difference the seeds agree on."""
    pairs = list(dict.fromkeys(zip(diffs["a"], diffs["b"])))
    fig, axes = panel_grid(len(outcomes), height=0.55 * len(pairs) + 1.6, width=4.2)
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
        ax.set_title(report_label(outcome, lang).split("\n")[0], fontsize=10)
        ax.set_xlabel(_diff_unit(outcome, lang), fontsize=8.5)
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(5))
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(axis="x", labelsize=8.5)
    for ax in axes[len(outcomes):]:
        ax.axis("off")
    fig.suptitle(title or ("Gepaarde verschillen in het laatste jaar (95%-intervallen; blauw: "
                           "interval sluit 0 uit)" if lang == "nl" else
                           "Paired differences in the last year (95% intervals; blue: "
                           "interval excludes 0)"), fontsize=12)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _diff_unit(outcome: str, lang: str) -> str:
    """The x axis of a difference: what and in which unit."""
    from .report_text import info

    word = "verschil" if lang == "nl" else "difference"
    if outcome.endswith("_share"):
        return f"{word}, {'procentpunt' if lang == 'nl' else 'percentage points'}"
    unit = info(outcome).unit(lang)
    return f"{word}, {unit}" if unit else word


def plot_response(resp: pd.DataFrame, parameter: str, outcomes: Sequence[str],
                  labels: Sequence[str], path: Path, title: str = "", lang: str = "en"
                  ) -> Path:
    """End value (last year) of each outcome against one varied key: mean over seeds and the
    other keys, 95% interval; reference scenarios as a horizontal band."""
    design = resp[resp["point"] >= 0]
    refs = [lab for lab in dict.fromkeys(resp.loc[resp["point"] < 0, "label"])]
    col = colours([*labels, *refs])
    fig, axes = panel_grid(len(outcomes), extra=1)
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
        ax.set_title(report_label(outcome, lang), fontsize=10.5)
        _share_axis(ax, outcome)
        ax.set_xlabel(parameter, fontsize=9)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=8.5)
    legend_ax = axes[len(outcomes)]
    legend_ax.axis("off")
    handles = [plt.Line2D([], [], color=col[lab], marker="o", lw=2, label=lab) for lab in labels]
    handles += [plt.Line2D([], [], color=col[lab], ls="--", lw=2,
                           label=T("fig_reference", lang, lab=lab)) for lab in refs]
    legend_ax.legend(handles=handles, loc="center", frameon=False, fontsize=11,
                     title=T("fig_response_legend", lang), title_fontsize=10)
    for ax in axes[len(outcomes) + 1:]:
        ax.axis("off")
    if title:
        fig.suptitle(title, fontsize=13)
    set_margins(fig, axes, top=0.95 if title else 0.55)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_indices(idx: pd.DataFrame, path: Path, title: str = "", lang: str = "en") -> Path:
    """One scenario's indices: one panel per outcome, a bar pair per key - first-order and
    total Sobol index (or Morris mu*) with 95% intervals. Keys keep one order in every panel
    (largest mean effect on top) so panels can be compared at a glance."""
    sobol = "ST" in idx
    main = "ST" if sobol else "mu_star"
    outcomes = list(dict.fromkeys(idx["outcome"]))
    order = (idx.groupby("parameter")[main].mean().sort_values(na_position="first").index)
    n_par = len(order)
    fig, axes = panel_grid(len(outcomes), extra=1, width=4.3, height=0.34 * n_par + 1.5)
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
        ax.set_title(report_label(outcome, lang), fontsize=10)
        ax.axvline(0, color="black", lw=0.6)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(axis="x", labelsize=8)
    legend_ax = axes[len(outcomes)]
    legend_ax.axis("off")
    handles = ([matplotlib.patches.Patch(color="tab:blue", label=T("fig_s1", lang)),
                matplotlib.patches.Patch(color="tab:orange", label=T("fig_st", lang))]
               if sobol else [matplotlib.patches.Patch(color="tab:blue",
                                                       label=T("fig_mu", lang))])
    handles.append(plt.Line2D([], [], color="black", lw=0.8, label=T("fig_interval", lang)))
    legend_ax.legend(handles=handles, loc="center", frameon=False, fontsize=10)
    if clipped:
        legend_ax.text(0.5, 0.05, T("fig_clipped", lang), ha="center", fontsize=8.5,
                       color="dimgrey",
                       transform=legend_ax.transAxes)
    for ax in axes[len(outcomes) + 1:]:
        ax.axis("off")
    if title:
        fig.suptitle(title, fontsize=12)
    fig.tight_layout(rect=(0, 0, 1, 0.96 if title else 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
