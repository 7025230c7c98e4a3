"""Bad commands (issue 19), from tests/data/bad/commands.toml: each gets exactly its message
as the last line on stderr, exit code 2, no traceback, no hang, nothing written; and names
chosen inside files never lead a run's results out of the results folder."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from wijksim.cli import main

CASES = tomllib.loads((Path(__file__).parent / "data" / "bad" / "commands.toml").read_text())
TINY = ["--years", "1", "--residents", "200", "--set", "run.burn_in_weeks=4"]


def _setup(kind: str, tmp: Path) -> None:
    if kind == "fifo":
        os.mkfifo(tmp / "pipe.toml")
    elif kind == "fifo_exp":
        (tmp / "experiments").mkdir()
        os.mkfifo(tmp / "experiments" / "pipe.toml")
    elif kind == "loop":
        (tmp / "loop.toml").symlink_to(tmp / "loop.toml")
    elif kind == "file":
        (tmp / "afile").write_text("mine")


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse's own errors
        return int(exc.code)


@pytest.mark.timeout(60)  # a FIFO that was opened would hang here
@pytest.mark.parametrize("case", CASES["case"], ids=lambda c: c["name"])
def test_bad_command_gets_its_message(case, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _setup(case.get("setup", ""), tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    rc = _run([a.replace("{tmp}", str(tmp_path)) for a in case["args"]])
    out, err = capsys.readouterr()
    assert rc == 2, (rc, err)
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == case["error"].replace("{tmp}", str(tmp_path))
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_out_folder_is_refused_before_the_run(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert main(["run", "--out", str(locked / "out"), *TINY]) == 2
    finally:
        locked.chmod(0o755)
    assert "cannot write there" in capsys.readouterr().err


def test_a_scenario_name_with_dots_and_slashes_stays_in_results(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "work").mkdir()
    evil = tmp_path / "work" / "evil.toml"
    evil.write_text('extends = "tender_3y"\n[meta]\nname = "../../escaped"\n')
    monkeypatch.chdir(tmp_path / "work")
    assert main(["run", str(evil), *TINY, "--quiet", "--no-plots"]) == 0
    assert main(["compare", str(evil), "--seeds", "1", *TINY, "--jobs", "1", "--quiet"]) == 0
    made = sorted(p.name for p in (tmp_path / "work" / "results").iterdir())
    assert made == ["compare-____escaped", "run-____escaped-seed1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]  # nothing outside


def test_an_experiment_name_with_a_path_stays_in_results(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    exp = tmp_path / "exp.toml"
    exp.write_text('[experiment]\nname = "../../escape"\nscenarios = ["tender_3y"]\n'
                   'seeds = [1]\n')
    assert main(["sweep", str(exp), "--dry-run"]) == 0
    assert "results would go to results/____escape" in capsys.readouterr().out


def test_an_unwritable_out_folder_is_refused_before_the_run(tmp_path, monkeypatch, capsys):
    """What a read-only folder does for a normal user (as root, chmod cannot show it): the
    write test fails, and the run never starts."""
    import tempfile

    import wijksim.run

    def read_only(*a, **k):
        raise PermissionError(13, "Permission denied")

    def no_run(*a, **k):
        raise AssertionError("the run started before the folder was checked")

    monkeypatch.setattr(tempfile, "TemporaryFile", read_only)
    monkeypatch.setattr(wijksim.run, "run_scenario", no_run)
    assert main(["run", "--out", str(tmp_path / "out"), *TINY]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: --out: {tmp_path / 'out'}: cannot write there (Permission denied); choose "
        "another folder")
