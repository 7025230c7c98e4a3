"""Pictures of one run: the main outcomes over the years, with events marked."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

PANELS = (
    ("cohesion", "Cohesion\n(tie strength per resident)"),
    ("vraagverlegenheid", "Vraagverlegenheid\n(reluctance to ask, 0-1)"),
    ("hidden_need_share", "Hidden need\n(share of residents)"),
    ("lonely_share", "Lonely adults\n(share)"),
    ("trust", "Trust in institutions\n(0-1)"),
    ("wijkkennis", "Professionals' wijkkennis\n(0-1)"),
    ("prof_trust", "Resident-professional trust\n(mean, 0-1)"),
    ("initiatives", "Citizen initiatives\n(alive)"),
    ("escalations", "Escalations to specialised care\n(per week, 13-week mean)"),
)
EVENT_STYLE = {
    "tender_lost": ("tab:red", "lost tender"),
    "budget_cut": ("black", "budget cut"),
    "programme_stop": ("tab:purple", "programme stops"),
    "programme_start": ("tab:green", "programme starts"),
    "heatwave": ("tab:orange", "heat wave"),
    "crisis": ("tab:brown", "crisis"),
    "buurttop": ("tab:cyan", "BuurtTop"),
}


def mark_events(ax, events: pd.DataFrame) -> None:
    if events is None or not len(events):
        return
    closures = events[events["kind"] == "closure"]
    for kind, (colour, _) in EVENT_STYLE.items():
        for year in events.loc[events["kind"] == kind, "year"]:
            ax.axvline(year, color=colour, lw=1, ls="--", alpha=0.7)
    for year in closures["year"]:
        ax.axvline(year, color="grey", lw=0.8, ls=":", alpha=0.7)


def plot_run(df: pd.DataFrame, events: pd.DataFrame, path: Path, title: str = "") -> Path:
    fig, axes = plt.subplots(3, 3, figsize=(13, 9), sharex=True)
    for ax, (col, label) in zip(axes.flat, PANELS):
        y = df[col]
        if col == "escalations":
            y = y.rolling(13, min_periods=1).mean()
        ax.plot(df["year"], y, color="tab:blue", lw=1.4)
        ax.set_title(label, fontsize=10)
        ax.grid(alpha=0.3)
        mark_events(ax, events)
    for ax in axes[-1]:
        ax.set_xlabel("year")
    handles = [plt.Line2D([], [], color=c, ls="--", label=l) for k, (c, l) in EVENT_STYLE.items()
               if events is not None and len(events) and (events["kind"] == k).any()]
    if events is not None and len(events) and (events["kind"] == "closure").any():
        handles.append(plt.Line2D([], [], color="grey", ls=":", label="place closed"))
    if handles:
        fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False)
    fig.suptitle(title)
    fig.tight_layout(rect=(0, 0.04 if handles else 0, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
