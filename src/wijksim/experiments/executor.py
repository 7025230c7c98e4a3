"""Where runs execute: this process, a pool of local processes, or a Dask cluster.

All three hand back finished chunks as they complete; the caller (not the workers) writes
results, so a Dask task that is retried after a lost worker cannot write twice, and workers
need no shared disk. Results do not depend on the back end: every run is fixed by its scenario
and seed (tests/experiments check this bit for bit).

Mesa 3.3 sets multiprocessing's start method to 'spawn' for the whole process when imported;
the local pool therefore passes its own context: 'forkserver' where available (a clean server
process that has imported wijksim once; workers fork from it quickly), else 'spawn'. A Dask
LocalCluster starts its workers from the same server (Dask's own default would spawn fresh
interpreters that each import wijksim and load the kernels at their first run).
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from ..scenario import Problem, ScenarioError

PRELOAD = ["wijksim.experiments._worker_preload"]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


@dataclass
class Backend:
    """A place to run chunks. ``workers`` is how many run at once."""

    kind: str  # "serial", "processes" or "dask"
    workers: int
    executor: cf.Executor | None = None
    address: str = ""

    def imap_unordered(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any
                       ) -> Iterator[tuple[Any, Any]]:
        """Yield ``(item, fn(item, *args))`` as each finishes. A failure stops everything
        not yet started and is raised; what finished before it has been yielded."""
        if self.executor is None:
            for item in items:
                yield item, fn(item, *args)
            return
        futures = {self.executor.submit(fn, item, *args): item for item in items}
        try:
            for fut in cf.as_completed(futures):
                yield futures[fut], fut.result()
        finally:
            if self.kind == "dask":
                _quiet_dask_cleanup()
            for fut in futures:
                fut.cancel()


def _quiet_dask_cleanup() -> None:
    """Cancelling the remaining Dask futures makes tornado log a traceback per future
    (FutureCancelledError in distributed's executor bridge). The user gets one message
    saying what stopped and what is kept; these logs would only bury it."""
    import logging

    for name in ("tornado.application", "asyncio", "distributed.client"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _mp_context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def start_workers_early(jobs: int | None, scheduler: str | None) -> None:
    """Start the server process of local workers now, when a command will need it (a local
    pool, or a Dask LocalCluster), so that it imports wijksim and loads the kernels
    (``_worker_preload``) while this process reads its input, on the other core. Without it
    the workers' start-up comes after that, on the critical path. A command that then runs
    nothing (bad input, all runs stored) leaves an idle server that ends with it."""
    if scheduler not in (None, "local") or (jobs or default_jobs()) < 2:
        return
    _start_forkserver()


def _start_forkserver() -> bool:
    """Start wijksim's preloaded forkserver if it is not running; False where the platform
    has none (workers are then spawned)."""
    if _mp_context().get_start_method() != "forkserver":
        return False
    from multiprocessing import forkserver

    forkserver.ensure_running()
    return True


@contextmanager
def open_backend(jobs: int | None = None, scheduler: str | None = None
                 ) -> Iterator[Backend]:
    """``scheduler``: None for local processes (``jobs`` of them; 1 = this process),
    ``"local"`` to start a Dask LocalCluster of ``jobs`` workers on this machine, or the
    address of a running Dask scheduler (``tcp://host:8786``)."""
    jobs = jobs or default_jobs()
    if scheduler:
        with _dask(scheduler, jobs) as backend:
            yield backend
        return
    if jobs == 1:
        yield Backend("serial", 1)
        return
    pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context())
    clean = False
    try:
        yield Backend("processes", jobs, pool)
        clean = True
    finally:
        if clean:
            pool.shutdown(wait=True)
        else:  # interrupted or failed: stop now, do not finish queued or running runs
            # Python < 3.14 has no public terminate_workers(); shutdown() drops the list
            procs = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in procs:
                proc.terminate()


DASK_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")

# A wijksim task holds a core for seconds: the LocalCluster's workers, nannies and scheduler
# need not sample every 10 ms (the worker's statistical profiler walks the running run's
# stack, taking the GIL from it) or check their event loop every 20 ms. On a 2-core machine
# these took about 5 % of the cores in a 66-run sweep (benchmarks/bench_model.py --full).
# Workers of an outside scheduler get the same by DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False
# (docs/experiments.md).
QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.worker.memory.monitor-interval": "1s",
}


def check_scheduler_address(address: str | None) -> None:
    """``local`` or ``[scheme://]host:port``, checked before any work (a wrong address
    would otherwise fail deep inside dask.distributed)."""
    from urllib.parse import urlsplit

    if address is None or address == "local":
        return
    text = address if "://" in address else f"tcp://{address}"
    try:
        parts = urlsplit(text)
        ok = (parts.scheme in DASK_SCHEMES and bool(parts.hostname) and parts.port is not None
              and 0 < parts.port < 65536 and parts.path in ("", "/") and not parts.query)
    except ValueError:  # a port that is not a number, a broken [IPv6] address
        ok = False
    if not ok:
        raise ScenarioError([Problem("--scheduler", "--scheduler", address, (
            "the address of a running Dask scheduler, host and port, e.g. "
            f"tcp://10.0.0.5:8786 (schemes: {', '.join(DASK_SCHEMES)}), or 'local'"),
            "not a scheduler address")])


@contextmanager
def _dask(scheduler: str, jobs: int) -> Iterator[Backend]:
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ScenarioError([Problem("--scheduler", "", "", "", "the Dask path needs "
                                     "dask.distributed: pip install 'wijksim[distributed]'",
                                     show_value=False)]) from None
    cluster = None
    try:
        if scheduler == "local":
            with dask.config.set({**QUIET_WORKERS, **_local_start_method()}):
                cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
        else:
            try:
                client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise ScenarioError([Problem("--scheduler", "--scheduler", scheduler,
                                             "the address of a running Dask scheduler, e.g. "
                                             "tcp://10.0.0.5:8786, or 'local'",
                                             f"cannot connect: {exc}")]) from None
        try:
            _check_workers(client, scheduler)
            workers = sum(client.nthreads().values()) or 1
            yield Backend("dask", workers, client.get_executor(pure=False),
                          address=client.scheduler.address)
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _local_start_method() -> dict[str, Any]:
    """Dask's setting that makes a LocalCluster start its workers from this process's
    forkserver (see :func:`start_workers_early`; started here if it is not yet), where the
    platform has one. Running before Dask asks for it, the server keeps wijksim's preload."""
    if not _start_forkserver():
        return {}
    return {"distributed.worker.multiprocessing-method": "forkserver"}


def _check_workers(client: Any, scheduler: str) -> None:
    """Every worker must run the same wijksim as this machine, or results would mix models."""
    from .._version import __version__

    try:
        found = client.run(_wijksim_version)
    except Exception as exc:  # noqa: BLE001 - any failure here means the same to the user
        found = {"?": f"error: {exc}"}
    bad = {w: v for w, v in found.items() if v != __version__}
    if bad:
        w, v = next(iter(bad.items()))
        raise ScenarioError([Problem("--scheduler", "--scheduler", scheduler,
                                     f"workers with wijksim {__version__} installed",
                                     f"{len(bad)} of {len(found)} workers differ, e.g. {w}: "
                                     f"{v}")])


def _wijksim_version() -> str:
    try:
        from wijksim._version import __version__  # as installed on this worker
        return __version__
    except ImportError:
        return "not installed"
