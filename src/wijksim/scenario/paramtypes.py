"""Typed scenario parameters, one frozen dataclass per schema section.

GENERATED from wijksim.scenario.schema by ``make docs`` (python -m wijksim.scenario.typegen);
do not edit: change the schema and regenerate. docs/scenario-keys.md describes every field.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FundingSubsidyParams:
    """[funding.subsidy] Multi-year subsidy (meerjarige subsidiering): Terms used when regime =
    'subsidy'."""

    period_years: int  # assumption (years)
    admin_share: float  # assumption
    resident_org_share: float  # assumption
    paid_coordinators: bool  # assumption
    grant_years: int  # assumption (years)
    output_pressure: float  # assumption


@dataclass(frozen=True, slots=True)
class FundingTenderParams:
    """[funding.tender] Tendering (aanbesteden): Terms used when regime = 'tender'. Neutral
    values (contract_years >= run.years, overhead 0, output_pressure 0, staff_moves 1,
    pre_tender_turnover 0, and the subsidy's admin share and allocation) make it
    indistinguishable from subsidy."""

    contract_years: int  # assumption (years)
    p_incumbent_loses: float  # assumption
    staff_moves: float  # assumption
    transition_weeks: int  # assumption (weeks)
    transition_productivity: float  # assumption
    pre_tender_turnover: float  # assumption (per year)
    overhead_share: float  # assumption
    output_pressure: float  # assumption
    admin_share: float  # assumption
    resident_org_share: float  # assumption
    paid_coordinators: bool  # assumption
    grant_years: int  # assumption (years)


@dataclass(frozen=True, slots=True)
class FundingParams:
    """[funding] Funding regime: How the social base is financed (mechanism 6). The regime only
    chooses which parameter set applies; the model sees generic funding terms."""

    regime: str  # assumption
    budget_per_resident: float  # assumption (euro/year)
    providers: int  # assumption
    switch_year: int  # assumption (years)
    switch_to: str  # assumption
    renewal_horizon_weeks: int  # assumption (weeks)
    subsidy: FundingSubsidyParams
    tender: FundingTenderParams


@dataclass(frozen=True, slots=True)
class HelpParams:
    """[help] Asking and offering help: Voicing need, informal and formal help,
    vraagverlegenheid and aanbodverlegenheid (mechanism 3)."""

    ask_base: float  # calibrated
    ask_v_weight: float  # assumption
    ask_need_weight: float  # assumption
    ask_tie_weight: float  # assumption
    formal_base: float  # calibrated
    formal_trust_weight: float  # assumption
    informal_amount: float  # calibrated (need units)
    informal_hours: float  # assumption (hours)
    v_after_help: float  # assumption
    v_after_refusal: float  # assumption
    premie: float  # assumption
    a_after_helping: float  # assumption
    norm_drift: float  # assumption
    disposition_pull: float  # assumption
    offer_rate: float  # calibrated
    informal_effect: list[float]  # assumption
    tie_gain: float  # assumption
    trust_pull: float  # assumption
    willing_base: float  # assumption
    willing_tie_weight: float  # assumption
    unasked_v_weight: float  # assumption
    unasked_v_share: float  # assumption
    formal_trust_centre: float  # assumption
    formal_voiced_weight: float  # assumption


@dataclass(frozen=True, slots=True)
class InitiativesParams:
    """[initiatives] Citizen initiatives: Founding, recruiting, corvee, burnout, death
    (mechanism 5)."""

    initial_per_1000: float  # assumption
    found_rate: float  # assumption (per week)
    found_support: float  # assumption
    min_founding_ties: int  # assumption
    leave_rate: float  # assumption (per year)
    recruit_rate: float  # assumption (per week)
    max_members: int  # assumption
    min_members: int  # assumption
    activity_hours: float  # assumption (hours/week)
    activity_tie_gain: float  # assumption
    corvee_hours: float  # assumption (hours/week)
    application_hours: float  # assumption (hours)
    grant: float  # assumption (euro/year)
    grant_skill_weight: float  # assumption
    coordinator_cost: float  # assumption (euro/year)
    initiatives_per_coordinator: int  # assumption
    energy_recovery: float  # assumption
    engagement_gain: float  # assumption
    mutual_help: float  # assumption
    no_funding_end_rate: float  # assumption
    strain: float  # assumption
    founder_share: float  # assumption
    attendance: float  # assumption
    takeover_per_year: float  # assumption
    application_weeks: int  # assumption (weeks)
    engagement_fade: float  # assumption
    club_min_hours: float  # assumption (hours)
    kind_shares: list[float]  # assumption
    kind_mutual_help: list[float]  # assumption
    kind_needs_place: list[bool]  # assumption
    kind_countable: list[bool]  # assumption
    application_skill_offset: float  # assumption
    grant_base_success: float  # assumption
    coordinator_relief: float  # assumption
    attendance_without_place: float  # assumption
    attendance_unfunded: float  # assumption
    activity_contacts: float  # assumption
    activity_bridging: float  # assumption
    dissolution_engagement: float  # assumption
    burnout_engagement: float  # assumption
    burnout_energy: float  # assumption
    grace_weeks: int  # assumption (weeks)
    placeless_weeks: int  # assumption (weeks)
    founding_invites: int  # assumption (ties)
    place_preference: float  # assumption (cells)
    strain_min_hours: float  # assumption (hours/week)
    initial_founder_noise: float  # assumption
    initial_recruit_rounds: int  # assumption
    initial_size_factor: int  # assumption
    initial_min_age_weeks: int  # assumption (weeks)
    initial_max_age_weeks: int  # assumption (weeks)


@dataclass(frozen=True, slots=True)
class MeetingParams:
    """[meeting] Meeting and ties: Third places, street encounters, tie decay (mechanism 2)."""

    visit_rate: list[float]  # assumption
    senior_reach: float  # assumption
    distance_scale: float  # assumption (cells)
    sessions_per_week: int  # assumption
    contacts_per_visit: float  # calibrated
    place_tie_gain: float  # assumption
    host_bridging: float  # assumption
    street_rate: float  # calibrated (per week)
    street_radius: int  # assumption (cells)
    street_tie_gain: float  # assumption
    triadic_rate: float  # calibrated
    private_contact_rate: float  # assumption
    friend_time: float  # calibrated
    private_tie_gain: float  # assumption
    tie_decay: float  # assumption (per week)
    tie_min: float  # assumption
    good_tie: float  # literature
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
    sales (mechanism 7)."""

    buurttop_every_years: int  # assumption (years)
    buurttop_per_1000: float  # assumption
    buurttop_contacts: int  # assumption
    budget_cut_year: int  # assumption (years)
    budget_cut_share: float  # assumption
    programme_share: float  # assumption
    programme_stop_year: int  # assumption (years)
    sell_buurthuis_year: int  # assumption (years)
    places_max_share: float  # assumption
    buurttop_week: int  # assumption (week)
    buurttop_tie_gain: float  # assumption
    buurttop_engagement_gain: float  # assumption
    buurttop_trust_gain: float  # assumption
    buurttop_v_drop: float  # assumption
    buurttop_found_chance: float  # assumption
    buurttop_engagement_base: float  # assumption
    buurttop_bridging: float  # assumption
    buurttop_v_base: float  # assumption


@dataclass(frozen=True, slots=True)
class NeedsParams:
    """[needs] Needs: Problems arise, grow when unaddressed and escalate (mechanism 1)."""

    arrival_rate: float  # calibrated (per week)
    vulnerability_weight: float  # assumption
    senior_factor: float  # assumption
    kind_shares: list[float]  # assumption
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
    learning: float  # assumption
    forgetting: float  # assumption
    circle: int  # assumption (people)
    tie_gain: float  # assumption
    v_drop: float  # assumption
    a_drop: float  # assumption
    search_tries: int  # assumption


@dataclass(frozen=True, slots=True)
class PlacesParams:
    """[places] Third places: Buurthuis, library, café, playground, Huis van de Wijk
    (Oldenburg; Klinenberg)."""

    per_1000: list[float]  # assumption
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
    community_rent_share: float  # assumption
    youth_appeal: list[float]  # assumption
    adult_appeal: list[float]  # assumption
    senior_appeal: list[float]  # assumption
    hospitality_base: float  # assumption
    cafe_closing_weeks: int  # assumption (weeks)
    initial_custom_share: float  # assumption


@dataclass(frozen=True, slots=True)
class ProfessionalsParams:
    """[professionals] Social professionals: Hulpverleners and opbouwwerkers, caseload,
    wijkkennis, paperwork (mechanism 4)."""

    cost_per_year: float  # literature (euro/year)
    hours_per_week: float  # literature (hours/week)
    opbouwwerker_share: float  # assumption
    orientation_hulpverlener: float  # assumption
    orientation_opbouwwerker: float  # assumption
    case_hours: float  # assumption (hours/week)
    help_per_hour: float  # calibrated (need units/hour)
    casework_pull: float  # assumption
    wijkkennis_learning: float  # assumption (per week)
    new_hire_wijkkennis: float  # assumption
    initial_tenure_years: float  # assumption (years)
    turnover_per_year: float  # literature (per year)
    vacancy_weeks: int  # assumption (weeks)
    outreach_per_hour: float  # assumption (residents/hour)
    bridging_per_hour: float  # assumption
    corvee_relief_per_hour: float  # assumption
    trust_gain: float  # assumption
    institution_trust_gain: float  # assumption
    trust_loss_waiting: float  # assumption
    trust_loss_leaving: float  # assumption
    outreach_share: float  # assumption
    support_share: float  # assumption
    bridging_share: float  # assumption
    handover_weeks: int  # assumption (weeks)
    trusted_link: float  # assumption
    bridging_tie_gain: float  # assumption
    complex_hours_factor: float  # assumption
    casework_yield_base: float  # assumption
    pressure_orientation_drop: float  # assumption
    pressure_casework_pull: float  # assumption
    widening_rate: float  # assumption (per week)
    outreach_trust_share: float  # assumption
    bridging_tries: int  # assumption


@dataclass(frozen=True, slots=True)
class ResidentsParams:
    """[residents] Residents: Dispositions residents start with."""

    tie_slots: int  # assumption (ties)
    v_mean: float  # assumption
    v_senior_extra: float  # literature
    a_mean: float  # assumption
    disposition_concentration: float  # assumption
    spare_time_share: float  # assumption
    spare_hours_mean: float  # literature (hours/week)
    regular_volunteer_share: float  # calibrated
    occasional_volunteer_share: float  # calibrated
    engagement_mean: float  # assumption
    sterkhouder_threshold: float  # assumption
    friends_elsewhere_mean: float  # calibrated
    trust_mean: float  # assumption
    paperwork_skill_gap: float  # assumption
    friends_elsewhere_by_age: list[float]  # assumption
    youth_spare_time_factor: float  # assumption
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
    """[shocks] Shocks: Heat wave and crisis (mechanism 8)."""

    heatwave_year: int  # assumption (years)
    heatwave_week: int  # assumption (week)
    heatwave_weeks: int  # assumption (weeks)
    heat_vulnerability: float  # assumption
    heat_check_rate: float  # assumption
    heat_harm_unchecked: float  # assumption
    heat_harm_checked: float  # assumption
    crisis_year: int  # assumption (years)
    crisis_week: int  # assumption (week)
    crisis_weeks: int  # assumption (weeks)
    crisis_offer_boost: float  # assumption
    crisis_need_boost: float  # assumption
    heat_prof_call: float  # assumption
    heat_check_a_weight: float  # assumption


@dataclass(frozen=True, slots=True)
class WijkParams:
    """[wijk] The wijk: Size, layout and population of the neighbourhood."""

    residents: int  # assumption (residents)
    residents_per_cell: float  # literature (residents/cell)
    built_share: float  # assumption
    group_shares: list[float]  # assumption
    segregation: float  # assumption
    homophily: float  # assumption
    age_shares: list[float]  # literature
    vulnerability_mean: float  # assumption
    vulnerability_group_gap: float  # assumption
    initial_ties: float  # assumption (ties)
    moving_rate: float  # literature (per year)
    senior_leave_rate: float  # literature (per year)
    age_homophily: float  # assumption
    neighbour_radius: int  # assumption (cells)
    walk_radius: int  # assumption (cells)
    vulnerability_senior_extra: float  # assumption
    youth_15plus_share: float  # assumption
    place_site_candidates: int  # assumption (cells)
    initial_tie_radius: int  # assumption (cells)
    initial_tie_high: float  # assumption
    initial_ties_by_age: list[float]  # assumption
    friend_building_years: float  # assumption (years)


@dataclass(frozen=True, slots=True)
class ScenarioParams:
    """Every section of a scenario."""

    funding: FundingParams
    help: HelpParams
    initiatives: InitiativesParams
    meeting: MeetingParams
    municipality: MunicipalityParams
    needs: NeedsParams
    netwerkberaad: NetwerkberaadParams
    places: PlacesParams
    professionals: ProfessionalsParams
    residents: ResidentsParams
    run: RunParams
    shocks: ShocksParams
    wijk: WijkParams


# section path -> class ('' is the root)
SECTION_TYPES: dict[str, type] = {
    "funding.subsidy": FundingSubsidyParams,
    "funding.tender": FundingTenderParams,
    "funding": FundingParams,
    "help": HelpParams,
    "initiatives": InitiativesParams,
    "meeting": MeetingParams,
    "municipality": MunicipalityParams,
    "needs": NeedsParams,
    "netwerkberaad": NetwerkberaadParams,
    "places": PlacesParams,
    "professionals": ProfessionalsParams,
    "residents": ResidentsParams,
    "run": RunParams,
    "shocks": ShocksParams,
    "wijk": WijkParams,
    "": ScenarioParams,
}
