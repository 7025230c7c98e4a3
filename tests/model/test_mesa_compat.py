"""wijksim as a client of Mesa's own tools: batch_run, agents, DataCollector, SolaraViz."""

import mesa
import numpy as np
import pytest

from tests.conftest import make_model
from wijksim import WijkModel
from wijksim.model.residents import Resident


def test_batch_run_runs_the_model_class_unchanged():
    results = mesa.batch_run(
        WijkModel,
        parameters={"seed": [1, 2], "scenario": "subsidy", "wijk.residents": 300,
                    "run.years": 1, "run.burn_in_weeks": 4},
        number_processes=1, iterations=1, data_collection_period=1, max_steps=200,
        display_progress=False)
    # each run stops itself after 52 weeks; batch_run reports steps 0..51
    assert len(results) == 2 * 52 and {r["Step"] for r in results} == set(range(52))
    by_seed = {}
    for row in results:
        by_seed.setdefault(row["seed"], []).append(row["cohesion"])
    assert by_seed[1] != by_seed[2]
    assert {"Step", "cohesion", "vraagverlegenheid", "hidden_need_share"} <= set(results[0])


def test_residents_are_mesa_agents_reading_the_arrays():
    m = make_model()
    agents = m.agents_by_type[Resident]
    assert len(agents) == m.residents.n
    a = m.resident_agents[7]
    assert a.cell in m.grid.all_cells.cells and a.cell.coordinate == (m.residents.x[7],
                                                                      m.residents.y[7])
    m.residents.v[7] = 0.123
    assert a.vraagverlegenheid == pytest.approx(0.123)
    assert agents.agg("vraagverlegenheid", np.mean) == pytest.approx(m.residents.v.mean())


def test_datacollector_matches_outcomes():
    m = make_model()
    m.run(5)
    dc = m.datacollector.get_model_vars_dataframe()
    assert list(dc["cohesion"]) == list(m.outcomes()["cohesion"])


def test_solaraviz_accepts_the_model():
    solara = pytest.importorskip("solara")
    from mesa.visualization import SolaraViz, make_plot_component, make_space_component

    m = make_model()

    def portrayal(agent):
        if isinstance(agent, Resident):
            return {"color": "tab:blue", "size": 2}
        return {"color": "tab:red", "size": 20}

    page = SolaraViz(m, components=[make_space_component(portrayal),
                                    make_plot_component("cohesion")], name="wijksim")
    box, rc = solara.render(page, handle_error=False)
    assert rc is not None


def test_a_finished_wijk_is_freed():
    """Mesa 3.3 keeps every model in ``Agent._ids`` (mesa#3179): a sweep worker running a
    hundred wijken kept them all. wijksim holds those counters weakly (model/agent_ids.py)."""
    import gc
    import weakref

    refs = []
    for seed in (1, 2, 3):
        m = make_model(seed=seed)
        m.run()
        refs.append(weakref.ref(m))
        del m
    gc.collect()
    assert [r() for r in refs] == [None, None, None]

