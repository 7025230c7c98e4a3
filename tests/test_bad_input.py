"""Bad input, as a new user makes it: every malformed scenario or experiment file in
tests/data/bad/ gets exactly one line naming the file and what is allowed, exit code 2, and
never a traceback; fuzzed files and values never crash the loaders.

The message each file must give is pinned in tests/model/test_scenarios.py (scenarios) and
in the first line of each file (experiments); here the command-line contract is checked for
the whole corpus at once, through ``wijksim validate`` as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijksim.cli import main
from wijksim.experiments import load_experiment
from wijksim.scenario import KEYS, ScenarioError, load_scenario

BAD = Path(__file__).parent / "data" / "bad"
CORPUS = sorted(BAD.glob("*/*.toml"))
# cycle_b.toml only exists to close cycle_a's loop; it is valid on its own terms
CORPUS = [p for p in CORPUS if p.name != "cycle_b.toml"]


def test_the_corpus_is_large_and_covers_every_kind_of_mistake():
    names = {p.relative_to(BAD).as_posix() for p in CORPUS}
    assert len(names) >= 40
    kinds = {  # one example of each kind the issue names
        "syntax error": "scenarios/syntax_error.toml", "wrong type": "scenarios/bad_type.toml",
        "misspelt key": "scenarios/typo_key.toml", "out of range": "scenarios/out_of_range.toml",
        "negative": "scenarios/negative_value.toml",
        "probability above 1": "scenarios/probability_above_one.toml",
        "missing extends": "scenarios/missing_parent.toml",
        "circular extends": "scenarios/cycle_a.toml",
        "contradiction": "scenarios/programme_without_budget.toml",
        "empty": "scenarios/empty.toml", "huge": "scenarios/huge_integer.toml",
        "encoding": "scenarios/latin1_encoding.toml", "utf-16": "scenarios/utf16_encoding.toml",
        "binary": "scenarios/binary_file.toml",
        "experiment typo": "experiments/method_typo.toml",
        "experiment empty": "experiments/only_comments.toml",
        "experiment encoding": "experiments/latin1_encoding.toml",
    }
    assert set(kinds.values()) <= names


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.relative_to(BAD).as_posix())
def test_validate_says_one_line_and_exits_2(path, capsys):
    rc = main(["validate", str(path)])  # in this process: any other exception fails here
    out, err = capsys.readouterr()
    assert rc == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    # names the file (a fault in a file it extends is named "<parent> (extended by <it>)")
    assert lines[0].startswith("error: ") and path.name in lines[0], lines[0]
    assert "Traceback" not in err


def test_the_whole_corpus_from_the_real_command_line():
    """One process, every file: one line per file, in order, exit 2, no traceback."""
    res = subprocess.run([sys.executable, "-m", "wijksim.cli", "validate", *map(str, CORPUS)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == len(CORPUS)
    for path, line in zip(CORPUS, lines):
        assert line.startswith("error: ") and path.name in line, (path, line)


@pytest.mark.parametrize("command", [
    ["run", "tender3y"], ["run", "no/such/dir/tender_3y.toml"], ["run", str(BAD)],
    ["compare", "tender_3y", "subsidyy", "--seeds", "1"], ["sweep", "regims"],
    ["new", "mine", "--from", "nope"], ["validate", str(BAD / "nothing_here.toml")],
])
def test_wrong_names_and_paths_explain_themselves(command, capsys):
    assert main(command) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: "), err
    assert any(w in err[0] for w in ("no such", "folder", "did you mean")), err


def test_a_typo_in_a_scenario_name_gets_a_suggestion(capsys):
    assert main(["run", "tender3y"]) == 2
    assert "did you mean 'tender_3y'" in capsys.readouterr().err


# -- fuzzing --------------------------------------------------------------------------------
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(raw=st.one_of(st.binary(max_size=300),
                     st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_give_a_scenario_or_a_clear_error(raw, tmp_path):
    path = tmp_path / "fuzz.toml"
    path.write_bytes(raw)
    for load in (load_scenario, load_experiment):
        try:
            load(path)
        except ScenarioError as err:
            assert err.problems and all(str(p) for p in err.problems)


toml_values = st.one_of(
    st.integers(-10**30, 10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.text(max_size=12), st.dates(),
    st.lists(st.one_of(st.integers(-5, 5), st.floats(-2, 2)), max_size=4))
keys = st.one_of(st.sampled_from(sorted(KEYS)), st.text("abcdefghijklmnopqrstuvwxyz._",
                                                         min_size=1, max_size=20))


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(v), repr(v))
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(map(_toml_value, v)) + "]"
    return str(v)  # int, date


@FUZZ
@given(entries=st.dictionaries(keys, toml_values, min_size=1, max_size=6),
       extends=st.sampled_from([None, "tender_3y", "subsidy", "nope", "fuzz"]))
def test_any_keys_and_values_give_a_scenario_or_clear_errors(entries, extends, tmp_path):
    """Well-formed TOML with arbitrary keys and values (huge, NaN, dates, lists, typos):
    a valid scenario or one problem per bad entry, never a crash."""
    lines = [f'extends = "{extends}"'] if extends else []
    lines += [f'{k} = {_toml_value(v)}' for k, v in entries.items()]
    path = tmp_path / "fuzz.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        scen = load_scenario(path)
    except ScenarioError as err:
        assert err.problems
        for p in err.problems:
            assert str(path) in str(p) or p.file == ""
    else:
        for key, spec in KEYS.items():  # whatever was accepted lies within the schema
            v = scen[key]
            if spec.lo is not None and isinstance(v, (int, float)) and not isinstance(v, bool):
                assert spec.lo <= v <= spec.hi, (key, v)


@FUZZ
@given(overrides=st.dictionaries(keys, toml_values, min_size=1, max_size=4))
def test_any_overrides_give_a_scenario_or_clear_errors(overrides):
    """``--set`` and the app's sliders go through the same checks as files."""
    try:
        load_scenario("tender_3y", overrides=overrides)
    except ScenarioError as err:
        assert err.problems


# -- a run never silently overwrites another's results -----------------------------------
TINY_RUN = ["--years", "1", "--residents", "200", "--set", "run.burn_in_weeks=4", "--quiet",
            "--no-plots"]


def test_a_run_does_not_overwrite_another_run(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", "tender_3y", "--out", str(out), *TINY_RUN]) == 0
    first = (out / "outcomes.parquet").read_bytes()
    # the same run again: the same results, replacing them loses nothing
    assert main(["run", "tender_3y", "--out", str(out), *TINY_RUN]) == 0
    # another run (another seed) into the same folder: refused before it runs
    assert main(["run", "tender_3y", "--seed", "2", "--out", str(out), *TINY_RUN]) == 2
    err = capsys.readouterr().err
    assert "already holds the results of another run" in err and "--overwrite" in err
    assert (out / "outcomes.parquet").read_bytes() == first
    assert main(["run", "tender_3y", "--seed", "2", "--out", str(out), "--overwrite",
                 *TINY_RUN]) == 0
    assert (out / "outcomes.parquet").read_bytes() != first
    # a folder with other things in it is not taken over
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "thesis.docx").write_text("mine")
    assert main(["run", "tender_3y", "--out", str(tmp_path / "notes"), *TINY_RUN]) == 2
    assert "holds other files (thesis.docx)" in capsys.readouterr().err


def test_the_default_folder_moves_aside_for_another_run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["run", "tender_3y", *TINY_RUN]) == 0
    assert main(["run", "tender_3y", *TINY_RUN[:-2], "--set", "wijk.homophily=0.1",
                 "--quiet", "--no-plots"]) == 0  # other values, same name and seed
    folders = sorted(p.name for p in (tmp_path / "results").iterdir())
    assert folders == ["run-tender_3y-seed1", "run-tender_3y-seed1-2"]


def test_an_unfinished_run_leaves_no_provenance_and_is_replaced(tmp_path, monkeypatch):
    """provenance.json is written last: a run killed while writing is not taken for a
    finished one, and the next run may write there."""
    import wijksim.analysis.plots as plots

    out = tmp_path / "out"

    def crash(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(plots, "plot_run", crash)
    assert main(["run", "tender_3y", "--out", str(out), *TINY_RUN[:-1]]) == 130  # Ctrl-C
    assert (out / "outcomes.parquet").is_file() and not (out / "provenance.json").exists()
    monkeypatch.undo()
    assert main(["run", "tender_3y", "--seed", "3", "--out", str(out), *TINY_RUN]) == 0
    assert json.loads((out / "provenance.json").read_text())["seed"] == 3


def test_a_comparison_reuses_its_own_runs_and_refuses_another(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    small = ["--seeds", "1", "--residents", "200", "--set", "run.burn_in_weeks=4", "--jobs",
             "1", "--quiet"]
    out = ["--out", "cmp"]
    assert main(["compare", "tender_3y", "subsidy", "--years", "1", *small, *out]) == 0
    parts = sorted((tmp_path / "cmp" / "runs").iterdir())
    # the same comparison again: nothing re-runs, the stored runs stay as they are
    assert main(["compare", "tender_3y", "subsidy", "--years", "1", *small, *out]) == 0
    assert sorted((tmp_path / "cmp" / "runs").iterdir()) == parts
    # another comparison (two years) into the same folder: refused, nothing touched
    assert main(["compare", "tender_3y", "subsidy", "--years", "2", *small, *out]) == 2
    assert "another comparison" in capsys.readouterr().err
    assert sorted((tmp_path / "cmp" / "runs").iterdir()) == parts
    assert main(["compare", "tender_3y", "subsidy", "--years", "2", *small, *out,
                 "--overwrite"]) == 0
    # without --out, the default folder moves aside for a different comparison
    assert main(["compare", "tender_3y", "subsidy", "--years", "1", *small]) == 0
    assert main(["compare", "tender_3y", "subsidy", "--years", "2", *small]) == 0
    assert sorted(p.name for p in (tmp_path / "results").iterdir()) == [
        "compare-tender_3y-subsidy", "compare-tender_3y-subsidy-2"]
