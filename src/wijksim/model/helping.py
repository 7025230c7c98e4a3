"""Asking for help and offering it (docs/ODD.md 7.3); loops in kernels/helping.py.

A resident with a problem voices it to a tie with chance (1 - v)^k * logistic(need, closest tie):
it falls with vraagverlegenheid v (Linders 2010, 004 H4) — someone with v = 1 never asks — and
rises with need and with the strength of their closest tie. The tie
helps when they have time and their aanbodverlegenheid a (reluctance to offer) is low enough.
Being helped lowers v; being refused raises it. Residents with time sometimes offer help unasked
to a tie whose need they see. Separately, residents ask a professional with a chance that rises
with trust in institutions and in a professional they know; that puts them on the wijkteam's
waiting list (docs/ODD.md 7.4). v and a drift toward the local norm (the tie-weighted mean of one's
ties) and back toward one's own disposition. A crisis lowers a for a while (004 H2: supply of
help exceeded demand during COVID and the arrival of Ukrainians).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._numerics.draws import drawing
from .kernels.helping import ask_ties, drift_kernel, offer_to_ties
from .kernels.ties import tie_pass
from .needs import resolve
from .residents import CASE, HIDDEN, WAITING

# How well informal help works on practical, social and complex problems (assumption).


class HelpRule(NamedTuple):
    """The rule of informal help (``[help]`` keys, docs/ODD.md 7.3), one bundle for the kernels."""

    ask_base: float  # logistic intercept of asking a tie
    ask_v_weight: float  # exponent k of (1 - v)^k
    ask_need_weight: float
    ask_tie_weight: float  # weight of one's strongest tie
    offer_rate: float  # weekly chance a resident with time offers help unasked
    good_tie: float  # a tie this strong sees one's need unvoiced
    effect: np.ndarray  # how well informal help works per kind of problem
    amount: float  # need one act of help takes away (times effect)
    hours: float  # hours one act of help takes
    v_after_help: float  # v drops this much for whoever is helped
    v_after_refusal: float  # v rises this much for whoever is refused
    a_after_helping: float  # a drops this much for whoever helps
    tie_gain: float  # helping strengthens the tie by this gain
    willing_base: float  # a tie with time helps with chance (1 - a) * (base + weight * w)
    willing_tie_weight: float
    unasked_v_weight: float  # help offered unasked is taken with chance 1 - this * v
    unasked_v_share: float  # ... and lowers v by this share of v_after_help


def help_rule(model) -> HelpRule:
    p = model.p.help
    return HelpRule(ask_base=p.ask_base, ask_v_weight=p.ask_v_weight,
                    ask_need_weight=p.ask_need_weight, ask_tie_weight=p.ask_tie_weight,
                    offer_rate=p.offer_rate, good_tie=model.p.meeting.good_tie,
                    effect=np.asarray(p.informal_effect, dtype=float),
                    amount=p.informal_amount, hours=p.informal_hours,
                    v_after_help=p.v_after_help, v_after_refusal=p.v_after_refusal,
                    a_after_helping=p.a_after_helping, tie_gain=p.tie_gain,
                    willing_base=p.willing_base, willing_tie_weight=p.willing_tie_weight,
                    unasked_v_weight=p.unasked_v_weight, unasked_v_share=p.unasked_v_share)


def ask_ties_for_help(model, a_now: np.ndarray) -> None:
    """Residents with an open problem, in random order, may ask a tie, who helps or refuses
    (``a_now``: :func:`aanbodverlegenheid_now`, taken before anyone helps this week)."""
    r, rng = model.residents, model.streams.help
    order = rng.permutation(r.n)
    with drawing(rng) as st:
        requests, helps = ask_ties(st, r.arrays, r.tie_table, a_now, model.ties.strongest,
                                   help_rule(model), model.week, order)
    model.tally.help_requests += requests
    model.tally.informal_helps += helps


def offer_help(model, a_now: np.ndarray) -> None:
    """Residents with time, in random order, may offer help unasked to a tie in need."""
    r, rng = model.residents, model.streams.help
    order = rng.permutation(r.n)
    with drawing(rng) as st:
        offers, taken = offer_to_ties(st, r.arrays, r.tie_table, a_now, help_rule(model),
                                      model.week, order)
    model.tally.help_offers += offers
    model.tally.informal_helps += taken


def close_solved(model) -> None:
    """Open problems that help brought to zero are solved."""
    r = model.residents
    solved = np.flatnonzero((r.need <= 1e-9) & ((r.status == HIDDEN) | (r.status == WAITING)
                                                | (r.status == CASE)))
    resolve(model, solved)


def ask_professional(model) -> None:
    """Residents with a hidden problem may turn to the wijkteam (joining its waiting list)."""
    r, p, rng = model.residents, model.p.help, model.streams.help
    hidden = np.flatnonzero(r.status == HIDDEN)
    if hidden.size == 0:
        return
    x = (p.formal_base + p.ask_need_weight * (r.need[hidden] - 1.0)
         + p.formal_trust_weight * (r.trust[hidden] + r.prof_trust[hidden]
                                    - p.formal_trust_centre)
         + p.formal_voiced_weight * r.voiced[hidden])
    chance = (1.0 - r.v[hidden]) ** p.ask_v_weight / (1.0 + np.exp(-x))
    asks = hidden[rng.random(hidden.size) < chance]
    r.status[asks] = WAITING
    r.status_since[asks] = model.week
    model.tally.formal_requests += asks.size


def drift_toward_norms(model) -> None:
    """v and a move toward the tie-weighted mean of one's ties and back to one's disposition;
    trust in institutions returns slowly to one's own.

    The local norms take a pass over all ties, after the last tie change of the week; the
    same pass takes the week's tie summary (``model.ties``, docs/ODD.md 2.3), which the
    outcomes and next week's asking read.
    """
    r, p = model.residents, model.p.help
    local_v, local_a = np.empty(r.n), np.empty(r.n)
    tie_pass(r.tie_table, r.group, model.p.meeting.good_tie, model.ties, r.v, r.a, local_v,
             local_a)
    drift_kernel(r.arrays, p.norm_drift, p.disposition_pull, local_v, local_a)
    r.trust += p.trust_pull * (r.trust0 - r.trust)  # trust slowly returns to one's disposition
