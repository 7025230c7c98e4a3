"""Experiment files: the shipped ones are valid; each wrong file gets one clear message
(file, key, value, what is allowed) and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijksim.experiments import MAIN_OUTCOMES, load_experiment
from wijksim.experiments.design import design_points
from wijksim.experiments.spec import comparison, shipped_experiments
from wijksim.scenario import ScenarioError

from .conftest import REPO, cli, wijksim

BAD = sorted((Path(__file__).parents[1] / "data" / "bad" / "experiments").glob("*.toml"))
SHIPPED = sorted((REPO / "experiments").glob("*.toml"))


def expected(path: Path) -> str:
    first = path.read_bytes().decode("utf-8", "replace").splitlines()[0]
    assert first.startswith("# expect: "), path
    return first[len("# expect: "):]


def test_the_issue_s_experiments_are_shipped():
    names = set(shipped_experiments())
    assert {"regimes", "contract_length", "sobol_main"} <= names
    assert {p.stem for p in SHIPPED} == names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_experiments_are_valid(path):
    exp = load_experiment(path)
    assert exp.name == path.stem
    assert exp.scenarios and exp.seeds
    assert len(design_points(exp)) >= 1
    rc, out, err = cli("validate", str(path))
    assert rc == 0, err
    assert f"experiment '{exp.name}'" in out


def test_shipped_experiments_match_their_stated_purpose():
    regimes = load_experiment("regimes")
    assert regimes.labels == ("tender_3y", "tender_9y", "subsidy", "populatiebesteding")
    assert regimes.is_comparison
    cl = load_experiment("contract_length")
    (p,) = cl.parameters
    assert p.key == "funding.tender.contract_years" and p.levels() == list(range(1, 13))
    pb = load_experiment("populatiebesteding_morris")  # issue 17: its keys are sweepable
    keys = {p.key for p in pb.parameters}
    assert {"funding.populatiebesteding.population_weight", "prevention.response",
            "funding.populatiebesteding.coordination_share"} <= keys
    assert all(s.values["funding.regime"] == "populatiebesteding" for s in pb.scenarios)
    sobol = load_experiment("sobol_main")
    assert sobol.method == "sobol" and len(sobol.parameters) >= 4
    assert set(sobol.analysis_outcomes) >= set(MAIN_OUTCOMES)
    n, d = sobol.samples, len(sobol.parameters)
    assert len(design_points(sobol)) == n * (d + 2)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_each_bad_file_gets_one_clear_problem(path):
    with pytest.raises(ScenarioError) as err:
        load_experiment(path)
    problems = err.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    assert problems[0].file.startswith(str(path)), problems[0]
    assert expected(path) in str(problems[0])


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_sweep_of_a_bad_file_exits_2_with_one_line(path):
    rc, out, err = cli("sweep", str(path), "--dry-run")
    assert rc == 2, out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert str(path) in lines[0] and expected(path) in lines[0]


def test_a_bad_file_exits_2_from_the_real_command_line():
    res = wijksim("sweep", str(BAD[0]), "--dry-run")
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and expected(BAD[0]) in res.stderr
    assert "Traceback" not in res.stderr


def test_validate_routes_experiment_files_to_the_experiment_checks():
    """``wijksim validate`` recognises files with [experiment] or [design] tables."""
    text = {p: p.read_bytes().decode("utf-8", "replace") for p in BAD}
    routed = [p for p in BAD if "[experiment]" in text[p] or "[design]" in text[p]]
    routed = [p for p in routed if p.stem not in ("syntax_error", "latin1_encoding")]
    rc, _, err = cli("validate", *map(str, routed))
    assert rc == 2
    lines = err.strip().splitlines()
    assert len(lines) == len(routed)
    for path, line in zip(routed, lines):
        assert expected(path) in line, (path, line)


def test_several_problems_in_one_file_are_all_reported(write_experiment):
    path = write_experiment("""
        [experiment]
        scenarios = ["tender_3y"]
        seeds = 0
        outcomes = ["cohesoin"]
        [design]
        method = "sobol"
        samples = 12
        [parameters]
        funding.tender.staff_moves = { low = 0.1, high = 2.0 }
    """)
    with pytest.raises(ScenarioError) as err:
        load_experiment(path)
    text = [str(p) for p in err.value.problems]
    assert len(text) == 4, text
    for part in ("experiment.seeds = 0", "cohesoin", "design.samples = 12", "high = 2.0"):
        assert any(part in t for t in text), (part, text)


def test_command_line_options_override_the_file(write_experiment, tmp_path):
    path = write_experiment("""
        [experiment]
        scenarios = ["tender_3y"]
        seeds = 5
        [design]
        method = "grid"
        [parameters]
        funding.tender.contract_years = [1, 2]
    """)
    exp = load_experiment(path, seeds=2, years=3, residents=800,
                          overrides={"funding.tender.staff_moves": 0.9}, out=tmp_path / "o")
    assert exp.seeds == (1, 2) and exp.out == tmp_path / "o"
    s = exp.scenarios[0]
    assert (s["run.years"], s["wijk.residents"], s["funding.tender.staff_moves"]) == (3, 800, 0.9)
    with pytest.raises(ScenarioError) as err:
        load_experiment(path, overrides={"funding.tender.staff_moves": 3})
    assert [p.file for p in err.value.problems] == ["--set"]


def test_scenario_paths_are_relative_to_the_experiment_file(tmp_path, write_experiment):
    (tmp_path / "mine.toml").write_text('extends = "tender_3y"\n[meta]\nname = "mine"\n'
                                        "[funding.tender]\nstaff_moves = 0.9\n")
    path = write_experiment('[experiment]\nscenarios = ["mine.toml", "subsidy"]\n')
    exp = load_experiment(path)
    assert exp.labels == ("mine", "subsidy")
    assert exp.scenarios[0]["funding.tender.staff_moves"] == 0.9


def test_comparison_reports_each_bad_scenario():
    with pytest.raises(ScenarioError) as err:
        comparison(["tender_3y", "no_such_scenario", "tender_3y"], seeds=0)
    text = " | ".join(str(p) for p in err.value.problems)
    assert len(err.value.problems) == 3, text
    assert "--seeds = 0" in text and "no_such_scenario" in text and "named twice" in text


def test_compare_with_bad_input_exits_2_without_traceback():
    rc, _, err = cli("compare", "tender_3y", "tender_3z", "--seeds", "2")
    assert rc == 2
    assert "tender_3z" in err and len(err.strip().splitlines()) == 1


def test_the_reference_page_covers_every_key_method_and_shipped_file():
    from wijksim.experiments.spec import LIST_KEYS, METHODS, SCALAR_KEYS

    page = (REPO / "docs" / "experiments.md").read_text()
    for name in SCALAR_KEYS:
        table, key = name.split(".")
        assert f"`{key}`" in page and f"[{table}]" in page, name
    for table, keys in LIST_KEYS.items():
        for key in keys:
            assert f"`{key}`" in page, f"{table}.{key}"
    for method in METHODS:
        assert f"`{method}`" in page, method
    for path in SHIPPED:
        assert f"`{path.name}`" in page, path.name


def test_every_assumption_with_one_number_can_be_a_sensitivity_parameter(tmp_path):
    """The numbers moved out of the model code (issue 12) are ordinary keys: a screening can
    vary each scalar assumption, here every one at once within 20 % of its default."""
    from wijksim.scenario.schema import ASSUMPTION, KEYS

    lines = ['[experiment]', 'name = "all_assumptions"', 'scenarios = ["tender_3y"]',
             '[design]', 'method = "lhs"', 'samples = 4', '[parameters]']
    varied = []
    for name, key in KEYS.items():
        if key.status != ASSUMPTION or key.type not in (int, float) or not key.default:
            continue
        d = key.default
        low, high = (d - 1, d + 1) if key.type is int else (0.8 * d, 1.2 * d)
        low, high = sorted((low, high))
        low = max(low, key.lo) if key.lo is not None else low
        high = min(high, key.hi) if key.hi is not None else high
        if low < high:
            lines.append(f"{name} = {{ low = {low!r}, high = {high!r} }}")
            varied.append(name)
    path = tmp_path / "all_assumptions.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    exp = load_experiment(path)
    assert {p.key for p in exp.parameters} == set(varied)
    for new in ("places.hospitality_base", "meeting.habit_pull", "help.willing_base",
                "professionals.widening_rate", "initiatives.coordinator_relief",
                "shocks.heat_prof_call", "run.clustering_sample"):
        assert new in varied
