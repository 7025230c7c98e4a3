"""The results store: atomic files, explicit types, a run counts once its run row exists."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from wijksim.experiments.store import Store, runs_schema, ticks_schema

OUTCOMES = ["cohesion", "initiatives"]
PARAMS = ["funding.tender.contract_years", "funding.tender.staff_moves"]


def batch(ids, weeks=3, initiatives_as_int=False):
    ticks = pd.DataFrame([{"run_id": r, "label": "tender_3y", "point": i, "seed": 1,
                           "week": w, "year": w / 52, "cohesion": 1.0 + w,
                           "initiatives": w} for i, r in enumerate(ids) for w in range(weeks)])
    if not initiatives_as_int:
        ticks["initiatives"] = ticks["initiatives"].astype(float)
    runs = pd.DataFrame([{"run_id": r, "label": "tender_3y", "point": i, "seed": 1,
                          "scenario": "tender_3y", "scenario_hash": "h", "years": 1,
                          "residents": 600, PARAMS[0]: 3, PARAMS[1]: 0.4,
                          "wijksim_version": "0", "mesa_version": "3", "numpy_version": "2",
                          "python_version": "3.11", "git_commit": None, "seconds": 0.1,
                          "provenance": "{}"} for i, r in enumerate(ids)])
    return ticks, runs


def test_batches_round_trip_with_explicit_types(tmp_path):
    store = Store(tmp_path)
    store.create()
    ts, rs = ticks_schema(OUTCOMES), runs_schema(PARAMS)
    store.write_batch(*batch(["r1", "r2"]), ts, rs)
    store.write_batch(*batch(["r3"], initiatives_as_int=True), ts, rs)  # int column in pandas
    files = sorted(store.ticks_dir.glob("*.parquet"))
    assert len(files) == 2
    assert all(pq.read_schema(f).remove_metadata() == ts for f in files)
    assert store.stored_ids() == {"r1", "r2", "r3"}
    ticks = store.ticks()
    assert len(ticks) == 9 and ticks["initiatives"].dtype == "float64"
    assert list(store.runs()["run_id"]) == ["r1", "r3", "r2"]  # by point, label, seed, run id


def test_a_batch_file_name_depends_only_on_its_runs(tmp_path):
    store = Store(tmp_path)
    store.create()
    ts, rs = ticks_schema(OUTCOMES), runs_schema(PARAMS)
    a = store.write_batch(*batch(["r1", "r2"]), ts, rs)
    b = store.write_batch(*batch(["r1", "r2"]), ts, rs)  # e.g. a retried task
    assert a == b and len(list(store.runs_dir.glob("*.parquet"))) == 1


def test_half_written_files_are_invisible(tmp_path, monkeypatch):
    store = Store(tmp_path)
    store.create()
    ts, rs = ticks_schema(OUTCOMES), runs_schema(PARAMS)
    store.write_batch(*batch(["r1"]), ts, rs)

    real = pq.write_table

    def crash(table, where, **kw):  # write part of the file, then die
        real(table.slice(0, 1), where, **kw)
        raise KeyboardInterrupt

    monkeypatch.setattr(pq, "write_table", crash)
    with pytest.raises(KeyboardInterrupt):
        store.write_batch(*batch(["r2"]), ts, rs)
    monkeypatch.undo()
    assert list(store.ticks_dir.glob(".*.tmp"))  # the crash left a temporary file ...
    assert store.stored_ids() == {"r1"}  # ... which no reader sees
    assert set(store.ticks()["run_id"]) == {"r1"}
    assert set(pd.read_parquet(store.ticks_dir)["run_id"]) == {"r1"}
    assert store.remove_orphans() >= 1 and not list(store.ticks_dir.glob(".*"))


def test_ticks_without_their_run_rows_do_not_count(tmp_path):
    store = Store(tmp_path)
    store.create()
    ts, rs = ticks_schema(OUTCOMES), runs_schema(PARAMS)
    store.write_batch(*batch(["r1"]), ts, rs)
    name = store.write_batch(*batch(["r2"]), ts, rs)
    (store.runs_dir / name).unlink()  # a crash between the ticks and the runs file
    assert store.stored_ids() == {"r1"}
    assert set(store.ticks()["run_id"]) == {"r1"}
    assert store.remove_orphans() == 1
    assert not (store.ticks_dir / name).exists()
