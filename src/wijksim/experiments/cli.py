"""``wijksim compare`` and ``wijksim sweep`` (plugged into wijksim.cli by ``register``)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..files import first_free_folder



def register(sub) -> None:
    """Add the experiment commands to the subcommands ``sub`` of wijksim's parser."""
    from ..cli import add_run_options
    from . import DEFAULT_SCENARIOS, DEFAULT_SEEDS

    p = sub.add_parser(
        "compare", help="run scenarios side by side with common seeds; write a report",
        description="Run replicates of each scenario with the same seeds (common random "
                    "numbers) and write a report: trajectories with 95% bands, end values "
                    "and paired differences with 95% intervals.")
    p.add_argument("scenarios", nargs="*", metavar="SCENARIO",
                   default=list(DEFAULT_SCENARIOS),
                   help="shipped scenario names or .toml files (default: "
                        + " ".join(DEFAULT_SCENARIOS) + ")")
    add_run_options(p, seeds=True)
    p.set_defaults(seeds=DEFAULT_SEEDS)
    _add_exec_options(p)
    p.add_argument("--out", help="results folder (default results/compare-SCENARIOS); the "
                                 "same comparison there is reused, another one refused")
    p.add_argument("--overwrite", action="store_true",
                   help="replace the results already in --out")
    p.set_defaults(func=cmd_compare)
    p.epilog = f"--seeds defaults to {DEFAULT_SEEDS}."

    p = sub.add_parser(
        "sweep", help="run an experiment file (grid, Latin hypercube, Sobol, Morris)",
        description="Run every run of an experiment file, locally or on a Dask cluster, "
                    "storing results as Parquet as they finish; write a report with "
                    "sensitivity indices.")
    p.add_argument("experiment", help="experiment file (.toml) or a shipped experiment name")
    add_run_options(p, seeds=True)
    _add_exec_options(p)
    p.add_argument("--out", help="results folder (default: the file's out, else "
                                 "results/NAME)")
    p.add_argument("--overwrite", action="store_true",
                   help="delete results already in the folder and start again")
    p.add_argument("--dry-run", action="store_true",
                   help="print what would run, run nothing")
    p.add_argument("--samples", type=_positive, default=None, metavar="N",
                   help="design size N (lhs points, sobol base sample, morris trajectories) "
                        "instead of the file's design.samples, e.g. a small N for a first look")
    p.set_defaults(func=cmd_sweep)

    p = sub.add_parser(
        "report", help="write the report of a results folder again (e.g. in Dutch)",
        description="Write report.md and a self-contained report.html for a results folder "
                    "made by compare or sweep, without running anything.")
    p.add_argument("folder", help="results folder (holds manifest.json)")
    add_lang_option(p)
    p.add_argument("--outcome", help="scenario discovery: the outcome of the condition "
                                     "(default: the experiment's [discovery] outcome)")
    p.add_argument("--threshold", help="scenario discovery: 'materiality' or a number in the "
                                       "outcome's unit (default: the experiment's)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "decompose", help="attribute the difference between two scenarios to groups of "
                          "funding terms (Shapley)",
        description="Run every mix of the groups of funding terms in which BASE and OTHER "
                    "differ (re-tendering cycle, staff continuity, tender overhead, "
                    "accountability, resident organisations, and populatiebesteding's "
                    "population budget and main provider; at most 6 groups, 64 mixes) "
                    "with the same seeds, and split OTHER - BASE into exact Shapley parts "
                    "with 95% intervals over seeds, the effects alone and the interaction "
                    "left over. Writes decomposition.csv/.parquet/.md/.png.")
    p.add_argument("base", metavar="BASE", help="scenario name or .toml file")
    p.add_argument("other", metavar="OTHER", help="scenario name or .toml file")
    add_run_options(p, seeds=True, default_seeds=6)
    p.set_defaults(seeds=6)
    _add_exec_options(p)
    p.add_argument("--out", help="results folder (default results/decompose-BASE-OTHER)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace the results already in --out")
    p.set_defaults(func=cmd_decompose)
    p.epilog = "--seeds defaults to 6."


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return n


def _add_exec_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=_positive, default=None,
                   help="local processes (default: number of cores; 1 = this process)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask cluster: tcp://host:8786, or 'local' for a Dask "
                        "LocalCluster of --jobs workers on this machine")
    p.add_argument("--resume", action="store_true",
                   help="keep runs already stored in the results folder; run only the rest")
    p.add_argument("--chunk-size", type=_positive, default=None, metavar="N",
                   help="runs per task and per stored batch (default: from the estimated "
                        "run time, so a task holds a few seconds of work)")
    p.add_argument("--quiet", action="store_true", help="no progress bar, print only errors")
    add_lang_option(p)


def add_lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("en", "nl"), default="en",
                   help="language of the report and of what is printed: en (English, "
                        "Dutch terms glossed) or nl (Nederlands); default en")


def _start_workers(args: argparse.Namespace) -> None:
    """Local worker processes start before this process imports the model (not for a
    --scheduler: its address is checked first, and a Dask cluster starts its own)."""
    from .executor import start_workers_early

    start_workers_early(args.jobs, args.scheduler)


def _say(args):
    return (lambda msg: None) if args.quiet else print


def cmd_compare(args: argparse.Namespace) -> int:
    _start_workers(args)
    from ..cli import overrides_from
    from .spec import comparison

    from ..run import check_output_folder
    from .executor import check_scheduler_address

    check_scheduler_address(args.scheduler)
    exp = comparison(args.scenarios, args.seeds, years=args.years, residents=args.residents,
                     overrides=overrides_from(args))
    out = _comparison_folder(args, exp)
    check_output_folder(out, "--out")
    res, rc = _run(args, exp, out, overwrite=args.overwrite)
    if res is None:
        return rc
    if not args.quiet:
        print_comparison(res, args.lang)
        print(say("report", args.lang, md=out / "report.md", figures="trajectories.png"
                  + (", differences.png" if len(exp.scenarios) > 1 else "")))
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    if not args.dry_run:
        _start_workers(args)
    from ..cli import overrides_from
    from .spec import load_experiment
    from .execute import describe

    from ..paths import safe_name
    from ..run import check_output_folder
    from .executor import check_scheduler_address

    check_scheduler_address(args.scheduler)
    seeds = args.seeds
    exp = load_experiment(args.experiment, seeds=seeds, years=args.years,
                          residents=args.residents, overrides=overrides_from(args),
                          out=args.out, samples=args.samples)
    out = exp.out or Path("results") / safe_name(exp.name)
    if args.dry_run:
        print(describe(exp))
        print(f"results would go to {out}")
        return 0
    check_output_folder(out, "--out" if args.out else f"{exp.path.name}: experiment.out"
                        if exp.out else "results folder")
    res, rc = _run(args, exp, out, overwrite=args.overwrite)
    if res is None:
        return rc
    if not args.quiet:
        print_comparison(res, args.lang) if res.is_comparison else print_sweep(res, args.lang)
        print(say("report_figures", args.lang, md=out / "report.md"))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from ..scenario import Problem, ScenarioError
    from .results import load_results

    t0 = time.perf_counter()
    threshold = _toml_value(args.threshold) if args.threshold is not None else None
    if args.outcome is not None or threshold is not None:
        from ..analysis.discovery import check_condition

        check_condition(args.outcome, threshold, None, "")
    res = load_results(args.folder)
    if args.outcome is not None or threshold is not None:
        if not res.manifest.get("discovery"):
            raise ScenarioError([Problem(args.folder, "", "", "", "--outcome and --threshold "
                                         "need an experiment with a [discovery] table",
                                         show_value=False)])
        check_condition(args.outcome, threshold, res.manifest["outcomes"], "")
        res.manifest["discovery"] = {**res.manifest["discovery"], **(
            {"outcome": args.outcome} if args.outcome else {}), **(
            {"threshold": threshold} if threshold is not None else {})}
    from ..analysis.report_text import dutch_numbers

    md = res.report(lang=args.lang)
    print(say("report_written", args.lang, md=md, seconds=dutch_numbers(
        f"{time.perf_counter() - t0:.1f}", args.lang)))
    return 0


def _toml_value(raw: str):
    """A command-line value read as TOML (0.01 -> float, true -> bool), else as text."""
    import tomllib

    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def cmd_decompose(args: argparse.Namespace) -> int:
    _start_workers(args)
    from ..cli import overrides_from
    from ..scenario import load_scenario
    from .decompose import decompose
    from .execute import command_line

    for name in (args.base, args.other):  # bad names fail here, before any work
        load_scenario(name)
    out = Path(args.out) if args.out else Path(
        f"results/decompose-{Path(args.base).stem}-{Path(args.other).stem}")
    t0 = time.perf_counter()
    try:
        d = decompose(args.base, args.other, args.seeds, years=args.years,
                      residents=args.residents, overrides=overrides_from(args),
                      jobs=args.jobs, scheduler=args.scheduler, out=out, resume=args.resume,
                      overwrite=args.overwrite, progress=not args.quiet, say=_say(args),
                      command=command_line(), lang=args.lang)
    except KeyboardInterrupt:
        _stopped("interrupted", out / "runs")
        return 130
    if not args.quiet:
        print(d.text(args.lang))
        print(f"done in {_duration(time.perf_counter() - t0)}; table, report and figure in "
              f"{out}/ (decomposition.csv, .parquet, .md, .png)")
    return 0


def _comparison_folder(args, exp) -> Path:
    """Where a comparison goes, never over another comparison's results.

    The same comparison already there (same scenarios, seeds, sizes and wijksim, so the same
    runs) is reused: only missing runs run, and the report is written anew. Made at another
    git commit, it is run again (the model may have changed). Another comparison's results
    are refused in an --out given on the command line (unless --overwrite); the default
    folder moves aside to -2, -3, ...
    """
    from ..paths import safe_name
    from ..provenance import git_commit
    from ..scenario import Problem, ScenarioError
    from .design import design_points
    from .runs import plan
    from .store import Store

    ids = {t.run_id for t in plan(exp, design_points(exp))}

    def verdict(out: Path) -> str:
        store = Store(out)
        if args.overwrite or args.resume or not store.exists():
            return "use"
        if not store.stored_ids() <= ids:
            return "other"
        old, here = store.manifest().get("git_commit"), git_commit()
        if old and here and old != here:
            args.overwrite = True
            if not args.quiet:
                print(f"{out}: this comparison was made at git commit {old[:10]}; running it "
                      f"again at {here[:10]}")
            return "use"
        args.resume = True  # the same runs: keep them, run what is missing
        return "use"

    if args.out:
        out = Path(args.out)
        if verdict(out) == "other":
            old = Store(out).manifest()
            raise ScenarioError([Problem(str(out), "", "", "", (
                f"already holds the results of another comparison ('{old.get('name')}', "
                f"{len(Store(out).stored_ids())} runs); add --overwrite to replace them, or "
                "choose another --out"), show_value=False)])
        return out
    return first_free_folder(
        Path("results") / safe_name("compare-" + "-".join(map(safe_name, exp.labels)),
                                    limit=120),
        lambda out: verdict(out) == "other")


def _run(args, exp, out: Path, overwrite: bool):
    from concurrent.futures.process import BrokenProcessPool

    from . import run_experiment
    from .execute import command_line

    t0 = time.perf_counter()
    try:
        res = run_experiment(exp, out=out, jobs=args.jobs, scheduler=args.scheduler,
                             resume=args.resume, overwrite=overwrite,
                             progress=not args.quiet, say=_say(args),
                             command=command_line(), chunk_size=args.chunk_size,
                             lang=getattr(args, "lang", "en"))
    except KeyboardInterrupt:
        _stopped("interrupted", out)
        return None, 130
    except BrokenProcessPool as exc:  # a worker was killed (out of memory, kill -9, ...)
        _stopped(f"a worker process died ({exc})", out)
        return None, 1
    except Exception as exc:
        if not (args.scheduler and _from_dask(exc)):
            raise
        # a task whose workers kept dying (KilledWorker), a lost scheduler, a closed comm
        _stopped(f"the Dask cluster failed ({type(exc).__name__}: {exc})", out)
        return None, 1
    if not args.quiet:
        ex = res.execution
        lang = getattr(args, "lang", "en")
        print(say("done", lang, ran=ex.ran, time=_duration(time.perf_counter() - t0))
              + (say("stored_before", lang, n=ex.stored_before) if ex.stored_before else "")
              + say("results_in", lang, out=out))
    return res, 0


def _from_dask(exc: BaseException) -> bool:
    """Raised by dask.distributed, or a lost connection to the cluster."""
    module = type(exc).__module__ or ""
    return module.split(".")[0] in ("distributed", "dask") or isinstance(
        exc, (OSError, TimeoutError, EOFError))


def _stopped(why: str, out: Path) -> None:
    """Say what is kept and how to go on."""
    from .store import Store

    n = len(Store(out).stored_ids())
    again = " ".join(a for a in sys.argv[1:] if a not in ("--resume", "--overwrite"))
    print(f"{why}: {n} finished runs are stored in {out}; finish with:\n"
          f"  wijksim {again} --resume", file=sys.stderr)


def _duration(s: float) -> str:
    return f"{s:.0f} s" if s < 90 else f"{int(s // 60)} min {int(s % 60):02d} s"


# -- what the verbs print ---------------------------------------------------------------------
TERMINAL = {  # the words the verbs print: (English, Dutch), chosen by --lang
    "values": ("Last-year values, mean ± 95% interval (mean [low, high] where it is not "
               "symmetric), over {n} seeds:",
               "Waarden in het laatste jaar, gemiddelde ± 95%-interval (gemiddelde [laag; "
               "hoog] waar het niet symmetrisch is), over {n} seeds:"),
    "differences": ("Paired differences (same seeds), mean [95% interval]; * = interval "
                    "excludes 0:",
                    "Gepaarde verschillen (dezelfde seeds), gemiddelde [95%-interval]; * = "
                    "interval sluit 0 uit:"),
    "done": ("done: {ran} runs in {time}", "klaar: {ran} runs in {time}"),
    "stored_before": (" ({n} were already stored)", " ({n} waren al opgeslagen)"),
    "results_in": ("; results in {out}/", "; resultaten in {out}/"),
    "report": ("Report: {md} (also report.html, {figures})",
               "Rapport: {md} (ook report.html, {figures})"),
    "report_figures": ("Report: {md} (also report.html and figures)",
                       "Rapport: {md} (ook report.html en figuren)"),
    "reference": ("(reference)", "(referentie)"),
    "report_written": ("Report: {md} (also report.html) in {seconds} s",
                       "Rapport: {md} (ook report.html) in {seconds} s"),
    "indices_incomplete": ("sensitivity indices need every run; finish with --resume",
                           "gevoeligheidsindices hebben elke run nodig; maak af met --resume"),
    "largest_sobol": ("Largest total Sobol index (ST) per outcome [95% interval]:",
                      "Grootste totale Sobol-index (ST) per uitkomst [95%-interval]:"),
    "largest_morris": ("Largest Morris mu* per outcome [95% interval]:",
                       "Grootste Morris-mu* per uitkomst [95%-interval]:"),
}


def say(key: str, lang: str = "en", **kw) -> str:
    """A line the verbs print, in ``lang``."""
    return TERMINAL[key][lang == "nl"].format(**kw)


def terminal_label(outcome: str, lang: str = "en") -> str:
    """An outcome's name and unit on one line (English: the labels the terminal has always
    shown; Dutch: the report's Dutch name and unit)."""
    from ..analysis.experiment_plots import one_line, report_label

    if lang != "nl":
        return one_line(outcome, end=True)
    return report_label(outcome, lang).replace("\n", " ")


def print_comparison(res, lang: str = "en") -> None:
    from ..analysis.report import fmt_interval, fmt_pm
    from ..analysis.report_text import dutch_numbers

    outcomes, labels = res.outcomes, res.labels
    s = res.summary(outcomes).set_index(["outcome", "label"])
    n = len(res.manifest["seeds"])
    width = max(len(terminal_label(o, lang)) for o in outcomes) + 2
    print("\n" + say("values", lang, n=n))
    table = [(o, [dutch_numbers(fmt_pm(o, *s.loc[(o, lab), ["mean", "low", "high"]]), lang)
                  for lab in labels]) for o in outcomes]
    cw = max(22, *(len(c) + 2 for _, cells in table for c in cells))
    print(" " * width + "".join(f"{lab:>{cw}s}" for lab in labels))
    for o, cells in table:
        print(f"{terminal_label(o, lang):{width}s}" + "".join(f"{c:>{cw}s}" for c in cells))
    if len(labels) < 2:
        return
    d = res.differences(outcomes)
    pairs = list(dict.fromkeys(zip(d["a"], d["b"])))
    d = d.set_index(["outcome", "a", "b"])
    print("\n" + say("differences", lang))
    heads = [f"{b} − {a}" for a, b in pairs]
    rows = []
    for o in outcomes:
        cells = []
        for a, b in pairs:
            r = d.loc[(o, a, b)]
            star = "*" if r["low"] > 0 or r["high"] < 0 else " "
            cells.append(dutch_numbers(fmt_interval(o, r["mean"], r["low"], r["high"],
                                                    diff=True), lang) + star)
        rows.append((o, cells))
    cw = max(len(x) for x in [*heads, *(c for _, cs in rows for c in cs)]) + 2
    print(" " * width + "".join(f"{h:>{cw}s}" for h in heads))
    for o, cells in rows:
        print(f"{terminal_label(o, lang):{width}s}" + "".join(f"{c:>{cw}s}" for c in cells))
    print()


def print_sweep(res, lang: str = "en") -> None:
    from ..analysis.report_text import dutch_numbers

    m = res.manifest
    if not res.has_indices:
        if len(res.points) <= 20:
            print_response(res, lang=lang)
        return
    if len(res.runs) != m["runs"]:
        print(say("indices_incomplete", lang))
        return
    idx = res.sensitivity()
    sobol = m["method"] == "sobol"
    col = "ST" if sobol else "mu_star"
    print("\n" + say("largest_sobol" if sobol else "largest_morris", lang))
    for (scen, o), d in idx.groupby(["scenario", "outcome"], sort=False):
        top = d.sort_values(col, ascending=False).iloc[0]
        print(f"  {scen:12s} {terminal_label(o, lang):45s} {top['parameter']:40s} "
              + dutch_numbers(f"{top[col]:.3g} [{top[col + '_low']:.3g}, "
                              f"{top[col + '_high']:.3g}]", lang))
    print()



def print_response(res, n_outcomes: int = 3, lang: str = "en") -> None:
    """A small sweep's last-year values per point (the first few outcomes)."""
    from ..analysis.report import fmt_pm
    from ..analysis.report_text import dutch_numbers

    outcomes = res.outcomes[:n_outcomes]
    params = [p["key"] for p in res.manifest["parameters"]]
    resp = res.response(outcomes).set_index(["label", "point", "outcome"])
    keys = resp.reset_index()[["label", "point", *params]].drop_duplicates(["label", "point"])
    n = len(res.manifest["seeds"])
    print("\n" + say("values", lang, n=n))
    heads = [terminal_label(o, lang).split(" (")[0] for o in outcomes]
    pw = [max(len(p), 12) for p in params]
    lw = max(len("scenario"), *(len(x) for x in keys["label"]))
    print(f"{'scenario':{lw}s}  " + "  ".join(f"{p:>{w}s}" for p, w in zip(params, pw))
          + "".join(f"{h:>24s}" for h in heads))
    for _, k in keys.iterrows():
        vals = [say("reference", lang) if k["point"] < 0 else
                dutch_numbers(f"{k[p]:g}", lang) if isinstance(k[p], float)
                else str(k[p]) for p in params]
        cells = [dutch_numbers(fmt_pm(o, *resp.loc[(k["label"], k["point"], o),
                                                   ["mean", "low", "high"]]), lang)
                 for o in outcomes]
        print(f"{k['label']:{lw}s}  " + "  ".join(f"{v:>{w}s}" for v, w in zip(vals, pw))
              + "".join(f"{c:>28s}" for c in cells))
    print()
