"""The wijk model: one module per entity or mechanism family; ``WijkModel`` ties them together."""

from ._numerics.compiled_cache import use_versioned_cache

use_versioned_cache()  # before any kernel is defined: Numba's cache, per code version

from .outcomes import OUTCOMES  # noqa: E402
from .wijk import WijkModel  # noqa: E402

__all__ = ["OUTCOMES", "WijkModel"]
