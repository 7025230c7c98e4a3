"""Run one scenario: the model over its years, with results, provenance and pictures."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

import pandas as pd

from . import provenance
from .analysis.report_text import dutch_numbers, info
from .files import first_free_folder, write_parquet_atomic, write_text_atomic
from .scenario import Scenario, load_scenario

if TYPE_CHECKING:
    from .model import WijkModel


@dataclass
class RunResult:
    outcomes: pd.DataFrame
    events: pd.DataFrame
    provenance: dict[str, Any]
    model: WijkModel | None = field(default=None, repr=False)
    seconds: float = 0.0


def run_scenario(scenario: str | Path | Scenario | None = "tender_3y", seed: int = 1,
                 years: int | None = None, residents: int | None = None,
                 overrides: Mapping[str, Any] | None = None, progress: bool = False,
                 keep_model: bool = False) -> RunResult:
    """Simulate one scenario with one seed. Returns outcomes per week, events, provenance."""
    from .model import WijkModel, snapshot  # here: checking an --out folder needs no model

    scen, flat = resolve_run(scenario, years, residents, overrides)
    t0 = time.perf_counter()
    model = WijkModel.starting(scen, seed=seed, cache=snapshot.cache_dir())
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=model.horizon, unit="week", delay=2.0, leave=False,
                   desc=f"{scen.name} seed {seed}")
    df = model.run(progress=bar.update if bar else None)
    if bar:
        bar.close()
    seconds = time.perf_counter() - t0
    prov = provenance.record(scen, seed, years=scen["run.years"],
                             residents=scen["wijk.residents"], overrides=flat)
    return RunResult(df, model.events_frame(), prov, model if keep_model else None, seconds)


def continue_run(path: str | Path, years: int | None = None, progress: bool = False
                 ) -> RunResult:
    """Continue a wijk saved with ``WijkModel.save`` (or ``wijksim run --checkpoint``).

    ``years``: how many years to run on from the week it was saved (default: up to the
    horizon it was saved with). The outcomes cover the whole run, the saved part included,
    and equal those of a run that never stopped.
    """
    from .model import WijkModel

    t0 = time.perf_counter()
    model = WijkModel.load(path)
    if years is not None:
        model.horizon = model.week + 52 * years
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=max(0, model.horizon - model.week), unit="week", delay=2.0,
                   leave=False, desc=f"{model.scenario.name} seed {model.seed}")
    df = model.run(progress=bar.update if bar else None)
    if bar:
        bar.close()
    prov = provenance.record(model.scenario, model.seed, years=model.horizon / 52,
                             residents=int(model.residents.n), continued_from=str(path))
    return RunResult(df, model.events_frame(), prov, model, time.perf_counter() - t0)


def check_checkpoint_path(path: Path) -> None:
    """A checkpoint file must be writable where asked, checked before the run starts."""
    from .scenario import Problem, ScenarioError

    folder = path.parent if str(path.parent) else Path(".")
    problem = ("is a folder; give a file name, e.g. wijk.wsnap" if path.is_dir() else
               f"folder {folder} does not exist" if not folder.is_dir() else
               f"folder {folder} is not writable" if not os.access(folder, os.W_OK) else "")
    if problem:
        raise ScenarioError([Problem(str(path), "", "", "", f"--checkpoint {problem}",
                                     show_value=False)])


def resolve_run(scenario: str | Path | Scenario | None, years: int | None = None,
                residents: int | None = None, overrides: Mapping[str, Any] | None = None
                ) -> tuple[Scenario, dict[str, Any]]:
    """The validated scenario a run will use, and the overrides that made it."""
    from .scenario.loader import command_line_overrides

    flat = command_line_overrides(overrides, years, residents)
    return load_scenario(scenario, overrides=flat), flat


OUTPUT_FILES = ("outcomes.parquet", "events.csv", "provenance.json", "summary.txt",
                "outcomes.png")


def stored_run(out: Path) -> dict[str, Any] | None:
    """The provenance of the run stored in ``out`` (None: no finished run there)."""
    try:
        return json.loads((out / "provenance.json").read_text())
    except (OSError, ValueError):
        return None


def same_run(prov: Mapping[str, Any] | None, scen: Scenario, seed: int) -> bool:
    """Same scenario values, seed and wijksim: the stored results are the ones this run
    would write (runs are determined by scenario and seed), so replacing them loses nothing."""
    return bool(prov) and (prov.get("scenario_hash"), prov.get("seed"),
                           prov.get("versions", {}).get("wijksim")) == (
        scen.hash, int(seed), provenance.versions()["wijksim"])


def check_out_folder(out: Path, scen: Scenario, seed: int, overwrite: bool = False) -> None:
    """Refuse to write over another run's results (or a folder of other files) unless told."""
    from .scenario import Problem, ScenarioError

    if out.exists() and not out.is_dir():
        raise ScenarioError([Problem(str(out), "", "", "", "--out is a file, not a folder",
                                     show_value=False)])
    if overwrite or not out.is_dir():
        return
    prov = stored_run(out)
    if prov is None:
        others = [p.name for p in out.iterdir()
                  if p.name not in OUTPUT_FILES and ".tmp" not in p.name]
        if others:
            raise ScenarioError([Problem(str(out), "", "", "", (
                f"--out holds other files ({', '.join(sorted(others)[:3])}"
                f"{', ...' if len(others) > 3 else ''}); choose an empty or new folder, or "
                "add --overwrite"), show_value=False)])
        return  # empty, or an unfinished run (provenance.json is written last)
    if not same_run(prov, scen, seed):
        raise ScenarioError([Problem(str(out), "", "", "", (
            f"already holds the results of another run (scenario {prov.get('scenario')}, "
            f"hash {prov.get('scenario_hash')}, seed {prov.get('seed')}, "
            f"{prov.get('years')} years, {prov.get('residents')} residents); add --overwrite "
            "to replace them, or choose another --out"), show_value=False)])


def free_out_folder(base: Path, scen: Scenario, seed: int) -> Path:
    """``base``, or ``base-2``, ``base-3``... : the first that is new or holds this same run."""
    return first_free_folder(base, lambda cand: cand.is_dir() and any(cand.iterdir())
                             and not same_run(stored_run(cand), scen, seed))


def write_outcomes_parquet(df: pd.DataFrame, path: Path, meta: Mapping[str, Any]) -> None:
    """Parquet with provenance in its metadata, written to a temp file and renamed."""
    import pyarrow as pa

    table = pa.Table.from_pandas(df, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                           b"wijksim": json.dumps(meta, default=str).encode()})
    write_parquet_atomic(table, path)


def write_run(result: RunResult, out: Path, plots: bool = True, lang: str = "en"
              ) -> dict[str, Path]:
    """Write outcomes.parquet, events.csv, provenance.json, summary.txt and PNG plots (their
    words - the summary's and the plots' - in ``lang``: en or nl)."""
    out.mkdir(parents=True, exist_ok=True)
    meta = {k: v for k, v in result.provenance.items() if k != "command"}
    paths = {"outcomes": out / "outcomes.parquet", "events": out / "events.csv",
             "provenance": out / "provenance.json", "summary": out / "summary.txt"}
    (out / "provenance.json").unlink(missing_ok=True)  # the folder holds no finished run
    write_outcomes_parquet(result.outcomes, paths["outcomes"], meta)
    write_text_atomic(result.events.to_csv(index=False), paths["events"])
    write_text_atomic(summary_text(result, lang), paths["summary"])
    if plots:
        from .analysis.plots import plot_run
        tmp = plot_run(result.outcomes, result.events, out / ".outcomes.tmp.png",
                       title=f"{result.provenance['scenario']} (seed "
                             f"{result.provenance['seed']})", lang=lang)
        paths["plot"] = out / "outcomes.png"
        os.replace(tmp, paths["plot"])
    # last: a provenance record means every other file of the run is complete
    write_text_atomic(json.dumps({**result.provenance, "seconds": round(result.seconds, 2)},
                                 indent=2, default=str), paths["provenance"])
    return paths


SUMMARY_ROWS = (  # outcome, format; the names are the report's (report_text.OUTCOME_INFO)
    ("cohesion", "{:.2f}"),
    ("share_connected", "{:.0%}"),
    ("bridging_share", "{:.0%}"),
    ("vraagverlegenheid", "{:.2f}"),
    ("hidden_need_share", "{:.1%}"),
    ("lonely_share", "{:.0%}"),
    ("trust", "{:.2f}"),
    ("wijkkennis", "{:.2f}"),
    ("initiatives", "{:.0f}"),
    ("open_places", "{:.0f}"),
)
SUMMARY_WORDS = {  # the summary's other words: (English, Dutch)
    "head": ("wijksim {version} - scenario {scenario} (hash {hash}), seed {seed}, {residents} "
             "residents, {years} years",
             "wijksim {version} - scenario {scenario} (hash {hash}), seed {seed}, {residents} "
             "bewoners, {years} jaar"),
    "start": ("start", "begin"),
    "last": ("last year", "laatste jaar"),
    "escalations": ("Escalations to specialised care: {rate} per year ({n} in {years} years, "
                    "EUR {cost})",
                    "Escalaties naar specialistische zorg: {rate} per jaar ({n} in {years} "
                    "jaar, EUR {cost})"),
    "tenders": ("Lost tenders: {lost}; tender/renewal overhead EUR {overhead} of EUR {spent} "
                "spent",
                "Verloren aanbestedingen: {lost}; kosten van aanbesteden/verlengen EUR "
                "{overhead} van EUR {spent} uitgegeven"),
    "ran": ("Ran in {seconds} s", "Gedraaid in {seconds} s"),
}


def summary_text(result: RunResult, lang: str = "en") -> str:
    """summary.txt: the run's start and last-year values in words, in ``lang`` (en or nl;
    Dutch with decimal commas and thousands points)."""
    nl = lang == "nl"

    def w(key: str, **kw: Any) -> str:
        return SUMMARY_WORDS[key][nl].format(**kw)

    def num(text: str) -> str:  # 1,234.5 -> 1.234,5 in Dutch
        return dutch_numbers(text, lang)

    labels = [info(col).name(lang) for col, _ in SUMMARY_ROWS]
    width = max(40, *map(len, labels))
    df, prov = result.outcomes, result.provenance
    first, last = df.iloc[0], df[df["year"] > df["year"].max() - 1].mean(numeric_only=True)
    lines = [w("head", version=prov["versions"]["wijksim"], scenario=prov["scenario"],
               hash=prov["scenario_hash"], seed=prov["seed"], residents=prov.get("residents"),
               years=prov.get("years")),
             f"{'':{width}s} {w('start'):>9s} {w('last'):>13s}"]
    for (col, fmt), label in zip(SUMMARY_ROWS, labels):
        lines.append(f"{label:{width}s} {num(fmt.format(first[col])):>9s} "
                     f"{num(fmt.format(last[col])):>13s}")
    esc = df["escalations"].sum()
    cost = df[[c for c in df.columns if c.startswith("spend_") and c != "spend_total"]].sum()
    n_years = max(float(df["year"].max()), 1 / 52)  # year = week / 52, week 0 = burn-in end
    lines.append(w("escalations", rate=num(f"{esc / n_years:.1f}"), n=f"{esc:.0f}",
                   years=f"{n_years:.0f}",
                   cost=num(f"{df['escalation_cost'].sum():,.0f}")))
    lost = int((result.events["kind"] == "tender_lost").sum()) if len(result.events) else 0
    lines.append(w("tenders", lost=lost, overhead=num(f"{cost['spend_overhead']:,.0f}"),
                   spent=num(f"{cost.sum():,.0f}")))
    lines.append(w("ran", seconds=num(f"{result.seconds:.1f}")))
    return "\n".join(lines) + "\n"


SYSTEM_TREES = ("/proc", "/sys", "/dev")  # hold no files of a user's


def check_output_folder(folder: Path, option: str = "--out") -> Path:
    """Make ``folder`` (and its parents) if needed and prove a file can be written in it;
    before the first run, so a wrong ``--out`` never costs a whole run. Raises
    ScenarioError naming the option."""
    import os
    import tempfile

    from .scenario.errors import Problem, ScenarioError

    def refuse(reason: str) -> ScenarioError:
        return ScenarioError([Problem(option, "", "", "", f"{folder}: {reason}; choose "
                                      "another folder", show_value=False)])

    full = Path(os.path.abspath(folder))
    if any(full == Path(t) or Path(t) in full.parents for t in SYSTEM_TREES):
        raise refuse("is inside a system folder (/proc, /sys, /dev) that holds no files "
                     "of yours")
    for part in (full, *full.parents):  # a file where a folder must be
        if part.exists() and not part.is_dir():
            raise refuse(f"{part} is a file, not a folder" if part != full
                         else "is a file, not a folder")
    try:
        full.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=full, prefix=".wijksim-write-test-"):
            pass
    except OSError as exc:
        raise refuse(f"cannot write there ({exc.strerror or exc})") from None
    return folder
