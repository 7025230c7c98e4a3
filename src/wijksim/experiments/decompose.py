"""The regime effect taken apart: which group of funding terms makes the difference.

Two scenarios (say ``tender_3y`` and ``subsidy``) differ in a bundle of funding terms. Their
generic terms (scenario/regimes.py) fall into named groups — re-tendering cycle, staff
continuity, tender overhead, accountability, resident organisations, and populatiebesteding's
population budget and main provider — and any mix of the two
scenarios' groups is itself a funding regime the model can run. ``decompose`` runs every mix
(2^k for k differing groups, at most 6 groups: 64 mixes), with the same seeds for every mix
(common random numbers), and attributes the difference in each outcome's end value to the
groups by exact Shapley values: the mean over all orders of switching groups from BASE to
OTHER of each group's marginal effect. The Shapley parts add up to the whole difference seed by
seed. Alongside, each group's effect *alone* (switched on BASE's terms) and the interaction
left over (whole difference minus the sum of the effects alone) show where groups only act
together. Intervals are 95 % t-intervals over seeds of the per-seed values; verdicts use the
materiality table (analysis/materiality.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import factorial
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from ..scenario import Problem, Scenario, ScenarioError, load_scenario
from ..scenario.regimes import (GROUP_TITLES, TERM_GROUPS, differing_groups, funding_terms,
                                mixed_terms, overrides_for)
from ..analysis.report_text import T, dutch_numbers, info
from ..analysis.stats import t_interval

MAX_GROUPS = 6
OUTCOMES = ("cohesion", "vraagverlegenheid", "hidden_need_share", "escalations", "trust",
            "wijkkennis", "lonely_share", "initiatives", "volunteers")


def _non_funding_differences(base: Scenario, other: Scenario) -> dict[str, Any]:
    """Scenario keys other than the funding terms in which OTHER differs from BASE."""
    skip = ("funding.regime", "funding.tender.", "funding.subsidy.",
            "funding.populatiebesteding.", "meta.")
    return {k: v for k, v in other.values.items()
            if not k.startswith(skip) and base.values.get(k) != v}


@dataclass(frozen=True)
class Mix:
    """One combination: the groups taken from OTHER (the rest from BASE)."""

    groups: tuple[str, ...]
    scenario: Scenario

    @property
    def mask(self) -> frozenset[str]:
        return frozenset(self.groups)


def plan_mixes(base: Scenario, other: Scenario) -> tuple[list[str], list[Mix]]:
    """The differing groups and every mix of them, as runnable scenarios.

    Each mix is BASE with the terms of the chosen groups from OTHER, written as a regime with
    exactly those terms (regimes.overrides_for: a tender, or populatiebesteding when its
    terms are not neutral); keys outside the funding
    terms in which OTHER differs form one more group, 'other_keys'."""
    tb, to = funding_terms(base.values), funding_terms(other.values)
    groups = differing_groups(tb, to)
    extra = _non_funding_differences(base, other)
    if extra:
        groups.append("other_keys")
    if not groups:
        raise ScenarioError([Problem("decompose", "OTHER", other.name, "", (
            f"'{other.name}' has the same funding terms and keys as '{base.name}': there is "
            "no difference to decompose"), show_value=False)])
    if len(groups) > MAX_GROUPS:
        raise ScenarioError([Problem("decompose", "OTHER", other.name, "", (
            f"the scenarios differ in {len(groups)} groups ({', '.join(groups)}); at most "
            f"{MAX_GROUPS} can be decomposed"), show_value=False)])
    mixes = []
    for k in range(len(groups) + 1):
        for chosen in combinations(groups, k):
            terms = mixed_terms(tb, to, [g for g in chosen if g in TERM_GROUPS])
            over = overrides_for(terms)
            if "other_keys" in chosen:
                over.update(extra)
            name = base.name + "".join(f"+{g}" for g in chosen)
            scen = base.with_overrides(over, origin="decompose")
            mixes.append(Mix(chosen, Scenario(name, scen.values, scen.description,
                                              scen.path, scen.chain, scen.meta)))
    return groups, mixes


def shapley_weights(n: int) -> dict[int, float]:
    """Weight of a coalition of size s (not containing the group): s! (n - s - 1)! / n!."""
    return {s: factorial(s) * factorial(n - s - 1) / factorial(n) for s in range(n)}


def shapley_values(value: dict[frozenset, float], groups: Sequence[str]) -> dict[str, float]:
    """Exact Shapley value of each group for a value function on every subset of groups."""
    n = len(groups)
    w = shapley_weights(n)
    out = {}
    for g in groups:
        rest = [h for h in groups if h != g]
        total = 0.0
        for s in range(n):
            for coal in combinations(rest, s):
                c = frozenset(coal)
                total += w[s] * (value[c | {g}] - value[c])
        out[g] = total
    return out


def decomposition_table(values: pd.DataFrame, base: str, groups: Sequence[str],
                        mixes: Sequence[Mix], outcomes: Iterable[str]) -> pd.DataFrame:
    """Long table: per outcome and part (each group, 'interaction', 'total'): the Shapley part
    and the effect alone, each with mean and 95 % interval over seeds, plus the verdict."""
    from ..analysis.materiality import THRESHOLDS, verdict

    label_of = {m.mask: m.scenario.name for m in mixes}
    wide = values.set_index(["label", "seed"])
    rows = []
    for o in outcomes:
        per_seed: dict[str, list[float]] = {}
        alone: dict[str, list[float]] = {}
        seeds = sorted(set(values["seed"]))
        base_vals = []
        for seed in seeds:
            v = {mask: float(wide.loc[(lab, seed), o]) for mask, lab in label_of.items()}
            phi = shapley_values(v, groups)
            empty = v[frozenset()]
            base_vals.append(empty)
            total = v[frozenset(groups)] - empty
            for g in groups:
                per_seed.setdefault(g, []).append(phi[g])
                alone.setdefault(g, []).append(v[frozenset([g])] - empty)
            per_seed.setdefault("total", []).append(total)
            inter = total - sum(v[frozenset([g])] - empty for g in groups)
            alone.setdefault("interaction", []).append(inter)
        baseline = float(np.mean(base_vals))
        for part in [*groups, "interaction", "total"]:
            sh = np.array(per_seed.get(part, [np.nan] * len(seeds)))
            al = np.array(alone.get(part, per_seed.get(part) if part == "total" else
                                    [np.nan] * len(seeds)))
            row = {"outcome": o, "part": part, "title": GROUP_TITLES.get(part, part),
                   "n": len(seeds), "baseline": baseline}
            for name, arr in (("shapley", sh), ("alone", al)):
                mean = float(np.mean(arr))
                half = float(t_interval(mean, np.std(arr, ddof=1), len(arr))) \
                    if len(arr) > 1 else np.nan
                row[name] = mean
                row[f"{name}_low"] = mean - half
                row[f"{name}_high"] = mean + half
            key = "alone" if part == "interaction" else "shapley"
            if o in THRESHOLDS and np.isfinite(row[f"{key}_low"]):
                row["verdict"] = verdict(o, row[key], row[f"{key}_low"], row[f"{key}_high"],
                                         baseline)
            else:
                row["verdict"] = ""
            rows.append(row)
    out = pd.DataFrame(rows)
    tot = out[out.part == "total"].set_index("outcome")["shapley"]
    out["share_of_total"] = out.apply(
        lambda r: r["shapley"] / tot[r["outcome"]] if r["part"] in groups and tot[r["outcome"]]
        else np.nan, axis=1)
    return out


@dataclass
class Decomposition:
    base: str
    other: str
    groups: list[str]
    table: pd.DataFrame
    folder: Path | None = None

    def text(self, lang: str = "en") -> str:
        """A short report, every sentence generated from the table (in ``lang``: en, nl)."""
        nl = lang == "nl"
        groups = ", ".join(group_title(g, lang) for g in self.groups)
        n = int(self.table["n"].iloc[0])
        if nl:
            head = [f"# Ontleding: {self.other} - {self.base}", "",
                    f"Groepen financieringsvoorwaarden die verschillen: {groups}.",
                    f"Seeds: {n} (dezelfde voor elke mix); eindwaarden zijn het laatste "
                    "gesimuleerde jaar. De Shapley-delen tellen op tot het hele verschil; "
                    "'alleen' is de groep op zichzelf aangezet; de wisselwerking is het hele "
                    "verschil min de effecten alleen.", "",
                    "| uitkomst | deel | Shapley-deel [95%-interval] | alleen [95%-interval] "
                    "| aandeel | oordeel |", "|---|---|---|---|---:|---|"]
            foot = ["", "Oordelen: 'materieel' = het interval sluit nul uit en het effect haalt "
                    "de drempel van analysis/materiality.py; 'klein' = echt maar eronder; "
                    "'onduidelijk' = het interval bevat nul."]
        else:
            head = [f"# Decomposition: {self.other} - {self.base}", "",
                    f"Groups of funding terms that differ: {groups}.",
                    f"Seeds: {n} (the same for every mix); end values are the last simulated "
                    "year. Shapley parts add up to the whole difference; 'alone' is the group "
                    "switched on its own; the interaction is the whole difference minus the "
                    "effects alone.", "",
                    "| outcome | part | Shapley part [95 % interval] | alone [95 % interval] "
                    "| share | verdict |", "|---|---|---|---|---:|---|"]
            foot = ["", "Verdicts: 'material' = interval excludes zero and the effect passes "
                    "the threshold of analysis/materiality.py; 'small' = real but below it; "
                    "'unclear' = interval includes zero."]
        lines = list(head)
        for r in self.table.itertuples():
            share = "" if not np.isfinite(r.share_of_total) else f"{r.share_of_total:.0%}"
            sh = "" if r.part == "interaction" else \
                f"{r.shapley:+.4g} [{r.shapley_low:+.4g}, {r.shapley_high:+.4g}]"
            al = f"{r.alone:+.4g} [{r.alone_low:+.4g}, {r.alone_high:+.4g}]"
            name = info(r.outcome).name(lang) if nl else r.outcome
            verdict = T(r.verdict, lang) if r.verdict else ""
            cells = [dutch_numbers(c, lang) for c in (sh, al, share)]
            lines.append(f"| {name} | {group_title(r.part, lang)} | {cells[0]} | {cells[1]} | "
                         f"{cells[2]} | {verdict} |")
        return "\n".join(lines + foot) + "\n"

    def write(self, folder: str | Path, lang: str = "en") -> dict[str, Path]:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = {"csv": folder / "decomposition.csv",
                 "parquet": folder / "decomposition.parquet",
                 "report": folder / "decomposition.md",
                 "figure": folder / "decomposition.png"}
        self.table.to_csv(paths["csv"], index=False)
        self.table.to_parquet(paths["parquet"], index=False)
        paths["report"].write_text(self.text(lang))
        plot_decomposition(self.table, self.groups, paths["figure"],
                           f"{self.other} - {self.base}", lang)
        return paths


GROUP_TITLES_NL = {
    "retendering": "cyclus van opnieuw aanbesteden",
    "staff_continuity": "continuïteit van personeel en overdracht",
    "tender_overhead": "kosten van het aanbesteden zelf",
    "accountability": "verantwoording en papierwerk",
    "resident_organisations": "bewonersorganisaties en coördinatoren",
    "other_keys": "andere scenariosleutels",
    "interaction": "wisselwerking",
    "total": "het hele verschil",
}


def group_title(part: str, lang: str = "en") -> str:
    """A group of funding terms (or 'interaction', 'total') in words, in ``lang``."""
    if lang == "nl":
        return GROUP_TITLES_NL.get(part, part)
    return {"total": "whole difference"}.get(part, GROUP_TITLES.get(part, part))


def plot_decomposition(table: pd.DataFrame, groups: Sequence[str], path: Path,
                       title: str, lang: str = "en") -> None:
    """One panel per outcome: each group's Shapley part with its 95 % interval, and the
    whole difference."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    outcomes = list(dict.fromkeys(table["outcome"]))
    cols = 3
    rows = -(-len(outcomes) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 2.6 * rows), squeeze=False)
    parts = [*groups, "total"]
    for ax, o in zip(axes.flat, outcomes):
        t = table[(table.outcome == o) & table.part.isin(parts)].set_index("part").loc[parts]
        y = np.arange(len(parts))
        err = np.vstack([t.shapley - t.shapley_low, t.shapley_high - t.shapley])
        ax.barh(y, t.shapley, xerr=err, color=["#4c78a8"] * len(groups) + ["#333333"],
                capsize=2)
        ax.axvline(0, color="k", lw=0.6)
        ax.set_yticks(y, [group_title(p, lang) for p in parts], fontsize=7)
        ax.invert_yaxis()
        ax.set_title(info(o).name(lang) if lang == "nl" else o, fontsize=9)
        ax.tick_params(axis="x", labelsize=7)
    for ax in list(axes.flat)[len(outcomes):]:
        ax.axis("off")
    fig.suptitle(f"Shapley-ontleding: {title} (95%-intervallen over seeds)" if lang == "nl"
                 else f"Shapley decomposition: {title} (95 % intervals over seeds)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def decompose(base: str | Path | Scenario, other: str | Path | Scenario,
              seeds: int | Sequence[int] = 6, *, years: int | None = None,
              residents: int | None = None, overrides: dict[str, Any] | None = None,
              outcomes: Iterable[str] = OUTCOMES, jobs: int | None = None,
              scheduler: str | None = None, out: str | Path | None = None,
              resume: bool = False, overwrite: bool = False, progress: bool = False,
              say=None, command: str | None = None, lang: str = "en") -> Decomposition:
    """Attribute ``other - base`` to the groups of funding terms in which they differ.

    Runs 2^k mixes x seeds through the experiment runner (in parallel with ``jobs``), stores
    the runs in ``out/runs`` when ``out`` is given, and writes decomposition.csv/.parquet/.md
    and decomposition.png there."""
    from . import run_experiment
    from .spec import comparison

    flat = dict(overrides or {})
    if years is not None:
        flat["run.years"] = years
    if residents is not None:
        flat["wijk.residents"] = residents
    b = load_scenario(base, overrides=flat)
    o = load_scenario(other, overrides=flat)
    groups, mixes = plan_mixes(b, o)
    outcomes = tuple(outcomes)
    exp = comparison([m.scenario for m in mixes], seeds, outcomes=outcomes,
                     name=f"decompose-{b.name}-{o.name}")
    runs_out = Path(out) / "runs" if out is not None else None
    res = run_experiment(exp, out=runs_out, jobs=jobs, scheduler=scheduler, resume=resume,
                         overwrite=overwrite, progress=progress, report=False, say=say,
                         command=command)
    values = res.end_values(outcomes)
    table = decomposition_table(values, b.name, groups, mixes, outcomes)
    d = Decomposition(b.name, o.name, groups, table, Path(out) if out is not None else None)
    if out is not None:
        d.write(out, lang)
    return d
