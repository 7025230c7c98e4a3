"""The roles of a workshop and the levers each may move on the one shared wijk.

Every lever is a scenario key of the schema (:data:`wijksim.scenario.KEYS`), so a decision acts
through the same mechanisms as a scenario file: it becomes an override applied with
``WijkModel.change_policy`` from the week the next round starts. A lever's workshop range lies
inside the schema's range (checked when this module loads); a value outside it, as a modified
page could send, is refused with a message naming the lever and what is allowed.

Closing or reopening a place is the one decision that is not a scenario key: the model's places
are agents, and the gemeente acts on them directly (``ThirdPlace.close`` / ``reopen``).

Several people may hold one role (bewoners, usually). For a lever of such a role the wijk takes
the *mean* of its holders' choices in the round (``combine="mean"``): the residents' behaviour
shifts with the room's average, not with whoever pressed last. For roles held by one person
the last choice counts (``combine="last"``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from ..scenario import KEYS

SWITCH, CHOICE, INT, FLOAT, PLACE = "switch", "choice", "int", "float", "place"


class DecisionError(ValueError):
    """A decision the session refuses; ``str()`` is the message for the participant (English),
    ``.nl`` the same in Dutch."""

    def __init__(self, en: str, nl: str | None = None):
        super().__init__(en)
        self.nl = nl or en

    def text(self, lang: str) -> str:
        return self.nl if lang == "nl" else str(self)


@dataclass(frozen=True)
class RoleLever:
    """One lever of a role. ``name`` is unique across roles (it names the decision)."""

    name: str
    key: str  # scenario key ('' for PLACE: a place agent, not a key)
    kind: str
    label_nl: str
    label_en: str
    lo: float | None = None  # workshop range (inside the schema's range)
    hi: float | None = None
    step: float = 1.0
    combine: str = "last"  # last | mean

    def bounds(self) -> tuple[float, float]:
        key = KEYS[self.key]
        lo = self.lo if self.lo is not None else key.lo
        hi = self.hi if self.hi is not None else key.hi
        return float(lo), float(hi)

    def label(self, lang: str) -> str:
        return self.label_nl if lang == "nl" else self.label_en

    def check(self, value: Any) -> Any:
        """``value`` as this lever's type, or DecisionError saying what is allowed."""
        if self.kind == SWITCH:
            if isinstance(value, bool):
                return value
            raise DecisionError(f"{self.label_en}: expected on or off, got {value!r}",
                                f"{self.label_nl}: kies aan of uit (kreeg {value!r})")
        if self.kind == CHOICE:
            choices = KEYS[self.key].choices or ()
            if value in choices:
                return value
            raise DecisionError(f"{self.label_en}: expected one of {', '.join(choices)}, got "
                                f"{value!r}", f"{self.label_nl}: kies uit {', '.join(choices)} "
                                f"(kreeg {value!r})")
        if self.kind == PLACE:
            raise DecisionError("a place is opened or closed with its own decision")
        try:
            x = float(value)
        except (TypeError, ValueError):
            x = math.nan
        if isinstance(value, bool) or not math.isfinite(x):
            raise DecisionError(f"{self.label_en}: expected a number, got {value!r}",
                                f"{self.label_nl}: verwacht een getal (kreeg {value!r})")
        lo, hi = self.bounds()
        if not lo <= x <= hi:
            raise DecisionError(
                f"{self.label_en}: {_fmt(x)} is out of range; allowed is {_fmt(lo)} to "
                f"{_fmt(hi)}", f"{self.label_nl}: {_fmt(x)} kan niet; kies van {_fmt(lo)} "
                f"tot en met {_fmt(hi)}")
        if self.kind == INT:
            if not float(x).is_integer():
                raise DecisionError(f"{self.label_en}: expected a whole number, got {value!r}",
                                    f"{self.label_nl}: verwacht een heel getal "
                                    f"(kreeg {value!r})")
            return int(x)
        return round(x, 6)

    def read(self, values: Mapping[str, Any]) -> Any:
        """The lever's value in resolved scenario ``values``."""
        v = values[self.key]
        return int(v) if self.kind == INT else float(v) if self.kind == FLOAT else v


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass(frozen=True)
class Role:
    name: str  # gemeente | aanbieder | opbouwwerker | bewoner
    title_nl: str
    title_en: str
    about_nl: str
    about_en: str
    levers: tuple[RoleLever, ...]
    default_limit: int
    can_places: bool = False  # may open or close places

    def title(self, lang: str) -> str:
        return self.title_nl if lang == "nl" else self.title_en

    def about(self, lang: str) -> str:
        return self.about_nl if lang == "nl" else self.about_en


ROLES: tuple[Role, ...] = (
    Role("gemeente", "Gemeente (wethouder, beleid)", "Municipality (alderman, policy)",
         "Jij kiest hoe het sociaal werk betaald wordt, hoeveel geld er is, en welke plekken "
         "open blijven.", "You choose how social work is funded, how much money there is, and "
         "which places stay open.",
         (RoleLever("regime", "funding.regime", CHOICE, "Manier van financieren",
                    "Way of funding"),
          RoleLever("contract_years", "funding.tender.contract_years", INT,
                    "Looptijd aanbesteding (jaren)", "Tender contract length (years)", 1, 15),
          RoleLever("subsidy_years", "funding.subsidy.period_years", INT,
                    "Looptijd subsidie (jaren)", "Subsidy period (years)", 1, 10),
          RoleLever("budget", "funding.budget_per_resident", FLOAT,
                    "Budget per bewoner per jaar (€)", "Budget per resident per year (€)",
                    40, 400, 10),
          RoleLever("netwerkberaad", "netwerkberaad.enabled", SWITCH,
                    "Netwerkberaad-programma", "Netwerkberaad programme")),
         default_limit=1, can_places=True),
    Role("aanbieder", "Aanbieder (manager welzijn)", "Provider (welfare manager)",
         "Jij verdeelt het team: hoeveel opbouwwerk, hoeveel hulpverlening, hoeveel tijd per "
         "cliënt en hoeveel tijd voor collectief werk.", "You shape the team: how much "
         "community work, how much casework, how much time per client and for collective work.",
         (RoleLever("opbouw_share", "professionals.opbouwwerker_share", FLOAT,
                    "Deel opbouwwerkers in het team", "Share of opbouwwerkers in the team",
                    0, 1, 0.05),
          RoleLever("case_hours", "professionals.case_hours", FLOAT,
                    "Uren per cliënt per week (caseload)", "Hours per client per week "
                    "(caseload)", 0.5, 6, 0.5),
          RoleLever("casework_pull", "professionals.casework_pull", FLOAT,
                    "Deel opbouwwerk-uren dat de wachtlijst mag opslokken",
                    "Share of community hours the waiting list may take", 0, 1, 0.05)),
         default_limit=2),
    Role("opbouwwerker", "Opbouwwerker", "Community worker",
         "Jij bepaalt hoe je je uren in de wijk inzet: netwerken, initiatieven helpen, mensen "
         "met elkaar verbinden.", "You decide how your hours in the wijk are spent: networks, "
         "helping initiatives, bringing people together.",
         (RoleLever("orientation", "professionals.orientation_opbouwwerker", FLOAT,
                    "Hoe sterk je op het netwerk van bewoners werkt",
                    "How much you work through residents' networks", 0, 1, 0.05),
          RoleLever("found_support", "initiatives.found_support", FLOAT,
                    "Steun aan nieuwe initiatieven", "Support for new initiatives", 0, 5,
                    0.25, combine="mean"),
          RoleLever("outreach", "professionals.outreach_per_hour", FLOAT,
                    "Erop af: mensen opzoeken (per uur)", "Outreach: seeking people out "
                    "(per hour)", 0, 5, 0.25, combine="mean")),
         default_limit=4),
    Role("bewoner", "Bewoner", "Resident",
         "Jij woont hier. Vraag je een buur om hulp? Begin je een initiatief? Ga je naar het "
         "buurthuis? Wat de bewoners samen kiezen, verschuift het gedrag in de wijk.",
         "You live here. Do you ask a neighbour for help? Start an initiative? Go to the "
         "buurthuis? What the residents choose together shifts behaviour in the wijk.",
         (RoleLever("ask_neighbour", "help.ask_base", FLOAT,
                    "Een buur om hulp vragen (-2 nooit … 4 vanzelf)",
                    "Ask a neighbour for help (-2 never … 4 easily)", -2, 4, 0.25,
                    combine="mean"),
          RoleLever("start_initiative", "initiatives.found_rate", FLOAT,
                    "Een initiatief beginnen (kans per week)",
                    "Start an initiative (chance per week)", 0, 0.003, 0.0001, combine="mean"),
          RoleLever("join_initiative", "initiatives.recruit_rate", FLOAT,
                    "Meedoen met een initiatief (kans per contact per week)",
                    "Join an initiative (chance per contact per week)", 0, 0.05, 0.0025,
                    combine="mean"),
          RoleLever("offer_help", "help.offer_rate", FLOAT,
                    "Zelf hulp aanbieden", "Offer help yourself", 0, 1, 0.05,
                    combine="mean")),
         default_limit=30),
)
BY_ROLE = {r.name: r for r in ROLES}
BY_LEVER = {lv.name: (r, lv) for r in ROLES for lv in r.levers}


def _check_ranges() -> None:
    """Every workshop range lies inside the schema's range (a bad table fails at import)."""
    for role in ROLES:
        for lv in role.levers:
            key = KEYS[lv.key]
            if lv.kind in (INT, FLOAT):
                lo, hi = lv.bounds()
                if (key.lo is not None and lo < key.lo) or (key.hi is not None and hi > key.hi):
                    raise AssertionError(f"{lv.name}: {lo}-{hi} outside {key.name}'s "
                                         f"{key.lo}-{key.hi}")


_check_ranges()


def lever(role: str, name: str) -> RoleLever:
    """The lever ``name`` of ``role``; DecisionError if the role has no such lever."""
    r = BY_ROLE.get(role)
    if r is None:
        raise DecisionError(f"unknown role {role!r}", f"onbekende rol {role!r}")
    for lv in r.levers:
        if lv.name == name:
            return lv
    raise DecisionError(f"{r.title_en} has no lever {name!r}",
                        f"{r.title_nl} heeft geen knop {name!r}")


def combined(lv: RoleLever, choices: list[Any]) -> Any:
    """What the wijk takes from the choices of a round (in order) for one lever."""
    if lv.combine == "mean" and lv.kind in (INT, FLOAT):
        x = sum(float(c) for c in choices) / len(choices)
        return int(round(x)) if lv.kind == INT else round(x, 6)
    return choices[-1]
