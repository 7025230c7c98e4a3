"""``wijksim workshop`` on the command line: bad input refused (exit 2, one message, nothing
built), a dry run makes the session folder and prints the three addresses, --resume finds it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from wijksim.cli import main


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "wijksim.cli", "workshop", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.mark.parametrize("args, words", [
    (["--limit", "burgemeester=1"], "--limit"),
    (["--limit", "gemeente=x"], "ROLE=N"),
    (["--residents", "10"], "--residents"),
    (["--port", "0"], "--port"),
    (["--round-weeks", "0"], "--round-weeks"),
    (["no_such_scenario"], "no_such_scenario"),
])
def test_bad_options_exit_2_before_building(tmp_path, capsys, args, words):
    assert main(["workshop", *args, "--dir", str(tmp_path / "s"), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "s").exists()


def test_folder_rules(tmp_path, capsys):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    assert main(["workshop", "--dir", str(tmp_path / "full"), "--dry-run"]) == 2
    assert "not empty; add --resume" in capsys.readouterr().err
    assert main(["workshop", "--dir", str(tmp_path / "none"), "--resume", "--dry-run"]) == 2
    assert "no workshop session to resume" in capsys.readouterr().err


def test_dry_run_prints_addresses_and_resume_finds_the_session(tmp_path):
    folder = tmp_path / "s"
    out = run("tender_3y", "--residents", "600", "--burn-in", "26", "--dir", str(folder),
              "--dry-run")
    assert out.returncode == 0, out.stderr
    from wijksim.workshop.record import Record

    _, state = Record.open(folder)
    lines = out.stdout
    assert f"/facilitator?key={state['secret']}" in lines
    assert f"/projector?key={state['view_key']}" in lines
    assert f"with code {state['join_code']}" in lines and "http://127.0.0.1:" in lines
    assert "warning" not in out.stderr
    again = run("--dir", str(folder), "--resume", "--dry-run", "--host", "0.0.0.0")
    assert again.returncode == 0, again.stderr
    assert "resuming" in again.stdout and state["join_code"] in again.stdout
    assert "warning: listening on 0.0.0.0" in again.stderr
