"""Run ``wijksim app`` in the background, for the browser tests, the app benchmark and the
screenshot script: the real command line on a free loopback port, until it answers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class AppDidNotStart(RuntimeError):
    """The server exited or did not answer; the message ends with its log."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_command(args: list[str], url: str, log: Path, startup_seconds: float = 120.0,
                    poll: float = 0.2) -> Iterator[subprocess.Popen]:
    """Start ``wijksim *args`` (a server) with its output in ``log``; yield the process once
    ``url`` answers; stop it afterwards. A server that exits or does not answer in time
    raises AppDidNotStart with the end of its log."""
    env = dict(os.environ, SOLARA_TELEMETRY_MIXPANEL_ENABLE="False", MPLBACKEND="Agg")
    with open(log, "w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "wijksim.cli", *args], env=env,
                                stdout=fh, stderr=subprocess.STDOUT)
    what = f"wijksim {args[0]}"
    try:
        deadline = time.time() + startup_seconds
        while True:
            if proc.poll() is not None:
                raise AppDidNotStart(f"{what} exited with {proc.returncode}:\n"
                                     f"{log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise AppDidNotStart(f"{what} did not answer within "
                                         f"{startup_seconds:.0f} s:\n{log.read_text()[-3000:]}")
                time.sleep(poll)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def running_app(*args: str, log: Path, startup_seconds: float = 120.0) -> Iterator[str]:
    """Start ``wijksim app --host 127.0.0.1 --port <free> *args`` with its output in ``log``;
    yield its address once it answers; stop it afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running_command(["app", "--host", "127.0.0.1", "--port", str(port), *args], url, log,
                         startup_seconds):
        yield url
