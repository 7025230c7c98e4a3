"""Outcomes recorded every (k-th) week (docs/ODD.md 7.10).

``OUTCOMES`` names and explains every recorded column (the app and the docs read it). Weekly
counts and spending come from the model's ``tally``; states are measured on the arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import mesa

from ._numerics.hashing import week_salt
# hidden_unknown_of and lonely_of are the outcome's own definitions; the app's map uses them too
from .kernels.outcomes import Counts, census, hidden_unknown_of, lonely_of  # noqa: F401
from .kernels.ties import clustering_of


OUTCOMES: dict[str, str] = {
    # cohesion
    "cohesion": "mean total tie strength per resident (weighted degree)",
    "ties_per_resident": "mean number of ties per resident",
    "good_ties": "mean number of good contacts (ties at least meeting.good_tie strong)",
    "share_connected": "share of residents with at least meeting.lonely_below good contacts "
                       "in the wijk",
    "clustering": "mean local clustering among good contacts (are my friends friends?), "
                  "estimated on a sample",
    "bridging_share": "share of tie strength that crosses demographic groups",
    "neighbour_contact_weekly": "share of residents with contact with a tie living within "
                                "wijk.neighbour_radius this week",
    # barriers
    "vraagverlegenheid": "mean reluctance to ask for help (v, 0-1)",
    "aanbodverlegenheid": "mean reluctance to offer help (a, 0-1)",
    "vraagverlegenheid_in_need": "mean v of residents with an open problem (where "
                                 "netwerkberaden and casework act)",
    # needs
    "need_prevalence": "share of residents with a problem (in care included)",
    "hidden_need_share": "share of residents with a problem that nobody knows about (not "
                         "voiced to a tie or a professional, not found by outreach)",
    "unmet_share": "share of residents with an open problem who got no help in the past 4 "
                   "weeks",
    "mean_need": "mean severity of open problems",
    "waiting_list": "residents waiting for a professional",
    "escalations": "problems escalated to specialised care this week",
    "escalation_cost": "cost of this week's escalations (euro)",
    "in_care": "residents in specialised care",
    # loneliness
    "lonely_share": "share of adults and seniors with fewer than meeting.lonely_below good "
                    "contacts (in the wijk and elsewhere)",
    "strongly_lonely_share": "share of adults and seniors with fewer than "
                             "meeting.strongly_lonely_below good contacts",
    "lonely_senior_share": "share of seniors who are lonely",
    "lonely_senior_near_buurthuis": "share of seniors within walking reach of a buurthuis site "
                                    "(open or closed) who are lonely",
    # trust and professionals
    "trust": "mean trust in institutions (0-1)",
    "prof_trust": "mean resident-professional trust over all residents (0-1)",
    "trusted_link_share": "share of residents who know and trust a professional (trust at least "
                          "professionals.trusted_link)",
    "wijkkennis": "mean wijkkennis of the professionals (knowledge of the wijk, 0-1)",
    "tenure_years": "mean years the professionals have worked in this wijk",
    "professionals": "professionals at work (people; part-timers count as one)",
    "opbouwwerkers": "opbouwwerkers (community workers) at work",
    "caseload_saturation": "open cases / case capacity of the team",
    "beraad_skill": "mean skill of professionals with netwerkberaden (0-1)",
    "netwerkberaden": "netwerkberaden held this week",
    "found_by_outreach": "hidden problems found by outreach this week",
    "provider_changes": "provider changes this week (lost tenders)",
    "staff_left": "professionals who left the wijk this week",
    # initiatives and places
    "initiatives": "citizen initiatives alive",
    "volunteers": "residents who are members of an initiative",
    "burnouts": "initiative volunteers who burnt out this week",
    "open_places": "third places open",
    "place_visits": "visits to third places this week",
    # help
    "help_requests": "times residents asked a tie for help this week",
    "help_offers": "times residents offered help unasked this week",
    "informal_helps": "times a resident was helped by a tie this week",
    "formal_requests": "residents who asked a professional this week",
    # calibration measures (docs/validation.md)
    "volunteer_year_share": "share of residents aged 15+ who volunteered in the past 52 weeks",
    "volunteer_4wk_share": "share of residents aged 15+ who volunteered in the past 4 weeks",
    "volunteer_hours": "mean weekly hours of those who volunteered this week",
    "informal_help_year_share": "share of adults and seniors who helped a tie in the past 52 "
                                "weeks",
    # shocks
    "heat_at_risk": "vulnerable seniors at risk in a heat wave this week",
    "heat_unreached": "of those, reached by no tie, place or professional",
    "heat_harmed": "of those, seriously harmed this week",
    # money (euro per week)
    "spend_casework": "staff cost of casework hours",
    "spend_community": "staff cost of community work hours (outreach, support, bridging, "
                       "netwerkberaden)",
    "spend_admin": "staff cost of accountability paperwork",
    "spend_idle": "staff cost of hours lost in transitions or left unused",
    "spend_places": "rent, upkeep and hosts of places",
    "spend_initiatives": "initiative grants and paid coordinators",
    "spend_overhead": "cost of tender or renewal rounds and of coordinating subcontractors",
    "spend_total": "all social-base spending this week",
    "budget_year": "this year's social-base budget",
}


class OutcomeCollector(mesa.DataCollector):
    """Mesa's DataCollector of the recorded outcomes: one model reporter per outcome, so
    ``mesa.batch_run`` and SolaraViz read it as any other, but :meth:`collect` appends the
    numbers of ``model.latest`` as they are. They are floats, so Mesa's deep copy of every
    reporter's value (some 60 calls a recorded week, about 1 % of a week at 5,000 residents)
    protects nothing here."""

    def collect(self, model) -> None:
        latest = model.latest
        for name, column in self.model_vars.items():
            column.append(latest[name])


@dataclass
class Tally:
    """This week's counts and spending, added to by the mechanisms and read by
    :func:`measure` (a new, zeroed tally every week)."""

    escalations: int = 0
    escalation_cost: float = 0
    help_requests: int = 0
    informal_helps: int = 0
    help_offers: int = 0
    formal_requests: int = 0
    formal_helps: int = 0
    netwerkberaden: int = 0
    found_by_outreach: int = 0
    bridging_intros: int = 0
    staff_left: int = 0
    provider_changes: int = 0
    burnouts: int = 0
    recruits: int = 0
    takeovers: int = 0
    initiatives_founded: int = 0
    initiatives_ended: int = 0
    heat_at_risk: int = 0
    heat_unreached: int = 0
    heat_harmed: int = 0
    cross_contacts: int = 0
    hours_casework: float = 0
    hours_collective: float = 0
    hours_admin: float = 0
    spend_casework: float = 0
    spend_community: float = 0
    spend_admin: float = 0
    spend_idle: float = 0
    spend_places: float = 0
    spend_initiatives: float = 0
    spend_overhead: float = 0
    waiting_list: int = 0
    case_capacity: float = 0
    movers: int = 0


COUNTS = Counts._fields


class Thresholds(NamedTuple):
    """Where the counts draw their lines (``[meeting]`` keys, docs/ODD.md 7.10)."""

    lonely_below: int  # fewer good contacts than this: lonely
    strongly_lonely_below: int
    trusted_link: float  # trust in a known professional at least this: a trusted link


def measure(model, week: int) -> dict[str, float]:
    """Every outcome for ``week``, the week just simulated."""
    r, p, t, ties = model.residents, model.p, model.tally, model.ties
    lines = Thresholds(lonely_below=p.meeting.lonely_below,
                       strongly_lonely_below=p.meeting.strongly_lonely_below,
                       trusted_link=p.professionals.trusted_link)
    counts, sums = census(week, lines, r.arrays, ties, model.age15, model.near_buurthuis)
    c = counts._asdict()

    def mean(total: float, within: str | None = None) -> float:
        """``total`` per resident, or per resident counted as ``within``."""
        n = c[within] if within else r.n
        return total / n if n else 0.0

    def share(count: str, within: str | None = None) -> float:
        return mean(c[count], within)

    # a sample fixed by seed and week, so it does not depend on how often we record
    sample_salt = week_salt(model.seed % 2**63, week)
    sample_size = min(model.p.run.clustering_sample, r.n)
    team = model.team
    cases = c["case"]
    out = {
        "cohesion": mean(sums.strength),
        "ties_per_resident": c["ties"] / r.n,
        "good_ties": c["good_ties"] / r.n,
        "share_connected": share("connected"),
        "clustering": clustering_of(r.tie_table, p.meeting.good_tie, sample_salt, sample_size),
        "bridging_share": sums.cross / sums.strength if sums.strength else 0.0,
        "neighbour_contact_weekly": share("neighbour_contact"),
        "vraagverlegenheid": mean(sums.v),
        "aanbodverlegenheid": mean(sums.a),
        "vraagverlegenheid_in_need": mean(sums.v_in_need, "open_need"),
        "need_prevalence": share("with_need"),
        "hidden_need_share": share("hidden_unknown"),
        "unmet_share": share("unmet", "open_need"),
        "mean_need": mean(sums.need_in_need, "open_need"),
        "waiting_list": float(c["waiting"]),
        "escalations": float(t.escalations),
        "escalation_cost": float(t.escalation_cost),
        "in_care": float(c["in_care"]),
        "lonely_share": share("lonely_adults", "adults"),
        "strongly_lonely_share": share("strongly_lonely_adults", "adults"),
        "lonely_senior_share": share("lonely_seniors", "seniors"),
        "lonely_senior_near_buurthuis": share("lonely_near_buurthuis", "near_buurthuis"),
        "trust": mean(sums.trust),
        "prof_trust": mean(sums.prof_trust),
        "trusted_link_share": share("trusted_link"),
        "wijkkennis": team.mean("wijkkennis"),
        "tenure_years": team.mean("tenure_weeks") / 52.0,
        "professionals": float(len(team.members)),
        "opbouwwerkers": float(team.size("opbouwwerker", with_vacancies=False)),
        "caseload_saturation": cases / t.case_capacity if t.case_capacity else
        float(cases > 0),
        "beraad_skill": team.mean("beraad_skill"),
        "netwerkberaden": float(t.netwerkberaden),
        "found_by_outreach": float(t.found_by_outreach),
        "provider_changes": float(t.provider_changes),
        "staff_left": float(t.staff_left),
        "initiatives": float(len(model.initiatives)),
        "volunteers": float(c["volunteers"]),
        "burnouts": float(t.burnouts),
        "open_places": float(sum(pl.open for pl in model.places)),
        "place_visits": float(sum(pl.visitors for pl in model.places)),
        "help_requests": float(t.help_requests),
        "help_offers": float(t.help_offers),
        "informal_helps": float(t.informal_helps),
        "formal_requests": float(t.formal_requests),
        "volunteer_year_share": share("volunteered_year", "age15"),
        "volunteer_4wk_share": share("volunteered_4wk", "age15"),
        "volunteer_hours": mean(sums.hours_now, "volunteered_now"),
        "informal_help_year_share": share("helped_other_year", "adults"),
        "heat_at_risk": float(t.heat_at_risk),
        "heat_unreached": float(t.heat_unreached),
        "heat_harmed": float(t.heat_harmed),
    }
    spend = {"spend_casework": float(t.spend_casework),
             "spend_community": float(t.spend_community), "spend_admin": float(t.spend_admin),
             "spend_idle": float(t.spend_idle), "spend_places": float(t.spend_places),
             "spend_initiatives": float(t.spend_initiatives),
             "spend_overhead": float(t.spend_overhead)}
    out.update(spend)
    out["spend_total"] = sum(spend.values())
    out["budget_year"] = float(model.municipality.year_budget)
    return out
