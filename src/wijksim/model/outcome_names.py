"""The recorded outcomes by name, each with what it measures (docs/ODD.md 7.10).

A module of its own, importing nothing: the app, the docs, the experiment files' checks and
the report's figure labels read this table, and a sweep's main process (which only hands runs
to its workers and writes the report) should not have to import Mesa and Numba to do so.
"""

from __future__ import annotations

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
