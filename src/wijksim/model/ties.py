"""Tie dynamics and the weekly tie summary (docs/ODD.md 2.3, 7.2).

A contact adds ``gain * (1 - w)`` to a tie; every week every tie decays by ``decay``; friends
keep in touch privately with a chance that grows with the square of tie strength, so strong
ties sustain themselves while weak ones fade unless a place, the street or an initiative renews
them (a bistable picture: acquaintances vs. friends). Ties weaker than ``tie_min`` are
forgotten. The table the ties live in is tietable.py; the loops are kernels/ties.py.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

class ContactLog(NamedTuple):
    """What a contact between two residents leaves behind besides the tie: the week of each
    resident's last contact with a tie, and with a tie living within the neighbour radius
    (``near2``: squared cells between homes ``hx, hy``)."""

    hx: np.ndarray
    hy: np.ndarray
    near2: float
    last_contact: np.ndarray
    last_neighbour_contact: np.ndarray
    week: int


class Upkeep(NamedTuple):
    """The rule of the weekly tie upkeep (``[meeting]`` keys, docs/ODD.md 7.2)."""

    contact_rate: float  # weekly chance of a private contact with a tie of strength 1
    budget: float  # sum(w**2) a resident can keep up (meeting.friend_time)
    gain: float  # strength a private contact adds: gain * (1 - w)
    decay: float  # share of strength every tie loses a week
    w_min: float  # ties weaker than this are forgotten


class TieSummary(NamedTuple):
    """Per resident: total tie strength, number of ties, good ties (at least
    ``meeting.good_tie``), strength of ties across groups, strongest tie."""

    strength: np.ndarray
    n_ties: np.ndarray
    n_good: np.ndarray
    cross: np.ndarray
    strongest: np.ndarray


def empty_summary(n: int) -> TieSummary:
    return TieSummary(strength=np.zeros(n), n_ties=np.zeros(n, np.int64),
                      n_good=np.zeros(n, np.int64), cross=np.zeros(n), strongest=np.zeros(n))


