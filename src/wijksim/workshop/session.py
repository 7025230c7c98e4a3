"""One workshop: a shared wijk, the people steering it, and its rounds. No web framework.

A :class:`WorkshopSession` is the single object every page of a workshop talks to (a module-level
object in the Solara server; see docs/workshop.md). Its rules:

* **One owner advances the wijk.** Closing a round takes the session out of its *deciding* state
  (``running``), applies the round's decisions with ``WijkModel.change_policy`` from that week,
  steps the round's weeks and publishes the result. While it runs, decisions are refused with
  a message (nobody changes a wijk that is being stepped) and nobody else touches the model.
* **Readers never see a half-stepped wijk.** Pages read :attr:`frame`, an immutable
  :class:`Frame` made by the owner after every change (week, round, headline numbers, the
  drawn map and charts per language). Replacing the reference is atomic.
* **Every change is serialised** by one lock (two phones pressing at once: one after the
  other), recorded at once (:mod:`.record`, atomic files) and announced to ``listeners``, which
  the Solara layer uses to tell every open page.
* **The facilitator acts through a handle** (:meth:`facilitator`), given only for the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import threading
import time
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from ..app.access import Access, new_join_code, new_secret, secret_matches
from ..app.i18n import describe_event
from ..app.views import place_labels
from ..app.session import CACHE, AppConfig, Session as AppSession, Wijk
from ..model.wijk import WijkModel
from ..scenario.errors import Problem, ScenarioError
from ..scenario.regimes import regime_in_week
from . import residents as households
from . import roles as rl
from .record import OWNER_ONLY_FOLDER, Record, current

ROUND_WEEKS = 52
HEADLINE = ("cohesion", "hidden_need_share", "lonely_share", "trust", "vraagverlegenheid",
            "wijkkennis")
COLOUR_BY = "need"


@dataclass(frozen=True)
class WorkshopConfig:
    """What the facilitator chose when starting (stored in session.json)."""

    scenario: str = "tender_3y"
    seed: int = 1
    residents: int = 3000
    round_weeks: int = ROUND_WEEKS
    burn_in: int | None = None
    limits: tuple[tuple[str, int], ...] = tuple((r.name, r.default_limit) for r in rl.ROLES)
    draw: bool = True  # draw map and charts into each frame (pages); tests may skip it

    def limit(self, role: str) -> int:
        return dict(self.limits).get(role, 0)

    def as_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "seed": self.seed, "residents": self.residents,
                "round_weeks": self.round_weeks, "burn_in": self.burn_in,
                "limits": dict(self.limits)}

    @classmethod
    def from_dict(cls, d: dict[str, Any], draw: bool = True) -> "WorkshopConfig":
        return cls(d["scenario"], int(d["seed"]), int(d["residents"]), int(d["round_weeks"]),
                   d.get("burn_in"), tuple((k, int(v)) for k, v in d["limits"].items()), draw)


@dataclass
class Participant:
    pid: str
    name: str
    role: str = ""
    removed: bool = False
    joined: float = 0.0
    resident: int = -1  # a bewoner's household: the resident of the wijk they adopted
    device: str = ""  # hash of the phone's own token (its browser cookie): rejoin needs it

    def as_dict(self) -> dict[str, Any]:
        return {"pid": self.pid, "name": self.name, "role": self.role,
                "removed": self.removed, "joined": self.joined, "resident": self.resident,
                "device": self.device}

    def same_phone(self, device: str) -> bool:
        """Whether ``device`` is the token of the phone this participant joined with."""
        return bool(device) and hmac.compare_digest(self.device, device_hash(device))


def device_hash(device: str) -> str:
    """What the record keeps of a phone's token: its SHA-256 (the token is only checked)."""
    return hashlib.sha256(str(device).encode()).hexdigest() if device else ""


@dataclass(frozen=True)
class Frame:
    """What every page shows, made once per change: immutable, safe to read from any thread."""

    version: int
    round: int
    week: int
    horizon: int
    running: bool
    paused: bool
    ended: bool
    message: str
    error: str
    headline: tuple[tuple[str, float, float], ...]  # (outcome, now, at round start)
    values: tuple[tuple[str, Any], ...]  # scenario value of every lever key, now
    resources: tuple[tuple[str, float], ...]  # budget, team, hours a role sees
    places: tuple[tuple[int, str, str, bool], ...]  # (index, name nl, name en, open)
    events: tuple[tuple[int, str, str, str], ...]  # (week, kind, text en, text nl), newest last
    participants: tuple[tuple[str, str, str, bool], ...]  # (pid, name, role, removed)
    pending: tuple[tuple[str, str, Any], ...]  # (role, lever, combined value) this round
    round_weeks: tuple[int, ...]  # week each round started
    households: tuple[tuple[str, tuple], ...] = ()  # (pid, portrait items) of each bewoner
    choices: tuple[tuple[str, str, bool, Any], ...] = ()  # (pid, lever, standing, this round)
    views: dict = field(default_factory=dict, compare=False)  # lang -> app.views.Views

    def value(self, key: str) -> Any:
        return dict(self.values)[key]


class WorkshopError(ValueError):
    """A refused action of a participant or the facilitator; bilingual like DecisionError."""

    def __init__(self, en: str, nl: str):
        super().__init__(en)
        self.nl = nl

    def text(self, lang: str) -> str:
        return self.nl if lang == "nl" else str(self)


class AccessError(WorkshopError):
    """A wrong join code, facilitator link or display name."""


NAME_MAX = 24
NAME_TAKEN = ("this name is already in use; choose another name (or rejoin from the phone you "
              "joined with)", "deze naam is al in gebruik; kies een andere naam (of doe weer "
              "mee vanaf de telefoon waarmee je begon)")
WRONG_CODE = ("that code is not right; look at the projector",
              "die code klopt niet; kijk op het scherm voorin")


def clean_name(typed: str) -> str:
    """A display name: printable characters only, spaces collapsed, at most NAME_MAX
    characters; AccessError when nothing is left. (Pages still escape it when they show it,
    and it never becomes a path: the record keys participants by their number.)"""
    text = unicodedata.normalize("NFC", str(typed or ""))
    text = "".join(ch if unicodedata.category(ch)[0] not in "CZ" or ch == " " else " "
                   for ch in text)
    text = " ".join(text.split())
    if not text:
        raise AccessError("type a name", "vul een naam in")
    if len(text) > NAME_MAX:
        raise AccessError(f"a name has at most {NAME_MAX} characters",
                          f"een naam heeft hoogstens {NAME_MAX} tekens")
    return text


class WorkshopSession:
    """The shared wijk of one workshop and everything around it (see the module doc)."""

    def __init__(self, config: WorkshopConfig, folder: Path, *, _resume: bool = False):
        self.config = config
        self.folder = Path(folder)
        self.lock = threading.RLock()
        self.listeners: list[Callable[[Frame], None]] = []
        self.participants: dict[str, Participant] = {}
        self.pending: dict[str, list[tuple[str, Any]]] = {}  # lever -> [(pid, value)]
        self.order: dict[tuple[str, str], int] = {}  # (pid, lever) -> when chosen (a count)
        self._choice_count = itertools.count()
        self.place_orders: dict[int, bool] = {}  # place index -> open? (this round)
        self.place_by: dict[int, str] = {}  # place index -> who ordered it (pid)
        self.round = 1
        self.branch = 1
        self.rewinds: list[tuple[int, int]] = []
        self.round_weeks: list[int] = [0]
        self.paused = self.ended = self.running = False
        self.message = self.error = ""
        self.last_round_seconds = 0.0
        self._version = itertools.count(1)
        self.app_session = AppSession(AppConfig(config.scenario, config.residents, config.seed,
                                         config.burn_in))
        if not _resume:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.folder.chmod(OWNER_ONLY_FOLDER)  # session.json holds the secrets
            self.join_code, self.secret = new_join_code(), new_secret()
            self.view_key = new_secret()  # the projector's own key: it shows the join code
            self.record = Record(self.folder)
            scen = self.app_session.base(config.scenario)
            self._set_model(CACHE.get(scen, config.seed))
            self._model.save(self.record.snapshot_path(1))
            self._save_state()
            self.frame = self._make_frame()

    # -- starting and resuming -----------------------------------------------------------------
    @classmethod
    def start(cls, config: WorkshopConfig, folder: Path) -> "WorkshopSession":
        """A new session in ``folder`` (must be empty or not exist; checked by the CLI)."""
        return cls(config, folder)

    @classmethod
    def resume(cls, folder: Path, draw: bool = True) -> "WorkshopSession":
        """The session stored in ``folder``, at the start of its last round (with that
        round's decisions so far), the same code and secret, every participant and role."""
        rec, state = Record.open(Path(folder))
        self = cls(WorkshopConfig.from_dict(state["config"], draw), folder, _resume=True)
        self.record = rec
        self.join_code, self.secret = state["join_code"], state["secret"]
        self.view_key = state["view_key"]
        self.round, self.branch = int(state["round"]), int(state["branch"])
        self.rewinds = [tuple(x) for x in state["rewinds"]]
        self.round_weeks = [int(w) for w in state["round_weeks"]]
        self.paused, self.ended = bool(state["paused"]), bool(state["ended"])
        self.message = state.get("message", "")
        self.participants = {p["pid"]: Participant(**p) for p in state["participants"]}
        self.place_orders = {int(k): bool(v) for k, v in state.get("place_orders", {}).items()}
        self.place_by = {int(k): str(v) for k, v in state.get("place_by", {}).items()}
        self._set_model(WijkModel.load(rec.snapshot_path(self.round)))
        for row in current(rec.decisions, self.rewinds):  # the round's choices so far ...
            p = self.participants.get(row["participant"])
            if p is None or p.removed:  # ... but not those of someone taken out (stored in
                continue  # session.json when it happened): they stopped counting then
            if int(row["round"]) == self.round and row["lever"] in rl.BY_LEVER:
                self._add_pending(row["participant"], row["lever"], _parse(row["new"]))
        self.folder.chmod(OWNER_ONLY_FOLDER)  # owner-only again, had the folder been copied
        self._save_state()
        self.frame = self._make_frame()
        return self

    def _set_model(self, model: WijkModel) -> None:
        """Make ``model`` the shared wijk, with its charts' history from its own record."""
        w = Wijk(model, regime_in_week(model.scenario.values, model.week))
        df = model.outcomes()
        w.weeks = [int(x) for x in df["week"]]
        w.series = {k: [float(x) for x in df[k]] for k in w.series}
        self.app_session.wijks = [w]
        self._model = model

    # -- who may act ---------------------------------------------------------------------------
    def facilitator(self, secret: str) -> "Facilitator":
        if not secret_matches(secret, self.secret):
            raise AccessError("this facilitator link is not valid for this session",
                              "deze begeleiderslink hoort niet bij deze sessie")
        return Facilitator(self)

    def may_view(self, key: str) -> bool:
        """The projector's key (or the facilitator's secret) opens the projector page."""
        return secret_matches(key, self.view_key) or secret_matches(key, self.secret)

    def join(self, code: str, name: str, device: str = "") -> Participant:
        """Join with the code and a display name, from the phone whose own token is
        ``device`` (the join page gives its browser's session cookie, which Solara keeps for
        years and sends only to this server). The same name again *from the same phone* (a
        dropped connection, a reloaded page, a restarted server) is the same participant: role
        and history kept. The same name from another phone is refused (NAME_TAKEN): knowing
        the code and a name is not enough to take over someone's role."""
        if not Access(self.join_code).check(str(code or "")):
            raise AccessError(WRONG_CODE[0], WRONG_CODE[1])
        name = clean_name(name)
        with self.lock:
            if self.ended:
                raise WorkshopError("the session has ended", "de sessie is afgelopen")
            for p in self.participants.values():
                if p.name.casefold() == name.casefold():
                    if p.removed:
                        raise WorkshopError("the facilitator has taken this name out of the "
                                            "session", "de begeleider heeft deze naam uit de "
                                            "sessie gehaald")
                    if not p.same_phone(device):
                        raise AccessError(*NAME_TAKEN)
                    return p
            p = Participant(f"p{len(self.participants) + 1}", name, joined=time.time(),
                            device=device_hash(device))
            self.participants[p.pid] = p
            self.notify_changed()
            return p

    @staticmethod
    def wrong_code(exc: Exception) -> bool:
        """Whether a refused join was a wrong code (the page counts those against guessing)."""
        return isinstance(exc, AccessError) and str(exc) == WRONG_CODE[0]

    def choose_role(self, pid: str, role: str) -> Participant:
        """Take ``role`` if it has room (per-role limits); a role once taken is kept."""
        with self.lock:
            p = self._member(pid)
            if role not in rl.BY_ROLE:
                raise WorkshopError(f"unknown role {role!r}", f"onbekende rol {role!r}")
            if p.role:
                if p.role == role:
                    return p
                raise WorkshopError("you already have a role; ask the facilitator to change it",
                                    "je hebt al een rol; vraag de begeleider om te wisselen")
            taken = sum(1 for q in self.participants.values() if q.role == role and not q.removed)
            if taken >= self.config.limit(role):
                r = rl.BY_ROLE[role]
                raise WorkshopError(f"{r.title_en} is full ({self.config.limit(role)}); choose "
                                    "another role", f"{r.title_nl} is vol "
                                    f"({self.config.limit(role)}); kies een andere rol")
            p.role = role
            if role == "bewoner":
                taken = {q.resident for q in self.participants.values() if q.resident >= 0}
                p.resident = households.adopt(self._model, taken, self.config.seed,
                                              int(p.pid[1:]))
            self.notify_changed()
            return p

    def role_room(self) -> dict[str, tuple[int, int]]:
        """role -> (taken, limit)."""
        with self.lock:
            return {r.name: (sum(1 for q in self.participants.values()
                                 if q.role == r.name and not q.removed),
                             self.config.limit(r.name)) for r in rl.ROLES}

    def _member(self, pid: str) -> Participant:
        p = self.participants.get(pid)
        if p is None:
            raise WorkshopError("join the session first", "meld je eerst aan")
        if p.removed:
            raise WorkshopError("the facilitator has taken you out of the session",
                                "de begeleider heeft je uit de sessie gehaald")
        return p

    # -- decisions -----------------------------------------------------------------------------
    def decide(self, pid: str, lever: str, value: Any) -> Any:
        """A participant moves one of their role's levers. Checked (role, range, the session
        taking decisions), recorded at once, applied when the round closes. Returns the value
        the wijk will take for this lever (with ``combine='mean'``, the room's average)."""
        with self.lock:
            p = self._member(pid)
            self._open_for_decisions()
            lv = rl.lever(p.role, lever) if p.role else None
            if lv is None:
                raise WorkshopError("choose a role first", "kies eerst een rol")
            new = lv.check(value)
            if lv.kind == rl.FOCUS:
                self._check_focus(lv, new)
            if lv.kind == rl.ACT:
                old = self._own_choice(pid, lv)
                self._add_pending(pid, lever, new)
                self.record.add_decision(self._row(p, lever, f"resident {p.resident}", old,
                                                   new))
                self.notify_changed()
                return new
            old = self._planned(lv)
            self._add_pending(pid, lever, new)
            self.record.add_decision(self._row(p, lever, lv.key, old, new))
            self.notify_changed()
            return self._planned(lv)

    def _check_focus(self, lv: rl.RoleLever, value: int) -> None:
        n = len(self._model.places)
        if not -1 <= value < n:
            raise rl.DecisionError(
                f"{lv.label_en}: there is no place {value}; choose -1 (the whole wijk) or 0 "
                f"to {n - 1}", f"{lv.label_nl}: plek {value} bestaat niet; kies -1 (de hele "
                f"wijk) of 0 tot en met {n - 1}")

    def _own_choice(self, pid: str, lv: rl.RoleLever) -> bool:
        """A bewoner's choice for ``lv``: this round's if made, else the standing one."""
        mine = [v for q, v in self.pending.get(lv.name, []) if q == pid]
        if mine:
            return bool(mine[-1])
        return False if lv.once else (pid, lv.name) in self._standing()

    def _standing(self) -> set[tuple[str, str]]:
        """(pid, lever) of the bewoners' standing choices that are on, from earlier rounds of
        the current line (the last choice of each counts)."""
        last: dict[tuple[str, str], bool] = {}
        for row in current(self.record.decisions, self.rewinds):
            lv = rl.BY_LEVER.get(row["lever"], (None, None))[1]
            if lv is not None and lv.kind == rl.ACT and not lv.once and \
                    int(row["round"]) < self.round:
                last[(row["participant"], row["lever"])] = bool(_parse(row["new"]))
        return {k for k, on in last.items() if on}

    def order_place(self, pid: str, index: int, open_: bool) -> None:
        """The gemeente opens or closes a place from the next round."""
        with self.lock:
            p = self._member(pid)
            self._open_for_decisions()
            if not p.role or not rl.BY_ROLE[p.role].can_places:
                raise WorkshopError("only the gemeente opens or closes places",
                                    "alleen de gemeente opent of sluit plekken")
            places = self._model.places
            if not isinstance(index, int) or isinstance(index, bool) or \
                    not 0 <= index < len(places):
                raise WorkshopError(f"there is no place {index!r}; places are 0 to "
                                    f"{len(places) - 1}", f"plek {index!r} bestaat niet; "
                                    f"plekken zijn 0 tot en met {len(places) - 1}")
            old = self.place_orders.get(index, bool(places[index].open))
            self.place_orders[index] = bool(open_)
            self.place_by[index] = p.pid
            self.record.add_decision(self._row(p, f"place_{index}", "", old, bool(open_)))
            self.notify_changed()

    def _open_for_decisions(self) -> None:
        if self.ended:
            raise WorkshopError("the session has ended", "de sessie is afgelopen")
        if self.running:
            raise WorkshopError("the wijk is running to the next round; try again in a moment",
                                "de wijk rekent door naar de volgende ronde; probeer het zo "
                                "weer")
        if self.paused:
            raise WorkshopError("the facilitator has paused the session",
                                "de begeleider heeft de sessie gepauzeerd")
        if self._model.week >= self._model.horizon:
            raise WorkshopError("the wijk has reached its last year", "de wijk is aan zijn "
                                "laatste jaar")

    def _add_pending(self, pid: str, lever: str, value: Any) -> None:
        mine = [(q, v) for q, v in self.pending.get(lever, []) if q != pid]
        self.pending[lever] = mine + [(pid, value)]
        self.order[(pid, lever)] = next(self._choice_count)

    def _planned(self, lv: rl.RoleLever) -> Any:
        got = self._key_choice(lv, self.pending)
        return got[0] if got else lv.read(self._model.scenario.values)

    def _key_choice(self, lv: rl.RoleLever, pending: dict) -> tuple[Any, str] | None:
        """The value the wijk takes for ``lv``'s scenario key from the round's choices, and
        the lever whose choice it is (None if nobody chose). A key moved by levers of two
        roles (netwerkberaad.enabled) takes the last choice made, whoever made it."""
        levers = rl.BY_KEY.get(lv.key, (lv,))
        if len(levers) == 1:
            choices = [v for _, v in pending.get(lv.name, [])]
            return (rl.combined(lv, choices), lv.name) if choices else None
        made = [(self.order.get((pid, other.name), -1), other.name, v) for other in levers
                for pid, v in pending.get(other.name, [])]
        if not made:
            return None
        _, name, value = max(made, key=lambda m: m[0])
        return value, name

    def _row(self, p: Participant, lever: str, key: str, old: Any, new: Any) -> dict:
        return {"time": round(time.time(), 3), "branch": self.branch, "round": self.round,
                "week": self._model.week, "participant": p.pid, "name": p.name,
                "role": p.role, "lever": lever, "key": key, "old": old, "new": new}

    # -- the round -----------------------------------------------------------------------------
    def close_round(self) -> Frame:
        """Apply the round's decisions from this week and run the wijk to the next round.
        Called by the facilitator (through :class:`Facilitator`); blocks until done."""
        with self.lock:
            if self.running:
                raise WorkshopError("the round is already running", "de ronde loopt al")
            if self.ended:
                raise WorkshopError("the session has ended", "de sessie is afgelopen")
            if self.paused:
                raise WorkshopError("the session is paused; resume it first",
                                    "de sessie is gepauzeerd; ga eerst verder")
            model = self._model
            if model.week >= model.horizon:
                raise WorkshopError("the wijk has reached its last year", "de wijk is aan zijn "
                                    "laatste jaar")
            pending, orders = dict(self.pending), dict(self.place_orders)
            self.running = True
            self.notify_changed()
        t0 = time.perf_counter()
        try:  # the owner: nobody else touches the model while ``running``
            start = {k: float(model.latest[k]) for k in HEADLINE}
            model.log_event("workshop_round", f"round {self.round} starts",
                            text_nl=f"ronde {self.round} begint", round=self.round)
            self._apply(model, pending, orders)
            standing = self._act_as_households(model, pending)
            adopted = {p.resident: p.name for p in self.participants.values()
                       if p.resident >= 0 and not p.removed}
            member_of = {i: int(model.residents.initiative[i]) for i in adopted}
            weeks = min(self.config.round_weeks, model.horizon - model.week)
            for _ in range(weeks):
                for i, levers in standing.items():
                    households.keep_choices(model, i, levers)
                model.step()
            for i, uid in member_of.items():  # tell a household whose initiative it lost
                if uid >= 0 and int(model.residents.initiative[i]) != uid:
                    households.left_initiative(model, i, adopted[i])
            w = self.app_session.wijks[0]
            df = model.outcomes()
            w.weeks = [int(x) for x in df["week"]]
            w.series = {k: [float(x) for x in df[k]] for k in w.series}
            w.regime = regime_in_week(model.scenario.values, model.week)
            error = ""
        except Exception as exc:  # noqa: BLE001 - the session keeps running for everyone
            error = f"{type(exc).__name__}: {exc}"
        with self.lock:
            self.running = False
            if error:
                self.error = error
                self._set_model(WijkModel.load(self.record.snapshot_path(self.round)))
                self.notify_changed()
                raise WorkshopError(f"the wijk could not run this round ({error}); it is back "
                                    "at the start of the round", "de wijk kon deze ronde niet "
                                    f"doorrekenen ({error}); hij staat weer aan het begin van "
                                    "de ronde")
            self.error = ""
            row = {"branch": self.branch, "round": self.round,
                   "week_start": self.round_weeks[-1], "week_end": model.week,
                   "decisions": sum(len(v) for v in pending.values()) + len(orders)}
            row.update({f"{k}_start": v for k, v in start.items()})
            row.update({k: float(model.latest[k]) for k in HEADLINE})
            self.record.add_round(row)
            self.round += 1
            self.round_weeks.append(model.week)
            self.pending, self.place_orders, self.place_by = {}, {}, {}
            model.save(self.record.snapshot_path(self.round))
            self.last_round_seconds = time.perf_counter() - t0
            return self.notify_changed()

    def _apply(self, model: WijkModel, pending: dict, orders: dict) -> None:
        """Every decision of the round, from this week: one policy change per role (so the
        charts carry a mark per role that decided), then the gemeente's place orders."""
        by_role: dict[str, dict[str, Any]] = {}
        for name, choices in pending.items():
            role, lv = rl.BY_LEVER[name]
            if lv.kind == rl.ACT:
                continue
            value, winner = self._key_choice(lv, pending)
            if winner != name:  # a shared key: another role's later choice counts
                continue
            by_role.setdefault(role.name, {})[lv.key] = value
        for role in rl.ROLES:
            overrides = by_role.get(role.name)
            if not overrides:
                continue
            before = model.scenario.values
            changed = {k: v for k, v in overrides.items() if v != before[k]}
            if not changed:
                continue
            words_en, words_nl = ("; ".join(
                f"{_lever_of(k, role.name).label(lang)} {_show(before[k], lang, model, k)} → "
                f"{_show(v, lang, model, k)}" for k, v in changed.items()) for lang in ("en", "nl"))
            model.change_policy(changed, f"round {self.round}, {role.title_en}: {words_en}",
                                text_nl=f"ronde {self.round}, {role.title_nl}: {words_nl}",
                                role=role.name, round=self.round)
        for index, open_ in sorted(orders.items()):
            place = model.places[index]
            if open_ and not place.open:
                place.reopen(f"reopened by the gemeente in round {self.round}")
            elif not open_ and place.open:
                place.close(f"closed by the gemeente in round {self.round}")

    def _act_as_households(self, model: WijkModel, pending: dict) -> dict[int, set[str]]:
        """The bewoners' one-off acts of this round, now; returns the standing choices that
        hold every week of the round (resident -> levers), this round's choices included."""
        standing = self._standing()
        for name, choices in pending.items():
            lv = rl.BY_LEVER[name][1]
            if lv.kind != rl.ACT:
                continue
            for pid, on in choices:
                p = self.participants[pid]
                if lv.once:
                    if on:
                        households.act_once(model, p.resident, name, p.name)
                    continue
                if on != ((pid, name) in standing):
                    households.announce(model, p.resident, p.name, name, on)
                if on:
                    standing.add((pid, name))
                else:
                    standing.discard((pid, name))
        out: dict[int, set[str]] = {}
        for pid, name in standing:
            p = self.participants.get(pid)
            if p is not None and not p.removed and p.resident >= 0:
                out.setdefault(p.resident, set()).add(name)
        return out

    # -- facilitator actions (through Facilitator) ---------------------------------------------
    def set_state(self, **changes: Any) -> Frame:
        with self.lock:
            if self.running:
                raise WorkshopError("wait until the round has run", "wacht tot de ronde klaar is")
            for k, v in changes.items():
                setattr(self, k, v)
            return self.notify_changed()

    def remove_participant(self, pid: str) -> Frame:
        with self.lock:
            p = self.participants.get(pid)
            if p is None:
                raise WorkshopError(f"no participant {pid!r}", f"geen deelnemer {pid!r}")
            p.removed = True  # stored in session.json at once (notify_changed), so a
            # resumed session leaves their choices out too
            for lever in list(self.pending):  # their choices this round no longer count
                self.pending[lever] = [(q, v) for q, v in self.pending[lever] if q != pid]
                if not self.pending[lever]:
                    del self.pending[lever]
            for index in [i for i, q in self.place_by.items() if q == pid]:
                self.place_orders.pop(index, None)  # nor do the places they ordered
                del self.place_by[index]
            return self.notify_changed()

    def back_to_round(self, round_no: int) -> Frame:
        with self.lock:
            if self.running:
                raise WorkshopError("wait until the round has run", "wacht tot de ronde klaar is")
            if not isinstance(round_no, int) or not 1 <= round_no <= self.round:
                raise WorkshopError(f"round {round_no!r} does not exist; choose 1 to "
                                    f"{self.round}", f"ronde {round_no!r} bestaat niet; kies "
                                    f"1 tot en met {self.round}")
            self._set_model(WijkModel.load(self.record.snapshot_path(round_no)))
            self.branch += 1
            self.rewinds.append((self.branch, round_no))
            self.round = round_no
            self.round_weeks = self.round_weeks[:round_no]
            self.pending, self.place_orders, self.place_by = {}, {}, {}
            self.ended = False
            return self.notify_changed()

    # -- publishing ----------------------------------------------------------------------------
    def notify_changed(self) -> Frame:
        """Store the state, make the new frame and tell every listener (under the lock, so
        frames reach listeners in order)."""
        self._save_state()
        self.frame = self._make_frame()
        for fn in list(self.listeners):
            try:
                fn(self.frame)
            except Exception:  # noqa: BLE001 - a closed page must not stop the session
                pass
        return self.frame

    def _save_state(self) -> None:
        self.record.save_state({
            "config": self.config.as_dict(), "join_code": self.join_code,
            "secret": self.secret, "view_key": self.view_key, "round": self.round,
            "branch": self.branch,
            "rewinds": self.rewinds, "round_weeks": self.round_weeks, "paused": self.paused,
            "ended": self.ended, "message": self.message,
            "participants": [p.as_dict() for p in self.participants.values()],
            "place_orders": {str(k): v for k, v in self.place_orders.items()},
            "place_by": {str(k): v for k, v in self.place_by.items()}})

    def _make_frame(self) -> Frame:
        m = self._model
        if self.running:  # the owner is stepping: keep the wijk's part of the last frame
            old = self.frame
            return replace(old, version=next(self._version), running=True,
                           paused=self.paused, ended=self.ended, message=self.message,
                           participants=self._people(), pending=self._pending_view(),
                           choices=self._choices(), views=old.views)
        base = self._round_start_values()
        values = tuple((lv.key, lv.read(m.scenario.values)) for r in rl.ROLES
                       for lv in r.levers if lv.key)
        # the Dutch text through the app's translator: a workshop decision carries its own,
        # a model event ("... lost the contract to ...") is translated, never left English
        events = tuple((int(e["week"]), e["kind"], e["text"], describe_event(e, "nl"))
                       for e in m.events if e["kind"] not in ("initiative_ended", "staff_left"))
        frame = Frame(
            version=next(self._version), round=self.round, week=int(m.week),
            horizon=int(m.horizon), running=False, paused=self.paused, ended=self.ended,
            message=self.message, error=self.error,
            headline=tuple((k, float(m.latest[k]), base.get(k, float(m.latest[k])))
                           for k in HEADLINE),
            values=values, resources=self._resources(m),
            places=tuple(zip(range(len(m.places)), place_labels(m.places, "nl"),
                             place_labels(m.places, "en"), (bool(pl.open) for pl in m.places))),
            events=events, participants=self._people(), pending=self._pending_view(),
            round_weeks=tuple(self.round_weeks), households=self._households(m),
            choices=self._choices())
        if self.config.draw:
            from ..app.views import draw

            frame.views.update({lang: draw(self.app_session, lang, COLOUR_BY) for lang in ("nl", "en")})
        return frame

    def _round_start_values(self) -> dict[str, float]:
        rows = [r for r in current(self.record.rounds, self.rewinds)
                if int(r["round"]) == self.round - 1]
        return {k: float(rows[-1][f"{k}_start"]) for k in HEADLINE} if rows else {}

    def _people(self) -> tuple:
        return tuple((p.pid, p.name, p.role, p.removed) for p in self.participants.values())

    def _households(self, m: WijkModel) -> tuple:
        return tuple((p.pid, tuple(households.portrait(m, p.resident).items()))
                     for p in self.participants.values() if p.resident >= 0 and not p.removed)

    def _choices(self) -> tuple:
        """Every bewoner's choice per lever: (pid, lever, standing now, this round's or
        None)."""
        standing = self._standing()
        out = []
        for p in self.participants.values():
            if p.resident < 0 or p.removed:
                continue
            for lv in rl.BY_ROLE["bewoner"].levers:
                mine = [v for q, v in self.pending.get(lv.name, []) if q == p.pid]
                out.append((p.pid, lv.name, not lv.once and (p.pid, lv.name) in standing,
                            bool(mine[-1]) if mine else None))
        return tuple(out)

    def _pending_view(self) -> tuple:
        out = []
        for name, choices in self.pending.items():
            role, lv = rl.BY_LEVER[name]
            if lv.kind == rl.ACT:
                continue
            out.append((role.name, name, self._key_choice(lv, self.pending)[0]))
        out += [("gemeente", f"place_{i}", v) for i, v in sorted(self.place_orders.items())]
        return tuple(out)

    @staticmethod
    def _resources(m: WijkModel) -> tuple[tuple[str, float], ...]:
        from ..model.professionals import HULPVERLENER, OPBOUWWERKER

        team = m.team.members
        opb = [p for p in team if p.role == OPBOUWWERKER]
        return (("budget_year", float(m.municipality.year_budget)),
                ("hulpverleners", float(sum(1 for p in team if p.role == HULPVERLENER))),
                ("opbouwwerkers", float(len(opb))),
                ("opbouw_hours", float(sum(p.hours for p in opb))),
                ("collective_hours", float(sum(p.collective_hours for p in opb))),
                ("initiatives", float(len(m.initiatives))),
                ("places_open", float(sum(1 for pl in m.places if pl.open))))

    # -- for the debrief -----------------------------------------------------------------------
    def decisions(self, all_branches: bool = False) -> list[dict[str, Any]]:
        with self.lock:
            rows = list(self.record.decisions)
            return rows if all_branches else current(rows, self.rewinds)

    def rounds(self) -> list[dict[str, Any]]:
        with self.lock:
            return current(list(self.record.rounds), self.rewinds)

    @property
    def model(self) -> WijkModel:
        """The shared wijk; only for reading between rounds (tests, export)."""
        return self._model


class Facilitator:
    """What only the holder of the facilitator secret can do."""

    def __init__(self, session: WorkshopSession):
        self.session = session

    def close_round(self) -> Frame:
        return self.session.close_round()

    def pause(self) -> Frame:
        return self.session.set_state(paused=True)

    def resume(self) -> Frame:
        return self.session.set_state(paused=False)

    def broadcast(self, text: str) -> Frame:
        return self.session.set_state(message=" ".join(str(text or "").split())[:280])

    def remove(self, pid: str) -> Frame:
        return self.session.remove_participant(pid)

    def back_to(self, round_no: int) -> Frame:
        return self.session.back_to_round(round_no)

    def end(self) -> Frame:
        return self.session.set_state(ended=True)

    def set_limit(self, role: str, limit: int) -> Frame:
        s = self.session
        if role not in rl.BY_ROLE or not isinstance(limit, int) or not 0 <= limit <= 100:
            raise WorkshopError("a limit is a role and a whole number from 0 to 100",
                                "een limiet is een rol en een heel getal van 0 tot 100")
        with s.lock:
            s.config = replace(s.config, limits=tuple(
                (k, limit if k == role else v) for k, v in s.config.limits))
            return s.notify_changed()


def _lever_of(key: str, role: str) -> rl.RoleLever:
    """The lever of ``role`` that moves ``key`` (a shared key has one per role)."""
    return next(lv for lv in rl.BY_KEY[key] if rl.BY_LEVER[lv.name][0].name == role)


def _show(v: Any, lang: str, model: WijkModel | None = None, key: str = "") -> str:
    """A lever's value in an event text: 'aan', 'Meerjarige subsidie', '0.45', 'Café 2'."""
    from ..app.i18n import t

    if key == "professionals.focus_place" and model is not None:
        if int(v) < 0:
            return "de hele wijk" if lang == "nl" else "the whole wijk"
        return place_labels(model.places, lang)[int(v)]
    if isinstance(v, bool):
        return ("aan" if v else "uit") if lang == "nl" else ("on" if v else "off")
    if isinstance(v, str) and v in rl.KEYS["funding.regime"].choices:
        return t(f"regime_{v}", lang)
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _parse(text: Any) -> Any:
    """A value read back from decisions.csv (as pandas gives it)."""
    if isinstance(text, str):
        if text in ("True", "False"):
            return text == "True"
        try:
            return float(text) if any(c in text for c in ".e") else int(text)
        except ValueError:
            return text
    if hasattr(text, "item"):
        return text.item()
    return text


def check_config(config: WorkshopConfig) -> None:
    """Refuse a bad start before anything is built (ScenarioError names the option)."""
    problems = []
    if not 600 <= config.residents <= 20000:
        problems.append(Problem("--residents", "--residents", config.residents,
                                "a whole number from 600 to 20000"))
    if not 0 <= config.seed <= 2**32 - 1:
        problems.append(Problem("--seed", "--seed", config.seed,
                                "a whole number from 0 to 4294967295"))
    if problems:
        raise ScenarioError(problems)
    AppSession(AppConfig(config.scenario, config.residents, config.seed,
                         config.burn_in)).base(config.scenario)
