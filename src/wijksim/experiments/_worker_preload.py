"""Imported once by the local pool's server process (multiprocessing 'forkserver'): the
modules a worker needs, and the compiled kernels of an ordinary week loaded from Numba's
cache, so each worker forked from it starts with both instead of paying them itself (about
1.2 s and 0.4 s). Kernels that only events use (a lost tender, a heat wave) still load in
the worker that first needs them.

Loading the kernels means running a small wijk for a few weeks; it is thrown away and
touches nothing a run reads, so results stay the same whatever process runs them
(tests/experiments/test_execution.py checks this bit for bit).
"""

from __future__ import annotations

from . import runs  # noqa: F401 - what a worker runs
from ..model.wijk import WijkModel

WARM_UP = {"wijk.residents": 300, "run.years": 1, "run.burn_in_weeks": 4}


def load_kernels() -> None:
    """A small wijk's weeks call the kernels; Numba loads each from its cache (or compiles
    it)."""
    WijkModel(None, seed=0, **WARM_UP).run(weeks=4)


try:
    load_kernels()
except Exception:  # noqa: BLE001 - a worker then loads what it needs itself, as before
    pass
