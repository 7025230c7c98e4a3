"""Residents (bewoners): state in numpy arrays, thin Mesa agents as views.

Thousands of residents are stepped by vectorised mechanisms over these arrays (one source of
truth). Where Mesa tooling expects agents (``model.agents``, SolaraViz portrayals, an agent's
``cell``), :class:`Resident` objects read their attributes from the arrays by index.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import NamedTuple

import numpy as np
from mesa.discrete_space import FixedAgent

from .tietable import TieTable, empty_ties

NEVER = -10_000  # "week of last event" for events that have not happened

# need status of a resident
NO_NEED, HIDDEN, WAITING, CASE, IN_CARE = 0, 1, 2, 3, 4
STATUS_NAMES = ("none", "hidden", "waiting", "case", "in_care")


@dataclass
class Residents:
    """Array state of all residents. Index i is resident i everywhere in the model."""

    n: int
    x: np.ndarray  # home cell column
    y: np.ndarray  # home cell row
    cell: np.ndarray  # flat home cell index y * width + x
    group: np.ndarray  # demographic group 0..G-1 (0 = majority)
    age: np.ndarray  # 0 youth, 1 adult, 2 senior
    vulnerability: np.ndarray
    v: np.ndarray  # vraagverlegenheid, reluctance to ask for help
    a: np.ndarray  # aanbodverlegenheid, reluctance to offer help
    v0: np.ndarray  # own dispositions, to which v and a slowly return
    a0: np.ndarray
    spare_hours: np.ndarray  # time for others per week (altruistisch overschot)
    volunteer_p: np.ndarray  # weekly chance of volunteering somewhere (clubs, schools, ...)
    engagement: np.ndarray
    engagement0: np.ndarray
    trust: np.ndarray  # trust in institutions
    trust0: np.ndarray
    paperwork_skill: np.ndarray  # ease with forms and meetings ('vergadertijger')
    friends_elsewhere: np.ndarray  # good contacts outside the wijk (family, old friends)
    # needs
    need: np.ndarray = field(default=None)  # severity of the current problem, 0 = none
    need_kind: np.ndarray = field(default=None)  # 0 practical, 1 social, 2 complex
    status: np.ndarray = field(default=None)  # NO_NEED / HIDDEN / WAITING / CASE / IN_CARE
    voiced: np.ndarray = field(default=None)  # need known to ties (asked or found)
    status_since: np.ndarray = field(default=None)  # week status last changed
    handover_until: np.ndarray = field(default=None)  # case waits for hand-over until
    case_prof: np.ndarray = field(default=None)  # professional index of an open case
    care_until: np.ndarray = field(default=None)
    # professionals: link to one known professional and trust in them
    prof_link: np.ndarray = field(default=None)  # professional uid, -1 none
    prof_trust: np.ndarray = field(default=None)
    # initiatives
    initiative: np.ndarray = field(default=None)  # initiative uid, -1 none
    energy: np.ndarray = field(default=None)  # volunteer energy for corvee
    # weekly scratch and history
    spare_left: np.ndarray = field(default=None)
    helped_week: np.ndarray = field(default=None)  # got help this week
    visit: np.ndarray = field(default=None)  # place index visited this week, -1 none
    habit: np.ndarray = field(default=None)  # place visited last
    last_contact: np.ndarray = field(default=None)  # last week with any contact with a tie
    last_neighbour_contact: np.ndarray = field(default=None)
    last_volunteered: np.ndarray = field(default=None)
    last_helped_other: np.ndarray = field(default=None)
    last_got_help: np.ndarray = field(default=None)
    hours_volunteered: np.ndarray = field(default=None)  # this week
    # ties
    nbr: np.ndarray = field(default=None)
    w: np.ndarray = field(default=None)

    def __setattr__(self, name: str, value) -> None:
        if self.__dict__.get(name) is not value:  # an array replaced: bundles are stale
            self.__dict__.pop("_bundles", None)
        object.__setattr__(self, name, value)

    @property
    def arrays(self) -> "ResidentArrays":
        """Every resident array (ties apart) as one bundle for the kernels."""
        return self._bundle()[0]

    @property
    def tie_table(self) -> TieTable:
        """The ties as one bundle for the kernels."""
        return self._bundle()[1]

    def _bundle(self) -> tuple["ResidentArrays", TieTable]:
        cached = self.__dict__.get("_bundles")
        if cached is None:
            cached = (ResidentArrays(**{name: getattr(self, name) for name in ARRAY_FIELDS}),
                      TieTable(nbr=self.nbr, w=self.w))
            self.__dict__["_bundles"] = cached
        return cached

    def allocate(self, slots: int) -> None:
        n = self.n
        self.need = np.zeros(n)
        self.need_kind = np.zeros(n, dtype=np.int8)
        self.status = np.zeros(n, dtype=np.int8)
        self.voiced = np.zeros(n, dtype=np.bool_)
        self.status_since = np.zeros(n, dtype=np.int32)
        self.handover_until = np.full(n, NEVER, dtype=np.int32)
        self.case_prof = np.full(n, -1, dtype=np.int32)
        self.care_until = np.full(n, NEVER, dtype=np.int32)
        self.prof_link = np.full(n, -1, dtype=np.int32)
        self.prof_trust = np.zeros(n)
        self.initiative = np.full(n, -1, dtype=np.int32)
        self.energy = np.ones(n)
        self.spare_left = np.zeros(n)
        self.helped_week = np.zeros(n, dtype=np.bool_)
        self.visit = np.full(n, -1, dtype=np.int32)
        self.habit = np.full(n, -1, dtype=np.int32)
        for name in ("last_contact", "last_neighbour_contact", "last_volunteered",
                     "last_helped_other", "last_got_help"):
            setattr(self, name, np.full(n, NEVER, dtype=np.int32))
        self.hours_volunteered = np.zeros(n)
        self.nbr, self.w = empty_ties(n, slots)


ARRAY_FIELDS = tuple(f.name for f in fields(Residents) if f.name not in ("n", "nbr", "w"))
# the resident arrays of :class:`Residents` by name, one argument for a Numba kernel
ResidentArrays = NamedTuple("ResidentArrays", [(name, np.ndarray) for name in ARRAY_FIELDS])


class Resident(FixedAgent):
    """A resident as a Mesa agent: a read-through view on row ``index`` of the arrays."""

    def __init__(self, model, index: int, cell):
        super().__init__(model)
        self.index = index
        self.cell = cell

    @property
    def _r(self) -> Residents:
        return self.model.residents

    group = property(lambda self: int(self._r.group[self.index]))
    age_class = property(lambda self: ("youth", "adult", "senior")[self._r.age[self.index]])
    vulnerability = property(lambda self: float(self._r.vulnerability[self.index]))
    vraagverlegenheid = property(lambda self: float(self._r.v[self.index]))
    aanbodverlegenheid = property(lambda self: float(self._r.a[self.index]))
    engagement = property(lambda self: float(self._r.engagement[self.index]))
    trust = property(lambda self: float(self._r.trust[self.index]))
    need = property(lambda self: float(self._r.need[self.index]))
    need_status = property(lambda self: ("none", "hidden", "waiting", "case", "in_care")[
        self._r.status[self.index]])

    @property
    def ties(self) -> dict[int, float]:
        """Contacts as {resident index: strength}."""
        row, ws = self._r.nbr[self.index], self._r.w[self.index]
        return {int(j): float(x) for j, x in zip(row, ws) if j >= 0}

    @property
    def good_ties(self) -> int:
        """Good contacts in the wijk."""
        return int(np.sum(self._r.w[self.index] >= self.model.p.meeting.good_tie))

    @property
    def lonely(self) -> bool:
        """Fewer good contacts, in the wijk and elsewhere, than protect against loneliness."""
        return (self.good_ties + int(self._r.friends_elsewhere[self.index])
                < self.model.p.meeting.lonely_below)

    def step(self) -> None:
        """Residents are stepped together by the model's vectorised mechanisms."""
