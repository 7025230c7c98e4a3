"""Fixtures for the experiment layer: tiny experiment files and a quick CLI runner.

Runs here are small (600-1000 residents, 2-3 years, a short burn-in) so the whole folder
stays within a few minutes on two cores. Tests check behaviour and invariants, never the
model's calibrated numbers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TINY = {"wijk.residents": 600, "run.years": 2, "run.burn_in_weeks": 26}
TINY_SET = "[set]\nrun.burn_in_weeks = 26\n"
TINY_ARGS = ["--residents", "600", "--years", "2", "--set", "run.burn_in_weeks=26"]


def experiment_text(body: str, years: int = 2, residents: int = 600) -> str:
    """An experiment file: ``body`` plus the tiny sizes (unless the body sets them)."""
    body = textwrap.dedent(body).strip() + "\n"
    head = ""
    if "[experiment]" not in body:
        raise ValueError("body needs an [experiment] table")
    if "years =" not in body:
        head += f"years = {years}\n"
    if "residents =" not in body:
        head += f"residents = {residents}\n"
    body = body.replace("[experiment]\n", "[experiment]\n" + head, 1)
    if "[set]" not in body:
        body += "\n" + TINY_SET
    return body


@pytest.fixture
def write_experiment(tmp_path):
    """write_experiment(body, name="exp") -> path of a tiny experiment file in tmp_path."""

    def write(body: str, name: str = "exp", **sizes) -> Path:
        path = tmp_path / f"{name}.toml"
        path.write_text(experiment_text(body, **sizes))
        return path

    return write


GRID = """
[experiment]
name = "grid"
scenarios = ["tender_3y", "subsidy"]
seeds = 2
outcomes = ["cohesion", "vraagverlegenheid", "hidden_need_share", "escalations", "trust",
            "wijkkennis", "initiatives"]

[design]
method = "grid"

[parameters]
funding.tender.staff_moves = [0.2, 0.8]
"""


@pytest.fixture
def grid_file(write_experiment):
    """2 points x 2 scenarios x 2 seeds = 8 tiny runs (600 residents, 1 year)."""
    return write_experiment(GRID, name="grid", years=1)


def wijksim(*args: str, cwd: Path | None = None, timeout: float = 300
            ) -> subprocess.CompletedProcess:
    """Run the real command line in a fresh process (what a user types)."""
    env = {**os.environ, "MPLBACKEND": "Agg", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "wijksim.cli", *args], cwd=cwd or REPO,
                          capture_output=True, text=True, timeout=timeout, env=env)


def comparable(df):
    """A run table without what legitimately differs between executions: timings, and the
    checkout's commit (other people commit while a test runs in a shared checkout)."""
    return df.drop(columns=["seconds", "git_commit", "provenance"], errors="ignore")


def cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, stdout, stderr). The same
    ``main()`` as the installed script, without a new interpreter's start-up time."""
    import contextlib
    import io

    from wijksim.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = main(list(args))
            except SystemExit as exc:  # argparse errors
                rc = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(old)
    return rc, out.getvalue(), err.getvalue()
