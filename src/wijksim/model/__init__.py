"""The wijk model: one module per entity or mechanism family; ``WijkModel`` ties them together.

``WijkModel`` and ``OUTCOMES`` load on first use (PEP 562), so that code which only needs a
module of the model without Mesa and Numba (the table of outcomes, the snapshot cache's
paths) does not pay their import: a sweep's main process starts its runs a second sooner.
"""

from ._numerics.compiled_cache import use_versioned_cache

use_versioned_cache()  # before any kernel is defined: Numba's cache, per code version

__all__ = ["OUTCOMES", "WijkModel"]


def __getattr__(name: str):
    if name == "WijkModel":
        from .wijk import WijkModel

        return WijkModel
    if name == "OUTCOMES":
        from .outcome_names import OUTCOMES

        return OUTCOMES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
