"""The typed scenario parameters (wijksim.scenario.paramtypes) are in step with the schema."""

import pickle
from dataclasses import FrozenInstanceError, fields
from typing import get_type_hints

import pytest

from wijksim.scenario import paramtypes
from wijksim.scenario.params import Params
from wijksim.scenario.typegen import GENERATED, source
from wijksim.scenario.schema import KEYS, defaults


def test_generated_module_matches_the_schema():
    assert GENERATED.read_text(encoding="utf-8") == source(), (
        "src/wijksim/scenario/paramtypes.py is out of step with the scenario schema: run make docs")


def test_every_key_is_a_typed_field():
    seen = set()
    for path, cls in paramtypes.SECTION_TYPES.items():
        hints = get_type_hints(cls, vars(paramtypes))
        for f in fields(cls):
            full = f"{path}.{f.name}" if path else f.name
            if full in paramtypes.SECTION_TYPES:
                assert hints[f.name] is paramtypes.SECTION_TYPES[full]
                continue
            key = KEYS[full]
            want = key.type
            got = hints[f.name]
            assert (getattr(got, "__origin__", got)) is want, full
            seen.add(full)
    assert seen == set(KEYS)


def test_params_are_read_only_and_spelt_right():
    p = Params.from_flat(defaults())
    assert p.funding.tender.contract_years == KEYS["funding.tender.contract_years"].default
    assert p.places.youth_appeal == KEYS["places.youth_appeal"].default
    with pytest.raises(FrozenInstanceError):
        p.help.premie = 0.5
    with pytest.raises(AttributeError):
        p.help.premium  # noqa: B018 - a misspelt key is an error, not a default
    assert pickle.loads(pickle.dumps(p)) == p  # worker processes receive it


def test_a_missing_key_is_an_error():
    values = defaults()
    del values["help.premie"]
    with pytest.raises(KeyError):
        Params.from_flat(values)
