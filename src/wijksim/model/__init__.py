"""The wijk model: one module per entity or mechanism family; ``WijkModel`` ties them together."""

from .outcomes import OUTCOMES
from .wijk import WijkModel

__all__ = ["OUTCOMES", "WijkModel"]
