"""The municipality: yearly budget, policies and scheduled events (docs/ODD.md 7.7).

Each year the municipality splits the social-base budget: the overhead of a renewal round due
that year, the coordination between a main provider and its subcontractors, the rent and hosts
of its places, the share for residents' organisations (initiative grants and paid
coordinators), and what is left pays for professionals. The budget is the budget per resident,
scaled by the population's zwaarte as far as the funding terms say (populatiebesteding, 004
H5); how the staff money divides over hulpverlening and opbouwwerk is the municipality's
choice unless the terms leave it to the provider (funding.prevention_share). Scheduled events: a
budget cut, an area programme (wijkenaanpak) that adds opbouwwerk and may be stopped halfway
(Vogelaar, 004 H5), the sale of buurthuis buildings (004 H2, vastgoed), and BuurtTops — one-day
deliberations that create bridging ties, found initiatives and raise trust (004 H3, Epiloog §3).
"""

from __future__ import annotations

import math

import mesa
import numpy as np

from .buurtrechten import (defended, fill_wijkfonds, first_refusal, fonds_spend_per_year,
                           fund_tasks, plan_reopenings, under_contract)
from .collectives import support_cost
from .funding import prevention_share
from .initiatives import start_initiative
from .kernels.meeting import copresence
from .meeting import Gatherings, Mixing, contact_log
from .places import BUURTHUIS, COMMERCIAL
from .professionals import HULPVERLENER, OPBOUWWERKER



class Municipality(mesa.Agent):
    """The gemeente: budget holder, policy maker, scheduler of events."""

    def __init__(self, model):
        super().__init__(model)
        self.year_budget = 0.0
        self.overhead_reserved = 0.0
        self.places_budget = 0.0
        self.org_pool = 0.0
        self.coordinators = 0
        self.grants_committed = 0
        self.grant_pool = 0.0
        self.staff_target = {HULPVERLENER: 0.0, OPBOUWWERKER: 0.0}  # FTE
        self.population_factor = 1.0  # this year's budget relative to a flat one
        self.coordination_reserved = 0.0  # this year's cost of coordinating subcontractors
        self.opbouwwerk_share = 0.0  # share of staff money on opbouwwerk (plan_mix)
        self.mix_planned_for = None  # the terms and municipal share of the last plan
        self.care_cost_since_plan = 0.0  # escalation cost since the mix was last planned
        self.weeks_since_plan = 0
        self.care_cost_year = 0.0  # escalation cost so far this year
        self.care_cost_last_year = 0.0  # ... and over the previous year

    # -- budget ---------------------------------------------------------------------------
    def _year(self) -> int:
        return self.model.week // 52

    def zwaarte(self) -> float:
        """The population's zwaarte as a population-based budget measures it: the residents'
        mean vulnerability, the characteristic that makes problems arise (004 H5: 'gebaseerd
        op zwaarte en/of kenmerken van die populatie')."""
        return float(self.model.residents.vulnerability.mean())

    def weigh_population(self) -> float:
        """The budget relative to a flat amount per resident: 1 + weight x (zwaarte /
        reference - 1), never below 0; exactly 1 when the terms give the population no weight
        (tender, subsidy)."""
        t = self.model.terms
        if t.population_weight == 0:
            return 1.0
        rel = self.zwaarte() / t.reference_vulnerability - 1.0
        return max(0.0, 1.0 + t.population_weight * rel)

    def base_budget(self) -> float:
        p = self.model.p
        b = p.funding.budget_per_resident * self.model.residents.n * self.population_factor
        cut_year = p.municipality.budget_cut_year
        if cut_year and self._year() >= cut_year:
            b *= 1.0 - p.municipality.budget_cut_share
        return b

    def programme_active(self) -> bool:
        p = self.model.p.municipality
        year = self._year()
        return p.programme_share > 0 and year >= 0 and (not p.programme_stop_year
                                                        or year < p.programme_stop_year)

    def budget(self) -> float:
        extra = self.model.p.municipality.programme_share if self.programme_active() else 0.0
        return self.base_budget() * (1.0 + extra)

    def allocate_year(self) -> None:
        m, p = self.model, self.model.p
        self.population_factor = self.weigh_population()  # the amount is fixed for the year
        base = self.base_budget()
        self.year_budget = self.budget()
        week0 = m.week
        renewals = [w for w in range(week0, week0 + 52) if m.funding.renewal_due(w)]
        self.overhead_reserved = len(renewals) * m.funding.renewal_overhead()
        self.coordination_reserved = (m.terms.subcontractors * m.terms.coordination_share
                                      * self.year_budget)
        self._fit_places(p.municipality.places_max_share * self.year_budget)
        plan_reopenings(m, p.municipality.places_max_share * self.year_budget)  # 7.11
        self.places_budget = sum(pl.yearly_cost for pl in m.places)
        self.org_pool = m.terms.resident_org_share * base
        n_init = len(m.initiatives)
        per = p.initiatives.initiatives_per_coordinator
        want = math.ceil(n_init / per) if m.terms.paid_coordinators else 0
        self.coordinators = min(want, int(self.org_pool // max(p.initiatives.coordinator_cost,
                                                               1e-9)))
        self.grant_pool = self.org_pool - self.coordinators * p.initiatives.coordinator_cost
        support = support_cost(m)  # steady support of burgercollectieven (7.12)
        if support > 0:
            self.grant_pool = max(0.0, self.grant_pool - support)
        self.grant_pool = fill_wijkfonds(m, self.grant_pool)  # access to money (7.11)
        self._honour_grants()
        staff_money = (self.year_budget - self.overhead_reserved - self.coordination_reserved
                       - self.places_budget - self.org_pool)
        # the municipality funds FTE, not heads: the last person in a role may work part-time
        total = max(0.0, staff_money / p.professionals.cost_per_year)
        programme = min(total, (self.year_budget - base) / p.professionals.cost_per_year)
        self.plan_mix()
        opb = (total - programme) * self.opbouwwerk_share + programme
        self.staff_target = fund_tasks(m, {HULPVERLENER: total - opb, OPBOUWWERKER: opb})
        m.team.adjust_to(self.staff_target)

    def plan_mix(self) -> None:
        """The division of staff money over hulpverlening and opbouwwerk, planned for a
        period: at the first allocation of each period, and again when the terms or the
        municipality's own share change (a switch, a policy decision). The provider's stake is
        the mean yearly escalation cost since the last plan (last year's when that is less
        than a year ago), so its mix does not follow one year's chance number of escalations
        (funding.prevention_share). Without spending freedom or kept savings it is the
        municipality's share."""
        m = self.model
        municipal = m.p.professionals.opbouwwerker_share
        plan = (m.terms, municipal)
        if plan == self.mix_planned_for and not m.funding.renewal_due(m.week):
            return
        if self.weeks_since_plan >= 52:
            care = self.care_cost_since_plan * 52.0 / self.weeks_since_plan
        else:
            care = self.care_cost_last_year
        self.opbouwwerk_share = prevention_share(m, municipal, care, self.year_budget)
        self.mix_planned_for = plan
        self.care_cost_since_plan, self.weeks_since_plan = 0.0, 0

    def _fit_places(self, limit: float) -> None:
        """Close the least visited municipal places until places fit their budget share.
        Buurtrechten (7.11): places the residents' plan defends close last, a place under a
        task contract stays open for its term, and residents get first refusal of a
        municipal place before it closes."""
        m = self.model
        places = [pl for pl in m.places if pl.open and pl.ownership != COMMERCIAL]
        places.sort(key=lambda pl: (defended(m, pl), pl.visitors_avg, pl.index))
        total = sum(pl.yearly_cost for pl in places)
        for pl in places:
            if total <= limit:
                break
            if under_contract(pl, m.week):
                continue
            cost = pl.yearly_cost
            if first_refusal(m, pl):
                total -= cost - pl.yearly_cost
                continue
            total -= cost
            pl.close("budget")

    def _honour_grants(self) -> None:
        """Running grants continue; if the pool shrank, the newest ones end."""
        m, grant = self.model, self.model.p.initiatives.grant
        granted = sorted((i for i in m.initiatives if i.has_grant),
                         key=lambda i: (i.grant_until, i.unique_id))
        affordable = int(self.grant_pool // grant) if grant > 0 else len(granted)
        for init in granted[affordable:]:
            init.has_grant = False
            init.grant_until = m.week
        self.grants_committed = min(len(granted), affordable)

    def committed(self) -> float:
        """Money this year's allocation has promised (staff at the funded team size)."""
        staff = sum(self.staff_target.values()) * self.model.p.professionals.cost_per_year
        return (self.overhead_reserved + self.coordination_reserved + self.places_budget
                + self.org_pool + staff)

    def fund_place(self, yearly_cost: float) -> bool:
        """Take on a place's cost mid-year if this year's budget still has room."""
        if self.committed() + yearly_cost > self.year_budget:
            return False
        self.places_budget += yearly_cost
        return True

    def grant_available(self) -> bool:
        grant = self.model.p.initiatives.grant
        return (self.grants_committed + 1) * grant <= self.grant_pool + 1e-9

    def award_grant(self) -> None:
        self.grants_committed += 1

    def release_grant(self) -> None:
        self.grants_committed = max(0, self.grants_committed - 1)

    def coordinator_coverage(self, n_init: int) -> float:
        if n_init == 0:
            return 0.0
        per = self.model.p.initiatives.initiatives_per_coordinator
        return min(1.0, self.coordinators * per / n_init)

    def book_week(self) -> None:
        """Book this week's spending (staff by what their hours went to)."""
        m, p = self.model, self.model.p
        t = m.tally
        hours = sum(pr.hours for pr in m.team.members)
        staff_cost = hours / p.professionals.hours_per_week * p.professionals.cost_per_year / 52
        if hours > 0:
            hourly = staff_cost / hours
            t.spend_casework += hourly * t.hours_casework
            t.spend_community += hourly * t.hours_collective
            t.spend_admin += hourly * t.hours_admin
            t.spend_idle += max(0.0, staff_cost - hourly * (
                t.hours_casework + t.hours_collective + t.hours_admin))
        t.spend_places += sum(pl.yearly_cost for pl in m.places) / 52.0
        t.spend_overhead += self.coordination_reserved / 52.0  # main and subcontractors
        self.care_cost_year += t.escalation_cost
        self.care_cost_since_plan += t.escalation_cost
        self.weeks_since_plan += 1
        grants = sum(1 for i in m.initiatives if i.has_grant) * p.initiatives.grant
        residents_money = fonds_spend_per_year(m) + support_cost(m)  # 7.11, 7.12
        t.spend_initiatives += (grants + self.coordinators * p.initiatives.coordinator_cost
                                + residents_money) / 52.0

    # -- the week ---------------------------------------------------------------------------
    def budget_year(self) -> None:
        """In the first week of a year: announce the year's scheduled changes, switch the way
        of funding where one is scheduled (7.6: the allocation then uses the new terms), and
        allocate the year's budget."""
        if self.model.week % 52 == 0:
            self.care_cost_last_year, self.care_cost_year = self.care_cost_year, 0.0
            self._announce(self.model.week // 52)
            self.model.funding.switch_if_due()
            self.allocate_year()

    def scheduled_events(self) -> None:
        """The sale of buurthuis buildings (first week of the sale year) and BuurtTops."""
        m, p = self.model, self.model.p
        week, year = m.week, m.week // 52
        if week % 52 == 0 and p.municipality.sell_buurthuis_year and \
                year == p.municipality.sell_buurthuis_year:
            self.sell_buurthuizen()
        every = p.municipality.buurttop_every_years
        if every and year >= 0 and week % 52 == p.municipality.buurttop_week \
                and year % every == 0:
            hold_buurttop(m)

    def _announce(self, year: int) -> None:
        m, p = self.model, self.model.p
        if year == 0:
            return
        if p.municipality.budget_cut_year == year:
            m.log_event("budget_cut", f"budget cut by {p.municipality.budget_cut_share:.0%}")
        if p.municipality.programme_stop_year == year and p.municipality.programme_share > 0:
            m.log_event("programme_stop", "area programme stopped")
        if p.netwerkberaad.enabled and p.netwerkberaad.stop_year == year:
            m.log_event("programme_stop", "netwerkberaad programme stopped")
        if p.netwerkberaad.enabled and p.netwerkberaad.start_year == year:
            m.log_event("programme_start", "netwerkberaad programme started")

    def sell_buurthuizen(self) -> None:
        for pl in self.model.places:
            if pl.kind == BUURTHUIS and pl.ownership != COMMERCIAL:
                pl.close("building sold")
                pl.sold = True


def hold_buurttop(model) -> None:
    """A one-day deliberation: bridging ties, engagement, trust, new initiatives."""
    r, p, rng = model.residents, model.p, model.streams.municipality
    top = p.municipality
    k = min(r.n, int(round(p.municipality.buurttop_per_1000 * r.n / 1000)))
    if k < 2:
        return
    weight = (top.buurttop_engagement_base + r.engagement) * (top.buurttop_v_base - r.v)
    who = rng.choice(r.n, size=k, replace=False, p=weight / weight.sum()).astype(np.int32)
    starts = np.array([0, k], dtype=np.int64)
    mixing = Mixing(contacts=float(p.municipality.buurttop_contacts),
                    homophily=p.wijk.homophily, age_homophily=0.0)
    gathering = Gatherings(members=who, starts=starts, gain=np.array([top.buurttop_tie_gain]),
                           bridging=np.array([top.buurttop_bridging]))
    copresence(rng, gathering, mixing, r.arrays, r.tie_table, contact_log(model))
    r.engagement[who] += top.buurttop_engagement_gain * (1.0 - r.engagement[who])
    r.trust[who] += top.buurttop_trust_gain * (1.0 - r.trust[who])
    r.v[who] = np.maximum(0.0, r.v[who] - top.buurttop_v_drop)
    keen = who[(r.engagement[who] >= p.residents.sterkhouder_threshold)
               & (r.initiative[who] < 0)]
    founded = sum(1 for f in rng.permutation(keen[rng.random(keen.size)
                                                  < top.buurttop_found_chance])
                  if start_initiative(model, int(f)) is not None)
    model.log_event("buurttop", f"BuurtTop with {k} residents; {founded} new initiatives")
