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
_SYSTEM_TREES = ("/proc", "/sys", "/dev")


def safe_name(name: str, limit: int = 64) -> str:
    """``name`` as one folder-name part: letters, digits, ``-``, ``_`` and ``.`` kept, every
    other character (``/``, ``\\``, spaces, ``..``) made ``_``; never empty, never hidden.
    A scenario's or experiment's name is chosen by whoever wrote the file, so it is never
    joined into a path as it is."""
    import re

    cleaned = re.sub(r"[^\w.\-]", "_", str(name), flags=re.ASCII).replace("..", "_")
    cleaned = cleaned.lstrip(".-") or "unnamed"
    return cleaned[:limit]


def check_output_folder(folder: Path, option: str = "--out") -> Path:
    """Make ``folder`` (and its parents) if needed and prove a file can be written in it;
    before the first run, so a wrong ``--out`` never costs a whole run. Raises
    ScenarioError naming the option."""
    import os
    import tempfile

    from .scenario.errors import Problem, ScenarioError

    def refuse(reason: str) -> ScenarioError:
        return ScenarioError([Problem(option, "", "", "", f"{folder}: {reason}; choose "
                                      "another folder", show_value=False)])

    full = Path(os.path.abspath(folder))
    if any(full == Path(t) or Path(t) in full.parents for t in _SYSTEM_TREES):
        raise refuse("is inside a system folder (/proc, /sys, /dev) that holds no files "
                     "of yours")
    for part in (full, *full.parents):  # a file where a folder must be
        if part.exists() and not part.is_dir():
            raise refuse(f"{part} is a file, not a folder" if part != full
                         else "is a file, not a folder")
    try:
        full.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=full, prefix=".wijksim-write-test-"):
            pass
    except OSError as exc:
        raise refuse(f"cannot write there ({exc.strerror or exc})") from None
    return folder
