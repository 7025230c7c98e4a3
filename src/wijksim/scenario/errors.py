"""Validation problems and the error that carries them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One problem in one file: which key, which value, what would be allowed."""

    file: str
    key: str
    value: Any
    allowed: str
    reason: str = ""
    show_value: bool = True

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        if self.reason and not self.show_value:
            return f"{where}{self.reason}"
        if not self.key:
            return f"{where}{self.reason or 'invalid'}" + (
                f" (expected {self.allowed})" if self.allowed and not self.reason else "")
        msg = f"{where}{self.key} = {_show(self.value)} is not allowed: expected {self.allowed}"
        return msg + (f" ({self.reason})" if self.reason else "")


def _show(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, dict):
        return "a table"
    if isinstance(v, (dt.date, dt.time)):  # TOML dates and times
        return v.isoformat()
    return repr(v)


class ScenarioError(ValueError):
    """A scenario (or experiment) file or override is invalid. ``problems`` lists each."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def via(self, child: str) -> ScenarioError:
        """The same problems, each saying which file extends the one at fault."""
        return ScenarioError([replace(p, file=f"{p.file} (extended by {child})")
                              for p in self.problems])
