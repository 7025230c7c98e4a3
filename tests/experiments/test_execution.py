"""Execution: identical results in this process, in a process pool and on a Dask cluster;
an interrupted or killed sweep keeps its finished runs and resumes to the same dataset
without re-running them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from wijksim.experiments import compare, execute, load_results, sweep
from wijksim.experiments.store import Store
from wijksim.scenario import ScenarioError

from .conftest import REPO, TINY, cli, comparable


def assert_same(a, b):
    pd.testing.assert_frame_equal(a.ticks, b.ticks, check_exact=True)
    pd.testing.assert_frame_equal(comparable(a.runs), comparable(b.runs), check_exact=True)


@pytest.mark.slow
@pytest.mark.xdist_group("pools")
def test_same_numbers_serial_processes_and_dask_cluster(grid_file, tmp_path):
    from distributed import LocalCluster

    serial = sweep(grid_file, jobs=1, out=tmp_path / "serial")
    procs = sweep(grid_file, jobs=2, out=tmp_path / "procs")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        dask = sweep(grid_file, scheduler=cluster.scheduler_address, out=tmp_path / "dask")
    # the cluster --scheduler local starts itself (quieter workers: QUIET_WORKERS)
    local = sweep(grid_file, scheduler="local", jobs=2, out=tmp_path / "local", report=False)
    assert len(serial.runs) == 8 and serial.ticks["run_id"].nunique() == 8
    assert (serial.execution.backend, procs.execution.backend, dask.execution.backend,
            local.execution.backend) == ("serial", "processes", "dask", "dask")
    for other in (procs, dask, local):
        assert_same(serial, other)
    # the runs really differ from each other (the comparison is not vacuous)
    end = serial.end_values(["cohesion"])
    assert end["cohesion"].nunique() > 1
    assert (tmp_path / "dask" / "report.md").is_file()


def _counting(monkeypatch):
    """Record which runs execute (in this process: serial back end)."""
    ran: list[str] = []
    real = execute.run_chunk

    def counting(tasks, *args):
        ran.extend(t.run_id for t in tasks)
        return real(tasks, *args)

    monkeypatch.setattr(execute, "run_chunk", counting)
    return ran


@pytest.mark.slow
def test_interrupted_sweep_resumes_without_rerunning(grid_file, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real_write = Store.write_batch
    calls = {"n": 0}

    def write_then_interrupt(self, *args):
        if calls["n"] == 2:
            raise KeyboardInterrupt  # Ctrl-C while the third batch comes in
        calls["n"] += 1
        return real_write(self, *args)

    monkeypatch.setattr(Store, "write_batch", write_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        sweep(grid_file, jobs=1, out=out)
    monkeypatch.setattr(Store, "write_batch", real_write)
    kept = Store(out).stored_ids()
    assert 0 < len(kept) < 8

    ran = _counting(monkeypatch)
    resumed = sweep(grid_file, jobs=1, out=out, resume=True)
    assert resumed.execution.stored_before == len(kept)
    assert len(ran) == 8 - len(kept) and not kept & set(ran)  # only the missing runs ran

    straight = sweep(grid_file, jobs=1, out=tmp_path / "straight")
    assert_same(resumed, straight)
    assert_same(load_results(out), straight)

    ran.clear()
    again = sweep(grid_file, jobs=1, out=out, resume=True)  # nothing left to do
    assert ran == [] and again.execution.ran == 0


def _ctrl_c_as_in_a_terminal() -> None:
    """In the child before exec: SIGINT back to its default. A test run started in the
    background of a non-interactive shell (``make test &``, nohup, some CI runners) inherits
    SIGINT as *ignored*, and Python then installs no KeyboardInterrupt handler - unlike the
    terminal a user presses Ctrl-C in."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stored_batches(out) -> int:
    return len(list((out / "runs").glob("part-*.parquet")))


def wait_for_a_stored_batch(proc, out, before: int, timeout: float = 180) -> None:
    """Until the sweep in ``proc`` has stored a batch more than ``before``; it must still be
    running then, or there is nothing left to interrupt."""
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None and stored_batches(out) <= before:
        time.sleep(0.05)
    assert proc.poll() is None, "the sweep finished before it could be stopped"


def _workers(group: int) -> list[int]:
    """Pool workers of a sweep started as process group ``group`` (forked by its
    forkserver, which is the main process's child)."""
    ps = subprocess.run(["ps", "-eo", "pid=,ppid=,pgid="], capture_output=True, text=True)
    rows = [tuple(map(int, line.split())) for line in ps.stdout.splitlines()]
    in_group = {pid: ppid for pid, ppid, pgid in rows if pgid == group}
    return [pid for pid, ppid in in_group.items() if ppid != group and ppid in in_group]


@pytest.mark.slow
@pytest.mark.xdist_group("pools")
def test_killed_worker_ctrl_c_and_crash_keep_finished_runs_and_resume(write_experiment,
                                                                     tmp_path):
    """A worker killed, Ctrl-C, then the whole sweep killed: each time the finished runs
    stay, and the resumed sweep equals one that ran straight through."""
    path = write_experiment("""
        [experiment]
        name = "killme"
        scenarios = ["tender_3y", "subsidy"]
        seeds = 4
        outcomes = ["cohesion", "trust", "hidden_need_share"]
        [parameters]
        funding.tender.staff_moves = [0.2, 0.5, 0.8]
    """, years=4, residents=6000)
    out = tmp_path / "out"
    # runs of a second or two, stored one by one: a stop always leaves work, even when a
    # loaded CI machine starves the parent process that writes the results
    total = 24

    def phase(action, extra=()):
        before = stored_batches(out)
        # one run per stored batch, so every stop leaves work however loaded the machine
        cmd = [sys.executable, "-m", "wijksim.cli", "sweep", str(path), "--jobs", "2",
               "--chunk-size", "1", "--out", str(out), *extra]
        proc = subprocess.Popen(cmd, cwd=REPO, start_new_session=True, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=_ctrl_c_as_in_a_terminal)
        wait_for_a_stored_batch(proc, out, before)
        action(proc)
        stdout, stderr = proc.communicate(timeout=60)
        kept = Store(out).stored_ids()
        assert 0 < len(kept) < total, (before, len(kept), proc.returncode, stderr)
        return proc.returncode, stderr, kept

    def kill_a_worker(proc):
        os.kill(_workers(proc.pid)[0], signal.SIGKILL)

    rc, err, kept1 = phase(kill_a_worker)
    assert rc == 1 and "a worker process died" in err and "--resume" in err, err
    assert f"{len(kept1)} finished runs are stored" in err

    rc, err, kept2 = phase(lambda proc: os.killpg(proc.pid, signal.SIGINT), ["--resume"])
    assert rc == 130 and "interrupted" in err and "--resume" in err, err
    assert kept1 < kept2  # kept everything from before, and added

    def crash(proc):  # kill -9 of the whole sweep: no clean-up code runs at all
        os.killpg(proc.pid, signal.SIGKILL)

    rc, err, kept3 = phase(crash, ["--resume"])
    assert kept2 < kept3
    load_results(out)  # what is there reads cleanly

    rc, stdout, err = cli("sweep", str(path), "--jobs", "2", "--out", str(out), "--resume")
    assert rc == 0, err
    assert f"{len(kept3)} runs already stored" in stdout
    assert f"running {total - len(kept3)} runs" in stdout
    straight = sweep(path, jobs=1, report=False)
    assert_same(load_results(out), straight)


def test_existing_results_need_resume_or_overwrite(tmp_path):
    kw = dict(seeds=1, residents=TINY["wijk.residents"], years=1,
              overrides={"run.burn_in_weeks": 26}, jobs=1, out=tmp_path)
    compare(["tender_3y"], **kw)
    rc, _, err = cli("sweep", "regimes", "--out", str(tmp_path), "--dry-run")
    assert rc == 0  # a dry run touches nothing
    with pytest.raises(ScenarioError, match="--resume"):
        sweep("regimes", out=tmp_path, jobs=1)
    with pytest.raises(ScenarioError, match="not runs of this experiment"):
        sweep("regimes", out=tmp_path, jobs=1, resume=True)


def test_resume_with_more_seeds_runs_only_the_new_ones(tmp_path, monkeypatch):
    kw = dict(residents=TINY["wijk.residents"], years=1, overrides={"run.burn_in_weeks": 26},
              jobs=1, out=tmp_path, report=False)
    first = compare(["tender_3y"], seeds=1, **kw)
    ran = _counting(monkeypatch)
    more = compare(["tender_3y"], seeds=2, resume=True, **kw)
    assert len(ran) == 1 and more.execution.stored_before == 1
    assert list(more.runs["seed"]) == [1, 2]
    pd.testing.assert_frame_equal(more.ticks[more.ticks.seed == 1].reset_index(drop=True),
                                  first.ticks, check_exact=True)


def test_results_in_memory_equal_stored_results(tmp_path):
    kw = dict(seeds=1, residents=TINY["wijk.residents"], years=1, jobs=1,
              overrides={"run.burn_in_weeks": 26})
    stored = compare(["tender_3y"], out=tmp_path, **kw)
    memory = compare(["tender_3y"], **kw)
    assert memory.folder is None
    assert_same(stored, memory)
    assert_same(stored, load_results(tmp_path))


@pytest.mark.slow
@pytest.mark.xdist_group("pools")
def test_killed_dask_worker_keeps_finished_runs_and_resume_completes(write_experiment,
                                                                     tmp_path):
    """A Dask worker killed mid-sweep. Where Dask may not retry (allowed-failures = 0) the
    sweep stops with a message and keeps what finished; by default Dask reruns the lost
    task elsewhere and the sweep completes. Either way the final dataset is the one an
    uninterrupted sweep gives."""
    import dask
    from distributed import Client, LocalCluster

    path = write_experiment("""
        [experiment]
        name = "killdask"
        scenarios = ["tender_3y", "subsidy"]
        seeds = 3
        outcomes = ["cohesion", "trust", "hidden_need_share"]
        [parameters]
        funding.tender.staff_moves = [0.2, 0.8]
    """, years=3, residents=2500)
    out, total = tmp_path / "out", 12

    def sweep_and_kill_a_worker(allowed_failures, extra=()):
        with dask.config.set({"distributed.scheduler.allowed-failures": allowed_failures}), \
                LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                             host="127.0.0.1", dashboard_address=None) as cluster, \
                Client(cluster) as client:
            pids = client.run(os.getpid)
            before = stored_batches(out)
            proc = subprocess.Popen(
                [sys.executable, "-m", "wijksim.cli", "sweep", str(path), "--scheduler",
                 cluster.scheduler_address, "--chunk-size", "1", "--out", str(out),
                 "--quiet", *extra], cwd=REPO, text=True,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            wait_for_a_stored_batch(proc, out, before)
            os.kill(next(iter(pids.values())), signal.SIGKILL)  # its nanny restarts it
            _, err = proc.communicate(timeout=300)
        return proc.returncode, err

    rc, err = sweep_and_kill_a_worker(0)
    kept = Store(out).stored_ids()
    assert rc == 1 and "the Dask cluster failed" in err and "KilledWorker" in err, err
    assert f"{len(kept)} finished runs are stored" in err and "--resume" in err
    assert 0 < len(kept) < total and "Traceback" not in err
    load_results(out)  # what is there reads cleanly

    rc, err = sweep_and_kill_a_worker(3, ["--resume"])  # Dask's default: retry elsewhere
    assert rc == 0, err
    assert Store(out).stored_ids() > kept and len(Store(out).stored_ids()) == total
    assert_same(load_results(out), sweep(path, jobs=1, report=False))


def test_the_command_line_reads_its_options_before_importing_the_model():
    """``wijksim compare`` and ``sweep`` start their worker server before they import the
    model, so that its start-up overlaps theirs: importing the command line and building its
    parser must not import the model, Mesa, Numba or pandas (about a second)."""
    code = ("import sys, wijksim.cli as c; c.build_parser(); "
            "print(sorted(m for m in ('wijksim.model', 'mesa', 'numba', 'pandas') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO).stdout
    assert out.strip() == "[]"


def test_a_sweeps_main_process_runs_nothing_itself_so_imports_no_model(tmp_path):
    """With worker processes the command's own process only reads the experiment, hands out
    runs, stores results and writes the report (figures included): it must not pay for
    importing Mesa and Numba (about 1.2 s) on the way to its first run or to its report."""
    code = ("import sys; from wijksim.cli import main; "
            f"rc = main(['compare', 'subsidy', 'tender_3y', '--seeds', '2', '--years', '1', "
            f"'--residents', '300', '--jobs', '2', '--quiet', '--out', {str(tmp_path)!r}]); "
            "print(rc, sorted(m for m in ('wijksim.model.wijk', 'mesa', 'numba') "
            "if m in sys.modules))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, timeout=300)
    assert res.stdout.strip().splitlines()[-1] == "0 []", res.stdout + res.stderr
    assert (tmp_path / "report.html").is_file() and len(Store(tmp_path).stored_ids()) == 4


def test_a_local_dask_cluster_starts_its_workers_with_wijksim_loaded():
    """``--scheduler local`` workers fork from the preloaded server process, as local pool
    workers do: they start with the model imported and its kernels loaded, instead of paying
    that at their first run."""
    pytest.importorskip("distributed")
    import multiprocessing

    from wijksim.experiments.executor import _dask

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no forkserver on this platform: Dask spawns its workers")
    with _dask("local", 2) as backend:
        import distributed

        # a builtin and a string: unpickling them imports nothing on the worker
        found = distributed.get_client().run(
            eval, "'wijksim.model.wijk' in __import__('sys').modules")
        assert backend.workers == 2 and list(found.values()) == [True, True], found
