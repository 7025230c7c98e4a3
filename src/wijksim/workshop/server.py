"""Run ``wijksim workshop`` in the background (browser tests, screenshots): the real command
line on a free loopback port, until the join page answers."""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..app.server import free_port, running_command


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
    base = f"http://127.0.0.1:{port}"
    with running_command(["workshop", *args, "--dir", str(folder), "--host", "127.0.0.1",
                          "--port", str(port)], base + "/", log, startup_seconds, poll=0.3):
        state = json.loads((folder / "session.json").read_text())
        yield Running(base, folder, state["join_code"], state["secret"], state["view_key"])
