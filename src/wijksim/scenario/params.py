"""Scenario values as typed, read-only attributes: ``p.funding.tender.contract_years``.

One frozen dataclass per schema section (``p.run``, ``p.funding.tender``, ...), its fields
named and typed by the schema's keys (wijksim.scenario.schema). The classes are written out in
:mod:`wijksim.scenario.paramtypes`, generated from the schema by ``make docs``
(:mod:`wijksim.scenario.typegen`), so a reader and a type checker see every field, and the
schema stays the one list of every number the model reads: a key missing from a scenario, or a
misspelt attribute, is an error at once rather than a silent default, and the model cannot
change a scenario value while it runs.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, Mapping

from .paramtypes import SECTION_TYPES, ScenarioParams
from .schema import SECTIONS


def _check_in_step() -> None:
    """Every schema key is a field of the generated classes and every field a key."""
    schema_keys = {k.name for s in SECTIONS for k in s.keys}
    generated = set()
    for path, cls in SECTION_TYPES.items():
        for f in fields(cls):
            full = f"{path}.{f.name}" if path else f.name
            if full not in SECTION_TYPES:
                generated.add(full)
    if generated != schema_keys:
        diff = sorted(generated ^ schema_keys)
        raise RuntimeError("paramtypes.py is out of step with the scenario schema (keys "
                           f"{', '.join(diff[:5])}{' ...' if len(diff) > 5 else ''}): run "
                           "make docs")


class Params:
    """Builds the typed parameters of a scenario (its flat dotted values)."""

    checked = False

    @classmethod
    def from_flat(cls, values: Mapping[str, Any]) -> ScenarioParams:
        if not cls.checked:
            _check_in_step()
            cls.checked = True

        def build(path: str):
            section = SECTION_TYPES[path]
            args = {}
            for f in fields(section):
                full = f"{path}.{f.name}" if path else f.name
                args[f.name] = build(full) if full in SECTION_TYPES else values[full]
            return section(**args)

        return build("")
