"""The results store: a folder of Parquet files, readable with pandas or DuckDB.

    OUT/manifest.json            what the experiment was (design, seeds, labels, versions)
    OUT/design.parquet           the design points (and the raw SALib sample)
    OUT/ticks/part-<h>.parquet   one row per run per recorded week
    OUT/runs/part-<h>.parquet    one row per run: values, seed, scenario hash, versions

Each finished chunk of runs becomes one ticks file and one runs file, written to a hidden
temporary name and renamed (atomic on one file system), so a crash never leaves a half
file under a readable name. ``<h>`` is a hash of the chunk's run ids, so a chunk written
twice overwrites itself. A run is stored once its row is in ``runs/``: the ticks file is
written first, and a ticks file without its runs file (a crash between the two) is removed
on resume and ignored by :meth:`Store.ticks`. Types come from an explicit pyarrow schema,
so no batch can drift to other column types.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..files import write_parquet_atomic, write_text_atomic
from ..scenario import KEYS

ID_COLUMNS = (("run_id", pa.string()), ("label", pa.string()), ("point", pa.int32()),
              ("seed", pa.int64()))
RUN_TAIL = (("wijksim_version", pa.string()), ("mesa_version", pa.string()),
            ("numpy_version", pa.string()), ("python_version", pa.string()),
            ("git_commit", pa.string()), ("seconds", pa.float64()),
            ("provenance", pa.string()), ("events", pa.string()))
ORDER = ("point", "label", "seed", "run_id")  # plan order; what every reader sorts by
_ARROW = {int: pa.int64(), float: pa.float64(), bool: pa.bool_(), str: pa.string()}


def ticks_schema(outcomes: Sequence[str]) -> pa.Schema:
    return pa.schema([*ID_COLUMNS, ("week", pa.int32()), ("year", pa.float64()),
                      *((o, pa.float64()) for o in outcomes)])


def runs_schema(params: Sequence[str]) -> pa.Schema:
    return pa.schema([*ID_COLUMNS, ("scenario", pa.string()), ("scenario_hash", pa.string()),
                      ("years", pa.int32()), ("residents", pa.int64()),
                      *((k, _ARROW[KEYS[k].type]) for k in params), *RUN_TAIL])


class Store:
    """One experiment's results folder."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.runs_dir = self.root / "runs"
        self.ticks_dir = self.root / "ticks"
        self.manifest_path = self.root / "manifest.json"
        self.design_path = self.root / "design.parquet"

    # -- writing --------------------------------------------------------------------------
    def create(self) -> None:
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        self.ticks_dir.mkdir(parents=True, exist_ok=True)

    def write_batch(self, ticks: pd.DataFrame, runs: pd.DataFrame, ticks_schema: pa.Schema,
                    runs_schema: pa.Schema) -> str:
        """Store finished runs: ticks first, then their run rows (which mark them done)."""
        ids = sorted(runs["run_id"])
        name = "part-" + hashlib.sha1("\n".join(ids).encode()).hexdigest()[:16] + ".parquet"
        write_parquet_atomic(arrow_table(ticks, ticks_schema), self.ticks_dir / name)
        write_parquet_atomic(arrow_table(runs, runs_schema), self.runs_dir / name)
        return name

    def write_manifest(self, manifest: Mapping[str, Any]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        write_text_atomic(json.dumps(manifest, indent=2, default=str) + "\n",
                          self.manifest_path)

    def write_design(self, design: pd.DataFrame) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        write_parquet_atomic(pa.Table.from_pandas(design.reset_index(), preserve_index=False),
                             self.design_path)

    def clear(self) -> None:
        """Delete this store's own files (not anything else in the folder)."""
        for d in (self.ticks_dir, self.runs_dir):
            if d.is_dir():
                for f in [*d.glob("part-*.parquet"), *d.glob(".*.tmp")]:
                    f.unlink()
        for f in (self.manifest_path, self.design_path):
            f.unlink(missing_ok=True)

    def remove_orphans(self) -> int:
        """Delete ticks files whose runs file is missing (a crash between the two writes)
        and leftover temporary files. Returns how many files were removed."""
        removed = 0
        if self.ticks_dir.is_dir():
            for f in self.ticks_dir.glob("part-*.parquet"):
                if not (self.runs_dir / f.name).exists():
                    f.unlink()
                    removed += 1
        for d in (self.ticks_dir, self.runs_dir, self.root):
            if d.is_dir():
                for f in d.glob(".*.tmp"):
                    f.unlink()
                    removed += 1
        return removed

    # -- reading --------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.manifest_path.is_file() or bool(self._files(self.runs_dir))

    def manifest(self) -> dict[str, Any]:
        if not self.manifest_path.is_file():
            return {}
        return json.loads(self.manifest_path.read_text())

    def design(self) -> pd.DataFrame:
        return pd.read_parquet(self.design_path).set_index("point")

    def stored_ids(self) -> set[str]:
        files = self._files(self.runs_dir)
        if not files:
            return set()
        return set(pq.ParquetDataset(files).read(columns=["run_id"])["run_id"].to_pylist())

    def runs(self) -> pd.DataFrame:
        """The run table, one row per stored run, in plan order (point, label, seed)."""
        files = self._files(self.runs_dir)
        if not files:
            return pd.DataFrame(columns=[c for c, _ in ID_COLUMNS])
        df = pq.ParquetDataset(files).read().to_pandas()
        df = df.drop_duplicates("run_id")
        return df.sort_values(list(ORDER), kind="stable").reset_index(drop=True)

    def ticks(self, columns: Iterable[str] | None = None,
              run_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Ticks of stored runs, sorted by point, label, seed, week."""
        files = [f for f in self._files(self.ticks_dir) if (self.runs_dir / Path(f).name).exists()]
        ids = set(run_ids) if run_ids is not None else self.stored_ids()
        if not files:
            return pd.DataFrame(columns=["run_id", "label", "point", "seed", "week"])
        cols = None
        if columns is not None:
            cols = list(dict.fromkeys(["run_id", "label", "point", "seed", "week",
                                       *columns]))
        table = pq.ParquetDataset(files).read(columns=cols)
        df = table.to_pandas()
        df = df[df["run_id"].isin(ids)].drop_duplicates(["run_id", "week"])
        return df.sort_values([*ORDER, "week"], kind="stable").reset_index(drop=True)

    @staticmethod
    def _files(d: Path) -> list[str]:
        return sorted(str(f) for f in d.glob("part-*.parquet")) if d.is_dir() else []


OPTIONAL = ("events",)  # run-table columns a batch may lack (stored as null)


def arrow_table(df: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    missing = [c for c in OPTIONAL if c in schema.names and c not in df]
    if missing:
        df = df.assign(**dict.fromkeys(missing, None))
    return pa.Table.from_pandas(df[schema.names], schema=schema, preserve_index=False)
