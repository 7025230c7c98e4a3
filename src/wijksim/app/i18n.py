"""Every user-facing text of the app, in Dutch (nl) and English (en).

``TEXT[key] = (nl, en)``. Use :func:`t`: ``t("play", "nl")``; placeholders are filled with
``str.format`` keywords. Labels say in plain words what a number means, for workshop
participants who have never seen the model. Numbers are formatted with :func:`num` and
:func:`pct` (a decimal comma in Dutch).

Event texts come from the model in English; :func:`event_text` translates the known ones and
falls back to the model's text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import levers as lv

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"

TEXT: dict[str, tuple[str, str]] = {
    # -- page ------------------------------------------------------------------------------
    "title": ("wijksim — een wijk als sociaal ecosysteem",
              "wijksim — a neighbourhood as a social ecosystem"),
    "intro": ("Elke stip is een bewoner. Kies links een scenario en draai aan de knoppen van "
              "het beleid; druk op Afspelen en kijk wat een manier van financieren met de wijk "
              "doet. Eén stap is één week.",
              "Every dot is a resident. Pick a scenario on the left and turn the policy "
              "knobs; press Play and watch what a way of funding does to the wijk. One step is "
              "one week."),
    "language": ("Taal", "Language"),
    "compare": ("Vergelijk: aanbesteden naast subsidie", "Compare: tendering next to subsidy"),
    "compare_help": ("Twee dezelfde wijken (zelfde bewoners, zelfde toeval) naast elkaar: links "
                     "aanbesteden, rechts meerjarige subsidie. Ze lopen samen op.",
                     "Two identical wijks (same residents, same luck) side by side: tendering "
                     "on the left, multi-year subsidy on the right. They step together."),
    # -- controls --------------------------------------------------------------------------
    "play": ("Afspelen", "Play"),
    "pause": ("Pauze", "Pause"),
    "step": ("Stap", "Step"),
    "step_help": ("Eén week verder", "One week ahead"),
    "reset": ("Opnieuw", "Reset"),
    "reset_help": ("Terug naar week 0 (zelfde bewoners, zelfde toeval)",
                   "Back to week 0 (same residents, same luck)"),
    "speed": ("Snelheid (weken per seconde)", "Speed (weeks per second)"),
    "week_counter": ("Week {week}", "Week {week}"),
    "year_of": ("jaar {year} van {years}", "year {year} of {years}"),
    "finished": ("Einde van de looptijd bereikt. Druk op Opnieuw om opnieuw te beginnen.",
                 "The end of the run is reached. Press Reset to start again."),
    "colour_by": ("Kleur bewoners naar", "Colour residents by"),
    "building": ("De wijk wordt opgebouwd…", "Building the wijk…"),
    "building_help": ("Bewoners, contacten, plekken en team worden gemaakt, en de wijk loopt "
                      "{burn} weken in.",
                      "Residents, ties, places and the team are made, and the wijk runs in for "
                      "{burn} weeks."),
    # -- sidebar ---------------------------------------------------------------------------
    "scenario": ("Scenario", "Scenario"),
    "scenario_own": ("eigen bestand", "own file"),
    "own_file": ("Eigen scenariobestand (pad naar .toml)", "Own scenario file (path to .toml)"),
    "own_file_hint": ("Bijvoorbeeld gemaakt met: wijksim new mijn_wijk --from tender_3y",
                      "For example made with: wijksim new my_wijk --from tender_3y"),
    "load": ("Laden", "Load"),
    "levers": ("Beleidsknoppen", "Policy levers"),
    "levers_note": ("Een knop verzetten begint de wijk opnieuw in week 0, met dezelfde bewoners "
                    "en hetzelfde toeval (zelfde seed). Alleen 'plek nu sluiten' werkt direct, "
                    "terwijl de wijk doorloopt.",
                    "Moving a lever starts the wijk again at week 0, with the same residents and "
                    "the same luck (same seed). Only 'close a place now' acts at once, while the "
                    "wijk runs on."),
    "group_funding": ("Financiering", "Funding"),
    "group_team": ("Het team", "The team"),
    "group_places": ("Plekken", "Places"),
    "group_rights": ("Buurtrechten", "Neighbourhood rights (buurtrechten)"),
    "group_collectives": ("Burgercollectieven", "Citizen collectives (burgercollectieven)"),
    "only_tender": ("geldt alleen bij aanbesteden", "only applies to tendering"),
    "only_populatiebesteding": ("geldt alleen bij populatiebesteding",
                                "only applies to populatiebesteding"),
    "regime": ("Manier van financieren", "Way of funding"),
    "regime_tender": ("Aanbesteden", "Tendering"),
    "regime_subsidy": ("Meerjarige subsidie", "Multi-year subsidy"),
    "regime_populatiebesteding": ("Populatiebesteding", "Population-based funding"),
    "regime_tender_long": ("Aanbesteden: om de paar jaar een nieuwe aanbesteding",
                           "Tendering (aanbesteden): a new tender every few years"),
    "regime_subsidy_long": ("Meerjarige subsidie: een vaste partner, gebiedsgericht",
                            "Multi-year subsidy: a stable partner, area-based"),
    "regime_populatiebesteding_long": (
        "Populatiebesteding: een budget naar de bevolking, één hoofdaanbieder die vrij besteedt",
        "Population-based funding (populatiebesteding): a budget for the population, one main "
        "provider free to spend it"),
    "seed": ("Seed (toeval)", "Seed (luck)"),
    "seed_help": ("Een ander getal geeft een andere wijk met ander toeval.",
                  "Another number gives another wijk with other luck."),
    "close_now": ("Plek nu sluiten", "Close a place now"),
    "close_now_help": ("Sluit de plek deze week, in elke wijk op de pagina; de wijk loopt door.",
                       "Closes the place this week, in every wijk on the page; it runs on."),
    "close_button": ("Sluit {place}", "Close {place}"),
    "closed_by_workshop": ("gesloten in de workshop", "closed in the workshop"),
    "no_open_places": ("Er zijn geen open plekken meer.", "No places are open any more."),
    # -- errors ----------------------------------------------------------------------------
    "scenario_problem": ("Dit scenario kan niet geladen worden. Wat er mis is:",
                         "This scenario cannot be loaded. What is wrong:"),
    "scenario_fix": ("Pas het bestand aan en druk op Opnieuw laden (of sleep of plak het "
                     "opnieuw), of kies een ander scenario. De vorige wijk blijft staan.",
                     "Fix the file and press Load again (or drop or paste it again), or pick "
                     "another scenario. The previous wijk stays on the page."),
    "combo_problem": ("Deze combinatie van knoppen kan het model niet doorrekenen:",
                      "The model cannot run this combination of levers:"),
    "combo_fix": ("Zet een knop terug, of kies een ander scenario. De vorige wijk blijft staan.",
                  "Move a lever back, or pick another scenario. The previous wijk stays on the "
                  "page."),
    "model_failed": ("Het model liep vast in week {week}: {error}. Druk op Opnieuw, of verzet "
                     "een knop.",
                     "The model got stuck in week {week}: {error}. Press Reset, or move a "
                     "lever."),
    "no_file": ("Geef eerst het pad naar een .toml-bestand.",
                "First give the path to a .toml file."),
    # -- map -------------------------------------------------------------------------------
    "map_of": ("Kaart van de wijk", "Map of the wijk"),
    "residents_n": ("{n} bewoners", "{n} residents"),
    "recent_events": ("Net gebeurd", "Just happened"),
    "no_events": ("Nog niets bijzonders gebeurd.", "Nothing special has happened yet."),
    "place_open": ("open", "open"),
    "place_closed": ("dicht", "closed"),
    "visitors_week": ("{n} bezoeken deze week", "{n} visits this week"),
    "reach": ("loopafstand {m} m", "walking reach {m} m"),
    "prof_tip": ("{role} bij {provider}: wijkkennis {wk}, {years} jaar in de wijk, {n} bewoners "
                 "kennen en vertrouwen deze professional",
                 "{role} with {provider}: wijkkennis {wk}, {years} years in the wijk, "
                 "{n} residents know and trust this professional"),
    "legend_places": ("Plekken (grootte = bezoekers deze week)",
                      "Places (size = visits this week)"),
    "legend_profs": ("Professionals (staan waar hun bewoners wonen)",
                     "Professionals (placed where their residents live)"),
    "hulpverlener": ("Hulpverlener", "Caseworker (hulpverlener)"),
    "opbouwwerker": ("Opbouwwerker", "Community worker (opbouwwerker)"),
    "settings_now": ("Deze wijk draait met", "This wijk runs with"),
    # colour-by options and their legends
    "by_vraagverlegenheid": ("Vraagverlegenheid", "Reluctance to ask for help"),
    "by_vraagverlegenheid_legend": ("Hoe moeilijk vindt iemand het om hulp te vragen?",
                                    "How hard is it for someone to ask for help?"),
    "v_low": ("vraagt makkelijk", "asks easily"),
    "v_high": ("vraagt nooit", "never asks"),
    "by_ties": ("Goede contacten", "Good contacts"),
    "by_ties_legend": ("Hoeveel goede contacten heeft iemand in de wijk?",
                       "How many good contacts does someone have in the wijk?"),
    "ties_0": ("geen", "none"),
    "ties_1": ("1–2", "1–2"),
    "ties_3": ("3–5", "3–5"),
    "ties_6": ("6 of meer", "6 or more"),
    "by_need": ("Problemen", "Problems"),
    "by_need_legend": ("Heeft iemand een probleem (schulden, zorg, eenzaamheid), en weet iemand "
                       "ervan?",
                       "Does someone have a problem (debts, care, isolation), and does anyone "
                       "know?"),
    "need_none": ("geen probleem", "no problem"),
    "need_hidden": ("verborgen: niemand weet ervan", "hidden: nobody knows"),
    "need_waiting": ("wacht op een professional", "waiting for a professional"),
    "need_case": ("geholpen door een professional", "helped by a professional"),
    "need_in_care": ("in dure specialistische zorg", "in costly specialised care"),
    "by_lonely": ("Eenzaamheid", "Loneliness"),
    "by_lonely_legend": ("Eenzaam = minder dan {k} goede contacten (volwassenen en ouderen).",
                         "Lonely = fewer than {k} good contacts (adults and seniors)."),
    "lonely_yes": ("eenzaam", "lonely"),
    "lonely_no": ("niet eenzaam", "not lonely"),
    "lonely_youth": ("jongere (niet geteld)", "young person (not counted)"),
    # -- timeline and charts ---------------------------------------------------------------
    "timeline": ("Tijdlijn", "Timeline"),
    "years_axis": ("jaar", "year"),
    "charts": ("Hoe gaat het met de wijk?", "How is the wijk doing?"),
    "chart_note": ("Lijnen lopen mee met de tijd; de verticale streepjes zijn gebeurtenissen "
                   "(ga erop staan met de muis voor uitleg).",
                   "Lines grow as time passes; the vertical marks are events (hover over them "
                   "for an explanation)."),
    "better_up": ("hoger is beter", "higher is better"),
    "better_down": ("lager is beter", "lower is better"),
    # -- about panels ----------------------------------------------------------------------
    "about": ("Wat zie ik hier?", "What am I looking at?"),
    "about_map": (
        "Een vogelvlucht over de wijk: elk vakje is 50 bij 50 meter; groene vakjes zijn parken "
        "en straten zonder huizen. Elke stip is een bewoner, gekleurd naar wat je boven de kaart "
        "kiest. De gekleurde vierkantjes zijn ontmoetingsplekken (buurthuis, bibliotheek, café, "
        "speeltuin, Huis van de Wijk); hoe groter, hoe meer bezoek deze week. Een grijs "
        "vierkantje met een kruis is dicht. De ruitjes zijn de sociaal professionals: een "
        "ruitje staat waar de bewoners wonen die deze professional kennen en vertrouwen; een "
        "nieuwe professional kent nog niemand en staat bij het buurthuis. Ga met de muis op een "
        "plek of ruitje staan voor details.",
        "A bird's-eye view of the wijk: each square is 50 by 50 metres; green squares are parks "
        "and streets without homes. Every dot is a resident, coloured by what you choose above "
        "the map. The coloured squares are meeting places (community centre, library, café, "
        "playground, Huis van de Wijk); the bigger, the more visits this week. A grey square "
        "with a cross is closed. The diamonds are the social professionals: a diamond sits "
        "where the residents live who know and trust that professional; a new professional "
        "knows nobody yet and stands at the community centre. Hover over a place or diamond "
        "for details."),
    "about_timeline": (
        "De tijdlijn loopt over de hele looptijd. Het gevulde deel is de tijd die al voorbij "
        "is. De tekens zijn gebeurtenissen: een verloren aanbesteding (rood), een verlengde "
        "subsidie (groen), een plek die sluit, een bezuiniging, een hittegolf, een BuurtTop. "
        "Kleine grijze streepjes onderaan zijn bewonersinitiatieven die stoppen.",
        "The timeline spans the whole run. The filled part is time already passed. The marks "
        "are events: a lost tender (red), a renewed subsidy (green), a place closing, a budget "
        "cut, a heat wave, a BuurtTop. Small grey ticks at the bottom are citizen initiatives "
        "that end."),
    "about_charts": (
        "Zes maten voor hoe het met de wijk gaat, week voor week. In de vergelijkmodus staan "
        "beide wijken in dezelfde grafiek: oranje is aanbesteden, groen is meerjarige subsidie. "
        "Kijk vooral naar de wijkkennis: bij een verloren aanbesteding vertrekken professionals "
        "en neemt hun kennis van de wijk mee. De getallen komen uit een model dat nog wordt "
        "gekalibreerd: kijk naar richting en verschil, niet naar de precieze waarde.",
        "Six measures of how the wijk is doing, week by week. In compare mode both wijks are in "
        "the same chart: orange is tendering, green is multi-year subsidy. Watch the wijkkennis "
        "above all: when a tender is lost, professionals leave and take their knowledge of the "
        "wijk with them. The numbers come from a model that is still being calibrated: look at "
        "direction and difference, not at the exact value."),
    "about_levers": (
        "De knoppen zijn de belangrijkste beleidskeuzes van een gemeente. Een knop verzetten "
        "bouwt de wijk opnieuw op vanaf week 0, met dezelfde bewoners en hetzelfde toeval, "
        "zodat je het verschil ziet dat de keuze maakt. Week 0 is de wijk zoals hij nu is: "
        "het model heeft de wijk daarvoor {burn} weken laten inlopen onder de huidige "
        "afspraken.",
        "The levers are a municipality's main policy choices. Moving one rebuilds the wijk "
        "from week 0, with the same residents and the same luck, so you see the difference "
        "the choice makes. Week 0 is the wijk as it is today: before it, the model ran the "
        "wijk in for {burn} weeks under the current arrangements."),
    # -- lever labels and help (keys: lever name) ------------------------------------------
    "lever_regime": ("Manier van financieren", "Way of funding"),
    "lever_regime_help": ("Aanbesteden: contracten van een paar jaar, daarna kan een andere "
                          "organisatie winnen. Meerjarige subsidie: een vaste partner. "
                          "Populatiebesteding: een bedrag naar de zwaarte van de bevolking, "
                          "dat één hoofdaanbieder vrij verdeelt over hulpverlening en "
                          "opbouwwerk; hij legt verantwoording af over resultaten.",
                          "Tendering: contracts of a few years, after which another "
                          "organisation can win. Multi-year subsidy: a stable partner. "
                          "Population-based funding: an amount based on the population's "
                          "needs, which one main provider divides freely over casework and "
                          "community work; it accounts for results."),
    "lever_population_weight": ("Gewicht van de bevolking in het budget",
                                "Weight of the population in the budget"),
    "lever_population_weight_help": (
        "0: een vast bedrag per bewoner; 1: het budget naar de zwaarte van de wijk (kwetsbaarheid "
        "van de bewoners) ten opzichte van het gemiddelde van de gemeente.",
        "0: a flat amount per resident; 1: the budget follows the wijk's needs (its residents' "
        "vulnerability) relative to the municipality's average."),
    "lever_savings_kept": ("Deel van de besparing dat de aanbieder houdt",
                           "Share of savings the provider keeps"),
    "lever_savings_kept_help": (
        "Wat de hoofdaanbieder bespaart op dure zorg mag hij (deels) houden; hoe meer, hoe meer "
        "hij in preventie (opbouwwerk) steekt.",
        "What the main provider saves on expensive care it may (partly) keep; the more, the more "
        "it puts into prevention (community work)."),
    "lever_subcontractors": ("Onderaannemers van de hoofdaanbieder",
                             "Subcontractors of the main provider"),
    "lever_subcontractors_help": (
        "Elke onderaannemer kost afstemming: geld dat niet naar professionals gaat.",
        "Each subcontractor costs coordination: money that does not go to professionals."),
    "lever_contract_years": ("Contractduur (jaar)", "Contract length (years)"),
    "lever_contract_years_help": ("Om de hoeveel jaar wordt opnieuw aanbesteed? Utrecht ging "
                                  "naar 9 jaar.",
                                  "How many years until the next tender? Utrecht moved to 9 "
                                  "years."),
    "lever_p_lose": ("Kans dat de huidige organisatie verliest",
                     "Chance the current provider loses"),
    "lever_p_lose_help": ("Bij elke nieuwe aanbesteding.", "At every new tender."),
    "lever_staff_moves": ("Deel van het personeel dat meegaat", "Share of staff that moves along"),
    "lever_staff_moves_help": ("Bij een verloren aanbesteding gaat dit deel over naar de nieuwe "
                               "organisatie, met hun kennis van de wijk; de rest vertrekt.",
                               "When a tender is lost, this share moves to the new provider, "
                               "keeping their knowledge of the wijk; the rest leave."),
    "lever_budget": ("Budget per bewoner per jaar (euro)", "Budget per resident per year (euro)"),
    "lever_budget_help": ("Geld voor de sociale basis: professionals, plekken, initiatieven.",
                          "Money for the social base: professionals, places, initiatives."),
    "lever_opbouw_share": ("Deel opbouwwerkers (de rest: hulpverleners)",
                           "Share of community workers (the rest: caseworkers)"),
    "lever_opbouw_share_help": ("Opbouwwerkers gaan de wijk in en versterken netwerken; "
                                "hulpverleners helpen mensen één voor één.",
                                "Community workers go out into the wijk and strengthen "
                                "networks; caseworkers help people one by one."),
    "lever_netwerkberaad": ("Netwerkberaden", "Network meetings (netwerkberaad)"),
    "lever_netwerkberaad_help": ("Professionals brengen de kring rond iemand met een probleem "
                                 "bij elkaar, in plaats van het alleen op te lossen.",
                                 "Professionals bring together the circle around someone with a "
                                 "problem, instead of solving it alone."),
    "lever_buurthuizen": ("Buurthuizen", "Community centres (buurthuis)"),
    "lever_buurthuizen_help": ("Aantal buurthuizen in de wijk.", "Number of community centres."),
    "lever_huizen": ("Huizen van de Wijk", "Huizen van de Wijk"),
    "lever_right_buildings": ("Recht op gebouwen", "Right to buildings"),
    "lever_right_buildings_help": ("Een initiatief mag het buurthuis of Huis van de Wijk waar "
                                   "het samenkomt overnemen, en krijgt voorrang voordat de "
                                   "gemeente het om geld sluit.",
                                   "An initiative may take over the buurthuis or Huis van de "
                                   "Wijk it meets at, and gets first refusal before the "
                                   "municipality closes it for money."),
    "lever_right_challenge": ("Uitdaagrecht", "Right to challenge"),
    "lever_right_challenge_help": ("Een wijkcoöperatie mag een taak met het budget overnemen. "
                                   "Risico's: minder capaciteit, uitgeputte vrijwilligers, "
                                   "concurreren met bedrijven.",
                                   "A wijkcooperatie may take over a task with its budget. "
                                   "Risks: less capacity, volunteers burning out, competing "
                                   "with companies."),
    "lever_right_challenge_none": ("uit", "off"),
    "lever_right_challenge_buurthuis": ("buurthuis", "community centre"),
    "lever_right_challenge_community_work": ("opbouwwerk", "community work"),
    "lever_right_challenge_service": ("dienst", "service"),
    "lever_wijkfonds": ("Wijkfonds (deel van het bewonersgeld)",
                        "Wijkfonds (share of the residents' money)"),
    "lever_wijkfonds_help": ("Toegang tot geld: bewoners verdelen dit deel zelf; 0 = uit.",
                             "Access to money: residents allocate this share themselves; "
                             "0 = off."),
    "lever_right_planning": ("Recht op buurtplanning", "Right to neighbourhood planning"),
    "lever_right_planning_help": ("Bewoners bepalen mee welke plekken open blijven of weer "
                                  "opengaan.", "Residents have a say in which places stay "
                                  "open or open again."),
    "lever_collectives": ("Burgercollectieven", "Citizen collectives"),
    "lever_collectives_help": ("Wijkcoöperaties, energiecoöperaties en zorgcoöperaties kunnen "
                               "ontstaan.", "Wijkcooperaties, energy and care cooperatives "
                               "can be founded."),
    "lever_recognition": ("Erkenning door de gemeente", "Recognition by the municipality"),
    "lever_recognition_help": ("Meer erkenning: meer collectieven, meer vertrouwen.",
                               "More recognition: more collectives, more trust."),
    "lever_steady_support": ("Vaste steun", "Steady support"),
    "lever_steady_support_help": ("Meerjarige steun: minder corvee, minder kans op stoppen.",
                                  "Multi-year support: less corvee, less chance to stop."),
    "lever_hurdles": ("Administratieve drempels", "Administrative hurdles"),
    "lever_hurdles_help": ("De 'hordenloop': meer corvee, minder nieuwe collectieven.",
                           "The 'hordenloop': more corvee, fewer new collectives."),
    "lever_huizen_help": ("Gastvrije plekken met een gastheer of gastvrouw en gratis koffie.",
                          "Hospitable places with a host and free coffee."),
}

# place kinds (schema PLACE_KINDS order)
PLACE_NAMES = {
    "buurthuis": ("Buurthuis", "Community centre"),
    "library": ("Bibliotheek", "Library"),
    "cafe": ("Café", "Café"),
    "playground": ("Speeltuin", "Playground"),
    "huis_van_de_wijk": ("Huis van de Wijk", "Huis van de Wijk"),
}

# the events of WijkModel.events_frame(); (nl, en) label of each kind
EVENT_KINDS = {
    "tender_lost": ("Aanbesteding verloren", "Tender lost"),
    "tender_won": ("Aanbesteding behouden", "Tender kept"),
    "renewal": ("Subsidie verlengd", "Subsidy renewed"),
    "closure": ("Plek gesloten", "Place closed"),
    "reopening": ("Plek heropend door bewoners", "Place reopened by residents"),
    "budget_cut": ("Bezuiniging", "Budget cut"),
    "programme_start": ("Programma gestart", "Programme started"),
    "programme_stop": ("Programma gestopt", "Programme stopped"),
    "heatwave": ("Hittegolf", "Heat wave"),
    "crisis": ("Crisis", "Crisis"),
    "buurttop": ("BuurtTop", "BuurtTop"),
    "initiative_ended": ("Bewonersinitiatief gestopt", "Citizen initiative ended"),
    # buurtrechten and burgercollectieven (docs/ODD.md 7.11-7.12)
    "transfer": ("Plek overgenomen door bewoners", "Place taken over by residents"),
    "contract": ("Buurthuis met taakcontract", "Community centre under a task contract"),
    "contract_end": ("Plek terug naar de gemeente", "Place back to the municipality"),
    "collective_founded": ("Burgercollectief opgericht", "Citizen collective founded"),
    "wijkfonds": ("Wijkfonds verdeeld", "Wijkfonds allocated"),
    "challenge_won": ("Uitdaging gewonnen", "Challenge won"),
    "challenge_lost": ("Uitdaging afgewezen", "Challenge refused"),
    "task_ended": ("Taak terug naar de gemeente", "Task back to the municipality"),
}

INITIATIVE_KINDS = {
    "energy": ("energie", "energy"), "care_network": ("zorgnetwerk", "care network"),
    "greening": ("vergroening", "greening"), "meeting_place": ("ontmoetingsplek", "meeting place"),
    "sharing": ("delen", "sharing"),
    "wijkcooperatie": ("wijkcoöperatie", "wijkcooperatie"),
    "energiecooperatie": ("energiecoöperatie", "energy cooperative"),
    "zorgcooperatie": ("zorgcoöperatie", "care cooperative"),
}
TASKS = {"buurthuis": ("het buurthuis", "the community centre"),
         "community_work": ("opbouwwerk", "community work"),
         "service": ("een dienst", "a service")}

_REASONS = {
    "too few members": "te weinig leden", "no funding": "geen geld meer",
    "activity taken over by a provider": "activiteit overgenomen door een organisatie",
    "budget": "geen budget", "building sold": "gebouw verkocht",
    "not enough customers": "te weinig klanten", "closed in the workshop":
    "gesloten in de workshop", "no place to meet": "geen plek om samen te komen",
    "right to buildings": "recht op gebouwen",
    "first refusal before closing": "voorrang voordat de plek sloot",
}

# (pattern on the model's English text, Dutch template using the groups)
_EVENT_NL = [
    (r"(.+) lost the contract to (.+); (\d+) of (\d+) staff moved along",
     "{0} verliest het contract aan {1}; {2} van de {3} medewerkers gaan mee"),
    (r"(.+) keeps the contract", "{0} houdt het contract"),
    (r"multi-year funding renewed", "meerjarige subsidie verlengd"),
    (r"(\w+) closed \((.+)\)", "{place0} dicht ({reason1})"),
    (r"(\w+) reopened by residents", "{place0} heropend door bewoners"),
    (r"budget cut by (\d+)%", "budget {0}% omlaag"),
    (r"area programme stopped", "gebiedsprogramma gestopt"),
    (r"netwerkberaad programme stopped", "netwerkberaden gestopt"),
    (r"netwerkberaad programme started", "netwerkberaden gestart"),
    (r"BuurtTop with (\d+) residents; (\d+) new initiatives",
     "BuurtTop met {0} bewoners; {1} nieuwe initiatieven"),
    (r"crisis begins: people offer help more readily",
     "crisis: mensen bieden makkelijker hulp aan"),
    (r"heat wave begins", "hittegolf begint"),
    (r"(\w+) initiative ended \((.+)\)", "initiatief {init0} gestopt ({reason1})"),
]


def t(key: str, lang: str, **fmt) -> str:
    """The text for ``key`` in ``lang`` (falls back to English, then to the key itself)."""
    pair = TEXT.get(key)
    if pair is None:
        return key
    text = pair[0] if lang == "nl" else pair[1]
    return text.format(**fmt) if fmt else text


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "nl" else pair[1]


def place_name(kind: str, lang: str) -> str:
    return pick(PLACE_NAMES.get(kind, (kind, kind)), lang)


def event_label(kind: str, lang: str) -> str:
    return pick(EVENT_KINDS.get(kind, (kind, kind)), lang)


def reason_text(reason: str, lang: str) -> str:
    """Why a place closed or an initiative ended, in ``lang``."""
    return _REASONS.get(reason, reason) if lang == "nl" else reason


@lru_cache(maxsize=4096)
def event_text(text: str, lang: str) -> str:
    """The model's English event text, in Dutch when ``lang`` is nl (known texts only)."""
    if lang != "nl":
        return text
    for pattern, template in _EVENT_NL:
        m = re.fullmatch(pattern, text)
        if not m:
            continue
        g = m.groups()
        named = {}
        for i, val in enumerate(g):
            named[f"place{i}"] = place_name(val, "nl")
            named[f"reason{i}"] = _REASONS.get(val, val)
            named[f"init{i}"] = pick(INITIATIVE_KINDS.get(val, (val, val)), "nl")
        return template.format(*g, **named)
    return text


def num(x: float, lang: str, digits: int = 2) -> str:
    """A number with a decimal comma in Dutch: num(0.5, 'nl') -> '0,50'."""
    s = f"{x:,.{digits}f}"
    if lang == "nl":
        s = s.replace(",", "_").replace(".", ",").replace("_", ".")
    return s


def pct(x: float, lang: str, digits: int = 0) -> str:
    return num(100 * x, lang, digits) + "%"


def whole(n: float, lang: str) -> str:
    """A whole number with a thousands separator: 3000 -> '3.000' (nl), '3,000' (en)."""
    return num(float(n), lang, 0)


# Dutch descriptions of the shipped scenarios (the files' own descriptions are English; a
# scenario file may give its own in [meta] description_nl).
SCENARIO_NL = {
    "tender_3y": "Aanbesteden: contracten van 3 jaar, verantwoording op output, jaarlijkse "
                 "subsidieaanvragen voor initiatieven",
    "tender_9y": "Aanbesteden met contracten van 9 jaar (Utrecht): minder vaak opnieuw, "
                 "dezelfde logica",
    "subsidy": "Meerjarige subsidie met wijkbudget: continuïteit, coördinatoren, lichte "
               "verantwoording",
    "subsidy_netwerkberaad": "Meerjarige subsidie plus netwerkberaden vanaf jaar 1",
    "budget_cut": "Aanbesteden; 20% bezuiniging vanaf jaar 5",
    "buurthuis_sold": "Aanbesteden; de buurthuizen worden in jaar 3 verkocht",
    "crisis": "Aanbesteden; een half jaar crisis vanaf jaar 3, mensen bieden makkelijk hulp aan",
    "heatwave": "Aanbesteden; een hittegolf van twee weken in de zomer van jaar 5",
    "programme_stopped": "Aanbesteden plus een gebiedsprogramma (extra opbouwwerk, "
                         "netwerkberaden) dat in jaar 5 stopt",
    "populatiebesteding": "Populatiebesteding: budget naar de bevolking, één hoofdaanbieder "
                          "die vrij besteedt, verantwoording op resultaten",
}


def scenario_description(name: str, meta: dict, description: str, lang: str) -> str:
    if lang == "nl":
        return meta.get("description_nl") or SCENARIO_NL.get(name) or description
    return description


TEXT.update({
    "notice_no_staff": ("Met dit budget blijft er na de plekken en initiatieven geen geld over "
                        "voor professionals: de wijk heeft geen sociaal werkers.",
                        "With this budget nothing is left for professionals after places and "
                        "initiatives: the wijk has no social workers."),
    "notice_places_closed": ("Het budget is te klein voor alle plekken: {closed} van de "
                             "{wanted} buurthuizen en Huizen van de Wijk gingen meteen dicht.",
                             "The budget is too small for all places: {closed} of the {wanted} "
                             "community centres and Huizen van de Wijk closed at once."),
    "compare_levers": ("Vergelijkmodus: links aanbesteden, rechts meerjarige subsidie. De "
                       "andere knoppen gelden voor allebei.",
                       "Compare mode: tendering on the left, multi-year subsidy on the right. "
                       "The other levers apply to both."),
    "burn_note": ("Week 0 is de wijk na {burn} weken inlopen.",
                  "Week 0 is the wijk after {burn} weeks of burn-in."),
    "details": ("details", "details"),
})

TEXT.update({
    # short forms for the settings read-back under each map
    "short_contract_years": ("contract {v} jaar", "{v}-year contracts"),
    "short_p_lose": ("kans op verlies {v}", "chance of losing {v}"),
    "short_staff_moves": ("{v} van het personeel gaat mee", "{v} of staff move along"),
    "short_population_weight": ("bevolkingsgewicht {v}", "population weight {v}"),
    "short_savings_kept": ("{v} van de besparing blijft", "{v} of savings kept"),
    "short_subcontractors": ("{v} onderaannemers", "{v} subcontractors"),
    "short_budget": ("€ {v} per bewoner", "€{v} per resident"),
    "short_opbouw_share": ("{v} opbouwwerkers", "{v} community workers"),
    "short_netwerkberaad": ("netwerkberaden {v}", "network meetings {v}"),
    "short_buurthuizen": ("buurthuizen: {v}", "community centres: {v}"),
    "short_huizen": ("Huizen van de Wijk: {v}", "Huizen van de Wijk: {v}"),
    "short_right_buildings": ("recht op gebouwen {v}", "right to buildings {v}"),
    "short_right_challenge": ("uitdaagrecht: {v}", "right to challenge: {v}"),
    "short_wijkfonds": ("wijkfonds {v}", "wijkfonds {v}"),
    "short_right_planning": ("buurtplanning {v}", "neighbourhood planning {v}"),
    "short_collectives": ("burgercollectieven {v}", "citizen collectives {v}"),
    "short_recognition": ("erkenning {v}", "recognition {v}"),
    "short_steady_support": ("vaste steun {v}", "steady support {v}"),
    "short_hurdles": ("drempels {v}", "hurdles {v}"),
    # the charts
    "chart_cohesion": ("Samenhang", "Cohesion"),
    "chart_cohesion_help": ("Hoe sterk de contacten van een bewoner samen zijn, gemiddeld "
                            "(alle contacten in de wijk opgeteld).",
                            "How strong a resident's ties are together, on average (all ties "
                            "in the wijk added up)."),
    "chart_vraagverlegenheid": ("Vraagverlegenheid", "Reluctance to ask for help"),
    "chart_vraagverlegenheid_help": ("Hoe moeilijk bewoners het vinden om hulp te vragen, "
                                     "gemiddeld: 0 = vraagt makkelijk, 1 = vraagt nooit.",
                                     "How hard residents find it to ask for help, on average: "
                                     "0 = asks easily, 1 = never asks (vraagverlegenheid)."),
    "chart_hidden_need_share": ("Verborgen nood", "Hidden need"),
    "chart_hidden_need_share_help": ("Deel van de bewoners met een probleem waar niemand van "
                                     "weet.",
                                     "Share of residents with a problem nobody knows about."),
    "chart_wijkkennis": ("Wijkkennis van de professionals", "Professionals' wijkkennis"),
    "chart_wijkkennis_help": ("Hoe goed de professionals de mensen en netwerken in de wijk "
                              "kennen: 0 = net nieuw, 1 = kent de wijk door en door.",
                              "How well the professionals know the wijk's people and networks: "
                              "0 = brand new, 1 = knows the wijk inside out."),
    "chart_trust": ("Vertrouwen in instanties", "Trust in institutions"),
    "chart_trust_help": ("Hoeveel bewoners gemeente en hulpverlening vertrouwen, gemiddeld "
                         "(0 = niet, 1 = volledig).",
                         "How much residents trust the municipality and social services, on "
                         "average (0 = not at all, 1 = fully)."),
    "chart_lonely_share": ("Eenzaamheid", "Loneliness"),
    "chart_lonely_share_help": ("Deel van de volwassenen en ouderen met minder dan {k} goede "
                                "contacten.",
                                "Share of adults and seniors with fewer than {k} good "
                                "contacts."),
    "now": ("nu", "now"),
})

TEXT.update({
    "about_map_title": ("de kaart", "the map"),
    "about_timeline_title": ("de tijdlijn", "the timeline"),
    "about_charts_title": ("de grafieken", "the charts"),
    "about_levers_title": ("de knoppen", "the levers"),
})


# == issue 16: policy changes, events in both languages, plain words =================
TEXT.update({
    "reset": ("Opnieuw beginnen", "Start over"),
    "reset_help": ("Een nieuwe wijk vanaf week 0 met de knoppen zoals ze nu staan (zelfde "
                   "bewoners, zelfde toeval)",
                   "A new wijk from week 0 with the levers as they are now (same residents, "
                   "same luck)"),
    "finished": ("Einde van de looptijd bereikt. Druk op Opnieuw beginnen voor een nieuwe "
                 "wijk.", "The end of the run is reached. Press Start over for a new wijk."),
    "model_failed": ("Het model liep vast in week {week}: {error}. Druk op Opnieuw beginnen, "
                     "of verzet een knop.",
                     "The model got stuck in week {week}: {error}. Press Start over, or move "
                     "a lever."),
    "intro": ("Elke stip is een bewoner. Kies een scenario en draai aan de knoppen van het "
              "beleid (links, of op een smal scherm onder ☰); druk op Afspelen en kijk wat een "
              "manier van financieren met de wijk doet. Eén stap is één week.",
              "Every dot is a resident. Pick a scenario and turn the policy levers (on the "
              "left, or under ☰ on a narrow screen); press Play and watch what a way of "
              "funding does to the wijk. One step is one week."),
    "seed": ("Welke wijk (nummer)", "Which wijk (number)"),
    "seed_help": ("Elk nummer geeft een andere wijk met andere bewoners en ander toeval; "
                  "hetzelfde nummer geeft precies dezelfde wijk.",
                  "Each number gives another wijk with other residents and other luck; the "
                  "same number gives exactly the same wijk."),
    "levers_note": ("Een knop verzetten verandert het beleid vanaf de volgende week, in "
                    "dezelfde wijk: een verticale streep in elke grafiek markeert het moment. "
                    "Het aantal plekken geldt pas na Opnieuw beginnen.",
                    "Moving a lever changes the policy from the next week on, in the same "
                    "wijk: a vertical mark on every chart shows the moment. The number of "
                    "places applies only after Start over."),
    "about_levers": (
        "De knoppen zijn de belangrijkste beleidskeuzes van een gemeente. Verzet je een knop "
        "terwijl de wijk loopt, dan geldt het nieuwe beleid vanaf de volgende week in dezelfde "
        "wijk; de grafieken tonen het moment met een verticale streep en de lijst met "
        "gebeurtenissen zegt wat er veranderde. Opnieuw beginnen bouwt een nieuwe wijk vanaf "
        "week 0 met de knoppen zoals ze staan, met dezelfde bewoners en hetzelfde toeval. Week "
        "0 is de wijk zoals hij nu is: het model heeft de wijk daarvoor {burn} weken laten "
        "inlopen onder de huidige afspraken.",
        "The levers are a municipality's main policy choices. Move one while the wijk runs "
        "and the new policy applies from the next week in the same wijk; the charts show the "
        "moment with a vertical mark and the event list says what changed. Start over builds "
        "a new wijk from week 0 with the levers as they are, with the same residents and the "
        "same luck. Week 0 is the wijk as it is today: before it, the model ran the wijk in "
        "for {burn} weeks under the current arrangements."),
    "on_restart": ("geldt na Opnieuw beginnen", "applies after Start over"),
    "policy_switch_subsidy": ("overstap naar meerjarige subsidie",
                              "switch to multi-year subsidy"),
    "policy_switch_tender": ("overstap naar aanbesteden", "switch to tendering"),
    "policy_switch_populatiebesteding": ("overstap naar populatiebesteding",
                                         "switch to population-based funding"),
    "policy_none": ("beleid gewijzigd", "policy changed"),
    "policy_failed": ("Deze knop kan de lopende wijk niet aan:",
                      "The running wijk cannot take this lever position:"),
    "close_menu": ("Sluiten", "Close"),
    "menu": ("Scenario en knoppen", "Scenario and levers"),
    "combo_line": ("{lever}: {value} kan niet; toegestaan is {allowed}",
                   "{lever}: {value} is not possible; allowed is {allowed}"),
})

EVENT_KINDS.update({
    "staff_left": ("Professional vertrokken", "Professional left"),
    "policy_change": ("Beleid gewijzigd", "Policy changed"),
    "regime_switch": ("Overstap financiering", "Funding switched"),
    "workshop_round": ("Nieuwe ronde", "New round"),
})

_REASONS.update({
    "turnover": "ander werk", "lost tender": "aanbesteding verloren",
    "the residents running it stopped": "de bewoners die het draaiden stopten",
    "reopened": "heropend",
})
_REASONS_EN = {"turnover": "another job"}
_ROLES = {"hulpverlener": ("hulpverlener", "caseworker"),
          "opbouwwerker": ("opbouwwerker", "community worker")}
_REGIME_WORDS = {"subsidy": ("meerjarige subsidie", "multi-year subsidy"),
                 "tender": ("aanbesteden", "tendering"),
                 "populatiebesteding": ("populatiebesteding", "population-based funding")}


def _staff_moved(g: tuple[str, ...], lang: str) -> str:
    old, new, moved, total = g
    k = int(moved)
    if lang != "nl":
        return f"{old} lost the contract to {new}; {moved} of {total} staff moved along"
    who = "geen" if k == 0 else moved
    verb = "gaat" if k <= 1 else "gaan"  # 'geen van de 6 gaat', '1 van de 6 gaat', '3 gaan'
    return f"{old} verliest het contract aan {new}; {who} van de {total} medewerkers {verb} mee"


def _staff_left(g: tuple[str, ...], lang: str) -> str:
    role, reason, wk, links = g
    if lang == "nl":
        return (f"een {pick(_ROLES.get(role, (role, role)), 'nl')} vertrekt uit de wijk "
                f"({_REASONS.get(reason, reason)}), met wijkkennis {wk.replace('.', ',')} en "
                f"{links} bewoners die hem of haar vertrouwden")
    return (f"a {pick(_ROLES.get(role, (role, role)), 'en')} left the wijk "
            f"({_REASONS_EN.get(reason, reason)}), with wijkkennis {wk} and {links} residents "
            "who trusted them")


# (pattern, function of (groups, lang)): texts whose English needs the same care as the Dutch
# (internal names such as 'huis_van_de_wijk' or 'opbouwwerker' become words in both languages)
_EVENT_BOTH = [
    (r"(.+) lost the contract to (.+); (\d+) of (\d+) staff moved along", _staff_moved),
    (r"a (\w+) left the wijk \((.+)\), with wijkkennis ([\d.]+) and (\d+) trust links",
     _staff_left),
    (r"(\w+) closed \((.+)\)", lambda g, lang: (
        f"{place_name(g[0], lang)} dicht ({reason_text(g[1], lang)})" if lang == "nl" else
        f"{place_name(g[0], lang)} closed ({g[1]})")),
    (r"(\w+) reopened by residents", lambda g, lang: (
        f"{place_name(g[0], lang)} heropend door bewoners" if lang == "nl" else
        f"{place_name(g[0], lang)} reopened by residents")),
    (r"(\w+) reopened \((.+)\)", lambda g, lang: (
        f"{place_name(g[0], lang)} weer open ({reason_text(g[1], lang)})" if lang == "nl" else
        f"{place_name(g[0], lang)} reopened ({g[1]})")),
    (r"(\w+) initiative ended \((.+)\)", lambda g, lang: (
        f"initiatief {pick(INITIATIVE_KINDS.get(g[0], (g[0], g[0])), 'nl')} gestopt "
        f"({reason_text(g[1], lang)})" if lang == "nl" else
        f"{pick(INITIATIVE_KINDS.get(g[0], (g[0], g[0])), 'en')} initiative ended ({g[1]})")),
    (r"(\w+) taken over by residents \((.+)\)", lambda g, lang: (
        f"{place_name(g[0], lang)} overgenomen door bewoners ({reason_text(g[1], lang)})"
        if lang == "nl" else f"{place_name(g[0], lang)} taken over by residents ({g[1]})")),
    (r"(\w+) run by residents under a task contract", lambda g, lang: (
        f"{place_name(g[0], lang)} gerund door bewoners met een taakcontract" if lang == "nl"
        else f"{place_name(g[0], lang)} run by residents under a task contract")),
    (r"(\w+) back to the municipality", lambda g, lang: (
        f"{place_name(g[0], lang)} terug naar de gemeente" if lang == "nl" else
        f"{place_name(g[0], lang)} back to the municipality")),
    (r"(\w+) reopened in the residents' plan", lambda g, lang: (
        f"{place_name(g[0], lang)} heropend in het bewonersplan" if lang == "nl" else
        f"{place_name(g[0], lang)} reopened in the residents' plan")),
    (r"(\w+) founded", lambda g, lang: (
        f"{pick(INITIATIVE_KINDS.get(g[0], (g[0], g[0])), lang)} "
        + ("opgericht" if lang == "nl" else "founded"))),
    (r"residents funded (\d+) initiatives from the fonds", lambda g, lang: (
        f"bewoners gaven {g[0]} initiatieven geld uit het wijkfonds" if lang == "nl" else
        f"residents funded {g[0]} initiatives from the fonds")),
    (r"(\w+) bid for (\w+) was not accepted", lambda g, lang: (
        f"bod van de {pick(INITIATIVE_KINDS.get(g[0], (g[0], g[0])), 'nl')} op "
        f"{pick(TASKS.get(g[1], (g[1], g[1])), 'nl')} afgewezen" if lang == "nl" else
        f"{pick(INITIATIVE_KINDS.get(g[0], (g[0], g[0])), 'en')} bid for "
        f"{pick(TASKS.get(g[1], (g[1], g[1])), 'en')} was not accepted")),
    (r"(\w+) takes over (\w+)", lambda g, lang: (
        f"{pick(INITIATIVE_KINDS.get(g[0], (g[0], g[0])), lang)} "
        + ("neemt " if lang == "nl" else "takes over ")
        + pick(TASKS.get(g[1], (g[1], g[1])), lang) + (" over" if lang == "nl" else ""))),
    (r"(\w+): (\w+) back to the municipality", lambda g, lang: (
        f"{pick(INITIATIVE_KINDS.get(g[0], (g[0], g[0])), lang)}: "
        f"{pick(TASKS.get(g[1], (g[1], g[1])), lang)} "
        + ("terug naar de gemeente" if lang == "nl" else "back to the municipality"))),
    (r"funding switched to (\w+)", lambda g, lang: (
        ("overstap naar " if lang == "nl" else "switch to ")
        + pick(_REGIME_WORDS.get(g[0], (g[0], g[0])), lang))),
]


def policy_text(levers: dict, lang: str) -> str:
    """What a policy change did, from the levers that moved: 'overstap naar meerjarige
    subsidie; € 40 per bewoner'."""
    parts = []
    for name, value in levers.items():
        if name == "regime":
            parts.append(t(f"policy_switch_{value}", lang))
        else:
            parts.append(t(f"short_{name}", lang, v=show_lever(lv.BY_NAME[name], value, lang)))
    return "; ".join(parts) or t("policy_none", lang)


def describe_event(ev: dict, lang: str) -> str:
    """An event of the model in words, in ``lang`` (a policy change from its levers)."""
    if ev.get("kind") == "policy_change" and isinstance(ev.get("levers"), dict):
        return policy_text(ev["levers"], lang)
    if lang == "nl" and ev.get("text_nl"):  # a workshop decision carries its own Dutch
        return ev["text_nl"]
    return event_words(ev["text"], lang)


@lru_cache(maxsize=4096)
def event_words(text: str, lang: str) -> str:
    """The model's English event text in ``lang``, internal names turned into words."""
    for pattern, make in _EVENT_BOTH:
        m = re.fullmatch(pattern, text)
        if m:
            return make(m.groups(), lang)
    return event_text(text, lang)


_ALLOWED_NL = [
    (r"a whole number from (\S+) to (\S+)(.*)", "een heel getal van {0} tot en met {1}{2}"),
    (r"a number from (\S+) to (\S+)(.*)", "een getal van {0} tot en met {1}{2}"),
    (r"a number of at least (\S+)(.*)", "een getal van minstens {0}{1}"),
    (r"true or false", "aan of uit"),
    (r"one of (.+)", "een van {0}"),
]


# the schema's units in Dutch (longest first, so 'hours/week' is not read as 'hours')
_UNITS_NL = (("need units/hour", "eenheden nood per uur"), ("need units", "eenheden nood"),
             ("residents/cell", "bewoners per vakje"), ("residents/hour", "bewoners per uur"),
             ("visits/week", "bezoeken per week"), ("hours/week", "uur per week"),
             ("euro/year", "euro per jaar"), ("per week", "per week"), ("per year", "per jaar"),
             ("residents", "bewoners"), ("contacts", "contacten"), ("members", "leden"),
             ("people", "mensen"), ("hours", "uur"), ("weeks", "weken"), ("week", "week"),
             ("years", "jaar"), ("cells", "vakjes"), ("ties", "banden"),
             # units given in issue 12/17's audit (docs/scenario-keys.md explains them)
             ("share", "aandeel"), ("factor", "factor"), ("chance", "kans"),
             ("level 0-1", "niveau 0-1"), ("log-odds", "log-odds"),
             ("vulnerability 0-1", "kwetsbaarheid 0-1"), ("slots/week", "tijdvakken per week"),
             ("contacts/visit", "contacten per bezoek"),
             ("introductions/hour", "introducties per uur"), ("hours/hour", "uur per uur"),
             ("tries", "pogingen"), ("per 1000 residents", "per 1000 bewoners"),
             ("initiatives", "initiatieven"), ("rounds", "rondes"), ("providers", "aanbieders"),
             ("per activity", "per activiteit"), ("need units/week", "eenheden nood per week"),
             ("per hour/week per 1000", "per uur per week per 1000 bewoners"),
             ("share/year per subcontractor", "aandeel per jaar per onderaannemer"),
             ("euro", "euro"), ("jobs", "banen"), ("place number", "plaatsnummer"),
             ("euro/euro", "euro per euro"), ("places", "plaatsen"))


def _allowed_part_nl(part: str) -> str:
    """A number with a decimal comma; a unit in brackets in Dutch; other text as it is."""
    if re.fullmatch(r"-?\d+(\.\d+)?", part):
        return part.replace(".", ",")
    unit = re.fullmatch(r"(.*)\((.+)\)(.*)", part)
    if unit:
        words = dict(_UNITS_NL).get(unit.group(2), unit.group(2))
        return f"{unit.group(1)}({words}){unit.group(3)}"
    return part


def allowed_text(allowed: str, lang: str) -> str:
    """The schema's 'what is allowed' in ``lang`` (the common forms; else as it is)."""
    if lang != "nl":
        return allowed
    for pattern, template in _ALLOWED_NL:
        m = re.fullmatch(pattern, allowed)
        if m:
            return template.format(*(_allowed_part_nl(x) for x in m.groups()))
    return allowed


def lever_problem(problem, lang: str) -> str:
    """One validation problem of a lever combination, in the page's language, naming the
    lever as the page does (not the scenario key)."""
    lever = next((x for x in lv.LEVERS if x.key == problem.key), None)
    if lever is None or not problem.allowed:
        return str(problem) if lang != "nl" else str(problem).replace("is not allowed",
                                                                         "kan niet")
    return t("combo_line", lang, lever=t(f"lever_{lever.name}", lang), value=problem.value,
             allowed=allowed_text(problem.allowed, lang))

TEXT.update({
    "need_known_ties": ("alleen iemand uit de buurt of familie weet ervan",
                        "only a neighbour, friend or relative knows"),
    "by_lonely_legend": ("Eenzaam = minder dan {k} goede contacten, in de wijk en daarbuiten "
                         "(volwassenen en ouderen).",
                         "Lonely = fewer than {k} good contacts, in the wijk and elsewhere "
                         "(adults and seniors)."),
    "chart_hidden_need_share_help": ("Deel van de bewoners met een probleem waar niemand van "
                                     "weet (rood op de kaart bij Problemen).",
                                     "Share of residents with a problem nobody knows about "
                                     "(red on the map when colouring by Problems)."),
    "chart_lonely_share_help": ("Deel van de volwassenen en ouderen met minder dan {k} goede "
                                "contacten, in de wijk en daarbuiten (rood op de kaart bij "
                                "Eenzaamheid).",
                                "Share of adults and seniors with fewer than {k} good "
                                "contacts, in the wijk and elsewhere (red on the map when "
                                "colouring by Loneliness)."),
})

TEXT.update({
    "pct_points": ("%-punt", "pct. points"),
    "short_seed": ("wijk nr. {v}", "wijk no. {v}"),
    "gap_title": ("Het verschil deze week", "The gap this week"),
    "gap_outcome": ("Maat", "Measure"),
    "gap_diff": ("Verschil (subsidie − aanbesteden)", "Difference (subsidy − tendering)"),
    "gap_better": ("beter bij subsidie", "better with subsidy"),
    "gap_worse": ("slechter bij subsidie", "worse with subsidy"),
    "gap_small": ("te klein om ertoe te doen", "too small to matter"),
    "gap_note": ("Eén wijk, één week: een aanwijzing voor het gesprek, geen meting. 'Te klein' "
                 "betekent: onder de drempel die het project vooraf voor deze maat koos.",
                 "One wijk, one week: a pointer for the conversation, not a measurement. 'Too "
                 "small' means: below the threshold the project set for this measure in "
                 "advance."),
    "zoom": ("Inzoomen op de lijnen", "Zoom in on the lines"),
    "zoom_help": ("Uit: elke grafiek op zijn eigen vaste schaal. Aan: passend bij de lijnen, "
                  "maar nooit zo smal dat ruis groot lijkt.",
                  "Off: each chart on its own fixed scale. On: fitted to the lines, but never "
                  "so narrow that noise looks big."),
})

TEXT.update({
    "scenario_moved": ("De knoppen wijken af van dit scenario: {changes}.",
                       "The levers differ from this scenario: {changes}."),
    "notice_places_closed_only": ("Het budget is te klein voor de plekken: het enige buurthuis "
                                  "of Huis van de Wijk ging meteen dicht.",
                                  "The budget is too small for the places: the only community "
                                  "centre or Huis van de Wijk closed at once."),
    "notice_places_closed_one": ("Het budget is te klein voor alle plekken: 1 van de {wanted} "
                                 "buurthuizen en Huizen van de Wijk ging meteen dicht.",
                                 "The budget is too small for all places: 1 of the {wanted} "
                                 "community centres and Huizen van de Wijk closed at once."),
})


# -- issue 19: scenario files the page may read, errors without server details, join code ----
TEXT.update({
    "scenario_uploaded": ("geüpload bestand", "uploaded file"),
    "reload": ("Opnieuw laden", "Load again"),
    "own_files_hint": ("De lijst toont de meegeleverde scenario's en de bestanden uit de map "
                       "die bij het starten is gekozen (wijksim app --scenarios MAP). Een "
                       "ander bestand: sleep het hieronder, of plak de tekst ervan.",
                       "The list shows the shipped scenarios and the files of the folder "
                       "chosen at start-up (wijksim app --scenarios DIR). Another file: drop "
                       "it below, or paste its text."),
    "drop_file": ("Sleep een .toml-scenariobestand hierheen",
                  "Drop a .toml scenario file here"),
    "paste_file": ("Of plak hier de tekst van een scenariobestand",
                   "Or paste the text of a scenario file here"),
    "load_text": ("Tekst laden", "Load text"),
    "no_text": ("Plak eerst de tekst van een scenariobestand.",
                "First paste the text of a scenario file."),
    "internal_error": ("Er ging iets mis in de app zelf (niet in je bestand). De details staan "
                       "in het logboek van de server; vraag de begeleider.",
                       "Something went wrong in the app itself (not in your file). The details "
                       "are in the server's log; ask the facilitator."),
    "gate_title": ("Deelnamecode", "Join code"),
    "gate_help": ("Deze app is open voor andere computers. Vul de code in die de begeleider "
                  "geeft.",
                  "This app is open to other computers. Enter the code the facilitator "
                  "gives you."),
    "gate_field": ("Code", "Code"),
    "gate_button": ("Verder", "Continue"),
    "gate_wrong": ("Die code klopt niet.", "That code is not right."),
    "gate_wait": ("Te veel pogingen: wacht {seconds} seconden.",
                  "Too many attempts: wait {seconds} seconds."),
})


def show_lever(lever, value, lang: str) -> str:
    """The lever's value in words for its label: '50%', '3', '160'."""
    if lever.kind == lv.SWITCH:
        return {("nl", True): "aan", ("nl", False): "uit", ("en", True): "on",
                ("en", False): "off"}[(lang, bool(value))]
    if lever.kind == lv.CHOICE:
        return t(f"regime_{value}", lang)
    if lever.kind == lv.OPTION:
        return t(f"lever_{lever.name}_{value}", lang)
    if lever.percent:
        return pct(float(value), lang)
    if lever.kind == lv.FLOAT:
        return num(float(value), lang, 0 if float(value).is_integer() else 2)
    return str(int(value))


# == scenario-file problems in Dutch (issue 16: validation messages in the page's language) ==
_ALLOWED_NL += [
    (r"a whole number of at least (\S+)(.*)", "een heel getal van minstens {0}{1}"),
    (r"a list of (\d+) numbers, each from (\S+) to (\S+)(.*)",
     "een lijst van {0} getallen, elk van {1} tot en met {2}{3}"),
    (r"a list of numbers, each from (\S+) to (\S+)(.*)", "een lijst getallen, elk van {0} tot "
                                                         "en met {1}{2}"),
    (r"a scenario name or path(.*)", "de naam of het pad van een scenario{0}"),
    (r"an existing file or a shipped scenario(.*)",
     "een bestaand bestand of een meegeleverd scenario{0}"),
    (r"a file that does not extend itself", "een bestand dat niet zichzelf uitbreidt"),
    (r"shares that add up to 1", "aandelen die samen 1 zijn"),
    (r"0 or a year after start_year(.*)", "0 of een jaar na start_year{0}"),
    (r"0 when there is no programme", "0 als er geen programma is"),
    (r"'buurthuis', 'community_work' or 'service' when buurtrechten.challenge is on",
     "'buurthuis', 'community_work' of 'service' als buurtrechten.challenge aan staat"),
    (r"a share above 0 \(up to 1\) when buurtrechten.wijkfonds is on",
     "een aandeel boven 0 (tot en met 1) als buurtrechten.wijkfonds aan staat"),
    (r"text in quotes", "tekst tussen aanhalingstekens"),
    (r"the name of a scenario this app offers(.*)",
     "de naam van een scenario dat deze app aanbiedt{0}"),
    (r"a known (key|section)", "een bekende {0}"),
]

# (English pattern, Dutch template): the reasons a scenario file can be refused for. A reason
# that matches none is shown as it is (tests/app/test_problem_words.py checks the bad-file corpus)
_REASONS_NL = [
    (r"unknown key '(.+?)'(.*)", "onbekende sleutel '{0}'{1}"),
    (r"unknown section '(.+?)'(.*)", "onbekende sectie '{0}'{1}"),
    (r"'(.+?)' is not inside a \[section\](.*); keys belong inside a section such as "
     r"\[funding\]", "'{0}' staat niet in een [sectie]{1}; sleutels horen in een sectie zoals "
                     "[funding]"),
    (r'"(.+?)" in quotes is one key whose name holds a dot, not the key (\S+) of \[(.+?)\]: '
     r"write (\S+) without quotes, or (\S+) under \[(.+?)\]",
     '"{0}" tussen aanhalingstekens is één sleutel met een punt in de naam, niet de sleutel {1} '
     "van [{2}]: schrijf {3} zonder aanhalingstekens, of {4} onder [{5}]"),
    (r"TOML syntax error at line (\d+), column (\d+): (.*)", "TOML-fout op regel {0}, kolom {1}: "
                                                             "{2}"),
    (r"TOML syntax error: (.*)", "TOML-fout: {0}"),
    (r"a section line is written \[name\], with the closing \] \(the TOML reader says: (.*)\)",
     "een sectieregel schrijf je als [naam], met de sluitende ] (de TOML-lezer zegt: {0})"),
    (r"this line is neither 'key = value' nor a \[section\]; if it is a comment, put a # in "
     r"front of it \(the TOML reader says: (.*)\)",
     "deze regel is geen 'sleutel = waarde' en geen [sectie]; is het commentaar, zet er dan een "
     "# voor (de TOML-lezer zegt: {0})"),
    (r'text needs quotes: write it as "(.+?)", not (\S+) \(the TOML reader says: (.*)\)',
     'tekst staat tussen aanhalingstekens: schrijf "{0}", niet {1} (de TOML-lezer zegt: {2})'),
    (r"a decimal number is written with a point, not a comma: (\S+), not (\S+) \(the TOML "
     r"reader says: (.*)\)", "een kommagetal schrijf je met een punt, niet met een komma: {0}, "
                             "niet {1} (de TOML-lezer zegt: {2})"),
    (r"a key or \[section\] is given twice; each may appear once in a file \(remove one, or put "
     r"the # back in front of the copy\) \(the TOML reader says: (.*)\)",
     "een sleutel of [sectie] staat er twee keer; elk mag maar één keer in een bestand (haal er "
     "een weg, of zet de # weer voor de kopie) (de TOML-lezer zegt: {0})"),
    (r"this looks like a summary line from the top of a file made by 'wijksim new': put the # "
     r"back, and change the key in its own \[section\] further down \(the TOML reader says: "
     r"(.*)\)", "dit lijkt een samenvattingsregel van bovenaan een bestand van 'wijksim new': "
                "zet de # terug en verander de sleutel in zijn eigen [sectie] verderop (de "
                "TOML-lezer zegt: {0})"),
    (r"a list is written \[0\.5, 0\.3, 0\.2\]: check its commas and the closing \] \(the TOML "
     r"reader says: (.*)\)", "een lijst schrijf je als [0.5, 0.3, 0.2]: kijk de komma's en de "
                             "sluitende ] na (de TOML-lezer zegt: {0})"),
    (r"true and false are written in lower case \(the TOML reader says: (.*)\)",
     "true en false schrijf je met kleine letters (de TOML-lezer zegt: {0})"),
    (r"\[meta\] name has (\d+) characters; expected 1 to (\d+)",
     "[meta] name heeft {0} tekens; toegestaan is 1 tot en met {1}"),
    (r"is not UTF-8 text: byte (\S+) at line (\d+), column (\d+) \(probably saved as "
     r"Windows-1252 or Latin-1\); save it as UTF-8 text.*",
     "is geen UTF-8-tekst: byte {0} op regel {1}, kolom {2} (waarschijnlijk opgeslagen als "
     "Windows-1252 of Latin-1); sla het op als UTF-8-tekst (in de meeste editors: Opslaan als... "
     "> Codering: UTF-8)"),
    (r"is saved as (\S+) text; save it as UTF-8 text.*",
     "is opgeslagen als {0}-tekst; sla het op als UTF-8-tekst (in de meeste editors: Opslaan "
     "als... > Codering: UTF-8)"),
    (r"is not a text file \(it contains NUL bytes\).*",
     "is geen tekstbestand (er staan NUL-bytes in): kies een .toml-scenariobestand"),
    (r"nests lists or tables more than (\d+) levels deep; a scenario or experiment file needs "
     r"at most (\d+)", "nest lijsten of tabellen meer dan {0} niveaus diep; een scenario- of "
                       "experimentbestand heeft er hooguit {1} nodig"),
    (r"the chain of files extending each other is longer than (\d+) files \((.*)\); let one of "
     r"them extend a shipped scenario", "de keten van bestanden die elkaar uitbreiden is langer "
                                        "dan {0} bestanden ({1}); laat er een een meegeleverd "
                                        "scenario uitbreiden"),
    (r"the file has no settings: start it with extends = \"(.+?)\" \(or another scenario\) and "
     r"the keys you want to change", 'het bestand bevat geen instellingen: begin met extends = '
                                     '"{0}" (of een ander scenario) en de sleutels die je wilt '
                                     "veranderen"),
    (r"is a folder, not a file.*", "is een map, geen bestand: kies een .toml-bestand"),
    (r"only scenarios of this app can be used here, by name, not a path",
     "hier kunnen alleen scenario's van deze app gebruikt worden, bij naam, niet met een pad"),
    (r"no such scenario file(.*)", "dit scenariobestand bestaat niet{0}"),
    (r"no such scenario(.*)", "dit scenario bestaat niet{0}"),
    (r"the name is empty", "de naam is leeg"),
    (r"cycle: (.*)", "kringloop: {0}"),
    (r"they add up to (\S+)", "samen zijn ze {0}"),
    (r"programme_share is 0, so there is no programme to stop",
     "programme_share is 0, dus er is geen programma om te stoppen"),
    (r'(\S+) = "(.+?)" needs (.+?), which the file does not set: (.*)',
     '{0} = "{1}" vraagt om {2}, die het bestand zelf niet zet: {3}'),
    (r"(\S+) and (\S+)", "{0} en {1}"),
    (r"populatiebesteding bases its budget on the wijk's zwaarte: say how strongly "
     r"\(population_weight, 0 to 2\) and against which municipal average "
     r"\(reference_vulnerability, 0\.01 to 0\.9\) under \[funding\.populatiebesteding\]",
     "populatiebesteding baseert het budget op de zwaarte van de wijk: zeg hoe sterk "
     "(population_weight, 0 tot 2) en ten opzichte van welk gemeentelijk gemiddelde "
     "(reference_vulnerability, 0,01 tot 0,9) onder [funding.populatiebesteding]"),
    (r"the right to challenge needs a task to challenge",
     "het uitdaagrecht heeft een taak nodig om uit te dagen"),
    (r"a wijkfonds needs money to allocate", "een wijkfonds heeft geld nodig om te verdelen"),
    (r"(.*) \(extended by (.+?)\)", "{0} (uitgebreid door {1})"),
]


_TAILS_NL = ((" - did you mean '", " - bedoel je '"), (", e.g. ", ", bijv. "),
             (" belongs under [", " hoort onder ["),
             ("], not [", "], niet onder ["), (" (extended by ", " (uitgebreid door "))


def problem_reason_text(reason: str, lang: str) -> str:
    """Why a scenario file was refused, in ``lang`` (the reasons of the loader and the TOML
    reader; one that no pattern knows stays as it is)."""
    if lang != "nl":
        return reason
    for pattern, template in _REASONS_NL:
        m = re.fullmatch(pattern, reason, flags=re.S)
        if m:
            # a part may be a reason of its own (the hint after 'TOML syntax error at ...')
            reason = template.format(*(problem_reason_text(g or "", lang) for g in m.groups()))
            break
    for en, nl in _TAILS_NL:
        reason = reason.replace(en, nl)
    return reason


def problem_text(problem, lang: str) -> str:
    """One problem of a scenario file in ``lang``, built like ``str(problem)`` (the value of
    a key is shown only where the problem allows it: never that of an unknown key)."""
    if lang != "nl":
        return str(problem)
    where = (f"{problem.file}: ".replace(" (extended by ", " (uitgebreid door ")
             if problem.file else "")
    reason = problem_reason_text(problem.reason, lang) if problem.reason else ""
    if problem.reason and not problem.show_value:
        return where + reason
    if not problem.key:
        return where + (reason or "ongeldig") + (
            f" (verwacht: {allowed_text(problem.allowed, lang)})"
            if problem.allowed and not problem.reason else "")
    head = str(problem).split(" is not allowed: expected ", 1)[0].replace(
        " (extended by ", " (uitgebreid door ")
    return (f"{head} kan niet: verwacht {allowed_text(problem.allowed, lang)}"
            + (f" ({reason})" if reason else ""))
