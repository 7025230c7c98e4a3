"""Run ``wijksim workshop`` in the background (browser tests, screenshots): the real command
line on a free loopback port, until the join page answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..app.server import AppDidNotStart, free_port


@dataclass(frozen=True)
class Running:
    base: str  # http://127.0.0.1:PORT
    folder: Path
    code: str
    secret: str
    view_key: str

    @property
    def facilitator(self) -> str:
        return f"{self.base}/facilitator?key={self.secret}"

    @property
    def projector(self) -> str:
        return f"{self.base}/projector?key={self.view_key}"


@contextmanager
def running_workshop(*args: str, folder: Path, log: Path,
                     startup_seconds: float = 180.0) -> Iterator[Running]:
    """Start ``wijksim workshop *args --dir folder`` on a free loopback port; yield where it
    runs and its code and secrets (read from session.json); stop it afterwards."""
    port = free_port()
    env = dict(os.environ, SOLARA_TELEMETRY_MIXPANEL_ENABLE="False", MPLBACKEND="Agg")
    cmd = [sys.executable, "-m", "wijksim.cli", "workshop", *args, "--dir", str(folder),
           "--host", "127.0.0.1", "--port", str(port)]
    with open(log, "w") as fh:
        proc = subprocess.Popen(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + startup_seconds
        while True:
            if proc.poll() is not None:
                raise AppDidNotStart(f"wijksim workshop exited with {proc.returncode}:\n"
                                     f"{log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise AppDidNotStart(f"wijksim workshop did not answer within "
                                         f"{startup_seconds:.0f} s:\n{log.read_text()[-3000:]}")
                time.sleep(0.3)
        state = json.loads((folder / "session.json").read_text())
        yield Running(base, folder, state["join_code"], state["secret"], state["view_key"])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
