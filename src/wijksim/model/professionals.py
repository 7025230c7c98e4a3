"""Social professionals at work (docs/ODD.md 7.4); loops in kernels/professionals.py.

Two traditions (004 H4): *hulpverleners* do individual casework in the wijkteam; *opbouwwerkers*
do community development: outreach to hidden need ('erop af'), support for initiatives and
bridging between groups. Paperwork for accountability comes off the top of everyone's hours.
Casework comes first and a long waiting list pulls opbouwwerkers into casework too, so a
saturated caseload crowds out collective work ('zuigkracht van individuele hulpvragen', 004 H1).
A professional's *orientation* runs from professionals-only (solve the case alone) to
network-oriented (enlarge the client's circle, 004 H4); output pressure pushes it toward
professionals-only. Professionals-only help asks clients to present themselves as helpless and
raises their vraagverlegenheid ('premie op machteloosheid'). Network work and outreach yield
more with *wijkkennis* — knowledge of the wijk's people and networks, which grows with tenure
and leaves with the professional. A netwerkberaad programme (Walcheren/Porthos) lets
professionals hold network meetings, a skill they learn over the first year and lose after the
programme stops.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import mesa
import numpy as np

from ._numerics.draws import drawing
from ._numerics.sorting import positions_of
from .homes import pick_near_each
from .kernels.professionals import (hold_beraden, introduce_across_groups, link_with,
                                    outreach_visits)
from .needs import resolve
from .residents import CASE, NEVER, WAITING
from .tietable import strengthen_pairs

HULPVERLENER, OPBOUWWERKER = "hulpverlener", "opbouwwerker"
COMPLEX = 2
# how an opbouwwerker's collective hours are split (assumption, docs/ODD.md)


class Professional(mesa.Agent):
    """A social professional employed by a welfare provider and working in this wijk."""

    def __init__(self, model, role: str, provider, wijkkennis: float, tenure_weeks: int = 0):
        super().__init__(model)
        p = model.p.professionals
        self.role = role
        self.provider = provider
        self.hours = p.hours_per_week
        self.wijkkennis = wijkkennis
        self.tenure_weeks = tenure_weeks
        self.orientation = (p.orientation_opbouwwerker if role == OPBOUWWERKER
                            else p.orientation_hulpverlener)
        self.beraad_skill = 0.0
        # weekly results, for outcomes and the app
        self.case_hours = 0.0
        self.collective_hours = 0.0
        self.admin_hours = 0.0

    def orientation_now(self) -> float:
        """Output pressure pushes professionals toward countable, individual work."""
        drop = self.model.p.professionals.pressure_orientation_drop
        return self.orientation * (1.0 - drop * self.model.terms.output_pressure)

    def learn(self) -> None:
        """Wijkkennis grows through contact work (cases, outreach, community work), so hours
        lost to paperwork or a transition also slow the learning (004-H1-wijkteams)."""
        p = self.model.p
        self.tenure_weeks += 1
        contact = (self.case_hours + self.collective_hours) / max(self.hours, 1e-9)
        self.wijkkennis += (p.professionals.wijkkennis_learning * min(1.0, contact)
                            * (1.0 - self.wijkkennis))
        if self.model.netwerkberaad_running():
            self.beraad_skill += p.netwerkberaad.learning * (1.0 - self.beraad_skill)
        else:
            self.beraad_skill -= p.netwerkberaad.forgetting * self.beraad_skill


class Beraad(NamedTuple):
    """The rule of a netwerkberaad (``[netwerkberaad]`` keys, docs/ODD.md 7.4)."""

    circle: int  # people a client meets at most
    tie_gain: float  # strength the beraad adds to each participant's tie with the client
    v_drop: float  # the client's vraagverlegenheid drops this much
    a_drop: float  # each participant's aanbodverlegenheid drops this much
    radius: int  # neighbours within this many cells can be asked to join
    search_tries: int  # tries per seat to fill the circle with neighbours


class Visit(NamedTuple):
    """What an outreach visit does (``[professionals]`` keys, docs/ODD.md 7.4)."""

    link_gain: float  # trust in the professional: += link_gain * (1 - trust)
    link_threshold: float  # a link to another professional weaker than this is replaced
    trust_gain: float  # trust in institutions: += trust_gain * (1 - trust)


class Bridging(NamedTuple):
    """The rule of introductions across groups (``[professionals]``, ``[wijk]`` keys,
    docs/ODD.md 7.4)."""

    gain: float  # strength of the new tie
    radius: int  # the neighbour lives within this many cells of the starter
    tries: int  # picks to find a neighbour from another group


def bridging_rule(p) -> Bridging:
    """The :class:`Bridging` rule from ``model.p``."""
    return Bridging(gain=p.professionals.bridging_tie_gain, radius=p.wijk.walk_radius,
                    tries=p.professionals.bridging_tries)


@dataclass
class WorkWeek:
    """The team's hours this week, per professional (in ``members`` order), filled in phase
    by phase (docs/ODD.md 7.4)."""

    members: list[Professional]
    uids: np.ndarray
    admin: np.ndarray  # accountability paperwork
    avail: np.ndarray  # hours for clients and the wijk (after paperwork and netwerkberaden)
    wk: np.ndarray  # wijkkennis
    orient: np.ndarray  # orientation acting this week (network-oriented = 1)
    is_opb: np.ndarray  # opbouwwerker (else hulpverlener)
    beraad: np.ndarray  # hours in netwerkberaden
    casework: np.ndarray  # hours on cases
    collective: np.ndarray  # hours of collective work


class Team:
    """The wijk's professionals and the weekly work they do together."""

    def __init__(self, model):
        self.model = model
        self.members: list[Professional] = []
        self.vacancies: list[tuple[int, str]] = []  # (week it is filled, role)
        self.transition_until = NEVER
        self.fte: dict[str, float] = {}  # funded FTE per role

    # -- staffing -------------------------------------------------------------------------
    def hire(self, role: str, provider, wijkkennis: float | None = None,
             tenure_weeks: int = 0) -> Professional:
        wk = self.model.p.professionals.new_hire_wijkkennis if wijkkennis is None else wijkkennis
        prof = Professional(self.model, role, provider, wk, tenure_weeks)
        self.members.append(prof)
        return prof

    def leave(self, prof: Professional, reason: str, replace: bool = True,
              handover_weeks: int | None = None) -> None:
        """A professional leaves the wijk: wijkkennis and trust links go with them; their
        clients wait ``handover_weeks`` before a colleague takes their case over."""
        m, r = self.model, self.model.residents
        linked = np.flatnonzero(r.prof_link == prof.unique_id)
        r.prof_link[linked] = -1
        r.prof_trust[linked] = 0.0
        r.trust[linked] = np.maximum(0.0, r.trust[linked]
                                     - m.p.professionals.trust_loss_leaving)
        cases = np.flatnonzero(r.case_prof == prof.unique_id)
        r.case_prof[cases] = -1
        r.status[cases] = WAITING  # keeping their place in the queue (status_since)
        if handover_weeks is None:
            handover_weeks = m.p.professionals.handover_weeks
        r.handover_until[cases] = m.week + handover_weeks
        self.members.remove(prof)
        prof.remove()
        m.tally.staff_left += 1
        if reason != "lost tender":  # a lost tender is logged once, as tender_lost
            m.log_event("staff_left", f"a {prof.role} left the wijk ({reason}), with "
                        f"wijkkennis {prof.wijkkennis:.2f} and {linked.size} trust links")
        if replace:
            self.vacancies.append((m.week + m.p.professionals.vacancy_weeks, prof.role))

    def fill_vacancies(self) -> None:
        week = self.model.week
        due = [v for v in self.vacancies if v[0] <= week]
        self.vacancies = [v for v in self.vacancies if v[0] > week]
        for _, role in due:
            self.hire(role, self.model.funding.incumbent)
        if due:
            self.assign_hours()

    def size(self, role: str | None = None, with_vacancies: bool = True) -> int:
        n = sum(1 for p in self.members if role is None or p.role == role)
        if with_vacancies:
            n += sum(1 for _, r in self.vacancies if role is None or r == role)
        return n

    def adjust_to(self, target: dict[str, float]) -> None:
        """Grow (through vacancies) or shrink (last in, first out) to the funded FTE."""
        self.fte = dict(target)
        for role, fte in target.items():
            want = math.ceil(fte - 1e-9)
            have = self.size(role)
            if want > have:
                self.vacancies += [(self.model.week + self.model.p.professionals.vacancy_weeks,
                                    role)] * (want - have)
            while have > want:
                vac = [v for v in self.vacancies if v[1] == role]
                if vac:
                    self.vacancies.remove(vac[-1])
                else:
                    staff = [p for p in self.members if p.role == role]
                    newest = min(staff, key=lambda p: (p.tenure_weeks, p.unique_id))
                    self.leave(newest, "budget", replace=False)
                have -= 1
        self.assign_hours()

    def assign_hours(self) -> None:
        """Full-time contracts by seniority; whoever is last in a role gets the remaining FTE."""
        full = self.model.p.professionals.hours_per_week
        for role, fte in self.fte.items():
            left = fte * full
            staff = sorted((p for p in self.members if p.role == role),
                           key=lambda p: (-p.tenure_weeks, p.unique_id))
            for prof in staff:
                prof.hours = min(full, max(left, 0.0))
                left -= prof.hours

    def turnover(self) -> None:
        """Staff leave for reasons of their own, more so when a re-tender looms."""
        m = self.model
        rate = m.p.professionals.turnover_per_year
        if m.funding.renewal_uncertain_soon():
            rate += m.terms.pre_renewal_turnover
        if rate <= 0 or not self.members:
            return
        draws = m.streams.professionals.random(len(self.members))
        for prof, u in zip(list(self.members), draws):
            if u < rate / 52.0:
                self.leave(prof, "turnover")

    def drop_cases(self, idx: np.ndarray) -> None:
        self.model.residents.case_prof[idx] = -1

    # -- the week's work ------------------------------------------------------------------
    def productivity(self) -> float:
        m = self.model
        return m.terms.transition_productivity if m.week < self.transition_until else 1.0

    def wait(self) -> None:
        """Residents on the waiting list lose trust in institutions while they wait."""
        m, r, p = self.model, self.model.residents, self.model.p.professionals
        on_list = r.status == WAITING
        r.trust[on_list] = np.maximum(0.0, r.trust[on_list] - p.trust_loss_waiting)
        m.tally.waiting_list = int(np.sum(on_list))

    def plan_week(self) -> WorkWeek | None:
        """Everyone's hours this week: paperwork comes off the top, a transition lowers
        productivity. None when nobody works in the wijk."""
        if not self.members:
            return None
        m, profs = self.model, list(self.members)
        hours = np.array([prof.hours for prof in profs])
        admin = hours * m.terms.admin_share
        n = len(profs)
        return WorkWeek(
            members=profs, uids=np.array([prof.unique_id for prof in profs], dtype=np.int64),
            admin=admin, avail=(hours - admin) * self.productivity(),
            wk=np.array([prof.wijkkennis for prof in profs]),
            orient=np.array([prof.orientation_now() for prof in profs]),
            is_opb=np.array([prof.role == OPBOUWWERKER for prof in profs]),
            beraad=np.zeros(n), casework=np.zeros(n), collective=np.zeros(n))

    def hold_netwerkberaden(self, week: WorkWeek | None) -> None:
        """Netwerkberaden for clients, in casework time (Walcheren: the beraad is the
        network-oriented way of working a case)."""
        if week is None:
            return
        week.beraad = self._netwerkberaden(week.avail, week.wk, week.orient)
        week.avail = week.avail - week.beraad

    def do_casework(self, week: WorkWeek | None) -> None:
        """Casework on open cases, as far as each professional's hours reach."""
        if week is None:
            return
        r, p = self.model.residents, self.model.p.professionals
        cases = np.flatnonzero(r.status == CASE)
        pos = positions_of(r.case_prof[cases], week.uids)
        orphan = pos < 0
        if orphan.any():  # cases of someone who left are handled in leave(); be safe
            r.status[cases[orphan]] = WAITING
            cases, pos = cases[~orphan], pos[~orphan]
        need_h = p.case_hours * np.where(r.need_kind[cases] == COMPLEX,
                                         p.complex_hours_factor, 1.0)
        demand = np.bincount(pos, weights=need_h, minlength=len(week.members))
        served = np.minimum(1.0, week.avail / np.maximum(demand, 1e-9))
        week.casework = np.minimum(demand, week.avail)
        self._casework(cases, pos, need_h, served, week.wk, week.orient)

    def take_in(self, week: WorkWeek | None) -> None:
        """Intake from the waiting list (first come, first served), hulpverleners first, then
        the pull of casework on opbouwwerkers' hours ('zuigkracht')."""
        if week is None:
            return
        m, r, p = self.model, self.model.residents, self.model.p.professionals
        waiting = np.flatnonzero((r.status == WAITING) & (r.handover_until <= m.week))
        # first come, first served; those who came in the same week in random order (not
        # by number: residents are numbered along the streets)
        waiting = waiting[np.lexsort((m.streams.professionals.random(waiting.size),
                                      r.status_since[waiting]))]
        pull = p.casework_pull + (m.terms.output_pressure * (1.0 - p.casework_pull)
                                  * p.pressure_casework_pull)
        cap_hours = np.where(week.is_opb, pull * week.avail, week.avail)
        free_cases = np.floor(np.maximum(cap_hours - week.casework, 0.0) / p.case_hours)
        free_cases = free_cases.astype(np.int64)
        order = np.concatenate((np.flatnonzero(~week.is_opb), np.flatnonzero(week.is_opb)))
        slots = np.repeat(order, free_cases[order])[: waiting.size]
        taken = waiting[: slots.size]
        if taken.size:
            r.status[taken] = CASE
            r.status_since[taken] = m.week
            r.case_prof[taken] = week.uids[slots].astype(np.int32)
            week.casework += np.bincount(slots, minlength=len(week.members)) * p.case_hours
        m.tally.waiting_list = int(np.sum(r.status == WAITING))
        m.tally.case_capacity = float(np.sum(np.floor(cap_hours / p.case_hours)))

    def collective_work(self, week: WorkWeek | None) -> float:
        """Collective work with the hours left (opbouwwerkers all, hulpverleners as far as
        they are network-oriented): outreach, bridging, and support for initiatives, whose
        hours this returns."""
        if week is None:
            return 0.0
        free = np.maximum(week.avail - week.casework, 0.0)
        week.collective = np.where(week.is_opb, free, free * week.orient)
        p = self.model.p.professionals
        area = self.focus_area()
        self._outreach(week.collective * p.outreach_share, week.wk, week.members, week.is_opb,
                       area)
        self._bridge(week.collective * p.bridging_share, week.wk, week.is_opb, area)
        return float(np.sum(week.collective * p.support_share))

    def focus_area(self) -> np.ndarray | None:
        """The residents living within walking distance of the place the opbouwwerkers aim
        their community hours at ('which place, which street', professionals.focus_place),
        or None while the hours are spread over the whole wijk: the default, and always
        during the burn-in (the key acts from week 0, like a policy)."""
        m, p = self.model, self.model.p.professionals
        if p.focus_place < 0 or p.focus_share <= 0 or m.week < 0:
            return None
        place, r = m.places[p.focus_place], m.residents
        near = (r.x - place.x) ** 2 + (r.y - place.y) ** 2 <= m.p.wijk.walk_radius ** 2
        area = np.flatnonzero(near)
        return area if area.size else None

    def _aim(self, whom: np.ndarray, by_opb: np.ndarray, area: np.ndarray | None) -> None:
        """Send a share focus_share of the opbouwwerkers' contacts (``whom``, in place) to
        residents of the focus area instead of anyone in the wijk; nothing without a focus."""
        if area is None or whom.size == 0:
            return
        rng = self.model.streams.professionals
        aimed = by_opb & (rng.random(whom.size) < self.model.p.professionals.focus_share)
        whom[aimed] = area[rng.integers(0, area.size, size=int(aimed.sum()))]

    def learn(self, week: WorkWeek | None) -> None:
        """Book everyone's hours; wijkkennis and netwerkberaad skill grow or fade."""
        if week is None:
            return
        m = self.model
        case_hours = week.casework + week.beraad
        for k, prof in enumerate(week.members):
            prof.case_hours = float(case_hours[k])
            prof.collective_hours = float(week.collective[k])
            prof.admin_hours = float(week.admin[k])
            prof.learn()
        m.tally.hours_casework += float(case_hours.sum())
        m.tally.hours_collective += float(week.collective.sum())
        m.tally.hours_admin += float(week.admin.sum())

    def _casework(self, cases, pos, need_h, served, wk, orient) -> None:
        """Cases get help; professionals-only help carries the 'premie op machteloosheid'."""
        m, r, p = self.model, self.model.residents, self.model.p
        if cases.size == 0:
            return
        base = p.professionals.casework_yield_base  # yield without wijkkennis
        effect = (p.professionals.help_per_hour * need_h * served[pos]
                  * (base + (1.0 - base) * wk[pos]))
        r.need[cases] -= effect
        r.v[cases] = np.minimum(1.0, r.v[cases] + p.help.premie * (1.0 - orient[pos]))
        r.helped_week[cases] = True
        r.last_got_help[cases] = m.week
        uids = np.array([prof.unique_id for prof in self.members], dtype=np.int32)
        self._contact(cases, uids[pos])
        r.trust[cases] += p.professionals.institution_trust_gain * (1.0 - r.trust[cases])
        # network-oriented casework enlarges the client's circle now and then
        rng = m.streams.professionals
        widen = cases[rng.random(cases.size)
                      < p.professionals.widening_rate * orient[pos] * wk[pos]]
        if widen.size:
            with drawing(rng) as st:
                partners = pick_near_each(st, widen, m.homes, m.p.wijk.walk_radius)
            ok = partners >= 0
            strengthen_pairs(r.tie_table, widen[ok].astype(np.int64), partners[ok],
                             np.full(int(ok.sum()), p.professionals.bridging_tie_gain))
            r.v[widen] = np.maximum(0.0, r.v[widen]
                                    - p.help.unasked_v_share * p.help.v_after_help)
        m.tally.formal_helps += cases.size
        resolve(m, cases[r.need[cases] <= 1e-9])

    def _contact(self, idx: np.ndarray, uids: np.ndarray) -> None:
        """Contact builds a trust link with the professional (replacing a weaker one)."""
        r, p = self.model.residents, self.model.p.professionals
        link_with(idx, uids, p.trust_gain, p.trusted_link, r.prof_link, r.prof_trust)

    def _netwerkberaden(self, avail, wk, orient) -> np.ndarray:
        """Hold netwerkberaden for some clients; returns the hours each professional spent."""
        m, r, p = self.model, self.model.residents, self.model.p.netwerkberaad
        used = np.zeros(len(self.members))
        if not m.netwerkberaad_running():
            return used
        rng = m.streams.professionals
        clients_all, know = [], []
        for k, prof in enumerate(self.members):
            lam = p.rate * prof.beraad_skill * orient[k]
            n = min(int(rng.poisson(lam)), int(avail[k] // p.hours))
            if n <= 0:
                continue
            mine = np.flatnonzero((r.case_prof == prof.unique_id) & (r.status == CASE))
            if mine.size == 0 and prof.role == OPBOUWWERKER:
                mine = np.flatnonzero(r.status == WAITING)
            if mine.size == 0:
                continue
            chosen = rng.choice(mine, size=min(n, mine.size), replace=False)
            clients_all.append(chosen)
            know.append(np.full(chosen.size, wk[k]))
            used[k] = chosen.size * p.hours
        if clients_all:
            clients = np.concatenate(clients_all).astype(np.int64)
            rule = Beraad(circle=p.circle, tie_gain=p.tie_gain, v_drop=p.v_drop,
                          a_drop=p.a_drop, radius=m.p.wijk.walk_radius,
                          search_tries=p.search_tries)
            with drawing(rng) as st:
                hold_beraden(st, clients, np.concatenate(know), rule, r.arrays, m.homes,
                             r.tie_table)
            m.tally.netwerkberaden += clients.size
        return used

    def _outreach(self, hours, wk, profs, is_opb, area) -> None:
        """'Erop af': contact residents at home; wijkkennis decides whether need is found.
        Opbouwwerkers with a focus place make part of their visits around it (``area``)."""
        m, r, p = self.model, self.model.residents, self.model.p.professionals
        rng = m.streams.professionals
        met, draws, uids, know, opb = [], [], [], [], []
        for k, prof in enumerate(profs):
            n = int(hours[k] * p.outreach_per_hour)
            if n <= 0:
                continue
            met.append(rng.integers(0, r.n, size=n))  # whom professional k visits
            draws.append(rng.random(n))  # ... and whether a hidden problem is found
            uids.append(prof.unique_id)
            know.append(wk[k])
            opb.append(is_opb[k])
        if not met:
            return
        sizes = [x.size for x in met]
        bounds = np.cumsum([0] + sizes)
        whom = np.concatenate(met)
        self._aim(whom, np.repeat(np.array(opb, dtype=bool), sizes), area)
        rule = Visit(link_gain=p.trust_gain, link_threshold=p.trusted_link,
                     trust_gain=p.outreach_trust_share * p.institution_trust_gain)
        visitor = np.repeat(np.array(uids, np.int32), sizes)
        m.tally.found_by_outreach += outreach_visits(
            whom, np.concatenate(draws), bounds, visitor, np.array(know), rule, r.arrays, m.week)

    def _bridge(self, hours, wk, is_opb, area) -> None:
        """Introductions across groups; opbouwwerkers with a focus place start part of them
        around it (``area``)."""
        m, r, p = self.model, self.model.residents, self.model.p.professionals
        n = hours * p.bridging_per_hour
        counts = np.floor(n + m.streams.professionals.random(n.size)).astype(np.int64)
        total = int(counts.sum())
        if total == 0:
            return
        starters = m.streams.professionals.integers(0, r.n, size=total)
        self._aim(starters, np.repeat(is_opb, counts), area)
        know = np.repeat(wk, counts)
        with drawing(m.streams.professionals) as st:
            m.tally.bridging_intros += introduce_across_groups(
                st, starters, know, bridging_rule(m.p), r.arrays, m.homes, r.tie_table)

    # -- summaries ------------------------------------------------------------------------
    def mean(self, attr: str) -> float:
        """Mean of an attribute over the members: np.mean's sum and division, without the
        overhead of np.mean on a list (it is called for every recorded week)."""
        n = len(self.members)
        if not n:
            return 0.0
        values = np.fromiter((getattr(p, attr) for p in self.members), dtype=float, count=n)
        return float(values.sum() / n)


def wijkkennis_after(weeks: float, learning: float, start: float) -> float:
    """Wijkkennis after ``weeks`` in the wijk (closed form of the weekly update)."""
    return 1.0 - (1.0 - start) * math.pow(1.0 - learning, weeks)
