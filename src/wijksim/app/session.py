"""One browser tab's wijk — or two, side by side, in compare mode.

A :class:`Session` belongs to one tab; nothing in it is shared with other tabs except the
:class:`ModelCache` of freshly built models (immutable pickled bytes: every tab unpickles its own
copy). A build is fully determined by scenario values and seed, so the cache makes Reset, going
back to an earlier lever position and a second participant with the same settings instant,
without changing any result.

Stepping, resetting and drawing take the session's lock, so a Play loop running in a thread and
a click (Step, a language switch that redraws) never see a half-stepped model.
"""

from __future__ import annotations

import os
import pickle
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..model import snapshot
from ..model.wijk import WijkModel
from ..scenario import Scenario, ScenarioError
from ..scenario.errors import Problem
from ..scenario.regimes import regime_in_week
from . import levers as lv
from .sources import LOG, ScenarioSources, strip_paths

# The outcomes the charts show, in order (names from wijksim.model.outcome_names.OUTCOMES).
PLOTTED = ("cohesion", "vraagverlegenheid", "hidden_need_share", "wijkkennis", "trust",
           "lonely_share")
WORKSHOP_RESIDENTS = 3000
DEFAULT_SCENARIO = "tender_3y"
MAJOR_EVENTS = ("tender_lost", "tender_won", "renewal", "closure", "reopening", "budget_cut",
                "programme_start", "programme_stop", "heatwave", "crisis", "buurttop",
                "policy_change", "regime_switch")


@dataclass(frozen=True)
class AppConfig:
    """What ``wijksim app`` was started with (passed to the server in WIJKSIM_APP_* vars)."""

    scenario: str = DEFAULT_SCENARIO
    residents: int = WORKSHOP_RESIDENTS
    seed: int = 1
    burn_in: int | None = None  # None: the scenario's run.burn_in_weeks
    scenarios_dir: str = ""  # --scenarios DIR: the one folder the page may list and read

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "AppConfig":
        env = os.environ if env is None else env
        burn = env.get("WIJKSIM_APP_BURN_IN", "")
        return cls(scenario=env.get("WIJKSIM_APP_SCENARIO", DEFAULT_SCENARIO),
                   residents=int(env.get("WIJKSIM_APP_RESIDENTS", WORKSHOP_RESIDENTS)),
                   seed=int(env.get("WIJKSIM_APP_SEED", 1)),
                   burn_in=int(burn) if burn else None,
                   scenarios_dir=env.get("WIJKSIM_APP_SCENARIOS_DIR", ""))

    def to_env(self) -> dict[str, str]:
        env = {"WIJKSIM_APP_SCENARIO": self.scenario,
               "WIJKSIM_APP_RESIDENTS": str(self.residents),
               "WIJKSIM_APP_SEED": str(self.seed)}
        if self.burn_in is not None:
            env["WIJKSIM_APP_BURN_IN"] = str(self.burn_in)
        if self.scenarios_dir:
            env["WIJKSIM_APP_SCENARIOS_DIR"] = self.scenarios_dir
        return env

    def sources(self) -> ScenarioSources:
        """What a tab may load (a new object per tab: uploads stay in their tab)."""
        return ScenarioSources(Path(self.scenarios_dir) if self.scenarios_dir else None,
                               self.scenario)


class ModelCache:
    """Freshly built models as pickled bytes, keyed by (scenario hash, seed); LRU by size."""

    def __init__(self, max_bytes: int = 160 * 2**20):
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._pending: dict[tuple[str, int], threading.Event] = {}
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, scen: Scenario, seed: int) -> WijkModel:
        """A fresh model for (scenario, seed): unpickled from the cache, or built. When 20
        participants open the page at once, the wijk is built once and the others wait."""
        key = (scen.hash, seed)
        while True:
            with self._lock:
                blob = self._items.get(key)
                if blob is not None:
                    self._items.move_to_end(key)
                    self.hits += 1
                    break
                pending = self._pending.get(key)
                if pending is None:  # we build it
                    pending = self._pending[key] = threading.Event()
                    self.misses += 1
                    break
            pending.wait()  # someone else builds it; then take it from the cache
        if blob is not None:
            return pickle.loads(blob)
        try:
            model = WijkModel.starting(scen, seed=seed, cache=snapshot.cache_dir())
            blob = snapshot.dumps(model)
            with self._lock:
                self._items[key] = blob
                while (sum(map(len, self._items.values())) > self.max_bytes
                       and len(self._items) > 1):
                    self._items.popitem(last=False)
            return model
        finally:
            with self._lock:
                self._pending.pop(key).set()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


CACHE = ModelCache()


@dataclass
class Wijk:
    """One running model and the history the charts draw."""

    model: WijkModel
    regime: str
    weeks: list[int] = field(default_factory=list)
    series: dict[str, list[float]] = field(default_factory=dict)
    error: str = ""
    painter: Any = None  # render.MapPainter, made on first draw

    def __post_init__(self):
        self.series = {k: [] for k in PLOTTED}
        self._take()

    @property
    def week(self) -> int:
        return self.model.week

    @property
    def horizon(self) -> int:
        return self.model.horizon

    @property
    def finished(self) -> bool:
        return self.model.week >= self.model.horizon or bool(self.error)

    def _take(self) -> None:
        m = self.model
        if self.weeks and self.weeks[-1] == m.latest_week:
            return
        self.weeks.append(m.latest_week)
        for k in PLOTTED:
            self.series[k].append(float(m.latest[k]))

    def step(self) -> None:
        if self.finished:
            return
        try:
            self.model.step()
        except Exception as exc:  # shown in the page; the model stays as it was left
            LOG.error("the model failed in week %s", self.model.week, exc_info=exc)
            self.error = strip_paths(f"{type(exc).__name__}: {exc}".split("\n")[0])[:200]
            return
        self._take()

    def events(self) -> list[dict[str, Any]]:
        return list(self.model.events)

    def settings(self) -> dict[str, Any]:
        """Lever positions read back from the running model's own scenario values."""
        n = self.model.residents.n
        return lv.positions(self.model.scenario.values, n)


@dataclass(frozen=True)
class BuildRequest:
    """Everything that determines the wijk(s) on the page."""

    scenario: str  # shipped name or path to a .toml file
    levers: tuple[tuple[str, Any], ...]  # positions at the (re)start; later moves act live
    seed: int
    compare: bool
    residents: int
    burn_in: int | None = None
    revision: int = 0  # bumped by 'Load': the same file may have new contents
    restart: int = 0  # bumped by 'Start over': a new wijk from week 0 with the levers as set


class Session:
    """The wijk(s) of one browser tab."""

    def __init__(self, config: AppConfig | None = None, cache: ModelCache | None = None):
        self.config = config or AppConfig()
        self.cache = cache or CACHE
        self.sources = self.config.sources()
        self.lock = threading.RLock()
        self.wijks: list[Wijk] = []
        self.request: BuildRequest | None = None
        self.version = 0  # bumps on every change the page must draw
        self._playing = threading.Event()

    # -- scenarios ----------------------------------------------------------------------------
    def scenarios(self) -> list[str]:
        """The keys of the scenarios this tab may pick (see :mod:`wijksim.app.sources`)."""
        return self.sources.offered()

    def base(self, source: str) -> Scenario:
        """The scenario as its file says, at the workshop size (raises ScenarioError).
        ``source`` is a key from :meth:`scenarios` or an upload, never a path."""
        if not str(source).strip():
            raise ScenarioError([Problem("", "", "", "a scenario", "no scenario file given")])
        overrides: dict[str, Any] = {"wijk.residents": self.config.residents}
        if self.config.burn_in is not None:
            overrides["run.burn_in_weeks"] = self.config.burn_in
        return self.sources.load(source, overrides)

    def lever_positions(self, source: str) -> dict[str, Any]:
        return lv.positions(self.base(source).values, self.config.residents)

    # -- building -----------------------------------------------------------------------------
    def scenarios_for(self, req: BuildRequest) -> list[tuple[str, Scenario]]:
        """The resolved scenario of each wijk (validated; raises ScenarioError)."""
        base = self.base(req.scenario)
        levers = dict(req.levers)
        regimes = list(lv.COMPARE_REGIMES) if req.compare else [levers.get("regime",
                                                                  base["funding.regime"])]
        out = []
        for regime in regimes:
            ov = lv.overrides(base.values, levers, self.config.residents,
                              **{"funding.regime": regime})
            out.append((regime, base.with_overrides(ov, origin="levers")))
        return out

    def build(self, req: BuildRequest) -> None:
        """Build the wijk(s) for ``req``; on a ScenarioError the old wijks stay."""
        scens = self.scenarios_for(req)
        models = []
        for regime, scen in scens:
            try:
                models.append(Wijk(self.cache.get(scen, req.seed), regime))
            except ScenarioError:
                raise
            except Exception as exc:  # a combination the model cannot build
                raise BuildError(f"{type(exc).__name__}: {exc}") from exc
        with self.lock:
            self.wijks = models
            self.request = req
            self.version += 1

    def change_levers(self, levers: dict[str, Any]) -> bool:
        """A policy decision while the wijk runs: the live levers (all but the place counts)
        change the terms of every wijk on the page from its next week on, in the same wijk,
        logged as an event (``WijkModel.change_policy``). In compare mode each wijk keeps its
        own regime. Raises ScenarioError for a combination the schema does not allow, and
        PolicyError if the model cannot take it; the wijks stay as they were."""
        from .i18n import policy_text

        compare = bool(self.request and self.request.compare)
        n = self.config.residents
        live = {k: v for k, v in levers.items() if lv.BY_NAME[k].live}
        changed_any = False
        with self.lock:
            for w in self.wijks:
                if w.finished:
                    continue
                values = w.model.scenario.values
                fixed = {"funding.regime": w.regime} if compare else {}
                mine = {k: v for k, v in live.items() if not (compare and k == "regime")}
                ov = lv.overrides(values, mine, n, **fixed)
                if not ov:
                    continue
                before = lv.positions(values, n)
                changes = lv.live_changes(before, {**before, **mine})
                try:
                    w.model.change_policy(ov, policy_text(changes, "en"), log=bool(changes),
                                          levers=changes)
                except ScenarioError:
                    raise
                except Exception as exc:  # noqa: BLE001 - shown in the page
                    raise PolicyError(f"{type(exc).__name__}: {exc}") from exc
                w.regime = regime_in_week(w.model.scenario.values, w.model.week)
                changed_any = True
            if changed_any:
                self.version += 1
        return changed_any

    def reset(self) -> None:
        if self.request is not None:
            self.build(self.request)

    # -- running ------------------------------------------------------------------------------
    @property
    def week(self) -> int:
        return self.wijks[0].week if self.wijks else 0

    @property
    def finished(self) -> bool:
        return bool(self.wijks) and all(w.finished for w in self.wijks)

    @property
    def error(self) -> str:
        return next((w.error for w in self.wijks if w.error), "")

    def step(self, weeks: int = 1) -> int:
        """Step every wijk ``weeks`` weeks together (fewer at the horizon); return the week."""
        with self.lock:
            for _ in range(weeks):
                if self.finished or self.error:
                    break
                for w in self.wijks:
                    w.step()
            self.version += 1
            return self.week

    # -- play / pause: a Play loop steps only while the flag is set, checked under the lock,
    # so once pause() returns no further week is stepped.
    @property
    def playing(self) -> bool:
        return self._playing.is_set()

    def play(self) -> None:
        self._playing.set()

    def pause(self) -> int:
        """Stop playing; return the version to draw (no step starts after this returns)."""
        with self.lock:
            self._playing.clear()
            return self.version

    def play_step(self, weeks: int) -> bool:
        """Step ``weeks`` if still playing; False (and stop playing) when paused or done."""
        with self.lock:
            if not self._playing.is_set():
                return False
            self.step(weeks)
            if self.finished or self.error:
                self._playing.clear()
            return True

    def play_loop(self, cancel: threading.Event, frame: Callable[[], tuple[int, float]],
                  on_frame: Callable[[], None]) -> bool:
        """Step frame after frame while playing. ``frame()`` gives the next frame's weeks and
        seconds, ``on_frame()`` draws it. True only when the wijk ended (finished or failed):
        after a pause the loop leaves the Play button alone, because a Play pressed since
        belongs to a newer loop (a slow step must not switch that one off)."""
        self.play()
        while not cancel.is_set():
            t0 = time.perf_counter()
            weeks, seconds = frame()
            if not self.play_step(weeks):
                return False  # paused meanwhile: pause() already drew the last week
            on_frame()
            if self.finished or self.error:
                return True
            cancel.wait(max(0.01, seconds - (time.perf_counter() - t0)))
        return False

    def close_place(self, index: int, reason: str = "closed in the workshop") -> bool:
        """Close place ``index`` in every wijk where it is open (acts at once)."""
        done = False
        with self.lock:
            for w in self.wijks:
                places = w.model.places
                if 0 <= index < len(places) and places[index].open:
                    places[index].close(reason)
                    done = True
            if done:
                self.version += 1
        return done


class BuildError(Exception):
    """The model could not be built for this combination of levers."""


class PolicyError(Exception):
    """The running model could not take this combination of levers."""


def prewarm(config: AppConfig, cache: ModelCache | None = None) -> None:
    """Build the wijks a new tab opens with (and its compare partner) into the cache, so the
    first participants do not wait for them. Errors are left for the page to report."""
    s = Session(config, cache)
    try:
        positions = s.lever_positions(config.scenario)
        req = BuildRequest(config.scenario, tuple(sorted(positions.items())), config.seed,
                           True, config.residents, config.burn_in)
        for _, scen in s.scenarios_for(req):
            s.cache.get(scen, config.seed)
    except Exception:  # noqa: BLE001 - the page shows problems when a tab opens
        pass
