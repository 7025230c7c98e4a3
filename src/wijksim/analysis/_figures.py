"""Drawing a report's figures on several cores (a speed trick under :mod:`.report`).

A report's figures are independent PNG files, and drawing them (matplotlib's Agg) is most of
the time a report takes: the five figures of a Morris sweep take some 2-3 s on one core, paid
after the last run while the other cores are idle. :class:`FigureQueue` collects the drawing
calls and :meth:`FigureQueue.draw` runs them, in this process and in ``jobs - 1`` copies of
it made with ``fork``: a copy already holds the data and matplotlib, so it starts in
milliseconds and needs nothing pickled. Each process takes the next figure not yet taken (a
counter in shared memory), so the slowest figure does not hold the others back.

The PNG files are the same bytes whichever process draws them (tested). Fork is used only
where it is safe: on a system that has it, from the main thread of a process running no
other threads (a thread holding a lock at the fork would leave the copy stuck); anywhere
else, and with ``jobs=1``, the figures are drawn here one by one. A figure that a copy could
not draw (an error, a killed process) is drawn again here, so its error is raised here, with
its own traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Any, Callable

_TODO, _DONE = 0, 1


class FigureQueue:
    """Figure-drawing calls, made later by :meth:`draw`."""

    def __init__(self) -> None:
        self.calls: list[tuple[Callable[..., Any], tuple, dict]] = []

    def add(self, plot: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Draw ``plot(*args, **kwargs)`` (a function that writes one PNG file) later."""
        self.calls.append((plot, args, kwargs))

    def draw(self, jobs: int | None = 1) -> int:
        """Draw every queued figure, on up to ``jobs`` processes (None: this machine's cores).
        Returns the number of processes used."""
        n = len(self.calls)
        jobs = min(n, jobs if jobs is not None else os.cpu_count() or 1)
        if jobs > 1 and not fork_is_safe():
            jobs = 1
        if jobs <= 1:
            for k in range(n):
                self._draw_one(k)
            self.calls.clear()
            return min(n, 1)
        ctx = multiprocessing.get_context("fork")
        status = ctx.RawArray("b", n)  # shared: _TODO / _DONE per figure
        next_call = ctx.Value("i", 0)  # shared: the next figure to take, with its lock
        children = []
        try:
            for _ in range(jobs - 1):
                pid = os.fork()
                if pid == 0:  # the copy: draw what it takes, then leave without clean-up
                    code = 1
                    try:
                        self._take_and_draw(next_call, status)
                        code = 0
                    finally:
                        os._exit(code)
                children.append(pid)
            self._take_and_draw(next_call, status)
        finally:
            for pid in children:
                os.waitpid(pid, 0)
        for k in range(n):  # what a copy could not draw: again here, errors raised here
            if status[k] != _DONE:
                self._draw_one(k)
        self.calls.clear()
        return jobs

    def _take_and_draw(self, next_call, status) -> None:
        while True:
            with next_call.get_lock():
                k = next_call.value
                next_call.value += 1
            if k >= len(self.calls):
                return
            try:
                self._draw_one(k)
            except Exception:  # noqa: BLE001 - left _TODO: drawn again, and raised, by the parent
                continue
            status[k] = _DONE

    def _draw_one(self, k: int) -> None:
        plot, args, kwargs = self.calls[k]
        plot(*args, **kwargs)


def fork_is_safe() -> bool:
    """Whether this process may fork copies of itself to draw: a system with ``fork``, the
    main thread, and no other thread running (``experiments.execute`` ends its import
    thread before the report)."""
    return (hasattr(os, "fork") and threading.current_thread() is threading.main_thread()
            and threading.active_count() == 1)
