"""Scenario files: schema, loading, validation, regime terms."""

from .errors import Problem, ScenarioError
from .loader import Scenario, load_scenario, scenario_hash, shipped_scenarios
from .schema import KEYS, SECTIONS, defaults

__all__ = ["KEYS", "SECTIONS", "Problem", "Scenario", "ScenarioError", "defaults",
           "load_scenario", "scenario_hash", "shipped_scenarios"]
