"""Every report in Dutch is Dutch (issue 15): comparison, sweep (grid and sensitivity),
decomposition, scenario discovery and robustness, and the single-run figure. Each is rendered
with ``lang="nl"``; its text and every word drawn in its figures (titles, axis labels, legends,
notes) must keep no English word outside code, quotes, scenario names and keys."""

from __future__ import annotations

import re

import matplotlib.figure
import numpy as np
import pandas as pd
import pytest

from wijksim.analysis.report import write_report
from wijksim.experiments import load_results

from .conftest import cli, experiment_text

# common English words of the reports that Dutch text does not use
ENGLISH = re.compile(
    r"\b(the|and|with|from|to|for|than|values?|outcomes?|differences?|years?|mean|between|"
    r"first|total|largest|sensitivity|response|points|varied|keys?|reference|samples?|"
    r"trajectories|more|would|some|each|last|only|where|which|shares?|regret|polic(y|ies)|"
    r"futures?|best|within|threshold|lost|closed|left|places?|heat|wave|cut|programme|stops|"
    r"starts|whole|alone|parts?|verdicts?|material|small|unclear|better|worse|costs?|"
    r"residents?|incomplete|stored|missing|design|steps|finish|needs?|indices|spread|effects|"
    r"interactions?|including|elsewhere|run on|is not|are|were|gain|change|"
    r"lonely|loneliness|hidden|trust|cohesion|initiatives?|escalations?|interval of|density|"
    r"true|false|yes|no|tree|limits|dimensions|point|last-year|paired|report|also|"
    r"done|runs in|results|reluctance|ran|tenders?|overhead|spent|per year)\b", re.I)
LABELS = ("tender_3y", "tender_9y", "subsidy")


def english_left(text: str) -> list[str]:
    """English words in ``text`` outside code, quotes, link targets, keys and scenario names."""
    text = re.sub(r"\]\([^)]*\)", "]", text)  # markdown link targets
    text = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"|https?://\S+", " ", text)
    text = re.sub(r"\b[\w*]+[._][\w.*]+\b", " ", text)  # dotted keys, file names, labels
    for lab in LABELS:
        text = text.replace(lab, " ")
    return [m.group(0) for m in ENGLISH.finditer(text)]


@pytest.fixture
def figure_words(monkeypatch):
    """Every text drawn in a figure that is saved while the test runs."""
    seen: list[str] = []
    real = matplotlib.figure.Figure.savefig

    def savefig(fig, *args, **kwargs):
        for t in fig.findobj(matplotlib.text.Text):
            if t.get_visible() and t.get_text().strip():
                seen.append(t.get_text())
        return real(fig, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", savefig)
    return seen


def _tick(text: str) -> bool:
    """Tick labels and other numbers: nothing to translate."""
    return bool(re.fullmatch(r"[\s\d.,%−+\-–€ek×/pp]*", text))


def assert_dutch(report: str, figures: list[str]) -> None:
    left = english_left(report)
    assert not left, f"English in the Dutch report: {sorted(set(left))}"
    words = [w for w in figures if not _tick(w)]
    assert words, "no figure text was collected"
    bad = {w: english_left(w) for w in words if english_left(w)}
    assert not bad, f"English in the Dutch figures: {bad}"


def _blocks_text(blocks) -> str:
    out = []
    for b in blocks:
        if b[0] in ("h",):
            out.append(b[2])
        elif b[0] == "p":
            out.append(b[1])
        elif b[0] == "img":
            out.append(b[2])
        elif b[0] == "table":
            head, rows = b[1]
            out.append(" | ".join(head))
            out += [" | ".join(r) for r in rows]
    return "\n".join(out)


def test_the_check_finds_english():
    """The check itself can fail: an English sentence and figure title are caught."""
    assert set(english_left("Last-year values against the key")) >= {"values", "the", "key"}
    assert english_left("`the key` 'the values' funding.tender.staff_moves tender_3y") == []
    with pytest.raises(AssertionError, match="English in the Dutch figures"):
        assert_dutch("Verschil", ["Hidden need\n(% of residents)"])


def test_discovery_and_robustness_in_dutch(tmp_path, figure_words):
    pytest.importorskip("ema_workbench")
    from wijksim.analysis import discovery

    from .test_discovery import fake

    blocks = discovery.discovery_blocks(fake(), tmp_path, lang="nl")
    assert_dutch(_blocks_text(blocks), figure_words)


def test_decomposition_in_dutch(tmp_path, figure_words):
    from wijksim.experiments.decompose import Decomposition

    rows = []
    for o in ("cohesion", "hidden_need_share"):
        for part in ("accountability", "retendering", "interaction", "total"):
            rows.append({"outcome": o, "part": part, "title": part, "n": 3, "baseline": 1.0,
                         "shapley": 0.01, "shapley_low": 0.0, "shapley_high": 0.02,
                         "alone": 0.01, "alone_low": 0.0, "alone_high": 0.02,
                         "share_of_total": 0.5, "verdict": "small"})
    d = Decomposition("tender_3y", "subsidy", ["accountability", "retendering"],
                      pd.DataFrame(rows))
    paths = d.write(tmp_path, lang="nl")
    assert_dutch(paths["report"].read_text(), figure_words)


def test_single_run_figure_in_dutch(tmp_path, figure_words):
    from wijksim.analysis.plots import PANELS, plot_run

    weeks = np.arange(0, 105)
    df = pd.DataFrame({"week": weeks, "year": weeks / 52,
                       **{col: np.linspace(0.1, 0.2, weeks.size) for col, _ in PANELS}})
    events = pd.DataFrame({"week": [30, 60, 70], "year": [30 / 52, 60 / 52, 70 / 52],
                           "kind": ["tender_lost", "staff_left", "closure"], "text": ""})
    plot_run(df, events, tmp_path / "outcomes.png", title="tender_3y (seed 1)", lang="nl")
    assert_dutch("", figure_words)


@pytest.mark.slow
def test_comparison_and_sweeps_in_dutch(tmp_path, figure_words):
    """A tiny comparison, a grid sweep and a Morris sweep, each reported in Dutch."""
    tiny = ["--residents", "600", "--set", "run.burn_in_weeks=26", "--jobs", "1", "--quiet"]
    cmp = tmp_path / "cmp"
    rc, _, err = cli("compare", "tender_3y", "subsidy", *tiny, "--years", "2", "--seeds",
                     "2", "--set", "funding.tender.contract_years=1", "--out", str(cmp))
    assert rc == 0, err
    grid = tmp_path / "grid.toml"
    grid.write_text(experiment_text("""
        [experiment]
        name = "grid"
        scenarios = ["tender_3y", "subsidy"]
        seeds = 2
        outcomes = ["cohesion", "hidden_need_share", "escalations", "initiatives"]
        [design]
        method = "grid"
        [parameters]
        funding.tender.staff_moves = [0.2, 0.8]
        """, years=1))
    morris = tmp_path / "morris.toml"
    morris.write_text(experiment_text("""
        [experiment]
        name = "morris"
        scenarios = ["tender_3y"]
        seeds = 1
        outcomes = ["wijkkennis", "lonely_share"]
        [design]
        method = "morris"
        samples = 2
        seed = 5
        [parameters]
        professionals.wijkkennis_learning = { low = 0.002, high = 0.05 }
        shocks.heatwave_week = { low = 0, high = 51 }
        """, years=1))
    for path in (grid, morris):
        rc, _, err = cli("sweep", str(path), "--jobs", "1", "--quiet", "--out",
                         str(tmp_path / path.stem))
        assert rc == 0, err
    for folder in (cmp, tmp_path / "grid", tmp_path / "morris"):
        figure_words.clear()
        md = write_report(load_results(folder), folder, "nl").read_text()
        assert_dutch(md, figure_words)
    # a sweep with a run missing says which, and leaves that point out of its figures
    grid_out = tmp_path / "grid"
    res = load_results(grid_out)
    gone = res.runs[(res.runs.label == "subsidy") & (res.runs.point == 1)
                    & (res.runs.seed == 2)]["run_id"].item()
    for sub in ("runs", "ticks"):
        for f in (grid_out / sub).glob("part-*.parquet"):
            d = pd.read_parquet(f)
            if gone in set(d["run_id"]):
                d[d.run_id != gone].to_parquet(f, index=False)
    md = write_report(load_results(grid_out), grid_out, "en").read_text()
    assert "Incomplete: 7 of 8 runs are stored.** Missing (scenario, point, seed): " \
           "(subsidy, 1, 2)" in md
    resp = pd.read_csv(grid_out / "response.csv")
    assert ((resp["label"] == "subsidy") & (resp["point"] == 1)).any()  # the data keeps it
    table = md[md.index("## Response"):]
    assert sum(line.startswith("| subsidy |") for line in table.splitlines()) == 1


def test_missing_runs_of_a_discovery_design_in_dutch(tmp_path):
    """The list of missing runs names them in Dutch too ('subsidy punt 5 seed 1')."""
    pytest.importorskip("ema_workbench")
    from wijksim.analysis import discovery

    from .test_discovery import fake

    res = fake(n=20, drop=list(range(0, 60, 3)))  # 20 runs gone: the list is cut after 8
    blocks = discovery.discovery_blocks(res, tmp_path, lang="nl")
    text = _blocks_text(blocks)
    assert "tender_3y punt 0 seed 1" in text and "en nog 12" in text
    assert_dutch(text, ["ontbrekende runs"])


def test_the_comparison_printout_follows_lang(capsys):
    """`wijksim compare --lang nl` prints its terminal summary in Dutch."""
    from types import SimpleNamespace

    from wijksim.experiments.cli import print_comparison

    summary = pd.DataFrame([(o, lab, m, m * 0.9, m * 1.1)
                            for o in ("hidden_need_share", "escalations", "trust")
                            for lab, m in (("tender_3y", 0.2), ("subsidy", 0.25))],
                           columns=["outcome", "label", "mean", "low", "high"])
    diffs = pd.DataFrame([(o, "tender_3y", "subsidy", 0.05, 0.01, 0.09)
                          for o in ("hidden_need_share", "escalations", "trust")],
                         columns=["outcome", "a", "b", "mean", "low", "high"])
    res = SimpleNamespace(outcomes=["hidden_need_share", "escalations", "trust"],
                          labels=["tender_3y", "subsidy"], manifest={"seeds": [1, 2]},
                          summary=lambda outcomes: summary, differences=lambda o: diffs)
    print_comparison(res, "nl")
    out = capsys.readouterr().out
    assert "Gepaarde verschillen" in out and "Verborgen nood" in out, out
    assert "0,050" in out or "5,0" in out, out  # decimal commas
    assert_dutch(out, ["Gepaarde verschillen"])
    print_comparison(res, "en")
    assert english_left(capsys.readouterr().out)  # the check bites on the English one


def test_the_run_summary_follows_lang(tmp_path):
    """`wijksim run --lang nl` writes summary.txt (and prints it) in Dutch."""
    from .conftest import cli as run_cli

    out = tmp_path / "run"
    rc, printed, err = run_cli("run", "tender_3y", "--residents", "600", "--years", "1",
                               "--set", "run.burn_in_weeks=26", "--no-plots", "--lang", "nl",
                               "--out", str(out))
    assert rc == 0, err
    text = (out / "summary.txt").read_text()
    assert "Samenhang" in text and "Escalaties naar specialistische zorg" in text, text
    assert_dutch(text, ["Samenhang"])
    assert_dutch(printed, ["Samenhang"])


# Outcomes whose Dutch name may equal the English one: the same word in both languages.
SAME_NAME_BOTH = {"professionals": "'professionals' is the Dutch word the reports use too"}


def test_every_outcome_has_its_own_dutch_name_and_definition():
    """Every outcome in OUTCOMES has its own OUTCOME_INFO entry (no English fallback in a
    Dutch report): a Dutch name (or a justified identical one), a Dutch unit where there is
    an English one, a Dutch definition that is not the English text, and an ODD section."""
    from wijksim.analysis.report_text import ODD, OUTCOME_INFO
    from wijksim.model.outcome_names import OUTCOMES

    missing = sorted(set(OUTCOMES) - set(OUTCOME_INFO))
    assert not missing, f"outcomes without an OUTCOME_INFO entry: {missing}"
    for o in OUTCOMES:
        i = OUTCOME_INFO[o]
        assert i.name_nl and i.name_en and i.define_nl and i.define_en, o
        assert i.name_nl != i.name_en or o in SAME_NAME_BOTH, (o, i.name_nl)
        assert i.define_nl != i.define_en, (o, i.define_nl)
        assert bool(i.unit_nl) == bool(i.unit_en), (o, i.unit_en, i.unit_nl)
        assert i.section in ODD, (o, i.section)
        assert not english_left(f"{i.name_nl} {i.unit_nl} {i.define_nl}"), (
            o, english_left(f"{i.name_nl} {i.unit_nl} {i.define_nl}"))


def test_an_unknown_outcome_still_gets_a_fallback_entry():
    from wijksim.analysis.report_text import info

    i = info("not_an_outcome_share")
    assert i.name("nl") == "Not an outcome share" and i.unit("en") == "%"
