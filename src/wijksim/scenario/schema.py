"""The scenario schema: every key a scenario file may set.

Each key has a type, a default, an allowed range, a unit, a one-line description, the seed
passage it stands for (IDs from docs/sources.md) and the status of its default value:
``calibrated`` (fitted to docs/validation.md targets), ``literature`` (taken from a published
figure) or ``assumption`` (a modelling choice, argued in docs/ODD.md).

Units follow one convention (explained on top of docs/scenario-keys.md): "per week" / "per
year" for chances and relative changes per tick or year, "hours/week", "euro/year", counts by
their noun, "share" for a part of a whole, "factor" for a multiplier of another quantity,
"chance" for a probability per event, "level 0-1" for a lever's strength. An empty unit means
a number on one of the model's own 0-1 scales (tie strength, v, a, trust, engagement) or a
weight in the formula the description gives (tests/test_schema_units.py).

The key reference in docs/scenario-keys.md is generated from this module
(``python -m wijksim.scenario.reference``), so documentation and validation cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CALIBRATED, LITERATURE, ASSUMPTION = "calibrated", "literature", "assumption"
# the funding regimes a scenario can choose (scenario/regimes.py turns each into generic terms)
REGIMES = ("tender", "subsidy", "populatiebesteding")


@dataclass(frozen=True)
class Key:
    """One scenario key."""

    name: str  # dotted, e.g. "funding.tender.contract_years"
    default: Any
    doc: str
    lo: float | None = None
    hi: float | None = None
    unit: str = ""
    choices: tuple[str, ...] | None = None
    source: str = ""  # passage IDs from docs/sources.md, comma separated
    status: str = ASSUMPTION
    length: int | None = None  # for list keys: required length (None: any, see `length_of`)
    length_of: str | None = None  # for list keys: must have as many items as this key's value

    @property
    def type(self) -> type:
        if isinstance(self.default, bool):
            return bool
        if isinstance(self.default, list):
            return list
        return type(self.default)

    @property
    def section(self) -> str:
        return self.name.rsplit(".", 1)[0]

    def allowed(self) -> str:
        """Human description of what is allowed, used in error messages and docs."""
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.type is bool:
            return "true or false"
        kind = {int: "a whole number", float: "a number", str: "a text"}.get(self.type)
        if self.type is list:
            n = f"{self.length} " if self.length else ""
            kind = f"a list of {n}numbers"
        rng = ""
        if self.lo is not None and self.hi is not None:
            rng = f" from {_fmt(self.lo)} to {_fmt(self.hi)}"
        elif self.lo is not None:
            rng = f" of at least {_fmt(self.lo)}"
        elif self.hi is not None:
            rng = f" of at most {_fmt(self.hi)}"
        if self.type is list and rng:
            rng = ", each" + rng
        unit = f" ({self.unit})" if self.unit else ""
        return f"{kind}{rng}{unit}"


def _fmt(x: float) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    doc: str
    keys: list[Key] = field(default_factory=list)


SECTIONS: list[Section] = []


def section(name: str, title: str, doc: str, *keys: Key) -> None:
    for k in keys:
        assert k.name.startswith(name + "."), k.name
    SECTIONS.append(Section(name, title, doc, list(keys)))


# --------------------------------------------------------------------------------------------
section(
    "run", "Run", "How long to simulate and how often to record.",
    Key("run.years", 10, "Years to simulate (52 weekly ticks each).", 1, 100, "years",
        source="004-voorwoord", status=ASSUMPTION),
    Key("run.record_every", 1, "Record outcomes every k-th week (1 = every week). Mesa's "
        "batch_run needs 1.", 1, 52, "weeks"),
    Key("run.burn_in_weeks", 416, "Weeks the whole wijk runs before week 0 under the "
        "status-quo funding terms (the defaults of this schema), so week 0 is the wijk as it "
        "is today, near its own steady state, and the same wijk whatever the scenario's "
        "regime. Eight years: measured, the time after which the mean cohesion of a "
        "status-quo run moves less than 1.5 % over the next 30 years (docs/ODD.md 3.3).",
        0, 1040, "weeks"),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("run.clustering_sample", 400, "Residents sampled each recorded week to estimate the "
        "clustering coefficient of the network of good ties (a measurement, not a rule).", 10,
        100000, "residents"),
)

section(
    "wijk", "The wijk", "Size, layout and population of the neighbourhood.",
    Key("wijk.residents", 15000, "Number of residents.", 50, 500000, "residents"),
    Key("wijk.residents_per_cell", 15.0, "Residents per built grid cell; a cell is 50 x 50 m, "
        "so 15 per cell is about 60 inhabitants per hectare of built land (a typical Dutch "
        "urban wijk; a rough figure, no source cited).", 1.0, 200.0, "residents/cell"),
    Key("wijk.built_share", 0.8, "Share of cells with housing (the rest is parks, roads, "
        "water).", 0.2, 1.0, "share"),
    Key("wijk.group_shares", [0.6, 0.25, 0.15], "Shares of demographic groups (e.g. "
        "long-settled, newcomers, migrant community). 'De buurt is een mythe': a wijk is "
        "several communities side by side.", 0.0, 1.0, "share", source="004-H3-mythe"),
    Key("wijk.segregation", 0.5, "Share of residents who live in their group's own quarter "
        "rather than anywhere in the wijk.", 0.0, 1.0, "share", source="004-H3-mythe"),
    Key("wijk.homophily", 0.7, "Chance that an encounter across groups does not turn into "
        "contact (0 = no preference for the own group).", 0.0, 1.0, source="004-H3-mythe"),
    Key("wijk.age_shares", [0.2, 0.6, 0.2], "Shares of youth (<20), adults, seniors (65+); "
        "round numbers near the Dutch population's, no source cited.", 0.0, 1.0, "share",
        length=3),
    Key("wijk.vulnerability_mean", 0.25, "Mean vulnerability (0-1): how prone a resident is "
        "to problems such as debts, care needs or isolation.", 0.01, 0.9),
    Key("wijk.vulnerability_group_gap", 0.1, "Extra mean vulnerability of the non-majority "
        "groups.", 0.0, 0.5, source="004-H3-mythe"),
    Key("wijk.initial_ties", 3.3, "Mean number of friendships (good ties) of a long-standing "
        "adult in the starting network; youth 0.95x, seniors 0.62x, recent arrivals fewer "
        "(docs/ODD.md 5.5). Chosen so that the start is near the model's steady state, where "
        "residents have about 2.2 good ties in the wijk.", 0.0, 30.0, "ties"),
    Key("wijk.moving_rate", 0.08, "Yearly share of residents who move away; a newcomer with "
        "no ties takes their home (Dutch households move about once every 10-12 years: an "
        "order of magnitude, no source cited).", 0.0, 0.5, "per year"),
    Key("wijk.senior_leave_rate", 0.07, "Yearly share of seniors who leave (death, a move "
        "into care or elsewhere); a newcomer of the same age takes their home. No source "
        "cited.", 0.0, 0.5, "per year"),
    Key("wijk.age_homophily", 0.5, "Chance that an encounter across age classes (youth, "
        "adults, seniors) does not turn into contact: friends are mostly of one's own age.",
        0.0, 1.0, status=ASSUMPTION),
    Key("wijk.neighbour_radius", 3, "Who counts as a neighbour (buur) for the weekly "
        "neighbour-contact measure: within this many cells (3 cells = 150 m).", 0, 40,
        "cells", status=ASSUMPTION),
    Key("wijk.walk_radius", 8, "Walking distance in cells (8 cells = 400 m): how far "
        "professionals look for people around a client or for bridging.", 1, 40, "cells", source="004-H2-thirdplaces"),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("wijk.vulnerability_senior_extra", 0.1, "Extra mean vulnerability of seniors.", 0.0,
        0.5),
    Key("wijk.youth_15plus_share", 0.25, "Share of youths (under 20) who are 15 or older and "
        "count in the volunteering outcomes (about 5 of 20 birth years).", 0.0, 1.0, "share"),
    Key("wijk.place_site_candidates", 12, "Places are sited at the best of this many random "
        "built cells (farthest from the places sited before), so they spread over the wijk.",
        1, 1000, "cells"),
    Key("wijk.initial_tie_radius", 3, "The starting friendships are made within this many "
        "cells of home.", 0, 40, "cells"),
    Key("wijk.initial_tie_high", 0.8, "Strongest starting friendship: strengths are uniform "
        "between meeting.good_tie and this (in the steady state few ties are above 0.8).", 0.0,
        1.0),
    Key("wijk.initial_ties_by_age", [0.95, 1.0, 0.62], "Starting friendships of youth, adults "
        "and seniors relative to wijk.initial_ties (as measured in the model's steady state: "
        "seniors keep fewer as their friends leave and they walk less far).", 0.0, 5.0, "factor",
        length=3),
    Key("wijk.friend_building_years", 2.0, "Years a newcomer takes to build up a circle of "
        "friends in the wijk (1 - exp(-years / this) of the full circle at the start).", 0.01,
        50.0, "years"),
)

section(
    "residents", "Residents", "Dispositions residents start with.",
    Key("residents.tie_slots", 24, "Maximum ties per resident (Dunbar-like cap on the "
        "active network kept in the model).", 4, 64, "ties"),
    Key("residents.v_mean", 0.45, "Mean vraagverlegenheid at the start: reluctance to ask "
        "for help (0 = asks freely, 1 = never asks).", 0.0, 1.0,
        source="004-H4-vraagverlegenheid", status=ASSUMPTION),
    Key("residents.v_senior_extra", 0.15, "Extra vraagverlegenheid of seniors (Rode Kruis: "
        "nearly half of the 70+ would not ask at all).", 0.0, 0.5,
        source="004-H4-vraagverlegenheid", status=LITERATURE),
    Key("residents.a_mean", 0.5, "Mean aanbodverlegenheid at the start: reluctance to "
        "offer help.", 0.0, 1.0, source="004-H4-aanbodverlegenheid", status=ASSUMPTION),
    Key("residents.disposition_concentration", 6.0, "Concentration of the Beta "
        "distributions of v and a (higher = less spread).", 1.0, 100.0),
    Key("residents.spare_time_share", 0.55, "Share of residents with time left for others "
        "(the 'altruistisch overschot').", 0.0, 1.0,
        "share", source="004-H3-overschot", status=ASSUMPTION),
    Key("residents.spare_hours_mean", 4.0, "Mean spare hours per week of those who have "
        "some (about 4 hours a week per volunteer).", 0.5, 40.0, "hours/week",
        source="000-vrijwilligers", status=LITERATURE),
    Key("residents.regular_volunteer_share", 0.28, "Share of residents who volunteer "
        "nearly every week somewhere (clubs, schools, churches, initiatives).", 0.0, 1.0, "share",
        source="000-vrijwilligers", status=CALIBRATED),
    Key("residents.occasional_volunteer_share", 0.3, "Share of residents who volunteer "
        "now and then.", 0.0, 1.0, "share", status=CALIBRATED),
    Key("residents.engagement_mean", 0.15, "Mean engagement (0-1) with the wijk; the few "
        "above the sterkhouder threshold are its key figures.", 0.0, 1.0,
        source="004-EP-sterkhouders"),
    Key("residents.sterkhouder_threshold", 0.6, "Engagement above which a resident is a "
        "sterkhouder (key figure) who can found an initiative.", 0.0, 1.0,
        source="004-EP-sterkhouders"),
    Key("residents.friends_elsewhere_mean", 1.56, "Mean number of good contacts an adult has "
        "outside the wijk (family, old friends); youth 1.2x, seniors 0.5x. They count against "
        "loneliness, not toward the wijk's cohesion.", 0.0, 10.0, "contacts", status=CALIBRATED),
    Key("residents.trust_mean", 0.55, "Mean trust in institutions at the start.", 0.0, 1.0),
    Key("residents.paperwork_skill_gap", 0.2, "How much more often the majority group has "
        "'vergadertijgers' (people at ease with forms and meetings).", 0.0, 1.0,
        source="004-H5-vergadertijgers"),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("residents.friends_elsewhere_by_age", [1.2, 1.0, 0.5], "Good contacts outside the "
        "wijk of youth, adults and seniors relative to friends_elsewhere_mean (seniors fewer "
        "as partners and friends die).", 0.0, 5.0, "factor", length=3),
    Key("residents.youth_spare_time_factor", 0.6, "Youths' chance of having spare time "
        "relative to spare_time_share (school).", 0.0, 1.0, "factor"),
    Key("residents.spare_hours_max", 40.0, "Most spare hours a week anyone has.", 0.5, 100.0,
        "hours/week"),
    Key("residents.regular_volunteer_rate", 0.75, "Weekly chance a regular volunteer "
        "volunteers somewhere (club, school, church).", 0.0, 1.0, "per week",
        source="000-vrijwilligers"),
    Key("residents.occasional_volunteer_rate", 0.025, "Weekly chance an occasional volunteer "
        "volunteers somewhere.", 0.0, 1.0, "per week", source="000-vrijwilligers"),
    Key("residents.vulnerability_concentration", 4.0, "Concentration of the Beta distribution "
        "of vulnerability (higher = less spread).", 0.1, 100.0),
    Key("residents.engagement_concentration", 3.0, "Concentration of the Beta distribution "
        "of engagement.", 0.1, 100.0),
    Key("residents.trust_concentration", 8.0, "Concentration of the Beta distribution of "
        "trust in institutions.", 0.1, 100.0),
    Key("residents.paperwork_skill_concentration", 4.0, "Concentration of the Beta "
        "distribution of paperwork skill.", 0.1, 100.0),
    Key("residents.trust_minority_gap", 0.05, "Lower mean trust in institutions of the "
        "non-majority groups.", 0.0, 0.5, source="004-H3-mythe"),
)

section(
    "needs", "Needs", "Problems arise, grow when unaddressed and escalate (docs/ODD.md 7.1).",
    Key("needs.arrival_rate", 0.0118, "Weekly chance that a resident of average "
        "vulnerability gets a new problem.", 0.0, 0.2, "per week", status=CALIBRATED),
    Key("needs.vulnerability_weight", 0.8, "How strongly arrival scales with "
        "vulnerability (0 = not at all).", 0.0, 1.0),
    Key("needs.senior_factor", 1.3, "Arrival multiplier for seniors.", 0.5, 4.0, "factor"),
    Key("needs.kind_shares", [0.4, 0.3, 0.3], "Shares of practical, social and complex "
        "problems. Informal help solves practical and social problems well, complex ones "
        "(debts, care) poorly.", 0.0, 1.0, "share", length=3, source="004-H6-zolder"),
    Key("needs.initial_severity", 1.0, "Severity of a new problem.", 0.1, 10.0, "need units"),
    Key("needs.growth_rate", 0.02, "Weekly relative growth of unaddressed need.", 0.0, 0.2,
        "per week", source="004-H6-zolder"),
    Key("needs.self_resolve_rate", 0.02, "Weekly chance a problem resolves by itself.",
        0.0, 0.5, "per week"),
    Key("needs.escalation_threshold", 3.0, "Severity at which a problem escalates to "
        "specialised care (the 'zolder' of the care pyramid).", 1.0, 50.0, "need units",
        source="004-H6-zolder"),
    Key("needs.escalation_cost", 15000.0, "Cost of one episode of specialised care.", 0.0,
        1e6, "euro", source="004-H6-zolder"),
    Key("needs.care_weeks", 26, "Weeks a resident spends in specialised care.", 1, 520,
        "weeks"),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("needs.initial_weeks", 20.0, "Problems open at the start: each resident has one with "
        "the chance of this many weeks of arrivals (about their steady-state prevalence).",
        0.0, 520.0, "weeks"),
    Key("needs.initial_max_share", 0.9, "Cap on a resident's chance of an open problem at "
        "the start.", 0.0, 1.0),
)

section(
    "meeting", "Meeting and ties", "Third places, street encounters, tie decay "
    "(docs/ODD.md 7.2).",
    Key("meeting.visit_rate", [0.45, 0.35, 0.4], "Weekly chance that a youth / adult / "
        "senior visits a third place within reach.", 0.0, 1.0, "per week", length=3,
        source="004-H2-thirdplaces"),
    Key("meeting.senior_reach", 0.6, "Share of a place's walking reach that seniors still "
        "cover (shorter walks).", 0.1, 1.0, "share", source="004-H2-ouderen"),
    Key("meeting.distance_scale", 4.0, "Distance (cells) over which a place's pull halves "
        "with walking distance.", 0.5, 50.0, "cells", source="004-H2-thirdplaces"),
    Key("meeting.sessions_per_week", 14, "Time slots per week at a place; people meet those "
        "who visit in the same slot.", 1, 56, "slots/week"),
    Key("meeting.contacts_per_visit", 2.53, "People a visitor talks to per visit.", 0.0,
        20.0, "contacts/visit", status=CALIBRATED),
    Key("meeting.place_tie_gain", 0.08, "Tie strength gained per contact at a place "
        "(times 0.5 + hospitality).", 0.0, 1.0, source="004-H2-thirdplaces"),
    Key("meeting.host_bridging", 0.5, "How much a host (hospitality 1) lowers the "
        "threshold for contact across groups.", 0.0, 1.0, source="004-H5-onshuis"),
    Key("meeting.street_rate", 0.636, "Weekly chance of a street encounter near home.",
        0.0, 1.0, "per week", status=CALIBRATED),
    Key("meeting.street_radius", 2, "Street encounters happen within this many cells.",
        0, 10, "cells"),
    Key("meeting.street_tie_gain", 0.03, "Tie strength gained per street encounter.", 0.0,
        1.0),
    Key("meeting.triadic_rate", 0.102, "Weekly chance that a friend introduces one of their "
        "friends (triadic closure; gains place_tie_gain).", 0.0, 1.0,
        "per week", status=CALIBRATED),
    Key("meeting.private_contact_rate", 0.8, "Weekly chance of a private contact per unit "
        "tie strength (friends keep in touch at home).", 0.0, 1.0, "per week", status=ASSUMPTION),
    Key("meeting.friend_time", 0.721, "How many close friendships (sum of squared tie "
        "strengths) a resident has time to keep up; with more, each gets less contact.", 0.1,
        24.0, status=CALIBRATED),
    Key("meeting.private_tie_gain", 0.15, "Tie strength gained per private contact. With "
        "the contact rate and decay this makes ties above about 0.2 self-sustaining (friends) "
        "and weaker ones fade unless renewed (acquaintances).", 0.0, 1.0, status=ASSUMPTION),
    Key("meeting.tie_decay", 0.02, "Weekly relative decay of every tie.", 0.0, 0.5,
        "per week", status=ASSUMPTION),
    Key("meeting.tie_min", 0.02, "Ties weaker than this are forgotten.", 0.0, 0.5),
    Key("meeting.good_tie", 0.3, "Strength from which a tie counts as a good contact (a "
        "threshold on the model's own tie scale; no published figure).", 0.0, 1.0),
    Key("meeting.lonely_below", 4, "Fewer good contacts than this: lonely (4-5 good contacts "
        "protect against loneliness, De Jong Gierveld & Van Tilburg 2007).", 0, 24,
        "contacts", status=LITERATURE, source="lit-dejonggierveld"),
    Key("meeting.strongly_lonely_below", 2, "Fewer good contacts than this: strongly "
        "lonely.", 0, 24, "contacts", status=ASSUMPTION),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("meeting.visit_engagement_base", 0.7, "Visiting chance of a resident with engagement "
        "0, relative to meeting.visit_rate (it is base + weight * engagement).", 0.0, 2.0),
    Key("meeting.visit_engagement_weight", 0.6, "Rise of the visiting chance with engagement "
        "(engagement 0.5 gives visit_rate itself at the defaults).", 0.0, 2.0),
    Key("meeting.visit_frailty", 0.5, "How much vulnerability lowers the visiting chance: "
        "times 1 - this * vulnerability.", 0.0, 1.0, source="004-H2-ouderen"),
    Key("meeting.habit_pull", 3.0, "Pull of the place a resident visited last, relative to "
        "other places (habit).", 1.0, 100.0),
    Key("meeting.reach_places", 12, "Nearest places within reach a resident considers.", 1,
        100, "places"),
)

section(
    "help", "Asking and offering help", "Voicing need, informal and formal help, "
    "vraagverlegenheid and aanbodverlegenheid (docs/ODD.md 7.3).",
    Key("help.ask_base", 2.48, "Log-odds part of voicing need to a tie at need 1 with no "
        "ties; the chance is (1 - v)^ask_v_weight times the logistic of this plus the need "
        "and tie terms.", -10.0, 10.0,
        "log-odds", source="004-H4-vraagverlegenheid", status=CALIBRATED),
    Key("help.ask_v_weight", 1.5, "Exponent on (1 - v): how strongly vraagverlegenheid "
        "suppresses asking (v = 1 never asks).", 0.1, 10.0,
        source="004-H4-vraagverlegenheid"),
    Key("help.ask_need_weight", 0.6, "How strongly severity pushes people to ask.", 0.0,
        10.0),
    Key("help.ask_tie_weight", 2.5, "How strongly a strong tie makes asking easier.", 0.0,
        10.0),
    Key("help.formal_base", -3.28, "Log-odds part of asking a professional at need 1 and "
        "trust 0.5 (times (1 - v)^ask_v_weight).", -10.0, 10.0, "log-odds", status=CALIBRATED),
    Key("help.formal_trust_weight", 3.0, "How strongly trust (in institutions and in a "
        "known professional) makes asking a professional easier.", 0.0, 10.0),
    Key("help.informal_amount", 0.186, "Need removed by one week of informal help (practical "
        "problems; social 0.8x, complex 0.25x).", 0.0, 5.0, "need units", status=CALIBRATED),
    Key("help.informal_hours", 2.0, "Hours an informal helper spends per week of help.",
        0.0, 20.0, "hours"),
    Key("help.v_after_help", 0.04, "Drop in v after being helped (asking worked).", 0.0,
        0.5, source="004-H4-vraagverlegenheid"),
    Key("help.v_after_refusal", 0.06, "Rise in v after being refused.", 0.0, 0.5,
        source="004-H4-vraagverlegenheid"),
    Key("help.premie", 0.01, "Weekly rise in v while getting professionals-only help that "
        "asks you to present yourself as helpless ('premie op machteloosheid').", 0.0, 0.2,
        "per week",
        source="004-H4-premie"),
    Key("help.a_after_helping", 0.02, "Drop in a after helping someone.", 0.0, 0.5,
        source="004-H4-aanbodverlegenheid"),
    Key("help.norm_drift", 0.03, "Weekly drift of v and a toward the tie-weighted mean of "
        "one's ties (local norm).", 0.0, 1.0, "per week", source="004-H4-vraagverlegenheid"),
    Key("help.disposition_pull", 0.01, "Weekly drift of v and a back toward one's own "
        "disposition.", 0.0, 1.0, "per week"),
    Key("help.offer_rate", 0.496, "Weekly chance a resident with spare time and a = 0 offers "
        "help unasked.", 0.0, 1.0, "per week", source="004-H2-crisis", status=CALIBRATED),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("help.informal_effect", [1.0, 0.8, 0.25], "How well informal help works on practical, "
        "social and complex problems (multiplies help.informal_amount).", 0.0, 1.0, length=3),
    Key("help.tie_gain", 0.03, "Strength helping someone adds to the tie: gain * (1 - w).",
        0.0, 1.0),
    Key("help.trust_pull", 0.002, "Weekly return of trust in institutions toward one's own "
        "disposition.", 0.0, 1.0, "per week"),
    Key("help.willing_base", 0.5, "Chance a tie with time helps when asked, at a = 0 and "
        "tie strength 0: (1 - a) * (willing_base + willing_tie_weight * w).", 0.0, 1.0,
        source="004-H4-aanbodverlegenheid"),
    Key("help.willing_tie_weight", 0.5, "Rise of that chance with tie strength w.", 0.0,
        1.0, source="004-H4-aanbodverlegenheid"),
    Key("help.unasked_v_weight", 0.5, "Help offered unasked is accepted with chance "
        "1 - this * v (taking help you did not ask for is easier than asking).", 0.0, 1.0,
        source="004-H4-vraagverlegenheid"),
    Key("help.unasked_v_share", 0.5, "Share of help.v_after_help by which v drops after help "
        "one did not ask for (offered by a tie, or a professional widening one's circle).",
        0.0, 1.0, "share", source="004-H4-vraagverlegenheid"),
    Key("help.formal_trust_centre", 0.5, "Trust (in institutions plus in a known "
        "professional) at which trust neither raises nor lowers asking a professional.", 0.0,
        2.0),
    Key("help.formal_voiced_weight", 0.5, "Log-odds added to asking a professional by someone "
        "who already voiced their need to a tie this week.", 0.0, 10.0, "log-odds"),
)

section(
    "professionals", "Social professionals", "Hulpverleners and opbouwwerkers, caseload, "
    "wijkkennis, paperwork (docs/ODD.md 7.4).",
    Key("professionals.cost_per_year", 75000.0, "Employer cost of one professional (about "
        "0.9 FTE; the seeds give no salary, no source cited).", 10000.0, 500000.0,
        "euro/year"),
    Key("professionals.hours_per_week", 32.0, "Contract hours of one professional (the "
        "seeds give none; no source cited).", 4.0, 40.0,
        "hours/week"),
    Key("professionals.opbouwwerker_share", 0.25, "Share of staff that are opbouwwerkers "
        "(community workers); the rest are hulpverleners in the wijkteam.", 0.0, 1.0, "share",
        source="004-H4-rollen"),
    Key("professionals.orientation_hulpverlener", 0.3, "Network orientation of "
        "hulpverleners (0 = professionals-only, 1 = network-oriented).", 0.0, 1.0,
        source="004-H4-professionalsonly"),
    Key("professionals.orientation_opbouwwerker", 0.8, "Network orientation of "
        "opbouwwerkers.", 0.0, 1.0, source="004-H4-rollen"),
    Key("professionals.case_hours", 2.0, "Hours of casework per active case per week.", 0.1,
        20.0, "hours/week"),
    Key("professionals.help_per_hour", 0.121, "Need removed per casework hour at full "
        "wijkkennis.", 0.0, 5.0, "need units/hour", status=CALIBRATED),
    Key("professionals.casework_pull", 0.5, "Share of an opbouwwerker's hours that a "
        "waiting list can pull into casework ('zuigkracht' of individual requests).", 0.0,
        1.0, "share", source="004-H1-zuigkracht"),
    Key("professionals.wijkkennis_learning", 0.012, "Weekly growth of wijkkennis toward 1 "
        "(about 47% after one year, 85% after three).", 0.0, 0.5, "per week",
        source="004-H3-discontinuiteit,004-H8-nieuwkomer"),
    Key("professionals.new_hire_wijkkennis", 0.05, "Wijkkennis of someone new to the "
        "wijk.", 0.0, 1.0),
    Key("professionals.initial_tenure_years", 4.0, "Mean tenure in the wijk of the staff at "
        "the start.", 0.0, 30.0, "years"),
    Key("professionals.turnover_per_year", 0.1, "Yearly chance a professional leaves for "
        "reasons of their own (the seeds give no turnover figure; no source cited).", 0.0,
        1.0, "per year"),
    Key("professionals.vacancy_weeks", 8, "Weeks before a vacancy is filled.", 0, 104,
        "weeks"),
    Key("professionals.outreach_per_hour", 1.5, "Residents an opbouwwerker contacts per "
        "hour of outreach ('erop af').", 0.0, 20.0, "residents/hour",
        source="004-H4-erop-af"),
    Key("professionals.bridging_per_hour", 0.5, "Introductions across groups per hour of "
        "community work.", 0.0, 20.0, "introductions/hour", source="004-H4-rollen"),
    Key("professionals.corvee_relief_per_hour", 1.0, "Hours of an initiative's corvee taken "
        "over per hour of support.", 0.0, 5.0, "hours/hour", source="003-corvee"),
    Key("professionals.trust_gain", 0.1, "Gain in a resident's trust in their professional "
        "per week of contact.", 0.0, 1.0, "per week"),
    Key("professionals.institution_trust_gain", 0.02, "Gain in trust in institutions per "
        "week of good professional help.", 0.0, 0.5, "per week"),
    Key("professionals.trust_loss_waiting", 0.005, "Weekly loss of trust in institutions "
        "while on a waiting list.", 0.0, 0.5, "per week"),
    Key("professionals.trust_loss_leaving", 0.05, "Loss of trust in institutions when your "
        "professional leaves.", 0.0, 1.0, source="004-H3-discontinuiteit,004-H8-nieuwkomer"),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("professionals.outreach_share", 0.4, "Share of collective hours spent on outreach "
        "('erop af'); with support_share and bridging_share it should sum to 1.", 0.0, 1.0,
        "share"),
    Key("professionals.support_share", 0.35, "Share of collective hours spent supporting "
        "initiatives.", 0.0, 1.0, "share"),
    Key("professionals.bridging_share", 0.25, "Share of collective hours spent bridging "
        "between groups.", 0.0, 1.0, "share"),
    Key("professionals.handover_weeks", 2, "Weeks the clients of someone who leaves wait "
        "before a colleague takes their case over.", 0, 52, "weeks"),
    Key("professionals.trusted_link", 0.3, "Trust in a known professional from which the link "
        "counts as trusted: it protects in a heat wave, is counted by trusted_link_share and is "
        "not replaced by contact with another professional.", 0.0, 1.0),
    Key("professionals.bridging_tie_gain", 0.15, "Strength of a tie a professional makes "
        "(bridging introductions, network-oriented casework).", 0.0, 1.0),
    Key("professionals.complex_hours_factor", 1.5, "Casework hours a complex problem (debts, "
        "care) needs relative to professionals.case_hours.", 0.1, 10.0, "factor"),
    Key("professionals.casework_yield_base", 0.5, "Yield of casework without wijkkennis, as a "
        "share of its yield at full wijkkennis (it grows linearly to 1).", 0.0, 1.0, "share",
        source="004-H3-discontinuiteit"),
    Key("professionals.pressure_orientation_drop", 0.5, "How much output pressure lowers "
        "network orientation: times 1 - this * output_pressure.", 0.0, 1.0,
        source="003-concurrentieslag"),
    Key("professionals.pressure_casework_pull", 0.5, "How much output pressure adds to the "
        "casework pull on opbouwwerkers: + this * output_pressure * (1 - casework_pull).", 0.0,
        1.0, source="004-H1-zuigkracht"),
    Key("professionals.widening_rate", 0.1, "Weekly chance that casework widens a client's "
        "circle with a new tie nearby, at full network orientation and wijkkennis.", 0.0, 1.0,
        "per week", source="004-H4-professionalsonly"),
    Key("professionals.outreach_trust_share", 0.2, "Gain in trust in institutions from an "
        "outreach contact, as a share of institution_trust_gain.", 0.0, 1.0, "share",
        source="004-H4-erop-af"),
    Key("professionals.bridging_tries", 4, "Tries to find someone of another group nearby for "
        "one introduction.", 1, 100, "tries"),
    # where community hours go (issue 18: the opbouwwerker's "which place, which street")
    Key("professionals.focus_place", -1, "Third place (its number on the map, 0 = the first) "
        "around whose streets opbouwwerkers aim their outreach and bridging: a share "
        "professionals.focus_share of their visits and introductions goes to residents living "
        "within wijk.walk_radius of it. -1 = spread over the whole wijk (today's practice). "
        "Acts from week 0 on.", -1, 999, "place number", source="004-H4-erop-af,004-H2-thirdplaces"),
    Key("professionals.focus_share", 0.5, "Share of opbouwwerkers' outreach visits and "
        "bridging introductions made around professionals.focus_place when one is chosen (the "
        "rest stay spread over the wijk: people elsewhere still get a visit).", 0.0, 1.0, "share",
        source="004-H4-erop-af"),
)

section(
    "netwerkberaad", "Netwerkberaad programme", "Network meetings around a client "
    "(Walcheren/Porthos, JIM, ABCD).",
    Key("netwerkberaad.enabled", False, "Run a netwerkberaad programme.",
        source="004-H4-netwerkberaad"),
    Key("netwerkberaad.start_year", 0, "Year the programme starts.", 0, 100, "years"),
    Key("netwerkberaad.stop_year", 0, "Year the programme stops (0 = never).", 0, 100,
        "years", source="004-H5-vogelaar"),
    Key("netwerkberaad.hours", 6.0, "Professional hours per beraad (preparation included), "
        "taken from casework time.",
        0.5, 40.0, "hours"),
    Key("netwerkberaad.rate", 0.15, "Beraden per week a fully skilled, fully "
        "network-oriented professional holds.", 0.0, 5.0, "per week",
        source="004-H4-netwerkberaad"),
    Key("netwerkberaad.learning", 0.06, "Weekly growth of a professional's skill with "
        "beraden while the programme runs (most of it in the first year).", 0.0, 1.0, "per week",
        source="004-H4-netwerkberaad"),
    Key("netwerkberaad.forgetting", 0.03, "Weekly loss of that skill when there is no "
        "programme.", 0.0, 1.0, "per week"),
    Key("netwerkberaad.circle", 4, "People from the client's surroundings invited.", 1, 20,
        "people"),
    Key("netwerkberaad.tie_gain", 0.25, "Tie strength between client and each participant "
        "after a beraad.", 0.0, 1.0),
    Key("netwerkberaad.v_drop", 0.15, "Drop in the client's v after a beraad.", 0.0, 1.0,
        source="004-H4-netwerkberaad"),
    Key("netwerkberaad.a_drop", 0.08, "Drop in the participants' a after a beraad.", 0.0,
        1.0, source="004-H4-aanbodverlegenheid"),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("netwerkberaad.search_tries", 3, "Tries per invited seat to find people for the "
        "circle (among the client's ties, then nearby).", 1, 100, "tries"),
)

section(
    "places", "Third places", "Buurthuis, library, café, playground, Huis van de Wijk "
    "(Oldenburg; Klinenberg).",
    Key("places.per_1000", [0.2, 0.067, 0.6, 0.8, 0.0], "Places per 1000 residents of each "
        "kind: buurthuis, library, cafe, playground, huis_van_de_wijk.", 0.0, 20.0,
        "per 1000 residents",
        length=5, source="004-H2-thirdplaces"),
    Key("places.reach", [10, 16, 6, 5, 10], "Walking reach per kind (cells of 50 m).", 1.0,
        60.0, "cells", length=5, source="004-H2-thirdplaces"),
    Key("places.capacity", [300, 700, 250, 200, 350], "Visits per week each kind can "
        "receive.", 1.0, 100000.0, "visits/week", length=5),
    Key("places.hospitality", [0.5, 0.4, 0.45, 0.3, 0.6], "Hospitality without a host (low "
        "threshold, coffee, someone who knows your name).", 0.0, 1.0, length=5,
        source="004-H5-onshuis"),
    Key("places.host_bonus", 0.35, "Extra hospitality from a paid host.", 0.0, 1.0,
        source="004-H5-onshuis"),
    Key("places.host_cost", 25000.0, "Yearly cost of a host at a municipal place.", 0.0,
        500000.0, "euro/year"),
    Key("places.rent", [45000.0, 90000.0, 0.0, 2000.0, 40000.0], "Yearly rent or upkeep per "
        "kind paid from the social base budget (cafés pay their own).", 0.0, 1e7,
        "euro/year", length=5, source="004-H2-vastgoed"),
    Key("places.hosted", [True, True, False, False, True], "Whether each kind has a paid "
        "host when funded.", length=5, source="004-H5-onshuis"),
    Key("places.cafe_min_visitors", 60.0, "A café whose yearly average of weekly visitors "
        "falls below this closes (market logic).", 0.0, 10000.0, "visits/week",
        source="004-H2-vastgoed"),
    Key("places.community_rights", True, "Initiatives may take over a closed municipal "
        "place and run it ('buurtrecht', right to challenge).", source="002-buurtrechten"),
    Key("places.community_takeover_members", 8, "Members an initiative needs to take over "
        "and run a place.", 1, 100, "members", source="004-H5-ruimtekoffie"),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("places.community_hospitality", 0.2, "Extra hospitality of a place residents run "
        "themselves (the volunteers are hosts).", 0.0, 1.0),
    Key("places.community_rent_share", 0.25, "Share of the rent a community-run place pays "
        "(a symbolic rent and utilities).", 0.0, 1.0, "share"),
    Key("places.youth_appeal", [0.5, 0.8, 0.3, 1.0, 0.6], "Appeal of each kind (buurthuis, "
        "library, cafe, playground, huis_van_de_wijk) to youth (under 20): playgrounds draw "
        "children and their parents.", 0.0, 1.0, length=5, source="004-H2-thirdplaces"),
    Key("places.adult_appeal", [0.6, 0.7, 1.0, 0.5, 0.8], "Appeal of each kind to adults: "
        "cafés draw adults most.", 0.0, 1.0, length=5, source="004-H2-thirdplaces"),
    Key("places.senior_appeal", [1.0, 0.8, 0.6, 0.1, 1.0], "Appeal of each kind to seniors "
        "(65+): buurthuizen and the Huis van de Wijk draw seniors most.", 0.0, 1.0, length=5,
        source="004-H2-ouderen"),
    Key("places.hospitality_base", 0.5, "A place's pull and the tie strength gained at it "
        "scale with this plus its hospitality (at most 1: with more, the tie gain of a visit can "
        "pass 1 and tie strengths diverge - tests/model/test_numerical_health.py).", 0.0, 1.0,
        source="004-H5-onshuis"),
    Key("places.cafe_closing_weeks", 26, "Mean weeks until a café without enough custom "
        "closes (weekly chance 1 / this).", 1, 520, "weeks", source="004-H2-vastgoed"),
    Key("places.initial_custom_share", 0.5, "A place's yearly average of weekly visitors at "
        "the start, as a share of its capacity (a café closes when the average falls below "
        "cafe_min_visitors).", 0.0, 1.0, "share"),
)

section(
    "initiatives", "Citizen initiatives", "Founding, recruiting, corvee, burnout, death "
    "(docs/ODD.md 7.5).",
    Key("initiatives.initial_per_1000", 1.5, "Initiatives alive at the start, per 1000 "
        "residents.", 0.0, 50.0, "per 1000 residents", source="002-omvang"),
    Key("initiatives.found_rate", 0.0003, "Weekly chance that a sterkhouder with a place in "
        "reach and enough ties founds an initiative.", 0.0, 1.0, "per week",
        source="004-H5-ruimtekoffie"),
    Key("initiatives.found_support", 1.0, "How much an hour per week of opbouwwerker "
        "support per 1000 residents raises founding (relative).", 0.0, 20.0,
        "per hour/week per 1000"),
    Key("initiatives.min_founding_ties", 3, "Good contacts a founder needs.", 0, 24, "ties"),
    Key("initiatives.leave_rate", 0.2, "Yearly chance a member leaves for ordinary reasons.",
        0.0, 1.0, "per year"),
    Key("initiatives.recruit_rate", 0.01, "Weekly chance per tie (times strength and "
        "1 - a) that a member recruits a non-member.", 0.0, 1.0, "per week"),
    Key("initiatives.max_members", 40, "Members an initiative can hold.", 3, 1000, "members"),
    Key("initiatives.min_members", 3, "An initiative with fewer members dies.", 1, 100, "members"),
    Key("initiatives.activity_hours", 2.0, "Hours per week a member spends on activities.",
        0.0, 40.0, "hours/week"),
    Key("initiatives.activity_tie_gain", 0.05, "Tie strength members gain with each other per "
        "weekly activity.", 0.0, 1.0, "per activity"),
    Key("initiatives.corvee_hours", 4.0, "Weekly administrative load of a running "
        "initiative (accounts, permits, reports).", 0.0, 100.0, "hours/week",
        source="003-corvee"),
    Key("initiatives.application_hours", 40.0, "Hours of one grant application and its "
        "accountability.", 0.0, 1000.0, "hours", source="004-H5-vergadertijgers"),
    Key("initiatives.grant", 5000.0, "Yearly grant to an initiative.", 0.0, 1e6,
        "euro/year"),
    Key("initiatives.grant_skill_weight", 0.6, "How much the application's success depends "
        "on the coordinator's paperwork skill ('vergadertijgers').", 0.0, 1.0,
        source="004-H5-vergadertijgers"),
    Key("initiatives.coordinator_cost", 30000.0, "Yearly cost of a paid coordinator "
        "(part-time, shared by several initiatives).", 0.0, 500000.0, "euro/year",
        source="004-H3-coordinator"),
    Key("initiatives.initiatives_per_coordinator", 6, "Initiatives one paid coordinator "
        "serves.", 1, 100, "initiatives", source="004-H3-coordinator"),
    Key("initiatives.energy_recovery", 0.08, "Weekly recovery of a volunteer's energy.",
        0.0, 1.0, "per week"),
    Key("initiatives.engagement_gain", 0.01, "Weekly rise in a member's engagement.", 0.0,
        1.0, "per week", source="004-EP-sterkhouders"),
    Key("initiatives.mutual_help", 0.02, "Weekly drop of members' v and a through organised "
        "mutual help (lower barriers).", 0.0, 1.0, "per week", source="004-H3-publiekewaarden"),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("initiatives.no_funding_end_rate", 0.003, "Weekly chance an initiative without a grant "
        "ends for lack of money.", 0.0, 1.0, "per week"),
    Key("initiatives.strain", 0.2, "Energy lost per week per corvee hour per spare hour.",
        0.0, 5.0, "per week"),
    Key("initiatives.founder_share", 0.4, "Share of the corvee the founder (or coordinator) "
        "carries; the other members share the rest.", 0.0, 1.0, "share"),
    Key("initiatives.attendance", 0.7, "Weekly chance a member attends an activity (with a "
        "place, or when the activity needs none).", 0.0, 1.0, "per week"),
    Key("initiatives.takeover_per_year", 0.15, "Yearly chance a provider takes over a "
        "countable activity, at output pressure 1.", 0.0, 1.0, "per year"),
    Key("initiatives.application_weeks", 4, "Weeks a grant application takes (its load is "
        "spread over them).", 1, 52, "weeks"),
    Key("initiatives.engagement_fade", 0.005, "Weekly return of engagement toward one's own "
        "disposition outside initiatives.", 0.0, 1.0, "per week"),
    Key("initiatives.club_min_hours", 3.0, "Hours of a week of volunteering in a club, school "
        "or church at least (a training, a shift or a meeting).", 0.0, 40.0, "hours"),
    Key("initiatives.club_spare_share", 0.5, "Share of a week of volunteering in a club, "
        "school or church booked against that week's spare time (the rest lies outside the "
        "hours residents have for others). It limits only what comes later in the week: a "
        "zorgcooperatie's help among members (docs/ODD.md 7.5 item 1, 7.12).", 0.0, 1.0,
        "share"),
    Key("initiatives.kind_shares", [0.15, 0.25, 0.2, 0.25, 0.15], "Shares of the kinds of new "
        "initiatives: energy, care network, greening, meeting place, sharing.", 0.0, 1.0, "share",
        length=5, source="002-omvang"),
    Key("initiatives.kind_mutual_help", [0.5, 1.0, 0.5, 1.0, 0.7], "How much each kind "
        "organises mutual help (multiplies initiatives.mutual_help).", 0.0, 1.0, "factor", length=5,
        source="004-H3-publiekewaarden"),
    Key("initiatives.kind_needs_place", [False, True, False, True, False], "Whether each kind "
        "needs a place to meet (it ends after placeless_weeks without one).", length=5,
        source="004-H5-ruimtekoffie"),
    Key("initiatives.kind_countable", [False, True, False, True, False], "Whether a "
        "provider can count each kind's activities as its own output (and so take them "
        "over under output pressure).", length=5, source="003-concurrentieslag"),
    Key("initiatives.application_skill_offset", 1.5, "A grant application's load is "
        "application_hours * (this - the coordinator's paperwork skill).", 1.0, 5.0,
        source="004-H5-vergadertijgers"),
    Key("initiatives.grant_base_success", 0.8, "Chance an application succeeds on its merits, "
        "the part that does not depend on paperwork skill (grant_skill_weight).", 0.0, 1.0,
        source="004-H5-vergadertijgers"),
    Key("initiatives.coordinator_relief", 0.7, "Share of the corvee a paid coordinator takes "
        "over.", 0.0, 1.0, "share", source="004-H3-coordinator"),
    Key("initiatives.attendance_without_place", 0.2, "Weekly chance a member attends when the "
        "initiative needs a place and has none.", 0.0, 1.0, "per week"),
    Key("initiatives.attendance_unfunded", 0.7, "Attendance of an initiative without a grant, "
        "relative to a funded one.", 0.0, 1.0, "factor"),
    Key("initiatives.activity_contacts", 2.0, "Members each attending member talks to per "
        "activity.", 0.0, 20.0, "contacts"),
    Key("initiatives.activity_bridging", 0.5, "How much a joint activity lowers the threshold "
        "for contact across groups (as meeting.host_bridging at a place; age does not "
        "matter).", 0.0, 1.0, source="004-H5-onshuis"),
    Key("initiatives.dissolution_engagement", 0.7, "Members' engagement after their initiative "
        "ends, relative to before.", 0.0, 1.0, "factor"),
    Key("initiatives.burnout_engagement", 0.6, "Engagement after a burnout, relative to "
        "before.", 0.0, 1.0, "factor", source="003-corvee"),
    Key("initiatives.burnout_energy", 0.5, "Energy a burnt-out member restarts with.", 0.0,
        1.0, source="003-corvee"),
    Key("initiatives.grace_weeks", 26, "Weeks a new initiative has to reach min_members.",
        0, 520, "weeks"),
    Key("initiatives.placeless_weeks", 12, "Weeks an initiative that needs a place survives "
        "without one.", 0, 520, "weeks", source="004-H5-ruimtekoffie"),
    Key("initiatives.founding_invites", 6, "Strongest ties a founder invites to join.", 0, 64,
        "ties"),
    Key("initiatives.place_preference", 5.0, "How much nearer than other places a buurthuis "
        "or Huis van de Wijk counts when an initiative chooses its place.", 0.0, 100.0,
        "cells", source="004-H5-ruimtekoffie"),
    Key("initiatives.strain_min_hours", 0.5, "Spare hours a member counts with at least in "
        "the strain of the corvee (so those with none are not strained without limit).", 0.01,
        40.0, "hours/week", source="003-corvee"),
    Key("initiatives.initial_founder_noise", 0.2, "At the start, founders are the most engaged "
        "residents after adding uniform noise of this size to engagement.", 0.0, 1.0),
    Key("initiatives.initial_recruit_rounds", 26, "Recruitment rounds an initiative of the "
        "start has had (it stops early at initial_size_factor * min_members).", 0, 520, "rounds"),
    Key("initiatives.initial_size_factor", 2, "An initiative of the start recruits up to this "
        "many times min_members.", 1, 20, "factor"),
    Key("initiatives.initial_min_age_weeks", 26, "Youngest age of an initiative of the start "
        "(its founding week lies between min and max age before the build week).", 0, 5200,
        "weeks"),
    Key("initiatives.initial_max_age_weeks", 260, "Oldest age (exclusive) of an initiative of "
        "the start; must exceed initial_min_age_weeks.", 1, 5200, "weeks"),
)

section(
    "buurtrechten", "Buurtrechten (neighbourhood rights)", "The LSA's rights as municipal "
    "levers, each on or off (004 H3; 002 goal 3). They act only from week 0 and only through "
    "initiatives and burgercollectieven: with no initiative in the wijk, no right changes "
    "anything (docs/ODD.md 7.11).",
    Key("buurtrechten.buildings", False, "Right to buildings (community asset transfer, "
        "voorkeursrecht): an initiative may take over an open municipal buurthuis or Huis van "
        "de Wijk it meets at, and gets first refusal before one closes for budget reasons "
        "(today's reopening of closed places is places.community_rights).",
        source="004-H3-buurtrechten,002-buurtrechten"),
    Key("buurtrechten.buildings_members", 10, "Members an initiative needs to take over an "
        "open building (it turns into an enterprise, 004 l. 787).", 1, 100, "members",
        source="004-H3-buurtrechten"),
    Key("buurtrechten.buildings_bid_rate", 0.2, "Yearly chance that an initiative large "
        "enough bids for the open municipal place it meets at.", 0.0, 1.0, "per year",
        source="004-H3-buurtrechten,002-buurtrechten"),
    Key("buurtrechten.buildings_corvee_hours", 4.0, "Extra weekly corvee of running a "
        "building taken over under this right (long financial obligations, 004 l. 787).",
        0.0, 100.0, "hours/week", source="004-H3-buurtrechten,003-corvee"),
    Key("buurtrechten.challenge", False, "Right to challenge (uitdaagrecht; Community Right "
        "to Challenge in the Wmo since 2014): a mature burgercollectief bids to take over a "
        "public task with its budget (needs buurtrechten.challenge_task).",
        source="004-H3-buurtrechten,002-buurtrechten"),
    Key("buurtrechten.challenge_task", "none", "The task residents may challenge: running a "
        "buurthuis (its rent and host budget), part of the community work (opbouwwerk FTE) or "
        "a service (practical help, part of the hulpverlening FTE). Must be set when "
        "buurtrechten.challenge is on.",
        choices=("none", "buurthuis", "community_work", "service"),
        source="004-H3-buurtrechten"),
    Key("buurtrechten.challenge_maturity_years", 2, "Age a wijkcooperatie needs before it "
        "can bid (a track record: not every collective is yet able to take over tasks "
        "of market and government, 000 l. 131).", 0, 50, "years",
        source="000-randvoorwaarden"),
    Key("buurtrechten.challenge_min_members", 8, "Members a wijkcooperatie needs before it "
        "can bid ('een harde kern van onverschrokken doorzetters', 004 l. 779).", 1, 1000,
        "members", source="004-H3-buurtrechten"),
    Key("buurtrechten.challenge_success", 0.5, "Chance a yearly bid is accepted when the "
        "collective need not compete with companies and has full recognition.", 0.0, 1.0,
        "per year", source="002-buurtrechten,004-H3-buurtrechten"),
    Key("buurtrechten.compete_with_companies", 1.0, "How far the bid must compete fairly "
        "with the region's providers (002: 'eerlijk moeten concurreren'): the chance falls "
        "by this share times 1 - 1/funding.providers. 0 = communities exempt from "
        "competition.", 0.0, 1.0, "share", source="002-buurtrechten,000-concurrentiepositie"),
    Key("buurtrechten.challenge_task_share", 0.25, "Share of the municipal FTE of the task "
        "(opbouwwerk or hulpverlening) whose budget moves to the collective; a buurthuis "
        "moves with its whole rent and host budget.", 0.0, 1.0, "share",
        source="004-H3-buurtrechten,002-buurtrechten"),
    Key("buurtrechten.challenge_contract_years", 4, "Length of a task contract; then the "
        "collective bids again.", 1, 20, "years", source="002-buurtrechten"),
    Key("buurtrechten.challenge_capacity", 0.7, "Output of an hour of a resident the "
        "collective employs on the task relative to a professional's hour (the capacity "
        "risk).", 0.0, 1.0, "factor", source="004-H3-buurtrechten"),
    Key("buurtrechten.challenge_corvee_hours", 6.0, "Extra weekly corvee on the collective's "
        "members while it runs a task (the burn-out risk).", 0.0, 100.0, "hours/week",
        source="003-corvee"),
    Key("buurtrechten.resident_wage", 40000.0, "Yearly cost of a resident the collective "
        "employs on a task (the budget pays this many jobs).", 1000.0, 500000.0,
        "euro/year", source="003-wijkcooperatie,000-burgercollectieven"),
    Key("buurtrechten.service_help_hours", 2.0, "Hours of a task worker per act of "
        "practical help in the service task.", 0.1, 40.0, "hours", source="004-H3-buurtrechten"),
    Key("buurtrechten.wijkfonds", False, "Access to money (toegang tot geld): a wijkfonds "
        "under residents' control; a panel of residents decides each year which initiatives "
        "it funds (needs buurtrechten.wijkfonds_share).",
        source="004-H3-buurtrechten,004-H3-oostbegroot"),
    Key("buurtrechten.wijkfonds_share", 0.0, "Share of the residents'-organisation money "
        "(after coordinators) the municipality places in the wijkfonds instead of its own "
        "grant desk. Must be above 0 when buurtrechten.wijkfonds is on.", 0.0, 1.0, "share",
        source="004-H3-oostbegroot,003-hordenloop"),
    Key("buurtrechten.wijkfonds_voters_per_1000", 20.0, "Residents per 1000 on the yearly "
        "panel that allocates the wijkfonds.", 0.1, 1000.0, "per 1000 residents",
        source="004-H3-oostbegroot"),
    Key("buurtrechten.planning", False, "Right to neighbourhood planning (buurtplanning): "
        "residents' plan defends the places their initiatives meet at when the municipality "
        "closes places for budget, and puts a closed place that homeless initiatives need "
        "back on the agenda.", source="004-H3-buurtrechten"),
    Key("buurtrechten.planning_min_members", 5, "Members an initiative needs for its home "
        "place to count in the residents' plan.", 1, 1000, "members", source="004-H3-buurtrechten"),
)

section(
    "collectives", "Burgercollectieven", "Collectives that run things: wijkcooperatie / "
    "wijkbedrijf, energiecooperatie, zorgcooperatie (000, 001, 002, 003). List keys have one "
    "entry per kind in that order. They are founded only when collectives.enabled is on, "
    "from week 0 (docs/ODD.md 7.12).",
    Key("collectives.enabled", False, "Sterkhouders may found burgercollectieven of the "
        "three kinds.", source="000-burgercollectieven,003-wijkcooperatie"),
    Key("collectives.found_rate", [0.0003, 0.0003, 0.0003], "Weekly chance that a sterkhouder "
        "who meets the kind's founding condition founds one (wijkcooperatie: a place in "
        "reach; energiecooperatie: money to invest; zorgcooperatie: ties).", 0.0, 1.0,
        "per week", length=3, source="000-burgercollectieven"),
    Key("collectives.min_founding_ties", 4, "Good contacts a founder of a collective needs.",
        0, 24, "ties", source="000-burgercollectieven"),
    Key("collectives.leave_factor", 0.5, "A collective's members leave for ordinary reasons "
        "at this factor times initiatives.leave_rate (a formal membership, often a share or "
        "a fee, holds people longer than a loose initiative).", 0.0, 1.0, "factor",
        source="000-burgercollectieven"),
    Key("collectives.founding_members", 3, "Members a collective needs at its founding (the "
        "founder and the ties who join at once); with fewer it is not founded.", 1, 100,
        "members", source="000-burgercollectieven"),
    Key("collectives.recognition", 0.5, "Municipal recognition of collectives (001: "
        "'Erkenning van het belang van burgercollectieven'): founding and bids for tasks "
        "scale with collectives.recognition_base + recognition; members' trust in institutions rises with it.", 0.0,
        1.0, "level 0-1", source="001-erkenning"),
    Key("collectives.steady_support", 0.5, "Steady (multi-year) municipal support: the share "
        "of a collective's running costs the municipality carries. Lowers its corvee (see "
        "support_corvee_relief), "
        "lowers its grant-application load by this share and its chance to end for lack of "
        "funding.", 0.0, 1.0, "share",
        source="002-financiering"),
    Key("collectives.hurdles", 0.5, "Administrative hurdles (the 'hordenloop' of 003): extra "
        "corvee and fewer foundings.", 0.0, 1.0, "level 0-1", source="003-hordenloop,003-corvee"),
    Key("collectives.hurdle_corvee_hours", 6.0, "Extra weekly corvee of a collective at "
        "hurdles = 1.", 0.0, 100.0, "hours/week", source="003-hordenloop"),
    Key("collectives.recognition_base", 0.5, "Founding and bids for tasks scale with "
        "this + recognition (capped at 1 for bids): without any recognition a collective is "
        "founded and wins bids at this share of the full rate.", 0.0, 1.0, "share",
        source="001-erkenning,003-hordenloop"),
    Key("collectives.hurdle_founding_drop", 0.5, "How much hurdles lower the founding of "
        "collectives: times 1 - this * hurdles.", 0.0, 1.0, "share", source="003-hordenloop"),
    Key("collectives.support_corvee_relief", 0.5, "How much full steady support lowers a "
        "collective's own corvee: times 1 - this * steady_support.", 0.0, 1.0, "share",
        source="002-financiering"),
    Key("collectives.support_cost", 5000.0, "Yearly cost of steady support per collective "
        "at steady_support = 1, paid from the residents'-organisation money.", 0.0, 1e6,
        "euro/year", source="002-financiering"),
    Key("collectives.recognition_trust", 0.002, "Weekly rise of members' trust in "
        "institutions at full recognition: gain * recognition * (1 - trust).", 0.0, 1.0,
        "per week", source="001-erkenning,003-hordenloop"),
    Key("collectives.corvee_factor", [1.5, 1.2, 1.0], "A collective's corvee relative to "
        "initiatives.corvee_hours (a cooperative keeps accounts, members, permits).", 0.0,
        10.0, "factor", length=3, source="003-corvee"),
    Key("collectives.mutual_help", [0.7, 0.3, 1.5], "How much each kind organises mutual "
        "help, relative to initiatives.mutual_help.", 0.0, 10.0, "factor", length=3,
        source="000-zorgzaam,000-burgercollectieven"),
    Key("collectives.coop_jobs", 2, "Residents a wijkcooperatie (wijkbedrijf) employs from "
        "its own revenue, besides the jobs of a task it took over.", 0, 50, "jobs",
        source="000-burgercollectieven"),
    Key("collectives.job_need_relief", 0.05, "Weekly drop of an employed member's practical "
        "need (income, a daily structure).", 0.0, 1.0, "need units/week",
        source="003-wijkcooperatie"),
    Key("collectives.energy_investment", 1000.0, "What a member of an energiecooperatie "
        "invests.", 0.0, 100000.0, "euro", source="000-energie"),
    Key("collectives.energy_yield", 0.05, "Yearly yield on the members' investment that flows "
        "to the lokaal fonds.", 0.0, 0.5, "per year", source="000-energie"),
    Key("collectives.energy_invest_below", 0.5, "Residents with a vulnerability below this "
        "can invest (and so found or join an energiecooperatie).", 0.0, 1.0, "vulnerability 0-1",
        source="000-energie"),
    Key("collectives.energy_door_rate", 0.0002, "Weekly chance that a resident living near a "
        "member, of whatever group, joins an energiecooperatie (door-to-door, not through "
        "ties).", 0.0, 1.0, "per week", source="000-energie"),
    Key("collectives.energy_door_reach", 4.0, "Distance from a member's home within which "
        "the door-to-door recruitment works.", 0.0, 60.0, "cells", source="000-energie"),
    Key("collectives.energy_bridging", 0.6, "How far an energiecooperatie's activities set "
        "group homophily aside (members meet over a shared cause).", 0.0, 1.0, "share",
        source="000-energie"),
    Key("collectives.care_help_rate", 0.3, "Weekly chance that a member of a zorgcooperatie "
        "with an open problem is helped by a co-member with time (without having to ask).",
        0.0, 1.0, "per week", source="000-zorgzaam"),
    Key("collectives.care_v_drop", 0.01, "Weekly drop of the vraagverlegenheid of a "
        "zorgcooperatie's members (asking for help is what members do).", 0.0, 1.0, "per week",
        source="004-H4-vraagverlegenheid"),
)

section(
    "funding", "Funding regime", "How the social base is financed (docs/ODD.md 7.6). The regime "
    "only chooses which parameter set applies; the model sees generic funding terms.",
    Key("funding.regime", "tender", "tender = aanbesteden (periodic contracts); subsidy = "
        "meerjarige subsidiering (multi-year, area-based); populatiebesteding = a budget for "
        "the wijk's population, spent freely by one main provider that accounts for results.",
        choices=REGIMES, source="004-H8-geenmarkt,004-H5-populatie"),
    Key("funding.budget_per_resident", 160.0, "Yearly social base budget per resident "
        "(professionals, places, initiatives, overhead).", 0.0, 5000.0, "euro/year",
        status=ASSUMPTION),
    Key("funding.providers", 3, "Welfare providers in the region that can bid.", 1, 20, "providers",
        source="004-H8-geenmarkt"),
    Key("funding.switch_year", 0, "Year the municipality switches to another way of funding "
        "(0 = never). From the first week of that year the terms of funding.switch_to apply "
        "(its section below), in the same wijk: nothing before the switch changes.", 0, 100,
        "years", source="004-H1-utrecht"),
    Key("funding.switch_to", "subsidy", "The regime the wijk switches to in "
        "funding.switch_year (only used when that is set).", choices=REGIMES,
        source="004-H1-utrecht"),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("funding.renewal_horizon_weeks", 26, "Weeks before a renewal that may change the "
        "provider from which staff feel it looms (pre_tender_turnover applies).", 0, 520,
        "weeks", source="004-H3-discontinuiteit"),
)

section(
    "funding.tender", "Tendering (aanbesteden)", "Terms used when regime = 'tender'. "
    "Neutral values (contract_years >= run.years, overhead 0, output_pressure 0, "
    "staff_moves 1, pre_tender_turnover 0, and the subsidy's admin share and allocation) "
    "make it indistinguishable from subsidy.",
    Key("funding.tender.contract_years", 3, "Contract length.", 1, 100, "years",
        source="004-H1-utrecht"),
    Key("funding.tender.p_incumbent_loses", 0.5, "Chance the incumbent provider loses a "
        "re-tender.", 0.0, 1.0, "chance", source="004-H3-discontinuiteit,004-H8-nieuwkomer"),
    Key("funding.tender.staff_moves", 0.4, "Share of the losing provider's staff that moves "
        "to the new provider (keeping their wijkkennis and trust).", 0.0, 1.0, "share",
        source="004-H3-discontinuiteit,004-H8-nieuwkomer"),
    Key("funding.tender.transition_weeks", 26, "Weeks of reduced productivity after a "
        "provider change; cases of leavers wait half of it before re-assignment.", 0, 104,
        "weeks", source="004-H3-discontinuiteit,004-H8-nieuwkomer"),
    Key("funding.tender.transition_productivity", 0.75, "Productivity during the "
        "transition.", 0.0, 1.0, "factor"),
    Key("funding.tender.pre_tender_turnover", 0.2, "Extra yearly turnover in the last half "
        "year before a re-tender (staff leave an uncertain job).", 0.0, 1.0, "per year",
        source="004-H3-discontinuiteit,004-H8-nieuwkomer"),
    Key("funding.tender.overhead_share", 0.05, "Cost of one tender round ('vele tonnen' for lawyers, "
        "consultants, bid writing, both sides) as a share of a year's budget.", 0.0, 0.5, "share",
        source="004-H8-overhead"),
    Key("funding.tender.output_pressure", 0.5, "Pressure to show countable outputs: pushes "
        "professionals toward casework and providers toward taking over volunteer "
        "activities ('concurrentieslag').", 0.0, 1.0, "level 0-1", source="003-concurrentieslag"),
    Key("funding.tender.admin_share", 0.22, "Share of professional hours spent on "
        "accountability paperwork (output-oriented).", 0.0, 0.9,
        "share", source="004-H8-visitaties"),
    Key("funding.tender.resident_org_share", 0.03, "Share of budget for residents' "
        "organisations (initiative grants, coordinators).", 0.0, 0.8, "share",
        source="004-EP-wijkbudget"),
    Key("funding.tender.paid_coordinators", False, "Fund paid coordinators for "
        "initiatives.", source="004-H3-coordinator"),
    Key("funding.tender.grant_years", 1, "Length of an initiative's grant (1 = annual "
        "application rounds).", 1, 20, "years", source="004-H5-vergadertijgers"),
)

section(
    "funding.subsidy", "Multi-year subsidy (meerjarige subsidiering)", "Terms used when "
    "regime = 'subsidy'.",
    Key("funding.subsidy.period_years", 4, "Subsidy period; renewal keeps the same "
        "partnership.", 1, 100, "years", source="004-EP-wijkbudget"),
    Key("funding.subsidy.admin_share", 0.12, "Share of professional hours on accountability "
        "(learning-oriented: visitaties).", 0.0, 0.9, "share", source="004-H8-visitaties"),
    Key("funding.subsidy.resident_org_share", 0.1, "Share of budget for residents' "
        "organisations (trekkingsrechten, initiative grants, coordinators).", 0.0, 0.8, "share",
        source="004-EP-wijkbudget"),
    Key("funding.subsidy.paid_coordinators", True, "Fund paid coordinators for "
        "initiatives.", source="004-H3-coordinator"),
    Key("funding.subsidy.grant_years", 4, "Length of an initiative's grant.", 1, 20,
        "years", source="004-H3-coordinator"),
    Key("funding.subsidy.output_pressure", 0.0, "Pressure to show countable outputs.", 0.0,
        1.0, "level 0-1"),
)

section(
    "funding.populatiebesteding", "Populatiebesteding (population-based funding)", "Terms "
    "used when regime = 'populatiebesteding' (004 H5, after NDSD/KPMG/Plexus/HHM 2016): a "
    "fixed amount for the wijk's population, based on its zwaarte (here: its residents' mean "
    "vulnerability against the municipality's reference), spent by one main provider that is "
    "free to divide it over hulpverlening and opbouwwerk, works with subcontractors and "
    "accounts for agreed results rather than outputs. The contracting terms (period, chance "
    "the main provider changes, staff continuity) work as under the other regimes; with "
    "population_weight 0, no subcontractors, no spending freedom and no kept savings "
    "(and the subsidy's other terms) it is indistinguishable from subsidy. A scenario file "
    "with this regime must set population_weight and reference_vulnerability itself.",
    Key("funding.populatiebesteding.population_weight", 1.0, "How strongly the budget follows "
        "the wijk's zwaarte: budget = budget_per_resident x residents x (1 + weight x "
        "(zwaarte / reference_vulnerability - 1)), at least 0; zwaarte is the residents' mean "
        "vulnerability, measured each year. 0 = a flat amount per resident, 1 = proportional "
        "to zwaarte.", 0.0, 2.0, "factor", source="004-H5-populatie"),
    Key("funding.populatiebesteding.reference_vulnerability", 0.31, "The zwaarte of an "
        "average wijk of the municipality (mean resident vulnerability) at which the budget "
        "is budget_per_resident per resident. The default is the default wijk's own expected "
        "mean (0.25, +0.1 for the 40 % in other groups, +0.1 for the 20 % seniors), so the "
        "default wijk gets about the flat budget.", 0.01, 0.9, "vulnerability 0-1",
        source="004-H5-populatie"),
    Key("funding.populatiebesteding.period_years", 5, "Length of the populatiebesteding "
        "arrangement with the main provider (multi-year).", 1, 100, "years",
        source="004-H5-populatie,004-EP-tijdspanne"),
    Key("funding.populatiebesteding.p_provider_change", 0.0, "Chance another main provider "
        "takes over when the period ends (0 = the arrangement is renewed with the same "
        "one).", 0.0, 1.0, "chance", source="004-H5-populatie"),
    Key("funding.populatiebesteding.staff_moves", 1.0, "Share of staff that moves along when "
        "the main provider changes.", 0.0, 1.0, "share", source="004-H3-discontinuiteit"),
    Key("funding.populatiebesteding.transition_weeks", 26, "Weeks of reduced productivity "
        "after a change of main provider.", 0, 104, "weeks",
        source="004-H3-discontinuiteit"),
    Key("funding.populatiebesteding.transition_productivity", 0.75, "Productivity during "
        "that transition.", 0.0, 1.0, "factor", source="004-H5-populatie,004-H3-discontinuiteit"),
    Key("funding.populatiebesteding.pre_renewal_turnover", 0.0, "Extra yearly turnover in "
        "the half year before a renewal whose outcome is uncertain.", 0.0, 1.0, "per year",
        source="004-H3-discontinuiteit"),
    Key("funding.populatiebesteding.overhead_share", 0.0, "Cost of negotiating a new "
        "period, as a share of a year's budget.", 0.0, 0.5, "share",
        source="004-H5-populatie,004-H8-overhead"),
    Key("funding.populatiebesteding.subcontractors", 2, "Subcontractors working under the "
        "main provider (hoofd- en onderaannemerschap: how populatiebesteding was mostly "
        "applied).", 0, 20, "providers", source="004-H5-populatie"),
    Key("funding.populatiebesteding.coordination_share", 0.015, "Yearly cost of the "
        "financial and working arrangements between the main provider and one "
        "subcontractor, as a share of the year's budget ('meteen het lastigste onderdeel'); "
        "it comes off the money for staff and is booked as overhead.", 0.0, 0.2,
        "share/year per subcontractor",
        source="004-H5-populatie"),
    Key("funding.populatiebesteding.spending_freedom", 1.0, "How far the main provider may "
        "move staff money between hulpverlening and opbouwwerk (0 = the municipality's "
        "professionals.opbouwwerker_share binds, 1 = free up to "
        "prevention.max_opbouwwerker_share).", 0.0, 1.0, "level 0-1", source="004-H5-populatie"),
    Key("funding.populatiebesteding.savings_kept", 0.5, "Share of what prevention saves that "
        "the main provider keeps (the fixed amount is its own: what it does not need to "
        "spend on escalations it keeps). 0 = no stake in prevention.", 0.0, 1.0, "share",
        source="004-H5-populatie,004-H6-zolder"),
    Key("funding.populatiebesteding.output_pressure", 0.0, "Pressure to show countable "
        "outputs: accountability is on agreed results, not outputs.", 0.0, 1.0, "level 0-1",
        source="004-H5-populatie"),
    Key("funding.populatiebesteding.admin_share", 0.15, "Share of professional hours on "
        "accountability for the agreed results (main provider to the municipality, "
        "subcontractors to the main provider).", 0.0, 0.9, "share", source="004-H5-populatie"),
    Key("funding.populatiebesteding.resident_org_share", 0.03, "Share of budget for "
        "residents' organisations (the text names none for populatiebesteding: the status "
        "quo's).", 0.0, 0.8, "share", source="004-EP-wijkbudget"),
    Key("funding.populatiebesteding.paid_coordinators", False, "Fund paid coordinators for "
        "initiatives.", source="004-H3-coordinator"),
    Key("funding.populatiebesteding.grant_years", 1, "Length of an initiative's grant.", 1,
        20, "years", source="004-H5-vergadertijgers"),
)

section(
    "prevention", "Prevention by a provider that keeps its savings", "A main provider that "
    "may move money between hulpverlening and opbouwwerk and keeps a share of what it saves "
    "shifts staff toward opbouwwerk (prevention, collective work) in proportion to its stake: "
    "the care costs of last year's escalations it would share in (docs/ODD.md 7.6). Acts only "
    "when the funding terms give spending freedom and kept savings (populatiebesteding).",
    Key("prevention.response", 1.0, "Budget moved to opbouwwerk per euro of escalation cost "
        "the provider stands to keep: the opbouwwerker share rises by min(spending_freedom x "
        "(max_opbouwwerker_share - opbouwwerker_share), response x savings_kept x last year's "
        "escalation cost / the year's budget). 1 = it invests what it would keep.", 0.0, 20.0,
        "euro/euro", source="004-H5-populatie,004-H6-zolder"),
    Key("prevention.max_opbouwwerker_share", 0.5, "The largest opbouwwerker share a provider "
        "moves to (it keeps a wijkteam for casework).", 0.0, 1.0, "share",
        source="004-H4-rollen"),
)

section(
    "municipality", "Municipal policy and events", "BuurtTop, budget cuts, programmes, "
    "building sales (docs/ODD.md 7.7).",
    Key("municipality.buurttop_every_years", 0, "Hold a BuurtTop every N years (0 = "
        "never).", 0, 50, "years", source="004-H3-buurttop"),
    Key("municipality.buurttop_per_1000", 10.0, "BuurtTop participants per 1000 "
        "residents.", 0.0, 200.0, "per 1000 residents", source="004-H3-buurttop"),
    Key("municipality.buurttop_contacts", 5, "New acquaintances per participant, mostly "
        "across groups.", 0, 30, "contacts", source="004-H3-buurttop"),
    Key("municipality.budget_cut_year", 0, "Year a budget cut takes effect (0 = none).", 0,
        100, "years"),
    Key("municipality.budget_cut_share", 0.0, "Share of the budget cut.", 0.0, 0.9, "share"),
    Key("municipality.programme_share", 0.0, "Extra budget of an area programme "
        "(wijkenaanpak) as a share of the base budget, spent on opbouwwerk.", 0.0, 2.0, "share",
        source="004-H5-vogelaar"),
    Key("municipality.programme_stop_year", 0, "Year the area programme stops (0 = "
        "never).", 0, 100, "years", source="004-H5-vogelaar"),
    Key("municipality.sell_buurthuis_year", 0, "Year the municipality sells its buurthuis "
        "buildings (0 = never).", 0, 100, "years", source="004-H2-vastgoed"),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("municipality.places_max_share", 0.25, "Share of the year's budget places may take at "
        "most; the least visited close first.", 0.0, 1.0, "share"),
    Key("municipality.buurttop_week", 20, "Week of the year a BuurtTop is held.", 0, 51,
        "week"),
    Key("municipality.buurttop_tie_gain", 0.2, "Strength of the acquaintances a BuurtTop "
        "makes.", 0.0, 1.0),
    Key("municipality.buurttop_engagement_gain", 0.15, "Rise of participants' engagement: "
        "gain * (1 - engagement).", 0.0, 1.0),
    Key("municipality.buurttop_trust_gain", 0.1, "Rise of participants' trust in institutions: "
        "gain * (1 - trust).", 0.0, 1.0),
    Key("municipality.buurttop_v_drop", 0.05, "Drop of participants' vraagverlegenheid.",
        0.0, 1.0),
    Key("municipality.buurttop_found_chance", 0.15, "Chance a keen participant (a sterkhouder "
        "in no initiative) founds one.", 0.0, 1.0, "chance"),
    Key("municipality.buurttop_engagement_base", 0.2, "Who is drawn to a BuurtTop: weight "
        "(this + engagement) * (buurttop_v_base - v).", 0.0, 5.0, source="004-H3-buurttop"),
    Key("municipality.buurttop_bridging", 1.0, "How much a BuurtTop's set-up (mixed tables, a "
        "host) lowers the threshold for contact across groups (1 = no group preference).",
        0.0, 1.0, source="004-H3-buurttop"),
    Key("municipality.buurttop_v_base", 1.2, "See buurttop_engagement_base: the higher, the "
        "less vraagverlegenheid keeps people away.", 1.0, 10.0, source="004-H3-buurttop"),
)

section(
    "shocks", "Shocks", "Heat wave and crisis (docs/ODD.md 7.8).",
    Key("shocks.heatwave_year", 0, "Year of a heat wave (0 = none).", 0, 100, "years",
        source="004-IM-klinenberg"),
    Key("shocks.heatwave_week", 30, "Week of the year it starts.", 0, 51, "week"),
    Key("shocks.heatwave_weeks", 2, "Duration.", 1, 12, "weeks"),
    Key("shocks.heat_vulnerability", 0.3, "Seniors above this vulnerability are at risk.",
        0.0, 1.0, "vulnerability 0-1", source="004-IM-klinenberg"),
    Key("shocks.heat_check_rate", 0.5, "Weekly chance per unit tie strength that a tie "
        "checks on an at-risk resident.", 0.0, 1.0, "per week", source="004-IM-klinenberg"),
    Key("shocks.heat_harm_unchecked", 0.1, "Weekly chance of serious harm for an at-risk "
        "resident nobody checks on and with no cool place visited.", 0.0, 1.0, "per week"),
    Key("shocks.heat_harm_checked", 0.01, "Same, for someone checked on or at a place.",
        0.0, 1.0, "per week"),
    Key("shocks.crisis_year", 0, "Year a crisis (pandemic, refugees) starts (0 = none).", 0,
        100, "years", source="004-H2-crisis"),
    Key("shocks.crisis_week", 10, "Week of the year it starts.", 0, 51, "week"),
    Key("shocks.crisis_weeks", 26, "Duration.", 1, 520, "weeks"),
    Key("shocks.crisis_offer_boost", 0.6, "How much aanbodverlegenheid drops while the "
        "crisis lasts (share).", 0.0, 1.0, "share", source="004-H2-crisis"),
    Key("shocks.crisis_need_boost", 1.5, "Multiplier on need arrival during the crisis.",
        1.0, 10.0, "factor"),
    # numbers that lived in the model code until issue 12 (defaults unchanged)
    Key("shocks.heat_prof_call", 0.5, "Weekly chance that a professional an at-risk resident "
        "trusts (professionals.trusted_link) calls on them in a heat wave.", 0.0, 1.0, "per week",
        source="004-IM-klinenberg"),
    Key("shocks.heat_check_a_weight", 0.5, "How much aanbodverlegenheid keeps a tie from "
        "checking: times 1 - this * a.", 0.0, 1.0, source="004-IM-klinenberg"),
)

# Convenience views ---------------------------------------------------------------------------
KEYS: dict[str, Key] = {k.name: k for s in SECTIONS for k in s.keys}
SECTION_NAMES = {s.name for s in SECTIONS}
PLACE_KINDS = ("buurthuis", "library", "cafe", "playground", "huis_van_de_wijk")
AGE_CLASSES = ("youth", "adult", "senior")
NEED_KINDS = ("practical", "social", "complex")


def defaults() -> dict[str, Any]:
    """Flat dict of every key's default value."""
    return {name: (list(k.default) if isinstance(k.default, list) else k.default)
            for name, k in KEYS.items()}


# Exploratory modelling: which keys are uncertain assumptions and which are policy levers -----
# (read by wijksim.ema and the scenario-discovery experiment). An *uncertainty* is a modelling
# assumption nobody controls, given the range we consider plausible (narrower than the key's
# allowed range: the spread over which we doubt the value, as in experiments/sobol_main.toml);
# a *lever* is something a municipality decides, with the range of choices worth exploring.
# Ranges are (low, high) for numbers, a tuple of values for true/false and text keys.
UNCERTAINTIES: dict[str, tuple] = {
    "funding.tender.p_incumbent_loses": (0.2, 0.8),
    "funding.tender.staff_moves": (0.1, 0.8),
    "funding.tender.overhead_share": (0.01, 0.10),
    "professionals.wijkkennis_learning": (0.005, 0.03),
    "professionals.trust_loss_leaving": (0.0, 0.15),
    "help.v_after_help": (0.01, 0.1),
    "help.norm_drift": (0.0, 0.1),
    "initiatives.found_rate": (0.0001, 0.001),
    "initiatives.corvee_hours": (1.0, 10.0),
    # buurtrechten and burgercollectieven (docs/ODD.md 7.11-7.12): they act only where the
    # scenario turns a right or the collectives on
    "buurtrechten.challenge_capacity": (0.4, 1.0),
    "buurtrechten.challenge_corvee_hours": (0.0, 12.0),
    "collectives.care_help_rate": (0.0, 0.6),
    "collectives.hurdle_corvee_hours": (0.0, 12.0),
}
LEVERS: dict[str, tuple] = {
    "funding.budget_per_resident": (100.0, 250.0),
    "professionals.opbouwwerker_share": (0.1, 0.5),
    "funding.subsidy.resident_org_share": (0.03, 0.3),
    "funding.tender.contract_years": (1, 12),
    "netwerkberaad.enabled": (False, True),
    "buurtrechten.buildings": (False, True),
    "buurtrechten.planning": (False, True),
    "collectives.enabled": (False, True),
    "collectives.recognition": (0.0, 1.0),
    "collectives.steady_support": (0.0, 1.0),
    "collectives.hurdles": (0.0, 1.0),
}


# The regime mechanisms' plausible ranges (issue 13 item 5) --------------------------------
# Every parameter through which a funding regime acts (docs/ODD.md 7.6) or that sets how much a
# provider change costs the wijk, with the range we consider plausible and why. None of them
# has a measured value in the seed texts; the ranges bound what the texts and ordinary
# practice make believable. experiments/validation/sensitivity_regime.toml varies exactly these
# (a test checks they agree), and docs/scenario-keys.md lists them.
REGIME_RANGES: dict[str, tuple[float, float, str]] = {
    "funding.tender.p_incumbent_loses": (0.2, 0.8, "with 3 bidders an even chance would be "
        "2/3; incumbents usually have an edge, yet the seed texts report providers replaced "
        "at re-tenders (004-H3-discontinuiteit): anything from 1 in 5 to 4 in 5"),
    "funding.tender.staff_moves": (0.1, 0.8, "staff may follow the work to the winner "
        "(004-H8-nieuwkomer) but often do not (other jobs, other terms); neither none nor "
        "all is plausible"),
    "funding.tender.transition_weeks": (4, 52, "a hand-over takes at least a month; the seed "
        "texts describe a new provider needing up to a year to find its way "
        "(004-H8-nieuwkomer)"),
    "funding.tender.transition_productivity": (0.5, 0.95, "during the hand-over half to "
        "nearly all of the usual work gets done (assumption)"),
    "funding.tender.pre_tender_turnover": (0.0, 0.5, "extra yearly turnover in the uncertain "
        "half year before a re-tender: none, up to half again the usual 10 % "
        "(004-H3-discontinuiteit; assumption)"),
    "funding.tender.overhead_share": (0.01, 0.10, "'vele tonnen' for a tender round "
        "(004-H8-overhead) against a social-base budget of a few million a year"),
    "funding.tender.output_pressure": (0.1, 0.9, "output-oriented contracts push toward "
        "countable outputs (003-concurrentieslag); how hard is unknown"),
    "funding.tender.admin_share": (0.12, 0.35, "from the subsidy default (learning-oriented "
        "accountability) up to about a third of hours on registration, as professionals "
        "report under output contracts (004-H8-visitaties; assumption)"),
    "funding.subsidy.admin_share": (0.05, 0.20, "learning-oriented accountability "
        "(visitaties, 004-H8-visitaties): lighter than output reporting, but not free"),
    "funding.subsidy.resident_org_share": (0.03, 0.20, "from the tender default up to a "
        "fifth of the budget for residents' organisations and trekkingsrechten "
        "(004-EP-wijkbudget)"),
    "professionals.wijkkennis_learning": (0.005, 0.03, "a newcomer knows a quarter to four "
        "fifths of the wijk after a year (1 - (1 - rate)^52); the seed texts speak of years "
        "(004-H3-discontinuiteit, 004-H8-nieuwkomer)"),
    "professionals.new_hire_wijkkennis": (0.0, 0.3, "someone new to the wijk knows little of "
        "it; up to 0.3 for staff from a neighbouring wijk (assumption)"),
    "professionals.trust_loss_leaving": (0.0, 0.15, "losing your professional costs trust in "
        "institutions (004-H3-discontinuiteit); up to three times the default"),
    "professionals.trust_loss_waiting": (0.0, 0.015, "weekly loss while waiting: none, up to "
        "three times the default (assumption)"),
}
