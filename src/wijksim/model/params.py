"""Scenario values as typed, read-only attributes: ``p.funding.tender.contract_years``.

One frozen dataclass per schema section (``Params.run``, ``Params.funding.tender``, ...), its
fields named and typed by the schema's keys (wijksim.scenario.schema), so the schema stays
the one list of every number the model reads: a key missing from a scenario, or a misspelt
attribute, is an error at once rather than a silent default, and the model cannot change a
scenario value while it runs.
"""

from __future__ import annotations

from dataclasses import fields, make_dataclass
from typing import Any, Mapping

from ..scenario.schema import SECTIONS


def _section_types() -> dict[str, type]:
    """A frozen dataclass for every section path ('' is the root), children before parents."""
    paths = {""} | {s.name for s in SECTIONS}
    for s in SECTIONS:  # parents of nested sections ('funding' of 'funding.tender')
        parts = s.name.split(".")
        paths |= {".".join(parts[:k]) for k in range(1, len(parts))}
    keys = {s.name: s.keys for s in SECTIONS}
    types: dict[str, type] = {}
    for path in sorted(paths, key=lambda x: -x.count(".") if x else 1):
        children = [c for c in paths if c and c.rpartition(".")[0] == path and c != path]
        spec = [(k.name.rpartition(".")[2], k.type) for k in keys.get(path, [])]
        spec += [(c.rpartition(".")[2], types[c]) for c in sorted(children)]
        name = "".join(part.title() for part in path.split(".")) + "Params" if path else \
            "ScenarioParams"
        cls = make_dataclass(name, spec, frozen=True)
        cls.__module__ = __name__  # a class of this module (make_dataclass of Python 3.11)
        types[path] = cls
    return types


SECTION_TYPES = _section_types()
globals().update({cls.__name__: cls for cls in SECTION_TYPES.values()})  # so pickle finds them


class Params:
    """Builds the typed parameters of a scenario (its flat dotted values)."""

    @staticmethod
    def from_flat(values: Mapping[str, Any]):
        def build(path: str):
            cls = SECTION_TYPES[path]
            args = {}
            for f in fields(cls):
                full = f"{path}.{f.name}" if path else f.name
                args[f.name] = build(full) if full in SECTION_TYPES else values[full]
            return cls(**args)

        return build("")
