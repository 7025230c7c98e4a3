"""Citizen initiatives (bewonersinitiatieven, burgercollectieven) live and die (docs/ODD.md 7.5).

Sterkhouders — engaged residents with ties and a place within reach — found initiatives (004
Epiloog §2, H5 'geef mij een ruimte en koffie'). Initiatives recruit through their members' ties,
held back by aanbodverlegenheid; run activities that make ties among members; organise mutual
help that lowers barriers (004 H3). They carry an administrative load, the *corvee* (seed 003
§4), which grows in annual grant rounds that favour 'vergadertijgers' (004 H5); a paid
coordinator or opbouwwerker support takes it over (004 H3). Volunteers burn out when corvee
exceeds their energy; an initiative dies with too few members, without its place, or when a
provider under output pressure takes its activity over ('concurrentieslag', seed 003).
Residents also volunteer outside the wijk's initiatives (clubs, schools, churches); that
background volunteering is independent of the funding regime.
"""

from __future__ import annotations

from typing import NamedTuple

import mesa
import numpy as np

from ._numerics.draws import drawing
from ._numerics.sorting import group_starts, positions_of
from .kernels.initiatives import fade_outside, recruit
from .kernels.meeting import copresence
from .meeting import Gatherings, Mixing, contact_log
from .places import COMMUNITY_KINDS
from .residents import NEVER
from .shocks import aanbodverlegenheid_now

# The first GENERIC kinds are today's bewonersinitiatieven; what each does (shares, mutual
# help, needs a place, countable output) are the initiatives.kind_* keys, in this order. The
# last three are the burgercollectieven that run things (collectives.py, docs/ODD.md 7.12).
KINDS = ("energy", "care_network", "greening", "meeting_place", "sharing",
         "wijkcooperatie", "energiecooperatie", "zorgcooperatie")
GENERIC = 5
WIJKCOOPERATIE, ENERGIECOOPERATIE, ZORGCOOPERATIE = range(GENERIC, GENERIC + 3)
# what a collective is, not a number to vary: a wijkcooperatie runs from a building, an
# energie- or zorgcooperatie does not; a provider cannot count (take over) a collective's work,
# which is its own enterprise
COLLECTIVE_NEEDS_PLACE = (True, False, False)
NO_TASK = "none"


def needs_place_of(model) -> np.ndarray:
    """Whether each kind of KINDS needs a place to meet."""
    return np.array(list(model.p.initiatives.kind_needs_place) + list(COLLECTIVE_NEEDS_PLACE),
                    dtype=np.bool_)


def countable_of(model) -> np.ndarray:
    """Whether a provider can count (and take over) each kind's activities."""
    return np.array(list(model.p.initiatives.kind_countable) + [False] * 3, dtype=np.bool_)


class Initiative(mesa.Agent):
    """A citizen initiative. Members are residents whose ``initiative`` is this uid."""

    def __init__(self, model, kind: int, founder: int, place: int):
        super().__init__(model)
        self.kind = kind
        self.founder = founder
        self.place = place  # index of its home place, -1 none
        self.founded = model.week
        self.grant_until = model.week  # applies for a grant at once
        self.has_grant = False
        self.applying_until = NEVER
        self.ended = False
        self.weeks_without_place = 0
        self.size = 0
        self.corvee = 0.0
        # burgercollectieven and buurtrechten (collectives.py, buurtrechten.py); a generic
        # initiative keeps these at their neutral values
        self.fonds_until = -1  # funded by the wijkfonds / lokaal fonds until this week
        self.building = False  # runs a building taken over under the right to buildings
        self.task = NO_TASK  # a public task taken over under the right to challenge
        self.task_until = -1  # end week of the task contract
        self.task_jobs = 0.0  # resident FTE the task's budget pays
        self.employees = np.empty(0, dtype=np.int64)  # members the collective employs

    @property
    def kind_name(self) -> str:
        return KINDS[self.kind]

    @property
    def is_collective(self) -> bool:
        return self.kind >= GENERIC

    @property
    def funded(self) -> bool:
        """A municipal grant, or money from the wijkfonds / lokaal fonds residents allocate."""
        return self.has_grant or self.fonds_until > max(self.model.week, -1)

    @property
    def extra_corvee(self) -> float:
        """Weekly corvee beyond initiatives.corvee_hours: a collective's own (an enterprise,
        the municipality's hurdles, lowered by steady support), a building taken over
        under the right to buildings, a task under the right to challenge. 0 for a generic
        initiative without either (docs/ODD.md 7.11-7.12)."""
        if not self.is_collective and not self.building and self.task == NO_TASK:
            return 0.0
        p = self.model.p
        base = p.initiatives.corvee_hours
        extra = 0.0
        if self.is_collective:
            c = p.collectives
            own = (base * c.corvee_factor[self.kind - GENERIC]
                   + c.hurdles * c.hurdle_corvee_hours) * (
                       1.0 - c.support_corvee_relief * c.steady_support)
            extra += own - base
        if self.building:
            extra += p.buurtrechten.buildings_corvee_hours
        if self.task != NO_TASK:
            extra += p.buurtrechten.challenge_corvee_hours
        return extra

    def members(self) -> np.ndarray:
        return np.flatnonzero(self.model.residents.initiative == self.unique_id)

    def application_load(self) -> float:
        """Weekly hours of a grant application; easier for a 'vergadertijger'."""
        if self.applying_until < self.model.week:
            return 0.0
        skill = self.model.residents.paperwork_skill[self.founder]
        p = self.model.p.initiatives
        load = p.application_hours * (p.application_skill_offset - skill) / p.application_weeks
        if self.is_collective:  # steady support: fewer and lighter applications (7.12)
            load *= 1.0 - self.model.p.collectives.steady_support
        return load

    def dissolve(self, reason: str) -> None:
        r = self.model.residents
        self.ended = True
        mem = self.members()
        for place in self.model.places:  # a place the residents ran closes with them
            if place.runner == self.unique_id and place.contract_until >= 0:
                place.return_to_municipality()  # a task contract falls back (7.11)
            elif place.runner == self.unique_id:
                place.close("the residents running it stopped")
        r.initiative[mem] = -1
        r.engagement[mem] *= self.model.p.initiatives.dissolution_engagement
        self.model.log_event("initiative_ended", f"{self.kind_name} initiative ended "
                             f"({reason})", initiative=self.unique_id)
        self.model.tally.initiatives_ended += 1
        self.remove()


class Recruiting(NamedTuple):
    """The rule of recruitment (``[initiatives]`` keys, docs/ODD.md 7.5)."""

    rate: float  # weekly chance a member brings in a tie of strength 1 (no barriers)
    max_members: int  # an initiative stops recruiting at this size
    activity_hours: float  # weekly hours a member spends; needs that much spare time


class Membership(NamedTuple):
    """Who recruits for which initiative: ``members[m]`` belongs to the initiative at position
    ``pos[m]`` of the list recruited into, whose uid is ``uids[pos]`` and which has
    ``sizes[pos]`` members (the kernel raises it as recruits join)."""

    members: np.ndarray  # resident indices, in the (shuffled) order they invite
    pos: np.ndarray  # position of each member's initiative
    sizes: np.ndarray  # int64 members per initiative, updated in place
    uids: np.ndarray  # int32 initiative uids


def volunteer_elsewhere(model) -> None:
    """Background volunteering in clubs, schools and churches (not funded by the wijk)."""
    r, rng = model.residents, model.streams.initiatives
    does = np.flatnonzero(rng.random(r.n) < r.volunteer_p)
    hours = np.maximum(r.spare_hours[does], model.p.initiatives.club_min_hours)
    r.last_volunteered[does] = model.week
    r.hours_volunteered[does] += hours
    # (helping comes earlier in the week, so this limits only a zorgcooperatie's care among
    # members, which comes later: docs/ODD.md 7.5, 7.12, 9)
    r.spare_left[does] -= model.p.initiatives.club_spare_share * hours


def _positions(model, inits):
    """Uids of ``inits``, and every member of one of them with the position of its
    initiative in ``inits``."""
    r = model.residents
    uids = np.array([i.unique_id for i in inits], dtype=np.int32)
    members = np.flatnonzero(r.initiative >= 0)
    pos = positions_of(r.initiative[members], uids)
    known = pos >= 0
    return uids, members[known], pos[known]


def apply_for_grants(model) -> None:
    """Grant applications: a decision on those due; a new application when a grant ran out."""
    inits = list(model.initiatives)
    if not inits:
        return
    m, p = model, model.p.initiatives
    rng = m.streams.initiatives
    for init in inits:
        if init.applying_until == m.week:  # decision on the application
            skill = m.residents.paperwork_skill[init.founder]
            chance = ((1 - p.grant_skill_weight) * p.grant_base_success
                      + p.grant_skill_weight * skill)
            if rng.random() < chance and m.municipality.grant_available():
                m.municipality.award_grant()
                init.has_grant = True
                init.grant_until = m.week + 52 * m.terms.grant_years
            else:
                init.has_grant = False
                init.grant_until = m.week + 52  # try again next year
        elif init.grant_until <= m.week and init.applying_until < m.week:
            if init.has_grant:  # the grant ran out: its money is free again this year
                m.municipality.release_grant()
            init.has_grant = False
            init.applying_until = m.week + p.application_weeks - 1  # load in weeks 0..3


def carry_corvee(model, support_hours: float) -> None:
    """Corvee minus what a paid coordinator and opbouwwerkers take over; strain and burnout."""
    inits = list(model.initiatives)
    if not inits:
        return
    m, r, p = model, model.residents, model.p
    raw = np.array([p.initiatives.corvee_hours + i.application_load() + i.extra_corvee
                    for i in inits])
    coordinated = m.municipality.coordinator_coverage(len(inits))
    after_coord = raw * (1.0 - p.initiatives.coordinator_relief * coordinated)
    support = support_hours * p.professionals.corvee_relief_per_hour
    relief = support * after_coord / max(after_coord.sum(), 1e-9)
    corvee = np.maximum(after_coord - relief, 0.0)
    uids, members, pos = _positions(model, inits)
    sizes = np.bincount(pos, minlength=len(inits))
    for init, c, s in zip(inits, corvee, sizes):
        init.corvee = float(c)
        init.size = int(s)
    founder_idx = np.array([i.founder for i in inits])
    is_founder = members == founder_idx[pos]
    others = np.maximum(sizes - 1, 1)
    founder_share = np.where(sizes > 1, p.initiatives.founder_share, 1.0)  # alone: all
    load = np.where(is_founder, founder_share[pos] * corvee[pos],
                    (1 - founder_share[pos]) * corvee[pos] / others[pos])
    strain = p.initiatives.strain * load / np.maximum(r.spare_hours[members],
                                                      p.initiatives.strain_min_hours)
    e = r.energy[members]
    e += p.initiatives.energy_recovery * (1.0 - e) - strain
    r.energy[members] = e
    r.hours_volunteered[members] += load
    burnt = members[e < 0.0]
    if burnt.size:
        r.initiative[burnt] = -1
        r.engagement[burnt] *= p.initiatives.burnout_engagement
        r.energy[burnt] = p.initiatives.burnout_energy
        m.tally.burnouts += burnt.size
        hand_over(model, inits)


def hand_over(model, inits) -> None:
    """A founder who left (burnt out, moved away) hands over to the most engaged member."""
    r = model.residents
    for init in inits:
        if not init.ended and r.initiative[init.founder] != init.unique_id:
            mem = init.members()
            if mem.size:
                init.founder = int(mem[np.argmax(r.engagement[mem])])


def run_activities(model) -> None:
    """Activities: members who attend meet each other; mutual help lowers v and a;
    engagement grows."""
    inits = list(model.initiatives)
    if not inits:
        return
    m, r, p = model, model.residents, model.p.initiatives
    rng = m.streams.initiatives
    uids, members, pos = _positions(model, inits)
    if members.size == 0:
        return
    has_place = np.array([i.place >= 0 and m.places[i.place].open for i in inits])
    kinds = np.array([i.kind for i in inits])
    attend_p = np.where(has_place | ~needs_place_of(m)[kinds], p.attendance,
                        p.attendance_without_place)
    funded = np.array([i.funded for i in inits])
    attend_p = attend_p * np.where(funded, 1.0, p.attendance_unfunded)
    goes = rng.random(members.size) < attend_p[pos]
    attend, apos = members[goes], pos[goes]
    order = np.argsort(apos, kind="stable")
    attend, apos = attend[order], apos[order]
    starts = group_starts(apos)
    n_groups = starts.size - 1
    gain = np.full(n_groups, p.activity_tie_gain)
    bridging = np.full(n_groups, p.activity_bridging)
    if kinds.max() >= GENERIC:  # an energiecooperatie's members meet across groups
        group_kind = kinds[apos[starts[:-1]]]
        bridging[group_kind == ENERGIECOOPERATIE] = m.p.collectives.energy_bridging
    mixing = Mixing(contacts=p.activity_contacts, homophily=m.p.wijk.homophily,
                    age_homophily=0.0)
    with drawing(rng) as st:
        copresence(st, Gatherings(members=attend.astype(np.int32), starts=starts, gain=gain,
                                  bridging=bridging),
                   mixing, r.arrays, r.tie_table, contact_log(m))
    r.last_volunteered[attend] = m.week
    r.hours_volunteered[attend] += p.activity_hours
    r.spare_left[attend] = np.maximum(r.spare_left[attend] - p.activity_hours, 0.0)
    mutual = p.mutual_help * mutual_help_of(m, kinds)[pos]
    r.v[members] = np.maximum(0.0, r.v[members] - mutual)
    r.a[members] = np.maximum(0.0, r.a[members] - mutual)
    r.engagement[members] += p.engagement_gain * (1.0 - r.engagement[members])


def mutual_help_of(model, kinds: np.ndarray) -> np.ndarray:
    """How much each initiative organises mutual help, by kind (collectives: their key)."""
    out = np.empty(kinds.size)
    generic = kinds < GENERIC
    out[generic] = np.asarray(model.p.initiatives.kind_mutual_help, dtype=float)[kinds[generic]]
    if not generic.all():
        per = np.asarray(model.p.collectives.mutual_help, dtype=float)
        out[~generic] = per[kinds[~generic] - GENERIC]
    return out


def fade_engagement(model) -> None:
    """Outside initiatives, engagement fades back to one's own disposition."""
    r = model.residents
    fade_outside(r.engagement, r.engagement0, r.initiative,
                 model.p.initiatives.engagement_fade)


def recruit_members(model) -> None:
    """Members invite their ties to join (:func:`recruit_into` for every initiative)."""
    inits = list(model.initiatives)
    if inits:
        recruit_into(model, inits)


def recruit_into(model, inits) -> None:
    """Members of ``inits`` invite ties who are in no initiative yet."""
    m, r, p = model, model.residents, model.p.initiatives
    uids, members, pos = _positions(model, inits)
    sizes = np.bincount(pos, minlength=len(inits)).astype(np.int64)
    shuffle = m.streams.initiatives.permutation(members.size)  # no fixed first claim on ties
    members, pos = members[shuffle], pos[shuffle]
    a_eff = aanbodverlegenheid_now(m)
    rule = Recruiting(rate=p.recruit_rate, max_members=p.max_members,
                      activity_hours=p.activity_hours)
    with drawing(m.streams.initiatives) as st:
        m.tally.recruits += recruit(st, Membership(members=members, pos=pos, sizes=sizes,
                                                   uids=uids),
                                    rule, r.arrays, r.tie_table, a_eff)
    for init, s in zip(inits, sizes):
        init.size = int(s)


def drift_away(model) -> None:
    """Members drift away for ordinary reasons (moving on, other priorities)."""
    inits = list(model.initiatives)
    if not inits:
        return
    r, rng = model.residents, model.streams.initiatives
    founder = np.zeros(r.n, dtype=np.bool_)
    founder[np.array([i.founder for i in inits], dtype=np.int64)] = True
    members = np.flatnonzero(r.initiative >= 0)
    rate = np.full(members.size, model.p.initiatives.leave_rate / 52.0)
    colls = [i.unique_id for i in inits if i.is_collective]
    if colls:  # a cooperative's members hold a formal membership (7.12)
        rate[np.isin(r.initiative[members], colls)] *= model.p.collectives.leave_factor
    go = members[(rng.random(members.size) < rate) & ~founder[members]]
    r.initiative[go] = -1


def take_over_activities(model) -> None:
    """Under output pressure a provider takes over countable volunteer activities."""
    inits = list(model.initiatives)
    if not inits:
        return
    m = model
    pressure = m.terms.output_pressure
    if pressure <= 0:
        return
    rng = m.streams.initiatives
    for init in inits:
        if countable_of(m)[init.kind] and rng.random() < (
                pressure * m.p.initiatives.takeover_per_year / 52):
            m.tally.takeovers += 1
            init.dissolve("activity taken over by a provider")


def end_failing(model) -> None:
    """Initiatives end with too few members, without a place to meet, or without funding."""
    inits = list(model.initiatives)
    if not inits:
        return
    m, p = model, model.p.initiatives
    rng = m.streams.initiatives
    needs_place = needs_place_of(m)
    for init in inits:
        if init.ended:  # already dissolved this week (taken over)
            continue
        if init.place >= 0 and not m.places[init.place].open:
            init.place = nearest_open_place(m, init.founder)
        if needs_place[init.kind] and init.place < 0:
            init.weeks_without_place += 1
        else:
            init.weeks_without_place = 0
        if init.size == 0 or (init.size < p.min_members
                              and m.week - init.founded > p.grace_weeks):
            init.dissolve("too few members")
        elif init.weeks_without_place > p.placeless_weeks:
            init.dissolve("no place to meet")
        elif not init.funded and rng.random() < unfunded_end_rate(m, init):
            init.dissolve("no funding")


def unfunded_end_rate(model, init: Initiative) -> float:
    """Weekly chance an unfunded initiative ends; steady municipal support carries part of a
    collective's running costs (collectives.steady_support)."""
    rate = model.p.initiatives.no_funding_end_rate
    if init.is_collective:
        rate *= 1.0 - model.p.collectives.steady_support
    return rate


def nearest_open_place(model, resident: int) -> int:
    """The most suitable open place within the resident's reach, -1 if none."""
    best, best_score = -1, -np.inf
    for k in range(model.reach_idx.shape[1]):
        pl = model.reach_idx[resident, k]
        if pl < 0 or not model.places[pl].open:
            continue
        place = model.places[pl]
        score = -model.reach_dist[resident, k] + (model.p.initiatives.place_preference
                                                  if place.kind in COMMUNITY_KINDS else 0.0)
        if score > best_score:
            best, best_score = int(pl), score
    return best


def found(model, support_hours: float) -> None:
    """Sterkhouders with ties and a place within reach found new initiatives; opbouwwerkers'
    ``support_hours`` this week make founding likelier."""
    m, r, p = model, model.residents, model.p
    rng = m.streams.initiatives
    support_per_1000 = support_hours / max(r.n / 1000.0, 1e-9)
    chance = p.initiatives.found_rate * (1.0 + p.initiatives.found_support * support_per_1000)
    cand = np.flatnonzero((r.engagement >= p.residents.sterkhouder_threshold)
                          & (r.initiative < 0) & (r.spare_hours > 0)
                          & (m.ties.n_good >= p.initiatives.min_founding_ties))
    founders = cand[rng.random(cand.size) < chance]
    for f in rng.permutation(founders):  # who invites first, not by number (build.py)
        start_initiative(m, int(f))


def start_initiative(model, founder: int, kind: int | None = None,
                     rng: np.random.Generator | None = None) -> Initiative | None:
    """``founder`` starts an initiative (a generic kind drawn by initiatives.kind_shares
    unless ``kind`` is given) with up to initiatives.founding_invites of their strongest ties;
    ``rng``: the stream to draw from (the initiatives' stream unless given)."""
    m, r, p = model, model.residents, model.p.initiatives
    rng = m.streams.initiatives if rng is None else rng
    place = nearest_open_place(m, founder)
    if kind is None:
        kind = int(rng.choice(GENERIC, p=np.asarray(p.kind_shares, dtype=float)))
    if needs_place_of(m)[kind] and place < 0:
        return None
    init = Initiative(m, kind, founder, place)
    r.initiative[founder] = init.unique_id
    row, ws = r.nbr[founder], r.w[founder]
    order = np.argsort(-ws)
    for k in order[:p.founding_invites]:
        j = row[k]
        if j >= 0 and r.initiative[j] < 0 and r.spare_hours[j] > 0 \
                and rng.random() < 1.0 - r.a[j]:
            r.initiative[j] = init.unique_id
    init.size = int(np.sum(r.initiative == init.unique_id))
    m.tally.initiatives_founded += 1
    return init


def claim_closed_places(model) -> None:
    """'Buurtrecht': a large enough initiative near a closed municipal place reopens it."""
    m, p = model, model.p.places
    if not p.community_rights:
        return
    closed = [pl for pl in m.places if not pl.open and not pl.sold
              and pl.kind in COMMUNITY_KINDS and pl.closed_reason != "not enough customers"]
    if not closed:
        return
    for init in list(m.initiatives):
        if init.size < p.community_takeover_members:
            continue
        if init.place >= 0 and m.places[init.place].open \
                and m.places[init.place].ownership == "community":
            continue
        row = m.reach_idx[init.founder]
        for pl in closed:
            if pl.index in row and not pl.open and \
                    m.municipality.fund_place(p.community_rent_share * p.rent[pl.kind]):
                pl.reopen_as_community(init.unique_id)
                init.place = pl.index
                break
