"""wijksim: a Dutch neighbourhood (wijk) as a social ecosystem.

Compare periodic tendering (aanbesteden) with multi-year, area-based subsidies (meerjarige
subsidiering) of the social base, on social cohesion, vraagverlegenheid and more.
"""

from ._version import __version__
from .model import OUTCOMES, WijkModel
from .scenario import Scenario, ScenarioError, load_scenario

__all__ = ["OUTCOMES", "Scenario", "ScenarioError", "WijkModel", "__version__", "load_scenario"]
