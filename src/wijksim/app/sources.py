"""Which scenario files the app may read, and how their problems reach the page.

The page never takes a path. It offers, by name, the shipped scenarios and the ``.toml``
files of one folder named at start-up (``wijksim app --scenarios DIR``), plus scenario text
a participant uploads. Every ``extends`` in any of them must name one of those scenarios
(:func:`wijksim.scenario.loader.confined_path`), so no other file on the server is opened,
and not even its existence is revealed.

Messages go to the page without server paths (the folders are left out of file names, and
any absolute path left over is cut to its last part); a problem with a key the schema does
not know never shows that key's value (:mod:`wijksim.scenario.loader`), so a file holding
``api_key = "..."`` does not hand its secret to whoever opens the page.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from .. import paths
from ..scenario import Scenario, ScenarioError, load_scenario, shipped_scenarios
from ..scenario.errors import Problem
from ..scenario.loader import confined_path, load_scenario_text
from ..scenario.tomlfile import MAX_BYTES

LOG = logging.getLogger("wijksim.app")
OWN = "eigen:"  # a file in the --scenarios folder, by stem
UPLOAD = "upload:"  # uploaded text, by a hash of it (kept in the tab's session)
START = "start:"  # the --scenario the app was started with, when that is a path
UPLOAD_LABEL = "uploaded.toml"
_ABSOLUTE = re.compile(r"(?<![\w.])(?:~|[A-Za-z]:)?[/\\](?:[^\s/\\:'\"(),]+[/\\])+")


@dataclass
class ScenarioSources:
    """What one running app may load: shipped scenarios, one folder, uploads, the start
    scenario. Keys (``tender_3y``, ``eigen:mijn_wijk``, ``upload:3fa2...``) are what the
    page holds; only this object turns them into files."""

    folder: Path | None = None  # --scenarios DIR
    start: str = "tender_3y"  # --scenario: a shipped name or (trusted: the operator's) path
    uploads: dict[str, bytes] = field(default_factory=dict)  # per tab: key -> file bytes

    @property
    def roots(self) -> tuple[Path, ...]:
        shipped = (paths.scenarios_dir(),)
        return shipped + ((self.folder,) if self.folder is not None else ())

    @property
    def start_key(self) -> str:
        return self.start if self.start in shipped_scenarios() else \
            START + Path(self.start).stem

    def own_files(self) -> list[str]:
        """Stems of the ordinary .toml files in the folder (links leading out are left)."""
        if self.folder is None or not self.folder.is_dir():
            return []
        real = Path(os.path.realpath(self.folder))
        return sorted(p.stem for p in self.folder.glob("*.toml")
                      if p.is_file() and Path(os.path.realpath(p)).parent == real)

    def offered(self) -> list[str]:
        """Every key the scenario list shows, shipped first."""
        keys = list(shipped_scenarios()) + [OWN + s for s in self.own_files()]
        if self.start_key not in keys:
            keys.insert(0, self.start_key)
        return keys

    def add_upload(self, data: str | bytes) -> str:
        """Keep uploaded text for this tab; return its key (refuses more than MAX_BYTES)."""
        raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
        if len(raw) > MAX_BYTES:
            raise ScenarioError([Problem(UPLOAD_LABEL, "", "", "", (
                f"is larger than {MAX_BYTES // 1000} kB; a scenario file is a few kB"),
                show_value=False)])
        key = UPLOAD + hashlib.sha256(raw).hexdigest()[:12]
        self.uploads[key] = raw
        return key

    def load(self, key: str, overrides: Mapping[str, Any] | None = None) -> Scenario:
        """The scenario behind ``key``; raises ScenarioError for anything not offered."""
        key = str(key).strip()
        if key == self.start or key == self.start_key:
            return load_scenario(self.start, overrides=overrides)
        if key in shipped_scenarios():
            return load_scenario(key, overrides=overrides, roots=self.roots)
        if key.startswith(OWN) and self.folder is not None:
            path = confined_path(key[len(OWN):], (self.folder,), None)
            return load_scenario(path, overrides=overrides, roots=self.roots)
        if key in self.uploads:
            return load_scenario_text(self.uploads[key], UPLOAD_LABEL, self.roots, overrides)
        raise ScenarioError([Problem("", "", "", "", (
            "this is not one of the scenarios this app offers; pick one from the list or "
            "upload the text of a scenario file"), show_value=False)])

    def page_text(self, message: str) -> str:
        """``message`` without the server's folders."""
        for root in self.roots:
            for form in {str(root), os.path.realpath(root)}:
                message = message.replace(form.rstrip("/\\") + os.sep, "")
        for form in {str(Path(self.start).parent), os.path.realpath(Path(self.start).parent)}:
            if form not in (".", ""):
                message = message.replace(form.rstrip("/\\") + os.sep, "")
        return strip_paths(message)


def strip_paths(message: str) -> str:
    """Every absolute path in ``message`` cut to its last part."""
    return _ABSOLUTE.sub("", message)


def page_problems(sources: ScenarioSources, exc: BaseException) -> list:
    """Like :func:`page_lines`, but a ScenarioError's problems stay problems (without server
    paths), so the page can word them in its language when it draws them."""
    if isinstance(exc, ScenarioError):
        return [replace(p, file=sources.page_text(p.file), reason=sources.page_text(p.reason),
                        allowed=sources.page_text(p.allowed),
                        value=sources.page_text(p.value) if isinstance(p.value, str)
                        else p.value) for p in exc.problems]
    return page_lines(sources, exc)


def page_lines(sources: ScenarioSources, exc: BaseException) -> list[str]:
    """The lines of a problem box for ``exc``: a ScenarioError's problems without server
    paths; anything else is logged with its traceback and said in general terms (the
    caller translates: an empty list means 'internal error')."""
    if isinstance(exc, ScenarioError):
        return [sources.page_text(str(p)) for p in exc.problems]
    LOG.error("unexpected error in the app", exc_info=exc)
    return []
