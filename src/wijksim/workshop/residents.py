"""A bewoner participant's household: one resident of the shared wijk, and what their choices
do to that resident (issue 18: "start or join an initiative, come to the buurthuis, ask a
neighbour for help", each participant as one person, not a room average).

A participant who takes the bewoner role *adopts* a resident: an adult or senior no other
participant has, drawn with a generator of its own (seeded by the session's seed and the
participant's number), never the model's streams, so adopting changes no run. Their choices
then act on that one resident through the model's own state and mechanisms:

* **start an initiative** (once, when the round starts): the model's founding step
  (``initiatives.start_initiative``): a kind, the nearest open place, and ties invited, exactly
  as a sterkhouder founds one; refused when the resident is already in an initiative or no
  place is within reach for a kind that needs one.
* **join an initiative** (once): the resident becomes a member of the initiative whose founder
  lives nearest, among those with room (``initiatives.max_members``); membership then works
  as any member's does (activities, corvee, burnout).
* **the buurthuis is my regular place** (every week of the round, until switched off): the
  resident's ``habit`` is the nearest open buurthuis or Huis van de Wijk within reach, which the
  place choice weighs three times (docs/ODD.md 7.2); whether they go out at all in a week still
  follows the model.
* **ask a neighbour for help when I need it** (every week): no vraagverlegenheid (``v = 0``)
  for this resident; whether and whom they ask still follows the asking mechanism (7.3):
  a need, a tie, the tie's willingness.
* **offer help** (every week): no aanbodverlegenheid (``a = 0``); the offering mechanism
  decides to whom and whether it is taken.

What happened is logged as a ``workshop_resident`` event (in both languages), so the
projector, the charts and the debrief show it next to the other decisions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..app.i18n import INITIATIVE_KINDS
from ..model.initiatives import nearest_open_place, start_initiative
from ..model.outcomes import lonely_of
from ..model.places import COMMUNITY_KINDS
from ..model.residents import CASE, HIDDEN, IN_CARE, WAITING

EVENT = "workshop_resident"
AGE_WORDS = (("jongere", "young person"), ("volwassene", "adult"), ("oudere", "senior"))
INITIATIVE_WORDS = INITIATIVE_KINDS  # (nl, en) per kind of initiative, as the app says it


def adopt(model, taken: set[int], seed: int, number: int) -> int:
    """A resident (index) for participant ``number``: an adult or senior not in ``taken``."""
    r = model.residents
    free = np.setdiff1d(np.flatnonzero(r.age >= 1), np.fromiter(taken, dtype=np.int64,
                                                                  count=len(taken)))
    rng = np.random.default_rng([int(seed), int(number), 18])
    return int(rng.choice(free))


def regular_place(model, i: int) -> int:
    """The nearest open buurthuis or Huis van de Wijk within the resident's reach (-1: none)."""
    for k in model.reach_idx[i]:
        if k >= 0 and model.places[k].open and model.places[k].kind in COMMUNITY_KINDS:
            return int(k)
    return -1


def act_once(model, i: int, lever: str, who: str) -> None:
    """A one-off choice (start or join an initiative) for resident ``i``, logged as an event."""
    r = model.residents
    if r.initiative[i] >= 0:
        _log(model, i, who, "is already in an initiative", "doet al mee met een initiatief")
        return
    if lever == "start_initiative":
        init = start_initiative(model, i)
        if init is None:
            _log(model, i, who, "found no place within reach to start an initiative",
                 "vond geen plek in de buurt om een initiatief te beginnen")
            return
        nl, en = INITIATIVE_WORDS.get(init.kind_name, (init.kind_name, init.kind_name))
        _log(model, i, who, f"starts an initiative ({en}) with {init.size - 1} neighbours",
             f"begint een initiatief ({nl}) met {init.size - 1} buren")
        return
    init = _nearest_with_room(model, i)
    if init is None:
        _log(model, i, who, "found no initiative nearby with room",
             "vond geen initiatief in de buurt met plek")
        return
    r.initiative[i] = init.unique_id
    init.size += 1
    nl, en = INITIATIVE_WORDS.get(init.kind_name, (init.kind_name, init.kind_name))
    _log(model, i, who, f"joins an initiative ({en})", f"doet mee met een initiatief ({nl})")


def _nearest_with_room(model, i: int):
    r, cap = model.residents, model.p.initiatives.max_members
    best, dist = None, np.inf
    for init in model.initiatives:
        if init.size >= cap:
            continue
        d = float((r.x[init.founder] - r.x[i]) ** 2 + (r.y[init.founder] - r.y[i]) ** 2)
        if d < dist:
            best, dist = init, d
    return best


def keep_choices(model, i: int, standing: set[str]) -> None:
    """Before each week: the resident's standing choices hold (see the module doc)."""
    r = model.residents
    if "buurthuis" in standing:
        k = regular_place(model, i)
        if k >= 0:
            r.habit[i] = k
    if "ask_neighbour" in standing:
        r.v[i] = 0.0
    if "offer_help" in standing:
        r.a[i] = 0.0


STANDING_WORDS = {
    "buurthuis": (("makes the buurthuis their regular place", "maakt het buurthuis zijn of haar "
                   "vaste plek"), ("no longer keeps the buurthuis as regular place",
                                   "houdt het buurthuis niet meer als vaste plek")),
    "ask_neighbour": (("will ask a neighbour for help when needed", "gaat een buur om hulp "
                       "vragen als dat nodig is"), ("stops asking neighbours on purpose",
                                                    "vraagt buren niet meer bewust om hulp")),
    "offer_help": (("offers help to people nearby", "biedt hulp aan mensen in de buurt"),
                   ("stops offering help on purpose", "biedt niet meer bewust hulp aan")),
}


def left_initiative(model, i: int, who: str) -> None:
    """At a round's end: the initiative the resident was in at its start has lost them (it
    ended, or they left it: burnout, drifting away, moving; docs/ODD.md 7.5)."""
    _log(model, i, who, "is no longer in their initiative (it ended, or they stopped)",
         "doet niet meer mee met het initiatief (het stopte, of hij of zij stopte)")


def announce(model, i: int, who: str, lever: str, on: bool) -> None:
    """A standing choice that changes this round, logged as an event (so the charts mark it)."""
    en, nl = STANDING_WORDS[lever][0 if on else 1]
    _log(model, i, who, en, nl)


def portrait(model, i: int) -> dict[str, Any]:
    """What the participant's page shows of their household (numbers; pages word them)."""
    r = model.residents
    lonely = bool(lonely_of(int(model.ties.n_good[i]), int(r.friends_elsewhere[i]),
                            int(model.p.meeting.lonely_below)))
    init = next((x for x in model.initiatives if x.unique_id == r.initiative[i]), None)
    status = int(r.status[i])
    return {"resident": int(i), "age": int(r.age[i]), "good_ties": int(model.ties.n_good[i]),
            "lonely": lonely, "need": ("hidden" if status == HIDDEN else "waiting"
                                       if status == WAITING else "helped" if status in
                                       (CASE, IN_CARE) else "none"),
            "initiative": init.kind_name if init is not None else "",
            "habit": int(r.habit[i]), "v": float(r.v[i]), "a": float(r.a[i]),
            "near_place": nearest_open_place(model, i)}


def _log(model, i: int, who: str, en: str, nl: str) -> None:
    model.log_event(EVENT, f"{who} (resident {i}) {en}", text_nl=f"{who} (bewoner {i}) {nl}",
                    resident=int(i))


