"""Where shipped scenario and experiment files live (installed wheel or source checkout)."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _shipped(kind: str) -> Path:
    installed = _PKG / "_shipped" / kind
    if installed.is_dir():
        return installed
    return _PKG.parents[1] / kind  # editable install / source checkout: <repo>/<kind>


def scenarios_dir() -> Path:
    return _shipped("scenarios")


def experiments_dir() -> Path:
    return _shipped("experiments")
