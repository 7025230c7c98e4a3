"""A report's figures drawn on several processes (analysis/_figures.py): the same files as
drawn in one, nothing lost when a copy fails, and no fork where it is not safe.

The checks run in fresh interpreters: a pytest worker runs threads of its own, so in here
the figures are always drawn in one process (which is the rule being tested)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from .test_reports import cli


def python(code: str, *args: str, prelude: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code), *args],
                          capture_output=True, text=True, timeout=300)


QUEUE = """
import os, sys, threading, time
from pathlib import Path
from wijksim.analysis._figures import FigureQueue

PARENT = os.getpid()
folder = Path(sys.argv[1])

def figure(path, fail_in_copy=False, fail=False):
    with open(folder / "log", "a") as fh:
        fh.write(f"{os.getpid()}\\n")
    time.sleep(0.2)  # long enough that both processes take figures
    if fail or (fail_in_copy and os.getpid() != PARENT):
        raise ValueError(f"cannot draw {path.name}")
    path.write_text(str(os.getpid()))

def queue(n, **kw):
    q = FigureQueue()
    for k in range(n):
        q.add(figure, folder / f"fig{k}.png", **kw)
    return q
"""


def test_figures_drawn_on_two_processes_are_the_files_one_process_draws(tmp_path: Path):
    out = tmp_path / "cmp"
    rc, _, err = cli("compare", "tender_3y", "subsidy", "--seeds", "2", "--residents", "300",
                     "--years", "1", "--jobs", "1", "--quiet", "--out", str(out))
    assert rc == 0, err
    serial = {f.name: f.read_bytes() for f in out.glob("*.png")}
    html = (out / "report.html").read_text()
    assert set(serial) == {"trajectories.png", "differences.png"}
    for f in out.glob("*.png"):
        f.unlink()
    p = python("""
        import sys
        from wijksim.analysis import _figures
        from wijksim.experiments import load_results
        used, real = [], _figures.FigureQueue.draw
        def draw(self, jobs=1):
            used.append(real(self, jobs))
            return used[-1]
        _figures.FigureQueue.draw = draw
        load_results(sys.argv[1]).report(jobs=2)
        print(used)
        """, str(out))
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["[2]"]  # both figures at once, on two processes
    assert {f.name: f.read_bytes() for f in out.glob("*.png")} == serial
    assert (out / "report.html").read_text() == html  # figures embedded: the same bytes


def test_a_figure_a_copy_could_not_draw_is_drawn_again_here(tmp_path: Path):
    p = python("""
        print(queue(4, fail_in_copy=True).draw(jobs=2))
        print(PARENT)
        """, str(tmp_path), prelude=QUEUE)
    assert p.returncode == 0, p.stderr
    used, parent = p.stdout.split()
    assert used == "2"
    drawers = set((tmp_path / "log").read_text().split())
    assert len(drawers) == 2 and parent in drawers  # the copy took figures, and failed
    assert [(tmp_path / f"fig{k}.png").read_text() for k in range(4)] == [parent] * 4


def test_a_figure_that_cannot_be_drawn_raises_its_own_error(tmp_path: Path):
    p = python("""
        queue(3, fail=True).draw(jobs=2)
        """, str(tmp_path), prelude=QUEUE)
    assert p.returncode == 1
    assert "ValueError: cannot draw fig0.png" in p.stderr


def test_no_fork_while_another_thread_runs(tmp_path: Path):
    p = python("""
        stop = threading.Event()
        other = threading.Thread(target=stop.wait)
        other.start()
        print(queue(2).draw(jobs=2))  # a thread might hold a lock the copy would need
        stop.set()
        other.join()
        print(queue(2).draw(jobs=2), queue(2).draw(jobs=1), queue(1).draw(jobs=4))
        """, str(tmp_path), prelude=QUEUE)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["1", "2", "1", "1"]
