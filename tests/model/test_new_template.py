"""``wijksim new`` writes a file a student can edit line by line (issue 19): every commented
line becomes valid TOML and a valid scenario when its ``#`` is removed, and no line is cut
short."""

from __future__ import annotations

import pytest

from wijksim.cli import MAIN_LEVERS, main
from wijksim.scenario import KEYS, ScenarioError, load_scenario


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("new")
    assert main(["new", "mijn_wijk", "--from", "subsidy", "--dir", str(folder)]) == 0
    return folder / "mijn_wijk.toml"


def test_uncommenting_any_one_line_keeps_a_valid_scenario(written):
    lines = written.read_text().splitlines()
    commented = [i for i, line in enumerate(lines) if line.lstrip().startswith("#")]
    assert len(commented) > len(KEYS)
    failures = []
    for i in commented:
        edited = list(lines)
        edited[i] = edited[i].replace("#", "", 1)  # what a student does: delete the '#'
        path = written.with_name(f"edit_{i}.toml")
        path.write_text("\n".join(edited) + "\n")
        try:
            load_scenario(path)
        except ScenarioError as err:
            failures.append((lines[i], str(err)))
        path.unlink()
    assert not failures, failures[:3]


def test_no_line_is_cut_short(written):
    text = written.read_text()
    for name in MAIN_LEVERS:  # each main lever's description is there in full
        assert KEYS[name].doc in text, name


def test_uncommenting_a_summary_line_entirely_gets_a_hint(written, tmp_path):
    lines = written.read_text().splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("##   ["))
    lines[i] = lines[i].lstrip("#")
    path = tmp_path / "student.toml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert f"TOML syntax error at line {i + 1}" in str(err.value)
    assert "summary line from the top of a file made by 'wijksim new'" in str(err.value)
