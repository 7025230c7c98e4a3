"""Each submodel of docs/ODD.md 7 doing what it says, on small wijks set up by hand."""


import numpy as np
import pytest

from tests.conftest import make_model
from wijksim.model import helping, meeting, needs, shocks
from wijksim.model.places import BUURTHUIS
from wijksim.model.residents import CASE, HIDDEN, IN_CARE, NO_NEED, WAITING
from wijksim.model.tietable import is_symmetric


def ask_and_offer(m):
    """The asking and offering phases of a week (docs/ODD.md 7.3), as WijkModel.step runs them."""
    a_now = shocks.aanbodverlegenheid_now(m)
    helping.ask_ties_for_help(m, a_now)
    helping.offer_help(m, a_now)
    helping.close_solved(m)
    helping.ask_professional(m)


def team_work(m):
    """The professionals' phases of a week (docs/ODD.md 7.4), as WijkModel.step runs them."""
    team = m.team
    team.fill_vacancies()
    team.wait()
    work = team.plan_week()
    team.hold_netwerkberaden(work)
    team.do_casework(work)
    team.take_in(work)
    team.collective_work(work)
    team.learn(work)
    team.turnover()


# -- 1. needs arise, grow and escalate --------------------------------------------------------
def test_needs_arrive_more_often_for_the_vulnerable():
    m = make_model(**{"needs.arrival_rate": 0.05})
    r = m.residents
    r.status[:] = NO_NEED
    r.vulnerability[: r.n // 2] = 0.05
    r.vulnerability[r.n // 2:] = 0.6
    counts = np.zeros(2)
    for _ in range(10):
        r.status[:] = NO_NEED
        needs.arise(m)
        got = r.status == HIDDEN
        counts += [got[: r.n // 2].sum(), got[r.n // 2:].sum()]
    assert counts[1] > 3 * counts[0]


def test_unaddressed_need_grows_then_escalates_to_costly_care():
    m = make_model(**{"needs.self_resolve_rate": 0.0, "needs.care_weeks": 5})
    r = m.residents
    i = 0
    r.status[i], r.need[i] = HIDDEN, 2.0
    before = m.tally.escalation_cost
    needs.grow_and_escalate(m)
    assert r.need[i] == pytest.approx(2.0 * 1.02)
    r.need[i] = m.p.needs.escalation_threshold
    needs.grow_and_escalate(m)
    assert r.status[i] == IN_CARE
    assert m.tally.escalations >= 1 and m.tally.escalation_cost > before
    m.week += 5
    needs.grow_and_escalate(m)
    assert r.status[i] == NO_NEED and r.need[i] == 0


# -- 2. meeting -------------------------------------------------------------------------------
def _visits(m, weeks=4):
    total = 0
    for _ in range(weeks):
        meeting.visit_places(m)
        total += int((m.residents.visit >= 0).sum())
        m.week += 1
    return total


def test_closed_places_get_no_visitors():
    m = make_model(**{"wijk.residents": 1500})
    assert _visits(m) > 0
    for pl in m.places:
        pl.open = False
    assert _visits(m) == 0


def test_copresence_at_places_makes_ties():
    m = make_model(**{"wijk.residents": 1500, "meeting.street_rate": 0.0})
    r = m.residents
    r.nbr[:] = -1
    r.w[:] = 0.0
    meeting.visit_places(m)
    assert (r.nbr >= 0).sum() > 0
    assert is_symmetric(r.nbr, r.w)
    visited = r.visit >= 0
    has_tie = (r.nbr >= 0).any(axis=1)
    assert has_tie[~visited].sum() == 0  # only visitors met anyone


@pytest.mark.parametrize("homophily, expect_cross", [(1.0, False), (0.0, True)])
def test_homophily_holds_back_contact_across_groups(homophily, expect_cross):
    m = make_model(**{"wijk.residents": 1500, "wijk.homophily": homophily,
                      "meeting.host_bridging": 0.0})
    m.tally.cross_contacts = 0
    meeting.visit_places(m)
    assert (m.tally.cross_contacts > 0) == expect_cross


def test_a_host_bridges_groups():
    def cross(bridging):
        m = make_model(seed=3, **{"wijk.residents": 2000, "meeting.host_bridging": bridging})
        m.tally.cross_contacts = 0
        for _ in range(4):
            meeting.visit_places(m)
        return m.tally.cross_contacts
    assert cross(1.0) > 1.3 * cross(0.0)


def test_ties_decay_without_contact():
    m = make_model(**{"meeting.private_contact_rate": 0.0})
    r = m.residents
    before = r.w.sum()
    meeting.keep_up_ties(m)
    assert r.w.sum() < before
    assert is_symmetric(r.nbr, r.w)


# -- 3. asking for help ---------------------------------------------------------------------
def _needy(m, v):
    r = m.residents
    r.status[:] = HIDDEN
    r.need[:] = 1.5
    r.v[:] = v
    r.spare_left[:] = r.spare_hours


def test_nobody_voices_need_when_vraagverlegenheid_is_one():
    m = make_model()
    _needy(m, 1.0)
    m.tally.help_requests = 0
    ask_and_offer(m)
    assert m.tally.help_requests == 0
    assert m.tally.formal_requests == 0


def test_lower_vraagverlegenheid_means_more_asking():
    def asks(v):
        m = make_model(seed=2)
        _needy(m, v)
        ask_and_offer(m)
        return m.tally.help_requests + m.tally.formal_requests
    assert asks(0.1) > asks(0.6) > asks(0.95)


def _pair(helper_time, helper_a):
    """Two residents tied at full strength; resident 0 has a problem, 1 may help."""
    from wijksim.model.tietable import empty_ties, strengthen

    nbr, w = ties = empty_ties(2, 4)
    strengthen(ties, 0, 1, 1.0)
    arr = dict(need=np.array([1.5, 0.0]), status=np.array([HIDDEN, NO_NEED], dtype=np.int8),
               kind=np.zeros(2, dtype=np.int8), v=np.array([0.0, 0.5]),
               a=np.array([0.5, helper_a]), voiced=np.zeros(2, dtype=np.bool_),
               spare=np.array([0.0, helper_time]))
    arr["a_eff"] = arr["a"].copy()
    return nbr, w, arr


def People(**given):
    """The model's own ResidentArrays for a pair of residents: the arrays the asking kernel
    reads are ``given``, the rest zeros of the model's dtypes. (A bundle type defined here
    would enter the shared Numba cache index, which a process without this test package on
    its path - the tutorial's wijksim commands - then fails to read.)"""
    from wijksim.model.residents import ARRAY_FIELDS, ResidentArrays

    like = _arrays_like()
    return ResidentArrays(**{name: given[name] if name in given else
                             np.zeros((2,) + getattr(like, name).shape[1:],
                                      dtype=getattr(like, name).dtype)
                             for name in ARRAY_FIELDS})


_LIKE: list = []


def _arrays_like():
    if not _LIKE:
        from wijksim import WijkModel
        _LIKE.append(WijkModel(None, seed=1, **{"wijk.residents": 50,
                                                "run.burn_in_weeks": 0}).residents.arrays)
    return _LIKE[0]


def _ask(nbr, w, arr, seed=0):
    from wijksim.model.kernels.helping import ask_ties
    from wijksim.model.tietable import TieTable

    z = np.zeros(2, dtype=np.int32)
    people = People(need=arr["need"], status=arr["status"], need_kind=arr["kind"], v=arr["v"],
                    a=arr["a"], voiced=arr["voiced"], spare_left=arr["spare"],
                    helped_week=np.zeros(2, dtype=np.bool_), last_helped_other=z.copy(),
                    last_got_help=z.copy())
    rule = helping.HelpRule(ask_base=5.0, ask_v_weight=1.5, ask_need_weight=0.6,
                            ask_tie_weight=2.5, offer_rate=0.0, good_tie=0.3,
                            effect=np.array([1.0, 0.8, 0.25]), amount=0.6, hours=2.0,
                            v_after_help=0.04, v_after_refusal=0.06, a_after_helping=0.02,
                            tie_gain=0.03, willing_base=0.5, willing_tie_weight=0.5,
                            unasked_v_weight=0.5, unasked_v_share=0.5)
    return ask_ties(np.random.default_rng(seed), people, TieTable(nbr, w), arr["a_eff"],
                            np.array([1.0, 1.0]), rule, 1, np.arange(2))


def test_being_helped_lowers_v_and_need():
    for seed in range(50):  # the first week in which resident 0 asks
        nbr, w, arr = _pair(helper_time=10.0, helper_a=0.0)
        arr["v"][0] = 0.3
        requests, helps = _ask(nbr, w, arr, seed)
        if requests:
            break
    assert requests == 1 and helps == 1
    assert arr["v"][0] == pytest.approx(0.26) and arr["need"][0] == pytest.approx(0.9)
    assert arr["a"][1] == 0.0 and arr["spare"][1] == pytest.approx(8.0)


def test_being_refused_raises_v():
    for seed in range(50):
        nbr, w, arr = _pair(helper_time=0.0, helper_a=0.0)  # the tie has no time
        arr["v"][0] = 0.3
        requests, helps = _ask(nbr, w, arr, seed)
        if requests:
            break
    assert requests == 1 and helps == 0 and arr["v"][0] == pytest.approx(0.36)


def test_a_helper_with_aanbodverlegenheid_one_never_helps():
    for seed in range(20):
        nbr, w, arr = _pair(helper_time=10.0, helper_a=1.0)
        arr["v"][0] = 0.0
        requests, helps = _ask(nbr, w, arr, seed)
        assert helps == 0


def test_crisis_lowers_aanbodverlegenheid_and_raises_offers():
    def offers(boost):
        m = make_model(seed=4, **{"wijk.residents": 3000})
        _needy(m, 1.0)  # nobody asks, so spare time is all there is to offer
        m.shock.offer_boost = boost
        ask_and_offer(m)
        return m.tally.help_offers
    assert offers(0.8) > 1.4 * offers(0.0)


def test_v_drifts_toward_the_local_norm():
    m = make_model(**{"help.disposition_pull": 0.0})
    r = m.residents
    r.v[:] = 0.9
    r.v[:50] = 0.1
    spread0 = r.v.std()
    for _ in range(20):
        helping.drift_toward_norms(m)
    assert r.v.std() < spread0


# -- 4. professionals -------------------------------------------------------------------------
def test_wijkkennis_grows_with_tenure():
    m = make_model()
    prof = m.team.members[0]
    wk = prof.wijkkennis
    for _ in range(10):
        prof.learn()
    assert prof.wijkkennis > wk and prof.tenure_weeks >= 10


def test_a_leaving_professional_takes_trust_links_and_cases():
    m = make_model(**{"wijk.residents": 1500})
    r = m.residents
    prof = m.team.members[0]
    idx = np.arange(20)
    r.prof_link[idx], r.prof_trust[idx] = prof.unique_id, 0.8
    r.status[idx[:5]], r.case_prof[idx[:5]] = CASE, prof.unique_id
    m.team.leave(prof, "test")
    assert (r.prof_link[idx] == -1).all() and (r.prof_trust[idx] == 0).all()
    assert (r.status[idx[:5]] == WAITING).all() and (r.case_prof[idx[:5]] == -1).all()
    assert prof not in m.team.members


def test_casework_reduces_need_and_professionals_only_help_raises_v():
    m = make_model(**{"wijk.residents": 1500, "help.premie": 0.05})
    r = m.residents
    for p in m.team.members:
        p.orientation = 0.0  # professionals-only
    r.status[:], r.need[:], r.case_prof[:] = NO_NEED, 0.0, -1  # an idle team
    i = np.arange(5)
    r.status[i], r.need[i], r.v[i] = WAITING, 1.5, 0.4
    r.status_since[i] = -1
    team_work(m)  # intake
    assert (r.status[i] == CASE).all()
    need0, v0 = r.need[i].copy(), r.v[i].copy()
    team_work(m)
    assert (r.need[i] < need0).all()
    assert (r.v[i] > v0).all()  # 'premie op machteloosheid'


def test_a_saturated_caseload_crowds_out_collective_work():
    def collective(waiting):
        m = make_model(**{"wijk.residents": 3000})
        r = m.residents
        r.status[:] = NO_NEED
        idx = np.arange(waiting)
        r.status[idx], r.need[idx], r.status_since[idx] = WAITING, 1.0, -1
        m.tally.hours_collective = 0
        team_work(m)
        return m.tally.hours_collective
    assert collective(1000) < 0.6 * collective(0)


def test_paperwork_takes_hours_off_the_top():
    def work_hours(admin):
        m = make_model(**{"wijk.residents": 1500, "funding.tender.admin_share": admin})
        m.tally.hours_casework = m.tally.hours_collective = 0
        team_work(m)
        return m.tally.hours_casework + m.tally.hours_collective
    assert work_hours(0.5) < work_hours(0.1)


def test_netwerkberaden_ramp_up_over_the_first_year():
    # realistic rates give about 10 beraden a year here (Walcheren: 350 for ~110,000
    # residents); a higher rate gives the test power to see the ramp in skill and beraden
    m = make_model("subsidy_netwerkberaad", **{"wijk.residents": 3000, "netwerkberaad.rate": 2.0,
                                               "netwerkberaad.start_year": 0})
    skill = []
    for _ in range(52):
        m.step()
        skill.append(m.team.mean("beraad_skill"))
    assert skill[5] < skill[25] < skill[51]
    held = m.outcomes()["netwerkberaden"]
    assert held.iloc[27:53].sum() > held.iloc[1:27].sum() > 0


def test_a_netwerkberaad_widens_the_circle_and_lowers_v():
    from wijksim.model.kernels.professionals import hold_beraden

    m = make_model(**{"wijk.residents": 1500})
    r = m.residents
    client = np.array([0])
    r.nbr[0], r.w[0] = -1, 0.0  # an isolated client
    from wijksim.model.professionals import Beraad
    from wijksim.model.tietable import clear_ties
    clear_ties(r.tie_table, client)
    r.v[0] = 0.8
    rule = Beraad(circle=4, tie_gain=0.25, v_drop=0.15, a_drop=0.08, radius=8,
                  search_tries=3)
    hold_beraden(np.random.default_rng(1), client, np.array([1.0]), rule, r.arrays, m.homes,
                 r.tie_table)
    assert (r.nbr[0] >= 0).sum() >= 1 and r.v[0] == pytest.approx(0.65)


# -- 6. funding cycle -------------------------------------------------------------------------
def _renewal(staff_moves, p_lose=1.0):
    m = make_model(**{"wijk.residents": 3000, "funding.tender.p_incumbent_loses": p_lose,
                      "funding.tender.staff_moves": staff_moves,
                      "funding.tender.pre_tender_turnover": 0.0,
                      "professionals.turnover_per_year": 0.0})
    wk_before = m.team.mean("wijkkennis")
    incumbent = m.funding.incumbent
    m.funding.renew()
    return m, wk_before, incumbent


def test_a_lost_tender_resets_wijkkennis_unless_staff_move_along():
    m, wk, old = _renewal(staff_moves=0.0)
    assert m.funding.incumbent is not old
    assert m.team.mean("wijkkennis") < 0.2 * wk
    assert all(p.provider is m.funding.incumbent for p in m.team.members)
    assert any(e["kind"] == "tender_lost" for e in m.events)
    m2, wk2, _ = _renewal(staff_moves=1.0)
    assert m2.team.mean("wijkkennis") == pytest.approx(wk2)


def test_a_won_tender_keeps_the_team_but_costs_overhead():
    m, wk, old = _renewal(staff_moves=0.0, p_lose=0.0)
    assert m.funding.incumbent is old and m.team.mean("wijkkennis") == pytest.approx(wk)
    assert m.tally.spend_overhead == pytest.approx(
        m.terms.renewal_overhead_share * m.municipality.base_budget())


def test_subsidy_renewal_never_changes_provider():
    m = make_model("subsidy", **{"wijk.residents": 1500})
    old = m.funding.incumbent
    for _ in range(5):
        m.funding.renew()
    assert m.funding.incumbent is old and m.tally.spend_overhead == 0


# -- 5. initiatives ---------------------------------------------------------------------------
def test_sterkhouders_found_initiatives():
    from wijksim.model import initiatives

    m = make_model(**{"wijk.residents": 2000, "initiatives.found_rate": 1.0,
                      "initiatives.min_founding_ties": 0})
    before = len(m.initiatives)
    m.residents.engagement[:100] = 0.95
    m.residents.initiative[:100] = -1
    initiatives.found(m, support_hours=0.0)
    assert len(m.initiatives) > before


def test_corvee_without_relief_burns_volunteers_out():
    def burnouts(coordinators):
        m = make_model("subsidy", seed=5, **{
            "wijk.residents": 2000, "initiatives.initial_per_1000": 6.0,
            "run.burn_in_weeks": 0, "initiatives.corvee_hours": 10.0,
            "funding.subsidy.paid_coordinators": coordinators,
            "funding.subsidy.resident_org_share": 0.3})
        m.run(26)
        return m.outcomes()["burnouts"].sum()
    assert burnouts(False) > burnouts(True)


def test_initiatives_recruit_through_ties():
    from wijksim.model import initiatives

    m = make_model(**{"wijk.residents": 2000, "initiatives.recruit_rate": 1.0})
    r = m.residents
    founder = int(np.argmax(m.ties.n_ties * (r.initiative < 0)))
    r.spare_hours[founder] = 5.0
    init = initiatives.start_initiative(m, founder, kind=0)  # energy: needs no place
    r.initiative[r.initiative == init.unique_id] = -1
    r.initiative[founder] = init.unique_id
    ties = r.nbr[founder][r.nbr[founder] >= 0]
    r.a[ties], r.engagement[ties], r.spare_hours[ties] = 0.0, 1.0, 5.0  # willing, with time
    initiatives.recruit_into(m, [init])
    members = init.members()
    assert members.size > 1
    ties_of_founder = set(r.nbr[founder][r.nbr[founder] >= 0])
    assert set(members) - {founder} <= ties_of_founder  # one round: only the founder's ties


# -- 7. municipality ---------------------------------------------------------------------------
def test_selling_the_buurthuis_closes_it_for_good():
    m = make_model("buurthuis_sold", **{"wijk.residents": 3000})
    m.run(3 * 52 + 1)
    bh = [pl for pl in m.places if pl.kind == BUURTHUIS]
    assert bh and all(not pl.open and pl.sold for pl in bh)
    assert any(e["kind"] == "closure" for e in m.events)


def test_buurttop_creates_bridging_ties_and_trust():
    from wijksim.model.municipality import hold_buurttop

    m = make_model(**{"wijk.residents": 3000, "municipality.buurttop_per_1000": 50})
    r = m.residents
    m.summarise_ties()
    cross0, trust0 = m.ties.cross.sum(), r.trust.mean()
    hold_buurttop(m)
    m.summarise_ties()
    assert m.ties.cross.sum() > cross0 and r.trust.mean() > trust0
    assert any(e["kind"] == "buurttop" for e in m.events)


def test_a_budget_cut_shrinks_the_team():
    m = make_model("budget_cut", **{"wijk.residents": 3000,
                                    "municipality.budget_cut_year": 1})
    m.run(50)
    before = m.team.size()
    m.run(4)
    assert m.team.size() < before


# -- 8. shocks ---------------------------------------------------------------------------------
def test_heat_wave_harms_the_unreached_more():
    def harmed(isolate):
        m = make_model("heatwave", seed=6, **{"wijk.residents": 3000,
                                              "shocks.heat_vulnerability": 0.0,
                                              "shocks.heat_harm_unchecked": 0.5})
        r = m.residents
        if isolate:
            r.nbr[:] = -1
            r.w[:] = 0.0
            for pl in m.places:
                pl.open = False
            r.prof_trust[:] = 0.0
        m.shock.heat = True
        m.tally.heat_harmed = 0
        from wijksim.model import shocks
        meeting.visit_places(m)
        shocks.heat_wave(m)
        return m.tally.heat_harmed / max(m.tally.heat_at_risk, 1)
    # Isolated, everyone is unchecked (harm ~0.5); in the wijk as built about half of the
    # at-risk seniors are reached (harm ~0.27 with the steady-state-like starting network of
    # issue 13; ~0.2 with the old, denser one), so the ratio is about 1 / unreached share.
    assert harmed(True) > 1.5 * harmed(False)
