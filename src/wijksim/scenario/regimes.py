"""Translate a funding regime into generic funding terms.

This is the only place that reads ``funding.regime``. The model never asks which regime it is
in: it sees a period, a chance that the provider changes at its end, staff continuity, overhead,
paperwork, output pressure and a budget split (docs/ODD.md 7.6: regimes act only through
mechanisms). Under multi-year subsidy the partnership is renewed at the end of each period, so
the provider never changes and nothing is re-tendered.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class FundingTerms:
    period_weeks: int  # length of a contract or subsidy period
    p_provider_change: float  # chance the provider changes when a period ends
    staff_continuity: float  # share of staff that stays on when the provider changes
    transition_weeks: int  # reduced productivity and case hand-over after a change
    transition_productivity: float
    pre_renewal_turnover: float  # extra yearly turnover in the half year before renewal
    renewal_overhead_share: float  # cost of a renewal round, share of a year's budget
    output_pressure: float
    admin_share: float
    resident_org_share: float
    paid_coordinators: bool
    grant_years: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def funding_terms(v: Mapping[str, Any]) -> FundingTerms:
    """Generic terms for the scenario's regime (flat dotted values)."""
    if v["funding.regime"] == "tender":
        t = "funding.tender."
        return FundingTerms(
            period_weeks=52 * v[t + "contract_years"],
            p_provider_change=v[t + "p_incumbent_loses"],
            staff_continuity=v[t + "staff_moves"],
            transition_weeks=v[t + "transition_weeks"],
            transition_productivity=v[t + "transition_productivity"],
            pre_renewal_turnover=v[t + "pre_tender_turnover"],
            renewal_overhead_share=v[t + "overhead_share"],
            output_pressure=v[t + "output_pressure"],
            admin_share=v[t + "admin_share"],
            resident_org_share=v[t + "resident_org_share"],
            paid_coordinators=v[t + "paid_coordinators"],
            grant_years=v[t + "grant_years"],
        )
    s = "funding.subsidy."
    return FundingTerms(
        period_weeks=52 * v[s + "period_years"],
        p_provider_change=0.0,
        staff_continuity=1.0,
        transition_weeks=0,
        transition_productivity=1.0,
        pre_renewal_turnover=0.0,
        renewal_overhead_share=0.0,
        output_pressure=v[s + "output_pressure"],
        admin_share=v[s + "admin_share"],
        resident_org_share=v[s + "resident_org_share"],
        paid_coordinators=v[s + "paid_coordinators"],
        grant_years=v[s + "grant_years"],
    )


def neutral_tender_overrides(v: Mapping[str, Any], years: int) -> dict[str, Any]:
    """Tendering with neutral terms that mirror the subsidy's (for the metamorphic test)."""
    s = "funding.subsidy."
    return {
        "funding.regime": "tender",
        "funding.tender.contract_years": max(years, 1) + 1,
        "funding.tender.p_incumbent_loses": 0.0,
        "funding.tender.staff_moves": 1.0,
        "funding.tender.pre_tender_turnover": 0.0,
        "funding.tender.overhead_share": 0.0,
        "funding.tender.output_pressure": v[s + "output_pressure"],
        "funding.tender.admin_share": v[s + "admin_share"],
        "funding.tender.resident_org_share": v[s + "resident_org_share"],
        "funding.tender.paid_coordinators": v[s + "paid_coordinators"],
        "funding.tender.grant_years": v[s + "grant_years"],
    }
