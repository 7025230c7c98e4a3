"""wijksim as an EMA Workbench model: exploratory modelling with the tools of the field.

:func:`ema_model` turns a scenario into an ``ema_workbench.Model`` whose uncertainties and
levers are the scenario keys marked in the schema (``UNCERTAINTIES`` and ``LEVERS`` in
wijksim.scenario.schema, with their plausible ranges and the key's type) and whose outcomes
are wijksim outcomes (their last-year value, as in every report: the mean over the last 52
weeks for states, the year's total for counts and costs, averaged over the replicate
seeds)::

    from ema_workbench import MultiprocessingEvaluator, perform_experiments, save_results
    from wijksim.ema import ema_model, policies

    model = ema_model("tender_3y", seeds=(1, 2), residents=3000, years=6)
    with MultiprocessingEvaluator(model, n_processes=2) as evaluator:
        experiments, outcomes = evaluator.perform_experiments(
            scenarios=50, policies=policies("tender_3y", "tender_9y", "subsidy",
                                        "populatiebesteding"))
    save_results((experiments, outcomes), "regimes_50.tar.gz")

EMA names must be Python identifiers, so a key's dots become double underscores in EMA
(``funding__tender__staff_moves``); :func:`key_of` turns them back. The lever
``base_scenario`` picks the base scenario each run starts from (a funding regime is a whole
scenario file, not one key), so :func:`policies` makes one EMA Policy per shipped regime.

Every run is fixed by its scenario and seed, so the results do not depend on the evaluator
or on the number of processes. A run that fails returns NaN outcomes and logs the error:
with EMA 2.5.3 an exception in a MultiprocessingEvaluator worker hangs
``perform_experiments`` forever.
"""

from __future__ import annotations

import logging
import math
from typing import Any, Iterable, Mapping, Sequence

from .analysis.materiality import MAIN, THRESHOLDS
from .scenario import KEYS, Scenario, load_scenario
from .scenario.schema import LEVERS, UNCERTAINTIES

_log = logging.getLogger(__name__)
POLICY = "base_scenario"  # not "policy": EMA names its own column so


def ema_name(key: str) -> str:
    """The EMA name of a scenario key (a Python identifier)."""
    return key.replace(".", "__")


def key_of(name: str) -> str:
    """The scenario key of an EMA name."""
    return name.replace("__", ".")


def parameter(key: str, rng: tuple | None = None):
    """An EMA parameter for a scenario key: Real, Integer, Boolean or Categorical by the
    key's type, over ``rng`` (default: its range in UNCERTAINTIES/LEVERS)."""
    from ema_workbench import (BooleanParameter, CategoricalParameter, IntegerParameter,
                               RealParameter)

    k = KEYS[key]
    rng = rng if rng is not None else {**UNCERTAINTIES, **LEVERS}[key]
    name = ema_name(key)
    if k.type is bool:
        return BooleanParameter(name, variable_name=key)
    if k.type is str:
        return CategoricalParameter(name, list(rng), variable_name=key)
    lo, hi = rng
    if k.type is int:
        return IntegerParameter(name, int(lo), int(hi), variable_name=key)
    return RealParameter(name, float(lo), float(hi), variable_name=key)


class WijkRunner:
    """The model function EMA calls: ``runner(**{key: value})`` -> {outcome: value}.

    A picklable object (not a closure), so MultiprocessingEvaluator can send it to workers.
    """

    def __init__(self, base: str | Scenario, seeds: Sequence[int], outcomes: Sequence[str],
                 overrides: Mapping[str, Any]):
        self.base = base if isinstance(base, str) else base.name
        self.seeds = tuple(seeds)
        self.outcomes = tuple(outcomes)
        self.overrides = dict(overrides)

    def __call__(self, **values: Any) -> dict[str, float]:
        try:
            return self._run(values)
        except Exception as exc:  # noqa: BLE001 - see the module docstring (EMA MP hang)
            _log.error("wijksim run failed for %s: %s", values, exc)
            return dict.fromkeys(self.outcomes, math.nan)

    def _run(self, values: Mapping[str, Any]) -> dict[str, float]:
        from .analysis.stats import end_values
        from .model import WijkModel

        values = dict(values)
        base = values.pop(POLICY, None) or self.base
        over = {**self.overrides, **{key_of(k): _plain(v) for k, v in values.items()}}
        scen = load_scenario(base, overrides=over)
        ends = []
        for seed in self.seeds:
            df = WijkModel(scen, seed=seed).run()
            df = df.assign(run_id=str(seed), label=scen.name, point=0, seed=seed)
            ends.append(end_values(df, self.outcomes))
        import pandas as pd

        mean = pd.concat(ends)[list(self.outcomes)].mean()
        return {o: float(mean[o]) for o in self.outcomes}


def _plain(v: Any) -> Any:
    """numpy scalars as Python values (the scenario loader checks types)."""
    return v.item() if hasattr(v, "item") else v


def ema_model(scenario: str | Scenario = "tender_3y", *,
              uncertainties: Iterable[str] | Mapping[str, tuple] | None = None,
              levers: Iterable[str] | Mapping[str, tuple] | None = None,
              outcomes: Iterable[str] = MAIN, seeds: Sequence[int] = (1,),
              residents: int | None = None, years: int | None = None,
              overrides: Mapping[str, Any] | None = None,
              regimes: Sequence[str] = ("tender_3y", "tender_9y", "subsidy",
                                         "populatiebesteding")):
    """An ``ema_workbench.Model`` of ``scenario``.

    ``uncertainties`` and ``levers``: scenario keys (their schema ranges) or {key: range};
    default every key in the schema's UNCERTAINTIES and LEVERS that the scenario can vary.
    ``regimes`` become the categorical lever ``base_scenario`` (the base scenario of a run).
    ``outcomes``: wijksim outcomes, each a ScalarOutcome of its last-year value averaged over
    ``seeds``, with its direction and possible range (:func:`outcome`). ``residents``, ``years`` and ``overrides`` are fixed for every run (and shown
    as EMA constants).
    """
    from ema_workbench import CategoricalParameter, Constant, Model

    from .model.outcome_names import OUTCOMES
    from .scenario import Problem, ScenarioError

    unc = _ranges(uncertainties, UNCERTAINTIES)
    lev = _ranges(levers, LEVERS)
    outcomes = list(outcomes)
    bad = [o for o in outcomes if o not in OUTCOMES]
    bad_keys = [k for k in [*unc, *lev] if k not in KEYS]
    if bad or bad_keys:
        raise ScenarioError([Problem("wijksim.ema", "outcomes" if o in bad else "key", o,
                                     "a wijksim outcome" if o in bad else "a scenario key")
                             for o in [*bad, *bad_keys]])
    fixed = dict(overrides or {})
    if residents is not None:
        fixed["wijk.residents"] = residents
    if years is not None:
        fixed["run.years"] = years
    base = load_scenario(scenario, overrides=fixed)  # checked now, not in a worker
    for r in regimes:
        load_scenario(r, overrides=fixed)
    model = Model("wijksim" + "".join(c for c in base.name if c.isalnum()),
                  function=WijkRunner(scenario if isinstance(scenario, str) else base,
                                      seeds, outcomes, fixed))
    model.uncertainties = [parameter(k, r) for k, r in unc.items()]
    levers_ = [parameter(k, r) for k, r in lev.items()]
    if regimes:
        levers_.append(CategoricalParameter(POLICY, list(regimes)))
    model.levers = levers_
    model.outcomes = [outcome(o) for o in outcomes]
    model.constants = [Constant(ema_name(k), v) for k, v in fixed.items()
                       if not isinstance(v, list)]
    return model


def outcome(name: str):
    """An EMA ScalarOutcome that knows which way is better for the wijk and what values are
    possible, so EMA's optimisation, robustness and normalisation need no second list: kind
    MAXIMIZE/MINIMIZE from the direction in wijksim.analysis.materiality (INFO where it
    states none), expected_range where the outcome is bounded on both sides (shares and 0-1
    scales: (0, 1); counts and money have no upper bound, so none is set)."""
    from ema_workbench import ScalarOutcome

    from .analysis.stats import outcome_range

    t = THRESHOLDS.get(name)
    kind = ScalarOutcome.INFO if t is None else (
        ScalarOutcome.MAXIMIZE if t.better == "up" else ScalarOutcome.MINIMIZE)
    low, high = outcome_range(name)
    bounded = low is not None and high is not None
    return ScalarOutcome(name, kind=kind, expected_range=(low, high) if bounded else None)


def _ranges(chosen, table: Mapping[str, tuple]) -> dict[str, tuple]:
    if chosen is None:
        return dict(table)
    if isinstance(chosen, Mapping):
        return {k: tuple(v) for k, v in chosen.items()}
    return {k: table.get(k) or _schema_range(k) for k in chosen}


def _schema_range(key: str) -> tuple:
    k = KEYS[key]
    if k.type is bool:
        return (False, True)
    if k.choices:
        return tuple(k.choices)
    return (k.lo, k.hi)


def policies(*names: str):
    """One EMA Policy per base scenario (funding regime), for perform_experiments."""
    from ema_workbench import Policy

    return [Policy(n, **{POLICY: n}) for n in names]
