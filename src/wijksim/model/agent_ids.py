"""Agent numbers (``unique_id``) per wijk, without keeping every finished wijk in memory.

Mesa 3.3 numbers agents from a class-level ``Agent._ids``: a dict keyed by the model itself,
so every model ever made stays referenced until the process ends (mesa#3179, fixed in Mesa
3.4, which needs Python 3.12). A sweep worker that runs a hundred wijken kept all of them
(about 5 MB each at 3,000 residents) and took seconds to exit; a workshop server kept every
wijk the room ever built. The counter also did not travel with a snapshot: a wijk loaded
from one numbered its new agents from 1 again, numbers its own agents already had.

:func:`install` makes Mesa hold the counters weakly; :class:`~wijksim.model.wijk.WijkModel`
stores its next number in a snapshot (:func:`next_number`) and continues from it
(:func:`continue_from`). With a Mesa that numbers agents itself (no ``Agent._ids``) all of
this does nothing.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from typing import Any

import mesa


class AgentNumbers:
    """The numbers a model gives its agents: 1, 2, 3, ... (what Mesa's counter gives),
    with the next one readable, so that a snapshot can store it."""

    __slots__ = ("next_id",)

    def __init__(self, start: int = 1):
        self.next_id = start

    def __next__(self) -> int:
        number = self.next_id
        self.next_id = number + 1
        return number


class _WeakCounters(weakref.WeakKeyDictionary):
    """``Agent._ids`` as Mesa uses it (``next(Agent._ids[model])``), holding models weakly."""

    def __getitem__(self, model: Any) -> AgentNumbers:
        try:
            return super().__getitem__(model)
        except KeyError:
            counter = self[model] = AgentNumbers()
            return counter


def install() -> None:
    """Replace Mesa 3.3's ``Agent._ids`` by weakly held counters (once; models made before
    keep counting where they were)."""
    old = getattr(mesa.Agent, "_ids", None)
    if not isinstance(old, defaultdict):  # already installed, or a Mesa without the leak
        return
    counters = _WeakCounters()
    for model, count in old.items():
        counters[model] = AgentNumbers(next(count))
    old.clear()
    mesa.Agent._ids = counters


def next_number(model: Any) -> int | None:
    """The number ``model``'s next agent gets; None when Mesa numbers agents itself."""
    counters = getattr(mesa.Agent, "_ids", None)
    return counters[model].next_id if isinstance(counters, _WeakCounters) else None


def continue_from(model: Any, next_id: int | None) -> None:
    """Let a model loaded from a snapshot number new agents on from ``next_id``."""
    counters = getattr(mesa.Agent, "_ids", None)
    if next_id is not None and isinstance(counters, _WeakCounters):
        counters[model] = AgentNumbers(int(next_id))
