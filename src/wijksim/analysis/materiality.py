"""Materiality: for every main outcome, the smallest difference that matters.

Stated here, before any result is read, and read by reports, the validation page, the README's
numbers and the tests alike: an effect is called *material* only when it passes this line (and
its 95 % interval excludes zero). A difference can be real (interval away from zero) and still
too small to matter; the reports say both.

Each threshold is an argument, not a fit: where a published scale exists it uses the resolution
at which Dutch surveys report the figure (whole percentage points); elsewhere it is marked as an
assumption with the reasoning. Changing a threshold changes verdicts everywhere at once, which
is the point: it lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Threshold:
    """The smallest difference in ``outcome`` that counts as material."""

    outcome: str
    smallest: float  # absolute difference in the outcome's own unit, or a relative share
    kind: Literal["absolute", "relative"]
    better: Literal["up", "down"]  # which direction is better for the wijk
    low: float | None  # possible range of the outcome (None = unbounded)
    high: float | None
    unit: str
    argument: str

    def limit(self, baseline: float) -> float:
        """The threshold in the outcome's unit, given the baseline's value."""
        if self.kind == "relative":
            return abs(baseline) * self.smallest
        return self.smallest

    def is_material(self, difference: float, baseline: float) -> bool:
        return abs(difference) >= self.limit(baseline)

    def is_better(self, difference: float) -> bool:
        return difference > 0 if self.better == "up" else difference < 0


_T = Threshold
THRESHOLDS: dict[str, Threshold] = {t.outcome: t for t in (
    _T("cohesion", 0.01, "relative", "up", 0.0, None, "tie strength per resident",
       "Assumption: 1 % of the wijk's mean weighted degree, about a third of the spread between "
       "seeds of a 3,000-resident wijk over a year; smaller shifts are below what any survey "
       "of neighbourhood contact could detect."),
    _T("vraagverlegenheid", 0.01, "absolute", "down", 0.0, 1.0, "0-1 scale",
       "Assumption kept from the validation work: 0.01 on the 0-1 scale (about 2 % of the "
       "wijk mean of 0.55), a twentieth of the spread of v between residents."),
    _T("hidden_need_share", 0.005, "absolute", "down", 0.0, 1.0, "share of residents",
       "Half a percentage point: a quarter of the default hidden share (about 2 %), i.e. one "
       "more resident in 200 whose problem nobody knows."),
    _T("escalations", 0.10, "relative", "down", 0.0, None, "escalations per year",
       "Assumption: 10 % of the baseline rate; escalations are rare events, and a smaller "
       "relative change is within the year-to-year variation of a municipality's specialised "
       "care referrals."),
    _T("trust", 0.01, "absolute", "up", 0.0, 1.0, "0-1 scale",
       "One percentage point on the 0-1 trust scale, the resolution at which CBS reports trust "
       "in institutions."),
    _T("wijkkennis", 0.05, "absolute", "up", 0.0, 1.0, "0-1 scale",
       "Assumption: 0.05 on the 0-1 scale, about an eighth of what one lost tender removes "
       "(0.38, docs/validation.md pattern 1)."),
    _T("lonely_share", 0.01, "absolute", "down", 0.0, 1.0, "share of adults and seniors",
       "One percentage point, the resolution at which CBS and the GGD monitor report "
       "loneliness."),
    _T("initiatives", 0.10, "relative", "up", 0.0, None, "initiatives alive",
       "Assumption: 10 % of the baseline count; with a few initiatives per wijk a smaller "
       "change is a fraction of one initiative."),
    _T("volunteers", 0.05, "relative", "up", 0.0, None, "residents",
       "Assumption: 5 % of the baseline number of volunteers."),
    _T("prof_trust", 0.01, "absolute", "up", 0.0, 1.0, "0-1 scale",
       "One point on the 0-1 resident-professional trust scale, as for trust."),
    _T("unmet_share", 0.01, "absolute", "down", 0.0, 1.0, "share of residents in need",
       "One percentage point, the resolution of the Dutch figures on unmet support needs."),
    _T("escalation_cost", 0.10, "relative", "down", 0.0, None, "euro",
       "Assumption: 10 %, as for escalations (the cost follows their count)."),
    _T("spend_total", 0.01, "relative", "down", 0.0, None, "euro",
       "Assumption: 1 % of the budget, the margin a municipality's social-domain budget moves "
       "by within a year without a policy decision."),
)}

MAIN = ("cohesion", "vraagverlegenheid", "hidden_need_share", "escalations", "trust",
        "wijkkennis", "lonely_share", "initiatives")


def threshold(outcome: str) -> Threshold | None:
    """The stated threshold of ``outcome``, or None where none is stated."""
    return THRESHOLDS.get(outcome)


def verdict(outcome: str, difference: float, low: float, high: float, baseline: float) -> str:
    """One word for a difference with its 95 % interval: 'material', 'small' or 'unclear'.

    'material' needs the interval to exclude zero *and* the point estimate to pass the
    threshold; 'small' means the interval excludes zero but the effect does not pass it;
    'unclear' means the interval includes zero.
    """
    t = THRESHOLDS[outcome]
    if low <= 0.0 <= high:
        return "unclear"
    return "material" if t.is_material(difference, baseline) else "small"
