"""Writing results safely: whole files or none, and folders that never mix two runs.

Used by a single run (run.py) and by experiments (experiments/store.py, experiments/cli.py)
alike, so both write the same way.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def write_text_atomic(text: str, path: Path) -> None:
    """Write to '.NAME.tmp' beside the target, then rename: readers never see half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def write_bytes_atomic(data: bytes, path: Path) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync, rename: readers see the
    old file or the new one, whole, and an interrupted write leaves no file under ``path``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_parquet_atomic(table, path: Path) -> None:
    """Write a pyarrow table to '.NAME.tmp' beside the target, fsync, rename. Readers skip dot
    files."""
    import pyarrow.parquet as pq

    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def first_free_folder(base: Path, taken: Callable[[Path], bool]) -> Path:
    """``base``, or ``base-2``, ``base-3``, ...: the first folder that ``taken`` does not
    refuse (``taken(folder)`` is True when the folder holds something else)."""
    cand, i = base, 1
    while taken(cand):
        i += 1
        cand = base.with_name(f"{base.name}-{i}")
    return cand
