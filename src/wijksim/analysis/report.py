"""Reports of comparisons and sweeps: Markdown and HTML with PNG figures and CSV tables.

The report states what was run (scenarios, hashes, seeds, sizes, versions) and how to read
it, so it can be handed on without the command line that made it.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from .experiment_plots import (one_line, plot_differences, plot_indices,
                               plot_response, plot_trajectories)

Table = tuple[list[str], list[list[str]]]  # header, rows


def write_report(res: Any, folder: Path) -> Path:
    """Write the report of ``res`` (a :class:`wijksim.experiments.Results`) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    blocks = _comparison(res, folder) if res.is_comparison else _sweep(res, folder)
    md = folder / "report.md"
    md.write_text(_markdown(blocks))
    (folder / "report.html").write_text(_html(blocks, res.name))
    return md


# -- number formats ---------------------------------------------------------------------------
# A value is shown to the precision its interval supports: two significant digits of the
# interval's half-width, and the mean rounded to the same decimal place. Shares are shown as
# percentages, their differences in percentage points (pp).
def _decimals(half: float) -> int | None:
    if not math.isfinite(half) or half <= 0:
        return None
    return int(min(6, max(0, 1 - math.floor(math.log10(half)))))


def fmt(outcome: str, x: float, diff: bool = False, half: float = math.nan) -> str:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    share = outcome.endswith("_share")
    if share:
        x, half = 100 * x, 100 * half
    dec = _decimals(half)
    sign = "+" if diff else ""
    if dec is None:
        text = f"{x:{sign},.0f}" if abs(x) >= 1000 else f"{x:{sign}.3g}"
    else:
        text = f"{x:{sign},.{dec}f}"
    if share:
        return text + (" pp" if diff else "%")
    return text


def fmt_interval(outcome: str, mean: float, low: float, high: float, diff: bool = False) -> str:
    """'mean [low, high]' at the precision the interval supports."""
    if not math.isfinite(low) or not math.isfinite(high):
        return fmt(outcome, mean, diff)
    half = (high - low) / 2
    if diff and outcome.endswith("_share"):  # one unit for the whole cell: '+0.5 [..] pp'
        m, lo, hi = (fmt(outcome, v, True, half)[:-3] for v in (mean, low, high))
        return f"{m} [{lo}, {hi}] pp"
    return (f"{fmt(outcome, mean, diff, half)} [{fmt(outcome, low, diff, half)}, "
            f"{fmt(outcome, high, diff, half)}]")


def fmt_pm(outcome: str, mean: float, low: float, high: float) -> str:
    """'mean ± half-width' at the precision the interval supports."""
    half = (high - low) / 2
    if not math.isfinite(half):
        return fmt(outcome, mean)
    return f"{fmt(outcome, mean, half=half)} ± {fmt(outcome, half, half=half)}"


# -- blocks: ("h", level, text) | ("p", text) | ("table", Table) | ("img", file, alt) ----------
def _about(res: Any) -> list:
    m, runs = res.manifest, res.runs
    seeds = m["seeds"]
    seed_text = (f"{len(seeds)} seeds ({seeds[0]}–{seeds[-1]})" if seeds == list(
        range(seeds[0], seeds[0] + len(seeds))) else f"{len(seeds)} seeds ({seeds})")
    size = ""
    if len(runs):
        years = _one(runs["years"])
        size = f"{_one(runs['residents'])} residents, {years} year{'s' * (years != '1')} per run; "
    stored = len(runs)
    done = ("" if stored == m["runs"] else
            f" — **incomplete: {stored} of {m['runs']} runs stored**")
    versions = ""
    if len(runs):
        versions = (f"wijksim {_one(runs['wijksim_version'])}, Mesa {_one(runs['mesa_version'])}"
                    f", Python {_one(runs['python_version'])}")
        commits = runs["git_commit"].dropna().unique()
        if len(commits):
            versions += f", git commit {', '.join(c[:10] for c in commits)}"
    desc = m.get("descriptions", {})
    rows = [[f"`{lab}`", desc.get(lab, ""), f"`{m['scenario_hashes'].get(lab, '')}`"]
            for lab in [*m["labels"], *m.get("reference", [])]]
    blocks = [("p", f"{size}{seed_text}, the same seeds for every scenario (common random "
                    f"numbers); {m['runs']} runs{done}. {versions}. Made "
                    f"{m.get('created', '')}" + (f" with `{m['command']}`." if m.get("command")
                                                  else ".")),
              ("table", (["scenario", "description", "scenario hash"], rows))]
    if m.get("fixed"):
        fixed = ", ".join(f"`{k} = {v}`" for k, v in m["fixed"].items())
        blocks.append(("p", f"Set for every run: {fixed}."))
    return blocks


def _one(col: pd.Series) -> str:
    vals = [str(v) for v in pd.unique(col.dropna())]
    return " / ".join(vals) if vals else "?"


READING = ("How to read this. Lines are the mean over seeds, shaded bands the 95% t-interval "
           "of that mean. End values are the last simulated year: the mean over its 52 weeks "
           "(for escalations: the total of that year). Differences B − A are taken seed by seed "
           "(both scenarios ran with the same seed) and then averaged; their 95% t-interval is "
           "over those per-seed differences, and is **bold** when it excludes zero. Intervals "
           "say how precisely these seeds pin down the model's mean for these parameter "
           "values — not whether the parameter values are right (see a sensitivity analysis).")


def _comparison(res: Any, folder: Path) -> list:
    outcomes, labels = res.outcomes, res.labels
    traj = res.trajectories(outcomes)
    summary = res.summary(outcomes)
    diffs = res.differences(outcomes)
    n_seeds = len(res.manifest["seeds"])
    plot_trajectories(traj, outcomes, labels, folder / "trajectories.png",
                      title=f"{' vs '.join(labels)}: mean of {n_seeds} seeds",
                      note="escalations: 13-week moving mean")
    res.end_values(outcomes).to_csv(folder / "end_values.csv", index=False)
    summary.to_csv(folder / "summary.csv", index=False)
    blocks: list = [("h", 1, f"Comparison: {', '.join(labels)}"), *_about(res),
                    ("h", 2, "Trajectories"),
                    ("img", "trajectories.png", "trajectories per scenario with 95% bands"),
                    ("h", 2, "End values (last year)"),
                    ("table", _summary_table(summary, outcomes, labels))]
    if len(labels) > 1:
        plot_differences(diffs, outcomes, folder / "differences.png")
        diffs.to_csv(folder / "differences.csv", index=False)
        blocks += [("h", 2, "Paired differences (last year)"),
                   ("table", _diff_table(diffs, outcomes)),
                   ("img", "differences.png", "paired differences with 95% intervals")]
    blocks += [("p", READING), *_files(res, ["summary.csv", "end_values.csv",
                                             "differences.csv"])]
    return blocks


def _summary_table(summary: pd.DataFrame, outcomes: Sequence[str], labels: Sequence[str]
                   ) -> Table:
    s = summary.set_index(["outcome", "label"])
    rows = []
    for o in outcomes:
        row = [one_line(o, end=True)]
        for lab in labels:
            r = s.loc[(o, lab)] if (o, lab) in s.index else None
            row.append("–" if r is None else fmt_interval(o, r["mean"], r["low"], r["high"]))
        rows.append(row)
    return ["outcome", *labels], rows


def _diff_table(diffs: pd.DataFrame, outcomes: Sequence[str]) -> Table:
    pairs = list(dict.fromkeys(zip(diffs["a"], diffs["b"])))
    d = diffs.set_index(["outcome", "a", "b"])
    rows = []
    for o in outcomes:
        row = [one_line(o, end=True)]
        for a, b in pairs:
            r = d.loc[(o, a, b)]
            cell = fmt_interval(o, r["mean"], r["low"], r["high"], diff=True)
            if r["low"] > 0 or r["high"] < 0:
                cell = f"**{cell}**"
            row.append(cell)
        rows.append(row)
    return ["outcome", *(f"{b} − {a}" for a, b in pairs)], rows


def _files(res: Any, tables: Sequence[str]) -> list:
    folder = res.folder
    load = (f"`wijksim.experiments.load_results(\"{folder}\")`, or the Parquet files directly "
            f"(`{folder}/ticks/*.parquet`, `{folder}/runs/*.parquet`) with pandas or DuckDB; "
            "see experiments/load_results.py.") if folder else ""
    return [("h", 2, "Data"),
            ("p", "Tables: " + ", ".join(f"`{t}`" for t in tables) + ". "
             + (f"All runs, week by week: {load}" if load else ""))]


def _sweep(res: Any, folder: Path) -> list:
    m = res.manifest
    outcomes, labels = res.outcomes, res.labels
    params = [p["key"] for p in m["parameters"]]
    blocks: list = [("h", 1, f"Sweep: {res.name}")]
    if m.get("description"):
        blocks.append(("p", m["description"]))
    blocks += _about(res)
    prows = []
    for p in m["parameters"]:
        rng = (", ".join(map(str, p["values"])) if p["values"] is not None
               else f"{p['low']} to {p['high']}" + (f" in {p['steps']} steps" if p["steps"]
                                                   else ""))
        prows.append([f"`{p['key']}`", rng])
    design = {"grid": "full grid", "lhs": f"Latin hypercube, N = {m['samples']}",
              "sobol": f"Sobol (Saltelli) sample, N = {m['samples']}",
              "morris": f"Morris, {m['samples']} trajectories, {m['levels']} levels"}
    sampler = "" if m["method"] == "grid" else f" (SALib, seed {m['design_seed']})"
    blocks += [("p", f"Design: {design[m['method']]}{sampler}, "
                     f"{len(res.points)} points."),
               ("table", (["varied key", "values"], prows))]
    complete = len(res.runs) == m["runs"]
    tables = ["end_values.csv", "response.csv"]
    res.end_values(outcomes).to_csv(folder / "end_values.csv", index=False)
    resp = res.response(outcomes)
    resp.to_csv(folder / "response.csv", index=False)
    if res.has_indices:
        blocks.append(("h", 2, "Sensitivity"))
        if complete:
            idx = res.sensitivity(outcomes)
            idx.to_csv(folder / "sensitivity.csv", index=False)
            tables.append("sensitivity.csv")
            blocks.append(("p", _indices_note(m)))
            for k, scen in enumerate(dict.fromkeys(idx["scenario"])):
                name = "sensitivity.png" if k == 0 else f"sensitivity-{k + 1}.png"
                sub = idx[idx["scenario"] == scen]
                plot_indices(sub, folder / name, title=f"{scen}: {_indices_title(m)}")
                blocks += [("h", 3, scen), ("img", name, f"sensitivity indices, {scen}"),
                           ("table", _indices_table(sub))]
        else:
            blocks.append(("p", "Sensitivity indices need every design point: finish the sweep "
                                "with `wijksim sweep ... --resume`."))
    blocks.append(("h", 2, "Response"))
    for key in params:
        if pd.api.types.is_numeric_dtype(res.points[key]):
            name = f"response-{key.replace('.', '_')}.png"
            plot_response(resp, key, outcomes, labels, folder / name,
                          title=f"Last-year values against {key}")
            blocks.append(("img", name, f"response to {key}"))
    if len(res.points) <= 30:
        blocks.append(("table", _response_table(resp, params, outcomes)))
    blocks += [("p", "End values are the last simulated year (mean over its 52 weeks; for "
                     "escalations the year's total), averaged over seeds with 95% "
                     "t-intervals."), *_files(res, tables)]
    return blocks


def _indices_title(m: dict) -> str:
    return ("Sobol indices of the last-year values" if m["method"] == "sobol"
            else "Morris screening of the last-year values")


def _indices_note(m: dict) -> str:
    n = len(m["seeds"])
    base = (f"Model output analysed per design point: the mean over its {n} seed"
            f"{'s' * (n > 1)} (the same seeds at every point) of the last-year value. ")
    if m["method"] == "sobol":
        return base + ("S1: share of the output's variance due to the key alone; ST: "
                       "including its interactions with the others. Intervals are SALib's "
                       "bootstrap 95% intervals; wide intervals call for a larger N.")
    return base + ("mu*: mean absolute elementary effect of moving the key one step (in the "
                   "outcome's units); sigma: its spread (non-linearity or interactions).")


def _indices_table(idx: pd.DataFrame) -> Table:
    sobol = "ST" in idx
    rows = []
    for o in dict.fromkeys(idx["outcome"]):
        d = idx[idx["outcome"] == o].sort_values("ST" if sobol else "mu_star", ascending=False)
        for _, r in d.iterrows():
            if sobol:
                rows.append([one_line(o, end=True), f"`{r['parameter']}`",
                             _f2(r["S1"], r["S1_low"], r["S1_high"]),
                             _f2(r["ST"], r["ST_low"], r["ST_high"])])
            else:
                rows.append([one_line(o, end=True), f"`{r['parameter']}`",
                             fmt_interval(o, r["mu_star"], r["mu_star_low"], r["mu_star_high"]),
                             fmt(o, r["sigma"])])
    head = ["S1 (first-order) [95%]", "ST (total) [95%]"] if sobol else ["mu* [95%]", "sigma"]
    return ["outcome", "key", *head], rows


def _f2(v: float, lo: float, hi: float) -> str:
    return "–" if not math.isfinite(v) else f"{v:.2f} [{lo:.2f}, {hi:.2f}]"


def _response_table(resp: pd.DataFrame, params: Sequence[str], outcomes: Sequence[str]
                    ) -> Table:
    rows = []
    keys = resp[["label", "point", *params]].drop_duplicates(["label", "point"])
    r = resp.set_index(["label", "point", "outcome"])
    for _, k in keys.iterrows():
        vals = ["(reference)" if k["point"] < 0 else _plain(k[p]) for p in params]
        cells = [fmt_interval(o, *r.loc[(k["label"], k["point"], o), ["mean", "low", "high"]])
                 for o in outcomes]
        rows.append([k["label"], *vals, *cells])
    return ["scenario", *params, *(one_line(o, end=True) for o in outcomes)], rows


def _plain(v: Any) -> str:
    return f"{v:.3g}" if isinstance(v, float) else str(v)


# -- rendering ----------------------------------------------------------------------------------
def _markdown(blocks: list) -> str:
    out = []
    for b in blocks:
        if b[0] == "h":
            out.append("#" * b[1] + " " + b[2])
        elif b[0] == "p":
            out.append(b[1])
        elif b[0] == "img":
            out.append(f"![{b[2]}]({b[1]})")
        elif b[0] == "table":
            head, rows = b[1]
            out.append("| " + " | ".join(head) + " |\n|" + "---|" * len(head) + "\n" +
                       "\n".join("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |"
                                 for r in rows))
    return "\n\n".join(out) + "\n"


def _inline(text: str) -> str:
    import re

    t = html.escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", t)


def _html(blocks: list, title: str) -> str:
    body = []
    for b in blocks:
        if b[0] == "h":
            body.append(f"<h{b[1]}>{_inline(b[2])}</h{b[1]}>")
        elif b[0] == "p":
            body.append(f"<p>{_inline(b[1])}</p>")
        elif b[0] == "img":
            body.append(f'<p><img src="{html.escape(b[1])}" alt="{html.escape(b[2])}"></p>')
        elif b[0] == "table":
            head, rows = b[1]
            body.append("<table><tr>" + "".join(f"<th>{_inline(h)}</th>" for h in head)
                        + "</tr>" + "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r)
                                            + "</tr>" for r in rows) + "</table>")
    style = ("body{font-family:system-ui,sans-serif;max-width:1300px;margin:2em auto;"
             "padding:0 1em;line-height:1.45}img{max-width:100%}table{border-collapse:"
             "collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;"
             "text-align:left;font-size:.92em}th{background:#f3f3f3}code{font-size:.9em}")
    return (f"<!doctype html>\n<html><head><meta charset='utf-8'><title>{html.escape(title)}"
            f"</title><style>{style}</style></head><body>\n" + "\n".join(body)
            + "\n</body></html>\n")
