"""The funding cycle (docs/ODD.md 7.6): welfare providers, contract or subsidy periods, renewals.

The model does not know which regime it is in. It knows generic terms (scenario/regimes.py): a
period, the chance the provider changes when a period ends, the share of staff that moves along
to the new provider, a transition with lower productivity during which clients of departed staff
wait for hand-over, extra turnover while a renewal is uncertain, and the overhead of a renewal
round (lawyers, consultants, bid writing: 004 H8). Under aanbesteden a re-tender can hand the
wijk to another provider, and staff who do not move along take their wijkkennis and their
clients' trust with them (004 H1). Under meerjarige subsidiering the partnership is renewed.
"""

from __future__ import annotations

import mesa


class WelfareProvider(mesa.Agent):
    """A welfare organisation that employs professionals and bids for the wijk's contract."""

    def __init__(self, model, name: str):
        super().__init__(model)
        self.name = name
        self.periods_held = 0

    @property
    def staff(self) -> list:
        return [p for p in self.model.team.members if p.provider is self]


class FundingCycle:
    """Periods, renewals and provider changes."""

    def __init__(self, model, providers: list[WelfareProvider]):
        self.model = model
        self.providers = providers
        self.incumbent = providers[0]
        self.incumbent.periods_held = 1
        self.changes = 0

    @property
    def terms(self):
        return self.model.terms

    def renewal_due(self, week: int) -> bool:
        return week > 0 and week % self.terms.period_weeks == 0

    def weeks_to_renewal(self) -> int:
        """Weeks until the next renewal (the first one falls after one full period)."""
        period, week = self.terms.period_weeks, self.model.week
        nxt = max(period, (week // period + 1) * period)
        return nxt - week

    def renewal_uncertain_soon(self) -> bool:
        """Within half a year of a renewal whose outcome is uncertain."""
        return self.terms.p_provider_change > 0 and self.weeks_to_renewal() <= 26

    def renewal_overhead(self) -> float:
        return self.terms.renewal_overhead_share * self.model.municipality.base_budget()

    def renew_if_due(self) -> None:
        """At the end of a period: renew, or hand the wijk to another provider."""
        if self.renewal_due(self.model.week):
            self.renew()

    def renew(self) -> None:
        m, t = self.model, self.terms
        overhead = self.renewal_overhead()
        m.tally.spend_overhead += overhead
        rng = m.streams.funding
        if t.p_provider_change > 0 and rng.random() < t.p_provider_change \
                and len(self.providers) > 1:
            others = [p for p in self.providers if p is not self.incumbent]
            new = others[int(rng.integers(0, len(others)))]
            self.change_provider(new)
        else:
            self.incumbent.periods_held += 1
            if t.p_provider_change > 0 or overhead > 0:
                m.log_event("tender_won", f"{self.incumbent.name} keeps the contract")
            else:
                m.log_event("renewal", "multi-year funding renewed")

    def change_provider(self, new: WelfareProvider) -> None:
        """The incumbent lost: staff move along or leave; a transition begins."""
        m, t, team = self.model, self.terms, self.model.team
        old = self.incumbent
        staying = 0
        draws = m.streams.funding.random(len(team.members))
        for prof, u in zip(list(team.members), draws):
            if u < t.staff_continuity:
                prof.provider = new
                staying += 1
            else:
                role = prof.role
                team.leave(prof, "lost tender", replace=False,
                           handover_weeks=max(1, t.transition_weeks // 2))
                team.hire(role, new)  # the new provider staffs up at once
        team.assign_hours()
        # vacancies are now the new provider's to fill
        self.incumbent = new
        new.periods_held = 1
        self.changes += 1
        team.transition_until = m.week + t.transition_weeks
        m.tally.provider_changes += 1
        m.log_event("tender_lost", f"{old.name} lost the contract to {new.name}; "
                    f"{staying} of {len(team.members)} staff moved along")
