"""The current code reproduces the stored reference runs exactly (tests/reference.py).

A failure here means the model's numbers moved. If that was the intention, regenerate the
reference runs with ``make reference`` in a commit of its own that says why; if not, the change
that claimed to leave results unchanged did not.
"""

import pandas as pd
import pytest

from tests.reference import path_of, reference_run, scenario_names


def test_every_shipped_scenario_has_a_reference_run():
    missing = [n for n in scenario_names() if not path_of(n, "outcomes").exists()]
    assert not missing, f"no stored reference run for {missing}: run make reference"


@pytest.mark.parametrize("name", scenario_names())
def test_reference_run_unchanged(name):
    now = reference_run(name)
    for part, frame in now.items():
        stored = pd.read_parquet(path_of(name, part))
        if part == "events" and stored.empty and frame.empty:
            continue
        pd.testing.assert_frame_equal(frame, stored, check_exact=True,
                                      obj=f"{name} {part}")
