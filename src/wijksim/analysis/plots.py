"""Pictures of one run: the main outcomes over the years, with events marked."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import matplotlib.transforms  # noqa: E402
import pandas as pd  # noqa: E402

from .report_text import T, info  # noqa: E402

PANELS = (
    ("cohesion", "Cohesion\n(tie strength per resident)"),
    ("vraagverlegenheid", "Vraagverlegenheid\n(reluctance to ask, 0-1)"),
    ("hidden_need_share", "Hidden need\n(% of residents)"),
    ("lonely_share", "Loneliness\n(% of adults and seniors)"),
    ("trust", "Trust in institutions\n(0-1)"),
    ("wijkkennis", "Professionals' wijkkennis\n(0-1)"),
    ("prof_trust", "Resident-professional trust\n(mean, 0-1)"),
    ("initiatives", "Citizen initiatives\n(alive)"),
    ("escalations", "Escalations to specialised care\n(per year, 13-week moving rate)"),
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
EVENT_NL = {"tender_lost": "aanbesteding verloren", "budget_cut": "bezuiniging",
            "programme_stop": "programma stopt", "programme_start": "programma start",
            "heatwave": "hittegolf", "crisis": "crisis", "buurttop": "BuurtTop",
            "staff_left": "professional vertrokken"}


# Frequent events: a mark at the foot of each panel rather than a line across it.
FOOT_MARKS = {"staff_left": ("|", "tab:olive", "professional left")}


def panel_title(outcome: str, english: str, lang: str) -> str:
    """A panel's title in ``lang``: the English one of PANELS, or the outcome's Dutch name
    and unit (escalations as the 13-week moving rate this figure draws)."""
    if lang != "nl":
        return english
    i = info(outcome)
    unit = T("fig_escalation_rate", lang) if outcome == "escalations" else i.unit(lang)
    return f"{i.name(lang)}\n({unit})" if unit else i.name(lang)


def event_label(kind: str, english: str, lang: str) -> str:
    return EVENT_NL.get(kind, english) if lang == "nl" else english


def mark_events(ax, events: pd.DataFrame) -> None:
    """Lines for lost tenders, shocks and decisions, dotted lines for closures, and marks at
    the panel's foot for staff leaving: what explains a jump is on the figure itself."""
    if events is None or not len(events):
        return
    closures = events[events["kind"] == "closure"]
    for kind, (colour, _) in EVENT_STYLE.items():
        for year in events.loc[events["kind"] == kind, "year"]:
            ax.axvline(year, color=colour, lw=1, ls="--", alpha=0.7)
    for year in closures["year"]:
        ax.axvline(year, color="grey", lw=0.8, ls=":", alpha=0.7)
    trans = matplotlib.transforms.blended_transform_factory(ax.transData, ax.transAxes)
    for kind, (marker, colour, _) in FOOT_MARKS.items():
        x = events.loc[events["kind"] == kind, "year"]
        if len(x):
            ax.scatter(x, [0.03] * len(x), marker=marker, s=40, color=colour, lw=1.2,
                       transform=trans, zorder=3)


def plot_run(df: pd.DataFrame, events: pd.DataFrame, path: Path, title: str = "",
             lang: str = "en") -> Path:
    fig, axes = plt.subplots(3, 3, figsize=(13, 9), sharex=True)
    for ax, (col, label) in zip(axes.flat, PANELS):
        y = df[col]
        if col == "escalations":  # per year, as in every table: a 13-week rate x 52
            y = y.rolling(13, min_periods=1).mean() * 52
        ax.plot(df["year"], y, color="tab:blue", lw=1.4)
        if col.endswith("_share"):
            ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_title(panel_title(col, label, lang), fontsize=10)
        ax.grid(alpha=0.3)
        mark_events(ax, events)
    for ax in axes[-1]:
        ax.set_xlabel(T("fig_year", lang))
    handles = [plt.Line2D([], [], color=c, ls="--", label=event_label(k, l, lang))
               for k, (c, l) in EVENT_STYLE.items()
               if events is not None and len(events) and (events["kind"] == k).any()]
    if events is not None and len(events) and (events["kind"] == "closure").any():
        handles.append(plt.Line2D([], [], color="grey", ls=":",
                                  label=T("fig_place_closed", lang)))
    for kind, (marker, colour, text) in FOOT_MARKS.items():
        if events is not None and len(events) and (events["kind"] == kind).any():
            handles.append(plt.Line2D([], [], color=colour, marker=marker, ls="",
                                      label=event_label(kind, text, lang)))
    if handles:
        fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False)
    fig.suptitle(title)
    fig.tight_layout(rect=(0, 0.04 if handles else 0, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
