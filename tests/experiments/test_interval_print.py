"""What the command line prints for an interval (issue 15): 'mean ± half-width' only where the
interval is symmetric at the precision shown; a logit interval of a share or a bounded one of a
count is printed as 'mean [low, high]', so no end is shown where it is not."""

from types import SimpleNamespace

import pandas as pd

from wijksim.analysis.report import fmt_pm
from wijksim.experiments.cli import print_comparison


def test_symmetric_intervals_keep_plus_minus_and_asymmetric_ones_show_their_ends():
    assert fmt_pm("cohesion", 2.50, 2.40, 2.60) == "2.50 ± 0.10"
    assert fmt_pm("lonely_share", 0.02, 0.005, 0.06) == "2.0% [0.5%, 6.0%]"
    assert fmt_pm("initiatives", 2.8, 0.4, 6.1) == "2.8 [0.4, 6.1]"  # bounded below by 0
    # asymmetric only beyond the shown precision: still '±'
    assert fmt_pm("cohesion", 2.500, 2.400, 2.6002) == "2.50 ± 0.10"


def test_the_comparison_printout_never_puts_plus_minus_on_an_asymmetric_interval(capsys):
    summary = pd.DataFrame([
        ("lonely_share", "tender_3y", 0.020, 0.005, 0.060),
        ("lonely_share", "subsidy", 0.300, 0.280, 0.320),
        ("cohesion", "tender_3y", 2.50, 2.40, 2.60),
        ("cohesion", "subsidy", 2.55, 2.45, 2.65)],
        columns=["outcome", "label", "mean", "low", "high"])
    res = SimpleNamespace(outcomes=["lonely_share", "cohesion"], labels=["tender_3y"],
                          manifest={"seeds": [1, 2, 3]},
                          summary=lambda outcomes: summary[summary.label == "tender_3y"])
    print_comparison(res)
    out = capsys.readouterr().out
    assert "mean [low, high] where it is not symmetric" in out
    lonely = next(line for line in out.splitlines() if line.lower().startswith("lonel"))
    assert "[0.5%, 6.0%]" in lonely and "±" not in lonely
    cohesion = next(line for line in out.splitlines() if line.lower().startswith("cohesion"))
    assert "2.50 ± 0.10" in cohesion
