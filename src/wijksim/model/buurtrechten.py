"""Buurtrechten: neighbourhood rights as municipal levers (docs/ODD.md 7.11).

The LSA proposes six rights (004 l. 753-760); the Community Right to Challenge entered the Wmo
in 2014 (002 l. 121). Four are mechanisms here, each on or off per scenario:

* **Right to buildings** (community asset transfer, voorkeursrecht): an initiative large
  enough may bid for the open municipal buurthuis or Huis van de Wijk it meets at, and gets
  first refusal before the municipality closes one for budget reasons. Residents then run it
  without the paid host at the community share of the rent, and carry the extra corvee of an
  enterprise ('transformeren in een onderneming', 004 l. 787). Reopening a closed place is
  the older ``places.community_rights`` (initiatives.claim_closed_places).
* **Right to challenge** (uitdaagrecht): once a year a mature wijkcooperatie bids to take over
  a task with its budget: running a buurthuis (rent and host), part of the opbouwwerk FTE, or
  part of the hulpverlening FTE as a practical-help service. Its chance falls when it must
  compete fairly with companies (002 'eerlijk moeten concurreren'); the residents it employs
  work at a capacity below a professional's; the task adds corvee on its volunteers (the
  burn-out risk). If the collective stops, the task falls back to the municipality.
* **Access to money** (toegang tot geld): part of the residents'-organisation money goes to a
  wijkfonds; once a year a panel of residents allocates it (Oost Begroot, 004 l. 621), each
  panel member voting for the initiative they are closest to through their ties. The yield of
  energiecooperaties flows into the same lokaal fonds; without this right their members
  allocate it.
* **Neighbourhood planning** (buurtplanning): in the residents' plan the places their
  initiatives meet at are the last the municipality closes for budget, and a place closed for
  budget that initiatives without a home need comes back when the places budget has room.

Every right acts through initiatives: with no initiative in the wijk, none changes anything.
None acts before week 0.
"""

from __future__ import annotations

import numpy as np

from .collectives import collectives_of
from .initiatives import ENERGIECOOPERATIE, NO_TASK, WIJKCOOPERATIE, needs_place_of
from .places import BUURTHUIS, COMMERCIAL, COMMUNITY_KINDS, MUNICIPAL
from .professionals import HULPVERLENER, OPBOUWWERKER
from .residents import HIDDEN, WAITING

TASK_ROLE = {"community_work": OPBOUWWERKER, "service": HULPVERLENER}


class LokaalFonds:
    """The wijkfonds / lokaal fonds: money whose allocation residents decide."""

    def __init__(self) -> None:
        self.balance = 0.0
        self.paid_in = {"municipality": 0.0, "energy": 0.0}
        self.grants = 0  # grants made since the start

    def add(self, amount: float, source: str) -> None:
        self.balance += amount
        self.paid_in[source] += amount


def rights(model):
    """The buurtrechten parameters, or None before week 0 (the rights act from week 0)."""
    return model.p.buurtrechten if model.week >= 0 else None


def reaches(model, resident: int, place_index: int) -> bool:
    return bool(np.any(model.reach_idx[resident] == place_index))


# -- right to buildings ------------------------------------------------------------------------
def claim_buildings(model) -> None:
    """Initiatives large enough bid for the open municipal place they meet at."""
    b = rights(model)
    if b is None or not b.buildings:
        return
    m, rng = model, model.streams.collectives
    for init in list(m.initiatives):
        if init.ended or init.building or init.size < b.buildings_members or init.place < 0:
            continue
        pl = m.places[init.place]
        if not (pl.open and pl.kind in COMMUNITY_KINDS and pl.ownership == MUNICIPAL):
            continue
        if rng.random() < b.buildings_bid_rate / 52.0:
            take_building(m, init, pl, "right to buildings")


def take_building(model, init, pl, why: str) -> None:
    cost = pl.yearly_cost
    pl.hand_to_community(init.unique_id, why)
    model.municipality.places_budget -= cost - pl.yearly_cost
    init.building = True
    init.place = pl.index


def first_refusal(model, pl) -> bool:
    """Before a municipal place closes for budget, an initiative of enough members whose
    founder lives within its reach may take it over (the largest, then the oldest uid)."""
    b = rights(model)
    if b is None or not b.buildings or pl.kind not in COMMUNITY_KINDS or pl.ownership != MUNICIPAL:
        return False
    keen = [i for i in model.initiatives if not i.ended and not i.building
            and i.task == NO_TASK and i.size >= b.buildings_members
            and reaches(model, i.founder, pl.index)]
    if not keen:
        return False
    init = min(keen, key=lambda i: (-i.size, i.unique_id))
    take_building(model, init, pl, "first refusal before closing")
    return True


# -- neighbourhood planning --------------------------------------------------------------------
def defended(model, pl) -> bool:
    """Whether the residents' plan defends ``pl``: an initiative of enough members meets there."""
    b = rights(model)
    if b is None or not b.planning:
        return False
    return any(i.place == pl.index and i.size >= b.planning_min_members
               for i in model.initiatives if not i.ended)


def plan_reopenings(model, limit: float) -> None:
    """A place closed for budget that initiatives without a home of their own need (within
    their founder's reach) reopens when the places budget has room for it."""
    b = rights(model)
    if b is None or not b.planning:
        return
    m = model
    homeless = [i for i in m.initiatives if not i.ended and needs_place_of(m)[i.kind]
                and i.size >= b.planning_min_members
                and (i.place < 0 or not m.places[i.place].open)]
    if not homeless:
        return
    total = sum(pl.yearly_cost for pl in m.places if pl.ownership != COMMERCIAL)
    for pl in m.places:
        if pl.open or pl.sold or pl.kind not in COMMUNITY_KINDS or pl.closed_reason != "budget":
            continue
        wanting = [i for i in homeless if reaches(m, i.founder, pl.index)]
        if not wanting:
            continue
        p = m.p.places
        cost = p.rent[pl.kind] + (p.host_cost if p.hosted[pl.kind] else 0.0)
        if total + cost > limit:
            continue
        pl.reopen_as_municipal()
        total += cost
        for init in wanting:
            init.place = pl.index
        homeless = [i for i in homeless if i not in wanting]


# -- access to money ---------------------------------------------------------------------------
def fill_wijkfonds(model, grant_pool: float) -> float:
    """At the year's allocation: the wijkfonds share of the grant money goes to the fonds.
    Returns what is left for the municipality's own grant desk."""
    b = rights(model)
    if b is None or not b.wijkfonds:
        return grant_pool
    amount = b.wijkfonds_share * grant_pool
    model.fonds.add(amount, "municipality")
    return grant_pool - amount


def fund_by_residents(model) -> None:
    """First week of a year: residents allocate the fonds in grants of initiatives.grant. A
    panel of residents does (the wijkfonds right), else the energiecooperaties' members (their
    yield). Each voter votes for their own initiative, else for that of their strongest tie in
    one; initiatives without a grant are funded in order of votes."""
    m = model
    if m.week < 0 or m.week % 52 != 0:
        return
    grant = m.p.initiatives.grant
    if m.fonds.balance < grant or grant <= 0:
        return
    cands = [i for i in m.initiatives if not i.ended and not i.funded]
    if not cands:
        return
    voters = fonds_voters(m)
    if voters.size == 0:
        return
    votes = count_votes(m, voters, np.array([i.unique_id for i in cands]))
    order = sorted(range(len(cands)), key=lambda k: (-votes[k], cands[k].unique_id))
    funded = 0
    for k in order:
        if votes[k] == 0 or m.fonds.balance < grant:
            break
        cands[k].fonds_until = m.week + 52
        m.fonds.balance -= grant
        funded += 1
    m.fonds.grants += funded
    if funded:
        m.log_event("wijkfonds", f"residents funded {funded} initiatives from the fonds")


def fonds_voters(model) -> np.ndarray:
    r, b = model.residents, model.p.buurtrechten
    if b.wijkfonds:
        k = min(r.n, max(1, int(round(b.wijkfonds_voters_per_1000 * r.n / 1000.0))))
        return np.sort(model.streams.collectives.choice(r.n, size=k, replace=False))
    energy = [i.unique_id for i in collectives_of(model, (ENERGIECOOPERATIE,))]
    return np.flatnonzero(np.isin(r.initiative, energy))


def count_votes(model, voters: np.ndarray, uids: np.ndarray) -> np.ndarray:
    """Votes per candidate (``uids``): a voter's own initiative if a candidate, else the
    candidate of their strongest tie that is in one."""
    r = model.residents
    own = r.initiative[voters]
    nbr, w = r.nbr[voters], r.w[voters]
    tie_init = np.where(nbr >= 0, r.initiative[np.maximum(nbr, 0)], -1)
    eligible = np.isin(tie_init, uids)
    best = np.argmax(np.where(eligible, w, -1.0), axis=1)
    via_tie = np.where(eligible.any(axis=1), tie_init[np.arange(voters.size), best], -1)
    choice = np.where(np.isin(own, uids), own, via_tie)
    return np.array([(choice == u).sum() for u in uids])


def fonds_spend_per_year(model) -> float:
    """Grants the fonds pays this year (initiatives funded by it and not by the municipality)."""
    n = sum(1 for i in model.initiatives if i.fonds_until > max(model.week, -1)
            and not i.has_grant)
    return n * model.p.initiatives.grant


# -- right to challenge ------------------------------------------------------------------------
def win_chance(model) -> float:
    """Chance a bid is accepted: the base chance, scaled by recognition, lowered when the
    collective must compete fairly with the region's providers."""
    b, c = model.p.buurtrechten, model.p.collectives
    competition = b.compete_with_companies * (1.0 - 1.0 / model.p.funding.providers)
    return (b.challenge_success * min(1.0, c.recognition_base + c.recognition)
            * (1.0 - competition))


def bid_for_tasks(model) -> None:
    """First week of a year, before the budget: contracts that ran out end; then mature
    wijkcooperaties without a task bid for the scenario's task."""
    m = model
    if m.week < 0 or m.week % 52 != 0:
        return
    end_tasks(m)
    b = m.p.buurtrechten
    if not b.challenge:
        return
    rng = m.streams.collectives
    held = {i.task for i in collectives_of(m) if i.task != NO_TASK and i.task != "buurthuis"}
    for coop in collectives_of(m, (WIJKCOOPERATIE,)):
        if coop.task != NO_TASK or coop.size < b.challenge_min_members or \
                m.week - coop.founded < 52 * b.challenge_maturity_years:
            continue
        task = b.challenge_task
        if task in held:
            continue
        target = task_place(m, coop) if task == "buurthuis" else None
        if task == "buurthuis" and target is None:
            continue
        if rng.random() >= win_chance(m):
            m.log_event("challenge_lost", f"{coop.kind_name} bid for {task} was not accepted",
                        initiative=coop.unique_id)
            continue
        coop.task = task
        coop.task_until = m.week + 52 * b.challenge_contract_years
        if target is not None:
            target.contract_to(coop.unique_id, coop.task_until)
            coop.place = target.index
            coop.task_jobs = 1.0  # the host
        else:
            held.add(task)
        m.log_event("challenge_won", f"{coop.kind_name} takes over {task}",
                    initiative=coop.unique_id)


def task_place(model, coop):
    """The buurthuis a collective can bid to run: its own home first, then any buurthuis in
    its founder's reach that is open and municipal, or closed for budget (not sold)."""
    places = [pl for pl in model.places if pl.kind == BUURTHUIS and pl.contract_until < 0
              and reaches(model, coop.founder, pl.index)
              and ((pl.open and pl.ownership == MUNICIPAL)
                   or (not pl.open and not pl.sold and pl.closed_reason == "budget"))]
    if not places:
        return None
    return min(places, key=lambda pl: (pl.index != coop.place, pl.index))


def end_tasks(model) -> None:
    """Contracts that ran out, and buurthuis contracts whose place is gone, end; the task
    returns to the municipality."""
    for coop in collectives_of(model):
        if coop.task == NO_TASK:
            continue
        run = [pl for pl in model.places if pl.runner == coop.unique_id
               and pl.contract_until >= 0]
        lost = coop.task == "buurthuis" and not any(pl.open for pl in run)
        if coop.task_until <= model.week or lost:
            for pl in run:
                if pl.open:
                    pl.return_to_municipality()
            model.log_event("task_ended", f"{coop.kind_name}: {coop.task} back to the "
                            "municipality", initiative=coop.unique_id)
            coop.task, coop.task_until, coop.task_jobs = NO_TASK, -1, 0.0


def under_contract(pl, week: int) -> bool:
    return pl.contract_until >= 0 and week < pl.contract_until


def fund_tasks(model, targets: dict) -> dict:
    """At the year's allocation: the FTE of tasks residents run move to them as jobs (FTE
    money / resident wage). Returns the municipality's staff targets after the move."""
    m = model
    holders = [i for i in collectives_of(m) if i.task in TASK_ROLE]
    if not holders:
        return targets
    b, cost = m.p.buurtrechten, m.p.professionals.cost_per_year
    out = dict(targets)
    for coop in holders:
        role = TASK_ROLE[coop.task]
        moved = b.challenge_task_share * targets[role]
        out[role] -= moved
        coop.task_jobs = moved * cost / b.resident_wage  # resident FTE
    return out


def task_support_hours(model, support: float) -> float:
    """This week's hours of initiative support: the professionals' plus those of residents a
    collective employs on part of the community work (at their capacity)."""
    extra = sum(i.task_jobs for i in collectives_of(model) if i.task == "community_work")
    if extra == 0:
        return support
    p = model.p
    return support + extra * p.professionals.hours_per_week * p.buurtrechten.challenge_capacity


def run_services(model) -> None:
    """Residents a collective employs on a service help residents with an open practical
    problem (hidden or on the waiting list), as a neighbour would: no need to present oneself
    as helpless, so the helped resident's v drops as after informal help."""
    jobs = sum(i.task_jobs for i in collectives_of(model) if i.task == "service")
    if jobs == 0:
        return
    m, r, p, h = model, model.residents, model.p, model.p.help
    acts = int(jobs * p.professionals.hours_per_week * p.buurtrechten.challenge_capacity
               // p.buurtrechten.service_help_hours)
    open_practical = np.flatnonzero((r.need_kind == 0) & (r.need > 0)
                                    & ((r.status == HIDDEN) | (r.status == WAITING)))
    if acts == 0 or open_practical.size == 0:
        return
    who = m.streams.collectives.choice(open_practical, size=min(acts, open_practical.size),
                                       replace=False)
    r.need[who] -= h.informal_amount * h.informal_effect[0]
    r.v[who] = np.maximum(0.0, r.v[who] - h.v_after_help)
    r.helped_week[who] = True
    r.last_got_help[who] = m.week
    m.tally.informal_helps += who.size
