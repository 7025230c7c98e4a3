"""docs/tutorial.md cannot rot: run every command on the page (on a smaller wijk) in an empty
folder, apply the edits and files it describes, and check that each command prints what the
page shows - apart from numbers, hashes and timings, which legitimately change."""

from __future__ import annotations

import re
import shlex

import pytest

from wijksim.experiments.tutorial import run_steps, steps

from .conftest import REPO

TUTORIAL = REPO / "docs" / "tutorial.md"
SMALL = {"--residents": "600", "--years": "2"}
def normalise(line: str) -> str:
    line = re.sub(r"\b[0-9a-f]{16}\b", "<hash>", line)
    line = re.sub(r"\d+ min \d+ s", "# s", line)
    line = re.sub(r"[-+−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?", "#", line)
    line = line.replace("–", "#").rstrip("* ")
    line = re.sub(r"(on # processes|in this process)", "on # processes", line)
    # an interval is 'mean ± half' where symmetric, else 'mean [low, high]': either is one
    line = re.sub(r"#(%?) ± #%?|#(%?) \[#%?, #%?\]", lambda m: "#" + (m.group(1) or
                                                                     m.group(2) or "") + " ~",
                  line)
    return " ".join(line.split())


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line after normalising; '...' in expected stands for any lines."""
    exp = [normalise(x) for x in expected if x.strip()]
    act = [normalise(x) for x in actual if x.strip() and not x.startswith("note: ")]
    pattern = "".join(".*?" if e == "..." else re.escape(e + "\n") for e in exp)
    return re.fullmatch(pattern, "".join(a + "\n" for a in act), flags=re.S) is not None


def small(cmd: list[str]) -> list[str]:
    out = [SMALL.get(cmd[k - 1], a) if k else a for k, a in enumerate(cmd)]
    if cmd[1] in ("compare", "sweep") and "--dry-run" not in cmd:
        out += ["--set", "run.burn_in_weeks=26"]
    return out


def test_the_tutorial_has_what_the_issue_asks_for():
    found = list(steps(TUTORIAL.read_text()))
    verbs = [shlex.split(p[0])[1] for k, p in found if k == "cmd"]
    assert verbs[0] == "new" and "validate" in verbs and "compare" in verbs and "sweep" in verbs
    assert any(k == "edit" for k, _ in found) and any(k == "file" for k, _ in found)
    assert all(p[1] for k, p in found if k == "cmd"), "every command shows what it prints"


@pytest.mark.slow
@pytest.mark.xdist_group("pools")
def test_every_tutorial_command_runs_and_prints_what_the_page_shows(tmp_path):
    """The steps of the page, in order, as wijksim.experiments.tutorial does them to make the
    page's numbers - here on a smaller wijk."""

    def check(cmd, expected, out):
        assert matches(expected, out), (f"\n$ {cmd}\n--- the page shows:\n"
                                        + "\n".join(expected) + "\n--- it printed:\n"
                                        + "\n".join(out))

    printed = run_steps(TUTORIAL.read_text(), tmp_path, adapt=small, check=check)
    assert len(printed) >= 6


def test_interval_forms_are_the_same_line_for_the_comparison():
    assert normalise("Cohesion  2.73 ± 0.11  1.90% ± 0.12%") == \
        normalise("Cohesion  2.73 [2.61, 2.84]  1.90% [1.7%, 2.1%]")
