"""Outcomes recorded every (k-th) week (docs/ODD.md 7.10).

``OUTCOMES`` (in :mod:`.outcome_names`) names and explains every recorded column. Weekly
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
