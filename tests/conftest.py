"""Shared test fixtures. Parts of the suite with their own needs (browser, experiments) keep
their fixtures in a conftest.py of their own folder."""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
# Compiled kernels of the test session go to a cache of their own: some tests call a kernel
# with a bundle type defined in the tests, and Numba would add that overload to the index in
# src/.../__pycache__, which a later `wijksim run` (where `tests` cannot be imported) could
# then not read. Like the user's, it has one folder per version of the model's code
# (wijksim/model/_numerics/compiled_cache.py). Subprocesses of the tests inherit the setting.
os.environ.setdefault("WIJKSIM_NUMBA_CACHE", os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "wijksim",
    "numba-tests"))
# Stored burn-ins (wijksim.model.snapshot) go to a folder of this test process, not the user's
# cache; runs from them are bit-identical to runs without (tests/model/test_snapshot.py).
os.environ.setdefault("WIJKSIM_SNAPSHOTS", tempfile.mkdtemp(prefix="wijksim-burn-in-"))

SMALL = {"wijk.residents": 600, "run.burn_in_weeks": 26}


@pytest.fixture
def small():
    """Overrides for a small, fast wijk (600 residents, short burn-in)."""
    return dict(SMALL)


def make_model(scenario="tender_3y", seed=1, **overrides):
    from wijksim import WijkModel

    return WijkModel(scenario, seed=seed, **{**SMALL, **overrides})
