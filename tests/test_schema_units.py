"""Units and sources of the scenario keys: what docs/scenario-keys.md tells a reader.

A key whose description speaks of a rate per week or year, of hours or of euros must say so
in its unit column; keys taken from the literature, and the keys of the issue-17 mechanisms
(buurtrechten, burgercollectieven, populatiebesteding, prevention), must name the passage of
docs/sources.md they stand for.
"""

import re

from wijksim.scenario import KEYS
from wijksim.scenario.schema import LITERATURE, Key

UNIT_WORDS = re.compile(r"\b(weekly|per week|yearly|per year|hours?|euros?)\b", re.I)
SOURCED_SECTIONS = ("buurtrechten", "collectives", "funding.populatiebesteding", "prevention")


def is_numeric(key: Key) -> bool:
    values = key.default if isinstance(key.default, list) else [key.default]
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def keys_missing_a_unit(keys) -> list[str]:
    """Numeric keys whose doc names a weekly/yearly rate, hours or euros but give no unit."""
    return [k.name for k in keys if is_numeric(k) and not k.unit and UNIT_WORDS.search(k.doc)]


def keys_missing_a_source(keys) -> list[str]:
    """Literature keys and keys of the issue-17 sections that cite no passage."""
    need = [k for k in keys if k.status == LITERATURE
            or any(k.name.startswith(s + ".") for s in SOURCED_SECTIONS)]
    return [k.name for k in need if not k.source.strip()]


def test_every_key_whose_doc_names_a_rate_hours_or_euros_has_a_unit():
    assert keys_missing_a_unit(KEYS.values()) == []


def test_the_unit_check_catches_a_weekly_rate_without_unit():
    bad = Key("x.rate", 0.1, "Weekly chance that something happens.", 0.0, 1.0)
    good = Key("x.rate", 0.1, "Weekly chance that something happens.", 0.0, 1.0, "per week")
    assert keys_missing_a_unit([bad, good]) == ["x.rate"]


def test_literature_keys_and_issue_17_keys_cite_a_passage():
    assert keys_missing_a_source(KEYS.values()) == []


def test_the_source_check_catches_a_literature_key_without_source():
    bad = Key("wijk.x", 0.1, "A published figure.", 0.0, 1.0, status=LITERATURE)
    new = Key("collectives.x", 0.1, "A collective's rule.", 0.0, 1.0)
    ok = Key("collectives.y", 0.1, "A collective's rule.", 0.0, 1.0, source="000-zorgzaam")
    assert keys_missing_a_source([bad, new, ok]) == ["wijk.x", "collectives.x"]
