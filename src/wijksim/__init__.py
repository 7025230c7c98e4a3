"""wijksim: a Dutch neighbourhood (wijk) as a social ecosystem.

Compare periodic tendering (aanbesteden) with multi-year, area-based subsidies (meerjarige
subsidiering) of the social base, on social cohesion, vraagverlegenheid and more.
"""

from ._version import __version__
from .scenario import Scenario, ScenarioError, load_scenario

__all__ = ["OUTCOMES", "Scenario", "ScenarioError", "WijkModel", "__version__", "load_scenario"]


def __getattr__(name: str):
    """``WijkModel`` and ``OUTCOMES`` on first use: the model brings Mesa, Numba and pandas
    (about a second of imports), and ``wijksim compare`` or ``sweep`` starts its worker
    processes before it needs them (``experiments.executor.start_workers_early``)."""
    if name in ("WijkModel", "OUTCOMES"):
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module 'wijksim' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The lazy names too, for tab completion in a notebook."""
    return sorted({*globals(), *__all__})
