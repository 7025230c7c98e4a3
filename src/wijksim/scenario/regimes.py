"""Translate a funding regime into generic funding terms.

This is the only place that reads ``funding.regime``. The model never asks which regime it is
in: it sees a period, a chance that the provider changes at its end, staff continuity, overhead,
paperwork, output pressure and a budget split (docs/ODD.md 7.6: regimes act only through
mechanisms). Under multi-year subsidy the partnership is renewed at the end of each period, so
the provider never changes and nothing is re-tendered. Under populatiebesteding (004 H5) the
budget follows the population's zwaarte, one main provider may divide the staff money over
hulpverlening and opbouwwerk and keeps part of what it saves, and coordinating its
subcontractors costs money; the other two regimes have neutral values for those terms (weight
0, no freedom, no kept savings, no subcontractors), so they behave exactly as before.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping

from .schema import KEYS

# the reference zwaarte the other regimes carry (unused while their population weight is 0)
NEUTRAL_REFERENCE = KEYS["funding.populatiebesteding.reference_vulnerability"].default


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
    # populatiebesteding (neutral under tender and subsidy)
    population_weight: float = 0.0  # how strongly the budget follows the wijk's zwaarte
    reference_vulnerability: float = NEUTRAL_REFERENCE  # zwaarte of the flat budget
    spending_freedom: float = 0.0  # how far the provider may move money between the roles
    savings_kept: float = 0.0  # share of what prevention saves that the provider keeps
    subcontractors: int = 0  # subcontractors under one main provider
    coordination_share: float = 0.0  # yearly cost per subcontractor, share of the budget

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Where each regime keeps each generic term: FundingTerms field -> scenario key below the
# regime's prefix (periods are in years there). Read by funding_terms and written by
# overrides_for, so the two directions cannot drift apart.
TENDER = "funding.tender."
SUBSIDY = "funding.subsidy."
POPULATIE = "funding.populatiebesteding."
TENDER_KEYS = {
    "period_weeks": "contract_years", "p_provider_change": "p_incumbent_loses",
    "staff_continuity": "staff_moves", "transition_weeks": "transition_weeks",
    "transition_productivity": "transition_productivity",
    "pre_renewal_turnover": "pre_tender_turnover", "renewal_overhead_share": "overhead_share",
    "output_pressure": "output_pressure", "admin_share": "admin_share",
    "resident_org_share": "resident_org_share", "paid_coordinators": "paid_coordinators",
    "grant_years": "grant_years",
}
# a partnership renewed at the end of each period: the provider never changes, nothing is
# re-tendered, so these terms are fixed rather than keys
SUBSIDY_FIXED = {"p_provider_change": 0.0, "staff_continuity": 1.0, "transition_weeks": 0,
                 "transition_productivity": 1.0, "pre_renewal_turnover": 0.0,
                 "renewal_overhead_share": 0.0}
SUBSIDY_KEYS = {
    "period_weeks": "period_years", "output_pressure": "output_pressure",
    "admin_share": "admin_share", "resident_org_share": "resident_org_share",
    "paid_coordinators": "paid_coordinators", "grant_years": "grant_years",
}
POPULATIE_KEYS = {
    **TENDER_KEYS, "period_weeks": "period_years", "p_provider_change": "p_provider_change",
    "pre_renewal_turnover": "pre_renewal_turnover",
    "population_weight": "population_weight",
    "reference_vulnerability": "reference_vulnerability",
    "spending_freedom": "spending_freedom", "savings_kept": "savings_kept",
    "subcontractors": "subcontractors", "coordination_share": "coordination_share",
}


def read_terms(v: Mapping[str, Any], prefix: str, keys: Mapping[str, str],
               **fixed: Any) -> FundingTerms:
    """FundingTerms from the keys below ``prefix`` (``keys``: field -> key), plus ``fixed``."""
    terms = {field: v[prefix + key] for field, key in keys.items()}
    terms["period_weeks"] = 52 * terms["period_weeks"]
    return FundingTerms(**terms, **fixed)


def funding_terms(v: Mapping[str, Any]) -> FundingTerms:
    """Generic terms for the scenario's regime (flat dotted values)."""
    if v["funding.regime"] == "tender":
        return read_terms(v, TENDER, TENDER_KEYS)
    if v["funding.regime"] == "populatiebesteding":
        return populatie_terms(v)
    return read_terms(v, SUBSIDY, SUBSIDY_KEYS, **SUBSIDY_FIXED)


def populatie_terms(v: Mapping[str, Any]) -> FundingTerms:
    """Populatiebesteding (004 H5, the five-point definition after NDSD/KPMG/Plexus/HHM 2016):
    an amount based on the population's zwaarte, one main provider free in how it spends it,
    accountable for agreed results (its own paperwork and output pressure), subcontractors
    whose coordination costs money, and a multi-year arrangement."""
    return read_terms(v, POPULATIE, POPULATIE_KEYS)


def regime_in_week(v: Mapping[str, Any], week: int) -> str:
    """The regime whose terms apply in ``week``: the scenario's own, or ``funding.switch_to``
    from the first week of ``funding.switch_year`` on (0 = never)."""
    year = v["funding.switch_year"]
    if year and week >= 52 * year:
        return v["funding.switch_to"]
    return v["funding.regime"]


def terms_in_week(v: Mapping[str, Any], week: int) -> FundingTerms:
    """Generic terms for ``week``, a scheduled switch of regime included."""
    return funding_terms({**v, "funding.regime": regime_in_week(v, week)})


def switch_in_week(v: Mapping[str, Any], week: int) -> str:
    """Words for the event when a scheduled switch of regime takes effect in ``week``, or ''.
    The model logs them; it never learns which regime it switched to."""
    year = v["funding.switch_year"]
    if year and week == 52 * year and v["funding.switch_to"] != v["funding.regime"]:
        return f"funding switched to {v['funding.switch_to']}"
    return ""


def neutral_populatie_overrides(v: Mapping[str, Any], years: int) -> dict[str, Any]:
    """Populatiebesteding with neutral terms that mirror the subsidy's: a flat budget (weight
    0), no spending freedom, no kept savings, no subcontractors, a period longer than the run
    (for the regime-rule tests). Only the funding.populatiebesteding keys differ from the
    subsidy scenario; the model must not tell the two apart."""
    s, q = "funding.subsidy.", POPULATIE
    return {
        "funding.regime": "populatiebesteding",
        q + "period_years": max(years, 1) + 1,
        q + "p_provider_change": 0.0,
        q + "staff_moves": 1.0,
        q + "pre_renewal_turnover": 0.0,
        q + "overhead_share": 0.0,
        q + "population_weight": 0.0,
        q + "spending_freedom": 0.0,
        q + "savings_kept": 0.0,
        q + "subcontractors": 0,
        q + "output_pressure": v[s + "output_pressure"],
        q + "admin_share": v[s + "admin_share"],
        q + "resident_org_share": v[s + "resident_org_share"],
        q + "paid_coordinators": v[s + "paid_coordinators"],
        q + "grant_years": v[s + "grant_years"],
    }


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


# Scenario keys that act only from week 0: the funding regime's terms (the burn-in runs under
# the status-quo terms), scheduled municipal events and programmes, shocks, the netwerkberaad
# programme (years >= 0), where opbouwwerkers aim their community hours (a policy, from week
# 0) and how long / how often the run records. Every other key shapes the
# burn-in, so a stored burn-in (wijksim.model.snapshot) is reused only where those agree.
# tests/model/test_snapshot.py checks each key below leaves the week-0 wijk alone.
AFTER_BURN_IN = ("funding.regime", "funding.tender.", "funding.subsidy.", "funding.switch_",
                 POPULATIE, "prevention.", "municipality.", "shocks.", "netwerkberaad.",
                 "run.years", "run.record_every", "buurtrechten.", "collectives.",
                 "professionals.focus_")


def acts_after_burn_in(key: str) -> bool:
    """Whether scenario ``key`` acts only from week 0 (never during the burn-in)."""
    return any(key == k or (k.endswith(".") and key.startswith(k)) for k in AFTER_BURN_IN)


# -- named groups of funding terms (for `wijksim decompose`) ---------------------------------
# Each group is one lever a municipality can pull on its own; together they cover every field
# of FundingTerms once. `wijksim decompose` attributes the difference between two scenarios to
# the groups in which their terms differ (exact Shapley values over the groups).
TERM_GROUPS: dict[str, tuple[str, ...]] = {
    # how often the wijk is put out to tender and whether the provider can change
    "retendering": ("period_weeks", "p_provider_change"),
    # what a provider change does to the team: who moves along, the hand-over, and the staff
    # who leave an uncertain job before a re-tender
    "staff_continuity": ("staff_continuity", "transition_weeks", "transition_productivity",
                         "pre_renewal_turnover"),
    # the cost of a tender round (lawyers, consultants, bid writing)
    "tender_overhead": ("renewal_overhead_share",),
    # paperwork hours and the pressure toward countable outputs
    "accountability": ("admin_share", "output_pressure"),
    # money and time for residents' own organisations
    "resident_organisations": ("resident_org_share", "paid_coordinators", "grant_years"),
    # populatiebesteding: a budget that follows the population's zwaarte
    "population_budget": ("population_weight", "reference_vulnerability"),
    # populatiebesteding: one main provider, free to divide the money and keeping part of what
    # it saves, and the cost of coordinating its subcontractors
    "main_provider": ("spending_freedom", "savings_kept", "subcontractors",
                      "coordination_share"),
}
GROUP_TITLES = {
    "retendering": "re-tendering cycle",
    "staff_continuity": "staff continuity and hand-over",
    "tender_overhead": "tender overhead",
    "accountability": "accountability and paperwork",
    "resident_organisations": "resident organisations and coordinators",
    "population_budget": "budget following the population's zwaarte",
    "main_provider": "main provider's freedom, kept savings and coordination",
    "other_keys": "other scenario keys",
}


def differing_groups(base: FundingTerms, other: FundingTerms) -> list[str]:
    """The term groups in which two sets of terms differ, in TERM_GROUPS order."""
    return [g for g, fields in TERM_GROUPS.items()
            if any(getattr(base, f) != getattr(other, f) for f in fields)]


def mixed_terms(base: FundingTerms, other: FundingTerms, groups) -> FundingTerms:
    """``base`` with the fields of the named groups taken from ``other``."""
    from dataclasses import replace

    return replace(base, **{f: getattr(other, f) for g in groups for f in TERM_GROUPS[g]})


def overrides_for(terms: FundingTerms) -> dict[str, Any]:
    """Scenario keys of a regime whose generic terms are exactly ``terms``: a tender when the
    populatiebesteding terms are neutral (as before there was a third regime), else
    populatiebesteding, whose keys can express every term."""
    neutral = FundingTerms(**{**terms.as_dict(), **POPULATIE_NEUTRAL})
    if terms == neutral:
        return tender_overrides_for(terms)
    return written_terms(terms, "populatiebesteding", POPULATIE, POPULATIE_KEYS)


# the populatiebesteding terms as tender and subsidy have them (FundingTerms' defaults)
POPULATIE_NEUTRAL = {f: FundingTerms.__dataclass_fields__[f].default
                     for f in TERM_GROUPS["population_budget"] + TERM_GROUPS["main_provider"]}


def tender_overrides_for(terms: FundingTerms) -> dict[str, Any]:
    """Scenario keys of a tendering regime whose generic terms are exactly ``terms``.

    Any terms can be written as a tender: multi-year subsidy is a tender whose provider never
    changes and that costs nothing to renew (funding_terms of the result equals ``terms``)."""
    return written_terms(terms, "tender", TENDER, TENDER_KEYS)


def written_terms(terms: FundingTerms, regime: str, prefix: str,
                  keys: Mapping[str, str]) -> dict[str, Any]:
    """The inverse of read_terms: ``funding.regime`` and the keys below ``prefix``."""
    values = terms.as_dict()
    values["period_weeks"] //= 52
    return {"funding.regime": regime, **{prefix + key: values[field]
                                         for field, key in keys.items()}}
