"""Scenario discovery and robustness (issue 15 items 5-6): the [discovery] table's checks,
PRIM and CART finding a known box, regret and share within the threshold, missing runs, and
the shipped experiment end to end at a tiny size."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("ema_workbench")

from wijksim.analysis import discovery  # noqa: E402
from wijksim.experiments import load_experiment  # noqa: E402
from wijksim.scenario import ScenarioError  # noqa: E402

from .conftest import cli  # noqa: E402

LABELS = ["tender_3y", "tender_9y", "subsidy"]
SETTINGS = {"contrast": ["subsidy", "tender_3y"], "outcome": "hidden_need_share",
            "threshold": "materiality", "coverage": 0.5, "policies": LABELS}


@dataclass
class FakeResults:
    """What the analysis reads of a Results: manifest, labels, points, runs, end values."""

    points: pd.DataFrame
    values: pd.DataFrame
    manifest: dict = field(default_factory=dict)

    @property
    def labels(self):
        return LABELS

    @property
    def runs(self):
        return self.values[["label", "point", "seed"]]

    def end_values(self, outcomes):
        return self.values[["label", "point", "seed", *outcomes]]


def fake(n=80, drop=None) -> FakeResults:
    """Subsidy lowers hidden need by 1 pp where x1 > 0.6, else by 0.1 pp (below the 0.5 pp
    threshold); tender_9y sits in between. Every other outcome: equal everywhere."""
    rng = np.random.default_rng(4)
    pts = pd.DataFrame({"help.v_after_help": rng.uniform(0.01, 0.1, n),
                        "funding.budget_per_resident": rng.uniform(100, 250, n)})
    pts.index.name = "point"
    x1 = (pts["help.v_after_help"] - 0.01) / 0.09
    rows = []
    for p in pts.index:
        for seed in (1, 2):
            gain = 0.01 if x1[p] > 0.6 else 0.001
            base = 0.03 + rng.normal(0, 1e-4)
            for lab, v in (("tender_3y", base), ("tender_9y", base - gain / 2),
                           ("subsidy", base - gain)):
                rows.append({"label": lab, "point": p, "seed": seed, "hidden_need_share": v,
                             **{o: 0.5 for o in ("cohesion", "vraagverlegenheid", "trust",
                                                 "wijkkennis", "lonely_share")},
                             "escalations": 3.0, "initiatives": 2.0})
    vals = pd.DataFrame(rows)
    if drop is not None:
        vals = vals.drop(index=drop)
    manifest = {"discovery": SETTINGS, "seeds": [1, 2],
                "parameters": [{"key": k} for k in pts.columns],
                "outcomes": list(vals.columns[3:])}
    return FakeResults(pts, vals, manifest)


def test_prim_and_cart_find_the_box_that_was_built_in():
    res = fake()
    cond = discovery.condition(res, SETTINGS)
    x1 = (res.points["help.v_after_help"] - 0.01) / 0.09
    assert (cond["holds"] == (x1 > 0.6)).all()
    box, i = discovery.run_prim(res.points, cond["holds"].to_numpy(), 0.5)
    stats, lims = box.inspect(i, style="data")[0]
    assert stats["coverage"] >= 0.5 and stats["density"] >= 0.9
    assert "help.v_after_help" in lims.index
    assert abs(lims.loc["help.v_after_help"].iloc[0] - (0.01 + 0.6 * 0.09)) < 0.01
    c = discovery.run_cart(res.points, cond["holds"].to_numpy())
    assert max(s["density"] for s in c.stats) == 1.0


def test_robustness_share_within_and_regret():
    res = fake()
    rob = discovery.robustness(res, LABELS, ["hidden_need_share", "cohesion"])
    assert (rob["regret"] >= -1e-12).all()
    tab = discovery.robustness_table(rob).set_index(["outcome", "policy"])
    x1 = (res.points["help.v_after_help"] - 0.01) / 0.09
    assert tab.at[("hidden_need_share", "subsidy"), "share_within"] == 1.0
    assert tab.at[("hidden_need_share", "tender_3y"), "share_within"] == pytest.approx(
        (x1 <= 0.6).mean())
    assert tab.at[("hidden_need_share", "tender_3y"), "max_regret"] == pytest.approx(0.01,
                                                                                    abs=1e-3)
    assert (tab.xs("cohesion")["share_within"] == 1.0).all()  # equal policies: all robust
    # in every future at least one policy is the best (regret 0)
    best = rob[rob["regret"] <= 1e-12].groupby(["outcome", "point"]).size()
    assert len(best) == 2 * len(res.points)


def test_missing_runs_are_listed_and_nothing_is_fitted(tmp_path):
    res = fake(n=20, drop=[5, 6])
    res.manifest["seeds"] = [1, 2]
    miss = discovery.missing_runs(res)
    assert len(miss) == 2
    blocks = discovery.discovery_blocks(res, tmp_path)
    text = " ".join(str(b[-1]) for b in blocks)
    assert "2 runs of the design are missing" in text
    assert not (tmp_path / "prim_tradeoff.png").exists()


@pytest.mark.parametrize("line, words", [
    ('outcome = "hidden_need"', ["discovery.outcome", "did you mean 'hidden_need_share'"]),
    ('outcome = "share_connected"', ["discovery.outcome", "no direction or threshold"]),
    ('threshold = "big"', ["discovery.threshold", '"materiality"', "a number"]),
    ("threshold = true", ["discovery.threshold"]),
    ("threshold = -0.1", ["discovery.threshold"]),
    ('contrast = ["subsidy", "tender_5y"]', ["discovery.contrast"]),
    ("coverage = 2", ["discovery.coverage"]),
    ("colour = 3", ["discovery.colour"]),
])
def test_a_bad_condition_gets_one_clear_message(tmp_path, line, words):
    text = (Path(__file__).parents[2] / "experiments" / "subsidy_discovery.toml").read_text()
    key = line.split(" =")[0]
    lines = [ln for ln in text.splitlines() if not ln.startswith(f"{key} =")]
    path = tmp_path / "d.toml"
    path.write_text("\n".join(lines) + f"\n{line}\n")
    with pytest.raises(ScenarioError) as err:
        load_experiment(path)
    assert len(err.value.problems) == 1, err.value.problems
    msg = str(err.value.problems[0])
    for w in words:
        assert w in msg, msg
    rc, out, stderr = cli("sweep", str(path), "--dry-run")
    assert rc == 2 and stderr.count("error:") == 1 and "Traceback" not in stderr


def test_report_condition_options_are_checked_before_work(tmp_path):
    rc, _, err = cli("report", str(tmp_path), "--outcome", "nope")
    assert rc == 2 and "--outcome" in err and "did you mean" not in err
    rc, _, err = cli("report", str(tmp_path), "--threshold", "big")
    assert rc == 2 and "--threshold" in err


def test_the_shipped_experiment_asks_the_question():
    exp = load_experiment("subsidy_discovery")
    assert exp.method == "lhs" and exp.discovery["contrast"] == ["subsidy", "tender_3y"]
    # every shipped funding regime, in the design and in the robustness analysis
    shipped = {"tender_3y", "tender_9y", "subsidy", "populatiebesteding"}
    assert set(exp.labels) == shipped and set(exp.discovery["policies"]) == shipped
    assert exp.discovery["threshold"] == "materiality"
    runs = len(exp.scenarios) * exp.samples * len(exp.seeds)
    assert runs <= 320  # modest by default: 40 points x 4 regimes x 2 seeds


def test_the_report_section_has_the_tradeoff_box_limits_and_quasi_p_values(tmp_path):
    res = fake()
    blocks = discovery.discovery_blocks(res, tmp_path)
    imgs = [b[1] for b in blocks if b[0] == "img"]
    assert imgs == ["prim_tradeoff.png", "prim_box.png", "cart_tree.png", "robustness.png"]
    for name in imgs:
        assert (tmp_path / name).stat().st_size > 10_000, name
    tables = [b[1] for b in blocks if b[0] == "table"]
    limits = next(t for t in tables if t[0][-1] == "quasi-p")
    row = next(r for r in limits[1] if r[0] == "`help.v_after_help`")
    assert float(row[3].split(",")[0]) < 0.05  # the built-in limit is no chance finding
    text = " ".join(b[1] for b in blocks if b[0] == "p")
    assert "holds in **" in text and "coverage" in text and "density" in text
    nl = discovery.discovery_blocks(res, tmp_path, lang="nl")
    assert any(b[0] == "h" and "Robuustheid" in b[2] for b in nl)


@pytest.mark.slow
def test_the_shipped_experiment_runs_end_to_end_at_a_tiny_size(tmp_path):
    """8 points (the issue's reproduction), then `wijksim report` again on a condition that
    holds at some points but not all, so PRIM and CART are fitted on the real design: EMA's
    CART used to stop the report with a traceback there (min_samples_leaf = 0)."""
    out = tmp_path / "disc"
    rc, _, err = cli("sweep", "subsidy_discovery", "--samples", "8", "--seeds", "1",
                     "--residents", "600", "--years", "1", "--set", "run.burn_in_weeks=26",
                     "--jobs", "1", "--quiet", "--out", str(out))
    assert rc == 0, err
    md = (out / "report.md").read_text()
    assert "## Scenario discovery" in md and "## Robustness across futures" in md
    assert "holds in **" in md
    shipped = {*LABELS, "populatiebesteding"}
    rob = pd.read_csv(out / "robustness.csv")
    assert set(rob["policy"]) == shipped and rob["share_within"].between(0, 1).all()
    assert (rob["mean_regret"] >= 0).all()
    cond = pd.read_csv(out / "discovery_condition.csv")
    assert len(cond) == 8
    # a condition that holds at some points only: an outcome on which subsidy gains over
    # tender_3y at one point at least, and a threshold (>= 0) that splits the gains
    from wijksim.experiments import load_results

    res = load_results(out)
    for outcome in ("trust", "wijkkennis", "cohesion", "vraagverlegenheid"):
        gains = np.sort(discovery.condition(res, {**SETTINGS, "outcome": outcome,
                                                  "threshold": 0.0})["gain"].to_numpy())
        pos = gains > 0
        if pos.any() and (not pos.all() or gains[3] < gains[4]):
            break
    else:
        pytest.fail(f"no outcome with a gain to split at these 8 points: {gains}")
    threshold = (gains[3] + gains[4]) / 2 if pos.all() else gains[pos].min() / 2
    rc, _, err = cli("report", str(out), "--outcome", outcome, "--threshold", f"{threshold:.9g}")
    assert rc == 0 and "Traceback" not in err, err
    cond = pd.read_csv(out / "discovery_condition.csv")
    assert 0 < cond["holds"].sum() < 8, cond
    md = (out / "report.md").read_text()
    assert "### PRIM" in md and "### CART" in md and "could not be computed" not in md
    assert (out / "cart_tree.png").exists() and len(pd.read_csv(out / "cart_boxes.csv"))


@pytest.mark.parametrize("n", [8, 16])
def test_prim_and_cart_are_fitted_on_a_small_design(tmp_path, n):
    """The first-look design has 16 points, and 8 is allowed: EMA's CART turned
    mass_min=0.05 into min_samples_leaf=int(0.05 * n) = 0 below 20 points, and
    scikit-learn refused it with a traceback that lost the whole report."""
    res = fake(n=n)
    holds = discovery.condition(res, SETTINGS)["holds"]
    assert 0 < holds.sum() < n  # the condition holds at some points, not all: CART runs
    blocks = discovery.discovery_blocks(res, tmp_path)
    text = " ".join(str(b[-1]) for b in blocks)
    assert "could not be computed" not in text
    assert (tmp_path / "cart_tree.png").exists() and (tmp_path / "prim_box.png").exists()
    assert len(pd.read_csv(tmp_path / "cart_boxes.csv")) >= 1


def test_cart_leaves_hold_at_least_one_point_at_any_design_size():
    for n in range(1, 400):
        assert int(discovery.cart_mass_min(n) * n) >= 1, n  # what EMA's CART computes
    assert discovery.cart_mass_min(400) == discovery.CART_MASS


def test_an_analysis_that_fails_is_a_report_paragraph_not_a_traceback(tmp_path, monkeypatch):
    def broken(*args):
        raise ValueError("no box here")

    monkeypatch.setattr(discovery, "run_cart", broken)
    for lang, words in (("en", "CART could not be computed on this design"),
                        ("nl", "CART kon op deze opzet niet berekend worden")):
        blocks = discovery.discovery_blocks(fake(n=16), tmp_path, lang=lang)
        text = " ".join(str(b[-1]) for b in blocks if b[0] == "p")
        assert words in text and "ValueError: no box here" in text
        assert any(b[0] == "h" and b[2] == "PRIM" for b in blocks)  # the rest stands
        assert any(b[0] == "img" and b[1] == "robustness.png" for b in blocks)
