"""Snapshots: burn in once and reuse it; save a wijk and continue it; refuse bad files."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from wijksim import WijkModel, files
from wijksim.model import snapshot
from wijksim.scenario import defaults
from wijksim.scenario.loader import shipped_scenarios
from wijksim.scenario.regimes import acts_after_burn_in
from wijksim.scenario.schema import KEYS

SMALL = {"wijk.residents": 500, "run.burn_in_weeks": 26, "run.years": 2}


def test_every_shipped_scenario_from_a_stored_burn_in_is_bit_identical(tmp_path):
    """One burn-in, made by the first scenario, serves all that share its key."""
    made = set()
    for name in sorted(shipped_scenarios()):
        direct = WijkModel(name, seed=6, **SMALL)
        direct_run = direct.run()
        reused = WijkModel.starting(name, seed=6, cache=tmp_path, **SMALL)
        pd.testing.assert_frame_equal(reused.run(), direct_run, check_exact=True, obj=name)
        pd.testing.assert_frame_equal(reused.events_frame(), direct.events_frame(), obj=name)
        assert np.array_equal(reused.residents.v, direct.residents.v)
        # agents made after the load are numbered on, as in the run without a snapshot
        # (Mesa 3.3 numbered them from 1 again: two agents of one wijk shared a number)
        assert sorted(a.unique_id for a in reused.agents) == \
            sorted(a.unique_id for a in direct.agents), name
        made |= {p.name for p in tmp_path.glob("*.wsnap")}
    # the shipped scenarios differ only in terms, events and shocks: one burn-in for all
    assert len(made) == 1


@pytest.mark.slow
def test_keys_that_act_after_the_burn_in_leave_week_0_alone():
    """Each key declared to act only from week 0, set to either end of its range, gives the
    same wijk at week 0 (else a stored burn-in would be reused wrongly)."""
    tiny = {**SMALL, "wijk.residents": 300}
    base = WijkModel("tender_3y", seed=2, **tiny)
    d = defaults()
    checked = 0
    for name, key in KEYS.items():
        if not acts_after_burn_in(name) or name in ("run.years", "run.record_every"):
            continue
        for other in _other_values(key, d[name]):
            try:
                m = WijkModel("tender_3y", seed=2, **{**tiny, name: other})
            except ValueError:  # contradicts another key: not a valid scenario
                continue
            pd.testing.assert_frame_equal(m.outcomes(), base.outcomes(), check_exact=True,
                                          obj=f"{name}={other}")
            assert np.array_equal(m.residents.nbr, base.residents.nbr), name
            assert np.array_equal(m.residents.v, base.residents.v), name
            checked += 1
    assert checked > 60


def _other_values(key, value):
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, str):
        return [c for c in (key.choices or ()) if c != value]
    if isinstance(value, (int, float)) and key.lo is not None and key.hi is not None:
        ends = [key.lo, min(key.hi, key.lo + 30) if isinstance(value, int) else key.hi]
        return [type(value)(x) for x in ends if x != value]
    return []


def test_a_burn_in_key_changes_with_what_shapes_the_burn_in():
    d = defaults()
    k = snapshot.burn_in_key(d, 1)
    assert snapshot.burn_in_key({**d, "funding.tender.contract_years": 9}, 1) == k
    assert snapshot.burn_in_key({**d, "meeting.tie_decay": d["meeting.tie_decay"] * 2}, 1) != k
    assert snapshot.burn_in_key(d, 2) != k


def test_checkpoint_continues_bit_identically(tmp_path):
    whole = WijkModel("tender_3y", seed=9, **SMALL)
    whole.run()
    first = WijkModel("tender_3y", seed=9, **SMALL)
    first.run(40)
    first.save(tmp_path / "w.wsnap")
    later = WijkModel.load(tmp_path / "w.wsnap")
    later.run()
    pd.testing.assert_frame_equal(later.outcomes(), whole.outcomes(), check_exact=True)


def test_checkpoint_continues_in_a_fresh_process(tmp_path):
    first = WijkModel("subsidy", seed=3, **SMALL)
    first.run(30)
    first.save(tmp_path / "w.wsnap")
    out = tmp_path / "rest.parquet"
    code = ("from wijksim import WijkModel; m = WijkModel.load(r'%s'); m.run(); "
            "m.outcomes().to_parquet(r'%s')" % (tmp_path / "w.wsnap", out))
    subprocess.run([sys.executable, "-c", code], check=True)
    first.run()
    pd.testing.assert_frame_equal(pd.read_parquet(out), first.outcomes(), check_exact=True)


@pytest.fixture
def stored(tmp_path):
    m = WijkModel("tender_3y", seed=1, **SMALL)
    return m.save(tmp_path / "good.wsnap")


@pytest.mark.parametrize("damage, says", [
    (lambda b: b[: len(b) // 2], "truncated"),
    (lambda b: b[:-100] + bytes(100), "corrupt"),
    (lambda b: b"PK\x03\x04" + b[4:], "is not a wijksim snapshot"),
    (lambda b: b[:30], "truncated or corrupt"),
    (lambda b: b"", "is not a wijksim snapshot"),
])
def test_damaged_snapshots_are_refused_with_the_file_named(stored, damage, says):
    bad = stored.with_name("bad.wsnap")
    bad.write_bytes(damage(stored.read_bytes()))
    with pytest.raises(snapshot.SnapshotError) as exc:
        WijkModel.load(bad)
    assert str(bad) in str(exc.value) and says in str(exc.value)


def test_snapshot_of_another_code_version_is_refused(stored, monkeypatch):
    monkeypatch.setattr(snapshot, "code_version", lambda: "0.0+other")
    with pytest.raises(snapshot.SnapshotError, match="another code version"):
        WijkModel.load(stored)


def test_a_damaged_cached_burn_in_is_replaced_not_used(tmp_path):
    first = WijkModel.starting("tender_3y", seed=5, cache=tmp_path, **SMALL)
    (cached,) = tmp_path.glob("*.wsnap")
    cached.write_bytes(cached.read_bytes()[:1000])
    again = WijkModel.starting("tender_3y", seed=5, cache=tmp_path, **SMALL)
    pd.testing.assert_frame_equal(again.outcomes(), first.outcomes(), check_exact=True)
    assert snapshot.load(cached).week == 0


def test_an_interrupted_write_leaves_no_finished_looking_file(tmp_path, monkeypatch):
    m = WijkModel("tender_3y", seed=1, **SMALL)

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        m.save(tmp_path / "w.wsnap")
    assert list(tmp_path.iterdir()) == []


def test_cache_is_pruned_least_recently_used_first(tmp_path):
    for i, size in enumerate((300, 300, 300)):
        f = tmp_path / f"{i}.wsnap"
        f.write_bytes(bytes(size))
        import os
        os.utime(f, (1000 + i, 1000 + i))
    snapshot.prune(tmp_path, max_bytes=650)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.wsnap", "2.wsnap"]


def test_cli_checkpoint_and_continue_give_the_uninterrupted_run(tmp_path, monkeypatch):
    from wijksim.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WIJKSIM_SNAPSHOTS", str(tmp_path / "cache"))
    common = ["--residents", "400", "--set", "run.burn_in_weeks=26", "--no-plots", "--quiet"]
    assert main(["run", "tender_3y", "--years", "1", "--out", "a", "--checkpoint",
                 "w.wsnap", *common]) == 0
    assert main(["continue", "w.wsnap", "--years", "1", "--out", "b", "--no-plots",
                 "--quiet"]) == 0
    assert main(["run", "tender_3y", "--years", "2", "--out", "c", *common]) == 0
    pd.testing.assert_frame_equal(pd.read_parquet("b/outcomes.parquet"),
                                  pd.read_parquet("c/outcomes.parquet"), check_exact=True)
    assert list((tmp_path / "cache").glob("*.wsnap"))  # the burn-in was stored and reused


@pytest.mark.parametrize("content, says", [
    (b"", "is not a wijksim snapshot"),
    (b"WIJKSIM-SNAPSHOT\n\x05", "truncated or corrupt"),
    (b"[meta]\nname = 'x'\n", "is not a wijksim snapshot"),
])
def test_cli_refuses_a_bad_snapshot_with_one_message(tmp_path, content, says):
    f = tmp_path / "bad.wsnap"
    f.write_bytes(content)
    res = subprocess.run([sys.executable, "-m", "wijksim.cli", "continue", str(f), "--out",
                          str(tmp_path / "o")], capture_output=True, text=True)
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and str(f) in lines[0] and says in lines[0], res.stderr
    assert not (tmp_path / "o").exists()


def test_cli_checkpoint_into_a_missing_folder_is_refused_before_running(tmp_path):
    res = subprocess.run([sys.executable, "-m", "wijksim.cli", "run", "--residents", "300",
                          "--out", str(tmp_path / "o"), "--checkpoint",
                          str(tmp_path / "nope" / "w.wsnap")], capture_output=True, text=True)
    assert res.returncode == 2 and "does not exist" in res.stderr
    assert not (tmp_path / "o").exists()


def test_a_loaded_wijk_can_be_saved_again(tmp_path):
    """Mesa's grid cells of an unpickled model need our reducer (snapshot._Pickler)."""
    m = WijkModel("tender_3y", seed=2, **SMALL)
    m.run(10)
    again = WijkModel.load(m.save(tmp_path / "a.wsnap"))
    third = WijkModel.load(again.save(tmp_path / "b.wsnap"))
    m.run()
    third.run()
    pd.testing.assert_frame_equal(third.outcomes(), m.outcomes(), check_exact=True)
