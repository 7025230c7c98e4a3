"""Scenario discovery and robustness across futures, on EMA Workbench.

An experiment with a ``[discovery]`` table samples uncertain assumptions and policy levers
(a Latin hypercube over ``[parameters]``) and runs every funding regime at every point with
the same seeds. Two questions are then asked of the stored runs:

* **Where does B beat A?** (``contrast = ["subsidy", "tender_3y"]``): at each point, the
  paired difference B - A of ``outcome`` (mean over seeds), turned so that positive is better
  for the wijk (the direction in wijksim.analysis.materiality), is compared with the
  threshold - the materiality threshold of the outcome, or a number. EMA Workbench's PRIM
  finds boxes in the parameter space where the condition mostly holds (coverage/density
  trade-off, box limits, quasi-p-values of each restriction); its CART (scikit-learn's
  decision tree) gives a second, tree-shaped answer.
* **Which policy is robust?** For every policy (the experiment's scenarios) and main
  outcome: in what share of the sampled futures it is within the materiality threshold of the
  best policy there, and its regret (distance to the best) over the futures.

    [discovery]
    contrast = ["subsidy", "tender_3y"]   # B beats A
    outcome = "hidden_need_share"         # an outcome of the materiality table
    threshold = "materiality"             # or a number in the outcome's unit
    coverage = 0.5                        # PRIM: densest box with at least this coverage
    policies = ["tender_3y", "tender_9y", "subsidy"]   # robustness (default: every scenario)

Both need every run: with runs missing the report lists them instead of fitting boxes on
a part of the design.
"""

from __future__ import annotations

import logging
import math
import warnings
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .materiality import MAIN, THRESHOLDS
from .report_text import info

KEYS = ("contrast", "outcome", "threshold", "coverage", "policies")
PRIM_DENSITY = 0.8  # PRIM peels until a box is this dense (EMA's threshold argument)


# -- checking the [discovery] table -------------------------------------------------------------
def check_discovery(table: Mapping[str, Any], labels: Sequence[str], kept: Sequence[str],
                    method: str, origin: str, problems: list) -> dict[str, Any] | None:
    """Validate ``[discovery]``: one Problem per mistake (unknown outcome, a threshold that
    is not "materiality" or a number, ...). Returns the checked settings."""
    from ..model.outcome_names import OUTCOMES
    from ..scenario import Problem
    from ..scenario.loader import did_you_mean, unknown_name

    before = len(problems)
    for k in table:
        if k not in KEYS:
            problems.append(unknown_name(origin, f"discovery.{k}", [f"discovery.{x}" for x in KEYS]))
    contrast = table.get("contrast", ["subsidy", "tender_3y"])
    if (not isinstance(contrast, list) or len(contrast) != 2 or contrast[0] == contrast[1]
            or not all(isinstance(x, str) and x in labels for x in contrast)):
        problems.append(Problem(origin, "discovery.contrast", contrast,
                                "two different names from experiment.scenarios, [B, A] for "
                                f"'B beats A' (known: {', '.join(labels)})"))
    outcome = table.get("outcome")
    if not isinstance(outcome, str):
        problems.append(Problem(origin, "discovery.outcome", outcome,
                                "the name of a main outcome, e.g. \"hidden_need_share\" "
                                f"(one of: {', '.join(THRESHOLDS)})"))
    elif outcome not in THRESHOLDS:
        problems.append(Problem(origin, "discovery.outcome", outcome,
                                f"an outcome with a direction and threshold in "
                                f"wijksim.analysis.materiality: {', '.join(THRESHOLDS)}",
                                f"'{outcome}' is an outcome, but has no direction or "
                                "threshold there" if outcome in OUTCOMES else
                                f"unknown outcome '{outcome}'"
                                + did_you_mean(outcome, THRESHOLDS)))
    elif outcome not in kept:
        problems.append(Problem(origin, "discovery.outcome", outcome,
                                "an outcome listed in experiment.outcomes (it must be stored)"))
    threshold = table.get("threshold", "materiality")
    if not (threshold == "materiality" or (isinstance(threshold, (int, float))
                                           and not isinstance(threshold, bool)
                                           and math.isfinite(threshold) and threshold >= 0)):
        problems.append(Problem(origin, "discovery.threshold", threshold,
                                "\"materiality\" (the outcome's threshold in "
                                "wijksim.analysis.materiality) or a number of at least 0 in "
                                "the outcome's unit (shares as fractions: 0.005 = 0.5 pp)"))
    coverage = table.get("coverage", 0.5)
    if isinstance(coverage, bool) or not isinstance(coverage, (int, float)) or \
            not 0 < coverage <= 1:
        problems.append(Problem(origin, "discovery.coverage", coverage,
                                "a number above 0 and at most 1"))
    policies = table.get("policies", list(labels))
    if not isinstance(policies, list) or len(policies) < 2 or \
            not all(isinstance(x, str) and x in labels for x in policies):
        problems.append(Problem(origin, "discovery.policies", policies,
                                "a list of at least two names from experiment.scenarios"))
    if method not in ("lhs", "grid", "sobol", "morris"):
        problems.append(Problem(origin, "design.method", method, "", "scenario discovery "
                                "needs a design over [parameters] (method = \"lhs\")",
                                show_value=False))
    if len(problems) > before:
        return None
    return {"contrast": list(contrast), "outcome": outcome, "threshold": threshold,
            "coverage": float(coverage), "policies": list(policies)}


def check_condition(outcome: str | None, threshold: Any, kept: Sequence[str] | None,
                    origin: str) -> None:
    """The command line's --outcome/--threshold, checked before any work (exit 2).
    ``kept``: the stored outcomes (None: not known yet, not checked)."""
    from dataclasses import replace

    from ..scenario import ScenarioError

    problems: list = []
    table = {"contrast": ["b", "a"], "policies": ["a", "b"],
             "outcome": outcome if outcome is not None else next(iter(THRESHOLDS))}
    if threshold is not None:
        table["threshold"] = threshold
    check_discovery(table, ["a", "b"], list(THRESHOLDS) if kept is None else kept, "lhs",
                    origin, problems)
    problems = [replace(p, key="--" + p.key.split(".")[1]) for p in problems
                if p.key in ("discovery.outcome", "discovery.threshold")]
    if problems:
        raise ScenarioError(problems)


# -- the analysis -------------------------------------------------------------------------------
def missing_runs(res: Any) -> pd.DataFrame:
    """Runs the design asks for that are not stored: label, point, seed."""
    seeds = list(res.manifest["seeds"])
    points = list(res.points.index)
    want = pd.MultiIndex.from_product([res.labels, points, seeds],
                                      names=["label", "point", "seed"])
    have = pd.MultiIndex.from_frame(res.runs[["label", "point", "seed"]]) if len(res.runs) \
        else want[:0]
    return want.difference(have).to_frame(index=False)


def point_means(res: Any, outcomes: Sequence[str]) -> pd.DataFrame:
    """Per design point and scenario: the mean over seeds of each outcome's end value."""
    end = res.end_values(list(outcomes))
    end = end[end["point"] >= 0]
    return end.groupby(["point", "label"], observed=True)[list(outcomes)].mean()


def condition(res: Any, settings: Mapping[str, Any]) -> pd.DataFrame:
    """Per point: B - A (mean of per-seed differences), the same turned so that positive is
    better, the threshold there, and whether B beats A by more than it."""
    b, a = settings["contrast"]
    o = settings["outcome"]
    t = THRESHOLDS[o]
    m = point_means(res, [o])[o].unstack("label")
    diff = m[b] - m[a]  # complete seeds: the mean of paired differences
    sign = 1.0 if t.better == "up" else -1.0
    limit = (m[a].abs() * t.smallest if t.kind == "relative" else
             pd.Series(t.smallest, index=m.index)) if settings["threshold"] == "materiality" \
        else pd.Series(float(settings["threshold"]), index=m.index)
    return pd.DataFrame({"difference": diff, "gain": sign * diff, "threshold": limit,
                         "holds": sign * diff > limit})


def run_prim(x: pd.DataFrame, y: np.ndarray, coverage: float):
    """EMA's PRIM on the design (floats: EMA 2.5.3 with pandas 3 fails on int columns), and
    the box chosen: the densest with at least ``coverage``."""
    from ema_workbench.analysis import prim

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("EMA").setLevel(logging.ERROR)
        p = prim.Prim(x.astype(float), y, threshold=PRIM_DENSITY)
        box = p.find_box()
    traj = box.peeling_trajectory
    ok = traj[traj["coverage"] >= coverage]
    chosen = int(ok["density"].idxmax()) if len(ok) else int(traj["coverage"].idxmax())
    return box, chosen


CART_MASS = 0.05  # CART: a leaf holds at least this share of the points ...


def cart_mass_min(points: int) -> float:
    """... and at least one point. EMA's CART turns ``mass_min`` into scikit-learn's
    ``min_samples_leaf`` as ``int(mass_min * points)``, which is 0 - an error - below 20
    points with 0.05 (the first-look design has 16). The nudge above 1/points keeps
    ``int()`` from rounding 1/points x points down to 0 (e.g. 1/49 x 49 < 1 in floats)."""
    return max(CART_MASS, (1.0 + 1e-9) / max(points, 1))


def run_cart(x: pd.DataFrame, y: np.ndarray):
    from ema_workbench.analysis import cart

    c = cart.CART(x.astype(float), y, mass_min=cart_mass_min(len(x)))
    c.build_tree()
    return c


def robustness(res: Any, policies: Sequence[str], outcomes: Sequence[str]) -> pd.DataFrame:
    """Per outcome, policy and future (design point): the value, the best policy's value,
    the regret (how far behind the best, in the outcome's unit, >= 0) and whether it is
    within the materiality threshold of the best."""
    m = point_means(res, outcomes)
    rows = []
    for o in outcomes:
        t = THRESHOLDS[o]
        sign = 1.0 if t.better == "up" else -1.0
        v = m[o].unstack("label")[list(policies)]
        best = (sign * v).max(axis=1)
        best_raw = sign * best
        limit = best_raw.abs() * t.smallest if t.kind == "relative" else t.smallest
        for p in policies:
            regret = best - sign * v[p]
            rows.append(pd.DataFrame({"outcome": o, "policy": p, "point": v.index,
                                      "value": v[p].to_numpy(), "best": best_raw.to_numpy(),
                                      "regret": regret.to_numpy(),
                                      "within": (regret <= limit + 1e-12).to_numpy()}))
    return pd.concat(rows, ignore_index=True)


def robustness_table(rob: pd.DataFrame) -> pd.DataFrame:
    g = rob.groupby(["outcome", "policy"], sort=False)
    return g.agg(share_within=("within", "mean"), mean_regret=("regret", "mean"),
                 max_regret=("regret", "max"), futures=("point", "count")).reset_index()


# -- the report section -------------------------------------------------------------------------
def discovery_blocks(res: Any, folder: Path, lang: str = "en") -> list:
    from .report_text import dutch_numbers

    s = res.manifest["discovery"]
    nl = lang == "nl"
    b, a = s["contrast"]
    o = s["outcome"]
    blocks: list = [("h", 2, "Scenario discovery" + (" (scenario-ontdekking)" if nl else ""))]
    miss = missing_runs(res)
    if len(miss):
        by = miss.groupby("label").size()
        point = "punt" if nl else "point"
        pts = ", ".join(f"{r.label} {point} {r.point} seed {r.seed}"
                        for r in miss.head(8).itertuples())
        more = "" if len(miss) <= 8 else (f" en nog {len(miss) - 8}" if nl else
                                          f" and {len(miss) - 8} more")
        blocks.append(("p", (
            f"**{len(miss)} runs of the design are missing** "
            f"({', '.join(f'{k}: {v}' for k, v in by.items())}): {pts}{more}. Scenario "
            "discovery and robustness need every point of every policy, so no boxes or "
            "regrets are computed on a part of the design: finish with `wijksim sweep ... "
            "--resume`.") if not nl else (
            f"**{len(miss)} runs van de opzet ontbreken** "
            f"({', '.join(f'{k}: {v}' for k, v in by.items())}): {pts}{more}. Scenario "
            "discovery en robuustheid hebben elk punt van elk beleid nodig; er wordt niets "
            "berekend op een deel van de opzet: maak af met `wijksim sweep ... --resume`.")))
        return blocks
    params = [p["key"] for p in res.manifest["parameters"]]
    x = res.points[params]
    cond = condition(res, s)
    cond.to_csv(folder / "discovery_condition.csv")
    y = cond["holds"].to_numpy()
    name = info(o).name(lang).split(" (")[0]
    thr = ("the materiality threshold" if not nl else "de materialiteitsdrempel") \
        if s["threshold"] == "materiality" else dutch_numbers(f"{s['threshold']:g}", lang)
    k, n = int(y.sum()), len(y)
    blocks.append(("p", (
        f"Condition: **{b} beats {a} on {name} by more than {thr}** (difference {b} − {a}, "
        f"mean over {len(res.manifest['seeds'])} seeds per point, in the direction that is "
        f"better for the wijk). It holds in **{k} of {n}** sampled points "
        f"({100 * k / n:.0f} %). The points are a Latin hypercube over the uncertain "
        "assumptions and policy levers below; PRIM and CART are EMA Workbench's.") if not nl
        else (
        f"Voorwaarde: **{b} is beter dan {a} op {name}, met meer dan {thr}** (verschil "
        f"{b} − {a}, gemiddeld over {len(res.manifest['seeds'])} seeds per punt, in de "
        f"richting die beter is voor de wijk). Dat geldt in **{k} van de {n}** punten "
        f"({100 * k / n:.0f}%). De punten zijn een Latin hypercube over de onzekere "
        "aannames en beleidsknoppen hieronder; PRIM en CART komen uit EMA Workbench.")))
    if k == 0 or k == n:
        blocks.append(("p", ("The condition holds everywhere or nowhere in this design: there "
                             "is nothing to discover (widen the ranges or add points).")
                       if not nl else ("De voorwaarde geldt overal of nergens in deze opzet: "
                                       "er valt niets te ontdekken (verbreed de bereiken of "
                                       "neem meer punten).")))
    else:
        blocks += guarded("PRIM", lang, _prim_blocks, x, y, s["coverage"], folder, lang)
        blocks += guarded("CART", lang, _cart_blocks, x, y, folder, lang)
    blocks += guarded("robustness" if not nl else "robuustheid", lang, _robustness_blocks,
                      res, s["policies"], folder, lang)
    return blocks


def guarded(what: str, lang: str, section, *args) -> list:
    """A report section, or - if the library cannot fit it on this design (too few points,
    a degenerate sample, ...) - a paragraph saying so and why, instead of a traceback that
    would lose the rest of the report."""
    import matplotlib.pyplot as plt

    try:
        return section(*args)
    except Exception as exc:  # noqa: BLE001 - any failure of EMA/scikit-learn/matplotlib
        plt.close("all")
        why = f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:400]
        logging.getLogger(__name__).warning("%s could not be fitted: %s", what, why)
        return [("h", 3, what), ("p", (
            f"**{what} could not be computed on this design** ({why}). The rest of the "
            "report stands; more points (`--samples`) or seeds usually help.") if lang != "nl"
            else (f"**{what} kon op deze opzet niet berekend worden** ({why}). De rest van "
                  "het rapport blijft staan; meer punten (`--samples`) of seeds helpen "
                  "meestal."))]


# words EMA Workbench's and scikit-learn's own figures draw, in Dutch
FIGURE_NL = ((r"\bnr\. of restricted dimensions\b", "aantal beperkte dimensies"),
             (r"\bdensity\b", "dichtheid"), (r"\bsamples = ", "aandeel punten = "),
             (r"\bvalue = ", "waarde = "), (r"\bclass = yes\b", "klasse = ja"),
             (r"\bclass = no\b", "klasse = nee"), (r"^\s*True\s*$", "waar"),
             (r"^\s*False\s*$", "niet waar"), (r"\bmass\b", "massa"))


def dutch_figure(fig, lang: str) -> None:
    """Put the words a library drew in a figure (axis labels, colour bars, tree nodes) into
    Dutch when the report is Dutch; numbers and keys stay."""
    import re

    import matplotlib.text

    if lang != "nl":
        return
    for t in fig.findobj(matplotlib.text.Text):
        text = t.get_text()
        new = text
        for pattern, dutch in FIGURE_NL:
            new = re.sub(pattern, dutch, new, flags=re.M)
        if new != text:
            t.set_text(new)


def _prim_blocks(x, y, coverage, folder, lang) -> list:
    import matplotlib.pyplot as plt

    from .report_text import dutch_numbers

    nl = lang == "nl"
    box, i = run_prim(x, y, coverage)
    traj = box.peeling_trajectory
    traj.to_csv(folder / "prim_trajectory.csv", index=False)
    fig = box.show_tradeoff()
    ax = fig.axes[0]
    ax.scatter([traj.at[i, "coverage"]], [traj.at[i, "density"]], s=180, facecolors="none",
               edgecolors="red", lw=2, zorder=5)
    ax.set_title(("PRIM: coverage en dichtheid per box (rood: gekozen box)" if nl else
                  "PRIM: coverage and density along the peeling trajectory (red: chosen box)"),
                 fontsize=10)
    dutch_figure(fig, lang)
    fig.savefig(folder / "prim_tradeoff.png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    stats, lims = box.inspect(i, style="data")[0]
    lims.columns = ["min", "max", "qp (lower)", "qp (upper)"]
    lims.to_csv(folder / "prim_box.csv")
    figs = box.inspect(i, style="graph")
    f = figs[0][0] if isinstance(figs[0], tuple) else figs[0]
    f = f if hasattr(f, "savefig") else plt.gcf()
    dutch_figure(f, lang)
    f.savefig(folder / "prim_box.png", dpi=100, bbox_inches="tight")
    plt.close("all")
    rows = []
    for key, r in lims.iterrows():
        qps = [v for v in (r["qp (lower)"], r["qp (upper)"]) if pd.notna(v)]
        rows.append([f"`{key}`", dutch_numbers(f"{r['min']:.3g}", lang), dutch_numbers(f"{r['max']:.3g}", lang),
                     dutch_numbers(", ".join(f"{q:.2g}" for q in qps) or "–", lang)])
    trows = [[str(j), dutch_numbers(f"{r.coverage:.2f}", lang), dutch_numbers(f"{r.density:.2f}", lang),
              dutch_numbers(f"{r.mass:.2f}", lang), str(int(r.res_dim))]
             for j, r in traj.iterrows() if j % max(1, len(traj) // 12) == 0 or j == i]
    text = (f"PRIM peels the design towards points where the condition holds. Chosen: box "
            f"{i}, the densest with coverage ≥ {coverage:g}: coverage "
            f"{stats['coverage']:.2f} (share of all points where the condition holds that "
            f"lie in the box), density {stats['density']:.2f} (share of the box's points "
            f"where it holds), mass {stats['mass']:.2f}. Quasi-p-values test each "
            "restriction (one-sided binomial): below 0.05 the limit is unlikely to be chance."
            ) if not nl else (
            f"PRIM pelt de opzet af naar punten waar de voorwaarde geldt. Gekozen: box {i}, "
            f"de dichtste met coverage ≥ {coverage:g}: coverage {stats['coverage']:.2f} "
            f"(aandeel van alle punten waar de voorwaarde geldt dat in de box ligt), "
            f"dichtheid {stats['density']:.2f} (aandeel van de punten in de box waar ze "
            f"geldt), massa {stats['mass']:.2f}. Quasi-p-waarden toetsen elke grens "
            "(eenzijdig binomiaal): onder 0,05 is de grens waarschijnlijk geen toeval.")
    return [("h", 3, "PRIM"), ("p", dutch_numbers(text, lang) if nl else text),
            ("img", "prim_tradeoff.png", "PRIM: afweging coverage en dichtheid" if nl else
             "PRIM coverage/density trade-off"),
            ("table", (["box", "coverage", "density" if not nl else "dichtheid",
                        "mass" if not nl else "massa",
                        "restricted keys" if not nl else "beperkte knoppen"], trows)),
            ("table", (["key" if not nl else "knop", "min", "max", "quasi-p"], rows)),
            ("img", "prim_box.png", "PRIM: grenzen van de box" if nl else "PRIM box limits")]


def _cart_blocks(x, y, folder, lang) -> list:
    import matplotlib.pyplot as plt
    from sklearn import tree

    from .report_text import dutch_numbers

    nl = lang == "nl"
    c = run_cart(x, y)
    fig, ax = plt.subplots(figsize=(12, 6))
    tree.plot_tree(c.clf, feature_names=[k.split(".", 1)[-1] for k in x.columns],
                   class_names=["no", "yes"], filled=True, ax=ax, fontsize=7,
                   impurity=False, proportion=True)
    dutch_figure(fig, lang)
    fig.savefig(folder / "cart_tree.png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    st = pd.DataFrame(c.stats)
    st.to_csv(folder / "cart_boxes.csv", index=False)
    rows = []
    for j, (box, r) in enumerate(zip(c.boxes, c.stats)):
        restr = []
        for key in box.columns:
            lo, hi = box[key].iloc[0], box[key].iloc[1]
            init_lo, init_hi = x[key].min(), x[key].max()
            if lo > init_lo or hi < init_hi:
                restr.append(f"`{key}` {lo:.3g}–{hi:.3g}")
        rows.append([str(j), dutch_numbers(f"{r['coverage']:.2f}", lang), dutch_numbers(f"{r['density']:.2f}", lang),
                     dutch_numbers(f"{r['mass']:.2f}", lang), "; ".join(restr) or "–"])
    text = ("CART (a classification tree) splits the design into boxes; for each leaf its "
            "coverage, density and mass for the condition, and the limits that define it."
            ) if not nl else ("CART (een beslisboom) deelt de opzet op in boxen; per blad de "
                              "coverage, dichtheid en massa voor de voorwaarde en de grenzen "
                              "die het blad bepalen.")
    return [("h", 3, "CART"), ("p", text), ("img", "cart_tree.png",
                                             "CART: beslisboom" if nl else "CART tree"),
            ("table", (["leaf" if not nl else "blad", "coverage",
                        "density" if not nl else "dichtheid", "mass" if not nl else "massa",
                        "limits" if not nl else "grenzen"], rows))]


def _robustness_blocks(res, policies, folder, lang) -> list:
    from .report_text import dutch_numbers

    nl = lang == "nl"
    outcomes = [o for o in MAIN if o in res.manifest["outcomes"]]
    rob = robustness(res, policies, outcomes)
    rob.to_csv(folder / "robustness_futures.csv", index=False)
    tab = robustness_table(rob)
    tab.to_csv(folder / "robustness.csv", index=False)
    plot_robustness(rob, outcomes, policies, folder / "robustness.png", lang)
    rows = []
    for o in outcomes:
        t = tab[tab["outcome"] == o].set_index("policy")
        scale = 100 if o.endswith("_share") else 1
        cells = [dutch_numbers(f"{100 * t.at[p, 'share_within']:.0f} % "
                     f"({t.at[p, 'mean_regret'] * scale:.3g}; {t.at[p, 'max_regret'] * scale:.3g})",
                     lang) for p in policies]
        unit = "pp" if o.endswith("_share") else info(o).unit(lang)
        rows.append([f"{info(o).name(lang).split(' (')[0]} ({unit})", *cells])
    n = rob["point"].nunique()
    text = (f"Across the same {n} sampled futures, for each policy and main outcome: the share "
            "of futures in which it is within the materiality threshold of the best policy "
            "there, then (in brackets) its mean and largest regret - how far it falls behind "
            "the best, in the outcome's unit, 0 where it is the best.") if not nl else (
            f"Over dezelfde {n} toekomsten, per beleid en hoofduitkomst: het aandeel "
            "toekomsten waarin het binnen de materialiteitsdrempel van het beste beleid daar "
            "blijft, en (tussen haakjes) de gemiddelde en grootste spijt: hoeveel "
            "het achterblijft bij het beste, in de eenheid van de uitkomst, 0 waar het het "
            "beste is.")
    return [("h", 2, "Robustness across futures" if not nl else
             "Robuustheid over toekomsten"), ("p", text),
            ("table", (["outcome" if not nl else "uitkomst", *policies], rows)),
            ("img", "robustness.png", "aandeel binnen de drempel en spijt per beleid" if nl
             else "share within threshold and regret per policy")]


def plot_robustness(rob: pd.DataFrame, outcomes: Sequence[str], policies: Sequence[str],
                    path: Path, lang: str = "en") -> Path:
    """One panel per outcome: each policy's regret over the futures (box plot), the
    threshold as a dashed line, and the share of futures within it written above."""
    import matplotlib.pyplot as plt

    from .experiment_plots import panel_grid, colours, report_label

    col = colours(policies)
    fig, axes = panel_grid(len(outcomes), height=3.0)
    for ax, o in zip(axes, outcomes):
        d = rob[rob["outcome"] == o]
        scale = 100 if o.endswith("_share") else 1
        data = [d.loc[d["policy"] == p, "regret"].to_numpy() * scale for p in policies]
        bp = ax.boxplot(data, patch_artist=True, widths=0.6)
        for patch, p in zip(bp["boxes"], policies):
            patch.set_facecolor(col[p])
            patch.set_alpha(0.5)
        ax.set_xticks(range(1, len(policies) + 1), policies, fontsize=8.5)
        for j, p in enumerate(policies, start=1):
            share = d.loc[d["policy"] == p, "within"].mean()
            ax.text(j, 1.0, f"{100 * share:.0f}%", transform=ax.get_xaxis_transform(),
                    ha="center", va="bottom", fontsize=9, color="black")
        t = THRESHOLDS[o]
        if t.kind == "absolute":
            ax.axhline(t.smallest * scale, color="black", ls="--", lw=0.9)
        ax.set_title(report_label(o, lang).split("\n")[0] + "\n", fontsize=10)
        unit = "pp" if o.endswith("_share") else info(o).unit(lang)
        ax.set_ylabel(("spijt" if lang == "nl" else "regret") + f" ({unit})", fontsize=8.5)
        ax.grid(axis="y", alpha=0.3)
    for ax in axes[len(outcomes):]:
        ax.axis("off")
    fig.suptitle("Regret per policy over the futures; above each box: share of futures "
                 "within the threshold of the best (dashed: absolute threshold)" if lang != "nl"
                 else "Spijt per beleid over de toekomsten; boven elke box: aandeel "
                 "toekomsten binnen de drempel van het beste (stippellijn: vaste drempel)",
                 fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
