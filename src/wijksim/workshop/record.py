"""The record of a workshop session, kept in its folder as things happen.

    session.json         who is in, which round, the rewinds, the join code and the
                         facilitator's and projector's secrets *in plain text*
    decisions.csv        every decision: who, role, round, week, lever, old and new value
    rounds.csv           every round's outcomes when the round ends
    round-N.wijk         the wijk at the start of round N (a model snapshot)

The secrets are kept as they are because ``--resume`` prints the same facilitator and
projector links again (a hash could only check a link, not give it back); so session.json is
owner-only (0600) and the folder too (0700): only the account that runs the workshop reads
them. A participant's rejoin token is different: only its hash is stored (it is only checked).

Every file is written whole to a temporary file in the same folder and moved into place
(``os.replace``), so a crash or a restart never leaves half a file. The CSV files are small
(a decision is a line), so rewriting them costs nothing.

Going back to an earlier round does not erase anything: the session starts a new *branch*; a
row of an older branch for a round at or after the rewind is superseded (``current()``), and
the debrief can still show what was tried.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

from ..files import write_bytes_atomic

DECISION_COLUMNS = ["seq", "time", "branch", "round", "week", "participant", "name", "role",
                    "lever", "key", "old", "new"]
SESSION_FILE, DECISIONS_FILE, ROUNDS_FILE = "session.json", "decisions.csv", "rounds.csv"
OWNER_ONLY, OWNER_ONLY_FOLDER = 0o600, 0o700


class Record:
    """Decisions and round outcomes of one session, mirrored in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.decisions: list[dict[str, Any]] = []
        self.rounds: list[dict[str, Any]] = []

    # -- writing ----------------------------------------------------------------------------
    def add_decision(self, row: dict[str, Any]) -> None:
        row = {"seq": len(self.decisions) + 1, **row}
        self.decisions.append(row)
        self._write_csv(DECISIONS_FILE, self.decisions, DECISION_COLUMNS)

    def add_round(self, row: dict[str, Any]) -> None:
        self.rounds.append(dict(row))
        cols = list(dict.fromkeys(k for r in self.rounds for k in r))
        self._write_csv(ROUNDS_FILE, self.rounds, cols)

    def save_state(self, state: dict[str, Any]) -> None:
        """Write session.json, owner-only: it holds the secrets in plain text."""
        path = self.folder / SESSION_FILE
        write_bytes_atomic(json.dumps(state, indent=1, ensure_ascii=False).encode(), path)
        os.chmod(path, OWNER_ONLY)

    def snapshot_path(self, round_no: int) -> Path:
        return self.folder / f"round-{int(round_no)}.wijk"

    def _write_csv(self, name: str, rows: list[dict[str, Any]], cols: list[str]) -> None:
        frame = pd.DataFrame(rows, columns=cols)
        write_bytes_atomic(frame.to_csv(index=False).encode(), self.folder / name)

    # -- reading ----------------------------------------------------------------------------
    @classmethod
    def open(cls, folder: Path) -> tuple["Record", dict[str, Any]]:
        """The record and saved state of the session in ``folder`` (to resume it)."""
        rec = cls(folder)
        state = json.loads((rec.folder / SESSION_FILE).read_text())
        for name, target in ((DECISIONS_FILE, rec.decisions), (ROUNDS_FILE, rec.rounds)):
            path = rec.folder / name
            if path.is_file() and path.stat().st_size:
                frame = pd.read_csv(path, keep_default_na=False)
                target.extend(frame.to_dict("records"))
        return rec, state


def current(rows: list[dict[str, Any]], rewinds: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """The rows still on the session's line: a row of branch b for round r is superseded when
    a later branch went back to round r or earlier. ``rewinds``: (new branch, to round)."""
    def alive(row: dict[str, Any]) -> bool:
        return not any(nb > int(row["branch"]) and to <= int(row["round"])
                       for nb, to in rewinds)
    return [r for r in rows if alive(r)]
