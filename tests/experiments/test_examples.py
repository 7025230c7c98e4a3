"""docs/examples (issue 15 item 8): the DuckDB and pandas answers to one research question,
run on a real (tiny) contract-length sweep; both must give the same numbers and answer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from wijksim.experiments import load_results, sweep

from .conftest import REPO

EXAMPLES = REPO / "docs" / "examples"


@pytest.fixture(scope="module")
def contract_sweep(tmp_path_factory):
    folder = tmp_path_factory.mktemp("examples")
    path = folder / "cl.toml"
    path.write_text("""
[experiment]
name = "cl"
scenarios = ["tender_3y"]
reference = ["subsidy"]
seeds = 2
years = 2
residents = 600
outcomes = ["wijkkennis", "trust"]
[set]
run.burn_in_weeks = 26
[parameters]
funding.tender.contract_years = [1, 3]
""")
    sweep(path, jobs=1, out=folder / "res")
    return folder / "res"


def run_example(name, folder):
    ex = subprocess.run([sys.executable, str(EXAMPLES / name), str(folder)],
                        capture_output=True, text=True, timeout=300)
    assert ex.returncode == 0, ex.stdout + ex.stderr
    return ex.stdout


@pytest.mark.slow
def test_duckdb_and_pandas_examples_answer_alike(contract_sweep):
    duck = run_example("contract_length_duckdb.py", contract_sweep)
    pand = run_example("contract_length_pandas.py", contract_sweep)
    table = lambda out: [ln for ln in out.splitlines() if not ln.startswith("answer")]  # noqa
    assert table(duck) == table(pand)
    answer = lambda out: out.split("answer: ")[1].split(" (")[0]  # noqa: E731
    assert answer(duck) == answer(pand)
    # and the numbers are those of wijksim's own tables
    end = load_results(contract_sweep).end_values(["wijkkennis"])
    ref = end[end.point == -1].set_index("seed")["wijkkennis"]
    one = end[(end.point == 0)].set_index("seed")["wijkkennis"]
    first = table(duck)[1].split()
    assert first[0] == "1" and float(first[3]) == pytest.approx((one - ref).mean(), abs=1e-4)
