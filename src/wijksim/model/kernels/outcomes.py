"""Compiled census of the residents for the recorded outcomes (rules: outcomes.py,
docs/ODD.md 7.10)."""

from __future__ import annotations

from typing import NamedTuple

from numba import njit

from ..residents import CASE, HIDDEN, IN_CARE, NO_NEED, WAITING


class Counts(NamedTuple):
    """Resident counts taken by :func:`census`, by name."""

    adults: int
    seniors: int
    age15: int
    near_buurthuis: int
    open_need: int
    connected: int
    neighbour_contact: int
    with_need: int
    hidden_unknown: int
    unmet: int
    waiting: int
    case: int
    in_care: int
    lonely_adults: int
    strongly_lonely_adults: int
    lonely_seniors: int
    lonely_near_buurthuis: int
    trusted_link: int
    volunteers: int
    volunteered_year: int
    volunteered_4wk: int
    volunteered_now: int
    helped_other_year: int
    ties: int
    good_ties: int


class Sums(NamedTuple):
    """Resident sums taken by :func:`census` (over all residents unless named), by name."""

    strength: float  # total tie strength
    cross: float  # tie strength across groups
    v: float
    a: float
    v_in_need: float  # vraagverlegenheid of residents with an open problem
    need_in_need: float  # need of residents with an open problem
    trust: float
    prof_trust: float
    hours_now: float  # hours volunteered by those who volunteered this week


@njit(cache=True)
def hidden_unknown_of(status, voiced):
    """A problem nobody knows about: still hidden, and not voiced to a tie (nor found by
    outreach, which makes it a case). Works on one resident or on arrays of them: the
    ``hidden_need_share`` outcome and the app's map both count with this function."""
    return (status == HIDDEN) & (voiced == 0)


@njit(cache=True)
def lonely_of(n_good, friends_elsewhere, lonely_below):
    """Lonely: fewer than ``lonely_below`` good contacts, in the wijk and elsewhere. Scalars
    or arrays; ``lonely_share`` (adults and seniors) and the map both use it."""
    return n_good + friends_elsewhere < lonely_below


@njit(cache=True)
def census(week, lines, people, summary, age15, near_buurthuis):
    """Every resident count and sum the outcomes need, in one pass: exact integers as
    :class:`Counts`, and the sums of the means as :class:`Sums` (summed in resident order).

    Recording every week should cost little next to the week itself; some forty separate
    numpy masks and sums took most of the time of :func:`measure`, and the means over
    masks, done apart, read the same arrays again.
    """
    age, status, voiced = people.age, people.status, people.voiced
    friends_elsewhere, prof_trust = people.friends_elsewhere, people.prof_trust
    last_neighbour_contact, last_got_help = people.last_neighbour_contact, people.last_got_help
    initiative, last_volunteered = people.initiative, people.last_volunteered
    last_helped_other = people.last_helped_other
    v, a, need, trust = people.v, people.a, people.need, people.trust
    hours_volunteered, strength, cross = people.hours_volunteered, summary.strength, summary.cross
    n_ties, n_good = summary.n_ties, summary.n_good
    lonely_below, strongly_below = lines.lonely_below, lines.strongly_lonely_below
    trusted = lines.trusted_link
    adults = seniors = n_age15 = n_near = n_open = connected = neighbour_contact = 0
    with_need = hidden_unknown = unmet = waiting = case = in_care = lonely_adults = 0
    strongly_lonely_adults = lonely_seniors = lonely_near = trusted_link = volunteers = 0
    volunteered_year = volunteered_4wk = n_volunteered_now = helped_other_year = 0
    ties = good_ties = 0
    s_strength = s_cross = s_v = s_a = s_v_need = s_need = s_trust = s_prof = s_hours = 0.0
    for i in range(age.shape[0]):  # '&' and '|', not 'and'/'or': no jumps to mispredict
        adult = age[i] > 0
        senior = age[i] == 2
        contacts = n_good[i] + friends_elsewhere[i]  # good contacts in the wijk and elsewhere
        lonely = lonely_of(n_good[i], friends_elsewhere[i], lonely_below)
        st = status[i]
        is_open = (st == HIDDEN) | (st == WAITING) | (st == CASE)
        now = last_volunteered[i] == week
        adults += adult
        seniors += senior
        n_age15 += age15[i]
        n_near += near_buurthuis[i]
        n_open += is_open
        connected += n_good[i] >= lonely_below
        neighbour_contact += last_neighbour_contact[i] == week
        with_need += st != NO_NEED
        hidden_unknown += hidden_unknown_of(st, voiced[i])
        unmet += is_open & (week - last_got_help[i] >= 4)
        waiting += st == WAITING
        case += st == CASE
        in_care += st == IN_CARE
        lonely_adults += adult & lonely
        strongly_lonely_adults += adult & (contacts < strongly_below)
        lonely_seniors += senior & lonely
        lonely_near += near_buurthuis[i] & lonely
        trusted_link += prof_trust[i] >= trusted
        volunteers += initiative[i] >= 0
        volunteered_year += age15[i] & (week - last_volunteered[i] < 52)
        volunteered_4wk += age15[i] & (week - last_volunteered[i] < 4)
        n_volunteered_now += now
        helped_other_year += adult & (week - last_helped_other[i] < 52)
        ties += n_ties[i]
        good_ties += n_good[i]
        s_strength += strength[i]
        s_cross += cross[i]
        s_v += v[i]
        s_a += a[i]
        s_v_need += v[i] * is_open
        s_need += need[i] * is_open
        s_trust += trust[i]
        s_prof += prof_trust[i]
        s_hours += hours_volunteered[i] * now
    # local counters stay in registers (an array of counters was four times slower)
    counts = Counts(adults=adults, seniors=seniors, age15=n_age15, near_buurthuis=n_near,
                    open_need=n_open, connected=connected, neighbour_contact=neighbour_contact,
                    with_need=with_need, hidden_unknown=hidden_unknown, unmet=unmet,
                    waiting=waiting, case=case, in_care=in_care, lonely_adults=lonely_adults,
                    strongly_lonely_adults=strongly_lonely_adults, lonely_seniors=lonely_seniors,
                    lonely_near_buurthuis=lonely_near, trusted_link=trusted_link,
                    volunteers=volunteers, volunteered_year=volunteered_year,
                    volunteered_4wk=volunteered_4wk, volunteered_now=n_volunteered_now,
                    helped_other_year=helped_other_year, ties=ties, good_ties=good_ties)
    return counts, Sums(strength=s_strength, cross=s_cross, v=s_v, a=s_a, v_in_need=s_v_need,
                        need_in_need=s_need, trust=s_trust, prof_trust=s_prof,
                        hours_now=s_hours)
