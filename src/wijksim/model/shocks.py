"""Shocks: a heat wave and a crisis (docs/ODD.md 7.8).

Heat wave (Klinenberg, *Heat Wave*, Chicago 1995; 004 intermezzo 'Palaces for the People'):
vulnerable seniors are at risk; a tie who checks on them, a cool open place they visit, or a
professional they trust protects them. Whoever is reached by none of these runs a much higher
chance of serious harm, which counts as an escalation to specialised care.

Crisis (COVID, the arrival of Ukrainians; 004 H2): for a while aanbodverlegenheid drops — people
offer help more readily — and new problems arrive faster.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._numerics.draws import drawing
from .kernels.shocks import checked_by_ties
from .needs import send_to_care
from .residents import IN_CARE


@dataclass
class ShockState:
    need_boost: float = 1.0  # multiplier on need arrival
    offer_boost: float = 0.0  # share by which aanbodverlegenheid drops
    heat: bool = False


def _window(week: int, year: int, week_of_year: int, weeks: int) -> bool:
    start = year * 52 + week_of_year
    return year > 0 and start <= week < start + weeks


def aanbodverlegenheid_now(model) -> np.ndarray:
    """a as it acts this week: a crisis lowers it for a while (docs/ODD.md 7.3, 7.8)."""
    return model.residents.a * (1.0 - model.shock.offer_boost)


def set_in(model) -> None:
    """Which shocks act this week (and mark their start on the timeline)."""
    p, s, week = model.p.shocks, model.shock, model.week
    crisis = _window(week, p.crisis_year, p.crisis_week, p.crisis_weeks)
    s.need_boost = p.crisis_need_boost if crisis else 1.0
    s.offer_boost = p.crisis_offer_boost if crisis else 0.0
    s.heat = _window(week, p.heatwave_year, p.heatwave_week, p.heatwave_weeks)
    if crisis and week == p.crisis_year * 52 + p.crisis_week:
        model.log_event("crisis", "crisis begins: people offer help more readily")
    if s.heat and week == p.heatwave_year * 52 + p.heatwave_week:
        model.log_event("heatwave", "heat wave begins")


def heat_wave(model) -> None:
    if not model.shock.heat:
        return
    r, p, rng = model.residents, model.p.shocks, model.streams.shocks
    at_risk = np.flatnonzero((r.age == 2) & (r.vulnerability >= p.heat_vulnerability)
                             & (r.status != IN_CARE))
    by_tie = np.zeros(at_risk.size, dtype=np.bool_)
    a_eff = aanbodverlegenheid_now(model)
    with drawing(rng) as st:
        checked_by_ties(st, at_risk, r.tie_table, a_eff, p.heat_check_rate,
                        p.heat_check_a_weight, by_tie)
    at_place = r.visit[at_risk] >= 0
    by_prof = (r.prof_trust[at_risk] >= model.p.professionals.trusted_link) \
        & (rng.random(at_risk.size) < p.heat_prof_call)
    safe = by_tie | at_place | by_prof
    harm_p = np.where(safe, p.heat_harm_checked, p.heat_harm_unchecked)
    harmed = at_risk[rng.random(at_risk.size) < harm_p]
    send_to_care(model, harmed)
    model.tally.heat_at_risk += at_risk.size
    model.tally.heat_unreached += int((~safe).sum())
    model.tally.heat_harmed += harmed.size
