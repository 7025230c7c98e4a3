"""docs/tutorial.md cannot rot: run every command on the page (on a smaller wijk) in an empty
folder, apply the edits and files it describes, and check that each command prints what the
page shows - apart from numbers, hashes and timings, which legitimately change."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from .conftest import REPO, cli

TUTORIAL = REPO / "docs" / "tutorial.md"
SMALL = {"--residents": "600", "--years": "2"}
MARKER = re.compile(r"<!-- tutorial-(edit|file|run)(?::\s*(.*?))?\s*-->")


def steps(text: str):
    """(kind, payload) in page order: ("cmd", (command, expected lines)), ("edit", (...)),
    ("file", (name, content)), ("python", code)."""
    lines = text.splitlines()
    i, pending = 0, None
    while i < len(lines):
        line = lines[i]
        m = MARKER.match(line.strip())
        if m:
            pending = (m.group(1), m.group(2))
            if m.group(1) == "edit":
                path, prefix, new = (x.strip() for x in m.group(2).split("|"))
                yield "edit", (path, prefix, new)
                pending = None
            i += 1
            continue
        if line.startswith("```"):
            lang = line[3:].strip()
            j = i + 1
            while not lines[j].startswith("```"):
                j += 1
            body = lines[i + 1:j]
            if lang == "console":
                cmd, out = None, []
                for b in body:
                    if b.startswith("$ "):
                        if cmd:
                            yield "cmd", (cmd, out)
                        cmd, out = b[2:], []
                    else:
                        out.append(b)
                if cmd:
                    yield "cmd", (cmd, out)
            elif pending and pending[0] == "file":
                yield "file", (pending[1].strip(), "\n".join(body) + "\n")
            elif pending and pending[0] == "run":
                yield "python", "\n".join(body) + "\n"
            pending = None
            i = j + 1
            continue
        i += 1


def normalise(line: str) -> str:
    line = re.sub(r"\b[0-9a-f]{16}\b", "<hash>", line)
    line = re.sub(r"\d+ min \d+ s", "# s", line)
    line = re.sub(r"[-+−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?", "#", line)
    line = line.replace("–", "#").rstrip("* ")
    line = re.sub(r"(on # processes|in this process)", "on # processes", line)
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
    ran = 0
    for kind, payload in steps(TUTORIAL.read_text()):
        if kind == "edit":
            path, prefix, new = payload
            f = tmp_path / path
            text = f.read_text().splitlines()
            k = next(k for k, line in enumerate(text) if line.startswith(prefix))
            text[k] = new
            f.write_text("\n".join(text) + "\n")
        elif kind == "file":
            name, content = payload
            (tmp_path / name).write_text(content)
        elif kind == "python":
            res = subprocess.run([sys.executable, "-c", payload], cwd=tmp_path,
                                 capture_output=True, text=True, timeout=120)
            assert res.returncode == 0, res.stderr
        else:
            cmd, expected = payload
            args = small(shlex.split(cmd))
            assert args[0] == "wijksim"
            rc, out, err = cli(*args[1:], cwd=tmp_path)
            assert rc == 0, f"{cmd}\n{err}"
            assert matches(expected, out.splitlines()), (
                f"\n$ {cmd}\n--- the page shows:\n" + "\n".join(expected)
                + "\n--- it printed:\n" + out)
            ran += 1
    assert ran >= 6
