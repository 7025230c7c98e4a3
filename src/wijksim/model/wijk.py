"""WijkModel: a Dutch neighbourhood as a social ecosystem (Mesa model).

One tick is one week. ``step()`` lists the phases of a week in the order of docs/ODD.md 3.1;
each mechanism lives in its own module. Resident state is kept in numpy arrays
(``model.residents``) and stepped by vectorised or Numba-compiled mechanisms; professionals,
places, initiatives, providers and the municipality are Mesa agents. Runs are fully determined
by scenario and seed: every mechanism family draws from its own random stream spawned from the
seed, so a change in one mechanism's draws (say, a lost tender) does not shift the draws of
the others.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Mapping

import mesa
import numpy as np
import pandas as pd
from mesa.discrete_space import OrthogonalMooreGrid

from ..scenario import Scenario, defaults, load_scenario
from ..scenario.loader import KEY_ALIASES, place_counts
from ..scenario.params import Params
from ..scenario.paramtypes import ScenarioParams
from ..scenario.regimes import funding_terms
from . import (agent_ids, buurtrechten, collectives, helping, initiatives, meeting, needs,
               outcomes, places, population, shocks, snapshot)
from .build import (first_ties, friendship_desire, make_residents, place_sites,
                    reach_lists)
from .homes import homes_of
from .kernels.build import seed_ties
from .kernels.meeting import distance_weights
from .kernels.ties import tie_pass
from .funding import FundingCycle, WelfareProvider
from .initiatives import Initiative, start_initiative
from .municipality import Municipality
from .outcome_names import OUTCOMES
from .places import BUURTHUIS, ThirdPlace
from .professionals import Team, wijkkennis_after
from .residents import HIDDEN, Resident
from .ties import empty_summary

# a new stream goes at the end: SeedSequence.spawn gives the earlier ones the same seeds
STREAMS = ("build", "meeting", "needs", "help", "professionals", "initiatives", "places",
           "funding", "municipality", "shocks", "collectives")
PROVIDER_NAMES = ("Welzijn Samen", "Buurtkracht", "Zorg & Wijk", "De Verbinding",
                  "Wijkwerk Plus", "Sociaal Collectief")


agent_ids.install()  # Mesa 3.3 would keep every wijk ever made in memory (agent_ids.py)


def _read(name: str, model: "WijkModel") -> float:
    return model.latest[name]


class WijkModel(mesa.Model):
    """A wijk over the years under a funding regime.

    Args:
        scenario: a shipped scenario name, a path to a TOML file, a loaded
            :class:`~wijksim.scenario.Scenario`, or None for the schema defaults.
        seed: integer seed; every run is determined by scenario + seed. None draws one (and
            records it in ``model.seed``).
        **overrides: scenario keys to change, dotted (``**{"funding.tender.contract_years": 9}``)
            or a shortcut: ``residents``, ``years``, ``regime``.

    Works unchanged with ``mesa.batch_run`` (pass ``seed`` as a parameter) and SolaraViz.
    """

    def __init__(self, scenario: str | Scenario | None = None, seed: int | None = None,
                 *, _store_burn_in: Path | None = None, **overrides: Any):
        flat = {KEY_ALIASES.get(k, k): v for k, v in overrides.items()}
        scen = load_scenario(scenario, overrides=flat)
        if seed is None:
            seed = int(np.random.SeedSequence().generate_state(1)[0])
        super().__init__(seed=seed)
        self.seed = int(seed)
        self.scenario = scen
        self.p: ScenarioParams = Params.from_flat(scen.values)
        # the funding terms: the status quo while the wijk is built and burns in, the
        # scenario's regime from week 0 (docs/ODD.md 3.3); see the ``terms`` property
        self._status_quo_terms = funding_terms(defaults())
        self._regime_terms = funding_terms(scen.values)
        self._run_started = False
        seqs = np.random.SeedSequence(self.seed).spawn(len(STREAMS))
        self.streams = SimpleNamespace(**{n: np.random.default_rng(s)
                                          for n, s in zip(STREAMS, seqs)})
        self.week = -self.p.run.burn_in_weeks  # the wijk is built, then burns in up to week 0
        self.horizon = 52 * self.p.run.years
        self.events: list[dict[str, Any]] = []
        self._recorded_weeks: list[int] = []
        self.tally = outcomes.Tally()
        self.shock = shocks.ShockState()
        self.fonds = buurtrechten.LokaalFonds()  # the wijkfonds / lokaal fonds (7.11)
        self._build()
        if _store_burn_in is not None:  # see WijkModel.starting
            snapshot.save(self, _store_burn_in, kind="burn-in")
        self.begin_run(scen)

    @classmethod
    def starting(cls, scenario: str | Scenario | None = None, seed: int | None = None,
                 cache: Path | None = None, **overrides: Any) -> "WijkModel":
        """A wijk at week 0 of ``scenario``, from a stored burn-in when one matches.

        Every scenario that shares the burn-in's values (all but the funding terms, events,
        shocks and run length: ``scenario.regimes.AFTER_BURN_IN``) and the seed starts from the
        same wijk, so the burn-in is computed once, stored in ``cache`` and reused: the run
        is bit-identical to ``WijkModel(scenario, seed)``. ``cache=None`` computes it here.
        A damaged cached file is replaced, never used.
        """
        if cache is None or seed is None:
            return cls(scenario, seed, **overrides)
        flat = {KEY_ALIASES.get(k, k): v for k, v in overrides.items()}
        scen = load_scenario(scenario, overrides=flat)
        path = Path(cache) / f"{snapshot.burn_in_key(scen.values, seed)}{snapshot.SUFFIX}"
        if path.is_file():
            try:
                model = snapshot.load(path)
            except snapshot.SnapshotError:
                path.unlink(missing_ok=True)
            else:
                snapshot.touch(path)
                model.begin_run(scen)
                return model
        model = cls(scen, seed, _store_burn_in=path)
        snapshot.prune(Path(cache))
        return model

    def save(self, path: str | Path) -> Path:
        """Save the wijk as it is now (a checkpoint); continue it with :meth:`load`."""
        return snapshot.save(self, path)

    @classmethod
    def load(cls, path: str | Path) -> "WijkModel":
        """A wijk saved with :meth:`save`, ready to run on from where it stopped."""
        model = snapshot.load(path)
        if not isinstance(model, cls):
            raise snapshot.SnapshotError(path, "does not hold a wijk")
        return model

    def __getstate__(self) -> dict[str, Any]:
        """What a snapshot stores: the wijk, and the number its next agent gets."""
        return {**self.__dict__, "_next_agent_number": agent_ids.next_number(self)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        next_id = state.pop("_next_agent_number", None)
        self.__dict__.update(state)
        agent_ids.continue_from(self, next_id)

    def begin_run(self, scen: Scenario) -> None:
        """Week 0: the scenario's own terms take over from the status-quo burn-in."""
        self.scenario = scen
        self.p = Params.from_flat(scen.values)
        self._regime_terms = funding_terms(scen.values)
        self.horizon = 52 * self.p.run.years
        self.events.clear()
        self.datacollector = outcomes.OutcomeCollector(
            model_reporters={name: partial(_read, name) for name in OUTCOMES})
        self._record(week=self.week - 1)  # the wijk as the burn-in left it
        self.tally = outcomes.Tally()

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        p, rng = self.p, self.streams.build
        n = p.wijk.residents
        self.residents, self.side, built = make_residents(rng, p, n)
        r = self.residents
        self.age15 = (r.age > 0) | (rng.random(n) < p.wijk.youth_15plus_share)
        self.grid = OrthogonalMooreGrid((self.side, self.side), torus=False,
                                        random=self.random)
        self.homes = homes_of(r.x, r.y, r.cell, self.side)
        self.near2 = float(p.wijk.neighbour_radius ** 2)  # who counts as a neighbour
        self.resident_agents = [Resident(self, i, self.grid[(int(x), int(y))])
                                for i, (x, y) in enumerate(zip(r.x, r.y))]
        self._build_places(rng, built)
        desire = friendship_desire(rng, p, r.age)  # drawn before the ties, as always
        seed_ties(rng, first_ties(p), desire, r.arrays, self.homes, r.tie_table)
        self.ties = empty_summary(n)
        self.providers = [WelfareProvider(self, PROVIDER_NAMES[k % len(PROVIDER_NAMES)])
                          for k in range(p.funding.providers)]
        self.funding = FundingCycle(self, self.providers)
        self.team = Team(self)
        self.municipality = Municipality(self)
        self._start_needs(rng)
        self._start_initiatives(rng)
        self.municipality.allocate_year()  # sets the team size; hires are vacancies ...
        self._staff_team(rng)  # ... which the starting team fills with experienced staff
        self.summarise_ties()
        self._burn_in()

    def _build_places(self, rng, built) -> None:
        p, r = self.p, self.residents
        self.places: list[ThirdPlace] = []
        taken: set[int] = set()
        for kind, count in enumerate(place_counts(list(p.places.per_1000), r.n)):
            for c in place_sites(rng, built, self.side, count, taken,
                                 p.wijk.place_site_candidates):
                cell = self.grid[(c % self.side, c // self.side)]
                self.places.append(ThirdPlace(self, len(self.places), kind, cell))
        px = np.array([pl.x for pl in self.places], dtype=float)
        py = np.array([pl.y for pl in self.places], dtype=float)
        reach = np.array([pl.reach for pl in self.places], dtype=float)
        walk = np.where(r.age == 2, p.meeting.senior_reach, 1.0)  # seniors walk less far
        self.reach_idx, self.reach_dist = reach_lists(r.x.astype(float), r.y.astype(float),
                                                      px, py, reach, p.meeting.reach_places,
                                                      scale=walk)
        # a place's pull by distance: homes and places stay put, so once per model
        self.reach_weight = distance_weights(self.reach_dist, p.meeting.distance_scale)
        buurthuis = [pl.index for pl in self.places if pl.kind == BUURTHUIS]
        # seniors who live within walking reach of a buurthuis site (open or not): the
        # catchment in which a closure should be felt (docs/ODD.md 1.2)
        self.near_buurthuis = (r.age == 2) & np.isin(self.reach_idx, buurthuis).any(axis=1)

    def _burn_in(self) -> None:
        """Run the whole wijk for ``run.burn_in_weeks`` before week 0 under the status-quo
        funding terms (the schema defaults), whatever the scenario's regime.

        Week 0 is then 'the wijk as it is today', near its own equilibrium, and it is the same
        wijk for every regime with the same seed: the scenario's funding terms take over only
        from week 0. Scheduled events and programmes start at year 0 or later, so none of
        them acts during the burn-in. Nothing is recorded.
        """
        while self.week < 0:
            type(self).step(self)  # the week itself, without Mesa's count of the run's steps
        self._run_started = True
        self.events.clear()

    def _start_needs(self, rng) -> None:
        """Problems present at week 0, drawn at their steady-state prevalence (approx.)."""
        r, p = self.residents, self.p.needs
        chance = needs.arrival_chance(self) * p.initial_weeks  # weeks of arrivals
        idx = np.flatnonzero(rng.random(r.n) < np.minimum(chance, p.initial_max_share))
        r.need[idx] = p.initial_severity * (1.0 + rng.random(idx.size))
        r.need_kind[idx] = rng.choice(3, size=idx.size, p=np.asarray(p.kind_shares))
        r.status[idx] = HIDDEN

    def _start_initiatives(self, rng) -> None:
        r, p = self.residents, self.p
        pi = p.initiatives
        want = int(round(pi.initial_per_1000 * r.n / 1000.0))
        order = np.argsort(-(r.engagement + pi.initial_founder_noise * rng.random(r.n)))
        for f in order:
            if len(self.initiatives) >= want:
                break
            if r.initiative[f] >= 0 or r.spare_hours[f] <= 0:
                continue
            init = start_initiative(self, int(f))
            if init is None:
                continue
            # an initiative that exists today has found its first members already
            for _ in range(pi.initial_recruit_rounds):
                if init.size >= pi.initial_size_factor * pi.min_members:
                    break
                initiatives.recruit_into(self, [init])
            if init.size < p.initiatives.min_members:  # this founder could not start one
                r.initiative[r.initiative == init.unique_id] = -1
                init.remove()
                continue
            init.founded = self.week - int(rng.integers(pi.initial_min_age_weeks,
                                                        pi.initial_max_age_weeks))
        self.tally = outcomes.Tally()

    def _staff_team(self, rng) -> None:
        """Fill the funded posts with staff who have a spread of tenures."""
        p = self.p.professionals
        roles = [role for _, role in self.team.vacancies]
        self.team.vacancies = []
        for role in roles:
            tenure = int(rng.exponential(p.initial_tenure_years * 52))
            wk = wijkkennis_after(tenure, p.wijkkennis_learning, p.new_hire_wijkkennis)
            self.team.hire(role, self.funding.incumbent, wk, tenure)
        self.team.assign_hours()

    # -- the weekly tick (docs/ODD.md 3.1) ----------------------------------------------
    def step(self) -> None:
        """One week, phase by phase in the order of docs/ODD.md 3.1; the numbers are the
        docs/ODD.md sections of the submodels (Mesa counts these weeks in ``model.steps``;
        the burn-in runs the same week without counting)."""
        team = self.team
        self.begin_week()                              # 3.1   the week's fresh start
        buurtrechten.bid_for_tasks(self)               # 7.11  first week: task contracts
        self.municipality.budget_year()                # 7.7   first week of a year: budget
        buurtrechten.fund_by_residents(self)           # 7.11  first week: the fonds allocated
        self.funding.renew_if_due()                    # 7.6   contract or subsidy renewal
        self.municipality.scheduled_events()           # 7.7   sale of buurthuizen, BuurtTop
        shocks.set_in(self)                            # 7.8   a crisis or heat wave sets in
        population.move(self)                          # 7.9   residents move, newcomers come
        needs.grow_and_escalate(self)                  # 7.1   open needs grow, escalate
        needs.arise(self)                              # 7.1   new problems arise
        meeting.visit_places(self)                     # 7.2   visits and co-presence
        meeting.meet_in_street(self)                   # 7.2   street encounters
        meeting.close_triads(self)                     # 7.2   friends introduce friends
        meeting.keep_up_ties(self)                     # 7.2   private contact, tie decay
        a_now = shocks.aanbodverlegenheid_now(self)    # 7.8   a as it acts this week
        helping.ask_ties_for_help(self, a_now)         # 7.3   asking a tie
        helping.offer_help(self, a_now)                # 7.3   offering help unasked
        helping.close_solved(self)                     # 7.3   solved problems close
        helping.ask_professional(self)                 # 7.3   asking a professional
        team.fill_vacancies()                          # 7.4   new staff start
        team.wait()                                    # 7.4   trust lost on the waiting list
        work = team.plan_week()                        # 7.4   paperwork, productivity
        team.hold_netwerkberaden(work)                 # 7.4   netwerkberaden
        team.do_casework(work)                         # 7.4   casework
        team.take_in(work)                             # 7.4   intake from the waiting list
        support = team.collective_work(work)           # 7.4   outreach, bridging, support
        support = buurtrechten.task_support_hours(self, support)  # 7.11  residents' task
        team.learn(work)                               # 7.4   wijkkennis, beraad skill
        team.turnover()                                # 7.4   staff leave
        initiatives.volunteer_elsewhere(self)          # 7.5   clubs, schools, churches
        initiatives.fade_engagement(self)              # 7.5   engagement outside initiatives
        initiatives.apply_for_grants(self)             # 7.5   grant rounds
        initiatives.carry_corvee(self, support)        # 7.5   corvee, strain, burnout
        initiatives.run_activities(self)               # 7.5   activities, mutual help
        collectives.run_collectives(self)              # 7.12  jobs, energy, care
        buurtrechten.run_services(self)                # 7.11  a service residents run
        initiatives.drift_away(self)                   # 7.5   members leave
        initiatives.recruit_members(self)              # 7.5   recruitment through ties
        initiatives.take_over_activities(self)         # 7.5   takeovers by a provider
        initiatives.end_failing(self)                  # 7.5   initiatives end
        initiatives.found(self, support)               # 7.5   new initiatives
        collectives.found_collectives(self)            # 7.12  new burgercollectieven
        initiatives.claim_closed_places(self)          # 7.5   'buurtrecht' on closed places
        buurtrechten.claim_buildings(self)             # 7.11  right to buildings
        places.keep_custom(self)                       # 7.2   places' weekly custom
        shocks.heat_wave(self)                         # 7.8   the heat wave strikes
        helping.drift_toward_norms(self)               # 7.3   norm drift; tie summary (2.3)
        self.municipality.book_week()                  # 7.7   the week's spending
        self.record_if_due()                           # 7.10  outcomes
        self.advance_week()                            # 3.3   next week; stop at the horizon

    def begin_week(self) -> None:
        """A zeroed tally; everyone's spare time back; this week's flags cleared."""
        self.tally = outcomes.Tally()
        r = self.residents
        r.spare_left[:] = r.spare_hours
        r.helped_week[:] = False
        r.hours_volunteered[:] = 0.0

    def record_if_due(self) -> None:
        """Record the week's outcomes every ``run.record_every`` weeks of the run."""
        if self._run_started and (self.week + 1) % self.p.run.record_every == 0:
            self._record(self.week)

    def advance_week(self) -> None:
        self.week += 1
        if self.week >= self.horizon:
            self.running = False

    # -- a policy decision while the wijk runs ---------------------------------------------
    FIXED_SECTIONS = ("run.", "wijk.", "places.")  # they shape the built wijk itself

    def change_policy(self, overrides: Mapping[str, Any], text: str = "policy changed",
                      log: bool = True, **extra: Any) -> dict[str, Any]:
        """Change scenario values from the next week on, in this same wijk (the workshop
        app's levers; the scheduled ``funding.switch_year`` is the scenario-file form of a
        regime change). Validated like a scenario file (raises ScenarioError). A funding
        regime still acts only through the generic terms; the municipality re-allocates the
        year's budget at once, so a new budget or team mix applies from the next week.
        Keys that shape the built wijk (residents, grid, places) cannot change mid-run.
        Returns the keys that changed (nothing logged if none did, or if ``log`` is false:
        a change that does not matter under the current regime)."""
        fixed = [k for k in overrides if k.startswith(self.FIXED_SECTIONS)]
        if fixed:
            raise ValueError(f"{', '.join(fixed)} cannot change while the wijk runs; "
                             "start a new wijk instead")
        scen = self.scenario.with_overrides(overrides, origin=f"policy in week {self.week}")
        changed = {k: scen.values[k] for k in overrides
                   if scen.values[k] != self.scenario.values[k]}
        if not changed:
            return {}
        self.scenario = scen
        self.p = Params.from_flat(scen.values)
        old, self.terms = self.terms, self.funding.current_terms()
        if self.week >= 0:
            self.funding.take_terms(old, self.terms)
        budget_keys = ("funding.", "professionals.", "municipality.")
        if self.week >= 0 and any(k.startswith(budget_keys) for k in changed):
            self.municipality.allocate_year()
        if log:
            self.log_event("policy_change", text, **extra)
        return changed

    # -- helpers used by mechanisms -------------------------------------------------------
    @property
    def initiatives(self):
        return self.agents_by_type[Initiative] if Initiative in self.agents_by_type else []

    @property
    def terms(self):
        """The funding terms acting now: the status quo (the schema defaults) while the wijk
        is built and burns in, the scenario's regime from week 0 (docs/ODD.md 3.3)."""
        return self._regime_terms if self._run_started else self._status_quo_terms

    @terms.setter
    def terms(self, new) -> None:
        """The scenario's terms from now on (week 0, a scheduled switch, a policy change)."""
        self._regime_terms = new

    @property
    def professionals(self):
        return self.team.members

    def netwerkberaad_running(self) -> bool:
        p = self.p.netwerkberaad
        year = self.week // 52
        return p.enabled and year >= p.start_year and (not p.stop_year or year < p.stop_year)

    def summarise_ties(self) -> None:
        """The tie summary of the ties as they are now (the weekly one is taken by the norm
        drift's pass over the ties, docs/ODD.md 7.3)."""
        r = self.residents
        unused_v, unused_a = np.empty(r.n), np.empty(r.n)  # the local norms are not needed
        tie_pass(r.tie_table, r.group, self.p.meeting.good_tie, self.ties, r.v, r.a, unused_v,
                 unused_a)

    def log_event(self, kind: str, text: str, **extra: Any) -> None:
        self.events.append({"week": self.week, "year": self.week / 52.0, "kind": kind,
                            "text": text, **extra})

    def _record(self, week: int) -> None:
        """Record the outcomes of the week just simulated (labelled week + 1)."""
        self.latest = outcomes.measure(self, week)
        self.latest_week = week + 1
        self.datacollector.collect(self)
        self._recorded_weeks.append(self.latest_week)

    # -- results --------------------------------------------------------------------------
    def outcomes(self) -> pd.DataFrame:
        """Recorded outcomes, one row per recorded week (week 0 = the starting wijk)."""
        df = self.datacollector.get_model_vars_dataframe()
        df.insert(0, "week", self._recorded_weeks[: len(df)])
        df.insert(1, "year", df["week"] / 52.0)
        return df

    def events_frame(self) -> pd.DataFrame:
        cols = ["week", "year", "kind", "text"]
        return pd.DataFrame(self.events, columns=None if self.events else cols)

    def run(self, weeks: int | None = None, progress=None) -> pd.DataFrame:
        """Step until the horizon (or ``weeks`` more weeks); return the outcomes."""
        n = self.horizon - self.week if weeks is None else weeks
        for _ in range(max(0, n)):
            self.step()
            if progress is not None:
                progress(1)
        return self.outcomes()

    def resident_frame(self) -> pd.DataFrame:
        """Current state of every resident (for maps and analysis)."""
        r, t = self.residents, self.ties
        return pd.DataFrame({
            "x": r.x, "y": r.y, "group": r.group, "age": r.age,
            "vulnerability": r.vulnerability, "vraagverlegenheid": r.v,
            "aanbodverlegenheid": r.a, "need": r.need, "status": r.status, "trust": r.trust,
            "prof_trust": r.prof_trust, "engagement": r.engagement, "initiative": r.initiative,
            "ties": t.n_ties, "good_ties": t.n_good, "tie_strength": t.strength,
            "friends_elsewhere": r.friends_elsewhere,
            "lonely": t.n_good + r.friends_elsewhere < self.p.meeting.lonely_below,
        })

    def describe(self) -> Mapping[str, Any]:
        return {"scenario": self.scenario.name, "scenario_hash": self.scenario.hash,
                "seed": self.seed, "residents": self.residents.n, "grid": self.side,
                "places": len(self.places), "professionals": len(self.team.members),
                "initiatives": len(self.initiatives), "regime_terms": self.terms.as_dict()}
