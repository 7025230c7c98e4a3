"""WijkModel: a Dutch neighbourhood as a social ecosystem (Mesa model).

One tick is one week. ``step()`` follows the tick list of MODEL.md; each mechanism lives in its
own module. Resident state is kept in numpy arrays (``model.residents``) and stepped by
vectorised or Numba-compiled mechanisms; professionals, places, initiatives, providers and the
municipality are Mesa agents. Runs are fully determined by scenario and seed: every mechanism
family draws from its own random stream spawned from the seed, so a change in one mechanism's
draws (say, a lost tender) does not shift the draws of the others.
"""

from __future__ import annotations

from functools import partial
from types import SimpleNamespace
from typing import Any, Mapping

import mesa
import numpy as np
import pandas as pd
from mesa.discrete_space import OrthogonalMooreGrid

from ..scenario import Scenario, defaults, load_scenario
from ..scenario.loader import KEY_ALIASES
from ..scenario.regimes import funding_terms
from . import helping, initiatives, meeting, needs, outcomes, population, shocks
from .build import make_residents, place_sites, reach_lists
from .homes import homes_of
from .kernels.build import seed_ties
from .kernels.ties import tie_summary
from .funding import FundingCycle, WelfareProvider
from .initiatives import Initiative, start_initiative
from .municipality import Municipality
from .params import Params
from .places import BUURTHUIS, ThirdPlace
from .professionals import HULPVERLENER, OPBOUWWERKER, Professional, Team, wijkkennis_after
from .residents import HIDDEN, Resident
from .ties import empty_summary

STREAMS = ("build", "meeting", "needs", "help", "professionals", "initiatives", "places",
           "funding", "municipality", "shocks")
PROVIDER_NAMES = ("Welzijn Samen", "Buurtkracht", "Zorg & Wijk", "De Verbinding",
                  "Wijkwerk Plus", "Sociaal Collectief")


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
                 **overrides: Any):
        flat = {KEY_ALIASES.get(k, k): v for k, v in overrides.items()}
        scen = load_scenario(scenario, overrides=flat)
        if seed is None:
            seed = int(np.random.SeedSequence().generate_state(1)[0])
        super().__init__(seed=seed)
        self.seed = int(seed)
        self.scenario = scen
        self.p = Params.from_flat(scen.values)
        self.terms = funding_terms(scen.values)
        seqs = np.random.SeedSequence(self.seed).spawn(len(STREAMS))
        self.streams = SimpleNamespace(**{n: np.random.default_rng(s)
                                          for n, s in zip(STREAMS, seqs)})
        self.week = -self.p.run.burn_in_weeks  # the wijk is built, then burns in up to week 0
        self.horizon = 52 * self.p.run.years
        self.events: list[dict[str, Any]] = []
        self._recorded_weeks: list[int] = []
        self._burning = False
        self.tally = outcomes.new_tally()
        self.shock = shocks.ShockState()
        self._build()
        self.datacollector = mesa.DataCollector(
            model_reporters={name: partial(_read, name) for name in outcomes.OUTCOMES})
        self._record(week=self.week - 1)  # the wijk as the burn-in left it
        self.tally = outcomes.new_tally()

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        p, rng = self.p, self.streams.build
        n = p.wijk.residents
        self.residents, self.side, built = make_residents(rng, p, n)
        r = self.residents
        self.age15 = (r.age > 0) | (rng.random(n) < 0.25)
        self.grid = OrthogonalMooreGrid((self.side, self.side), torus=False,
                                        random=self.random)
        self.homes = homes_of(r.x, r.y, r.cell, self.side)
        self.near2 = float(p.wijk.neighbour_radius ** 2)  # who counts as a neighbour
        self.scratch = np.zeros(n)
        self.scratch2 = np.zeros(n)
        self.resident_agents = [Resident(self, i, self.grid._cells[(int(x), int(y))])
                                for i, (x, y) in enumerate(zip(r.x, r.y))]
        self._build_places(rng, built)
        seed_ties(rng, r.tie_table, self.homes, r.group, 3, p.wijk.initial_ties,
                  p.wijk.homophily)
        self.ties = empty_summary(n)
        self.providers = [WelfareProvider(self, PROVIDER_NAMES[k % len(PROVIDER_NAMES)])
                          for k in range(p.funding.providers)]
        self.funding = FundingCycle(self, self.providers)
        self.team = Team(self)
        self.municipality = Municipality(self)
        self._start_needs(rng)
        self._start_initiatives(rng)
        self.terms = funding_terms(defaults())
        self.municipality.allocate_year()  # sets the team size; hires are vacancies ...
        self._staff_team(rng)  # ... which the starting team fills with experienced staff
        self.summarise_ties()
        self._burn_in()

    def _build_places(self, rng, built) -> None:
        p, r = self.p, self.residents
        self.places: list[ThirdPlace] = []
        taken: set[int] = set()
        for kind, per in enumerate(p.places.per_1000):
            count = round(per * r.n / 1000.0)
            if kind == 0 and per > 0:  # every wijk has at least one buurthuis
                count = max(1, count)
            for c in place_sites(rng, built, self.side, count, taken):
                cell = self.grid._cells[(c % self.side, c // self.side)]
                self.places.append(ThirdPlace(self, len(self.places), kind, cell))
        px = np.array([pl.x for pl in self.places], dtype=float)
        py = np.array([pl.y for pl in self.places], dtype=float)
        reach = np.array([pl.reach for pl in self.places], dtype=float)
        walk = np.where(r.age == 2, p.meeting.senior_reach, 1.0)  # seniors walk less far
        self.reach_idx, self.reach_dist = reach_lists(r.x.astype(float), r.y.astype(float),
                                                      px, py, reach, scale=walk)
        buurthuis = [pl.index for pl in self.places if pl.kind == BUURTHUIS]
        # seniors who live within walking reach of a buurthuis site (open or not): the
        # catchment in which a closure should be felt (MODEL.md patterns)
        self.near_buurthuis = (r.age == 2) & np.isin(self.reach_idx, buurthuis).any(axis=1)

    def _burn_in(self) -> None:
        """Run the whole wijk for ``run.burn_in_weeks`` before week 0 under the status-quo
        funding terms (the schema defaults), whatever the scenario's regime.

        Week 0 is then 'the wijk as it is today', near its own equilibrium, and it is the same
        wijk for every regime with the same seed: the scenario's funding terms take over only
        from week 0. Scheduled events and programmes start at year 0 or later, so none of
        them acts during the burn-in. Nothing is recorded.
        """
        self.terms = funding_terms(defaults())
        self._burning = True
        while self.week < 0:
            self._tick()
        self._burning = False
        self.terms = funding_terms(self.scenario.values)
        self.events.clear()

    def _start_needs(self, rng) -> None:
        """Problems present at week 0, drawn at their steady-state prevalence (approx.)."""
        r, p = self.residents, self.p.needs
        chance = needs.arrival_chance(self) * 20.0  # about 20 weeks of arrivals
        idx = np.flatnonzero(rng.random(r.n) < np.minimum(chance, 0.9))
        r.need[idx] = p.initial_severity * (1.0 + rng.random(idx.size))
        r.need_kind[idx] = rng.choice(3, size=idx.size, p=np.asarray(p.kind_shares))
        r.status[idx] = HIDDEN

    def _start_initiatives(self, rng) -> None:
        r, p = self.residents, self.p
        want = int(round(p.initiatives.initial_per_1000 * r.n / 1000.0))
        order = np.argsort(-(r.engagement + 0.2 * rng.random(r.n)))
        for f in order:
            if len(self.initiatives) >= want:
                break
            if r.initiative[f] >= 0 or r.spare_hours[f] <= 0:
                continue
            init = start_initiative(self, int(f))
            if init is None:
                continue
            # an initiative that exists today has found its first members already
            for _ in range(26):
                if init.size >= 2 * p.initiatives.min_members:
                    break
                initiatives._recruit(self, [init])
            if init.size < p.initiatives.min_members:  # this founder could not start one
                r.initiative[r.initiative == init.unique_id] = -1
                init.remove()
                continue
            init.founded = self.week - int(rng.integers(26, 260))  # established, of some age
        self.tally = outcomes.new_tally()

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

    # -- the weekly tick (MODEL.md) ---------------------------------------------------------
    def step(self) -> None:
        """One week (Mesa counts these in ``model.steps``; the burn-in does not)."""
        self._tick()

    def _tick(self) -> None:
        self.begin_week()
        self.municipality.act()  # 6-7. funding cycle, budget year, scheduled events
        shocks.set_in(self)  # 8. a crisis or heat wave sets in
        population.move(self)  # residents move away, newcomers arrive
        needs.arise_and_grow(self)  # 1. needs arise, grow, escalate
        meeting.meet(self)  # 2. places, street, friends; ties decay
        helping.ask_and_offer(self)  # 3. asking and offering help
        self.team.work()  # 4. professionals work
        initiatives.live(self)  # 5. initiatives live and die
        self.places_step()  # places: custom, market closures
        shocks.heat_wave(self)  # 8. a heat wave strikes the unreached
        helping.drift_toward_norms(self)  # 3. v and a drift toward local norms
        self.end_week()

    def begin_week(self) -> None:
        self.tally = outcomes.new_tally()
        r = self.residents
        r.spare_left[:] = r.spare_hours
        r.helped_week[:] = False
        r.hours_volunteered[:] = 0.0

    def places_step(self) -> None:
        for pl in self.places:
            pl.step()

    def end_week(self) -> None:
        self.municipality.spend_week()
        if self.summary_week != self.week:  # drift_toward_norms refreshed it in its pass
            self.summarise_ties()
        if not self._burning and (self.week + 1) % self.p.run.record_every == 0:
            self._record(self.week)
        self.week += 1
        if self.week >= self.horizon:
            self.running = False

    # -- helpers used by mechanisms -------------------------------------------------------
    @property
    def initiatives(self):
        return self.agents_by_type[Initiative] if Initiative in self.agents_by_type else []

    @property
    def professionals(self):
        return self.team.members

    def netwerkberaad_running(self) -> bool:
        p = self.p.netwerkberaad
        year = self.week // 52
        return p.enabled and year >= p.start_year and (not p.stop_year or year < p.stop_year)

    def summarise_ties(self) -> None:
        t, r = self.ties, self.residents
        tie_summary(r.tie_table, r.group, self.p.meeting.good_tie, t)
        self.summary_week = self.week

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
