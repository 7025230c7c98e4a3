"""Residents move away and newcomers arrive (residential mobility, docs/ODD.md 7.9).

Dutch households move about once every ten to twelve years; seniors leave less often by moving
but more often through death or a move into care. A mover takes their ties, their
place in initiatives and their link to a professional with them; a newcomer of the same group
and age moves into the home with fresh dispositions and no ties — someone the wijk's places,
street life and initiatives have to connect again. This turnover is also what keeps the tie
network from saturating: friendships end when people leave.
"""

from __future__ import annotations

import numpy as np

from ._numerics.draws import drawing
from .build import draw_traits
from .initiatives import hand_over
from .kernels.population import draw_movers
from .residents import NEVER, NO_NEED
from .tietable import clear_ties


def move(model) -> None:
    r, p, rng = model.residents, model.p, model.streams.build
    with drawing(rng) as st:
        movers = draw_movers(st, r.age, p.wijk.moving_rate, p.wijk.senior_leave_rate)
    if movers.size == 0:
        return
    model.team.drop_cases(movers)
    clear_ties(r.tie_table, movers.astype(np.int64))
    for name, values in draw_traits(rng, p, r.group[movers], r.age[movers]).items():
        getattr(r, name)[movers] = values
    r.need[movers] = 0.0
    r.status[movers] = NO_NEED
    r.voiced[movers] = False
    r.case_prof[movers] = -1
    r.prof_link[movers] = -1
    r.prof_trust[movers] = 0.0
    r.initiative[movers] = -1
    hand_over(model, list(model.initiatives))
    r.energy[movers] = 1.0
    r.habit[movers] = -1
    for name in ("last_contact", "last_neighbour_contact", "last_volunteered",
                 "last_helped_other", "last_got_help", "handover_until", "care_until"):
        getattr(r, name)[movers] = NEVER
    model.tally.movers += movers.size
