"""Regenerate docs/validation.md and its figures: calibration, patterns, sensitivity.

usage: python experiments/validation/run_validation.py [--jobs N] [--quick] [--skip-sensitivity]

Every number on the page comes from this run (experiments in experiments/validation/, results
in results/validation/, resumable: an interrupted run picks up where it stopped). --quick uses
small wijken and few seeds (minutes instead of about an hour), for checking the pipeline; its
numbers are not the published ones.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

import wijksim
from wijksim.analysis import validation as val
from wijksim.experiments.validation import validate_pattern
from wijksim.analysis.calibration import FREE, loss, measure, targets
from wijksim.scenario import KEYS
from wijksim.scenario.schema import ASSUMPTION, CALIBRATED, LITERATURE

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "validation.md"
FIGS = ROOT / "docs" / "img" / "validation"
CSV = ROOT / "src" / "wijksim" / "data" / "calibration_targets.csv"
METAMORPHIC = ROOT / "tests" / "model" / "test_metamorphic.py"


def calibration_section(quick: bool) -> list[str]:
    seeds = (1,) if quick else (1, 2, 3)
    residents = 3000 if quick else 15000
    ms = measure({}, seeds=seeds, residents=residents, years=3)
    tg = targets()
    rows = pd.read_csv(CSV).set_index("id")
    fit = json.loads((ROOT / "experiments" / "validation" / "calibration_result.json").read_text())
    out = [
        "## 1. Calibration against published Dutch figures", "",
        "The defaults were fitted **jointly** — one set of values for all targets at once — by "
        "Nelder-Mead over the free parameters below, with common random numbers (seeds 1 and 2, "
        "4,000 residents, the second year of each run after the 104-week burn-in). Command: "
        "`python experiments/validation/calibrate.py --evals 150` "
        "(code: `src/wijksim/analysis/calibration.py`; the fit is kept in "
        "`experiments/validation/calibration_result.json`). The table checks the defaults again "
        f"at the default size: {residents:,} residents, mean of seeds {', '.join(map(str, seeds))}, "
        "third year.", "",
        "| target | Dutch figure | source | model measure | model | tolerance | fits |",
        "|---|---|---|---|---|---|---|"]
    for t in tg:
        src = rows.loc[t.id, "source"] if t.id in rows.index else \
            "derived from the unmet_support_need source (about 2.4 of 13.7 million adults)"
        ok = abs(ms[t.measure] - t.value) <= t.tolerance
        out.append(f"| {t.id} | {t.value:g} ({t.population}) | {src} | `{t.measure}` | "
                   f"{ms[t.measure]:.3f} | ±{t.tolerance:g} | {'yes' if ok else '**no**'} |")
    out += ["", f"Loss at this size (sum of squared misses in tolerances, plus the senior "
            f"pattern below): {loss(ms, tg):.2f}; at the fit: {fit['loss']:.2f} after "
            f"{fit['evaluations']} evaluations.", "",
            "**Pattern kept during calibration.** Seniors are lonelier than adults in general "
            f"(vzinfo: 0.56 among the 75+ against 0.486): model {ms['lonely_senior_share']:.2f} "
            f"among seniors (65+) against {ms['lonely_share']:.2f} among adults and seniors. "
            "It comes from mechanisms, not from a senior-specific loneliness parameter: seniors' "
            "friends leave more often (death, care), seniors walk less far to places, frailty "
            "keeps people home, and friendships form mostly within age classes.", "",
            "**Free parameters and their fitted values** (status *calibrated* in "
            "[scenario-keys.md](scenario-keys.md)):", "",
            "| key | fitted default | searched range |", "|---|---|---|"]
    for key, (lo, hi) in FREE.items():
        out.append(f"| `{key}` | {KEYS[key].default:g} | {lo:g} - {hi:g} |")
    out += ["", "The two volunteering shares (`residents.regular_volunteer_share`, "
            "`residents.occasional_volunteer_share`) were set by hand to the CBS 2023 yearly and "
            "four-weekly shares before the joint fit and left there.", "",
            "**How much this proves.** Eleven free parameters against nine targets and one "
            "pattern is close to an exactly determined system: a good joint fit shows the "
            "targets are *compatible* with the model's structure, little more. The patterns in "
            "section 2 were not fitted and are the real test.", "",
            "**Rows of the target file used otherwise.** `good_contacts` (4-5 good contacts "
            "protect against loneliness) sets `meeting.lonely_below` = 4 (literature). "
            "`ask_stranger_70plus` is reflected in seniors' higher starting vraagverlegenheid "
            "(`residents.v_senior_extra`); the model has no 'stranger' to ask, so the figure is "
            "not reproduced as such. `netwerkberaad_walcheren` is pattern 3, "
            "`contract_length_utrecht` is the `tender_9y` scenario and `heatwave_lawndale` is "
            "pattern 5.", ""]
    counts = pd.Series([k.status for k in KEYS.values()]).value_counts()
    out += [f"**Status of all {len(KEYS)} scenario keys:** {counts.get(CALIBRATED, 0)} "
            f"calibrated, {counts.get(LITERATURE, 0)} from literature, "
            f"{counts.get(ASSUMPTION, 0)} assumptions (each listed in "
            "[scenario-keys.md](scenario-keys.md); the hard-coded constants are in "
            "[ODD.md](ODD.md) section 8).", ""]
    return out


def pattern_section(results: list[val.PatternResult]) -> list[str]:
    out = ["## 2. The patterns of the model brief", "",
           "Each pattern in MODEL.md has an experiment file in `experiments/validation/`, run "
           "with replicate seeds; effects are means with 95% t-intervals over seeds (paired "
           "where the scenarios share seeds). The verdict follows from the intervals by a rule "
           "in `src/wijksim/analysis/validation.py` (written before the first full run and "
           "revised once after it, as listed below): **holds**, **partly** or **does not "
           "hold**.", "",
           "| # | pattern | verdict | runs |", "|---|---|---|---|"]
    for i, r in enumerate(results, 1):
        out.append(f"| {i} | {r.pattern} | **{r.verdict}** | {r.runs} |")
    out += ["", "*Analysis changes after the first full run* (the verdicts above use the "
            "revised analysis):", ""] + [f"- {rev}" for rev in val.REVISIONS] + [""]
    for i, r in enumerate(results, 1):
        commits = ", ".join(r.extra.get("commits", [])) or "unknown"
        out += [f"### Pattern {i}: {r.pattern}", "",
                f"*Experiment:* `{r.experiment}` ({r.runs} runs, made with the code at commit "
                f"{commits}) — `wijksim sweep {r.experiment}`. *Verdict:* **{r.verdict}**.", "",
                f"*Verdict rule (stated before the runs):* {val.RULES.get(r.key, '')}", "",
                r.reading, "",
                f"![pattern {i}](img/validation/{r.figure.name})" if r.figure else "", "",
                "| measured effect | mean | 95% interval |", "|---|---|---|"]
        for e in r.effects:
            out.append(f"| {e.name} | {e.mean:.4g} | [{e.low:.4g}, {e.high:.4g}] |")
        out.append("")
    return out


COMMIT_NOTE = ("*On the commits listed:* a run records the checkout's commit at the moment it "
               "is stored; while these experiments ran, other work was being committed, so a "
               "list of several commits means the runs span that period (a worker runs the "
               "code it imported when it started). Runs of an installed release all carry its "
               "version.")


def metamorphic_section() -> list[str]:
    import ast

    tree = ast.parse(METAMORPHIC.read_text())
    out = ["## 3. Metamorphic tests", "",
           "Relations between runs that pin the model's logic down without fixing any outcome; "
           "they run with the test suite (`tests/model/test_metamorphic.py`, plus the neutral-"
           "regime test in `tests/model/test_regime_rule.py` and the v = 1 / a = 1 tests in "
           "`tests/model/test_mechanisms.py`). A regime effect written into the code would break "
           "the neutral-regime test: neutral tendering reproduces subsidy bit for bit for the "
           "same seed, and over independent seeds no recorded outcome differs (Welch tests, Holm "
           "correction, family-wise alpha 0.01); the companion test shows the same test detects "
           "the baseline tendering regime.", "", "| test | what it pins down |", "|---|---|"]
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            doc = (ast.get_docstring(node) or "").split("\n")[0]
            out.append(f"| `{node.name}` | {doc or node.name[5:].replace('_', ' ')} |")
    return out + [""]


def sensitivity_section(quick: bool, jobs: int | None) -> list[str]:
    from wijksim.experiments import load_experiment, run_experiment

    path = ROOT / "experiments" / "validation" / "sensitivity_regime.toml"
    kw = {"residents": 800, "years": 4} if quick else {}
    exp = load_experiment(path, **kw)
    res = run_experiment(exp, out=exp.out if not quick else Path("results/validation/quick_sens"),
                         jobs=jobs, resume=True, progress=True, report=True)
    idx = res.sensitivity(["cohesion", "vraagverlegenheid", "trust", "wijkkennis"])
    ends = res.end_values(["cohesion", "vraagverlegenheid", "trust", "wijkkennis"])
    wide = ends.pivot_table(index=["point", "seed"], columns="label",
                            values=["cohesion", "vraagverlegenheid", "trust", "wijkkennis"])
    commits = ", ".join(sorted({str(c)[:10] for c in res.runs["git_commit"]
                                if c is not None and str(c) != "nan"})) or "unknown"
    out = ["## 4. Sensitivity of the regime effect", "",
           f"Morris elementary effects (SALib) over {len(exp.parameters)} assumptions, both "
           f"regimes at every one of {res.points.shape[0]} design points with the same seed: "
           "`experiments/validation/sensitivity_regime.toml` "
           "(`wijksim sweep experiments/validation/sensitivity_regime.toml`; report in "
           f"`{exp.out}/report.md`; runs made with the code at commit {commits}). The analysed "
           "quantity is the paired difference subsidy - tender_3y of each outcome's last-year "
           "mean.", "",
           "| outcome | difference subsidy - tender: mean over design points | share of points "
           "with that sign | most influential assumptions (mu*) |", "|---|---|---|---|"]
    contrast = [c for c in idx["scenario"].unique() if " - " in str(c) or "−" in str(c)]
    cname = contrast[0] if contrast else None
    for col in ("cohesion", "vraagverlegenheid", "trust", "wijkkennis"):
        d = wide[(col, "subsidy")] - wide[(col, "tender_3y")]
        sign = np.sign(d.mean())
        share = float((np.sign(d) == sign).mean())
        top = ""
        if cname is not None:
            sub = idx[(idx["scenario"] == cname) & (idx["outcome"] == col)]
            sub = sub.sort_values("mu_star", ascending=False).head(3)
            top = ", ".join(f"`{p}` ({m:.2g})" for p, m in zip(sub["parameter"],
                                                                 sub["mu_star"]))
        out.append(f"| {col} | {d.mean():+.4f} | {share:.0%} | {top} |")
    out += ["", "![Morris indices of the regime effect](img/validation/sensitivity_regime.png)",
            ""]
    _plot_sensitivity(idx, cname)
    return out


def _plot_sensitivity(idx: pd.DataFrame, cname) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if cname is None:
        return
    outcomes = ["cohesion", "vraagverlegenheid", "trust", "wijkkennis"]
    fig, axes = plt.subplots(1, 4, figsize=(16, 4.5), sharey=True)
    sub = idx[idx["scenario"] == cname]
    order = (sub.groupby("parameter")["mu_star"].mean().sort_values().index.tolist())
    for ax, col in zip(axes, outcomes):
        s = sub[sub["outcome"] == col].set_index("parameter").reindex(order)
        scale = s["mu_star"].max() or 1.0
        ax.barh(order, s["mu_star"] / scale, xerr=(s["mu_star"] - s["mu_star_low"]) / scale,
                color="tab:purple", alpha=0.8)
        ax.set_title(f"{col}\n(subsidy - tender), mu* relative")
        ax.grid(alpha=0.3, axis="x")
    fig.tight_layout()
    FIGS.mkdir(parents=True, exist_ok=True)
    fig.savefig(FIGS / "sensitivity_regime.png", dpi=90)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--skip-sensitivity", action="store_true")
    parser.add_argument("--out", default=str(DOC))
    args = parser.parse_args()
    t0 = time.time()
    results = []
    for key in val.PATTERNS:
        out = Path(f"results/validation/quick/{key}") if args.quick else None
        results.append(validate_pattern(key, FIGS, quick=args.quick, jobs=args.jobs,
                                            out=out))
        print(f"{key}: {results[-1].verdict}", flush=True)
    lines = ["# Validation of wijksim", "",
             "<!-- generated by `python experiments/validation/run_validation.py`; numbers and "
             "figures come from that run -->", "",
             "Does the model say something true? This page follows the TRACE structure loosely: "
             "calibration against published Dutch figures (data evaluation), the patterns the "
             "model should show from its mechanisms (output corroboration), tests that pin its "
             "logic down (implementation verification) and a sensitivity analysis of the regime "
             "effect (model analysis). Regenerate everything with "
             "`python experiments/validation/run_validation.py --jobs 2` (about an hour on two "
             "cores; resumable)." + (" **This copy was made with --quick: small wijken, few "
                                     "seeds; not the published numbers.**" if args.quick else ""),
             ""]
    lines += calibration_section(args.quick)
    lines += pattern_section(results) + [COMMIT_NOTE, ""]
    lines += metamorphic_section()
    if not args.skip_sensitivity:
        lines += sensitivity_section(args.quick, args.jobs)
    lines += limitations()
    from wijksim.provenance import git_commit

    lines.append(f"*Generated in {(time.time() - t0) / 60:.0f} minutes with wijksim "
                 f"{wijksim.__version__}, code at commit {git_commit() or 'unknown'}.*")
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")


def limitations() -> list[str]:
    return ["## 5. Limits of this validation", "",
            "- The calibration targets are national figures; a real wijk differs. The fit says "
            "the model can reproduce them together, not that any particular wijk looks like "
            "this.",
            "- Most tendering parameters (chance the incumbent loses, share of staff that moves "
            "along, transition, overhead share) have no number in the seed texts; they are "
            "assumptions, which is why section 4 varies them.",
            "- 'Offers' of help are unprompted intentions to help a tie; the seeds' crisis "
            "observation concerns spontaneous volunteers for strangers, which the model does "
            "not represent separately (pattern 7).",
            "- Escalations to specialised care are rare in the calibrated model; their cost "
            "shows direction more than size.",
            "- Section 4 runs one seed per design point, so each elementary effect carries "
            "seed noise of about the size of the smaller effects: the signs' shares are "
            "stable between regenerations (74-96% before the last model fixes, 75-92% now), "
            "the ranking of the most influential assumptions is not. More seeds per point "
            "would settle it.",
            ""]


if __name__ == "__main__":
    main()
