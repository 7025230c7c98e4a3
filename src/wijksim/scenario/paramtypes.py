"""Typed scenario parameters, one frozen dataclass per schema section.

GENERATED from wijksim.scenario.schema by ``make docs`` (python -m wijksim.scenario.typegen);
do not edit: change the schema and regenerate. docs/scenario-keys.md describes every field.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FundingPopulatiebestedingParams:
    """[funding.populatiebesteding] Populatiebesteding (population-based funding): Terms used
    when regime = 'populatiebesteding' (004 H5, after NDSD/KPMG/Plexus/HHM 2016): a fixed
    amount for the wijk's population, based on its zwaarte (here: its residents' mean
    vulnerability against the municipality's reference), spent by one main provider that is
    free to divide it over hulpverlening and opbouwwerk, works with subcontractors and accounts
    for agreed results rather than outputs. The contracting terms (period, chance the main
    provider changes, staff continuity) work as under the other regimes; with population_weight
    0, no subcontractors, no spending freedom and no kept savings (and the subsidy's other
    terms) it is indistinguishable from subsidy. A scenario file with this regime must set
    population_weight and reference_vulnerability itself."""

    population_weight: float  # assumption (factor)
    reference_vulnerability: float  # assumption (vulnerability 0-1)
    period_years: int  # assumption (years)
    p_provider_change: float  # assumption (chance)
    staff_moves: float  # assumption (share)
    transition_weeks: int  # assumption (weeks)
    transition_productivity: float  # assumption (factor)
    pre_renewal_turnover: float  # assumption (per year)
    overhead_share: float  # assumption (share)
    subcontractors: int  # assumption (providers)
    coordination_share: float  # assumption (share/year per subcontractor)
    spending_freedom: float  # assumption (level 0-1)
    savings_kept: float  # assumption (share)
    output_pressure: float  # assumption (level 0-1)
    admin_share: float  # assumption (share)
    resident_org_share: float  # assumption (share)
    paid_coordinators: bool  # assumption
    grant_years: int  # assumption (years)


@dataclass(frozen=True, slots=True)
class FundingSubsidyParams:
    """[funding.subsidy] Multi-year subsidy (meerjarige subsidiering): Terms used when regime =
    'subsidy'."""

    period_years: int  # assumption (years)
    admin_share: float  # assumption (share)
    resident_org_share: float  # assumption (share)
    paid_coordinators: bool  # assumption
    grant_years: int  # assumption (years)
    output_pressure: float  # assumption (level 0-1)


@dataclass(frozen=True, slots=True)
class FundingTenderParams:
    """[funding.tender] Tendering (aanbesteden): Terms used when regime = 'tender'. Neutral
    values (contract_years >= run.years, overhead 0, output_pressure 0, staff_moves 1,
    pre_tender_turnover 0, and the subsidy's admin share and allocation) make it
    indistinguishable from subsidy."""

    contract_years: int  # assumption (years)
    p_incumbent_loses: float  # assumption (chance)
    staff_moves: float  # assumption (share)
    transition_weeks: int  # assumption (weeks)
    transition_productivity: float  # assumption (factor)
    pre_tender_turnover: float  # assumption (per year)
    overhead_share: float  # assumption (share)
    output_pressure: float  # assumption (level 0-1)
    admin_share: float  # assumption (share)
    resident_org_share: float  # assumption (share)
    paid_coordinators: bool  # assumption
    grant_years: int  # assumption (years)


@dataclass(frozen=True, slots=True)
class BuurtrechtenParams:
    """[buurtrechten] Buurtrechten (neighbourhood rights): The LSA's rights as municipal
    levers, each on or off (004 H3; 002 goal 3). They act only from week 0 and only through
    initiatives and burgercollectieven: with no initiative in the wijk, no right changes
    anything (docs/ODD.md 7.11)."""

    buildings: bool  # assumption
    buildings_members: int  # assumption (members)
    buildings_bid_rate: float  # assumption (per year)
    buildings_corvee_hours: float  # assumption (hours/week)
    challenge: bool  # assumption
    challenge_task: str  # assumption
    challenge_maturity_years: int  # assumption (years)
    challenge_min_members: int  # assumption (members)
    challenge_success: float  # assumption (per year)
    compete_with_companies: float  # assumption (share)
    challenge_task_share: float  # assumption (share)
    challenge_contract_years: int  # assumption (years)
    challenge_capacity: float  # assumption (factor)
    challenge_corvee_hours: float  # assumption (hours/week)
    resident_wage: float  # assumption (euro/year)
    service_help_hours: float  # assumption (hours)
    wijkfonds: bool  # assumption
    wijkfonds_share: float  # assumption (share)
    wijkfonds_voters_per_1000: float  # assumption (per 1000 residents)
    planning: bool  # assumption
    planning_min_members: int  # assumption (members)


@dataclass(frozen=True, slots=True)
class CollectivesParams:
    """[collectives] Burgercollectieven: Collectives that run things: wijkcooperatie /
    wijkbedrijf, energiecooperatie, zorgcooperatie (000, 001, 002, 003). List keys have one
    entry per kind in that order. They are founded only when collectives.enabled is on, from
    week 0 (docs/ODD.md 7.12)."""

    enabled: bool  # assumption
    found_rate: list[float]  # assumption (per week)
    min_founding_ties: int  # assumption (ties)
    leave_factor: float  # assumption (factor)
    founding_members: int  # assumption (members)
    recognition: float  # assumption (level 0-1)
    steady_support: float  # assumption (share)
    hurdles: float  # assumption (level 0-1)
    hurdle_corvee_hours: float  # assumption (hours/week)
    recognition_base: float  # assumption (share)
    hurdle_founding_drop: float  # assumption (share)
    support_corvee_relief: float  # assumption (share)
    support_cost: float  # assumption (euro/year)
    recognition_trust: float  # assumption (per week)
    corvee_factor: list[float]  # assumption (factor)
    mutual_help: list[float]  # assumption (factor)
    coop_jobs: int  # assumption (jobs)
    job_need_relief: float  # assumption (need units/week)
    energy_investment: float  # assumption (euro)
    energy_yield: float  # assumption (per year)
    energy_invest_below: float  # assumption (vulnerability 0-1)
    energy_door_rate: float  # assumption (per week)
    energy_door_reach: float  # assumption (cells)
    energy_bridging: float  # assumption (share)
    care_help_rate: float  # assumption (per week)
    care_v_drop: float  # assumption (per week)


@dataclass(frozen=True, slots=True)
class FundingParams:
    """[funding] Funding regime: How the social base is financed (docs/ODD.md 7.6). The regime
    only chooses which parameter set applies; the model sees generic funding terms."""

    regime: str  # assumption
    budget_per_resident: float  # assumption (euro/year)
    providers: int  # assumption (providers)
    switch_year: int  # assumption (years)
    switch_to: str  # assumption
    renewal_horizon_weeks: int  # assumption (weeks)
    populatiebesteding: FundingPopulatiebestedingParams
    subsidy: FundingSubsidyParams
    tender: FundingTenderParams


@dataclass(frozen=True, slots=True)
class HelpParams:
    """[help] Asking and offering help: Voicing need, informal and formal help,
    vraagverlegenheid and aanbodverlegenheid (docs/ODD.md 7.3)."""

    ask_base: float  # calibrated (log-odds)
    ask_v_weight: float  # assumption
    ask_need_weight: float  # assumption
    ask_tie_weight: float  # assumption
    formal_base: float  # calibrated (log-odds)
    formal_trust_weight: float  # assumption
    informal_amount: float  # calibrated (need units)
    informal_hours: float  # assumption (hours)
    v_after_help: float  # assumption
    v_after_refusal: float  # assumption
    premie: float  # assumption (per week)
    a_after_helping: float  # assumption
    norm_drift: float  # assumption (per week)
    disposition_pull: float  # assumption (per week)
    offer_rate: float  # calibrated (per week)
    informal_effect: list[float]  # assumption
    tie_gain: float  # assumption
    trust_pull: float  # assumption (per week)
    willing_base: float  # assumption
    willing_tie_weight: float  # assumption
    unasked_v_weight: float  # assumption
    unasked_v_share: float  # assumption (share)
    formal_trust_centre: float  # assumption
    formal_voiced_weight: float  # assumption (log-odds)


@dataclass(frozen=True, slots=True)
class InitiativesParams:
    """[initiatives] Citizen initiatives: Founding, recruiting, corvee, burnout, death
    (docs/ODD.md 7.5)."""

    initial_per_1000: float  # assumption (per 1000 residents)
    found_rate: float  # assumption (per week)
    found_support: float  # assumption (per hour/week per 1000)
    min_founding_ties: int  # assumption (ties)
    leave_rate: float  # assumption (per year)
    recruit_rate: float  # assumption (per week)
    max_members: int  # assumption (members)
    min_members: int  # assumption (members)
    activity_hours: float  # assumption (hours/week)
    activity_tie_gain: float  # assumption (per activity)
    corvee_hours: float  # assumption (hours/week)
    application_hours: float  # assumption (hours)
    grant: float  # assumption (euro/year)
    grant_skill_weight: float  # assumption
    coordinator_cost: float  # assumption (euro/year)
    initiatives_per_coordinator: int  # assumption (initiatives)
    energy_recovery: float  # assumption (per week)
    engagement_gain: float  # assumption (per week)
    mutual_help: float  # assumption (per week)
    no_funding_end_rate: float  # assumption (per week)
    strain: float  # assumption (per week)
    founder_share: float  # assumption (share)
    attendance: float  # assumption (per week)
    takeover_per_year: float  # assumption (per year)
    application_weeks: int  # assumption (weeks)
    engagement_fade: float  # assumption (per week)
    club_min_hours: float  # assumption (hours)
    club_spare_share: float  # assumption (share)
    kind_shares: list[float]  # assumption (share)
    kind_mutual_help: list[float]  # assumption (factor)
    kind_needs_place: list[bool]  # assumption
    kind_countable: list[bool]  # assumption
    application_skill_offset: float  # assumption
    grant_base_success: float  # assumption
    coordinator_relief: float  # assumption (share)
    attendance_without_place: float  # assumption (per week)
    attendance_unfunded: float  # assumption (factor)
    activity_contacts: float  # assumption (contacts)
    activity_bridging: float  # assumption
    dissolution_engagement: float  # assumption (factor)
    burnout_engagement: float  # assumption (factor)
    burnout_energy: float  # assumption
    grace_weeks: int  # assumption (weeks)
    placeless_weeks: int  # assumption (weeks)
    founding_invites: int  # assumption (ties)
    place_preference: float  # assumption (cells)
    strain_min_hours: float  # assumption (hours/week)
    initial_founder_noise: float  # assumption
    initial_recruit_rounds: int  # assumption (rounds)
    initial_size_factor: int  # assumption (factor)
    initial_min_age_weeks: int  # assumption (weeks)
    initial_max_age_weeks: int  # assumption (weeks)


@dataclass(frozen=True, slots=True)
class MeetingParams:
    """[meeting] Meeting and ties: Third places, street encounters, tie decay (docs/ODD.md
    7.2)."""

    visit_rate: list[float]  # assumption (per week)
    senior_reach: float  # assumption (share)
    distance_scale: float  # assumption (cells)
    sessions_per_week: int  # assumption (slots/week)
    contacts_per_visit: float  # calibrated (contacts/visit)
    place_tie_gain: float  # assumption
    host_bridging: float  # assumption
    street_rate: float  # calibrated (per week)
    street_radius: int  # assumption (cells)
    street_tie_gain: float  # assumption
    triadic_rate: float  # calibrated (per week)
    private_contact_rate: float  # assumption (per week)
    friend_time: float  # calibrated
    private_tie_gain: float  # assumption
    tie_decay: float  # assumption (per week)
    tie_min: float  # assumption
    good_tie: float  # assumption
    lonely_below: int  # literature (contacts)
    strongly_lonely_below: int  # assumption (contacts)
    visit_engagement_base: float  # assumption
    visit_engagement_weight: float  # assumption
    visit_frailty: float  # assumption
    habit_pull: float  # assumption
    reach_places: int  # assumption (places)


@dataclass(frozen=True, slots=True)
class MunicipalityParams:
    """[municipality] Municipal policy and events: BuurtTop, budget cuts, programmes, building
    sales (docs/ODD.md 7.7)."""

    buurttop_every_years: int  # assumption (years)
    buurttop_per_1000: float  # assumption (per 1000 residents)
    buurttop_contacts: int  # assumption (contacts)
    budget_cut_year: int  # assumption (years)
    budget_cut_share: float  # assumption (share)
    programme_share: float  # assumption (share)
    programme_stop_year: int  # assumption (years)
    sell_buurthuis_year: int  # assumption (years)
    places_max_share: float  # assumption (share)
    buurttop_week: int  # assumption (week)
    buurttop_tie_gain: float  # assumption
    buurttop_engagement_gain: float  # assumption
    buurttop_trust_gain: float  # assumption
    buurttop_v_drop: float  # assumption
    buurttop_found_chance: float  # assumption (chance)
    buurttop_engagement_base: float  # assumption
    buurttop_bridging: float  # assumption
    buurttop_v_base: float  # assumption


@dataclass(frozen=True, slots=True)
class NeedsParams:
    """[needs] Needs: Problems arise, grow when unaddressed and escalate (docs/ODD.md 7.1)."""

    arrival_rate: float  # calibrated (per week)
    vulnerability_weight: float  # assumption
    senior_factor: float  # assumption (factor)
    kind_shares: list[float]  # assumption (share)
    initial_severity: float  # assumption (need units)
    growth_rate: float  # assumption (per week)
    self_resolve_rate: float  # assumption (per week)
    escalation_threshold: float  # assumption (need units)
    escalation_cost: float  # assumption (euro)
    care_weeks: int  # assumption (weeks)
    initial_weeks: float  # assumption (weeks)
    initial_max_share: float  # assumption


@dataclass(frozen=True, slots=True)
class NetwerkberaadParams:
    """[netwerkberaad] Netwerkberaad programme: Network meetings around a client
    (Walcheren/Porthos, JIM, ABCD)."""

    enabled: bool  # assumption
    start_year: int  # assumption (years)
    stop_year: int  # assumption (years)
    hours: float  # assumption (hours)
    rate: float  # assumption (per week)
    learning: float  # assumption (per week)
    forgetting: float  # assumption (per week)
    circle: int  # assumption (people)
    tie_gain: float  # assumption
    v_drop: float  # assumption
    a_drop: float  # assumption
    search_tries: int  # assumption (tries)


@dataclass(frozen=True, slots=True)
class PlacesParams:
    """[places] Third places: Buurthuis, library, café, playground, Huis van de Wijk
    (Oldenburg; Klinenberg)."""

    per_1000: list[float]  # assumption (per 1000 residents)
    reach: list[int]  # assumption (cells)
    capacity: list[int]  # assumption (visits/week)
    hospitality: list[float]  # assumption
    host_bonus: float  # assumption
    host_cost: float  # assumption (euro/year)
    rent: list[float]  # assumption (euro/year)
    hosted: list[bool]  # assumption
    cafe_min_visitors: float  # assumption (visits/week)
    community_rights: bool  # assumption
    community_takeover_members: int  # assumption (members)
    community_hospitality: float  # assumption
    community_rent_share: float  # assumption (share)
    youth_appeal: list[float]  # assumption
    adult_appeal: list[float]  # assumption
    senior_appeal: list[float]  # assumption
    hospitality_base: float  # assumption
    cafe_closing_weeks: int  # assumption (weeks)
    initial_custom_share: float  # assumption (share)


@dataclass(frozen=True, slots=True)
class PreventionParams:
    """[prevention] Prevention by a provider that keeps its savings: A main provider that may
    move money between hulpverlening and opbouwwerk and keeps a share of what it saves shifts
    staff toward opbouwwerk (prevention, collective work) in proportion to its stake: the care
    costs of last year's escalations it would share in (docs/ODD.md 7.6). Acts only when the
    funding terms give spending freedom and kept savings (populatiebesteding)."""

    response: float  # assumption (euro/euro)
    max_opbouwwerker_share: float  # assumption (share)


@dataclass(frozen=True, slots=True)
class ProfessionalsParams:
    """[professionals] Social professionals: Hulpverleners and opbouwwerkers, caseload,
    wijkkennis, paperwork (docs/ODD.md 7.4)."""

    cost_per_year: float  # assumption (euro/year)
    hours_per_week: float  # assumption (hours/week)
    opbouwwerker_share: float  # assumption (share)
    orientation_hulpverlener: float  # assumption
    orientation_opbouwwerker: float  # assumption
    case_hours: float  # assumption (hours/week)
    help_per_hour: float  # calibrated (need units/hour)
    casework_pull: float  # assumption (share)
    wijkkennis_learning: float  # assumption (per week)
    new_hire_wijkkennis: float  # assumption
    initial_tenure_years: float  # assumption (years)
    turnover_per_year: float  # assumption (per year)
    vacancy_weeks: int  # assumption (weeks)
    outreach_per_hour: float  # assumption (residents/hour)
    bridging_per_hour: float  # assumption (introductions/hour)
    corvee_relief_per_hour: float  # assumption (hours/hour)
    trust_gain: float  # assumption (per week)
    institution_trust_gain: float  # assumption (per week)
    trust_loss_waiting: float  # assumption (per week)
    trust_loss_leaving: float  # assumption
    outreach_share: float  # assumption (share)
    support_share: float  # assumption (share)
    bridging_share: float  # assumption (share)
    handover_weeks: int  # assumption (weeks)
    trusted_link: float  # assumption
    bridging_tie_gain: float  # assumption
    complex_hours_factor: float  # assumption (factor)
    casework_yield_base: float  # assumption (share)
    pressure_orientation_drop: float  # assumption
    pressure_casework_pull: float  # assumption
    widening_rate: float  # assumption (per week)
    outreach_trust_share: float  # assumption (share)
    bridging_tries: int  # assumption (tries)
    focus_place: int  # assumption (place number)
    focus_share: float  # assumption (share)


@dataclass(frozen=True, slots=True)
class ResidentsParams:
    """[residents] Residents: Dispositions residents start with."""

    tie_slots: int  # assumption (ties)
    v_mean: float  # assumption
    v_senior_extra: float  # literature
    a_mean: float  # assumption
    disposition_concentration: float  # assumption
    spare_time_share: float  # assumption (share)
    spare_hours_mean: float  # literature (hours/week)
    regular_volunteer_share: float  # calibrated (share)
    occasional_volunteer_share: float  # calibrated (share)
    engagement_mean: float  # assumption
    sterkhouder_threshold: float  # assumption
    friends_elsewhere_mean: float  # calibrated (contacts)
    trust_mean: float  # assumption
    paperwork_skill_gap: float  # assumption
    friends_elsewhere_by_age: list[float]  # assumption (factor)
    youth_spare_time_factor: float  # assumption (factor)
    spare_hours_max: float  # assumption (hours/week)
    regular_volunteer_rate: float  # assumption (per week)
    occasional_volunteer_rate: float  # assumption (per week)
    vulnerability_concentration: float  # assumption
    engagement_concentration: float  # assumption
    trust_concentration: float  # assumption
    paperwork_skill_concentration: float  # assumption
    trust_minority_gap: float  # assumption


@dataclass(frozen=True, slots=True)
class RunParams:
    """[run] Run: How long to simulate and how often to record."""

    years: int  # assumption (years)
    record_every: int  # assumption (weeks)
    burn_in_weeks: int  # assumption (weeks)
    clustering_sample: int  # assumption (residents)


@dataclass(frozen=True, slots=True)
class ShocksParams:
    """[shocks] Shocks: Heat wave and crisis (docs/ODD.md 7.8)."""

    heatwave_year: int  # assumption (years)
    heatwave_week: int  # assumption (week)
    heatwave_weeks: int  # assumption (weeks)
    heat_vulnerability: float  # assumption (vulnerability 0-1)
    heat_check_rate: float  # assumption (per week)
    heat_harm_unchecked: float  # assumption (per week)
    heat_harm_checked: float  # assumption (per week)
    crisis_year: int  # assumption (years)
    crisis_week: int  # assumption (week)
    crisis_weeks: int  # assumption (weeks)
    crisis_offer_boost: float  # assumption (share)
    crisis_need_boost: float  # assumption (factor)
    heat_prof_call: float  # assumption (per week)
    heat_check_a_weight: float  # assumption


@dataclass(frozen=True, slots=True)
class WijkParams:
    """[wijk] The wijk: Size, layout and population of the neighbourhood."""

    residents: int  # assumption (residents)
    residents_per_cell: float  # assumption (residents/cell)
    built_share: float  # assumption (share)
    group_shares: list[float]  # assumption (share)
    segregation: float  # assumption (share)
    homophily: float  # assumption
    age_shares: list[float]  # assumption (share)
    vulnerability_mean: float  # assumption
    vulnerability_group_gap: float  # assumption
    initial_ties: float  # assumption (ties)
    moving_rate: float  # assumption (per year)
    senior_leave_rate: float  # assumption (per year)
    age_homophily: float  # assumption
    neighbour_radius: int  # assumption (cells)
    walk_radius: int  # assumption (cells)
    vulnerability_senior_extra: float  # assumption
    youth_15plus_share: float  # assumption (share)
    place_site_candidates: int  # assumption (cells)
    initial_tie_radius: int  # assumption (cells)
    initial_tie_high: float  # assumption
    initial_ties_by_age: list[float]  # assumption (factor)
    friend_building_years: float  # assumption (years)


@dataclass(frozen=True, slots=True)
class ScenarioParams:
    """Every section of a scenario."""

    buurtrechten: BuurtrechtenParams
    collectives: CollectivesParams
    funding: FundingParams
    help: HelpParams
    initiatives: InitiativesParams
    meeting: MeetingParams
    municipality: MunicipalityParams
    needs: NeedsParams
    netwerkberaad: NetwerkberaadParams
    places: PlacesParams
    prevention: PreventionParams
    professionals: ProfessionalsParams
    residents: ResidentsParams
    run: RunParams
    shocks: ShocksParams
    wijk: WijkParams


# section path -> class ('' is the root)
SECTION_TYPES: dict[str, type] = {
    "funding.populatiebesteding": FundingPopulatiebestedingParams,
    "funding.subsidy": FundingSubsidyParams,
    "funding.tender": FundingTenderParams,
    "buurtrechten": BuurtrechtenParams,
    "collectives": CollectivesParams,
    "funding": FundingParams,
    "help": HelpParams,
    "initiatives": InitiativesParams,
    "meeting": MeetingParams,
    "municipality": MunicipalityParams,
    "needs": NeedsParams,
    "netwerkberaad": NetwerkberaadParams,
    "places": PlacesParams,
    "prevention": PreventionParams,
    "professionals": ProfessionalsParams,
    "residents": ResidentsParams,
    "run": RunParams,
    "shocks": ShocksParams,
    "wijk": WijkParams,
    "": ScenarioParams,
}
