"""Reports of comparisons and sweeps: Markdown and HTML with PNG figures and CSV tables.

The report states what was run (scenarios, hashes, seeds, sizes, versions) and how to read
it, so it can be handed on without the command line that made it.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from ._figures import FigureQueue
from .experiment_plots import plot_differences, plot_indices, plot_response, plot_trajectories
from .report_text import GITHUB_ODD, LANGS, T, dutch_numbers, info, odd_link

Table = tuple[list[str], list[list[str]]]  # header, rows


def write_report(res: Any, folder: Path, lang: str = "en", jobs: int | None = None) -> Path:
    """Write the report of ``res`` (a :class:`wijksim.experiments.Results`) into ``folder``:
    report.md with PNG figures beside it, and report.html with the figures embedded (one
    self-contained file to mail or archive). ``lang``: "en" or "nl". ``jobs``: processes
    that draw the figures (None: this machine's cores; the same files either way)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    figures = FigureQueue()
    if res.is_comparison:
        blocks = _comparison(res, folder, figures, lang)
    else:
        blocks = _sweep(res, folder, figures, lang) + _extra_analyses(res, folder, lang)
    figures.draw(jobs)
    md = folder / "report.md"
    md.write_text(_markdown(blocks))
    (folder / "report.html").write_text(_html(blocks, res.name, folder, lang))
    return md


def _extra_analyses(res: Any, folder: Path, lang: str) -> list:
    """Scenario discovery and robustness, for experiments with a [discovery] table."""
    if not res.manifest.get("discovery"):
        return []
    from .discovery import discovery_blocks

    return discovery_blocks(res, folder, lang)


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
    """'mean ± half-width' where the interval is symmetric about the mean at the precision
    shown, else 'mean [low, high]': a logit interval of a share or a bounded one of a count
    is not symmetric, and '±' would put one of its ends where it is not."""
    half = (high - low) / 2
    if not math.isfinite(half):
        return fmt(outcome, mean)
    below, above = (fmt(outcome, d, half=half) for d in (mean - low, high - mean))
    if below != above:
        return fmt_interval(outcome, mean, low, high)
    return f"{fmt(outcome, mean, half=half)} ± {above}"


PM_HEAD = "mean ± 95% interval (mean [low, high] where it is not symmetric)"


# -- blocks: ("h", level, text) | ("p", text) | ("table", Table) | ("img", file, alt) ----------
def _about(res: Any, lang: str = "en") -> list:
    m, runs = res.manifest, res.runs
    seeds = m["seeds"]
    nl = lang == "nl"
    seed_text = (f"{len(seeds)} seeds ({seeds[0]}–{seeds[-1]})" if seeds == list(
        range(seeds[0], seeds[0] + len(seeds))) else f"{len(seeds)} seeds ({seeds})")
    size = ""
    if len(runs):
        years = _one(runs["years"])
        size = (f"{_one(runs['residents'])} bewoners, {years} jaar per run; " if nl else
                f"{_one(runs['residents'])} residents, {years} year{'s' * (years != '1')} "
                "per run; ")
    stored = len(runs)
    done = ("" if stored == m["runs"] else
            f" — **onvolledig: {stored} van de {m['runs']} runs opgeslagen**" if nl else
            f" — **incomplete: {stored} of {m['runs']} runs stored**")
    versions = ""
    if len(runs):
        versions = (f"wijksim {_one(runs['wijksim_version'])}, Mesa {_one(runs['mesa_version'])}"
                    f", Python {_one(runs['python_version'])}")
        commits = runs["git_commit"].dropna().unique()
        if len(commits):
            versions += f", git commit {', '.join(c[:10] for c in commits)}"
    desc = m.get("descriptions", {})
    if nl:
        desc = {k: v or desc.get(k, "") for k, v in m.get("descriptions_nl", {}).items()} \
            or desc
    rows = [[f"`{lab}`", desc.get(lab, ""), f"`{m['scenario_hashes'].get(lab, '')}`"]
            for lab in [*m["labels"], *m.get("reference", [])]]
    command = f"`{m['command']}`" if m.get("command") else ""
    if nl:
        made = m.get("created", "") + (f" met {command}." if command else ".")
        text = (f"{size}{seed_text}, dezelfde seeds voor elk scenario (gemeenschappelijke "
                f"toevalsgetallen); {m['runs']} runs{done}. {versions}. Gemaakt {made}")
    else:
        made = m.get("created", "") + (f" with {command}." if command else ".")
        text = (f"{size}{seed_text}, the same seeds for every scenario (common random "
                f"numbers); {m['runs']} runs{done}. {versions}. Made {made}")
    heads = (["scenario", "beschrijving", "scenario-hash"] if lang == "nl" else
             ["scenario", "description", "scenario hash"])
    blocks = [("p", text), ("table", (heads, rows))]
    if m.get("fixed"):
        fixed = ", ".join(f"`{k} = {v}`" for k, v in m["fixed"].items())
        blocks.append(("p", f"{'Voor elke run' if lang == 'nl' else 'Set for every run'}: "
                            f"{fixed}."))
    return blocks


def _one(col: pd.Series) -> str:
    vals = [str(v) for v in pd.unique(col.dropna())]
    return " / ".join(vals) if vals else "?"


def _comparison(res: Any, folder: Path, figures: FigureQueue, lang: str = "en") -> list:
    """The comparison report: the answer first (bottom line and costs), then definitions,
    figures with events, and the full tables."""
    from . import stats
    from .materiality import MAIN

    kept = set(res.manifest["outcomes"])
    outcomes = list(dict.fromkeys([*[o for o in MAIN if o in kept], *res.outcomes]))
    labels = res.labels
    blocks: list = [("h", 1, f"{T('comparison', lang)}: {', '.join(labels)}"),
                    ("p", T("lang_note", lang))]
    blocks += _about(res, lang)
    common, missing = _coverage(res)
    if missing:
        what = "; ".join(T("seeds_of", lang, label=lab, seeds=", ".join(map(str, sd)))
                         for lab, sd in missing.items())
        key = "missing_text" if common else "missing_none"
        blocks += [("h", 2, T("missing", lang)),
                   ("p", T(key, lang, stored=len(res.runs), planned=res.manifest["runs"],
                           what=what, common=", ".join(map(str, common))))]
        if not common:
            return blocks
    ticks = res.columns(outcomes)
    ticks = ticks[ticks["seed"].isin(common)]
    end = stats.end_values(ticks, outcomes)
    summary = stats.summarise(end, outcomes)
    base = labels[0]
    pairs = [(base, b) for b in labels[1:]]
    diffs = stats.paired_differences(end, outcomes, pairs) if pairs else pd.DataFrame()
    costs = _cost_values(res, common)
    bl = pd.DataFrame()
    if pairs:
        more, bl = _bottom_line(diffs, costs, outcomes, base, labels, len(common), lang)
        blocks += more
        bl.to_csv(folder / "bottom_line.csv", index=False)
    if costs is not None:
        blocks += _costs(costs, bl, base, labels, _one(res.runs["years"]), lang)
    blocks += _definitions(outcomes, folder, lang)
    traj = stats.trajectories(ticks, outcomes)
    flows = traj["outcome"].isin(stats.FLOWS)  # weekly counts shown per year, as in tables
    traj.loc[flows, ["mean", "low", "high"]] *= 52
    events = _events(res, common)
    figures.add(plot_trajectories, traj, outcomes, labels, folder / "trajectories.png",
                title=f"{' vs '.join(labels)}: {len(common)} seeds", lang=lang,
                events=events)
    end.to_csv(folder / "end_values.csv", index=False)
    summary.to_csv(folder / "summary.csv", index=False)
    blocks += [("h", 2, T("trajectories", lang)),
               ("img", "trajectories.png", T("trajectories_alt", lang)),
               ("p", T("events_note", lang))]
    if events is not None and len(events):
        blocks.append(("table", _event_table(events, labels, len(common), lang)))
    blocks += [("h", 2, T("end_values", lang)),
               ("table", _summary_table(summary, outcomes, labels, lang))]
    tables = ["summary.csv", "end_values.csv", *(["bottom_line.csv"] if len(bl) else [])]
    if len(labels) > 1:
        all_diffs = stats.paired_differences(end, outcomes, [
            (a, b) for i, a in enumerate(labels) for b in labels[i + 1:]])
        figures.add(plot_differences, all_diffs, outcomes, folder / "differences.png",
                    lang=lang)
        all_diffs.to_csv(folder / "differences.csv", index=False)
        tables.append("differences.csv")
        blocks += [("h", 2, T("paired", lang)),
                   ("table", _diff_table(all_diffs, outcomes, lang)),
                   ("img", "differences.png", T("paired_alt", lang))]
    if costs is not None:
        costs.to_csv(folder / "costs.csv", index=False)
        tables.append("costs.csv")
    blocks += [("h", 2, T("intervals", lang)), ("p", stats.INTERVAL_METHOD[lang]),
               ("p", T("reading", lang)), *_files(res, tables, lang)]
    return blocks


def _coverage(res: Any) -> tuple[list[int], dict[str, list[int]]]:
    """Seeds stored for every scenario, and per scenario the seeds whose run is missing."""
    seeds = list(res.manifest["seeds"])
    runs = res.runs
    have = {lab: set(runs.loc[runs["label"] == lab, "seed"]) if len(runs) else set()
            for lab in res.labels}
    missing = {lab: [s for s in seeds if s not in h] for lab, h in have.items()}
    missing = {lab: m for lab, m in missing.items() if m}
    common = [s for s in seeds if all(s in h for h in have.values())]
    return common, missing


# -- the answer first ---------------------------------------------------------------------------
def relative_text(mean: float, low: float, high: float, base: float, lang: str) -> str:
    """The relative change (B - A) / |A| and its interval, in %, as the bottom line shows it."""
    if not base or not math.isfinite(base) or not math.isfinite(mean):
        return "–"
    r = [100 * v / abs(base) for v in (mean, low, high)]
    half = (r[2] - r[1]) / 2
    dec = _decimals(half) if math.isfinite(half) else 1
    dec = 1 if dec is None else min(dec, 2)
    if not all(math.isfinite(v) for v in r):
        return dutch_numbers(f"{r[0]:+.{dec}f} %", lang)
    return dutch_numbers(f"{r[0]:+.{dec}f} % [{r[1]:+.{dec}f}, {r[2]:+.{dec}f}]", lang)


def _threshold_text(outcome: str, base: float, lang: str) -> str:
    from .materiality import THRESHOLDS

    t = THRESHOLDS[outcome]
    lim = t.limit(base)
    value = f"{100 * lim:.3g} pp" if outcome.endswith("_share") else f"{lim:.3g}"
    if t.kind == "relative":
        return dutch_numbers(f"{100 * t.smallest:g} % (= {value})", lang)
    return dutch_numbers(value, lang)


def direction_word(outcome: str, mean: float, lang: str) -> str:
    from .materiality import THRESHOLDS

    if not math.isfinite(mean) or mean == 0:
        return T("same", lang)
    return T("better" if THRESHOLDS[outcome].is_better(mean) else "worse", lang)


def bottom_line_rows(diffs: pd.DataFrame, outcomes: Sequence[str]) -> pd.DataFrame:
    """Per pair and main outcome: difference, interval, relative change, direction and the
    materiality verdict - the numbers behind the bottom line (also written as CSV)."""
    from .materiality import THRESHOLDS, verdict

    rows = []
    for _, r in diffs.iterrows():
        o = r["outcome"]
        if o not in outcomes or o not in THRESHOLDS:
            continue
        t = THRESHOLDS[o]
        ok = all(math.isfinite(r[c]) for c in ("mean", "low", "high"))
        word = verdict(o, r["mean"], r["low"], r["high"], r["baseline"]) if ok else "unclear"
        rows.append({"a": r["a"], "b": r["b"], "outcome": o, "baseline": r["baseline"],
                     "difference": r["mean"], "low": r["low"], "high": r["high"],
                     "relative": r["mean"] / abs(r["baseline"]) if r["baseline"] else math.nan,
                     "better": bool(t.is_better(r["mean"])) if r["mean"] else None,
                     "threshold": t.limit(r["baseline"]), "verdict": word})
    return pd.DataFrame(rows)


def _bottom_line(diffs, costs, outcomes, base, labels, n, lang) -> list:
    bl = bottom_line_rows(diffs, outcomes)
    blocks: list = [("h", 2, T("bottom_line", lang)),
                    ("p", T("bottom_intro", lang, base=base, n=n))]
    for b in labels[1:]:
        d = bl[bl["b"] == b]
        blocks += [("h", 3, T("vs", lang, a=base, b=b)), ("p", _summary_sentence(
            d, costs, base, b, lang))]
        head = [T("outcome", lang), base, b, T("difference", lang), T("relative", lang),
                T("direction", lang), T("verdict", lang), T("threshold", lang)]
        rows = []
        for _, r in d.iterrows():
            o = r["outcome"]
            cell = fmt_interval(o, r["difference"], r["low"], r["high"], diff=True)
            word = T(r["verdict"], lang)
            if r["verdict"] == "material":
                word = f"**{word}**"
            rows.append([_name_unit(o, lang),
                         dutch_numbers(fmt(o, r["baseline"]), lang),
                         dutch_numbers(fmt(o, r["baseline"] + r["difference"]), lang), dutch_numbers(cell, lang),
                         relative_text(r["difference"], r["low"], r["high"], r["baseline"], lang),
                         direction_word(o, r["difference"], lang), word,
                         _threshold_text(o, r["baseline"], lang)])
        blocks.append(("table", (head, rows)))
    return blocks, bl


def _summary_sentence(d: pd.DataFrame, costs, a: str, b: str, lang: str) -> str:
    def names(mask):
        return ", ".join(info(o).name(lang).split(" (")[0] for o in d.loc[mask, "outcome"])

    mat = d["verdict"] == "material"
    better = d["better"].fillna(False).astype(bool)
    parts = []
    if (mat & better).any():
        parts.append(T("sum_material_better", lang, x=names(mat & better)))
    if (mat & ~better).any():
        parts.append(T("sum_material_worse", lang, x=names(mat & ~better)))
    if not mat.any():
        parts.append(T("sum_none", lang))
    if (d["verdict"] == "small").any():
        parts.append(T("sum_small", lang, x=names(d["verdict"] == "small")))
    if (d["verdict"] == "unclear").any():
        parts.append(T("sum_unclear", lang, x=names(d["verdict"] == "unclear")))
    if costs is not None:
        extra = _paired_cost(costs, a, b)
        if extra is not None and math.isfinite(extra[0]):
            key = ("sum_cost_same" if extra[0] == 0 else "sum_cost_unclear"
                   if extra[1] <= 0 <= extra[2] else "sum_cost")
            parts.append(T(key, lang, x=dutch_numbers(fmt_money(abs(extra[0])), lang),
                           more_less=T("more" if extra[0] > 0 else "less", lang), a=a,
                           ci=dutch_numbers(_money_interval(*extra), lang)))
    text = "; ".join(parts)
    return f"**{b}**: {text[0].lower() + text[1:]}."


# -- costs --------------------------------------------------------------------------------------
COST_COLUMNS = ("spend_total", "spend_overhead", "escalation_cost")


def _cost_values(res: Any, seeds: Sequence[int]) -> pd.DataFrame | None:
    """Per run: mean yearly spend, tender overhead and escalation cost over all simulated
    weeks, total cost and cost per resident. None if the costs were not stored."""
    if not set(COST_COLUMNS) <= set(res.manifest["outcomes"]):
        return None
    t = res.columns(list(COST_COLUMNS))
    t = t[(t["week"] > 0) & t["seed"].isin(seeds)]
    per = t.groupby(["label", "seed"], observed=True, sort=False)[list(COST_COLUMNS)].mean() * 52
    per = per.reset_index()
    residents = res.runs.drop_duplicates(["label", "seed"]).set_index(["label", "seed"])[
        "residents"]
    per["total_cost"] = per["spend_total"] + per["escalation_cost"]
    per["cost_per_resident"] = per["total_cost"] / residents.reindex(
        pd.MultiIndex.from_frame(per[["label", "seed"]])).to_numpy()
    return per


def _paired_cost(costs: pd.DataFrame, a: str, b: str, col: str = "total_cost"):
    from . import stats

    w = costs.set_index(["label", "seed"])[col]
    if a not in w.index.get_level_values(0) or b not in w.index.get_level_values(0):
        return None
    d = (w.xs(b) - w.xs(a)).dropna()
    if not len(d):
        return None
    low, high = stats.difference_interval(col, d,
                                          baseline=float(w.xs(a).reindex(d.index).mean()))
    return float(d.mean()), low, high


def fmt_money(x: float) -> str:
    if not math.isfinite(x):
        return "–"
    sign = "−" if x < 0 else ""
    x = abs(x)
    if x >= 10_000:
        return f"{sign}€{round(x, -3):,.0f}"
    return f"{sign}€{x:,.0f}"


def _money_interval(mean, low, high) -> str:
    if not (math.isfinite(low) and math.isfinite(high)):
        return fmt_money(mean)
    return f"{fmt_money(mean)} [{fmt_money(low)}, {fmt_money(high)}]"


GAIN_UNIT = {  # the unit of outcome a cost per unit is counted in: (size, en, nl)
    "share": (0.01, "per percentage point", "per procentpunt"),
    "scale": (0.01, "per 0.01 on the 0-1 scale", "per 0,01 op de schaal 0-1"),
    "escalations": (1.0, "per escalation avoided", "per vermeden escalatie"),
    "initiatives": (1.0, "per initiative", "per initiatief"),
    "cohesion": (0.01, "per 0.01 tie strength", "per 0,01 contactsterkte"),
}


def _gain_unit(outcome: str):
    from .stats import outcome_range

    if outcome in GAIN_UNIT:
        return GAIN_UNIT[outcome]
    if outcome.endswith("_share"):
        return GAIN_UNIT["share"]
    if outcome_range(outcome) == (0.0, 1.0):
        return GAIN_UNIT["scale"]
    return (1.0, "per unit", "per eenheid")


def _costs(costs: pd.DataFrame, bl: pd.DataFrame, base: str, labels, years: str, lang: str
           ) -> list:
    from . import stats

    cols = [("spend_total", info("spend_total").name(lang)),
            ("spend_overhead", info("spend_overhead").name(lang)),
            ("escalation_cost", info("escalation_cost").name(lang)),
            ("total_cost", T("total_cost", lang)),
            ("cost_per_resident", T("per_resident", lang))]
    s = stats.summarise(costs, [c for c, _ in cols])
    s = s.set_index(["outcome", "label"])
    rows = []
    for lab in labels:
        row = [lab]
        for c, _ in cols:
            if (c, lab) in s.index:
                r = s.loc[(c, lab)]
                row.append(dutch_numbers(_money_interval(r["mean"], r["low"], r["high"]), lang))
            else:
                row.append("–")
        if lab != base:
            extra = _paired_cost(costs, base, lab)
            row.append("–" if extra is None else dutch_numbers(_money_interval(*extra), lang))
        else:
            row.append("–")
        rows.append(row)
    head = [T("scenario", lang), *(name + (" / " + ("jaar" if lang == "nl" else "year"))
                                      for _, name in cols), T("extra_cost", lang, a=base)]
    blocks: list = [("h", 2, T("costs", lang)),
                    ("p", T("costs_intro", lang, years=years)),
                    ("table", (head, rows))]
    if len(bl):
        for b in labels[1:]:
            extra = _paired_cost(costs, base, b)
            if extra is None:
                continue
            prow = []
            for _, r in bl[bl["b"] == b].iterrows():
                o = r["outcome"]
                size, unit_en, unit_nl = _gain_unit(o)
                gain = abs(r["difference"])
                if r["verdict"] == "unclear" or not r["better"]:
                    cell = T("no_gain", lang)
                elif extra[1] <= 0 <= extra[2]:
                    cell = T("cost_unclear", lang)
                elif extra[0] <= 0:
                    cell = T("dominant", lang) + f" ({dutch_numbers(fmt_money(-extra[0]), lang)} " + \
                        ("minder per jaar)" if lang == "nl" else "less per year)")
                else:
                    cell = dutch_numbers(fmt_money(extra[0] / (gain / size)), lang) + " " + (
                        unit_nl if lang == "nl" else unit_en)
                prow.append([info(o).name(lang).split(" (")[0],
                             dutch_numbers(fmt_interval(o, r["difference"], r["low"], r["high"],
                                              diff=True), lang), cell])
            blocks += [("h", 3, T("cost_per_unit_head", lang, a=base, b=b)),
                       ("table", ([T("outcome", lang), T("gain", lang), T("per_unit", lang)],
                                  prow))]
    return blocks


# -- definitions and events ---------------------------------------------------------------------
def _definitions(outcomes: Sequence[str], folder: Path, lang: str) -> list:
    rows = []
    for o in [*outcomes, *COST_COLUMNS]:
        i = info(o)
        rows.append([f"[{i.name(lang)}]({odd_link(i.section, folder)})", i.unit(lang),
                     i.define(lang)])
    return [("h", 2, T("definitions", lang)), ("p", T("definitions_intro", lang)),
            ("table", ([T("outcome", lang), T("unit", lang), T("definition", lang)], rows))]


def _events(res: Any, seeds: Sequence[int]) -> pd.DataFrame | None:
    """Marked events of the runs (label, seed, week, year, kind), from the run table."""
    import json

    runs = res.runs
    if "events" not in runs or not len(runs):
        return None
    rows = []
    for _, r in runs[runs["seed"].isin(seeds)].iterrows():
        for week, kind in json.loads(r["events"] or "[]"):
            rows.append((r["label"], r["seed"], week, week / 52.0, kind))
    return pd.DataFrame(rows, columns=["label", "seed", "week", "year", "kind"])


EVENT_NAMES = {"tender_lost": ("lost tenders", "verloren aanbestedingen"),
               "closure": ("places closed", "plekken gesloten"),
               "staff_left": ("professionals left", "professionals vertrokken"),
               "heatwave": ("heat waves", "hittegolven"), "crisis": ("crises", "crises"),
               "budget_cut": ("budget cuts", "bezuinigingen"),
               "programme_stop": ("programmes stopped", "programma's gestopt"),
               "programme_start": ("programmes started", "programma's gestart")}


def _event_table(events: pd.DataFrame, labels, n_seeds: int, lang: str) -> Table:
    kinds = [k for k in EVENT_NAMES if (events["kind"] == k).any()]
    rows = []
    for k in kinds:
        row = [EVENT_NAMES[k][1 if lang == "nl" else 0]]
        for lab in labels:
            c = ((events["kind"] == k) & (events["label"] == lab)).sum() / max(n_seeds, 1)
            row.append(dutch_numbers(f"{c:.1f}", lang))
        rows.append(row)
    return [T("events_count", lang), *labels], rows


def _name_unit(o: str, lang: str) -> str:
    """'Name (unit)', or 'Name (gloss; unit)' where the name already has a gloss."""
    i = info(o)
    name, unit = i.name(lang), i.unit(lang)
    if not unit:
        return name
    return f"{name[:-1]}; {unit})" if name.endswith(")") else f"{name} ({unit})"


def _summary_table(summary: pd.DataFrame, outcomes: Sequence[str], labels: Sequence[str],
                   lang: str = "en") -> Table:
    s = summary.set_index(["outcome", "label"])
    rows = []
    for o in outcomes:
        row = [_name_unit(o, lang)]
        for lab in labels:
            r = s.loc[(o, lab)] if (o, lab) in s.index else None
            row.append("–" if r is None else dutch_numbers(fmt_interval(o, r["mean"], r["low"],
                                                              r["high"]), lang))
        rows.append(row)
    return [T("outcome", lang), *labels], rows


def _diff_table(diffs: pd.DataFrame, outcomes: Sequence[str], lang: str = "en") -> Table:
    pairs = list(dict.fromkeys(zip(diffs["a"], diffs["b"])))
    d = diffs.set_index(["outcome", "a", "b"])
    rows = []
    for o in outcomes:
        row = [_name_unit(o, lang)]
        for a, b in pairs:
            r = d.loc[(o, a, b)]
            cell = dutch_numbers(fmt_interval(o, r["mean"], r["low"], r["high"], diff=True), lang)
            if r["low"] > 0 or r["high"] < 0:
                cell = f"**{cell}**"
            row.append(cell)
        rows.append(row)
    return [T("outcome", lang), *(f"{b} − {a}" for a, b in pairs)], rows


def _files(res: Any, tables: Sequence[str], lang: str = "en") -> list:
    folder = res.folder
    load = T("load_runs", lang, folder=folder) if folder else ""
    return [("h", 2, T("data", lang)),
            ("p", T("tables", lang) + ": " + ", ".join(f"`{t}`" for t in tables) + ". "
             + (f"{T('all_runs', lang)}: {load}" if load else ""))]


def _sweep(res: Any, folder: Path, figures: FigureQueue, lang: str = "en") -> list:
    from . import stats

    m = res.manifest
    outcomes, labels = res.outcomes, res.labels
    params = [p["key"] for p in m["parameters"]]
    blocks: list = [("h", 1, f"{T('sweep', lang)}: {res.name}"), ("p", T("lang_note", lang))]
    if m.get("description"):
        blocks.append(("p", m["description"]))
    blocks += _about(res, lang)
    prows = []
    for p in m["parameters"]:
        rng = (", ".join(map(str, p["values"])) if p["values"] is not None
               else T("range_to", lang, low=p["low"], high=p["high"])
               + (T("in_steps", lang, steps=p["steps"]) if p["steps"] else ""))
        prows.append([f"`{p['key']}`", dutch_numbers(rng, lang)])
    design = T(m["method"], lang, n=m.get("samples"), levels=m.get("levels"))
    sampler = "" if m["method"] == "grid" else T("sampler", lang, seed=m["design_seed"])
    blocks += [("p", f"{T('design', lang)}: " + T("design_line", lang, design=design,
                                                  sampler=sampler, points=len(res.points))),
               ("table", ([T("varied_key", lang), T("values", lang)], prows))]
    complete = len(res.runs) == m["runs"]
    tables = ["end_values.csv", "response.csv"]
    res.end_values(outcomes).to_csv(folder / "end_values.csv", index=False)
    resp = res.response(outcomes)
    resp.to_csv(folder / "response.csv", index=False)
    missing = _sweep_missing(res)
    if missing:
        gaps = {(lab, p) for lab, p, _ in missing}
        what = ", ".join(f"({lab}, {'–' if p is None else p}, {s})" for lab, p, s in missing[:12])
        what += f" … (+{len(missing) - 12})" if len(missing) > 12 else ""
        blocks += [("h", 2, T("missing", lang)),
                   ("p", T("sweep_missing", lang, stored=len(res.runs), planned=m["runs"],
                           what=what, left=len(gaps)))]
        keep = [(lab, p) not in gaps and (lab, None) not in gaps
                for lab, p in zip(resp["label"], resp["point"])]
        resp = resp[keep]
    if res.has_indices:
        blocks.append(("h", 2, T("sensitivity", lang)))
        if complete:
            idx = res.sensitivity(outcomes)
            idx.to_csv(folder / "sensitivity.csv", index=False)
            tables.append("sensitivity.csv")
            blocks.append(("p", _indices_note(m, lang)))
            for k, scen in enumerate(dict.fromkeys(idx["scenario"])):
                name = "sensitivity.png" if k == 0 else f"sensitivity-{k + 1}.png"
                sub = idx[idx["scenario"] == scen]
                figures.add(plot_indices, sub, folder / name,
                            title=f"{scen}: {_indices_title(m, lang)}", lang=lang)
                blocks += [("h", 3, scen), ("img", name, T("indices_alt", lang, scen=scen)),
                           ("table", _indices_table(sub, lang))]
        else:
            blocks.append(("p", T("indices_need_all", lang)))
    blocks.append(("h", 2, T("response", lang)))
    for key in params:
        if pd.api.types.is_numeric_dtype(res.points[key]):
            name = f"response-{key.replace('.', '_')}.png"
            figures.add(plot_response, resp, key, outcomes, labels, folder / name,
                        title=T("response_title", lang, name=key), lang=lang)
            blocks.append(("img", name, T("response_alt", lang, name=key)))
    if len(res.points) <= 30:
        blocks.append(("table", _response_table(resp, params, outcomes, lang)))
    blocks += [("p", T("sweep_reading", lang)), ("p", stats.INTERVAL_METHOD[lang]),
               *_files(res, tables, lang)]
    return blocks


def _sweep_missing(res: Any) -> list[tuple[str, int | None, int]]:
    """(scenario, design point, seed) of every planned run of a sweep that is not stored; a
    reference scenario's runs have no design point (None)."""
    runs, seeds = res.runs, list(res.manifest["seeds"])
    have = set(zip(runs["label"], runs["point"], runs["seed"])) if len(runs) else set()
    have_ref = {(lab, s) for lab, _, s in have}
    out = [(lab, int(p), s) for lab in res.labels for p in res.points.index for s in seeds
           if (lab, p, s) not in have]
    out += [(lab, None, s) for lab in res.manifest.get("reference", []) for s in seeds
            if (lab, s) not in have_ref]
    return out


def _indices_title(m: dict, lang: str = "en") -> str:
    return T("sobol_title" if m["method"] == "sobol" else "morris_title", lang)


def _indices_note(m: dict, lang: str = "en") -> str:
    base = T("indices_base", lang, n=len(m["seeds"]))
    return base + T("indices_sobol" if m["method"] == "sobol" else "indices_morris", lang)


def _indices_table(idx: pd.DataFrame, lang: str = "en") -> Table:
    sobol = "ST" in idx
    rows = []
    for o in dict.fromkeys(idx["outcome"]):
        d = idx[idx["outcome"] == o].sort_values("ST" if sobol else "mu_star", ascending=False)
        for _, r in d.iterrows():
            if sobol:
                rows.append([_name_unit(o, lang), f"`{r['parameter']}`",
                             dutch_numbers(_f2(r["S1"], r["S1_low"], r["S1_high"]), lang),
                             dutch_numbers(_f2(r["ST"], r["ST_low"], r["ST_high"]), lang)])
            else:
                rows.append([_name_unit(o, lang), f"`{r['parameter']}`",
                             dutch_numbers(fmt_interval(o, r["mu_star"], r["mu_star_low"],
                                                        r["mu_star_high"]), lang),
                             dutch_numbers(fmt(o, r["sigma"]), lang)])
    head = [T("s1_head", lang), T("st_head", lang)] if sobol else [T("mu_head", lang), "sigma"]
    return [T("outcome", lang), T("key", lang), *head], rows


def _f2(v: float, lo: float, hi: float) -> str:
    return "–" if not math.isfinite(v) else f"{v:.2f} [{lo:.2f}, {hi:.2f}]"


def _response_table(resp: pd.DataFrame, params: Sequence[str], outcomes: Sequence[str],
                    lang: str = "en") -> Table:
    rows = []
    keys = resp[["label", "point", *params]].drop_duplicates(["label", "point"])
    r = resp.set_index(["label", "point", "outcome"])
    for _, k in keys.iterrows():
        vals = [T("reference_row", lang) if k["point"] < 0 else
                dutch_numbers(_plain(k[p]), lang) for p in params]
        cells = [dutch_numbers(fmt_interval(o, *r.loc[(k["label"], k["point"], o),
                                                      ["mean", "low", "high"]]), lang)
                 for o in outcomes]
        rows.append([k["label"], *vals, *cells])
    return ([T("scenario", lang), *(f"`{p}`" for p in params),
             *(_name_unit(o, lang) for o in outcomes)], rows)


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

    t = html.escape(text, quote=False)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<![\w*])\*(\S.*?\S)\*(?![\w*])", r"<i>\1</i>", t)
    t = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r'<a href="\2">\1</a>', t)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", t)


def _data_uri(path: Path) -> str:
    """An image as a data: URI, so the HTML report is one self-contained file."""
    import base64

    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _html(blocks: list, title: str, folder: Path | None = None, lang: str = "en") -> str:
    body = []
    for b in blocks:
        if b[0] == "h":
            body.append(f"<h{b[1]}>{_inline(b[2])}</h{b[1]}>")
        elif b[0] == "p":
            body.append(f"<p>{_inline(b[1])}</p>")
        elif b[0] == "img":
            path = Path(folder or ".") / b[1]
            src = _data_uri(path) if path.is_file() else html.escape(b[1])
            body.append(f'<p><img src="{src}" alt="{html.escape(b[2])}"></p>')
        elif b[0] == "table":
            head, rows = b[1]
            body.append("<table><tr>" + "".join(f"<th>{_inline(h)}</th>" for h in head)
                        + "</tr>" + "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r)
                                            + "</tr>" for r in rows) + "</table>")
    style = ("body{font-family:system-ui,sans-serif;max-width:1300px;margin:2em auto;"
             "padding:0 1em;line-height:1.45}img{max-width:100%}table{border-collapse:"
             "collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;"
             "text-align:left;font-size:.92em}th{background:#f3f3f3}code{font-size:.9em}")
    page = "\n".join(body)
    # one file to mail or archive: links to the model description go to its public copy
    page = re.sub(r'href="[^"]*docs/ODD\.md#', f'href="{GITHUB_ODD}#', page)
    return (f"<!doctype html>\n<html lang='{lang}'><head><meta charset='utf-8'><title>"
            f"{html.escape(title)}</title><style>{style}</style></head><body>\n"
            + page + "\n</body></html>\n")
