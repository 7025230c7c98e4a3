"""The funding cycle (docs/ODD.md 7.6): welfare providers, contract or subsidy periods, renewals.

The model does not know which regime it is in. It knows generic terms (scenario/regimes.py): a
period, the chance the provider changes when a period ends, the share of staff that moves along
to the new provider, a transition with lower productivity during which clients of departed staff
wait for hand-over, extra turnover while a renewal is uncertain, and the overhead of a renewal
round (lawyers, consultants, bid writing: 004 H8). Under aanbesteden a re-tender can hand the
wijk to another provider, and staff who do not move along take their wijkkennis and their
clients' trust with them (004 H1). Under meerjarige subsidiering the partnership is renewed.

A provider that may divide the staff money over hulpverlening and opbouwwerk and keeps part of
what it saves (populatiebesteding, 004 H5) moves money toward opbouwwerk — prevention and
collective work, which keep people off the expensive 'zolder' of care (004 H6) — in proportion
to its stake in last year's escalation costs (``prevention_share``; an assumption of this
model, docs/ODD.md 7.6).
"""

from __future__ import annotations

import mesa


class WelfareProvider(mesa.Agent):
    """A welfare organisation that employs professionals and bids for the wijk's contract."""

    def __init__(self, model, name: str):
        super().__init__(model)
        self.name = name

    @property
    def staff(self) -> list:
        return [p for p in self.model.team.members if p.provider is self]


def prevention_share(model, municipal_share: float, care_cost: float, budget: float) -> float:
    """The share of staff money the provider puts into opbouwwerk this year.

    Without spending freedom, or without a share in what it saves, the provider follows the
    municipality's ``municipal_share``. With both, its stake is the share of last year's
    escalation cost (``care_cost``) it would keep if prevention avoided it, relative to the
    year's ``budget``; it moves that share of the money (times ``prevention.response``) to
    opbouwwerk, up to ``prevention.max_opbouwwerker_share`` as far as its freedom reaches. It never moves away from prevention: a provider with a stake in savings has no
    reason to buy more casework than the municipality would."""
    t, p = model.terms, model.p.prevention
    room = t.spending_freedom * max(0.0, p.max_opbouwwerker_share - municipal_share)
    if room <= 0.0 or t.savings_kept <= 0.0 or budget <= 0.0:
        return municipal_share
    stake = t.savings_kept * care_cost / budget
    return municipal_share + min(room, p.response * stake)


class FundingCycle:
    """Periods, renewals and provider changes."""

    def __init__(self, model, providers: list[WelfareProvider]):
        self.model = model
        self.providers = providers
        self.incumbent = providers[0]
        self.changes = 0
        self.period_start = 0  # week the current run of periods began (moves on new terms)

    @property
    def terms(self):
        return self.model.terms

    def current_terms(self):
        """Generic terms for this week, from the scenario's current values (a scheduled
        switch of regime included: scenario/regimes.py reads the regime, not the model)."""
        from ..scenario.regimes import terms_in_week

        return terms_in_week(self.model.scenario.values, self.model.week)

    def switch_if_due(self) -> None:
        """A scheduled switch of regime (``funding.switch_year``): from this week on the wijk
        runs under the other regime's terms. It acts only through those generic terms; the
        provider, staff and their wijkkennis carry over (the same organisation is funded
        differently). Called before the year's budget is allocated, so the allocation already
        uses the new terms; the new regime's first period starts at the switch."""
        from ..scenario.regimes import switch_in_week

        words = switch_in_week(self.model.scenario.values, self.model.week)
        if words:
            old, self.model.terms = self.model.terms, self.current_terms()
            self.take_terms(old, self.model.terms)
            self.model.log_event("regime_switch", words)

    def renewal_due(self, week: int) -> bool:
        """Periods end at every multiple of the period, counted from week 0, burn-in included
        (not in the build week: the starting team was just hired).

        Week 0 is the end of the status-quo period: the scenario's terms buy the next one, so
        a tendering scenario re-tenders at week 0 and its cycle runs on unbroken from the
        burn-in's; years 0-2 of a 3-year cycle are then a cycle like any other (docs/ODD.md
        3.3). Without this the first period would be one without renewal, whose wijkkennis
        is higher than the cycle's mean: a drift in every tendering run. New terms agreed
        mid-run (``take_terms``) start a period of their own that runs its full length."""
        start = self.period_start
        if (week - start) % self.terms.period_weeks:
            return False
        if start:
            return week > start
        return week > -self.model.p.run.burn_in_weeks

    def weeks_to_renewal(self) -> int:
        """Weeks until the next renewal."""
        period, week = self.terms.period_weeks, self.model.week - self.period_start
        return (week // period + 1) * period - week

    def take_terms(self, old, new) -> None:
        """New terms in force from this week. When the period or the chance of a provider
        change differs, a new period starts now (a new contract or subsidy arrangement runs
        its full length from the moment it is agreed), instead of a renewal falling in the
        old rhythm."""
        if (old.period_weeks, old.p_provider_change) != (new.period_weeks,
                                                         new.p_provider_change):
            self.period_start = self.model.week

    def renewal_uncertain_soon(self) -> bool:
        """Within ``funding.renewal_horizon_weeks`` (half a year) of a renewal whose outcome
        is uncertain."""
        return (self.terms.p_provider_change > 0
                and self.weeks_to_renewal() <= self.model.p.funding.renewal_horizon_weeks)

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
        elif t.p_provider_change > 0 or overhead > 0:
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
        self.changes += 1
        team.transition_until = m.week + t.transition_weeks
        m.tally.provider_changes += 1
        m.log_event("tender_lost", f"{old.name} lost the contract to {new.name}; "
                    f"{staying} of {len(team.members)} staff moved along")
