"""Experiment files: what to run, validated like scenario files.

An experiment names base scenario(s), the scenario keys to vary and how (a design), the
replicate seeds, the outcomes to keep and where results go. Every problem in a file becomes
one :class:`~wijksim.scenario.Problem` (file, key, value, what is allowed); all of them are
raised together in a :class:`~wijksim.scenario.ScenarioError`, so ``wijksim validate`` and
``wijksim sweep`` report each on its own line and exit with code 2.

    [experiment]
    name = "contract_length"
    scenarios = ["tender_3y"]          # shipped names or paths relative to this file
    reference = ["subsidy"]            # run once per seed, without the design (optional)
    seeds = 5                          # seeds 1..5, the same at every point (or a list)
    years = 10                         # optional: run.years for every run
    residents = 15000                  # optional: wijk.residents for every run
    outcomes = ["cohesion", ...]       # optional: outcome columns to keep (default: all)
    out = "results/contract_length"    # optional: output folder

    [set]                              # optional: fixed scenario keys, like a scenario file
    run.burn_in_weeks = 52

    [design]
    method = "grid"                    # none | grid | lhs | sobol | morris
    samples = 64                       # N for lhs, sobol (power of 2), morris (trajectories)

    [parameters]
    funding.tender.contract_years = { values = [1, 2, 3] }    # or = [1, 2, 3]
    funding.tender.staff_moves = { low = 0.1, high = 0.9 }    # grid: add steps = 5

    [analysis]                         # optional
    outcomes = ["cohesion", "hidden_need_share"]   # summarised in the report
    contrast = ["subsidy", "tender_3y"]            # also analyse this paired difference
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..model.outcome_names import OUTCOMES
from ..scenario import KEYS, Problem, Scenario, ScenarioError, load_scenario
from ..scenario.loader import (MAX_NAME, coerce, command_line_overrides, did_you_mean,
                               flatten_doc, resolve_scenario_path, unknown_name)
from ..scenario.schema import Key
from ..scenario.tomlfile import read_toml
from .design import design_points, point_overrides

METHODS = ("none", "grid", "lhs", "sobol", "morris")
TABLES = ("experiment", "set", "design", "parameters", "analysis", "discovery")
PARAM_FIELDS = ("values", "low", "high", "steps")
MAX_SEEDS = 10_000
MAX_SEED = 2**63 - 1  # the runs table stores each seed in a 64-bit integer column
MAX_POINTS = 1_000_000
# The outcomes a comparison shows by default (issue 4; loneliness added by issue 15): the
# main outcomes of the materiality table.
MAIN_OUTCOMES = ("cohesion", "vraagverlegenheid", "hidden_need_share", "escalations", "trust",
                 "wijkkennis", "lonely_share", "initiatives")

_R = KEYS["wijk.residents"]
_Y = KEYS["run.years"]
# Scalar keys checked with the scenario loader's own coerce(); list-valued keys are checked
# by hand below.
SCALAR_KEYS: dict[str, Key] = {k.name: k for k in (
    Key("experiment.name", "", "Name of the experiment."),
    Key("experiment.description", "", "One line on what it asks."),
    Key("experiment.years", 10, "Years per run (run.years).", _Y.lo, _Y.hi, "years"),
    Key("experiment.residents", 15000, "Residents per run.", _R.lo, _R.hi, "residents"),
    Key("experiment.out", "", "Output folder."),
    Key("design.method", "grid", "Design.", choices=METHODS),
    Key("design.samples", 64, "Base sample size N.", 1, MAX_POINTS),
    Key("design.seed", 1, "Seed of the design's sampler.", 0, 2**32 - 1),
    Key("design.second_order", False, "Sobol: also second-order indices."),
    Key("design.levels", 4, "Morris: grid levels (even).", 2, 100),
)}
LIST_KEYS = {"experiment": ("scenarios", "reference", "seeds", "outcomes"),
             "analysis": ("outcomes", "contrast")}


@dataclass(frozen=True)
class Parameter:
    """A scenario key to vary: explicit ``values``, or a range ``low``..``high``
    (sampled, or ``steps`` evenly spaced levels on a grid)."""

    key: str
    values: tuple[Any, ...] | None = None
    low: float | None = None
    high: float | None = None
    steps: int | None = None

    @property
    def type(self) -> type:
        return KEYS[self.key].type

    def levels(self) -> list[Any]:
        """Grid levels."""
        if self.values is not None:
            return list(self.values)
        import numpy as np

        pts = np.linspace(self.low, self.high, self.steps)
        if self.type is int:
            return sorted({int(round(x)) for x in pts})
        return [float(x) for x in pts]

    def bounds(self) -> list[float]:
        """Range for the samplers (SALib 'bounds')."""
        if self.low is not None:
            return [float(self.low), float(self.high)]
        return [float(min(self.values)), float(max(self.values))]


@dataclass(frozen=True)
class Experiment:
    """A validated experiment: everything needed to list its runs."""

    name: str
    scenarios: tuple[Scenario, ...]  # base scenarios, [set]/years/residents applied
    seeds: tuple[int, ...]
    parameters: tuple[Parameter, ...] = ()
    method: str = "none"
    samples: int = 64
    design_seed: int = 1
    second_order: bool = False
    levels: int = 4
    reference: tuple[Scenario, ...] = ()
    outcomes: tuple[str, ...] = tuple(OUTCOMES)
    analysis_outcomes: tuple[str, ...] = MAIN_OUTCOMES
    contrast: tuple[str, str] | None = None
    out: Path | None = None
    description: str = ""
    path: Path | None = None
    fixed: dict[str, Any] = field(default_factory=dict)  # [set] + years/residents overrides
    discovery: dict[str, Any] | None = None  # [discovery]: condition and policies (discovery.py)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.scenarios)

    @property
    def reference_labels(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.reference)

    @property
    def is_comparison(self) -> bool:
        return self.method == "none"


# -------------------------------------------------------------------------------------------
def load_experiment(path: str | Path, *, seeds: int | Sequence[int] | None = None,
                    years: int | None = None, residents: int | None = None,
                    overrides: Mapping[str, Any] | None = None,
                    out: str | Path | None = None, samples: int | None = None
                    ) -> Experiment:
    """Read and validate an experiment file; keyword arguments override the file (the CLI's
    ``--seeds``, ``--years``, ``--residents``, ``--set``, ``--out``, ``--samples``).

    Raises :class:`ScenarioError` with one :class:`Problem` per problem found.
    """
    path = _resolve_experiment_path(path)
    origin = str(path)
    doc = read_toml(path)
    problems: list[Problem] = []
    for name, val in doc.items():
        if name not in TABLES:
            problems.append(unknown_name(origin, name, TABLES, what="table"))
        elif not isinstance(val, dict):
            problems.append(Problem(origin, name, val, f"a table [{name}]"))
    if not isinstance(doc.get("experiment"), dict):
        if "experiment" not in doc and not problems:
            problems.append(Problem(origin, "experiment", None, "",
                                    "missing [experiment] table with at least "
                                    "scenarios = [...]", show_value=False))
        raise ScenarioError(problems)  # nothing more can be checked without it
    tables = {t: doc.get(t) if isinstance(doc.get(t), dict) else {} for t in TABLES}
    vals = _scalars(tables, origin, problems)

    exp_t = tables["experiment"]
    scen_names = _str_list(exp_t, "experiment", "scenarios", origin, problems, required=True)
    ref_names = _str_list(exp_t, "experiment", "reference", origin, problems)
    seed_list = _seeds(exp_t.get("seeds", 1), origin, problems) if seeds is None else \
        _seeds(seeds, "--seeds", problems)
    outcomes = _outcome_list(exp_t, "experiment", origin, problems) or tuple(OUTCOMES)
    ana_outcomes = _outcome_list(tables["analysis"], "analysis", origin, problems)
    for o in ana_outcomes:  # the analysis can only use what the runs record
        if o not in outcomes:
            problems.append(Problem(origin, "analysis.outcomes", o, "", (
                f"'{o}' is analysed but not recorded: add it to experiment.outcomes, or "
                f"analyse only recorded outcomes ({', '.join(outcomes)})"), show_value=False))
    name = vals.get("experiment.name")
    if name is not None and not 0 < len(name.strip()) <= MAX_NAME:
        problems.append(Problem(origin, "experiment.name", None, "", (
            f"experiment.name has {len(name)} characters; expected 1 to {MAX_NAME}"),
            show_value=False))

    fixed, set_problems = flatten_doc(tables["set"], f"{origin} [set]")
    problems += set_problems
    if vals.get("experiment.years") is not None:
        fixed["run.years"] = vals["experiment.years"]
    if vals.get("experiment.residents") is not None:
        fixed["wijk.residents"] = vals["experiment.residents"]
    cli = command_line_overrides(overrides, years, residents)

    if samples is not None:
        ok, v = coerce(SCALAR_KEYS["design.samples"], samples)
        if ok:
            vals["design.samples"] = v
        else:
            problems.append(Problem("", "--samples", samples,
                                    SCALAR_KEYS["design.samples"].allowed()))
    params = _parameters(tables["parameters"], origin, problems)
    method = vals.get("design.method") or ("grid" if params else "none")
    if "method" not in tables["design"] or "design.method" in vals:  # else: already reported
        _check_design(method, params, vals, tables["design"], origin, problems)
    for p in params:
        if p.key in fixed:
            problems.append(Problem(origin, f"parameters.{p.key}", None, "",
                                    f"'{p.key}' is both varied in [parameters] and fixed in "
                                    "[set] or by experiment.years/residents; keep one",
                                    show_value=False))
        elif p.key in cli:  # the command line would silently lose to the design
            option = {"run.years": "--years", "wijk.residents": "--residents"}.get(p.key)
            shown = option if option and option_given(p.key, years, residents) else \
                f"--set {p.key}"
            problems.append(Problem(shown.split()[0], "", "", "", (
                f"{shown} fixes '{p.key}', which this experiment varies in [parameters]; "
                "leave it out, or remove the parameter from the file"), show_value=False))
    bases = _scenarios(scen_names, path, fixed, cli, origin, problems)
    refs = _scenarios(ref_names, path, fixed, cli, origin, problems, key="reference")
    if ref_names and method == "none":
        problems.append(Problem(origin, "experiment.reference", ref_names, "",
                                "reference scenarios go with a design over [parameters]; "
                                "without one, list them under scenarios", show_value=False))
    labels = [s.name for s in (*bases, *refs)]
    for dup in sorted({x for x in labels if labels.count(x) > 1}):
        problems.append(Problem(origin, "experiment.scenarios", dup, "",
                                f"scenario '{dup}' is listed twice (names come from "
                                "[meta] name or the file name)", show_value=False))
    contrast = _contrast(tables["analysis"], [s.name for s in bases], origin, problems)
    discovery = None
    if "discovery" in doc and isinstance(doc["discovery"], dict):
        from ..analysis.discovery import check_discovery

        discovery = check_discovery(doc["discovery"], [s.name for s in bases], outcomes,
                                    method, origin, problems)
    if problems:
        raise ScenarioError(problems)

    exp = Experiment(
        name=vals.get("experiment.name") or path.stem, scenarios=tuple(bases),
        seeds=seed_list, parameters=tuple(params), method=method,
        samples=vals.get("design.samples") or 64, design_seed=_get(vals, "design.seed", 1),
        second_order=bool(vals.get("design.second_order")),
        levels=vals.get("design.levels") or 4, reference=tuple(refs), outcomes=outcomes,
        analysis_outcomes=_analysis_default(ana_outcomes, outcomes), contrast=contrast,
        description=vals.get("experiment.description") or "", path=path,
        fixed={**fixed, **cli}, discovery=discovery)
    if out is not None or vals.get("experiment.out"):
        exp = replace(exp, out=Path(out if out is not None else vals["experiment.out"]))
    _check_points(exp, origin)
    return exp


def comparison(scenarios: Sequence[str | Path | Scenario], seeds: int | Sequence[int] = 8, *,
               years: int | None = None, residents: int | None = None,
               overrides: Mapping[str, Any] | None = None,
               outcomes: Iterable[str] | None = None, out: str | Path | None = None,
               name: str | None = None) -> Experiment:
    """The experiment behind ``wijksim compare``: scenarios side by side, common seeds."""
    problems: list[Problem] = []
    flat = command_line_overrides(overrides, years, residents)
    seed_list = _seeds(seeds, "--seeds", problems)
    if not scenarios:
        problems.append(Problem("compare", "scenarios", None, "",
                                "name at least one scenario", show_value=False))
    bases: list[Scenario] = []
    for s in scenarios:
        try:
            bases.append(load_scenario(s, overrides=flat))
        except ScenarioError as exc:
            problems += [p for p in exc.problems if p not in problems]
    names = [b.name for b in bases]
    for dup in sorted({x for x in names if names.count(x) > 1}):
        problems.append(Problem("compare", "scenarios", dup, "",
                                f"scenario '{dup}' is named twice; give each file its own "
                                "[meta] name", show_value=False))
    keep = tuple(outcomes) if outcomes is not None else tuple(OUTCOMES)
    for o in keep:
        if o not in OUTCOMES:
            problems.append(unknown_name("compare", o, OUTCOMES, what="outcome"))
    if problems:
        raise ScenarioError(problems)
    return Experiment(name=name or "compare-" + "-".join(names), scenarios=tuple(bases),
                      seeds=seed_list, outcomes=keep,
                      analysis_outcomes=_analysis_default((), keep),
                      out=Path(out) if out is not None else None, fixed=flat)


# -- pieces ---------------------------------------------------------------------------------
def _resolve_experiment_path(path: str | Path) -> Path:
    from .. import paths

    cand = Path(path)
    if cand.is_dir():
        read_toml(cand)  # says it is a folder
    tries = [cand]
    if cand.suffix != ".toml":
        tries += [Path(f"{cand}.toml"), paths.experiments_dir() / f"{cand.name}.toml"]
    for t in tries:
        if t.is_file():
            return Path(os.path.realpath(t))
        if os.path.lexists(t):
            read_toml(t)  # a device, a pipe, a link loop...: says which, reads nothing
    shipped = ", ".join(shipped_experiments()) or "none"
    raise ScenarioError([Problem(str(path), "", "", "",
                                 f"no such experiment file (shipped: {shipped})",
                                 show_value=False)])


def shipped_experiments() -> list[str]:
    from .. import paths

    d = paths.experiments_dir()
    return sorted(p.stem for p in d.glob("*.toml")) if d.is_dir() else []


def _get(vals: Mapping[str, Any], key: str, default: Any) -> Any:
    v = vals.get(key)
    return default if v is None else v


def _scalars(tables: Mapping[str, dict], origin: str, problems: list[Problem]) -> dict:
    vals: dict[str, Any] = {}
    for table in ("experiment", "design", "analysis"):
        known = [k for k in SCALAR_KEYS if k.startswith(table + ".")]
        known += [f"{table}.{k}" for k in LIST_KEYS.get(table, ())]
        for k, raw in tables[table].items():
            name = f"{table}.{k}"
            if name not in known:
                problems.append(unknown_name(origin, name, known))
            elif name in SCALAR_KEYS:
                ok, v = coerce(SCALAR_KEYS[name], raw)
                if ok:
                    vals[name] = v
                else:
                    problems.append(Problem(origin, name, raw, SCALAR_KEYS[name].allowed()))
    return vals


def _str_list(table: Mapping, prefix: str, key: str, origin: str, problems: list[Problem],
              required: bool = False) -> list[str]:
    name = f"{prefix}.{key}"
    if key not in table:
        if required:
            problems.append(Problem(origin, name, None, "", f"missing {name} = [\"tender_3y\", "
                                    "...] (the base scenario or scenarios)", show_value=False))
        return []
    raw = table[key]
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw) or \
            (required and not raw):
        problems.append(Problem(origin, name, raw, "a list of scenario names or paths, "
                                'e.g. ["tender_3y", "subsidy"]'))
        return []
    return raw


def _seeds(raw: Any, origin: str, problems: list[Problem]) -> tuple[int, ...]:
    key = "experiment.seeds" if origin != "--seeds" else "--seeds"
    allowed = (f"a number of seeds from 1 to {MAX_SEEDS} (seeds 1..N) or a list of distinct "
               f"whole numbers from 0 to {MAX_SEED}")
    if isinstance(raw, bool):
        problems.append(Problem(origin if origin != "--seeds" else "", key, raw, allowed))
        return ()
    if isinstance(raw, int):
        if 1 <= raw <= MAX_SEEDS:
            return tuple(range(1, raw + 1))
    elif isinstance(raw, (list, tuple)) and raw and all(
            isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= MAX_SEED
            for x in raw) \
            and len(set(raw)) == len(raw) and len(raw) <= MAX_SEEDS:
        return tuple(int(x) for x in raw)
    problems.append(Problem(origin if origin != "--seeds" else "", key, raw, allowed))
    return ()


def _outcome_list(table: Mapping, prefix: str, origin: str, problems: list[Problem]
                  ) -> tuple[str, ...]:
    if "outcomes" not in table:
        return ()
    raw = table["outcomes"]
    name = f"{prefix}.outcomes"
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
        problems.append(Problem(origin, name, raw, 'a list of outcome names, e.g. '
                                '["cohesion", "hidden_need_share"] (see wijksim.OUTCOMES)'))
        return ()
    bad = [o for o in raw if o not in OUTCOMES]
    for o in bad:
        problems.append(Problem(origin, name, o, "an outcome name (see wijksim.OUTCOMES)",
                                f"unknown outcome '{o}'" + did_you_mean(o, OUTCOMES)))
    return () if bad else tuple(dict.fromkeys(raw))


def _analysis_default(chosen: tuple[str, ...], kept: tuple[str, ...]) -> tuple[str, ...]:
    if chosen:
        return chosen
    main = tuple(o for o in MAIN_OUTCOMES if o in kept)
    return main or kept[:7]


def _parameters(table: Mapping, origin: str, problems: list[Problem]) -> list[Parameter]:
    params: list[Parameter] = []

    def walk(node: Mapping, prefix: str) -> None:
        for k, v in node.items():
            name = f"{prefix}{k}"
            leaf = name in KEYS or not isinstance(v, dict) or \
                any(f in v for f in PARAM_FIELDS)
            if leaf:
                p = _parameter(name, v, origin, problems)
                if p is not None:
                    params.append(p)
            else:
                walk(v, name + ".")

    walk(table, "")
    return params


def _parameter(name: str, spec: Any, origin: str, problems: list[Problem]) -> Parameter | None:
    where = f"parameters.{name}"
    key = KEYS.get(name)
    if key is None:
        problems.append(Problem(origin, where, None, "a scenario key",
                                f"unknown scenario key '{name}'" + did_you_mean(name, KEYS),
                                show_value=False))
        return None
    if key.type is list:
        problems.append(Problem(origin, where, None, "", f"'{name}' holds a list; only keys "
                                "with one number, true/false or text can be varied",
                                show_value=False))
        return None
    if isinstance(spec, list):
        spec = {"values": spec}
    if not isinstance(spec, dict):
        problems.append(Problem(origin, where, spec, "a list of values, { values = [...] } or "
                                "{ low = ..., high = ... } (fixed values go in [set])"))
        return None
    bad_fields = [f for f in spec if f not in PARAM_FIELDS]
    for f in bad_fields:
        problems.append(unknown_name(origin, f"{where}.{f}", [f"{where}.{x}" for x in PARAM_FIELDS],
                                 what="field"))
    if bad_fields:
        return None
    n0 = len(problems)
    values = None
    if "values" in spec:
        raw = spec["values"]
        if not isinstance(raw, list) or not raw:
            problems.append(Problem(origin, f"{where}.values", raw,
                                    f"a non-empty list, each {key.allowed()}"))
        else:
            values = []
            for x in raw:
                ok, v = coerce(key, x)
                if ok:
                    values.append(v)
                else:
                    problems.append(Problem(origin, f"{where}.values", x, key.allowed()))
            if len(set(map(repr, values))) != len(values):
                problems.append(Problem(origin, f"{where}.values", raw, "distinct values"))
        if any(f in spec for f in ("low", "high", "steps")):
            problems.append(Problem(origin, where, None, "", "give either values = [...] or "
                                    "low/high, not both", show_value=False))
    bounds = {}
    for f in ("low", "high"):
        if f in spec:
            if key.type not in (int, float):
                problems.append(Problem(origin, f"{where}.{f}", spec[f], "", f"'{name}' is "
                                        f"{key.allowed()}: list its values = [...] instead",
                                        show_value=False))
                continue
            ok, v = coerce(key, spec[f])
            if ok:
                bounds[f] = v
            else:
                problems.append(Problem(origin, f"{where}.{f}", spec[f], key.allowed()))
    if ("low" in spec) != ("high" in spec) and "values" not in spec:
        miss = "high" if "low" in spec else "low"
        problems.append(Problem(origin, f"{where}.{miss}", None, "",
                                f"missing {where}.{miss} (a range needs low and high)",
                                show_value=False))
    if "low" in bounds and "high" in bounds and not bounds["low"] < bounds["high"]:
        problems.append(Problem(origin, f"{where}.high", bounds["high"],
                                f"more than low ({bounds['low']})"))
    steps = spec.get("steps")
    if steps is not None and (isinstance(steps, bool) or not isinstance(steps, int)
                              or not 2 <= steps <= 1000):
        problems.append(Problem(origin, f"{where}.steps", steps, "a whole number from 2 to 1000"))
    if "values" not in spec and "low" not in spec and "high" not in spec:
        problems.append(Problem(origin, where, None, "", "give values = [...] or "
                                "low = ... and high = ...", show_value=False))
    if len(problems) > n0:
        return None
    return Parameter(name, tuple(values) if values is not None else None,
                     bounds.get("low"), bounds.get("high"), steps)


def _check_design(method: str, params: list[Parameter], vals: Mapping, design: Mapping,
                  origin: str, problems: list[Problem]) -> None:
    if method == "none":
        if params:
            problems.append(Problem(origin, "design.method", method, "grid, lhs, sobol or "
                                    "morris", "there are [parameters] to vary"))
        return
    if not params and not any(p.file == origin and p.key.startswith("parameters")
                              for p in problems):
        problems.append(Problem(origin, "parameters", None, "", f"design.method = "
                                f"'{method}' needs at least one key in [parameters]",
                                show_value=False))
    for p in params:
        where = f"parameters.{p.key}"
        if method == "grid" and p.values is None and p.steps is None:
            problems.append(Problem(origin, where, None, "", "a grid needs values = [...] or "
                                    "low, high and steps", show_value=False))
        if method != "grid":
            if p.type not in (int, float):
                problems.append(Problem(origin, where, None, "", f"'{p.key}' is not a number: "
                                        f"method '{method}' samples number ranges; use "
                                        "method = \"grid\"", show_value=False))
            elif p.steps is not None:
                problems.append(Problem(origin, f"{where}.steps", p.steps, "",
                                        f"steps is for grids; method '{method}' samples the "
                                        "range", show_value=False))
    n = vals.get("design.samples")
    if method == "sobol" and n is not None and n & (n - 1):
        problems.append(Problem(origin, "design.samples", n, "a power of 2 for Sobol "
                                "(e.g. 64, 128, 256)"))
    if method in ("grid", "none") and "samples" in design:
        problems.append(Problem(origin, "design.samples", design["samples"], "",
                                "samples is for lhs, sobol and morris; a grid runs every "
                                "combination", show_value=False))
    if method == "morris" and vals.get("design.levels", 4) % 2:
        problems.append(Problem(origin, "design.levels", vals["design.levels"],
                                "an even whole number (Morris)"))
    if "second_order" in design and method != "sobol":
        problems.append(Problem(origin, "design.second_order", design["second_order"], "",
                                "second_order is for method = \"sobol\"", show_value=False))
    if method == "grid" and params and all(p.values is not None or p.steps for p in params):
        size = math.prod(len(p.levels()) for p in params)
        if size > MAX_POINTS:
            problems.append(Problem(origin, "parameters", size, "", f"the grid has {size} "
                                    f"points (at most {MAX_POINTS})", show_value=False))


def _scenarios(names: list[str], path: Path, fixed: Mapping, cli: Mapping, origin: str,
               problems: list[Problem], key: str = "scenarios") -> list[Scenario]:
    out = []
    for name in names:
        try:
            src = resolve_scenario_path(name, relative_to=path)
        except ScenarioError:
            from ..scenario import shipped_scenarios

            problems.append(Problem(origin, f"experiment.{key}", name, "a shipped scenario ("
                                    + ", ".join(shipped_scenarios()) + ") or a path to a "
                                    "scenario file", "no such scenario"
                                    + did_you_mean(name, shipped_scenarios())))
            continue
        try:
            scen = load_scenario(src)
        except ScenarioError as exc:  # the scenario file is at fault: name both files
            problems += [replace(p, file=f"{origin}, scenario {p.file}") for p in exc.problems]
            continue
        try:
            scen = scen.with_overrides(fixed, origin=f"{origin} [set]")
            scen = scen.with_overrides(cli, origin="--set")
        except ScenarioError as exc:
            problems += [p for p in exc.problems if p not in problems]
            continue
        out.append(scen)
    return out


def _contrast(table: Mapping, labels: list[str], origin: str, problems: list[Problem]
              ) -> tuple[str, str] | None:
    raw = table.get("contrast")
    if raw is None:
        return None
    if (not isinstance(raw, list) or len(raw) != 2 or raw[0] == raw[1]
            or not all(isinstance(x, str) and x in labels for x in raw)):
        problems.append(Problem(origin, "analysis.contrast", raw, "two different names from "
                                "experiment.scenarios, e.g. [\"subsidy\", \"tender_3y\"] "
                                f"(known: {', '.join(labels) or 'none'})"))
        return None
    return raw[0], raw[1]


def option_given(key: str, years: int | None, residents: int | None) -> bool:
    return (key == "run.years" and years is not None) or (
        key == "wijk.residents" and residents is not None)


def _check_points(exp: Experiment, origin: str) -> None:
    """Every design point must make a valid scenario (say, no contradiction between a varied
    key and a fixed one). The same problem at many points is reported once."""
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    points = point_overrides(design_points(exp))
    for scen in exp.scenarios:
        for row in points:
            try:
                scen.with_overrides(row, origin=f"{origin} [parameters]")
            except ScenarioError as exc:
                for p in exc.problems:
                    if (p.key, p.allowed) not in seen:
                        seen.add((p.key, p.allowed))
                        problems.append(p)
    if problems:
        raise ScenarioError(problems)
