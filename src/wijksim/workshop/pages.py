"""The workshop's Solara pages: ``solara run wijksim.workshop.pages`` (``wijksim workshop``
does that for you, with the session folder in ``WIJKSIM_WORKSHOP_DIR``).

    /                         join: code + name -> role -> the role's page (phones)
    /projector?key=VIEWKEY    the shared map, charts, events, the round's numbers
    /facilitator?key=SECRET   run the session

All pages share one :class:`~wijksim.workshop.session.WorkshopSession`, a module-level object:
Solara's ``solara.reactive`` is per browser tab (per virtual kernel), so it cannot hold shared
state. Pages only *read* the session's latest immutable frame and *call* its methods. When the
session changes, a notifier thread sets the per-tab reactive :data:`VERSION` inside every
kernel context (``solara.server.kernel_context.contexts``, the pattern of Solara issues 841 and
867), so every open page redraws from the new frame. Bursts of changes coalesce into one push.

Nothing a participant types is used as a path: the session folder and every file name in it
are fixed by the facilitator's command line.
"""

from __future__ import annotations

import logging
import os
import threading
import urllib.parse
from html import escape
from pathlib import Path
from typing import Any

import solara
from solara.server import kernel_context

from ..app.access import Attempts
from ..app.i18n import describe_event, event_label, num, pct, t
from . import ENV_DIR
from . import residents as households
from . import roles as rl
from . import words  # noqa: F401 - registers the texts
from .session import AccessError, Frame, WorkshopError, WorkshopSession

LOG = logging.getLogger("wijksim.workshop")
SHARES = ("hidden_need_share", "lonely_share")
JOIN_URL = os.environ.get("WIJKSIM_WORKSHOP_JOIN_URL", "")

CSS = """
.ws-page { padding: 8px 12px 40px 12px; max-width: 1800px; }
.ws-phone { max-width: 560px; margin: 0 auto; font-size: 17px; }
.ws-status { font-size: 18px; font-weight: 600; }
.ws-state { font-size: 15px; color: #444; margin: 2px 0 8px 0; }
.ws-message { background: #fff3cd; border-left: 6px solid #e0a800; padding: 8px 12px;
              font-size: 18px; margin: 6px 0; }
.ws-lever { border: 1px solid #ddd; border-radius: 8px; padding: 8px 10px; margin: 6px 0; }
.ws-lever-label { font-weight: 600; }
.ws-small { font-size: 13px; color: #666; }
.ws-ok { color: #1b7e3c; font-size: 14px; } .ws-err { color: #b00020; font-size: 14px; }
.ws-proj { font-size: 22px; }
.ws-proj h1 { font-size: 40px; margin: 0; } .ws-proj .ws-status { font-size: 34px; }
.ws-proj .ws-join { font-size: 30px; background: #e8f0fe; padding: 6px 14px;
                    border-radius: 8px; }
.ws-proj .ws-code { font-family: monospace; font-size: 44px; letter-spacing: 4px;
                    font-weight: 700; }
.ws-proj table { font-size: 24px; border-collapse: collapse; }
.ws-proj td, .ws-proj th { padding: 4px 12px; border-bottom: 1px solid #ddd; }
.ws-grid { display: grid; grid-template-columns: minmax(380px, 1fr) minmax(420px, 1.3fr);
           gap: 18px; align-items: start; }
.ws-charts { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px 16px; }
.ws-charts svg { width: 100%; height: auto; } .ws-chart-title { font-size: 20px;
           font-weight: 600; }
.ws-map img { width: 100%; max-width: 640px; }
.ws-events { font-size: 20px; line-height: 1.45; }
@media (max-width: 900px) { .ws-grid { grid-template-columns: 1fr; }
  .ws-charts { grid-template-columns: 1fr 1fr; } }
"""


# -- the shared session and the push to every page -----------------------------------------------
VERSION = solara.reactive(0)  # per tab: the frame version this tab has been told of


class Notifier:
    """Tells every open page that the session changed (from its own thread, so a press on one
    phone never waits for other pages to redraw)."""

    def __init__(self):
        self.version = 0
        self.wake = threading.Event()
        threading.Thread(target=self._run, name="wijksim-workshop-notifier",
                         daemon=True).start()

    def changed(self, frame: Frame) -> None:
        self.version = frame.version
        self.wake.set()

    def _run(self) -> None:
        while True:
            self.wake.wait()
            self.wake.clear()
            version = self.version
            for ctx in list(kernel_context.contexts.values()):
                if ctx.closed_event.is_set():
                    continue
                try:
                    with ctx:
                        VERSION.set(version)
                except Exception:  # noqa: BLE001 - a page closing meanwhile
                    LOG.debug("could not tell a page", exc_info=True)


def _load() -> WorkshopSession | None:
    folder = os.environ.get(ENV_DIR, "")
    if not folder:
        return None
    session = WorkshopSession.resume(Path(folder))
    session.listeners.append(NOTIFIER.changed)
    return session


NOTIFIER = Notifier()
SESSION = _load()


def _key() -> str:
    router = solara.use_router()
    query = urllib.parse.parse_qs((router.search or "").lstrip("?"))
    return (query.get("key") or [""])[0]


def _say(exc: Exception, lang: str) -> str:
    text = getattr(exc, "text", None)
    return text(lang) if callable(text) else str(exc)


def _fmt_outcome(name: str, value: float, lang: str) -> str:
    return pct(value, lang, 1) if name in SHARES else num(value, lang, 2)


def _fmt_value(v: Any, lang: str) -> str:
    if isinstance(v, bool):
        return {True: "aan", False: "uit"}[v] if lang == "nl" else {True: "on", False: "off"}[v]
    if isinstance(v, str) and v in rl.KEYS["funding.regime"].choices:
        return t(f"regime_{v}", lang)
    if isinstance(v, float):
        return num(v, lang, 4 if abs(v) < 0.01 and v else 2).rstrip("0").rstrip(",.") or "0"
    return str(v)


# -- pieces every page uses ----------------------------------------------------------------------
@solara.component
def LangSwitch(lang: solara.Reactive[str]):
    solara.ToggleButtonsSingle(value=lang, values=["nl", "en"], dense=True,
                               classes=["ws-lang"])


@solara.component
def Status(frame: Frame, lang: str):
    years = max(1, frame.horizon // 52)
    state = ("ended" if frame.ended else "running" if frame.running else
             "paused" if frame.paused else "deciding")
    solara.HTML(tag="div", classes=["ws-status"], attributes={
        "data-week": str(frame.week), "data-round": str(frame.round), "data-state": state},
        unsafe_innerHTML=escape(f"{t('ws_round', lang, round=frame.round)} · "
                                f"{t('ws_week', lang, week=frame.week)} · "
                                f"{t('ws_year', lang, year=frame.week // 52 + 1, years=years)}"))
    solara.HTML(tag="div", classes=["ws-state"], unsafe_innerHTML=escape(t(f"ws_state_{state}",
                                                                          lang)))
    if frame.message:
        solara.HTML(tag="div", classes=["ws-message"], unsafe_innerHTML=(
            f"<b>{escape(t('ws_message', lang))}:</b> {escape(frame.message)}"))


# -- join page (phones) --------------------------------------------------------------------------
@solara.component
def JoinPage():
    _ = VERSION.value  # redraw when the session changes
    lang = solara.use_reactive("nl")
    pid = solara.use_reactive("")
    code = solara.use_reactive("")
    name = solara.use_reactive("")
    problem = solara.use_reactive("")
    attempts: Attempts = solara.use_memo(Attempts, [])  # wrong codes slow this tab down
    solara.Style(CSS)
    with solara.Column(classes=["ws-page", "ws-phone"], gap="6px"):
        with solara.Row(justify="space-between", style={"align-items": "center"}):
            solara.HTML(tag="h2", unsafe_innerHTML=escape(t("ws_title", lang.value)))
            LangSwitch(lang)
        if SESSION is None:
            solara.Error(t("ws_no_session", lang.value))
            return
        frame = SESSION.frame
        me = next((p for p in frame.participants if p[0] == pid.value), None)
        if me is None or me[3]:
            if me is not None and me[3]:
                solara.Error(t("ws_removed", lang.value))

            def join():
                wait = attempts.wait_seconds()
                if wait > 0:
                    problem.set(t("gate_wait", lang.value, seconds=int(wait) + 1))
                    return
                try:
                    p = SESSION.join(code.value, name.value, solara.get_session_id())
                except (AccessError, WorkshopError) as exc:
                    attempts.record(not SESSION.wrong_code(exc))
                    problem.set(_say(exc, lang.value))
                    return
                attempts.record(True)
                problem.set("")
                pid.set(p.pid)

            solara.HTML(tag="div", unsafe_innerHTML=escape(t("ws_join_intro", lang.value)))
            solara.InputText(t("ws_code", lang.value), value=code, continuous_update=True,
                             classes=["ws-code-input"])
            solara.InputText(t("ws_name", lang.value), value=name, continuous_update=True,
                             classes=["ws-name-input"])
            solara.Button(t("ws_join", lang.value), on_click=join, color="primary",
                          classes=["ws-join-button"])
            if problem.value:
                solara.HTML(tag="div", classes=["ws-err"], unsafe_innerHTML=escape(problem.value))
            return
        _, my_name, my_role, _ = me
        if not my_role:
            RoleChoice(pid.value, my_name, problem, lang.value)
            return
        RolePage(pid.value, my_name, my_role, frame, lang.value)


@solara.component
def RoleChoice(pid: str, name: str, problem: solara.Reactive[str], lang: str):
    room = SESSION.role_room()

    def take(role: str):
        try:
            SESSION.choose_role(pid, role)
            problem.set("")
        except WorkshopError as exc:
            problem.set(_say(exc, lang))

    solara.HTML(tag="h3", unsafe_innerHTML=escape(f"{name}: {t('ws_choose_role', lang)}"))
    for role in rl.ROLES:
        taken, limit = room[role.name]
        full = taken >= limit
        with solara.Column(classes=["ws-lever"], gap="2px"):
            room_text = t("ws_places_taken", lang, taken=taken, limit=limit)
            solara.Button(f"{role.title(lang)} ({room_text}"
                          f"{', ' + t('ws_full', lang) if full else ''})",
                          on_click=lambda r=role.name: take(r), color="primary", outlined=True,
                          classes=[f"ws-role-{role.name}"])
            solara.HTML(tag="div", classes=["ws-small"], unsafe_innerHTML=escape(role.about(lang)))
    if problem.value:
        solara.HTML(tag="div", classes=["ws-err"], unsafe_innerHTML=escape(problem.value))


@solara.component
def RolePage(pid: str, name: str, role_name: str, frame: Frame, lang: str):
    role = rl.BY_ROLE[role_name]
    solara.HTML(tag="h3", classes=["ws-you"], unsafe_innerHTML=escape(
        t("ws_you_are", lang, name=name, role=role.title(lang))))
    Status(frame, lang)
    solara.HTML(tag="div", classes=["ws-small"], unsafe_innerHTML=escape(role.about(lang)))
    planned = {lever: v for r, lever, v in frame.pending if r == role_name}
    # what the wijk will take per key: a key shared with another role (netwerkberaad) shows
    # the other role's later choice too
    by_key = {rl.BY_LEVER[lever][1].key: v for _, lever, v in frame.pending
              if lever in rl.BY_LEVER}
    if role_name == "bewoner":
        Household(pid, frame, lang)
    mine = {lever: (now, chosen) for q, lever, now, chosen in frame.choices if q == pid}
    for lv in role.levers:
        if lv.kind == rl.ACT:
            now, chosen = mine.get(lv.name, (False, None))
            LeverControl(pid, lv, now, chosen, lang)
        else:
            LeverControl(pid, lv, frame.value(lv.key), by_key.get(lv.key), lang,
                         places=frame.places)
    if role.can_places:
        Places(pid, frame, planned, lang)
    Resources(role_name, frame, lang)
    Outcomes(frame, lang)


@solara.component
def Household(pid: str, frame: Frame, lang: str):
    """A bewoner's own household: who they are in the wijk, now."""
    info = dict(dict(frame.households).get(pid, ()))
    if not info:
        return
    places = {index: (nl if lang == "nl" else en) for index, nl, en, _ in frame.places}
    age = households.AGE_WORDS[info["age"]][0 if lang == "nl" else 1]
    kind = households.INITIATIVE_WORDS.get(info["initiative"], ("", ""))[0 if lang == "nl"
                                                                       else 1]
    lines = [age.capitalize(), t("ws_good_ties", lang, n=info["good_ties"]),
             t("ws_lonely_yes" if info["lonely"] else "ws_lonely_no", lang),
             t(f"ws_need_{info['need']}", lang),
             t("ws_in_initiative", lang, kind=kind) if info["initiative"] else
             t("ws_no_initiative", lang),
             t("ws_regular_place", lang, place=places[info["habit"]])
             if info["habit"] in places else t("ws_no_regular_place", lang)]
    mine = f"(resident {info['resident']})"  # what the model made of this household's choices
    said = [(week, nl if lang == "nl" else en) for week, kind, en, nl in frame.events
            if kind == households.EVENT and mine in en][-2:]
    lines += [f"{t('ws_week', lang, week=week)}: {text.split(') ', 1)[-1]}"
              for week, text in said]
    solara.HTML(tag="div", classes=["ws-lever", "ws-household"], unsafe_innerHTML=(
        f"<b>{escape(t('ws_household', lang, n=info['resident']))}</b><br>"
        + "<br>".join(escape(x) for x in lines)
        + f"<div class='ws-small'>{escape(t('ws_act_note', lang))}</div>"))


def _place_name(v: Any, places: tuple, lang: str) -> str:
    if int(v) < 0:
        return t("ws_whole_wijk", lang)
    for index, nl, en, _ in places:
        if index == int(v):
            return nl if lang == "nl" else en
    return str(v)


@solara.component
def LeverControl(pid: str, lv: rl.RoleLever, now: Any, planned: Any, lang: str,
                 places: tuple = ()):
    draft = solara.use_reactive(_fmt_value(now, "en") if lv.kind in (rl.INT, rl.FLOAT) else "")
    said = solara.use_reactive(("", ""))  # (kind, text)

    def send(value: Any):
        try:
            got = SESSION.decide(pid, lv.name, value)
            value = (_place_name(got, places, lang) if lv.kind == rl.FOCUS else
                     t("ws_yes" if got else "ws_no", lang) if lv.kind == rl.ACT else
                     _fmt_value(got, lang))
            said.set(("ok", t("ws_chosen", lang, lever=lv.label(lang), value=value)))
        except (rl.DecisionError, WorkshopError) as exc:
            said.set(("err", _say(exc, lang)))

    def send_typed():
        text = (draft.value or "").strip().replace(",", ".")
        try:
            value: Any = float(text)
        except ValueError:
            value = text
        send(value)

    with solara.Column(classes=["ws-lever", f"ws-lever-{lv.name}"], gap="2px"):
        solara.HTML(tag="div", classes=["ws-lever-label"], unsafe_innerHTML=escape(lv.label(lang)))
        show = ((lambda v: _place_name(v, places, lang)) if lv.kind == rl.FOCUS else
                (lambda v: t("ws_yes" if v else "ws_no", lang)) if lv.kind == rl.ACT else
                (lambda v: _fmt_value(v, lang)))
        shown = f"{t('ws_now', lang)}: {show(now)}"
        if planned is not None:
            shown += f" · {t('ws_planned', lang)}: {show(planned)}"
        solara.HTML(tag="div", classes=["ws-small", "ws-lever-now"], unsafe_innerHTML=escape(shown))
        if lv.kind == rl.SWITCH:
            with solara.Row():
                solara.Button(_fmt_value(True, lang), on_click=lambda: send(True),
                              classes=["ws-on"], outlined=not (planned if planned is not None
                                                               else now))
                solara.Button(_fmt_value(False, lang), on_click=lambda: send(False),
                              classes=["ws-off"], outlined=bool(planned if planned is not None
                                                                else now))
        elif lv.kind == rl.ACT:
            want = planned if planned is not None else now
            with solara.Row():
                solara.Button(t("ws_yes", lang), on_click=lambda: send(True),
                              classes=["ws-on"], outlined=not want)
                solara.Button(t("ws_no", lang), on_click=lambda: send(False),
                              classes=["ws-off"], outlined=bool(want))
        elif lv.kind == rl.FOCUS:
            want = planned if planned is not None else now
            with solara.Row(style={"flex-wrap": "wrap"}):
                for index in (-1, *(p[0] for p in places)):
                    solara.Button(_place_name(index, places, lang), small=True,
                                  on_click=lambda i=index: send(i),
                                  classes=[f"ws-focus-{index if index >= 0 else 'all'}"],
                                  outlined=index != want)
        elif lv.kind == rl.CHOICE:
            with solara.Row():
                for choice in rl.KEYS[lv.key].choices:
                    solara.Button(_fmt_value(choice, lang), on_click=lambda c=choice: send(c),
                                  classes=[f"ws-choice-{choice}"],
                                  outlined=choice != (planned if planned is not None else now))
        else:
            lo, hi = lv.bounds()
            with solara.Row(style={"align-items": "center"}):
                solara.InputText(t("ws_allowed", lang, lo=_fmt_value(lo, lang),
                                   hi=_fmt_value(hi, lang)), value=draft,
                                 continuous_update=True, classes=["ws-value"])
                solara.Button(t("ws_choose", lang), on_click=send_typed, color="primary",
                              classes=["ws-send"])
        kind, text = said.value
        if text:
            solara.HTML(tag="div", classes=[f"ws-{kind}"], unsafe_innerHTML=escape(text))


@solara.component
def Places(pid: str, frame: Frame, planned: dict, lang: str):
    said = solara.use_reactive("")

    def order(index: int, open_: bool):
        try:
            SESSION.order_place(pid, index, open_)
            said.set("")
        except WorkshopError as exc:
            said.set(_say(exc, lang))

    with solara.Column(classes=["ws-lever", "ws-places"], gap="2px"):
        solara.HTML(tag="div", classes=["ws-lever-label"], unsafe_innerHTML=escape(
            t("ws_places", lang)))
        for index, name_nl, name_en, is_open in frame.places:
            want = planned.get(f"place_{index}", is_open)
            with solara.Row(style={"align-items": "center"}):
                solara.HTML(tag="span", unsafe_innerHTML=escape(
                    f"{name_nl if lang == 'nl' else name_en}: "
                    f"{t('ws_open' if is_open else 'ws_closed', lang)}"
                    + (f" → {t('ws_open' if want else 'ws_closed', lang)}"
                       if want != is_open else "")))
                solara.Button(t("ws_close_place" if want else "ws_open_place", lang),
                              on_click=lambda i=index, w=want: order(i, not w), small=True,
                              outlined=True, classes=[f"ws-place-{index}"])
        if said.value:
            solara.HTML(tag="div", classes=["ws-err"], unsafe_innerHTML=escape(said.value))


@solara.component
def Resources(role: str, frame: Frame, lang: str):
    r = dict(frame.resources)
    lines = []
    if role == "gemeente":
        lines.append(f"{t('ws_budget_year', lang)}: € {num(r['budget_year'], lang, 0)}")
    if role in ("gemeente", "aanbieder"):
        lines.append(t("ws_team", lang, h=int(r["hulpverleners"]), o=int(r["opbouwwerkers"])))
    if role in ("aanbieder", "opbouwwerker"):
        lines.append(t("ws_opbouw_hours", lang, hours=num(r["opbouw_hours"], lang, 0),
                       coll=num(r["collective_hours"], lang, 0)))
    lines.append(t("ws_initiatives", lang, n=int(r["initiatives"]), p=int(r["places_open"])))
    solara.HTML(tag="div", classes=["ws-lever", "ws-resources"], unsafe_innerHTML=(
        f"<b>{escape(t('ws_yours', lang))}</b><br>" + "<br>".join(escape(x) for x in lines)))


@solara.component
def Outcomes(frame: Frame, lang: str):
    rows = "".join(f"<div>{escape(t('o_' + k, lang))}: <b>{_fmt_outcome(k, now, lang)}</b></div>"
                   for k, now, _ in frame.headline if k in ("cohesion", "hidden_need_share",
                                                            "lonely_share", "trust"))
    solara.HTML(tag="div", classes=["ws-lever", "ws-outcomes"], unsafe_innerHTML=(
        f"<b>{escape(t('ws_outcomes', lang))}</b>{rows}"))


# -- projector -----------------------------------------------------------------------------------
@solara.component
def ProjectorPage():
    _ = VERSION.value
    lang = solara.use_reactive("nl")
    key = _key()
    solara.Style(CSS)
    with solara.Column(classes=["ws-page", "ws-proj"], gap="8px"):
        if SESSION is None:
            solara.Error(t("ws_no_session", lang.value))
            return
        if not SESSION.may_view(key):
            solara.Error(t("ws_bad_link", lang.value))
            return
        frame = SESSION.frame
        views = frame.views.get(lang.value)
        with solara.Row(justify="space-between", style={"align-items": "center"}):
            solara.HTML(tag="h1", unsafe_innerHTML=escape(t("ws_title", lang.value)))
            solara.HTML(tag="div", classes=["ws-join"], unsafe_innerHTML=(
                escape(t("ws_join_at", lang.value, url=JOIN_URL or "/", code="")) +
                f' <span class="ws-code">{escape(SESSION.join_code)}</span>'))
            LangSwitch(lang)
        Status(frame, lang.value)
        with solara.Div(classes=["ws-grid"]):
            with solara.Column(classes=["ws-map"]):
                if views and views.wijks:
                    solara.Image(views.wijks[0].png, format="png", width="100%")
                    solara.HTML(tag="div", unsafe_innerHTML=views.wijks[0].timeline)
            with solara.Column():
                Headline(frame, lang.value)
                Events(frame, lang.value)
        if views:
            with solara.Div(classes=["ws-charts"]):
                for c in views.charts:
                    solara.HTML(tag="div", unsafe_innerHTML=(
                        f'<div class="ws-chart-title">{escape(c.title)}</div>{c.svg}'))


@solara.component
def Headline(frame: Frame, lang: str):
    rows = []
    for k, now, start in frame.headline:
        diff = now - start
        d = (f"{'+' if diff >= 0 else '−'}{num(abs(diff) * 100, lang, 1)} pp" if k in SHARES
             else f"{'+' if diff >= 0 else '−'}{num(abs(diff), lang, 2)}")
        rows.append(f"<tr><td>{escape(t('o_' + k, lang))}</td>"
                    f"<td>{_fmt_outcome(k, start, lang)}</td>"
                    f"<td><b>{_fmt_outcome(k, now, lang)}</b></td><td>{d}</td></tr>")
    solara.HTML(tag="div", classes=["ws-headline"], unsafe_innerHTML=(
        f"<b>{escape(t('ws_headline', lang, round=max(1, frame.round - 1)))}</b>"
        f"<table><tr><th></th>"
        f"<th>{escape(t('ws_start_of_round', lang))}</th><th>{escape(t('ws_now', lang))}</th>"
        f"<th>{escape(t('ws_change', lang))}</th></tr>{''.join(rows)}</table>"))


@solara.component
def Events(frame: Frame, lang: str):
    items = []
    for week, kind, text, text_nl in reversed(frame.events[-8:]):
        said = describe_event({"kind": kind, "text": text, "text_nl": text_nl}, lang)
        items.append(f"<div>{escape(t('ws_week', lang, week=week))}: "
                     f"<b>{escape(event_label(kind, lang))}</b> — {escape(said)}</div>")
    solara.HTML(tag="div", classes=["ws-events"], unsafe_innerHTML=(
        f"<b>{escape(t('ws_events', lang))}</b>" + ("".join(items) or
                                                     escape(t("ws_none_yet", lang)))))


# -- facilitator ---------------------------------------------------------------------------------
@solara.component
def FacilitatorPage():
    _ = VERSION.value
    lang = solara.use_reactive("nl")
    key = _key()
    said = solara.use_reactive(("", ""))
    message = solara.use_reactive("")
    back_to = solara.use_reactive(1)
    exported = solara.use_reactive("")
    solara.Style(CSS)
    with solara.Column(classes=["ws-page"], gap="8px"):
        if SESSION is None:
            solara.Error(t("ws_no_session", lang.value))
            return
        try:
            fac = SESSION.facilitator(key)
        except AccessError:
            solara.Error(t("ws_bad_link", lang.value))
            return
        frame = SESSION.frame
        L = lang.value

        def act(fn, *args):
            try:
                fn(*args)
                said.set(("ok", ""))
            except (WorkshopError, rl.DecisionError) as exc:
                said.set(("err", _say(exc, L)))

        def export():
            from .debrief import write_debrief

            path = write_debrief(SESSION, L)
            exported.set(str(path))

        with solara.Row(justify="space-between", style={"align-items": "center"}):
            solara.HTML(tag="h2", unsafe_innerHTML=escape(t("ws_title", L)))
            LangSwitch(lang)
        Status(frame, L)
        solara.HTML(tag="div", classes=["ws-small"], unsafe_innerHTML=escape(
            f"{t('ws_code', L)}: {SESSION.join_code} · {t('ws_links', L)}: "
            f"/projector?key={SESSION.view_key}"))
        with solara.Row(style={"flex-wrap": "wrap"}):
            solara.Button(t("ws_close_round", L), on_click=lambda: act(fac.close_round),
                          color="primary", classes=["ws-close-round"],
                          disabled=frame.running or frame.ended)
            if frame.paused:
                solara.Button(t("ws_resume", L), on_click=lambda: act(fac.resume),
                              classes=["ws-resume"])
            else:
                solara.Button(t("ws_pause", L), on_click=lambda: act(fac.pause),
                              classes=["ws-pause"])
            solara.Button(t("ws_end", L), on_click=lambda: act(fac.end), color="error",
                          outlined=True, classes=["ws-end"])
            solara.Button(t("ws_export", L), on_click=export, outlined=True,
                          classes=["ws-export"])
        kind, text = said.value
        if kind == "err" and text:
            solara.HTML(tag="div", classes=["ws-err"], unsafe_innerHTML=escape(text))
        if exported.value:
            solara.HTML(tag="div", classes=["ws-ok"], unsafe_innerHTML=escape(
                t("ws_exported", L, path=exported.value)))
            solara.FileDownload(lambda: Path(exported.value).read_bytes(),
                                filename=Path(exported.value).name, label=t("ws_download", L),
                                mime_type="text/html")
        with solara.Row(style={"align-items": "center"}):
            solara.InputText(t("ws_broadcast", L), value=message, continuous_update=True,
                             classes=["ws-broadcast-input"])
            solara.Button(t("ws_send", L), on_click=lambda: act(fac.broadcast, message.value),
                          classes=["ws-broadcast"])
        with solara.Row(style={"align-items": "center"}):
            solara.InputInt(t("ws_back_to", L), value=back_to, classes=["ws-back-input"])
            solara.Button(t("ws_back", L), on_click=lambda: act(fac.back_to, back_to.value),
                          outlined=True, classes=["ws-back"])
        Pending(frame, L)
        Participants(fac, frame, L, act)
        Headline(frame, L)


@solara.component
def Pending(frame: Frame, lang: str):
    def shown(lever: str, v: Any) -> str:
        return _place_name(v, frame.places, lang) if lever == "focus_place" else \
            _fmt_value(v, lang)

    rows = "".join(f"<div>{escape(rl.BY_ROLE[r].title(lang))}: {escape(_label(lv, lang))} → "
                   f"<b>{escape(shown(lv, v))}</b></div>" for r, lv, v in frame.pending)
    names = {pid: name for pid, name, _, _ in frame.participants}
    rows += "".join(f"<div>{escape(rl.BY_ROLE['bewoner'].title(lang))} "
                    f"{escape(names.get(pid, pid))}: {escape(_label(lv, lang))} → "
                    f"<b>{escape(t('ws_yes' if v else 'ws_no', lang))}</b></div>"
                    for pid, lv, _, v in frame.choices if v is not None)
    rows = rows or f"<div>{escape(t('ws_none_yet', lang))}</div>"
    solara.HTML(tag="div", classes=["ws-lever", "ws-pending"], unsafe_innerHTML=(
        f"<b>{escape(t('ws_decisions', lang))}</b>" + rows))


def _label(lever: str, lang: str) -> str:
    if lever.startswith("place_"):
        return f"{t('ws_places', lang)} #{lever.split('_', 1)[1]}"
    return rl.BY_LEVER[lever][1].label(lang)


@solara.component
def Participants(fac, frame: Frame, lang: str, act):
    with solara.Column(classes=["ws-lever", "ws-participants"], gap="2px"):
        room = SESSION.role_room()
        solara.HTML(tag="div", unsafe_innerHTML=(
            f"<b>{escape(t('ws_participants', lang))}</b> — {escape(t('ws_limits', lang))}: "
            + ", ".join(f"{escape(rl.BY_ROLE[r].title(lang))} {a}/{b}"
                        for r, (a, b) in room.items())))
        with solara.Row(style={"flex-wrap": "wrap"}):
            for r, (_, limit) in room.items():
                solara.InputInt(f"{t('ws_limits', lang)}: {rl.BY_ROLE[r].title(lang)}",
                                value=limit, classes=[f"ws-limit-{r}"],
                                on_value=lambda v, r=r: act(fac.set_limit, r, v),
                                style={"max-width": "220px"})
        for pid, name, role, removed in frame.participants:
            with solara.Row(style={"align-items": "center"}, classes=[f"ws-person-{pid}"]):
                role_text = rl.BY_ROLE[role].title(lang) if role else "—"
                solara.HTML(tag="span", unsafe_innerHTML=escape(
                    f"{name} ({role_text})" + (f" — {t('ws_removed', lang)}" if removed else "")))
                if not removed:
                    solara.Button(t("ws_remove", lang), small=True, outlined=True,
                                  on_click=lambda p=pid: act(fac.remove, p),
                                  classes=["ws-remove"])


@solara.component
def Layout(children=[]):  # noqa: B006 - Solara's signature
    """No app bar or tabs between the pages: each address is its own page."""
    return solara.Column(children=children, style={"padding": "0"})


routes = [  # the root's layout is every page's layout (solara.autorouting)
    solara.Route(path="/", component=JoinPage, label="join", layout=Layout),
    solara.Route(path="projector", component=ProjectorPage, label="projector"),
    solara.Route(path="facilitator", component=FacilitatorPage, label="facilitator"),
]

