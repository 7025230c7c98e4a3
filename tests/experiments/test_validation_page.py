"""The validation page's fixed-looking sentences are generated from current data (issue 13
items 6 and 8): the steady-state line from docs/data/steady_state.csv, the metamorphic table
from the tests' docstrings, whole."""

import ast
import importlib.util
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "experiments" / "validation" / "run_validation.py"


def page():
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        spec = importlib.util.spec_from_file_location("run_validation", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SCRIPT.parent))
    return module


def test_steady_state_line_comes_from_the_table(tmp_path):
    rv = page()
    text = rv.steady_state_sentence()
    table = pd.read_csv(rv.STEADY_STATE)
    assert f"over {table['seeds'].max()} seeds" in text
    assert "initiatives' membership" not in text
    # a different table gives a different sentence
    changed = table.assign(change=table["change"] * 2, seeds=7)
    changed.to_csv(tmp_path / "ss.csv", index=False)
    rv.STEADY_STATE = tmp_path / "ss.csv"
    other = rv.steady_state_sentence()
    assert other != text and "over 7 seeds" in other


def test_metamorphic_table_shows_whole_descriptions():
    rv = page()
    rows = [x for x in rv.metamorphic_section() if x.startswith("| `test_")]
    tree = ast.parse(rv.METAMORPHIC.read_text())
    tests = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    assert len(rows) == len(tests)
    for row, node in zip(rows, tests):
        doc = ast.get_docstring(node)
        if doc:  # the first paragraph whole, not its first line
            first = " ".join(doc.split("\n\n")[0].split())
            assert first.replace("|", "\\|") in row
