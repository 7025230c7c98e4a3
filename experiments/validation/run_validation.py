"""Regenerate docs/validation.md and its figures: calibration, patterns, sensitivity.

usage: python experiments/validation/run_validation.py [--jobs N] [--quick] [--skip-sensitivity]

Every number on the page comes from this run (experiments in experiments/validation/, results
in results/validation/, resumable: an interrupted run picks up where it stopped). --quick uses
small wijken and few seeds (minutes instead of about an hour), for checking the pipeline; its
numbers are not the published ones.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import time
from pathlib import Path

import pandas as pd

import wijksim
from wijksim.analysis import validation as val
from wijksim.experiments.validation import validate_pattern
from wijksim.analysis import calibration as cal
from wijksim.analysis.calibration import FREE, loss, measure, targets
from wijksim.scenario import KEYS
from wijksim.scenario.schema import ASSUMPTION, CALIBRATED, LITERATURE

sys.path.insert(0, str(Path(__file__).resolve().parent))
import regime_sensitivity  # noqa: E402  (the script beside this one)

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "validation.md"
FIGS = ROOT / "docs" / "img" / "validation"
CSV = ROOT / "src" / "wijksim" / "data" / "calibration_targets.csv"
METAMORPHIC = ROOT / "tests" / "model" / "test_metamorphic.py"
STEADY_STATE = ROOT / "docs" / "data" / "steady_state.csv"


def calibration_section(quick: bool) -> tuple[list[str], dict]:
    """Section 1, and the numbers the README quotes. The defaults are measured again with the
    fit's own seeds, size and window (so the loss here is the slow test's loss)."""
    fit = json.loads((ROOT / "experiments" / "validation" / "calibration_result.json").read_text())
    setup = fit["setup"]
    seeds = (1,) if quick else tuple(setup["seeds"])
    ms = measure({}, seeds=seeds, residents=setup["residents"],
                 window_weeks=setup["window_weeks"], jobs=2)
    rows = pd.read_csv(CSV).set_index("id")
    roles = cal.roles()
    out = [
        "## 1. Calibration against published Dutch figures", "",
        "The defaults were fitted **jointly** — one set of values for all fitted targets at "
        f"once — by Nelder-Mead over {len(FREE)} free parameters, at the steady state: "
        f"{setup['residents']:,} residents, seeds {', '.join(map(str, setup['seeds']))}, the "
        f"first {setup['window_weeks']} weeks after the {setup['burn_in_weeks']}-week burn-in, "
        f"with a budget of {fit['evaluations']} evaluations (two cores shared with other work: "
        "the fit is as good as that budget allows, not a proven optimum). Command: "
        "`python experiments/validation/calibrate.py --evals 36 --jobs 2` (code: "
        "`src/wijksim/analysis/calibration.py`; the fit, made at commit "
        f"{str(fit.get('git_commit') or 'unknown')[:10]}, is kept in "
        "`experiments/validation/calibration_result.json`). Every row of the targets file has "
        "a role: **fit** (in the loss, two-sided), **held out** (kept out of the loss and "
        "checked only after the fit) or **not a target** (with the reason). The table measures "
        "the current defaults again with the fit's seeds and size.", "",
        "| target | role | Dutch figure | source | model measure | model | tolerance | "
        "miss (tolerances) |", "|---|---|---|---|---|---|---|---|"]
    for t in targets():
        src = rows.loc[t.id, "source"] if t.id in rows.index else \
            "derived from the unmet_support_need source (about 2.4 of 13.7 million adults)"
        z = (ms[t.measure] - t.value) / t.tolerance
        role = "held out" if t.role == "held_out" else "fit"
        out.append(f"| {t.id} | {role} | {t.value:g} ({t.population}) | {src} | "
                   f"`{t.measure}` | {ms[t.measure]:.3f} | ±{t.tolerance:g} | {z:+.1f} |")
    for rid, why in cal.NOT_MEASURED.items():
        out.append(f"| {rid} | not a target | {rows.loc[rid, 'value']} | "
                   f"{rows.loc[rid, 'source']} | - | - | - | {why} |")
    held = cal.held_out_check(ms)
    now = loss(ms)
    misses = []
    for t in targets("fit"):
        z = (ms[t.measure] - t.value) / t.tolerance
        if abs(z) > 2:
            misses.append(f"`{t.id}` (`{t.measure}`, {t.population}) "
                          f"{'overshoots' if z > 0 else 'undershoots'} its figure: model "
                          f"{ms[t.measure]:.2f} against {t.value:g} ± {t.tolerance:g}, "
                          f"{abs(z):.1f} tolerances "
                          f"{'above' if z > 0 else 'below'} it")
    noise = [o["loss"] for o in fit.get("other_seeds", [])]
    out += ["", f"**Loss** (sum of squared misses in tolerances over the fitted targets): "
            f"{now:.2f} now, {fit['loss']:.2f} recorded at the fit"
            + (f"; with other seed pairs the fit's loss is {', '.join(f'{x:.2f}' for x in noise)}"
               " (its seed noise)" if noise else "") + ". The slow test "
            "`tests/experiments/test_calibration.py` recomputes the loss of the measures pooled "
            f"over seeds {fit['check']['seeds'][0]}-{fit['check']['seeds'][-1]} (recorded "
            f"{fit['check']['loss']:.2f}; {fit['check']['other_loss']:.2f} over seeds "
            f"{fit['check']['other_seeds'][0]}-{fit['check']['other_seeds'][-1]}) and fails "
            f"when it moved by more than {fit['check']['tolerance']:.2f}.", "",
            ("**Fitted targets missed by more than two tolerances:** " + "; ".join(misses)
             + ". Results that depend on " + ("this level" if len(misses) == 1 else
                                               "these levels")
             + " start from a wijk that is off the Dutch figure." if misses else
             "**Every fitted target is within two tolerances of its figure.**"), "",
            "**Held-out targets**, checked only after the fit (stated before it: within two "
            "tolerances counts as reproduced): " + "; ".join(
                f"`{h['id']}` figure {h['figure']:g}, model {h['model']:.3f} "
                f"({h['miss']:+.1f} tolerances: "
                f"{'reproduced' if h['within_two_tolerances'] else '**not reproduced**'})"
                for h in held) + ".", "",
            "**Free parameters and their fitted values** (status *calibrated* in "
            "[scenario-keys.md](scenario-keys.md)):", "",
            "| key | fitted default | searched range | at a bound? |", "|---|---|---|---|"]
    bound = set(fit.get("at_bounds", []))
    for key, (lo, hi) in FREE.items():
        out.append(f"| `{key}` | {KEYS[key].default:g} | {lo:g} - {hi:g} | "
                   f"{'**yes**' if key in bound else 'no'} |")
    out += ["", "Widened since the previous fit: `help.offer_rate` (to 1.0) and "
            "`meeting.street_rate` (to 1.0) had ended at the upper end of their ranges; both "
            "are weekly chances, so 1 is their natural limit. The other calibrated keys "
            "(`meeting.triadic_rate`, `meeting.contacts_per_visit`, `help.formal_base`, "
            "`help.informal_amount`) keep the previous fit's values: seven fitted targets cannot "
            "pin down eleven parameters, and every evaluation costs two steady-state runs.", "",
            f"**How much this proves.** {len(FREE)} free parameters against "
            f"{len(targets('fit'))} fitted targets: a good joint fit shows the targets are "
            "*compatible* with the model's structure; the "
            "held-out targets and the patterns in section 2, which were not fitted, are the "
            "real test.", ""]
    counts = pd.Series([k.status for k in KEYS.values()]).value_counts()
    out += [f"**Status of all {len(KEYS)} scenario keys:** {counts.get(CALIBRATED, 0)} "
            f"calibrated, {counts.get(LITERATURE, 0)} from literature, "
            f"{counts.get(ASSUMPTION, 0)} assumptions (each listed in "
            "[scenario-keys.md](scenario-keys.md); the hard-coded constants are in "
            "[ODD.md](ODD.md) section 8).", ""]
    return out, {"loss": now, "held": held, "fitted": len(targets("fit"))}


def pattern_section(results: list[val.PatternResult]) -> list[str]:
    out = ["## 2. The patterns of the model brief", "",
           "Each pattern of [ODD.md](ODD.md) 1.2 has an experiment file in `experiments/validation/`, run "
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
    tree = ast.parse(METAMORPHIC.read_text())
    out = ["## 3. Metamorphic tests", "",
           "Relations between runs that pin the model's logic down without fixing any outcome; "
           "they run with the test suite (`tests/model/test_metamorphic.py`, plus the neutral-"
           "regime test in `tests/model/test_regime_rule.py` and the v = 1 / a = 1 tests in "
           "`tests/model/test_mechanisms.py`). A regime effect written into the code would break "
           "the neutral-regime test: neutral tendering reproduces subsidy bit for bit for the "
           "same seed, and over independent seeds no recorded outcome differs (Welch tests, Holm "
           "correction, family-wise alpha 0.01, 8 seeds); the companion test runs the same check, "
           "at the same size, on neutral tendering with one term moved off neutral (paperwork "
           "share 0.35) and finds resident outcomes that differ. At 8 seeds it does not resolve "
           "tender_3y's re-tendering cycle or its paperwork share alone, so 'indistinguishable' "
           "rules out effects of about that size, not smaller ones.", "", "| test | what it pins down |", "|---|---|"]
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            # the docstring's first paragraph, whole: a line of it may end mid-sentence
            para = (ast.get_docstring(node) or "").split("\n\n")[0]
            doc = " ".join(para.split()).replace("|", "\\|")
            out.append(f"| `{node.name}` | {doc or node.name[5:].replace('_', ' ')} |")
    return out + [""]


def sensitivity_section(quick: bool, jobs: int | None) -> tuple[list[str], dict]:
    """Section 4: the regime effect over the regime mechanisms' plausible ranges
    (experiments/validation/regime_sensitivity.py, tables in docs/data)."""
    got = regime_sensitivity.regenerate(jobs or 2, ROOT / "docs" / "data")
    out = ["## 4. Sensitivity of the regime effect", "",
           "In what share of the plausible assumption space does multi-year subsidy beat "
           "tendering by more than the materiality threshold, and which assumptions decide it? "
           + got["intro"] + " Plausible ranges and their arguments: "
           "[scenario-keys.md](scenario-keys.md#plausible-ranges-of-the-regime-mechanisms). "
           "Tables: [docs/data/regime_sensitivity.csv](data/regime_sensitivity.csv), Morris "
           "indices in [docs/data/regime_sensitivity_morris.csv]"
           "(data/regime_sensitivity_morris.csv). In the last column mu* is the mean absolute "
           "elementary effect on the difference (in the outcome's unit, over the whole range), "
           "and mu its signed mean: positive means a higher value of the assumption makes "
           "subsidy - tender larger.", "", *got["table"], "",
           "The seed noise column is the mean standard error of a point's difference over its "
           "three seeds: a share near a threshold of about that size is partly noise (so for "
           "initiatives, whose threshold of 10 % is about 0.25 initiatives at 2,000 residents, "
           "the shares are mostly noise). The four `professionals.*` keys also act during the "
           "burn-in, so each of their steps starts from another wijk and the random paths part: "
           "their elementary effects carry that seed noise as well, and their mu* is an upper "
           "bound where it is not well above the noise column.", ""]
    return out, got


README = ROOT / "README.md"
TUTORIAL = ROOT / "docs" / "tutorial.md"
README_START = "<!-- generated by `make validation`: what the model shows -->"
README_END = "<!-- end of generated text -->"
TUTORIAL_NOTE = "<!-- example output generated by `make validation`"


def readme_section(results: list[val.PatternResult], calib: dict, sens: dict | None,
                   commit: str) -> list[str]:
    """The README's summary of what the model shows, written from this run's numbers."""
    held = "; ".join(f"{h['id']} {h['model']:.3f} against {h['figure']:g} "
                     f"({'reproduced' if h['within_two_tolerances'] else 'not reproduced'})"
                     for h in calib["held"])
    lines = [README_START, "",
             f"Generated by `make validation` at commit {commit[:10]} (full page: "
             "[docs/validation.md](docs/validation.md)). The defaults were fitted jointly at "
             f"the steady state to {calib['fitted']} Dutch figures (loss {calib['loss']:.1f}, "
             f"a sum of squared misses in tolerances); the held-out targets, never fitted: "
             f"{held}. The patterns of the model brief, with verdicts from rules stated "
             "before the runs:", ""]
    for i, r in enumerate(results, 1):
        first = re.split(r"(?<=[0-9a-z)])\.\s+(?=[A-Z])", r.reading)[0].rstrip(".")
        lines.append(f"- **{r.pattern}** {r.verdict}: {first}.")
    if sens is not None:
        lines += ["", "Over the regime mechanisms' plausible ranges (Morris design, "
                  f"{sens['points']} design points x 3 seeds), the share of the assumption "
                  "space where multi-year subsidy beats 3-year tendering by more than the "
                  "materiality threshold:", ""]
        for r in sens["summary"].itertuples():
            top = sens["top"][r.outcome][0][0]
            lines.append(f"- {r.outcome}: subsidy better in {r.share_subsidy_better:.0%}, "
                         f"tendering better in {r.share_tender_better:.0%}, neither in "
                         f"{r.share_not_material:.0%} (mean difference "
                         f"{r.mean_difference:+.3g}; most decisive: `{top}`)")
    lines += ["", "The decomposition below is not part of this run: it states the commit it was "
              "measured at, and `wijksim decompose tender_3y subsidy` repeats it."]
    return lines + ["", README_END]


def write_readme(lines: list[str]) -> None:
    import textwrap

    lines = [textwrap.fill(x, 95, subsequent_indent="  " if x.startswith("- ") else "",
                           break_on_hyphens=False, break_long_words=False)
             if len(x) > 95 and not x.startswith("<!--") else x for x in lines]
    text = README.read_text()
    head, rest = text.split("## What the model shows", 1)
    title, body = rest.split("\n", 1)
    if README_START in body:
        before, after = body.split(README_START, 1)
        after = after.split(README_END, 1)[1]
    else:  # the first time: replace the hand-written summary up to the decomposition
        before, after = "\n", "\n\n### " + body.split("\n### ", 1)[1]
    README.write_text(head + "## What the model shows" + title + before.rstrip("\n")
                      + "\n\n" + "\n".join(lines) + after)


def tutorial_numbers(commit: str) -> None:
    """Run the tutorial's commands at the sizes the page shows (wijksim.experiments.tutorial,
    the same runner its test uses) and put what they print into the page, stamped with the
    commit."""
    from wijksim.experiments.tutorial import regenerate

    out = []
    for line in regenerate(TUTORIAL).splitlines():
        if line.startswith(TUTORIAL_NOTE):
            continue
        out.append(line)
        if line.startswith("# Tutorial"):
            out.append(f"{TUTORIAL_NOTE} at commit {commit[:10]} -->")
    TUTORIAL.write_text("\n".join(out) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seeds", type=int, default=None,
                        help="seeds per pattern experiment (default: each file's own)")
    parser.add_argument("--residents", type=int, default=None,
                        help="residents per pattern run (default: each file's own)")
    parser.add_argument("--skip-sensitivity", action="store_true")
    parser.add_argument("--write-all", action="store_true",
                        help="also rewrite the README's 'What the model shows' and the "
                        "tutorial's example output (make validation)")
    parser.add_argument("--out", default=str(DOC))
    args = parser.parse_args()
    from wijksim.provenance import git_commit

    commit = git_commit() or "unknown"
    t0 = time.time()
    results = []
    scaled = args.seeds or args.residents
    for key in val.PATTERNS:
        out = Path(f"results/validation/quick/{key}") if args.quick else None
        if scaled and not args.quick:
            out = Path(f"results/validation/s{args.seeds or 0}-r{args.residents or 0}/{key}")
        results.append(validate_pattern(key, FIGS, quick=args.quick, jobs=args.jobs,
                                        out=out, seeds=args.seeds, residents=args.residents))
        print(f"{key}: {results[-1].verdict}", flush=True)
    size = ""
    if scaled:
        size = (" **This copy ran the pattern experiments at "
                + ", ".join(x for x in (f"{args.seeds} seeds" if args.seeds else "",
                                        f"{args.residents:,} residents" if args.residents
                                        else "") if x)
                + " per experiment instead of the files' own sizes (the runs column says "
                "how many), to fit the machine's time; intervals are wider accordingly.**")
    lines = ["# Validation of wijksim", "",
             "<!-- generated by `make validation` (python experiments/validation/"
             "run_validation.py --write-all); numbers and figures come from that run -->", "",
             "Does the model say something true? This page follows the TRACE structure loosely: "
             "calibration against published Dutch figures (data evaluation), the patterns the "
             "model should show from its mechanisms (output corroboration), tests that pin its "
             "logic down (implementation verification) and a sensitivity analysis of the regime "
             "effect (model analysis). Regenerate everything — this page, the README's 'What "
             "the model shows' and the tutorial's example output — with `make validation` "
             "(resumable)." + size + (" **This copy was made with --quick: small wijken, few "
                                      "seeds; not the published numbers.**" if args.quick
                                      else ""), ""]
    cal_lines, calib = calibration_section(args.quick)
    lines += cal_lines
    lines += pattern_section(results) + [COMMIT_NOTE, ""]
    lines += metamorphic_section()
    sens = None
    if not args.skip_sensitivity:
        sens_lines, sens = sensitivity_section(args.quick, args.jobs)
        lines += sens_lines
    lines += limitations()
    lines.append(f"*Generated in {(time.time() - t0) / 60:.0f} minutes with wijksim "
                 f"{wijksim.__version__}, code at commit {commit}.*")
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")
    if args.write_all:
        write_readme(readme_section(results, calib, sens, commit))
        print(f"wrote {README}")
        tutorial_numbers(commit)
        print(f"wrote {TUTORIAL}")


def steady_state_sentence() -> str:
    """Section 5's line on the baseline, from the 32-seed steady-state check
    (experiments/validation/steady_state.py, docs/data/steady_state.csv)."""
    ss = pd.read_csv(STEADY_STATE).set_index("outcome")

    def part(outcome: str) -> str:
        r = ss.loc[outcome]
        if r["kind"] == "relative":
            return (f"{outcome} {r['change']:+.2%} [{r['low']:+.2%}, {r['high']:+.2%}] "
                    f"(bound ±{r['bound']:.1%})")
        return (f"{outcome} {r['change']:+.4f} [{r['low']:+.4f}, {r['high']:+.4f}] "
                f"(bound ±{r['bound']:g})")

    seeds = int(ss["seeds"].max())
    within = ss["mean_within"].astype(bool)
    wide = [o for o, ok in ss["interval_within"].astype(bool).items() if not ok]
    trend = [o for o in ss.index if ss.loc[o, "low"] > 0 or ss.loc[o, "high"] < 0]
    return ("- The baseline is nearly, not perfectly, at rest: over "
            f"{seeds} seeds of 30-year status-quo runs, the change between the first and the last "
            "three years (mean, 95 % interval) is " + "; ".join(part(o) for o in ss.index)
            + ". " + ("Every mean is within its bound" if within.all() else
                      "Means past their bound: " + ", ".join(ss.index[~within]))
            + ("; the intervals of " + " and ".join(wide) + " reach past theirs"
               if wide else "; every interval is within its bound")
            + ("; " + " and ".join(trend) + " show a small real trend (interval away from zero)"
               if trend else "")
            + ". Comparisons at the same seeds share that drift (docs/ODD.md 3.4, "
            "[docs/data/steady_state.csv](data/steady_state.csv)).")


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
            "- Section 4 runs three seeds per design point and four Morris trajectories in a "
            "2,000-resident wijk over one 3-year tender period: enough to screen which "
            "assumptions matter and to count shares of the space, not to rank close ones; its "
            "seed-noise column says how much of a share near the threshold is noise.",
            steady_state_sentence(),
            ""]


if __name__ == "__main__":
    main()
