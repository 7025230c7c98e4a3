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


# -- output folders ---------------------------------------------------------------------------
# file systems that hold no results: writing there fails or means something else entirely


def safe_name(name: str, limit: int = 64) -> str:
    """``name`` as one folder-name part: letters, digits, ``-``, ``_`` and ``.`` kept, every
    other character (``/``, ``\\``, spaces, ``..``) made ``_``; never empty, never hidden.
    A scenario's or experiment's name is chosen by whoever wrote the file, so it is never
    joined into a path as it is."""
    import re

    cleaned = re.sub(r"[^\w.\-]", "_", str(name), flags=re.ASCII).replace("..", "_")
    cleaned = cleaned.lstrip(".-") or "unnamed"
    return cleaned[:limit]


