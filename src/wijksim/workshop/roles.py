"""The roles of a workshop and the levers each may move on the one shared wijk.

Every lever is a scenario key of the schema (:data:`wijksim.scenario.KEYS`), so a decision acts
through the same mechanisms as a scenario file: it becomes an override applied with
``WijkModel.change_policy`` from the week the next round starts. A lever's workshop range lies
inside the schema's range (checked when this module loads); a value outside it, as a modified
page could send, is refused with a message naming the lever and what is allowed.

Closing or reopening a place is the one decision that is not a scenario key: the model's places
are agents, and the gemeente acts on them directly (``ThirdPlace.close`` / ``reopen``).

Several people may hold one role. For a numeric lever of such a role (the opbouwwerkers'
support and outreach) the wijk takes the *mean* of its holders' choices in the round
(``combine="mean"``); for the place their hours go to, the place most of them chose
(``combine="most"``). For roles held by one person the last choice counts
(``combine="last"``).

One scenario key has a lever in two roles: ``netwerkberaad.enabled``, the gemeente's
netwerkberaad programme and the opbouwwerker's "start a netwerkberaad" (issue 18). For such a
shared key the *last choice made in the round counts, whoever made it*: the same rule as for
a role held by several people, taken across the roles (both levers are ``combine="last"``,
checked when this module loads). Both pages show the value the wijk will take, and the policy
change is marked as the role whose choice counted.

Bewoners are different: each bewoner participant adopts one household of the wijk (a resident
of the model, :meth:`WorkshopSession.adopt`), and their levers are that resident's own choices
(kind ``ACT``, no scenario key): start an initiative, join one nearby, make the buurthuis your
regular place, ask a neighbour for help when you need it, offer help yourself. They act on that
one resident through the model's own mechanisms (:mod:`wijksim.workshop.residents`), not on a
room average.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from ..scenario import KEYS

SWITCH, CHOICE, INT, FLOAT, PLACE = "switch", "choice", "int", "float", "place"
FOCUS = "focus"  # a place number, or -1 for the whole wijk (checked against the wijk's places)
ACT = "act"  # a bewoner's own choice for the resident they adopted: on or off, no scenario key


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
        if self.kind in (SWITCH, ACT):
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
        if self.kind in (INT, FOCUS):
            if not float(x).is_integer():
                raise DecisionError(f"{self.label_en}: expected a whole number, got {value!r}",
                                    f"{self.label_nl}: verwacht een heel getal "
                                    f"(kreeg {value!r})")
            return int(x)
        return round(x, 6)

    def read(self, values: Mapping[str, Any]) -> Any:
        """The lever's value in resolved scenario ``values``."""
        v = values[self.key]
        return int(v) if self.kind in (INT, FOCUS) else float(v) if self.kind == FLOAT else v

    @property
    def once(self) -> bool:
        """A bewoner's act done once, when the round starts (not a standing choice)."""
        return self.kind == ACT and self.name in ONCE


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
         "open blijven. Een netwerkberaad kan ook een opbouwwerker beginnen: de laatste keuze "
         "in de ronde telt.", "You choose how social work is funded, how much money there is, "
         "and which places stay open. An opbouwwerker can start a netwerkberaad too: the last "
         "choice in the round counts.",
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
         "met elkaar verbinden, een netwerkberaad beginnen (dat kan de gemeente ook: de "
         "laatste keuze in de ronde telt).", "You decide how your hours in the wijk are "
         "spent: networks, helping initiatives, bringing people together, starting a "
         "netwerkberaad (the gemeente can too: the last choice in the round counts).",
         (RoleLever("orientation", "professionals.orientation_opbouwwerker", FLOAT,
                    "Hoe sterk je op het netwerk van bewoners werkt",
                    "How much you work through residents' networks", 0, 1, 0.05),
          RoleLever("found_support", "initiatives.found_support", FLOAT,
                    "Steun aan nieuwe initiatieven", "Support for new initiatives", 0, 5,
                    0.25, combine="mean"),
          RoleLever("outreach", "professionals.outreach_per_hour", FLOAT,
                    "Erop af: mensen opzoeken (per uur)", "Outreach: seeking people out "
                    "(per hour)", 0, 5, 0.25, combine="mean"),
          RoleLever("focus_place", "professionals.focus_place", FOCUS,
                    "Waar je uren heen gaan: welke plek (en de straten eromheen)",
                    "Where your hours go: which place (and the streets around it)",
                    combine="most"),
          RoleLever("focus_share", "professionals.focus_share", FLOAT,
                    "Deel van je bezoeken en kennismakingen rond die plek",
                    "Share of your visits and introductions around that place", 0, 1, 0.1,
                    combine="mean"),
          RoleLever("start_netwerkberaad", "netwerkberaad.enabled", SWITCH,
                    "Een netwerkberaad beginnen", "Start a netwerkberaad")),
         default_limit=4),
    Role("bewoner", "Bewoner", "Resident",
         "Jij woont hier: je krijgt één huishouden van de wijk. Wat jij kiest, doet die bewoner: "
         "een initiatief beginnen of meedoen, naar het buurthuis gaan, een buur om hulp vragen.",
         "You live here: you get one household of the wijk. What you choose, that resident "
         "does: start or join an initiative, go to the buurthuis, ask a neighbour for help.",
         (RoleLever("start_initiative", "", ACT, "Ik begin een initiatief (deze ronde)",
                    "I start an initiative (this round)"),
          RoleLever("join_initiative", "", ACT,
                    "Ik doe mee met een initiatief in de buurt (deze ronde)",
                    "I join an initiative nearby (this round)"),
          RoleLever("buurthuis", "", ACT, "Het buurthuis is mijn vaste plek",
                    "The buurthuis is my regular place"),
          RoleLever("ask_neighbour", "", ACT, "Ik vraag een buur om hulp als ik iets nodig heb",
                    "I ask a neighbour for help when I need it"),
          RoleLever("offer_help", "", ACT, "Ik bied zelf hulp aan mensen om me heen",
                    "I offer help to people around me")),
         default_limit=30),
)
ONCE = ("start_initiative", "join_initiative")
BY_ROLE = {r.name: r for r in ROLES}
BY_LEVER = {lv.name: (r, lv) for r in ROLES for lv in r.levers}
BY_KEY: dict[str, tuple[RoleLever, ...]] = {}  # scenario key -> the levers that move it
for _role in ROLES:
    for _lv in _role.levers:
        if _lv.key:
            BY_KEY[_lv.key] = BY_KEY.get(_lv.key, ()) + (_lv,)


def _check_ranges() -> None:
    """Every workshop range lies inside the schema's range (a bad table fails at import)."""
    for role in ROLES:
        for lv in role.levers:
            if lv.kind in (INT, FLOAT):
                key = KEYS[lv.key]
                lo, hi = lv.bounds()
                if (key.lo is not None and lo < key.lo) or (key.hi is not None and hi > key.hi):
                    raise AssertionError(f"{lv.name}: {lo}-{hi} outside {key.name}'s "
                                         f"{key.lo}-{key.hi}")
    for key, levers in BY_KEY.items():  # a shared key: the last choice counts, across roles
        if len(levers) > 1 and any(lv.combine != "last" for lv in levers):
            raise AssertionError(f"{key} is shared by {[lv.name for lv in levers]}: each "
                                 "needs combine='last'")


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
    if lv.combine == "most":  # the most chosen; a tie goes to the latest of the tied
        counts = {c: choices.count(c) for c in choices}
        top = max(counts.values())
        return next(c for c in reversed(choices) if counts[c] == top)
    return choices[-1]
