"""Load, merge and validate scenario files.

A scenario file is TOML. Top-level ``extends = "name-or-path"`` inherits from another file;
``[meta]`` holds a name and description; every other table is a schema section
(``[funding.tender]`` and so on). Validation collects *every* problem in a file and reports
each as one line naming the file, the key, the bad value and what is allowed.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from .. import paths
from .errors import Problem, ScenarioError
from .schema import KEYS, SECTION_NAMES, defaults
from .tomlfile import parse_toml, read_toml

# Limits (docs/troubleshooting.md, "Limits"):
MAX_EXTENDS = 10  # shipped chains are 2 files long; 10 is more than anyone can follow, and
#                   keeps the loader far from Python's recursion limit
MAX_NAME = 64  # a [meta] name becomes part of a folder name (results/run-NAME-seedN) and a
#                column label in reports; 64 characters stay readable and far below the
#                255-byte limit of file names, also when a comparison joins several names

META_KEYS = {"name", "description", "sources", "title_nl", "description_nl"}
# keyword shortcuts accepted by WijkModel(...): WijkModel("subsidy", residents=2000)
KEY_ALIASES = {"residents": "wijk.residents", "years": "run.years", "regime": "funding.regime"}


@dataclass(frozen=True)
class Scenario:
    """A fully resolved scenario: every schema key has a validated value."""

    name: str
    values: dict[str, Any]
    description: str = ""
    path: Path | None = None
    chain: tuple[str, ...] = ()  # files merged, base first
    meta: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def hash(self) -> str:
        """Stable short hash of the resolved values (not of comments or names)."""
        return scenario_hash(self.values)

    def with_overrides(self, overrides: Mapping[str, Any], origin: str = "--set") -> Scenario:
        if not overrides:
            return self
        values = dict(self.values)
        problems = _apply_flat(values, dict(overrides), origin)
        problems += _check_contradictions(values, origin)
        if problems:
            raise ScenarioError(problems)
        return Scenario(self.name, values, self.description, self.path, self.chain, self.meta)


def scenario_hash(values: Mapping[str, Any]) -> str:
    canon = json.dumps(values, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canon.encode()).hexdigest()[:16]


# -------------------------------------------------------------------------------------------
def load_scenario(source: str | Path | Scenario | None = None,
                  overrides: Mapping[str, Any] | None = None, *,
                  roots: tuple[Path, ...] | None = None) -> Scenario:
    """Load a scenario by shipped name, by path, or the defaults when ``source`` is None.

    ``overrides`` are dotted keys (``{"funding.tender.contract_years": 9}``), validated like
    the file itself. ``roots`` confines every file read (the app's: shipped scenarios and
    the folder named at start-up), see :func:`confined_path`; a ``Path`` given with
    ``roots`` is taken as already confined by the caller. Raises :class:`ScenarioError`
    listing every problem.
    """
    if isinstance(source, Scenario):
        scen = source
    elif source is None:
        scen = Scenario("defaults", defaults(), "schema defaults")
    else:
        if roots is None:
            path = resolve_scenario_path(source)
        elif isinstance(source, Path):  # a file the caller already confined to ``roots``
            path = source
        else:
            path = confined_path(str(source), roots, None)
        values, chain, meta = _load_file(path, roots=roots)
        scen = _scenario(path, values, chain, meta)
    return scen.with_overrides(overrides or {})


def load_scenario_text(text: str | bytes, label: str, roots: tuple[Path, ...],
                       overrides: Mapping[str, Any] | None = None) -> Scenario:
    """A scenario from text that was uploaded, not read from a file (the app's upload
    field). ``label`` names it in messages; ``extends`` may only name a scenario in
    ``roots``."""
    path = Path(label)
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    doc = parse_toml(raw, path)
    values, chain, meta = _load_file(path, roots=roots, doc=_non_empty(doc, path))
    return _scenario(path, values, chain, meta).with_overrides(overrides or {})


def _scenario(path: Path, values: dict, chain: list[Path], meta: dict) -> Scenario:
    return Scenario(meta.get("name", path.stem), values, meta.get("description", ""),
                    path, tuple(str(p) for p in chain), meta)


def confined_path(name: str, roots: tuple[Path, ...], extended_by: Path | None) -> Path:
    """The file of scenario ``name`` inside one of ``roots``, and nowhere else.

    Only a bare name (``my_wijk`` or ``my_wijk.toml``) is looked up, and only in ``roots``:
    a path (``../x``, ``/etc/x``, ``~/x``) is refused without asking the file system whether
    it exists, and a link in a root that points outside it is not followed."""
    names = sorted({p.stem for r in roots for p in r.glob("*.toml") if _inside(p, r)})
    allowed = f"the name of a scenario this app offers ({', '.join(names)})"
    where = str(extended_by) if extended_by is not None else ""
    key = "extends" if extended_by is not None else ""
    bare = name and Path(name).name == name and not name.startswith((".", "~")) \
        and "\\" not in name and "\x00" not in name
    if bare:
        stem = name[:-5] if name.endswith(".toml") else name
        for root in roots:
            cand = root / f"{stem}.toml"
            if _inside(cand, root) and cand.is_file():
                return Path(os.path.realpath(cand))
    reason = ("no such scenario" + did_you_mean(Path(name).stem, names)) if bare else \
        "only scenarios of this app can be used here, by name, not a path"
    if key:
        raise ScenarioError([Problem(where, key, name, allowed, reason)])
    raise ScenarioError([Problem(name, "", "", "", f"{reason}; expected {allowed}",
                                 show_value=False)])


def _inside(path: Path, root: Path) -> bool:
    """``path``, links followed, lies directly in ``root``."""
    return Path(os.path.realpath(path)).parent == Path(os.path.realpath(root))


def resolve_scenario_path(source: str | Path, relative_to: Path | None = None) -> Path:
    """A path as given, relative to the extending file, or a shipped scenario name."""
    if str(source).strip() == "":
        where = str(relative_to) if relative_to is not None else "scenario"
        raise ScenarioError([Problem(where, "extends" if relative_to else "", "",
                                     "a scenario name or path, e.g. \"tender_3y\"",
                                     "the name is empty")])
    cand = Path(source)
    if cand.is_dir():
        read_toml(cand)  # says it is a folder
    tries = []
    if relative_to is not None and not cand.is_absolute():
        tries.append(relative_to.parent / cand)
    tries.append(cand)
    bare = cand.parent == Path(".")  # a name, not a path: may be a shipped scenario
    if cand.suffix != ".toml":
        if relative_to is not None:
            tries.append(relative_to.parent / (str(cand) + ".toml"))
        tries.append(Path(str(cand) + ".toml"))
    if bare:
        tries.append(paths.scenarios_dir() / (cand.stem + ".toml"))
    for t in tries:
        if t.is_file():
            return Path(os.path.realpath(t))
        if os.path.lexists(t):
            read_toml(t)  # a device, a pipe, a link loop...: says which, reads nothing
    names = shipped_scenarios()
    hint = did_you_mean(cand.stem, names) if bare else ""
    allowed = f"an existing file or a shipped scenario ({', '.join(names) or 'none'})"
    if relative_to is not None:
        raise ScenarioError([Problem(str(relative_to), "extends", str(source), allowed,
                                     "no such scenario file" + hint)])
    raise ScenarioError([Problem(str(source), "", "", "", f"no such scenario file{hint}; "
                                 f"expected {allowed}", show_value=False)])


def shipped_scenarios() -> list[str]:
    d = paths.scenarios_dir()
    return sorted(p.stem for p in d.glob("*.toml")) if d.is_dir() else []


def _read_toml(path: Path) -> dict[str, Any]:
    return _non_empty(read_toml(path), path)


def _non_empty(doc: dict[str, Any], path: Path) -> dict[str, Any]:
    if not doc:  # an empty file would silently be the defaults: almost always a mistake
        raise ScenarioError([Problem(str(path), "", "", "", "the file has no settings: "
                                     "start it with extends = \"tender_3y\" (or another "
                                     "scenario) and the keys you want to change",
                                     show_value=False)])
    return doc


def _load_chain(path: Path, seen: tuple[Path, ...], roots: tuple[Path, ...] | None = None,
                doc: dict[str, Any] | None = None
                ) -> tuple[dict, list[Path], dict, frozenset[str]]:
    """Values, files merged (base first), [meta], and the keys the files set themselves."""
    if path in seen:
        cycle = " -> ".join(p.name for p in (*seen, path))
        raise ScenarioError([Problem(str(seen[-1]), "extends", path.name,
                                     "a file that does not extend itself", f"cycle: {cycle}")])
    if len(seen) >= MAX_EXTENDS:
        chain = " -> ".join(p.name for p in seen[:3]) + " -> ... -> " + path.name
        raise ScenarioError([Problem(str(seen[0]), "extends", "", "", (
            f"the chain of files extending each other is longer than {MAX_EXTENDS} files "
            f"({chain}); let one of them extend a shipped scenario"), show_value=False)])
    doc = dict(doc) if doc is not None else _read_toml(path)
    problems: list[Problem] = []
    parent = doc.pop("extends", None)
    meta = doc.pop("meta", {})
    if not isinstance(meta, dict):
        problems.append(Problem(str(path), "meta", meta, "a table [meta]"))
        meta = {}
    for k in meta:
        if k not in META_KEYS:
            problems.append(unknown_name(str(path), f"meta.{k}", META_KEYS, prefix="meta."))
    problems += _check_meta_text(meta, str(path))
    if parent is not None and not isinstance(parent, str):
        problems.append(Problem(str(path), "extends", parent, "a scenario name or path"))
        parent = None
    if parent is not None:
        parent_path = (confined_path(parent, roots, path) if roots is not None
                       else resolve_scenario_path(parent, relative_to=path))
        try:
            values, chain, parent_meta, given = _load_chain(parent_path, (*seen, path),
                                                            roots)
        except ScenarioError as err:
            if seen or str(path) in str(err):  # said by the deepest file, or names us
                raise
            raise err.via(path.name) from None
        meta = {**{k: v for k, v in parent_meta.items()
                    if k not in ("name", "description", "description_nl", "title_nl")},
                **meta}
    else:
        values, chain, given = defaults(), [], frozenset()
    flat, flat_problems = flatten_doc(doc, str(path))
    problems += flat_problems
    problems += _apply_flat(values, flat, str(path))
    if not problems:
        problems += _check_contradictions(values, str(path))
    if problems:
        raise ScenarioError(problems)
    return values, [*chain, path], meta, frozenset(given | set(flat))


# Keys a scenario *file* must set itself when it uses a regime (in the file or a file it
# extends): values no schema default can know. The command line, the app and experiment files
# start from a file, so they inherit them.
REQUIRED_WITH_REGIME = {
    "populatiebesteding": (
        ("funding.populatiebesteding.population_weight",
         "funding.populatiebesteding.reference_vulnerability"),
        "populatiebesteding bases its budget on the wijk's zwaarte: say how strongly "
        "(population_weight, 0 to 2) and against which municipal average "
        "(reference_vulnerability, 0.01 to 0.9) under [funding.populatiebesteding]"),
}


def _load_file(path: Path, roots: tuple[Path, ...] | None = None,
               doc: dict[str, Any] | None = None) -> tuple[dict, list[Path], dict]:
    """A scenario file with everything it extends, and the keys its regime requires."""
    values, chain, meta, given = _load_chain(path, seen=(), roots=roots, doc=doc)
    problems = []
    regimes = [("funding.regime", values["funding.regime"])]
    if values["funding.switch_year"]:
        regimes.append(("funding.switch_to", values["funding.switch_to"]))
    for key, regime in regimes:
        need, why = REQUIRED_WITH_REGIME.get(regime, ((), ""))
        missing = [k for k in need if k not in given]
        if missing:
            problems.append(Problem(str(path), missing[0], None, "", (
                f"{key} = \"{regime}\" needs {' and '.join(missing)}, which the file does not "
                f"set: {why}"), show_value=False))
    if problems:
        raise ScenarioError(problems[:1])
    return values, chain, meta


def flatten_doc(doc: Mapping[str, Any], origin: str, prefix: str = ""
             ) -> tuple[dict[str, Any], list[Problem]]:
    flat: dict[str, Any] = {}
    problems: list[Problem] = []
    for k, v in doc.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict):
            if name in SECTION_NAMES:
                sub, p = flatten_doc(v, origin, name + ".")
                flat.update(sub)
                problems += p
            elif name in KEYS:
                problems.append(Problem(origin, name, v, KEYS[name].allowed()))
            else:
                problems.append(unknown_name(origin, name, SECTION_NAMES, what="section"))
        elif not prefix and name in KEYS:  # "wijk.residents" = 600: one key, with a dot
            section, leaf = name.rsplit(".", 1)
            problems.append(Problem(origin, f'"{name}"', None, "", (
                f'"{name}" in quotes is one key whose name holds a dot, not the key {leaf} '
                f"of [{section}]: write {name} without quotes, or {leaf} under [{section}]"),
                show_value=False))
        elif not prefix:  # the value is not shown: the key may hold anything (a password)
            problems.append(Problem(origin, name, None, "", (
                f"'{name}' is not inside a [section]" + did_you_mean(name, KEYS)
                + "; keys belong inside a section such as [funding]"), show_value=False))
        else:
            flat[name] = v
    return flat, problems


def _apply_flat(values: dict[str, Any], flat: Mapping[str, Any], origin: str) -> list[Problem]:
    problems = []
    for name, raw in flat.items():
        key = KEYS.get(name)
        if key is None:
            problems.append(unknown_name(origin, name, KEYS))
            continue
        ok, val = coerce(key, raw)
        if not ok:
            problems.append(Problem(origin, name, raw, key.allowed()))
        else:
            values[name] = val
    return problems


def coerce(key, raw: Any) -> tuple[bool, Any]:
    """Check ``raw`` against the key's type and range; return (ok, normalised value)."""
    t = key.type
    if t is bool:
        return (True, raw) if isinstance(raw, bool) else (False, raw)
    if t is str:
        if not isinstance(raw, str):
            return False, raw
        return (raw in key.choices, raw) if key.choices else (True, raw)
    if t is list:
        if not isinstance(raw, list) or (key.length and len(raw) != key.length):
            return False, raw
        elem_bool = isinstance(key.default[0], bool)
        out = []
        for x in raw:
            if elem_bool:
                if not isinstance(x, bool):
                    return False, raw
                out.append(x)
                continue
            if isinstance(x, bool) or not isinstance(x, (int, float)) or not _in_range(key, x):
                return False, raw
            out.append(float(x) if isinstance(key.default[0], float) else x)
        return True, out
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return False, raw
    if t is int:
        if isinstance(raw, float):
            if not raw.is_integer():
                return False, raw
            raw = int(raw)
    else:
        raw = float(raw)
    return _in_range(key, raw), raw


def _in_range(key, x: float) -> bool:
    if isinstance(x, float) and not math.isfinite(x):
        return False
    return (key.lo is None or x >= key.lo) and (key.hi is None or x <= key.hi)


def command_line_overrides(overrides: Mapping[str, Any] | None, years: int | None = None,
                           residents: int | None = None) -> dict[str, Any]:
    """``--set`` plus the shortcuts ``--years`` and ``--residents``. The same key given by
    both is an error, not a silent choice: which one wins is not obvious to a user."""
    flat = dict(overrides or {})
    problems = []
    for option, key, value in (("--years", "run.years", years),
                               ("--residents", "wijk.residents", residents)):
        if value is None:
            continue
        if key in flat:
            problems.append(Problem(option, "", "", "", (
                f"--set {key}=... and {option} both set {key}; give it once"),
                show_value=False))
        flat[key] = value
    if problems:
        raise ScenarioError(problems)
    return flat


def _check_meta_text(meta: Mapping[str, Any], origin: str) -> list[Problem]:
    """[meta] name and the texts are text; a name is short (it becomes part of folder
    names, always sanitised by :func:`wijksim.paths.safe_name`)."""
    problems = []
    for k in sorted(META_KEYS - {"sources"}):
        if k in meta and not isinstance(meta[k], str):
            problems.append(Problem(origin, f"meta.{k}", meta[k], "text in quotes"))
    name = meta.get("name")
    if isinstance(name, str) and not (0 < len(name.strip()) <= MAX_NAME):
        problems.append(Problem(origin, "meta.name", None, "", (
            f"[meta] name has {len(name)} characters; expected 1 to {MAX_NAME}"),
            show_value=False))
    return problems


def unknown_name(origin: str, name: str, known: Iterable[str], what: str = "key",
             prefix: str = "") -> Problem:
    known = list(known)
    hint = did_you_mean(name, known)
    leaf = name.rsplit(".", 1)[-1]
    homes = [k.rsplit(".", 1)[0] for k in known if "." in name and k.endswith("." + leaf)]
    if what == "key" and len(homes) == 1:  # the right key under the wrong [section]
        hint += f" ({leaf} belongs under [{homes[0]}], not [{name.rsplit('.', 1)[0]}])"
    return Problem(origin, name, None, f"a known {what}", f"unknown {what} '{name}'" + hint,
                   show_value=False)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    known = list(known)
    cands = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if not cands:  # a typo in the last part only, e.g. "tender.contract_yeras"
        tail = name.rsplit(".", 1)[-1]
        tails = {k.rsplit(".", 1)[-1]: k for k in known}
        hit = difflib.get_close_matches(tail, list(tails), n=1, cutoff=0.75)
        cands = [tails[hit[0]]] if hit else []
    return f" - did you mean '{cands[0]}'?" if cands else ""


def _check_contradictions(v: Mapping[str, Any], origin: str) -> list[Problem]:
    """Cross-key rules: values that are each allowed but contradict each other."""
    p: list[Problem] = []

    def bad(key, allowed, reason=""):
        p.append(Problem(origin, key, v[key], allowed, reason))

    for key in ("wijk.group_shares", "wijk.age_shares", "needs.kind_shares",
                "initiatives.kind_shares"):
        if abs(sum(v[key]) - 1.0) > 1e-6:
            bad(key, "shares that add up to 1", f"they add up to {sum(v[key]):g}")
    if not v["wijk.group_shares"] or v["wijk.group_shares"][0] <= 0:
        bad("wijk.group_shares", "at least one group, the first (majority) with a share > 0")
    if v["residents.regular_volunteer_share"] + v["residents.occasional_volunteer_share"] > 1:
        bad("residents.occasional_volunteer_share",
            f"at most {1 - v['residents.regular_volunteer_share']:g} "
            "(regular + occasional volunteers cannot exceed everyone)")
    nb_start, nb_stop = v["netwerkberaad.start_year"], v["netwerkberaad.stop_year"]
    if nb_stop and nb_stop <= nb_start:
        bad("netwerkberaad.stop_year", f"0 or a year after start_year ({nb_start})")
    if v["municipality.programme_stop_year"] and v["municipality.programme_share"] == 0:
        bad("municipality.programme_stop_year", "0 when there is no programme",
            "programme_share is 0, so there is no programme to stop")
    if v["municipality.budget_cut_year"] and v["municipality.budget_cut_share"] == 0:
        bad("municipality.budget_cut_share", "a share above 0 when budget_cut_year is set")
    if v["municipality.budget_cut_share"] > 0 and not v["municipality.budget_cut_year"]:
        bad("municipality.budget_cut_year", "a year from 1 when budget_cut_share is set")
    if v["initiatives.min_members"] > v["initiatives.max_members"]:
        bad("initiatives.min_members", f"at most max_members ({v['initiatives.max_members']})")
    if v["initiatives.initial_min_age_weeks"] >= v["initiatives.initial_max_age_weeks"]:
        bad("initiatives.initial_min_age_weeks",
            f"less than initial_max_age_weeks ({v['initiatives.initial_max_age_weeks']})")
    if v["meeting.strongly_lonely_below"] > v["meeting.lonely_below"]:
        bad("meeting.strongly_lonely_below", f"at most lonely_below ({v['meeting.lonely_below']})")
    if v["funding.switch_year"] and v["funding.switch_to"] == v["funding.regime"]:
        bad("funding.switch_to", "the other regime than funding.regime "
            f"({v['funding.regime']!r}) when switch_year is set",
            "switching to the regime the wijk already has changes nothing")
    if v["buurtrechten.challenge"] and v["buurtrechten.challenge_task"] == "none":
        bad("buurtrechten.challenge_task", "'buurthuis', 'community_work' or 'service' when "
            "buurtrechten.challenge is on", "the right to challenge needs a task to challenge")
    if v["buurtrechten.wijkfonds"] and v["buurtrechten.wijkfonds_share"] <= 0:
        bad("buurtrechten.wijkfonds_share", "a share above 0 (up to 1) when "
            "buurtrechten.wijkfonds is on", "a wijkfonds needs money to allocate")
    for sec in ("tender", "subsidy", "populatiebesteding"):
        if v[f"funding.{sec}.resident_org_share"] > 0.8:
            bad(f"funding.{sec}.resident_org_share", "at most 0.8")
    n_places = sum(place_counts(v["places.per_1000"], v["wijk.residents"]))
    if v["professionals.focus_place"] >= n_places:
        bad("professionals.focus_place", f"-1 (the whole wijk) or a place number from 0 to "
            f"{n_places - 1}", f"a wijk of {v['wijk.residents']} residents has {n_places} "
            f"third place{'s' * (n_places != 1)}")
    return p


def place_counts(per_1000: list[float], residents: int) -> list[int]:
    """How many third places of each kind a wijk of ``residents`` gets (every wijk has at
    least one buurthuis); the model builds exactly these, numbered kind by kind."""
    counts = [round(per * residents / 1000.0) for per in per_1000]
    if per_1000 and per_1000[0] > 0:
        counts[0] = max(1, counts[0])
    return counts


