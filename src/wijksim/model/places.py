"""Third places (publieke plekken): buurthuis, library, café, playground, Huis van de Wijk.

Places make co-presence and co-presence makes ties, including bridging ties across groups
(Oldenburg; Klinenberg's 'palaces for the people', 004 H2 and intermezzo). A host, a low
threshold and free coffee make a place hospitable (Ons Huis van de Wijk, 004 H5). Places close
when their funding fails, when a café's custom falls below what the market needs, or when the
building is sold (004 H2, vastgoed); initiatives can take over a closed place and run it
themselves ('geef mij een ruimte en koffie, de rest doen we zelf', 004 H5).
"""

from __future__ import annotations

import numpy as np
from mesa.discrete_space import FixedAgent

from ..scenario.schema import PLACE_KINDS

BUURTHUIS, LIBRARY, CAFE, PLAYGROUND, HUIS_VAN_DE_WIJK = range(5)
# community places: where initiatives prefer to meet, and which residents may reopen or take
# over (buurtrecht, right to buildings)
COMMUNITY_KINDS = (BUURTHUIS, HUIS_VAN_DE_WIJK)
MUNICIPAL, COMMERCIAL, COMMUNITY = "municipal", "commercial", "community"
OWNERSHIP = (MUNICIPAL, MUNICIPAL, COMMERCIAL, MUNICIPAL, MUNICIPAL)


class ThirdPlace(FixedAgent):
    """A place where residents meet. ``index`` is its row in the per-tick place arrays."""

    def __init__(self, model, index: int, kind: int, cell):
        super().__init__(model)
        p = model.p.places
        self.index = index
        self.kind = kind
        self.cell = cell
        self.x, self.y = cell.coordinate
        self.reach = float(p.reach[kind])
        self.capacity = float(p.capacity[kind])
        self.base_hospitality = float(p.hospitality[kind])
        # appeal to youth, adults and seniors (docs/ODD.md 7.2): playgrounds draw children and
        # their parents, cafés adults, buurthuizen seniors
        self.appeal = (p.youth_appeal[kind], p.adult_appeal[kind], p.senior_appeal[kind])
        self.ownership = OWNERSHIP[kind]
        self.has_host = bool(p.hosted[kind]) and self.ownership == MUNICIPAL
        self.open = True
        self.sold = False
        self.closed_reason = ""
        self.runner = -1  # uid of the initiative that runs it (community places)
        # a buurthuis run under a right-to-challenge contract keeps its budget (rent and a
        # host the collective employs) until this week; -1: no contract (docs/ODD.md 7.11)
        self.contract_until = -1
        self.visitors = 0
        # yearly moving average of weekly visits, from a start below capacity
        self.visitors_avg = self.capacity * p.initial_custom_share
        self.closed_since = None

    @property
    def kind_name(self) -> str:
        return PLACE_KINDS[self.kind]

    @property
    def hospitality(self) -> float:
        h = self.base_hospitality
        if self.has_host:
            h += self.model.p.places.host_bonus
        if self.ownership == COMMUNITY:
            h += self.model.p.places.community_hospitality
        return min(1.0, h)

    @property
    def yearly_cost(self) -> float:
        """What it costs the social base budget per year while open."""
        if not self.open or self.ownership == COMMERCIAL:
            return 0.0
        p = self.model.p.places
        if self.ownership == COMMUNITY and self.contract_until < 0:
            return p.community_rent_share * p.rent[self.kind]
        return p.rent[self.kind] + (p.host_cost if self.has_host else 0.0)

    def close(self, reason: str) -> None:
        if self.open:
            self.open = False
            self.closed_reason = reason
            self.closed_since = self.model.week
            self.runner = -1
            self.contract_until = -1
            self.model.log_event("closure", f"{self.kind_name} closed ({reason})", place=self.index)

    def reopen_as_community(self, initiative_uid: int) -> None:
        self.open = True
        self.ownership = COMMUNITY
        self.has_host = False
        self.runner = initiative_uid
        self.closed_reason = ""
        self.closed_since = None
        self.model.log_event("reopening", f"{self.kind_name} reopened by residents",
                             place=self.index)

    def hand_to_community(self, initiative_uid: int, why: str) -> None:
        """An open municipal place passes to residents (right to buildings, docs/ODD.md 7.11):
        they run it without the municipal host, at the community share of the rent."""
        self.ownership = COMMUNITY
        self.has_host = False
        self.runner = initiative_uid
        self.model.log_event("transfer", f"{self.kind_name} taken over by residents ({why})",
                             place=self.index)

    def contract_to(self, initiative_uid: int, until_week: int) -> None:
        """A collective runs the place under a task contract (right to challenge): the rent
        and host budget move with it and the collective employs a resident as host."""
        self.open = True
        self.ownership = COMMUNITY
        self.has_host = True
        self.runner = initiative_uid
        self.contract_until = until_week
        self.closed_reason = ""
        self.closed_since = None
        self.model.log_event("contract", f"{self.kind_name} run by residents under a task "
                             "contract", place=self.index)

    def return_to_municipality(self) -> None:
        """A task contract ends (its term, or the collective stopped): the municipality runs
        the place again, as before the contract (the fallback of the right to challenge)."""
        self.ownership = OWNERSHIP[self.kind]
        self.has_host = bool(self.model.p.places.hosted[self.kind]) and \
            self.ownership == MUNICIPAL
        self.runner = -1
        self.contract_until = -1
        self.model.log_event("contract_end", f"{self.kind_name} back to the municipality",
                             place=self.index)

    def reopen_as_municipal(self) -> None:
        """The municipality reopens a place the residents' plan asked for (planning right)."""
        self.open = True
        self.ownership = OWNERSHIP[self.kind]
        self.has_host = bool(self.model.p.places.hosted[self.kind]) and \
            self.ownership == MUNICIPAL
        self.closed_reason = ""
        self.closed_since = None
        self.model.log_event("reopening", f"{self.kind_name} reopened in the residents' plan",
                             place=self.index)

    def step(self) -> None:
        """Weekly bookkeeping: visitor average; a café without enough custom closes."""
        self.visitors_avg += (self.visitors - self.visitors_avg) / 52.0
        if (self.open and self.ownership == COMMERCIAL
                and self.visitors_avg < self.model.p.places.cafe_min_visitors
                and self.model.streams.places.random()
                < 1 / self.model.p.places.cafe_closing_weeks):
            self.close("not enough customers")


def place_arrays(places: list[ThirdPlace], hospitality_base: float
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-place arrays for the meeting kernel: open, pull by age class, capacity, hospitality
    (a place's pull is its appeal times ``hospitality_base`` + hospitality, places.* keys)."""
    n = len(places)
    is_open = np.fromiter((pl.open for pl in places), dtype=np.bool_, count=n)
    hosp = np.fromiter((pl.hospitality for pl in places), dtype=float, count=n)
    cap = np.fromiter((pl.capacity for pl in places), dtype=float, count=n)
    appeal = np.array([pl.appeal for pl in places], dtype=float).reshape(n, 3)
    pull = appeal * (hospitality_base + hosp)[:, None] * is_open[:, None]
    return is_open, pull, cap, hosp


def keep_custom(model) -> None:
    """Every place's weekly custom: its visitor average; a café without enough custom may
    close (docs/ODD.md 7.2)."""
    for pl in model.places:
        pl.step()
