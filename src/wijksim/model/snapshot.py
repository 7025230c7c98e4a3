"""Snapshots: a whole wijk saved to disk and continued later.

Two uses, one format:

* **Burn in once.** Every scenario compared with common random numbers starts from the same
  wijk for a given seed and size, because the burn-in runs under the status-quo funding terms
  (docs/ODD.md, Initialisation). That burn-in is computed once, stored, and reused by every
  run whose *burn-in key* matches: the scenario values that can act before week 0 (everything
  except those that act only from week 0,
  ``scenario.regimes.AFTER_BURN_IN``), the seed and the code version.
* **Checkpoints.** A user saves a wijk at any week and continues it later; the continued run is
  bit-identical to one that never stopped, because the snapshot holds every random generator's
  state along with the residents, ties, places, professionals and initiatives.

A snapshot file is ``MAGIC``, an 8-byte header length, a JSON header (format, code version,
what the wijk is, the payload's length and SHA-256) and the pickled model. It is written to a
temporary name and renamed, so an interrupted write never leaves a file that looks finished.
A file that is not a snapshot, is truncated or corrupt, or was written by another code version
is refused with one message naming it: it is never used silently. The checksum detects damage,
not forgery: load only snapshots you (or your own runs) made, as with any pickle.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import struct
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from mesa.discrete_space import Cell
from mesa.discrete_space.grid import pickle_gridcell

from .._version import __version__
from ..files import write_bytes_atomic
from ..scenario.errors import Problem, ScenarioError
from ..scenario.regimes import acts_after_burn_in
from ._numerics.compiled_cache import feed_sources

MAGIC = b"WIJKSIM-SNAPSHOT\n"
FORMAT = 1
SUFFIX = ".wsnap"
MAX_HEADER = 1 << 16

class SnapshotError(ScenarioError):
    """A snapshot file that cannot be used; the message names the file and why."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        super().__init__([Problem(str(path), "", None, "", reason, show_value=False)])


@lru_cache(maxsize=1)
def code_version() -> str:
    """The package version plus a hash of the model and scenario sources.

    Any edit to the code that computes a wijk changes it, committed or not, so a snapshot
    from other code is never taken for one from this code.
    """
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(__version__.encode())
    for folder in ("model", "scenario"):
        feed_sources(h, root, folder)
    return f"{__version__}+{h.hexdigest()[:16]}"


def burn_in_key(values: Mapping[str, Any], seed: int) -> str:
    """What determines the wijk at week 0: the burn-in's scenario values, seed, code."""
    shaping = {k: v for k, v in values.items() if not acts_after_burn_in(k)}
    canon = json.dumps({"values": shaping, "seed": int(seed), "code": code_version()},
                       sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canon.encode()).hexdigest()[:24]


def save(model, path: Path | str, kind: str = "checkpoint") -> Path:
    """Write ``model`` (as it is now) to ``path`` atomically; return the path."""
    path = Path(path)
    payload = dumps(model)
    header = {
        "format": FORMAT, "code": code_version(), "kind": kind,
        "scenario": model.scenario.name, "scenario_hash": model.scenario.hash,
        "seed": model.seed, "residents": int(model.residents.n), "week": int(model.week),
        "burn_in_key": burn_in_key(model.scenario.values, model.seed),
        "payload_bytes": len(payload), "payload_sha256": hashlib.sha256(payload).hexdigest(),
    }
    head = json.dumps(header, sort_keys=True).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(MAGIC + struct.pack("<Q", len(head)) + head + payload, path)
    return path


class _Pickler(pickle.Pickler):
    """Pickles a wijk that was itself loaded from a pickle.

    Mesa 3.3 gives every grid a dynamically made ``GridCell`` class and registers how to
    pickle it; after unpickling, each cell has a new such class that nobody registered, so the
    loaded wijk could not be saved again. Any such cell is reduced the way Mesa reduces it.
    """

    def reducer_override(self, obj):
        cls = type(obj)
        if cls.__name__ == "GridCell" and isinstance(obj, Cell):
            return pickle_gridcell(obj)
        return NotImplemented


def dumps(model) -> bytes:
    """The model as bytes (pickle), also for a model that was loaded from a snapshot."""
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(model)
    return buf.getvalue()


def read_header(path: Path | str) -> dict[str, Any]:
    """The header of a snapshot file, checked for form and code version (payload unread)."""
    path = Path(path)
    with _open(path) as fh:
        return _header(fh, path)


def load(path: Path | str):
    """The model stored in ``path``; a file that cannot be trusted raises SnapshotError."""
    path = Path(path)
    with _open(path) as fh:
        header = _header(fh, path)
        payload = fh.read(header["payload_bytes"] + 1)
    if len(payload) != header["payload_bytes"]:
        raise SnapshotError(path, f"snapshot is truncated or has extra bytes (expected "
                                  f"{header['payload_bytes']} bytes of wijk, found "
                                  f"{len(payload)}); delete it and run again")
    if hashlib.sha256(payload).hexdigest() != header["payload_sha256"]:
        raise SnapshotError(path, "snapshot is corrupt (checksum mismatch); delete it and run "
                                  "again")
    try:
        return pickle.loads(payload)
    except Exception as exc:  # checksum matched but this code cannot read it
        raise SnapshotError(path, f"snapshot cannot be read by this code ({type(exc).__name__})"
                                  "; delete it and run again") from None


def _open(path: Path):
    if not path.exists():
        raise SnapshotError(path, "no such snapshot file")
    if not path.is_file():
        raise SnapshotError(path, "is not a regular file (a snapshot is a file written by "
                                  "wijksim)")
    try:
        return path.open("rb")
    except OSError as exc:
        raise SnapshotError(path, f"cannot be read ({exc.strerror})") from None


def _header(fh, path: Path) -> dict[str, Any]:
    if fh.read(len(MAGIC)) != MAGIC:
        raise SnapshotError(path, "is not a wijksim snapshot (it does not start with "
                                  "'WIJKSIM-SNAPSHOT')")
    raw = fh.read(8)
    size = struct.unpack("<Q", raw)[0] if len(raw) == 8 else -1
    if not 0 < size <= MAX_HEADER:
        raise SnapshotError(path, "snapshot is truncated or corrupt (bad header); delete it "
                                  "and run again")
    try:
        header = json.loads(fh.read(size))
        header["payload_bytes"] = int(header["payload_bytes"])
    except (ValueError, KeyError, TypeError):
        raise SnapshotError(path, "snapshot is truncated or corrupt (bad header); delete it "
                                  "and run again") from None
    if header.get("format") != FORMAT:
        raise SnapshotError(path, f"snapshot format {header.get('format')!r} is not the one "
                                  f"this wijksim reads ({FORMAT})")
    if header.get("code") != code_version():
        raise SnapshotError(path, f"snapshot was made by another code version "
                                  f"({header.get('code')}, this is {code_version()}): its wijk "
                                  "would not match this code's; run without it")
    return header


def cache_dir() -> Path | None:
    """Where burn-in snapshots are kept (``WIJKSIM_SNAPSHOTS``; 'off' switches reuse off)."""
    env = os.environ.get("WIJKSIM_SNAPSHOTS", "")
    if env.lower() in ("off", "0", "no", "false"):
        return None
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "wijksim" / "burn-in"


def touch(path: Path) -> None:
    """Mark a cached snapshot as just used (the cache drops the least recently used)."""
    try:
        os.utime(path)
    except OSError:
        pass


def prune(folder: Path, max_bytes: int | None = None) -> None:
    """Keep the burn-in cache under ``WIJKSIM_SNAPSHOTS_MAX_MB`` (default 2000 MB) by
    removing the least recently used snapshots; unfinished writes are left alone."""
    if max_bytes is None:
        max_bytes = int(float(os.environ.get("WIJKSIM_SNAPSHOTS_MAX_MB", "2000")) * 1e6)
    try:
        files = [(f.stat().st_mtime, f.stat().st_size, f) for f in folder.glob(f"*{SUFFIX}")]
    except OSError:
        return
    total = sum(size for _, size, _ in files)
    for _, size, f in sorted(files):
        if total <= max_bytes:
            break
        f.unlink(missing_ok=True)
        total -= size
