"""The words of the researcher's report, in English and Dutch, and what each outcome means.

``T(key, lang)`` gives a report text; ``OUTCOME_INFO`` gives every reported outcome its
name, unit, one-line definition and the docs/ODD.md section whose mechanism produces it, so
the report can say what a number is and where to read how it comes about. The English report
glosses Dutch terms that are the concept's real name (vraagverlegenheid, wijkkennis, ...);
the Dutch report uses them as they are.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

LANGS = ("en", "nl")
GITHUB_ODD = "https://github.com/wijksim/wijksim/blob/main/docs/ODD.md"

# ODD section headings (as in docs/ODD.md; a test checks they exist there)
ODD = {
    "needs": "7.1 Needs arise, grow and escalate (`needs.py`, `[needs]`)",
    "meeting": "7.2 Meeting, places and ties (`meeting.py`, `places.py`, `ties.py`, "
               "`[meeting]`, `[places]`)",
    "help": "7.3 Asking and offering help (`helping.py`, `[help]`)",
    "professionals": "7.4 Professionals at work (`professionals.py`, `[professionals]`, "
                     "`[netwerkberaad]`)",
    "initiatives": "7.5 Citizen initiatives (`initiatives.py`, `[initiatives]`, `[places]`)",
    "funding": "7.6 Funding regime (`scenario/regimes.py`, `funding.py`, `[funding]`, "
               "`[funding.tender]`, `[funding.subsidy]`)",
    "municipality": "7.7 Municipality: budget, places and events (`municipality.py`, "
                    "`[municipality]`)",
    "shocks": "7.8 Shocks (`shocks.py`, `[shocks]`)",
    "outcomes": "7.10 Outcomes (`outcomes.py`)",
}


def slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def odd_link(section: str, folder: Path | None = None) -> str:
    """A link to an ODD section: relative to the report's folder in a source checkout (so it
    works offline), else the project's GitHub page."""
    anchor = "#" + slug(ODD[section])
    local = Path(__file__).resolve().parents[3] / "docs" / "ODD.md"
    if folder is not None and local.is_file():
        try:
            return os.path.relpath(local, Path(folder).resolve()) + anchor
        except ValueError:  # another drive (Windows)
            pass
    return GITHUB_ODD + anchor


@dataclass(frozen=True)
class OutcomeInfo:
    name_en: str
    name_nl: str
    unit_en: str
    unit_nl: str
    define_en: str
    define_nl: str
    section: str

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en

    def unit(self, lang: str) -> str:
        return self.unit_nl if lang == "nl" else self.unit_en

    def define(self, lang: str) -> str:
        return self.define_nl if lang == "nl" else self.define_en


_I = OutcomeInfo
OUTCOME_INFO: dict[str, OutcomeInfo] = {
    "cohesion": _I("Cohesion", "Samenhang", "tie strength per resident",
                   "sterkte van contacten per bewoner",
                   "Mean total strength of a resident's ties in the wijk (weighted degree).",
                   "Gemiddelde totale sterkte van de contacten van een bewoner in de wijk.",
                   "meeting"),
    "vraagverlegenheid": _I("Vraagverlegenheid (reluctance to ask for help)",
                            "Vraagverlegenheid", "0-1 scale", "schaal 0-1",
                            "Mean reluctance to ask anyone for help, 0 = asks easily, "
                            "1 = never asks.",
                            "Gemiddelde drempel om hulp te vragen, 0 = vraagt makkelijk, "
                            "1 = vraagt nooit.", "help"),
    "hidden_need_share": _I("Hidden need", "Verborgen nood", "% of residents",
                            "% van de bewoners",
                            "Share of residents with a problem nobody knows about (not told "
                            "to a tie or professional, not found by outreach).",
                            "Deel van de bewoners met een probleem waar niemand van weet "
                            "(niet verteld aan een contact of professional, niet gevonden "
                            "door outreach).", "needs"),
    "escalations": _I("Escalations to specialised care", "Escalaties naar specialistische zorg",
                      "per year", "per jaar",
                      "Problems that grew until specialised (second-line) care took over, "
                      "counted per year.",
                      "Problemen die zo groot werden dat specialistische (tweedelijns) zorg "
                      "het overnam, per jaar.", "needs"),
    "trust": _I("Trust in institutions", "Vertrouwen in instanties", "0-1 scale", "schaal 0-1",
                "Mean trust of residents in the municipality and social services.",
                "Gemiddeld vertrouwen van bewoners in gemeente en hulpverlening.",
                "professionals"),
    "wijkkennis": _I("Wijkkennis (professionals' knowledge of the wijk)", "Wijkkennis",
                     "0-1 scale", "schaal 0-1",
                     "How well the professionals know the people and networks of the wijk, "
                     "team mean; lost when staff leave.",
                     "Hoe goed de professionals de mensen en netwerken in de wijk kennen, "
                     "gemiddeld over het team; gaat verloren als mensen vertrekken.",
                     "professionals"),
    "lonely_share": _I("Loneliness", "Eenzaamheid", "% of adults and seniors",
                       "% van volwassenen en ouderen",
                       "Share of adults and seniors with fewer good contacts than "
                       "meeting.lonely_below (in the wijk and elsewhere).",
                       "Deel van de volwassenen en ouderen met minder goede contacten dan "
                       "meeting.lonely_below (in en buiten de wijk).", "meeting"),
    "initiatives": _I("Citizen initiatives (bewonersinitiatieven)", "Bewonersinitiatieven",
                      "alive", "actief",
                      "Citizen initiatives alive at the time (mean over the year).",
                      "Aantal bewonersinitiatieven dat bestaat (gemiddeld over het jaar).",
                      "initiatives"),
    "prof_trust": _I("Resident-professional trust", "Vertrouwen in professionals", "0-1 scale",
                     "schaal 0-1", "Mean trust between residents and professionals.",
                     "Gemiddeld vertrouwen tussen bewoners en professionals.",
                     "professionals"),
    "unmet_share": _I("Unmet need", "Onvervulde hulpvraag", "% of residents in need",
                      "% van bewoners met een probleem",
                      "Share of open problems without any help in the past 4 weeks.",
                      "Deel van de open problemen zonder hulp in de afgelopen 4 weken.",
                      "needs"),
    "volunteers": _I("Volunteers", "Vrijwilligers", "residents", "bewoners",
                     "Residents who are members of an initiative.",
                     "Bewoners die lid zijn van een initiatief.", "initiatives"),
    "spend_total": _I("Total spend on the social base", "Totale uitgaven sociale basis",
                      "euro per year", "euro per jaar",
                      "All spending on the social base: staff, places, initiatives, "
                      "tender or renewal rounds.",
                      "Alle uitgaven aan de sociale basis: personeel, plekken, initiatieven, "
                      "aanbestedings- of verlengingsrondes.", "funding"),
    "spend_overhead": _I("Tender overhead", "Kosten van aanbesteden", "euro per year",
                         "euro per jaar",
                         "Cost of tender rounds (or light renewal rounds under subsidy); "
                         "under populatiebesteding also the coordination between the main "
                         "provider and its subcontractors.",
                         "Kosten van aanbestedingsrondes (of lichte verlengingsrondes bij "
                         "subsidie); bij populatiebesteding ook de afstemming tussen "
                         "hoofdaanbieder en onderaannemers.", "funding"),
    "escalation_cost": _I("Cost of escalations", "Kosten van escalaties", "euro per year",
                          "euro per jaar",
                          "Cost of specialised care for the escalated problems (paid outside "
                          "the social-base budget).",
                          "Kosten van specialistische zorg voor de geëscaleerde problemen "
                          "(buiten het budget van de sociale basis).", "needs"),
    # -- the other outcomes of OUTCOMES (model/outcome_names.py), in its order -----------------
    "ties_per_resident": _I("Ties per resident", "Contacten per bewoner", "ties", "contacten",
                            "Mean number of ties per resident.",
                            "Gemiddeld aantal contacten per bewoner.", "meeting"),
    "good_ties": _I("Good contacts per resident", "Goede contacten per bewoner",
                    "good contacts", "goede contacten",
                    "Mean number of good contacts (ties at least meeting.good_tie strong).",
                    "Gemiddeld aantal goede contacten (contacten met een sterkte van ten "
                    "minste meeting.good_tie).", "meeting"),
    "share_connected": _I("Residents with enough good contacts",
                          "Bewoners met genoeg goede contacten", "% of residents",
                          "% van de bewoners",
                          "Share of residents with at least meeting.lonely_below good contacts "
                          "in the wijk.",
                          "Deel van de bewoners met ten minste meeting.lonely_below goede "
                          "contacten in de wijk.", "meeting"),
    "clustering": _I("Clustering of good contacts", "Clustering van goede contacten",
                     "0-1 scale", "schaal 0-1",
                     "Mean local clustering among good contacts (are my friends friends?), "
                     "estimated on a sample.",
                     "Gemiddelde lokale clustering van goede contacten (zijn mijn vrienden "
                     "onderling bevriend?), geschat op een steekproef.", "meeting"),
    "bridging_share": _I("Tie strength across groups", "Contactsterkte tussen groepen",
                         "% of tie strength", "% van de contactsterkte",
                         "Share of tie strength that crosses demographic groups.",
                         "Deel van de contactsterkte dat demografische groepen overbrugt.",
                         "meeting"),
    "neighbour_contact_weekly": _I("Weekly contact with neighbours",
                                   "Wekelijks contact met buren", "% of residents",
                                   "% van de bewoners",
                                   "Share of residents with contact this week with a tie living "
                                   "within wijk.neighbour_radius.",
                                   "Deel van de bewoners dat deze week contact had met een "
                                   "contact dat binnen wijk.neighbour_radius woont.", "meeting"),
    "aanbodverlegenheid": _I("Aanbodverlegenheid (reluctance to offer help)",
                             "Aanbodverlegenheid", "0-1 scale", "schaal 0-1",
                             "Mean reluctance to offer help (a), 0 = offers easily, "
                             "1 = never offers.",
                             "Gemiddelde drempel om hulp aan te bieden (a), 0 = biedt makkelijk "
                             "aan, 1 = biedt nooit aan.", "help"),
    "vraagverlegenheid_in_need": _I("Vraagverlegenheid of residents in need",
                                    "Vraagverlegenheid van bewoners met een probleem",
                                    "0-1 scale", "schaal 0-1",
                                    "Mean vraagverlegenheid (v) of residents with an open "
                                    "problem (where netwerkberaden and casework act).",
                                    "Gemiddelde vraagverlegenheid (v) van bewoners met een open "
                                    "probleem (waar netwerkberaden en casuswerk aangrijpen).",
                                    "help"),
    "need_prevalence": _I("Residents with a problem", "Bewoners met een probleem",
                          "% of residents", "% van de bewoners",
                          "Share of residents with a problem (those in specialised care "
                          "included).",
                          "Deel van de bewoners met een probleem (inclusief wie in "
                          "specialistische zorg is).", "needs"),
    "mean_need": _I("Severity of open problems", "Ernst van open problemen", "severity",
                    "ernst", "Mean severity of open problems.",
                    "Gemiddelde ernst van de open problemen.", "needs"),
    "waiting_list": _I("Waiting list", "Wachtlijst", "residents", "bewoners",
                       "Residents waiting for a professional.",
                       "Bewoners die op een professional wachten.", "professionals"),
    "in_care": _I("Residents in specialised care", "Bewoners in specialistische zorg",
                  "residents", "bewoners", "Residents in specialised (second-line) care.",
                  "Bewoners in specialistische (tweedelijns) zorg.", "needs"),
    "strongly_lonely_share": _I("Strong loneliness", "Sterke eenzaamheid",
                                "% of adults and seniors", "% van volwassenen en ouderen",
                                "Share of adults and seniors with fewer good contacts than "
                                "meeting.strongly_lonely_below.",
                                "Deel van de volwassenen en ouderen met minder goede contacten "
                                "dan meeting.strongly_lonely_below.", "meeting"),
    "lonely_senior_share": _I("Loneliness among seniors", "Eenzaamheid onder ouderen",
                              "% of seniors", "% van de ouderen",
                              "Share of seniors who are lonely.",
                              "Deel van de ouderen dat eenzaam is.", "meeting"),
    "lonely_senior_near_buurthuis": _I("Loneliness among seniors near a buurthuis",
                                       "Eenzaamheid onder ouderen bij een buurthuis",
                                       "% of seniors near a buurthuis",
                                       "% van de ouderen bij een buurthuis",
                                       "Share of seniors within walking reach of a buurthuis "
                                       "site (open or closed) who are lonely.",
                                       "Deel van de ouderen op loopafstand van een buurthuis "
                                       "(open of gesloten) dat eenzaam is.", "meeting"),
    "trusted_link_share": _I("Residents with a trusted professional",
                             "Bewoners met een vertrouwde professional", "% of residents",
                             "% van de bewoners",
                             "Share of residents who know and trust a professional (trust at "
                             "least professionals.trusted_link).",
                             "Deel van de bewoners dat een professional kent en vertrouwt "
                             "(vertrouwen van ten minste professionals.trusted_link).",
                             "professionals"),
    "tenure_years": _I("Professionals' years in the wijk", "Jaren van professionals in de wijk",
                       "years", "jaar",
                       "Mean years the professionals have worked in this wijk.",
                       "Gemiddeld aantal jaren dat de professionals in deze wijk werken.",
                       "professionals"),
    "professionals": _I("Professionals", "Professionals", "people", "personen",
                        "Professionals at work (people; part-timers count as one).",
                        "Professionals aan het werk (personen; deeltijders tellen als één).",
                        "professionals"),
    "opbouwwerkers": _I("Opbouwwerkers (community workers)", "Opbouwwerkers", "people",
                        "personen", "Opbouwwerkers (community workers) at work.",
                        "Opbouwwerkers aan het werk.", "professionals"),
    "caseload_saturation": _I("Caseload saturation", "Bezetting van de caseload",
                              "open cases / capacity", "open casussen / capaciteit",
                              "Open cases divided by the team's case capacity.",
                              "Open casussen gedeeld door de casuscapaciteit van het team.",
                              "professionals"),
    "beraad_skill": _I("Skill with netwerkberaden", "Vaardigheid met netwerkberaden",
                       "0-1 scale", "schaal 0-1",
                       "Mean skill of the professionals with netwerkberaden (network "
                       "meetings).",
                       "Gemiddelde vaardigheid van de professionals met netwerkberaden.",
                       "professionals"),
    "netwerkberaden": _I("Netwerkberaden (network meetings)", "Netwerkberaden", "per year",
                         "per jaar", "Netwerkberaden (network meetings) held, counted per "
                         "year.", "Gehouden netwerkberaden, per jaar.", "professionals"),
    "found_by_outreach": _I("Hidden problems found by outreach",
                            "Verborgen problemen gevonden door outreach", "per year",
                            "per jaar", "Hidden problems found by outreach, counted per year.",
                            "Verborgen problemen die door outreach gevonden zijn, per jaar.",
                            "professionals"),
    "provider_changes": _I("Provider changes", "Wisselingen van aanbieder", "per year",
                           "per jaar", "Provider changes (lost tenders), counted per year.",
                           "Wisselingen van aanbieder (verloren aanbestedingen), per jaar.",
                           "funding"),
    "staff_left": _I("Professionals who left", "Vertrokken professionals", "per year",
                     "per jaar", "Professionals who left the wijk, counted per year.",
                     "Professionals die uit de wijk vertrokken, per jaar.", "professionals"),
    "burnouts": _I("Volunteer burnouts", "Uitgevallen vrijwilligers", "per year", "per jaar",
                   "Initiative volunteers who burnt out, counted per year.",
                   "Vrijwilligers van initiatieven die opgebrand raakten, per jaar.",
                   "initiatives"),
    "open_places": _I("Open third places", "Open ontmoetingsplekken", "places", "plekken",
                      "Third places (meeting places) open.",
                      "Ontmoetingsplekken die open zijn.", "meeting"),
    "place_visits": _I("Visits to third places", "Bezoeken aan ontmoetingsplekken",
                       "visits per year", "bezoeken per jaar",
                       "Visits to third places, counted per year.",
                       "Bezoeken aan ontmoetingsplekken, per jaar.", "meeting"),
    "help_requests": _I("Requests for help to ties", "Hulpvragen aan contacten", "per year",
                        "per jaar", "Times residents asked a tie for help, counted per year.",
                        "Keren dat bewoners een contact om hulp vroegen, per jaar.", "help"),
    "help_offers": _I("Unasked offers of help", "Ongevraagd hulpaanbod", "per year",
                      "per jaar", "Times residents offered help unasked, counted per year.",
                      "Keren dat bewoners ongevraagd hulp aanboden, per jaar.", "help"),
    "informal_helps": _I("Informal help given", "Informele hulp gegeven", "per year",
                         "per jaar", "Times a resident was helped by a tie, counted per year.",
                         "Keren dat een bewoner door een contact geholpen werd, per jaar.",
                         "help"),
    "formal_requests": _I("Requests for help to professionals", "Hulpvragen aan professionals",
                          "per year", "per jaar",
                          "Residents who asked a professional for help, counted per year.",
                          "Bewoners die een professional om hulp vroegen, per jaar.", "help"),
    "volunteer_year_share": _I("Volunteered in the past year", "Vrijwilligerswerk in het "
                               "afgelopen jaar", "% of residents aged 15+",
                               "% van de bewoners van 15+",
                               "Share of residents aged 15+ who volunteered in the past 52 "
                               "weeks.",
                               "Deel van de bewoners van 15 jaar en ouder dat in de afgelopen "
                               "52 weken vrijwilligerswerk deed.", "initiatives"),
    "volunteer_4wk_share": _I("Volunteered in the past 4 weeks", "Vrijwilligerswerk in de "
                              "afgelopen 4 weken", "% of residents aged 15+",
                              "% van de bewoners van 15+",
                              "Share of residents aged 15+ who volunteered in the past 4 weeks.",
                              "Deel van de bewoners van 15 jaar en ouder dat in de afgelopen "
                              "4 weken vrijwilligerswerk deed.", "initiatives"),
    "volunteer_hours": _I("Volunteer hours", "Uren vrijwilligerswerk", "hours per week",
                          "uur per week",
                          "Mean weekly hours of those who volunteered that week.",
                          "Gemiddeld aantal uren per week van wie die week vrijwilligerswerk "
                          "deed.", "initiatives"),
    "informal_help_year_share": _I("Helped someone in the past year",
                                   "Iemand geholpen in het afgelopen jaar",
                                   "% of adults and seniors", "% van volwassenen en ouderen",
                                   "Share of adults and seniors who helped a tie in the past 52 "
                                   "weeks.",
                                   "Deel van de volwassenen en ouderen dat in de afgelopen 52 "
                                   "weken een contact hielp.", "help"),
    "heat_at_risk": _I("Seniors at risk in a heat wave", "Ouderen in gevaar bij hitte",
                       "per year", "per jaar",
                       "Vulnerable seniors at risk in a heat wave, counted per week and summed "
                       "over the year.",
                       "Kwetsbare ouderen in gevaar tijdens een hittegolf, geteld per week en "
                       "opgeteld over het jaar.", "shocks"),
    "heat_unreached": _I("Seniors at risk not reached", "Niet bereikte ouderen bij hitte",
                         "per year", "per jaar",
                         "Of the seniors at risk in a heat wave, those reached by no tie, place "
                         "or professional (summed over the year's weeks).",
                         "Van de ouderen in gevaar tijdens een hittegolf: wie door geen contact, "
                         "plek of professional bereikt werd (opgeteld over de weken van het "
                         "jaar).", "shocks"),
    "heat_harmed": _I("Seniors harmed by heat", "Ouderen geschaad door hitte", "per year",
                      "per jaar",
                      "Of the seniors at risk in a heat wave, those seriously harmed (summed "
                      "over the year's weeks).",
                      "Van de ouderen in gevaar tijdens een hittegolf: wie ernstige schade "
                      "opliep (opgeteld over de weken van het jaar).", "shocks"),
    "spend_casework": _I("Spend on casework", "Uitgaven aan casuswerk", "euro per year",
                         "euro per jaar", "Staff cost of casework hours.",
                         "Personeelskosten van uren casuswerk.", "funding"),
    "spend_community": _I("Spend on community work", "Uitgaven aan opbouwwerk",
                          "euro per year", "euro per jaar",
                          "Staff cost of community work hours (outreach, support, bridging, "
                          "netwerkberaden).",
                          "Personeelskosten van uren opbouwwerk (outreach, ondersteuning, "
                          "verbinden, netwerkberaden).", "funding"),
    "spend_admin": _I("Spend on paperwork", "Uitgaven aan verantwoording", "euro per year",
                      "euro per jaar", "Staff cost of accountability paperwork.",
                      "Personeelskosten van verantwoordingswerk (papierwerk).", "funding"),
    "spend_idle": _I("Spend on lost hours", "Uitgaven aan verloren uren", "euro per year",
                     "euro per jaar",
                     "Staff cost of hours lost in transitions or left unused.",
                     "Personeelskosten van uren die verloren gingen bij overgangen of "
                     "onbenut bleven.", "funding"),
    "spend_places": _I("Spend on places", "Uitgaven aan plekken", "euro per year",
                       "euro per jaar", "Rent, upkeep and hosts of places.",
                       "Huur, onderhoud en gastheren/gastvrouwen van plekken.", "funding"),
    "spend_initiatives": _I("Spend on initiatives", "Uitgaven aan initiatieven",
                            "euro per year", "euro per jaar",
                            "Initiative grants and paid coordinators.",
                            "Subsidies voor initiatieven en betaalde coördinatoren.",
                            "funding"),
    "budget_year": _I("Social-base budget", "Budget sociale basis", "euro per year",
                      "euro per jaar", "This year's social-base budget of the municipality.",
                      "Het budget van de gemeente voor de sociale basis in dit jaar.",
                      "municipality"),
}


def info(outcome: str) -> OutcomeInfo:
    from ..model.outcome_names import OUTCOMES

    if outcome in OUTCOME_INFO:
        return OUTCOME_INFO[outcome]
    text = OUTCOMES.get(outcome, outcome)
    name = outcome.replace("_", " ").capitalize()
    unit = "%" if outcome.endswith("_share") else ""
    return OutcomeInfo(name, name, unit, unit, text, text, "outcomes")


TEXT: dict[str, tuple[str, str]] = {  # key: (en, nl)
    "comparison": ("Comparison", "Vergelijking"),
    "sweep": ("Sweep", "Parameterstudie"),
    "bottom_line": ("Bottom line", "Conclusie"),
    "bottom_intro": (
        "Each scenario against the baseline **{base}**, last simulated year, paired by seed "
        "({n} seeds). *Material* means the 95 % interval excludes zero and the difference "
        "passes the threshold stated in advance (wijksim.analysis.materiality); *small*: real "
        "but below the threshold; *unclear*: the interval includes zero.",
        "Elk scenario tegenover de basislijn **{base}**, laatste gesimuleerde jaar, gepaard per "
        "seed ({n} seeds). *Materieel* betekent: het 95%-interval sluit nul uit en het verschil "
        "haalt de vooraf vastgelegde drempel (wijksim.analysis.materiality); *klein*: echt, "
        "maar onder de drempel; *onduidelijk*: het interval bevat nul."),
    "vs": ("{b} vs {a}", "{b} tegenover {a}"),
    "outcome": ("outcome", "uitkomst"),
    "baseline": ("baseline", "basislijn"),
    "difference": ("difference [95 %]", "verschil [95%]"),
    "relative": ("relative change [95 %]", "relatieve verandering [95%]"),
    "direction": ("better or worse", "beter of slechter"),
    "verdict": ("material?", "materieel?"),
    "threshold": ("threshold", "drempel"),
    "better": ("better", "beter"),
    "worse": ("worse", "slechter"),
    "same": ("no change", "geen verschil"),
    "material": ("material", "materieel"),
    "small": ("small", "klein"),
    "unclear": ("unclear", "onduidelijk"),
    "sum_material_better": ("materially better on {x}", "materieel beter op {x}"),
    "sum_material_worse": ("materially worse on {x}", "materieel slechter op {x}"),
    "sum_small": ("real but small differences on {x}", "echte maar kleine verschillen op {x}"),
    "sum_unclear": ("no clear difference on {x}", "geen duidelijk verschil op {x}"),
    "sum_none": ("no outcome passes its materiality threshold",
                 "geen enkele uitkomst haalt de drempel"),
    "sum_cost": ("it costs {x} per year {more_less} than {a}: {ci} (social base plus "
                 "escalations)",
                 "het kost {x} per jaar {more_less} dan {a}: {ci} (sociale basis plus "
                 "escalaties)"),
    "sum_cost_same": ("it costs the same as {a}", "het kost evenveel als {a}"),
    "sum_cost_unclear": ("no clear difference in total cost per year against {a}: {ci} "
                         "(social base plus escalations)",
                         "geen duidelijk verschil in totale kosten per jaar tegenover {a}: {ci} "
                         "(sociale basis plus escalaties)"),
    "cost_unclear": ("gain, but no clear cost difference", "winst, maar geen duidelijk "
                                                           "kostenverschil"),
    "more": ("more", "meer"),
    "less": ("less", "minder"),
    "costs": ("Costs", "Kosten"),
    "costs_intro": (
        "Mean per year over all {years} simulated years (tender rounds come every few years, "
        "so a single year would mislead), mean over seeds with 95 % interval. Total cost = "
        "social-base spend + cost of escalations to specialised care. Cost per resident = "
        "total cost / residents. Cost per unit of outcome gained = the extra total cost per "
        "year against the baseline divided by the gain in the outcome, for outcomes that are "
        "better and not unclear; a negative extra cost with a gain means the scenario is "
        "better *and* cheaper.",
        "Gemiddeld per jaar over alle {years} gesimuleerde jaren (aanbestedingen komen eens "
        "in de paar jaar, één jaar zou misleiden), gemiddeld over seeds met 95%-interval. "
        "Totale kosten = uitgaven sociale basis + kosten van escalaties naar specialistische "
        "zorg. Kosten per bewoner = totale kosten / bewoners. Kosten per eenheid winst = de "
        "extra totale kosten per jaar tegenover de basislijn gedeeld door de winst op de "
        "uitkomst, voor uitkomsten die beter zijn en niet onduidelijk; negatieve extra kosten "
        "met winst betekent: beter *en* goedkoper."),
    "scenario": ("scenario", "scenario"),
    "total_cost": ("Total cost (social base + escalations)",
                   "Totale kosten (sociale basis + escalaties)"),
    "per_resident": ("Total cost per resident", "Totale kosten per bewoner"),
    "extra_cost": ("Extra total cost vs {a}", "Extra totale kosten tegenover {a}"),
    "cost_per_unit": ("Cost per unit of outcome gained", "Kosten per eenheid winst"),
    "cost_per_unit_head": ("{b} vs {a}: euro per year per unit gained",
                           "{b} tegenover {a}: euro per jaar per eenheid winst"),
    "gain": ("gain [95 %]", "winst [95%]"),
    "per_unit": ("extra euro per year per unit", "extra euro per jaar per eenheid"),
    "dominant": ("better and cheaper", "beter en goedkoper"),
    "no_gain": ("no gain", "geen winst"),
    "definitions": ("What the outcomes mean", "Wat de uitkomsten betekenen"),
    "definitions_intro": ("One line each; the link goes to the mechanism in the model "
                          "description (docs/ODD.md), all definitions are in its section "
                          "7.10.",
                          "Eén regel per uitkomst; de link gaat naar het mechanisme in de "
                          "modelbeschrijving (docs/ODD.md), alle definities staan in sectie "
                          "7.10."),
    "unit": ("unit", "eenheid"),
    "definition": ("definition", "definitie"),
    "trajectories": ("Trajectories", "Verloop"),
    "trajectories_alt": ("trajectories per scenario with 95 % bands and events",
                         "verloop per scenario met 95%-banden en gebeurtenissen"),
    "events_note": (
        "Marks at the foot of each panel: events in the runs (every seed), one row per "
        "scenario: ▼ lost tender, × place closed, | professional left; dashed lines: shocks "
        "and municipal decisions (heat wave, crisis, budget cut, programme stop/start).",
        "Tekens onderaan elk paneel: gebeurtenissen in de runs (alle seeds), één rij per "
        "scenario: ▼ verloren aanbesteding, × plek gesloten, | professional vertrokken; "
        "stippellijnen: schokken en gemeentelijke besluiten (hittegolf, crisis, bezuiniging, "
        "programma stopt/start)."),
    "events_count": ("Events per run (mean over seeds)", "Gebeurtenissen per run (gemiddeld "
                                                          "over seeds)"),
    "end_values": ("End values (last year)", "Eindwaarden (laatste jaar)"),
    "paired": ("Paired differences (last year)", "Gepaarde verschillen (laatste jaar)"),
    "paired_alt": ("paired differences with 95 % intervals",
                   "gepaarde verschillen met 95%-intervallen"),
    "intervals": ("How the intervals are computed", "Hoe de intervallen berekend zijn"),
    "reading": (
        "Lines are the mean over seeds, shaded bands its 95 % interval. End values are the "
        "last simulated year: the mean over its 52 weeks (escalations: the year's total). "
        "Differences B − A are taken seed by seed (both scenarios ran with the same seed) and "
        "then averaged; a difference is **bold** when its interval excludes zero. Intervals "
        "say how precisely these seeds pin down the model's mean for these parameter values "
        "- not whether the parameter values are right (see a sensitivity analysis or the "
        "scenario discovery).",
        "Lijnen zijn het gemiddelde over seeds, gekleurde banden het 95%-interval daarvan. "
        "Eindwaarden zijn het laatste gesimuleerde jaar: het gemiddelde over de 52 weken "
        "(escalaties: het jaartotaal). Verschillen B − A worden per seed genomen (beide "
        "scenario's liepen met dezelfde seed) en dan gemiddeld; een verschil is **vet** als "
        "het interval nul uitsluit. Intervallen zeggen hoe nauwkeurig deze seeds het "
        "modelgemiddelde vastleggen voor deze parameterwaarden - niet of die waarden kloppen "
        "(zie een gevoeligheidsanalyse of de scenario discovery)."),
    "data": ("Data", "Gegevens"),
    "tables": ("Tables", "Tabellen"),
    "all_runs": ("All runs, week by week", "Alle runs, week voor week"),
    "missing": ("Missing runs", "Ontbrekende runs"),
    "missing_text": (
        "**Incomplete: {stored} of {planned} runs are stored.** Missing: {what}. Figures and "
        "tables below use only the seeds every scenario has ({common}), so no scenario is "
        "compared on other seeds than another. Finish with `wijksim ... --resume`.",
        "**Onvolledig: {stored} van de {planned} runs zijn opgeslagen.** Ontbreekt: {what}. "
        "Figuren en tabellen hieronder gebruiken alleen de seeds die elk scenario heeft "
        "({common}), zodat geen scenario op andere seeds wordt vergeleken. Maak af met "
        "`wijksim ... --resume`."),
    "missing_none": (
        "**Incomplete: {stored} of {planned} runs are stored.** Missing: {what}. No seed has "
        "runs of every scenario, so nothing is compared: finish with `wijksim ... --resume`.",
        "**Onvolledig: {stored} van de {planned} runs zijn opgeslagen.** Ontbreekt: {what}. "
        "Geen seed heeft runs van elk scenario, dus er wordt niets vergeleken: maak af met "
        "`wijksim ... --resume`."),
    "sweep_missing": (
        "**Incomplete: {stored} of {planned} runs are stored.** Missing (scenario, point, "
        "seed): {what}. Design points with a missing seed are left out of the figures and "
        "tables below ({left} of them), so no point's mean rests on other seeds than the "
        "rest. Finish with `wijksim sweep ... --resume`.",
        "**Onvolledig: {stored} van de {planned} runs zijn opgeslagen.** Ontbreekt (scenario, "
        "punt, seed): {what}. Ontwerppunten met een ontbrekende seed blijven buiten de "
        "figuren en tabellen hieronder ({left} punten), zodat geen gemiddelde op andere seeds "
        "rust dan de rest. Maak af met `wijksim sweep ... --resume`."),
    "seeds_of": ("{label}: seeds {seeds}", "{label}: seeds {seeds}"),
    "design": ("Design", "Opzet"),
    "sensitivity": ("Sensitivity", "Gevoeligheid"),
    "response": ("Response", "Respons"),
    "year": ("year", "jaar"),
    # sweeps (parameter studies) and sensitivity analysis
    "grid": ("full grid", "volledig rooster"),
    "lhs": ("Latin hypercube, N = {n}", "Latin hypercube, N = {n}"),
    "sobol": ("Sobol (Saltelli) sample, N = {n}", "Sobol-steekproef (Saltelli), N = {n}"),
    "morris": ("Morris, {n} trajectories, {levels} levels",
               "Morris, {n} trajecten, {levels} niveaus"),
    "sampler": (" (SALib, seed {seed})", " (SALib, seed {seed})"),
    "design_line": ("{design}{sampler}, {points} points.",
                    "{design}{sampler}, {points} punten."),
    "varied_key": ("varied key", "gevarieerde sleutel"),
    "values": ("values", "waarden"),
    "range_to": ("{low} to {high}", "{low} tot {high}"),
    "in_steps": (" in {steps} steps", " in {steps} stappen"),
    "indices_need_all": ("Sensitivity indices need every design point: finish the sweep with "
                         "`wijksim sweep ... --resume`.",
                         "Gevoeligheidsindices hebben elk ontwerppunt nodig: maak de "
                         "parameterstudie af met `wijksim sweep ... --resume`."),
    "response_title": ("Last-year values against {name}", "Waarden in het laatste jaar tegen "
                                                           "{name}"),
    "response_alt": ("response to {name}", "respons op {name}"),
    "indices_alt": ("sensitivity indices, {scen}", "gevoeligheidsindices, {scen}"),
    "sweep_reading": ("End values are the last simulated year (mean over its 52 weeks; for "
                      "escalations the year's total), averaged over seeds with 95% intervals.",
                      "Eindwaarden zijn het laatste gesimuleerde jaar (gemiddelde over de 52 "
                      "weken; escalaties: het jaartotaal), gemiddeld over seeds met "
                      "95%-intervallen."),
    "sobol_title": ("Sobol indices of the last-year values",
                    "Sobol-indices van de waarden in het laatste jaar"),
    "morris_title": ("Morris screening of the last-year values",
                     "Morris-screening van de waarden in het laatste jaar"),
    "indices_base": ("Model output analysed per design point: the mean over its {n} seed(s) "
                     "(the same seeds at every point) of the last-year value. ",
                     "Modeluitkomst per ontwerppunt: het gemiddelde over de {n} seed(s) "
                     "(dezelfde seeds in elk punt) van de waarde in het laatste jaar. "),
    "indices_sobol": ("S1: share of the output's variance due to the key alone; ST: including "
                      "its interactions with the others. Intervals are SALib's bootstrap 95% "
                      "intervals; wide intervals call for a larger N.",
                      "S1: deel van de variantie van de uitkomst dat door de sleutel alleen "
                      "komt; ST: inclusief de wisselwerking met de andere. De intervallen zijn "
                      "de bootstrap-95%-intervallen van SALib; brede intervallen vragen om een "
                      "grotere N."),
    "indices_morris": ("mu*: mean absolute elementary effect of moving the key one step (in "
                       "the outcome's units); sigma: its spread (non-linearity or "
                       "interactions).",
                       "mu*: gemiddeld absoluut elementair effect van één stap van de sleutel "
                       "(in de eenheid van de uitkomst); sigma: de spreiding daarvan "
                       "(niet-lineariteit of wisselwerking)."),
    "s1_head": ("S1 (first-order) [95%]", "S1 (eerste orde) [95%]"),
    "st_head": ("ST (total) [95%]", "ST (totaal) [95%]"),
    "mu_head": ("mu* [95%]", "mu* [95%]"),
    "key": ("key", "sleutel"),
    "reference_row": ("(reference)", "(referentie)"),
    "load_runs": ("`wijksim.experiments.load_results(\"{folder}\")`, or the Parquet files "
                  "directly (`{folder}/ticks/*.parquet`, `{folder}/runs/*.parquet`) with pandas "
                  "or DuckDB; see experiments/load_results.py and docs/examples/.",
                  "`wijksim.experiments.load_results(\"{folder}\")`, of de Parquet-bestanden "
                  "zelf (`{folder}/ticks/*.parquet`, `{folder}/runs/*.parquet`) met pandas of "
                  "DuckDB; zie experiments/load_results.py en docs/examples/."),
    # figures
    "fig_year": ("year", "jaar"),
    "fig_response_legend": ("last-year value, mean and 95% interval",
                            "waarde laatste jaar, gemiddelde en 95%-interval"),
    "fig_reference": ("{lab} (reference)", "{lab} (referentie)"),
    "fig_s1": ("first-order S1 (the key alone)", "eerste orde S1 (de sleutel alleen)"),
    "fig_st": ("total ST (with interactions)", "totaal ST (met wisselwerking)"),
    "fig_mu": ("mu* (mean absolute effect)", "mu* (gemiddeld absoluut effect)"),
    "fig_interval": ("95% interval", "95%-interval"),
    "fig_clipped": ("some intervals run past the axis:\nmore samples (N) would narrow them",
                    "sommige intervallen lopen buiten de as:\nmeer steekproeven (N) maken "
                    "ze smaller"),
    "fig_place_closed": ("place closed", "plek gesloten"),
    "fig_escalation_rate": ("per year, 13-week moving rate", "per jaar, voortschrijdend over "
                                                              "13 weken"),
    "lang_note": ("Dutch terms, kept because they are the concepts' real names: *wijk* = "
                  "neighbourhood; *aanbesteden* = tendering; *meerjarige subsidie* = multi-year "
                  "subsidy; *vraagverlegenheid* = reluctance to ask for help; *wijkkennis* = "
                  "professionals' knowledge of the wijk; *bewonersinitiatief* = citizen "
                  "initiative; *opbouwwerker* = community worker. `--lang nl` gives this "
                  "report in Dutch.",
                  "Dit rapport is in het Nederlands; `--lang en` geeft het in het Engels."),
}


def T(key: str, lang: str = "en", **kw) -> str:
    en, nl = TEXT[key]
    text = nl if lang == "nl" else en
    return text.format(**kw) if kw else text


def dutch_numbers(text: str, lang: str) -> str:
    """Dutch number style: decimal comma, point for thousands, ';' between interval ends."""
    if lang != "nl":
        return text
    return text.replace(", ", "; ").translate(str.maketrans({".": ",", ",": "."}))
