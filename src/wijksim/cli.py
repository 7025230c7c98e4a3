"""The ``wijksim`` command line.

Verbs: run, validate, scenarios, new (here); compare and sweep (wijksim.experiments.cli);
app (wijksim.app.cli). Bad input — a wrong scenario or experiment file, an unknown key in
``--set`` — gets one line per problem on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tomllib
from pathlib import Path
from typing import Any, Sequence

from ._version import __version__
from .scenario import KEYS, SECTIONS, ScenarioError, load_scenario, shipped_scenarios
from .scenario.errors import Problem

PLUGINS = ("wijksim.experiments.cli", "wijksim.app.cli", "wijksim.workshop.cli")
EXIT_BAD_INPUT = 2
MAX_SEED = 2**63 - 1  # results store the seed in a 64-bit integer column


class UsageError(ScenarioError):
    """Bad command-line input, reported like a scenario problem."""


def parse_assignment(text: str) -> tuple[str, Any]:
    """``key=value`` with a TOML value (bare words are read as text)."""
    if "=" not in text:
        raise UsageError([Problem("--set", text, text, "key=value, e.g. "
                                  "funding.tender.contract_years=9", "missing '='",
                                  show_value=False)])
    key, raw = text.split("=", 1)
    key, raw = key.strip(), raw.strip()
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return key, value


def overrides_from(args: argparse.Namespace) -> dict[str, Any]:
    return dict(parse_assignment(s) for s in (getattr(args, "set", None) or []))


def seed_number(text: str) -> int:
    """A seed: a whole number from 0 to 2**63 - 1 (it is stored in a 64-bit column)."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if not 0 <= n <= MAX_SEED:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 0 to {MAX_SEED}, got {text!r}")
    return n


def add_run_options(p: argparse.ArgumentParser, seeds: bool = False,
                    default_seeds: int = 8) -> None:
    """Options shared by run, compare, sweep and decompose."""
    if seeds:
        p.add_argument("--seeds", type=int, default=None,
                       help=f"replicate seeds, the same for every scenario (default "
                            f"{default_seeds})")
    else:
        p.add_argument("--seed", type=seed_number, default=1,
                       help="random seed, 0 or more (default 1)")
    p.add_argument("--years", type=int, help="years to simulate (default: the scenario's)")
    p.add_argument("--residents", type=int, help="residents (default: the scenario's)")
    p.add_argument("--set", action="append", metavar="KEY=VALUE",
                   help="change a scenario key, e.g. --set funding.tender.contract_years=9 "
                        "(repeatable)")


# -- verbs ----------------------------------------------------------------------------------
def cmd_run(args: argparse.Namespace) -> int:
    from .paths import safe_name
    from .run import (check_checkpoint_path, check_out_folder, check_output_folder,
                      free_out_folder, resolve_run, run_scenario)

    scen, _ = resolve_run(args.scenario, args.years, args.residents, overrides_from(args))
    if args.out:  # checked before the run, so a refusal costs nothing
        out = Path(args.out)
        check_out_folder(out, scen, args.seed, overwrite=args.overwrite)
    else:  # the default folder: never over another run's results, pick the next free name
        out = free_out_folder(Path(f"results/run-{safe_name(scen.name)}-seed{args.seed}"),
                              scen, args.seed)
    if args.checkpoint:
        check_checkpoint_path(Path(args.checkpoint))
    check_output_folder(out, "--out")  # last: it makes the folder
    result = run_scenario(args.scenario, seed=args.seed, years=args.years,
                          residents=args.residents, overrides=overrides_from(args),
                          progress=not args.quiet, keep_model=bool(args.checkpoint))
    return _write_results(result, out, args)


def _write_results(result, out: Path, args: argparse.Namespace) -> int:
    """Results, pictures and summary of a run (and its checkpoint, when asked) in ``out``."""
    from .run import write_run

    paths = write_run(result, out, plots=not args.no_plots, lang=args.lang)
    if args.checkpoint:
        paths["checkpoint"] = result.model.save(args.checkpoint)
    if not args.quiet:
        print(paths["summary"].read_text(), end="")
        print(("Resultaten in" if args.lang == "nl" else "Results in") + f" {out}/: "
              + ", ".join(p.name for p in paths.values()))
    return 0


def cmd_continue(args: argparse.Namespace) -> int:
    from .model import snapshot
    from .paths import safe_name
    from .run import check_checkpoint_path, check_output_folder, continue_run

    if args.years is not None and not 1 <= args.years <= 200:
        raise ScenarioError([Problem("--years", "--years", args.years,
                                     "a whole number from 1 to 200")])
    head = snapshot.read_header(args.snapshot)  # a bad file is refused before anything runs
    out = Path(args.out or f"results/continued-{safe_name(str(head['scenario']))}-seed"
                           f"{int(head['seed'])}")  # a name from a file: never a path
    if out.exists() and not out.is_dir():
        raise ScenarioError([Problem(str(out), "", "", "", "--out is a file, not a folder",
                                     show_value=False)])
    if out.is_dir() and any(out.iterdir()) and not args.overwrite:
        raise ScenarioError([Problem(str(out), "", "", "", "--out is not empty; choose a new "
                                     "folder or add --overwrite", show_value=False)])
    if args.checkpoint:
        check_checkpoint_path(Path(args.checkpoint))
    check_output_folder(out, "--out")  # last: it makes the folder
    result = continue_run(args.snapshot, years=args.years, progress=not args.quiet)
    return _write_results(result, out, args)


def cmd_validate(args: argparse.Namespace) -> int:
    problems: list[Problem] = []
    for f in args.files:
        try:
            kind, name, extra = _validate_one(Path(f))
            print(f"ok: {f} ({kind} '{name}'{extra})")
        except ScenarioError as exc:
            problems += exc.problems
    if problems:
        raise ScenarioError(problems)
    return 0


def _validate_one(path: Path) -> tuple[str, str, str]:
    if _looks_like_experiment(path):
        from .experiments.spec import load_experiment

        exp = load_experiment(path)
        return "experiment", exp.name, ""
    scen = load_scenario(path)
    return "scenario", scen.name, f", hash {scen.hash}"


def _looks_like_experiment(path: Path) -> bool:
    """An [experiment] or [design] table - or a misspelling of one - makes an experiment."""
    import difflib

    from .scenario.tomlfile import read_toml

    import os

    in_experiments = "experiments" in Path(os.path.abspath(path)).parts
    try:
        doc = read_toml(path)
    except ScenarioError:  # the loader that is chosen reports it
        return in_experiments
    if not doc:
        return in_experiments
    for table in doc:
        if difflib.get_close_matches(table, ["experiment", "design", "parameters"], n=1,
                                     cutoff=0.8):
            return True
    return False


def cmd_scenarios(args: argparse.Namespace) -> int:
    names = shipped_scenarios()
    width = max(map(len, names), default=10)
    for name in names:
        s = load_scenario(name)
        print(f"{name:{width}s}  {s.description}")
    print(f"\n{len(names)} scenarios. Copy one to edit it: wijksim new my_wijk --from tender_3y")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .run import check_output_folder
    from .scenario.loader import MAX_NAME

    name = args.name[:-5] if args.name.endswith(".toml") else args.name
    if not name.strip() or name != Path(name).name or name.startswith(".") \
            or len(name) > MAX_NAME or "\\" in name or not name.isprintable():
        raise UsageError([Problem("new", "", "", "", (
            f"{args.name!r} is not a name for a new scenario: expected a name of 1 to "
            f"{MAX_NAME} characters, not starting with a dot, without / or \\ (choose its "
            "folder with --dir)"), show_value=False)])
    base = load_scenario(args.base)
    target = Path(args.dir) / (name + ".toml")
    if target.exists() and not args.force:
        raise UsageError([Problem(str(target), "", "", "a new file name",
                                  "already exists (use --force to overwrite)")])
    check_output_folder(Path(args.dir), "--dir")
    if args.base in shipped_scenarios():
        extends = args.base
    else:
        extends = str(Path(base.path).resolve())
    target.write_text(scenario_template(target.stem, extends, base))
    load_scenario(target)  # what we wrote must itself be valid
    print(f"Wrote {target} (extends '{extends}'). Uncomment a key to change it, then:\n"
          f"  wijksim validate {target}\n  wijksim run {target}\n"
          f"  wijksim compare {args.base} {target}")
    return 0


MAIN_LEVERS = (
    "funding.regime", "funding.tender.contract_years", "funding.tender.p_incumbent_loses",
    "funding.tender.staff_moves", "funding.tender.overhead_share",
    "funding.subsidy.resident_org_share", "professionals.opbouwwerker_share",
    "netwerkberaad.enabled", "municipality.buurttop_every_years",
    "funding.budget_per_resident", "wijk.residents", "run.years",
)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        import json

        return json.dumps(v, ensure_ascii=False)  # a valid TOML basic string, quotes escaped
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return repr(v)


def scenario_template(name: str, extends: str, base) -> str:
    """A new scenario that extends ``base``: every key listed, commented out, with its
    current value and what it means.

    Lines starting with one ``#`` are keys: remove the ``#`` and the file is still valid
    TOML and a valid scenario. Lines of text start with ``##``, so removing one ``#`` leaves
    a comment (tests/model/test_new_template.py uncomments every line in turn)."""
    lines = [f"## Scenario '{name}', made with: wijksim new {name} --from {base.name}",
             "## It inherits everything from the scenario named in 'extends'. To change a key,",
             "## remove the '#' in front of it in its [section] below and edit the value.",
             f"## Check with: wijksim validate {name}.toml",
             "## Keys, ranges and sources: docs/scenario-keys.md", "",
             f"extends = {_toml_value(extends)}", "", "[meta]", f"name = {_toml_value(name)}",
             f"description = {_toml_value(base.description + ' (edited copy)')}", "",
             "## --- The main policy levers (change each one in its [section] below) ---"]
    for key in MAIN_LEVERS:
        section, leaf = key.rsplit(".", 1)
        lines.append(f"##   [{section}] {leaf} = {_toml_value(base[key])}  -  {KEYS[key].doc}")
    lines += ["", "## --- Every key, by section -------------------------------------------"]
    for sec in SECTIONS:
        lines += ["", f"[{sec.name}]  # {sec.title}"]
        for k in sec.keys:
            leaf = k.name[len(sec.name) + 1:]
            lines.append(f"# {leaf} = {_toml_value(base[k.name])}    # {k.allowed()}")
    return "\n".join(lines) + "\n"


# -- the parser -----------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wijksim",
        description="Simulate a Dutch wijk under tendering (aanbesteden) or multi-year "
                    "subsidy (meerjarige subsidiering).")
    parser.add_argument("--version", action="version", version=f"wijksim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("run", help="run one scenario; write results, plots and a summary")
    p.add_argument("scenario", nargs="?", default="tender_3y",
                   help="shipped scenario name or path to a .toml file (default tender_3y)")
    add_run_options(p)
    p.add_argument("--out", help="output folder (default results/run-SCENARIO-seedN)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace another run's results in --out")
    p.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    p.add_argument("--lang", choices=("en", "nl"), default="en",
                   help="language of summary.txt and the PNG plot: en (English) or "
                        "nl (Nederlands)")
    p.add_argument("--quiet", action="store_true", help="print nothing")
    p.add_argument("--checkpoint", metavar="FILE",
                   help="also save the wijk as it is at the end (continue it later with "
                        "wijksim continue FILE)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("continue", help="run on a wijk saved with run --checkpoint")
    p.add_argument("snapshot", metavar="FILE", help="a file written by --checkpoint")
    p.add_argument("--years", type=int, help="years to run on (default: to the saved horizon)")
    p.add_argument("--out", help="output folder (default results/continued-SCENARIO-seedN)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace another run's results in --out")
    p.add_argument("--checkpoint", metavar="FILE", help="save the wijk again at the end")
    p.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    p.add_argument("--lang", choices=("en", "nl"), default="en",
                   help="language of summary.txt and the PNG plot: en (English) or "
                        "nl (Nederlands)")
    p.add_argument("--quiet", action="store_true", help="print nothing")
    p.set_defaults(func=cmd_continue)

    p = sub.add_parser("validate", help="check scenario or experiment files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("scenarios", help="list the shipped scenarios")
    p.set_defaults(func=cmd_scenarios)

    p = sub.add_parser("new", help="copy a scenario to a new file to edit")
    p.add_argument("name", help="name of the new scenario (file NAME.toml)")
    p.add_argument("--from", dest="base", default="tender_3y",
                   help="scenario to start from (default tender_3y)")
    p.add_argument("--dir", default=".", help="folder for the new file (default: here)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=cmd_new)

    for modname in PLUGINS:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("wijksim"):
                continue  # that part of wijksim is not there (yet)
            raise
        mod.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head, less, ...: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def console() -> None:
    """The ``wijksim`` command: :func:`main`, then exit without the interpreter's last
    garbage collection walking every object the command made (a sweep's report leaves
    millions; about half a second), since the process ends here. Tests call :func:`main`."""
    import gc

    code = main()
    sys.stdout.flush()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    console()
