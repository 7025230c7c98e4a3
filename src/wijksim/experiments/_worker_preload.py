"""Imported once by the local pool's server process (multiprocessing 'forkserver'): the
modules a worker needs and the kernels of an ordinary week (:func:`runs.load_kernels`), so
each worker forked from it starts with both instead of paying them itself (about 1.2 s and
0.4 s). Results stay the same whatever process runs them (tests/experiments/
test_execution.py checks this bit for bit).
"""

from __future__ import annotations

from .runs import load_kernels

try:
    load_kernels()
except Exception:  # noqa: BLE001 - a worker then loads what it needs itself, as before
    pass
