"""Provenance of results: what produced them, so every output can be traced and rerun."""

from __future__ import annotations

import functools
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from ._version import __version__

_PACKAGES = ("mesa", "numpy", "scipy", "pandas", "numba", "pyarrow")


def versions() -> dict[str, str]:
    """wijksim's, Python's and the model's main packages' versions (a new dict each call)."""
    return dict(_versions())


@functools.cache
def _versions() -> dict[str, str]:
    # looked up once per process: the installed packages do not change under a running
    # process, and a sweep's worker records them for every run (7 ms a time)
    out = {"wijksim": __version__, "python": platform.python_version()}
    for name in _PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


@functools.cache
def git_commit() -> str | None:
    """The source checkout's commit, when running from one (None for installed wheels).

    Asked once per process (``git rev-parse``, 12 ms, for every run of a sweep otherwise):
    the code a process runs is the code it imported, so a commit made while it runs is not
    the one that produced its results anyway."""
    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists():
        return None
    try:
        res = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                             text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return res.stdout.strip() or None


def record(scenario, seed: int, **extra: Any) -> dict[str, Any]:
    """A provenance record for a run of ``scenario`` with ``seed``."""
    return {
        "scenario": scenario.name,
        "scenario_hash": scenario.hash,
        "scenario_files": list(scenario.chain),
        "seed": int(seed),
        **extra,
        "versions": versions(),
        "git_commit": git_commit(),
        "platform": f"{platform.system()} {platform.machine()}",
        "command": " ".join(sys.argv) if sys.argv and sys.argv[0] else None,
    }
