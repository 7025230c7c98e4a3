"""What users see: the compare and sweep verbs, their reports, figures and provenance, and the
sensitivity indices of a sweep."""

from __future__ import annotations

import subprocess
import sys

import matplotlib.image as mpimg
import numpy as np
import pandas as pd
import pytest

from wijksim.experiments import MAIN_OUTCOMES, load_results, sensitivity, sweep
from wijksim.analysis.stats import FLOWS
from wijksim.scenario import load_scenario

from .conftest import REPO, TINY, TINY_ARGS, cli


def readable_png(path, min_width=1000):
    img = mpimg.imread(path)
    assert img.shape[1] >= min_width, (path, img.shape)
    assert img[..., :3].std() > 0.05  # not blank
    return img


@pytest.mark.slow
def test_compare_writes_a_report_with_figures_tables_and_provenance(tmp_path):
    out = tmp_path / "cmp"
    rc, stdout, err = cli("compare", "tender_3y", "subsidy", *TINY_ARGS, "--seeds", "3",
                          "--jobs", "1", "--out", str(out))
    assert rc == 0, err
    for line in ("2 scenarios x 3 seeds = 6 runs (600 residents, 2 years each)",
                 "Last-year values, mean ± 95% interval (mean [low, high] where it is not symmetric), over 3 seeds", "subsidy − tender_3y",
                 f"Report: {out / 'report.md'}"):
        assert line in stdout, stdout
    for name in ("report.md", "report.html", "trajectories.png", "differences.png",
                 "summary.csv", "differences.csv", "end_values.csv", "manifest.json"):
        assert (out / name).is_file(), name
    readable_png(out / "trajectories.png")
    readable_png(out / "differences.png")

    res = load_results(out)
    md = (out / "report.md").read_text()
    assert md.startswith("# Comparison: tender_3y, subsidy")
    assert "![" in md and "trajectories.png" in md and "differences.png" in md
    assert "<table>" in (out / "report.html").read_text()
    # provenance: scenario hash of exactly what ran, seed, package version
    over = {**TINY}
    for label in ("tender_3y", "subsidy"):
        rows = res.runs[res.runs.label == label]
        assert set(rows["scenario_hash"]) == {load_scenario(label, overrides=over).hash}
        assert f"`{load_scenario(label, overrides=over).hash}`" in md
        assert list(rows["seed"]) == [1, 2, 3]  # the same seeds in every scenario
    assert set(res.runs["wijksim_version"]) == {__import__("wijksim").__version__}
    # tables: every main outcome, end values inside their intervals
    summary = pd.read_csv(out / "summary.csv")
    assert set(summary["outcome"]) == set(MAIN_OUTCOMES)
    assert ((summary["low"] <= summary["mean"] + 1e-12) & (summary["mean"] <= summary["high"]
                                                           + 1e-12)).all()
    diffs = pd.read_csv(out / "differences.csv")
    assert set(zip(diffs["a"], diffs["b"])) == {("tender_3y", "subsidy")}
    # the per-seed difference table agrees with the run-level end values
    end = res.end_values()
    for outcome in ("cohesion", "escalations"):
        a = end[end.label == "tender_3y"].set_index("seed")[outcome]
        b = end[end.label == "subsidy"].set_index("seed")[outcome]
        row = diffs[diffs.outcome == outcome].iloc[0]
        assert np.isclose(row["mean"], (b - a).mean())
    assert "escalations" in FLOWS  # reported per year, not per week

    # the same comparison again reuses its runs (make demo twice works, quickly); another
    # one (fewer seeds) is refused unless --overwrite, so no results are lost silently
    rc, stdout, err = cli("compare", "tender_3y", "subsidy", *TINY_ARGS, "--seeds", "3",
                          "--jobs", "1", "--out", str(out))
    assert rc == 0 and "6 runs already stored" in stdout and "0 to run" in stdout, err
    rc, stdout, err = cli("compare", "tender_3y", "subsidy", *TINY_ARGS, "--seeds", "2",
                          "--jobs", "1", "--out", str(out), "--quiet")
    assert rc == 2 and "another comparison" in err
    rc, stdout, err = cli("compare", "tender_3y", "subsidy", *TINY_ARGS, "--seeds", "2",
                          "--jobs", "1", "--out", str(out), "--quiet", "--overwrite")
    assert rc == 0 and stdout == "", err
    assert len(load_results(out).runs) == 4


SOBOL = """
[experiment]
name = "tiny_sobol"
scenarios = ["tender_3y"]
seeds = 1
outcomes = ["wijkkennis", "cohesion", "trust"]
[design]
method = "{method}"
samples = 4
seed = 5
[parameters]
professionals.wijkkennis_learning = {{ low = 0.002, high = 0.05 }}
shocks.heatwave_week = {{ low = 0, high = 51 }}   # inert: there is no heat wave
"""


@pytest.mark.slow
@pytest.mark.parametrize("method", ["sobol", "morris"])
def test_sensitivity_finds_the_key_that_matters_and_not_the_inert_one(write_experiment,
                                                                       tmp_path, method):
    path = write_experiment(SOBOL.format(method=method), years=1)
    out = tmp_path / "out"
    rc, stdout, err = cli("sweep", str(path), "--jobs", "1", "--out", str(out))
    assert rc == 0, err
    idx = sensitivity(out)
    assert len(idx) == 3 * 2  # outcomes x keys, one scenario
    idx = idx.set_index(["outcome", "parameter"])
    measure = "ST" if method == "sobol" else "mu_star"
    inert = idx.xs("shocks.heatwave_week", level="parameter")
    assert (inert[measure].abs() < 1e-12).all()  # common random numbers: exactly no effect
    if method == "sobol":
        assert (inert["S1"].abs() < 1e-12).all()
        assert idx.loc[("wijkkennis", "professionals.wijkkennis_learning"), "ST"] > 0.1
    else:
        assert idx.loc[("wijkkennis", "professionals.wijkkennis_learning"), "mu_star"] > 0
    assert (out / "sensitivity.png").is_file() and (out / "sensitivity.csv").is_file()
    readable_png(out / "sensitivity.png", min_width=600)
    md = (out / "report.md").read_text()
    assert "## Sensitivity" in md and "sensitivity.png" in md
    assert ("Largest total Sobol index" if method == "sobol" else "Largest Morris mu*") in stdout


@pytest.mark.slow
def test_grid_sweep_report_shows_the_response(write_experiment, tmp_path):
    path = write_experiment("""
        [experiment]
        name = "tiny_grid"
        scenarios = ["tender_3y"]
        reference = ["subsidy"]
        seeds = 2
        outcomes = ["cohesion", "wijkkennis", "trust"]
        [parameters]
        funding.tender.contract_years = [1, 2]
    """, years=2)
    res = sweep(path, jobs=1, out=tmp_path / "g")
    resp = res.response()
    assert set(resp["point"]) == {-1, 0, 1}
    assert set(resp.loc[resp.point >= 0, "funding.tender.contract_years"]) == {1, 2}
    png = tmp_path / "g" / "response-funding_tender_contract_years.png"
    readable_png(png)
    md = (tmp_path / "g" / "report.md").read_text()
    assert "## Response" in md and "(reference)" in md
    # the shipped example reads the same folder with pandas and with DuckDB
    ex = subprocess.run([sys.executable, str(REPO / "experiments" / "load_results.py"),
                         str(tmp_path / "g"), "trust"], capture_output=True, text=True,
                        timeout=120)
    assert ex.returncode == 0, ex.stdout + ex.stderr
    assert "pandas and DuckDB agree" in ex.stdout
    assert "funding.tender.contract_years" in ex.stdout
