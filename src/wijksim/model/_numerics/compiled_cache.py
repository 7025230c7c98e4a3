"""Numba's cache of compiled kernels, one folder per version of the model's code.

Numba checks a cached kernel only against the file the kernel is written in. Every kernel
inlines helpers from other files (the random draws, the tie table), so after an edit of a
helper, or a ``git pull`` that changes one, Numba would load the old machine code of an
unchanged kernel file: old rules, or a crash where a memory layout changed. The cache therefore
lives in a folder named by a hash of all the model's sources (``~/.cache/wijksim/numba/<hash>``,
under ``$XDG_CACHE_HOME`` if set, or under ``$WIJKSIM_NUMBA_CACHE``, which the test suite uses):
other code, another folder, compiled afresh once (about 20 s). A ``NUMBA_CACHE_DIR`` set by the
user is left alone. The few most recently used folders are kept, so switching between branches
does not recompile every time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

KEEP = 4  # version folders kept, the most recently used


def feed_sources(h, root: Path, folder: str = ".") -> None:
    """Feed every ``*.py`` file under ``root / folder`` to the hash ``h``: its path relative
    to ``root`` and its bytes, in sorted order. This cache's folder and a snapshot's code
    version (``snapshot.code_version``) are both named this way."""
    for src in sorted((root / folder).rglob("*.py")):
        h.update(src.relative_to(root).as_posix().encode())
        h.update(src.read_bytes())


def source_hash(model: Path | None = None) -> str:
    """A hash of every source file of the model package (kernels, helpers, rules)."""
    h = hashlib.sha256()
    feed_sources(h, Path(__file__).resolve().parents[1] if model is None else model)
    return h.hexdigest()[:16]


def cache_root() -> Path:
    """The folder holding one folder per code version."""
    if os.environ.get("WIJKSIM_NUMBA_CACHE"):
        return Path(os.environ["WIJKSIM_NUMBA_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wijksim" / "numba"


def use_versioned_cache() -> Path | None:
    """Point Numba's cache at this code version's folder (before any kernel is defined);
    return it, or None when the user chose ``NUMBA_CACHE_DIR``."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None
    folder = cache_root() / source_hash()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)  # most recently used
    except OSError:  # no writable home: Numba then compiles in memory, as without a cache
        return None
    _prune(folder.parent)
    os.environ["NUMBA_CACHE_DIR"] = str(folder)  # worker processes started from here too
    if "numba.core.config" in sys.modules:  # else Numba reads the variable when imported
        sys.modules["numba.core.config"].CACHE_DIR = str(folder)
    return folder


def _prune(root: Path) -> None:
    try:
        folders = sorted((p for p in root.iterdir() if p.is_dir()),
                         key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in folders[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
