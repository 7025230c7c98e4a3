"""The policy levers of the app: which scenario keys, what bounds, how they become overrides.

Slider bounds come from the scenario schema (:data:`wijksim.scenario.KEYS`): a lever may show a
narrower *workshop range* (a 1-100 year slider for contract length is no use in a workshop), but
never a value the schema does not allow, and the range always stretches to include the value of
the scenario that is loaded. Every change goes through the scenario loader's validation, so a bad
combination comes back as a :class:`~wijksim.scenario.ScenarioError` with its problems.

Two levers are derived: the number of buurthuizen and of Huizen van de Wijk. The schema counts
places per 1000 residents (``places.per_1000``, one entry per kind); the app shows whole places
for the wijk's size and converts back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from ..scenario import KEYS
from ..scenario.schema import PLACE_KINDS

SWITCH, CHOICE, INT, FLOAT, PLACES = "switch", "choice", "int", "float", "places"
OPTION = "option"  # one of a few named values (buttons), e.g. the task residents may challenge
OFF = "none"  # the OPTION value that turns its right off
PLACE_KEY = "places.per_1000"


@dataclass(frozen=True)
class Lever:
    """One lever. ``name`` is also the i18n key ``lever_<name>``."""

    name: str
    key: str
    kind: str
    group: str  # funding | team | places
    lo: float | None = None  # workshop range (None: the schema's bound)
    hi: float | None = None
    step: float = 1
    percent: bool = False
    only_regime: str = ""  # acts only under this regime ('' = under every regime)
    place_kind: int = -1  # for PLACES levers: index into places.per_1000
    # a right that needs a value (buurtrechten, docs/ODD.md 7.11): the lever sets its value
    # and turns the right (``switch_key``) on, or off at "none" / 0 - so the app never makes
    # the combination the loader refuses (a right on without the key it needs)
    switch_key: str | None = None

    @property
    def tender_only(self) -> bool:
        return self.only_regime == "tender"

    def idle_under(self, regime: str) -> bool:
        """Whether this lever changes nothing under ``regime`` (a key of another regime)."""
        return bool(self.only_regime) and regime != self.only_regime

    @property
    def live(self) -> bool:
        """Whether moving this lever acts on the running wijk from the next week. Place
        counts shape the built wijk (where its places stand), so they wait for a new start."""
        return self.kind != PLACES

    # -- bounds -----------------------------------------------------------------------------
    def bounds(self, current: float | None = None, residents: int | None = None
               ) -> tuple[float, float]:
        """Slider bounds: the workshop range inside the schema range, stretched to include
        ``current`` (the loaded scenario's value)."""
        key = KEYS[self.key]
        s_lo = key.lo if key.lo is not None else -math.inf
        s_hi = key.hi if key.hi is not None else math.inf
        if self.kind == PLACES:  # the schema bounds places per 1000; convert to places
            n = residents or 1000
            s_lo, s_hi = math.ceil(s_lo * n / 1000.0), math.floor(s_hi * n / 1000.0)
        lo = max(s_lo, self.lo if self.lo is not None else s_lo)
        hi = min(s_hi, self.hi if self.hi is not None else s_hi)
        if current is not None:
            lo, hi = min(lo, max(s_lo, current)), max(hi, min(s_hi, current))
        return lo, hi

    # -- values -----------------------------------------------------------------------------
    @property
    def choices(self) -> tuple[str, ...]:
        return KEYS[self.key].choices or ()

    def read(self, values: Mapping[str, Any], residents: int) -> Any:
        """This lever's position for fully resolved scenario ``values``."""
        if self.switch_key is not None and not values[self.switch_key]:
            return OFF if self.kind == OPTION else 0.0
        if self.kind == PLACES:
            return places_count(values[PLACE_KEY][self.place_kind], residents, self.place_kind)
        v = values[self.key]
        if self.kind == INT:
            return int(v)
        if self.kind == FLOAT:
            return float(v)
        return v

    def write(self, values: dict[str, Any], value: Any, residents: int) -> None:
        """Put this lever's ``value`` into the flat ``values`` dict (a copy the caller owns)."""
        if self.kind == PLACES:
            per = list(values[PLACE_KEY])
            if places_count(per[self.place_kind], residents, self.place_kind) != int(value):
                per[self.place_kind] = places_per_1000(int(value), residents)
            values[PLACE_KEY] = per  # an unchanged count keeps the file's own value
        elif self.switch_key is not None:
            on = value != OFF if self.kind == OPTION else float(value) > 0
            values[self.switch_key] = on
            if on:
                values[self.key] = value if self.kind == OPTION else round(float(value), 6)
        elif self.kind == INT:
            values[self.key] = int(value)
        elif self.kind == FLOAT:
            values[self.key] = round(float(value), 6)
        else:
            values[self.key] = value


def places_count(per_1000: float, residents: int, kind: int) -> int:
    """How many places of a kind the model builds (mirrors WijkModel._build_places)."""
    count = round(per_1000 * residents / 1000.0)
    if kind == 0 and per_1000 > 0:
        count = max(1, count)
    return int(count)


def places_per_1000(count: int, residents: int) -> float:
    """The places.per_1000 entry that gives ``count`` places in a wijk of ``residents``."""
    return count * 1000.0 / residents


LEVERS: tuple[Lever, ...] = (
    Lever("regime", "funding.regime", CHOICE, "funding"),
    Lever("contract_years", "funding.tender.contract_years", INT, "funding", lo=1, hi=15,
          only_regime="tender"),
    Lever("p_lose", "funding.tender.p_incumbent_loses", FLOAT, "funding", step=0.05,
          percent=True, only_regime="tender"),
    Lever("staff_moves", "funding.tender.staff_moves", FLOAT, "funding", step=0.05,
          percent=True, only_regime="tender"),
    Lever("population_weight", "funding.populatiebesteding.population_weight", FLOAT,
          "funding", step=0.1, only_regime="populatiebesteding"),
    Lever("savings_kept", "funding.populatiebesteding.savings_kept", FLOAT, "funding",
          step=0.05, percent=True, only_regime="populatiebesteding"),
    Lever("subcontractors", "funding.populatiebesteding.subcontractors", INT, "funding",
          lo=0, hi=6, only_regime="populatiebesteding"),
    Lever("budget", "funding.budget_per_resident", FLOAT, "funding", lo=40, hi=400, step=10),
    Lever("opbouw_share", "professionals.opbouwwerker_share", FLOAT, "team", step=0.05,
          percent=True),
    Lever("netwerkberaad", "netwerkberaad.enabled", SWITCH, "team"),
    Lever("buurthuizen", PLACE_KEY, PLACES, "places", lo=0, hi=5,
          place_kind=PLACE_KINDS.index("buurthuis")),
    Lever("huizen", PLACE_KEY, PLACES, "places", lo=0, hi=5,
          place_kind=PLACE_KINDS.index("huis_van_de_wijk")),
    # buurtrechten (docs/ODD.md 7.11) and the stance toward burgercollectieven (7.12)
    Lever("right_buildings", "buurtrechten.buildings", SWITCH, "rights"),
    Lever("right_challenge", "buurtrechten.challenge_task", OPTION, "rights",
          switch_key="buurtrechten.challenge"),
    Lever("wijkfonds", "buurtrechten.wijkfonds_share", FLOAT, "rights", step=0.05,
          percent=True, switch_key="buurtrechten.wijkfonds"),
    Lever("right_planning", "buurtrechten.planning", SWITCH, "rights"),
    Lever("collectives", "collectives.enabled", SWITCH, "collectives"),
    Lever("recognition", "collectives.recognition", FLOAT, "collectives", step=0.05,
          percent=True),
    Lever("steady_support", "collectives.steady_support", FLOAT, "collectives", step=0.05,
          percent=True),
    Lever("hurdles", "collectives.hurdles", FLOAT, "collectives", step=0.05, percent=True),
)
BY_NAME = {lv.name: lv for lv in LEVERS}
GROUPS = ("funding", "team", "places", "rights", "collectives")
REGIMES = KEYS["funding.regime"].choices  # ("tender", "subsidy", "populatiebesteding")
COMPARE_REGIMES = ("tender", "subsidy")  # compare mode: the two wijks side by side


def positions(values: Mapping[str, Any], residents: int) -> dict[str, Any]:
    """Every lever's position for resolved scenario ``values``."""
    return {lv.name: lv.read(values, residents) for lv in LEVERS}


def overrides(base: Mapping[str, Any], levers: Mapping[str, Any], residents: int,
              **fixed: Any) -> dict[str, Any]:
    """Dotted scenario overrides that turn ``base`` values into the lever positions.

    Only keys whose value changes are returned; ``fixed`` (dotted keys, e.g. the regime in
    compare mode) is applied last.
    """
    values = {k: (list(v) if isinstance(v, list) else v) for k, v in base.items()}
    for name, value in levers.items():
        BY_NAME[name].write(values, value, residents)
    values.update(fixed)
    return {k: v for k, v in values.items() if v != base.get(k)}


def live_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The live levers whose position differs, in LEVERS order; a regime's own levers are
    left out when the wijk runs (or goes on) under another regime, where they change
    nothing."""
    regime = after.get("regime", before.get("regime"))
    return {lv.name: after[lv.name] for lv in LEVERS
            if lv.live and lv.name in after and after[lv.name] != before.get(lv.name)
            and not lv.idle_under(regime)}
