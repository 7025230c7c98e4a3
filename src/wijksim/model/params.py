"""Scenario values as nested attributes: ``p.funding.tender.contract_years``."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Mapping


class Params(SimpleNamespace):
    """Read-only-by-convention view of a flat dotted scenario dict."""

    @classmethod
    def from_flat(cls, values: Mapping[str, Any]) -> "Params":
        root = cls()
        for name, val in values.items():
            node = root
            *parts, leaf = name.split(".")
            for part in parts:
                if not hasattr(node, part):
                    setattr(node, part, cls())
                node = getattr(node, part)
            setattr(node, leaf, val)
        return root
