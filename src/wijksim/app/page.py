"""The Solara page: ``solara run wijksim.app.page`` (``wijksim app`` does that for you).

Every browser tab gets its own :class:`~wijksim.app.session.Session` (made in ``Page`` with
``use_memo``) and its own reactive state (``use_reactive``), so one participant's slider never
moves another's wijk. Stepping runs in a thread of that tab; drawing happens in
:func:`wijksim.app.views.draw` under the session lock.

Why not Mesa's SolaraViz: see docs/app.md ("Why its own Solara page").
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from html import escape
from typing import Any

import solara

from ..scenario import ScenarioError
from . import levers as lv
from .access import Access
from .files import ScenarioFiles
from .gate import JoinGate
from .i18n import LANGS, num, t
from .render import COLOUR_MODES, legend_html, markers_html
from .session import (DEFAULT_SCENARIO, AppConfig, BuildError, BuildRequest, Session,
                      prewarm)
from .sources import LOG, page_lines
from .views import Views, draw

CONFIG = AppConfig.from_env()
ACCESS = Access.from_env()  # a join code when the app is reachable from other computers
SOURCES = CONFIG.sources()  # to take server paths out of messages
# build the opening wijks in the background as soon as the server loads this page
threading.Thread(target=prewarm, args=(CONFIG,), name="wijksim-prewarm", daemon=True).start()
SPEEDS = (1, 2, 5, 10, 20, 40)  # weeks per second
FRAME_SECONDS = 0.2  # at most 5 redraws a second while playing
DEBOUNCE_SECONDS = 0.25  # a lever must rest this long before the wijk is rebuilt

CSS = """
.wijk-main { padding: 4px 8px 40px 8px; max-width: 1400px; }
.wijk-intro { font-size: 15px; color: #333; margin: 2px 0 6px 0; }
.wijk-week { font-size: 20px; font-weight: 600; min-width: 110px; }
.wijk-year { font-size: 13px; color: #666; }
.wijk-maps { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.wijk-card { flex: 1 1 420px; max-width: 660px; min-width: 320px; }
.wijk-side { flex: 1 1 520px; min-width: 320px; max-width: 760px; }
.wijk-side .wijk-charts { grid-template-columns: repeat(2, minmax(0, 1fr)); }
.wijk-chart-card svg { max-width: 420px; display: block; }
.wijk-card-title { font-size: 18px; font-weight: 600; padding-left: 8px;
                   border-left: 6px solid var(--wijk-colour); }
.wijk-settings { font-size: 12px; color: #555; margin: 2px 0 6px 0; }
.wijk-map-box { position: relative; width: 100%; aspect-ratio: 1 / 1; }
.wijk-map-box img { width: 100%; height: 100%; display: block; border-radius: 4px; }
.wijk-banner { position: absolute; left: 8px; right: 8px; top: 8px; padding: 6px 10px;
               color: #fff; font-size: 14px; font-weight: 600; border-radius: 6px;
               opacity: 0.93; pointer-events: none; }
.wijk-recent { font-size: 13px; line-height: 1.5; margin-top: 2px; }
.wijk-charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
               gap: 10px 18px; }
.wijk-chart-title { font-size: 14px; font-weight: 600; }
.wijk-chart-help { font-size: 12px; color: #555; min-height: 32px; }
.wijk-now { font-size: 12px; }
.lever-label { font-size: 14px; font-weight: 500; margin-top: 6px; }
.lever-help { font-size: 12px; color: #666; line-height: 1.3; }
.lever .v-input__slot { margin-bottom: 0 !important; }
.wijk-group { font-size: 13px; font-weight: 700; text-transform: uppercase; color: #1976d2;
              margin-top: 14px; letter-spacing: .04em; }
.wijk-problem li { margin-left: 18px; }
.wijk-sidebar { padding: 0 4px 40px 4px; width: 372px; max-width: 372px; }
"""


class TabState:
    """One tab's state: Solara reactive variables made once per tab (in ``Page``).

    A component that reads ``x.value`` while rendering re-renders when ``x`` changes, and only
    that component: a new week redraws the main area, not the sidebar. Identity equality
    keeps Solara from re-rendering children that receive the same TabState.
    """

    def __init__(self, config: AppConfig, levers: dict[str, Any]):
        self.lang = solara.reactive("nl")
        self.compare = solara.reactive(False)
        self.scenario = solara.reactive(config.sources().start_key)  # a key, never a path
        self.levers = solara.reactive(levers)  # lever name -> position
        self.seed = solara.reactive(config.seed)
        self.colour_by = solara.reactive("vraagverlegenheid")
        self.playing = solara.reactive(False)
        self.speed = solara.reactive(2)  # index into SPEEDS
        self.version = solara.reactive(0)  # bumps when the session changed
        self.building = solara.reactive(False)
        self.problem = solara.reactive(None)  # None or (kind, [lines])
        self.revision = solara.reactive(0)  # bumped by 'Load' (a file may have changed)


def _first_state(session: Session) -> TabState:
    """The tab's state; if the start scenario broke since the server started, say so and
    open the default scenario instead."""
    try:
        return TabState(CONFIG, session.lever_positions(CONFIG.scenario))
    except Exception as exc:  # noqa: BLE001 - said in the problem box
        st = TabState(replace(CONFIG, scenario=DEFAULT_SCENARIO),
                      session.lever_positions(DEFAULT_SCENARIO))
        st.problem.set(_problem("scenario", exc))
        return st


def build_request(st: TabState) -> BuildRequest:
    return BuildRequest(st.scenario.value, tuple(sorted(st.levers.value.items())),
                        int(st.seed.value), bool(st.compare.value), CONFIG.residents,
                        CONFIG.burn_in, st.revision.value)


def _problem(kind: str, exc: BaseException) -> tuple[str, list[str]]:
    """The problem box's lines: no server path, no traceback (an unexpected error is
    logged on the server and shown as an empty list, which the box says in words)."""
    return kind, page_lines(SOURCES, exc)


# ------------------------------------------------------------------------------------------
@solara.component
def Page():
    """The join code first when the app needs one (``--host`` other than loopback)."""
    admitted = solara.use_reactive(not ACCESS.required)
    if admitted.value:
        Workshop()
    else:
        JoinGate(ACCESS, admitted)


@solara.component
def Workshop():
    session: Session = solara.use_memo(lambda: Session(CONFIG), [])
    st: TabState = solara.use_memo(lambda: _first_state(session), [])
    lang = st.lang.value
    req = build_request(st)

    def builder(cancel: threading.Event):
        if session.request == req and session.wijks:
            return  # already on the page (a re-render, not a change)
        session.pause()
        st.playing.set(False)
        st.building.set(True)
        try:
            if cancel.wait(DEBOUNCE_SECONDS if session.wijks else 0):
                return  # the lever moved again; a newer build takes over
            session.build(req)
            st.problem.set(None)
        except ScenarioError as exc:
            st.problem.set(_problem("combo", exc))
        except BuildError as exc:
            LOG.error("model build failed", exc_info=exc)
            st.problem.set(("combo", [str(exc).split("\n")[0][:200]]))
        except Exception as exc:  # noqa: BLE001 - logged; the page says it in words
            st.problem.set(_problem("combo", exc))
        finally:
            st.building.set(False)
            st.version.set(session.version)

    solara.use_thread(builder, dependencies=[req], intrusive_cancel=False)

    def player(cancel: threading.Event):
        if not st.playing.value:
            return
        session.play()
        while not cancel.is_set():
            t0 = time.perf_counter()
            speed = SPEEDS[st.speed.value]
            per_frame = max(1, round(speed * FRAME_SECONDS))
            if not session.play_step(per_frame):
                return  # paused meanwhile: pause() already drew the last week
            st.version.set(session.version)
            if not session.playing:  # reached the end, or the model failed
                st.playing.set(False)
                return
            cancel.wait(max(0.01, per_frame / speed - (time.perf_counter() - t0)))

    solara.use_thread(player, dependencies=[st.playing.value], intrusive_cancel=False)

    solara.Title("wijksim")
    solara.Style(CSS)
    with solara.AppBarTitle():
        solara.Text(t("title", lang))
    with solara.AppBar():
        solara.ToggleButtonsSingle(
            value=st.lang, children=[solara.Button(code.upper(), value=code, text=True)
                                     for code in LANGS],
            classes=["wijk-lang"])
    with solara.Sidebar():
        LeverPanel(st, session)
    Viewer(st, session)


# ------------------------------------------------------------------------------------------
@solara.component
def LeverPanel(st: TabState, session: Session):
    lang = st.lang.value
    levers = st.levers.value
    residents = CONFIG.residents

    def load(source: str):
        try:
            positions = session.lever_positions(source)
        except Exception as exc:  # noqa: BLE001 - ScenarioError, or logged and said in words
            st.problem.set(_problem("scenario", exc))
            return
        st.problem.set(None)
        st.scenario.set(source)
        st.levers.set(positions)
        st.revision.set(st.revision.value + 1)

    def set_lever(name: str, value: Any):
        st.levers.set({**st.levers.value, name: value})

    with solara.Column(classes=["wijk-sidebar"], gap="4px"):
        ScenarioFiles(st, session, lang, load, st.problem.set)
        solara.InputInt(t("seed", lang), value=st.seed, continuous_update=False,
                        classes=["wijk-seed"])
        solara.HTML(tag="div", unsafe_innerHTML=escape(t("levers_note", lang)),
                    classes=["lever-help"])
        for group in lv.GROUPS:
            solara.HTML(tag="div", unsafe_innerHTML=escape(t(f"group_{group}", lang)),
                        classes=["wijk-group"])
            if group == "funding" and st.compare.value:
                solara.HTML(tag="div", unsafe_innerHTML=escape(t("compare_levers", lang)),
                            classes=["lever-help"])
            for lever in lv.LEVERS:
                if lever.group == group:
                    LeverControl(lever, levers.get(lever.name), lambda v, n=lever.name:
                                 set_lever(n, v), lang, residents, st.compare.value,
                                 levers.get("regime"))


@solara.component
def LeverControl(lever: lv.Lever, value: Any, on_value, lang: str, residents: int,
                 compare: bool, regime: str):
    if value is None:
        return solara.Text("")
    disabled = lever.tender_only and regime != "tender" and not compare
    label = t(f"lever_{lever.name}", lang)
    with solara.Column(classes=["lever", f"lever-{lever.name}"], gap="0px") as col:
        if lever.kind == lv.CHOICE:
            if compare:
                return col
            solara.HTML(tag="div", unsafe_innerHTML=escape(label), classes=["lever-label"])
            solara.ToggleButtonsSingle(
                value=value, on_value=on_value, dense=True,
                children=[solara.Button(t(f"regime_{r}", lang), value=r) for r in lv.REGIMES],
                classes=["wijk-regime"])
        elif lever.kind == lv.SWITCH:
            solara.Switch(label=f"{label}: {lv.show(lever, value, lang)}", value=bool(value),
                          on_value=on_value)
        else:
            shown = lv.show(lever, value, lang)
            note = f" ({t('only_tender', lang)})" if disabled else ""
            solara.HTML(tag="div", unsafe_innerHTML=escape(f"{label}: {shown}{note}"),
                        classes=["lever-label"])
            lo, hi = lever.bounds(value, residents)
            if lever.kind == lv.FLOAT:
                solara.SliderFloat("", value=float(value), min=float(lo), max=float(hi),
                                   step=lever.step, on_value=on_value, disabled=disabled,
                                   thumb_label=False)
            else:
                solara.SliderInt("", value=int(value), min=int(lo), max=int(hi),
                                 step=int(lever.step), on_value=on_value, disabled=disabled,
                                 thumb_label=False)
        solara.HTML(tag="div", unsafe_innerHTML=escape(t(f"lever_{lever.name}_help", lang)),
                    classes=["lever-help"])
    return col


# ------------------------------------------------------------------------------------------
@solara.component
def Viewer(st: TabState, session: Session):
    """The main area. Split into small components whose arguments are plain values, so a new
    week re-renders only what changed (Solara skips a component whose arguments are equal)."""
    lang = st.lang.value
    version = st.version.value
    colour_by = st.colour_by.value
    views: Views | None = solara.use_memo(
        lambda: draw(session, lang, colour_by) if session.wijks else None,
        [version, lang, colour_by, len(session.wijks)])
    busy = st.building.value or not session.wijks
    with solara.Column(classes=["wijk-main"], gap="8px"):
        Intro(lang)
        with solara.Row(gap="10px", style={"align-items": "center", "flex-wrap": "wrap"}):
            Buttons(st, session, lang, st.playing.value, busy, session.finished)
            SpeedControl(st, lang)
            WeekCounter(views.week if views else 0, views.horizon if views else 520, lang)
            CompareSwitch(st, lang)
        ProblemBox(st, lang)
        Status(lang, st.building.value, _burn_in(session, st.scenario.value),
               session.finished, tuple(w.error for w in views.wijks) if views else (),
               tuple(w.week for w in views.wijks) if views else ())
        if views is None:
            return
        ColourBy(st, lang, colour_by, legend_html(views.legend))
        charts = tuple((c.name, c.title, c.help, c.better, c.svg, tuple(c.now))
                       for c in views.charts)
        single = len(views.wijks) == 1
        with solara.Div(classes=["wijk-maps"]):
            for w in views.wijks:
                MapCard(w, lang)
            if single:  # one wijk: the charts beside the map
                with solara.Div(classes=["wijk-side"]):
                    Charts(lang, charts)
        ClosePlaces(st, session, lang, tuple(
            sorted({i: label for w in views.wijks for i, label, is_open in w.places
                    if is_open}.items())))
        Markers(lang)
        About(lang, "about_map")
        About(lang, "about_timeline")
        if not single:  # two wijks: the charts under the maps, each with both lines
            Charts(lang, charts)
        About(lang, "about_charts")
        burn = session.wijks[0].model.p.run.burn_in_weeks if session.wijks else 0
        About(lang, "about_levers", burn=burn)


def _burn_in(session: Session, source: str) -> int:
    try:
        return int(session.base(source)["run.burn_in_weeks"])
    except Exception:  # noqa: BLE001 - the problem box says what is wrong
        return 0


@solara.component
def Intro(lang: str):
    return solara.HTML(tag="div", unsafe_innerHTML=escape(t("intro", lang)),
                       classes=["wijk-intro"])


@solara.component
def Buttons(st: TabState, session: Session, lang: str, playing: bool, busy: bool,
            finished: bool):
    def pause():
        st.version.set(session.pause())
        st.playing.set(False)

    def play_or_pause():
        if st.playing.value:
            pause()
        else:
            st.playing.set(True)

    def step():
        pause()
        session.step(1)
        st.version.set(session.version)

    def reset():
        pause()
        try:
            session.reset()
        except Exception as exc:  # noqa: BLE001 - ScenarioError, or logged and said in words
            st.problem.set(_problem("combo", exc))
        st.version.set(session.version)

    with solara.Row(gap="10px", style={"align-items": "center"}) as row:
        solara.Button(t("pause", lang) if playing else t("play", lang),
                      icon_name="mdi-pause" if playing else "mdi-play", color="primary",
                      on_click=play_or_pause, disabled=busy or (finished and not playing),
                      classes=["wijk-play"])
        solara.Button(t("step", lang), icon_name="mdi-step-forward", on_click=step,
                      disabled=busy or finished or playing, outlined=True, color="primary",
                      classes=["wijk-step"])
        solara.Button(t("reset", lang), icon_name="mdi-restore", on_click=reset,
                      disabled=busy, outlined=True, color="primary", classes=["wijk-reset"])
    return row


@solara.component
def SpeedControl(st: TabState, lang: str):
    with solara.Column(gap="0px", style={"min-width": "220px"},
                       classes=["wijk-speed"]) as col:
        solara.HTML(tag="div", classes=["lever-help"], unsafe_innerHTML=escape(
            f'{t("speed", lang)}: {SPEEDS[st.speed.value]}'))
        solara.SliderInt("", value=st.speed, min=0, max=len(SPEEDS) - 1, thumb_label=False)
    return col


@solara.component
def WeekCounter(week: int, horizon: int, lang: str):
    with solara.Row(gap="10px", style={"align-items": "baseline"}) as row:
        solara.HTML(tag="div", classes=["wijk-week"],
                    unsafe_innerHTML=escape(t("week_counter", lang, week=week)))
        solara.HTML(tag="div", classes=["wijk-year"], unsafe_innerHTML=escape(
            t("year_of", lang, year=num(week / 52, lang, 1), years=horizon // 52)))
    return row


@solara.component
def CompareSwitch(st: TabState, lang: str):
    return solara.Switch(label=t("compare", lang), value=st.compare, classes=["wijk-compare"])


@solara.component
def Status(lang: str, building: bool, burn: int, finished: bool, errors: tuple,
           weeks: tuple):
    with solara.Column(gap="4px") as col:
        if building:
            solara.Info(f'{t("building", lang)} {t("building_help", lang, burn=burn)}',
                        classes=["wijk-building"])
        if finished and not any(errors):
            solara.Info(t("finished", lang))
        for error, week in zip(errors, weeks):
            if error:
                solara.Warning(t("model_failed", lang, week=week, error=error))
    return col


@solara.component
def ColourBy(st: TabState, lang: str, colour_by: str, legend: str):
    with solara.Row(gap="16px", style={"align-items": "center", "flex-wrap": "wrap"}) as row:
        solara.v.Select(label=t("colour_by", lang), v_model=colour_by,
                        on_v_model=st.colour_by.set, dense=True, hide_details=True,
                        items=[{"text": t(f"by_{m}", lang), "value": m} for m in COLOUR_MODES],
                        class_="wijk-colour-by", style_="max-width: 260px")
        solara.HTML(tag="div", unsafe_innerHTML=legend)
    return row


@solara.component
def MapCard(w, lang: str):
    with solara.Column(classes=["wijk-card", f"wijk-card-{w.regime}"], gap="4px",
                       style={"--wijk-colour": w.colour}) as col:
        CardHead(w.title, w.settings, tuple(w.notices), lang)
        MapBox(w.png, w.overlay, w.banner, w.week, w.regime)
        solara.HTML(tag="div", unsafe_innerHTML=w.timeline + _recent_html(w.recent, lang),
                    classes=["wijk-timeline-box"])
    return col


@solara.component
def CardHead(title: str, settings: str, notices: tuple, lang: str):
    with solara.Column(gap="4px") as col:
        solara.HTML(tag="div", unsafe_innerHTML=(
            f'<div class="wijk-card-title">{escape(t("map_of", lang))}: {escape(title)}</div>'
            f'<div class="wijk-settings">{escape(t("settings_now", lang))}: '
            f'{escape(settings)}</div>'))
        for note in notices:
            solara.Warning(note, dense=True, classes=["wijk-notice"])
    return col


@solara.component
def MapBox(png: bytes, overlay: str, banner, week: int, regime: str):
    with solara.Div(classes=["wijk-map-box"],
                    attributes={"data-week": str(week), "data-regime": regime}) as box:
        solara.Image(png, format="png", width="100%", classes=["wijk-map"])
        solara.HTML(tag="div", unsafe_innerHTML=overlay,
                    style="position:absolute;left:0;top:0;width:100%;height:100%")
        if banner:
            text, colour = banner
            solara.HTML(tag="div", classes=["wijk-banner"], unsafe_innerHTML=escape(text),
                        style=f"background:{colour}")
    return box


def _recent_html(recent, lang: str) -> str:
    rows = "".join(
        f'<div><span style="color:{c};font-weight:700">● {escape(label)}</span> '
        f'<span style="color:#777">({escape(t("week_counter", lang, week=wk))})</span> '
        f'{escape(text)}</div>' for wk, label, text, c in recent)
    return (f'<div class="wijk-recent"><b>{escape(t("recent_events", lang))}</b>'
            + (rows or f'<div style="color:#777">{escape(t("no_events", lang))}</div>')
            + "</div>")


@solara.component
def ClosePlaces(st: TabState, session: Session, lang: str, open_places: tuple):
    """Buttons that close a place now, in every wijk on the page (acts at once)."""

    def close_place(index: int):
        if session.close_place(index, "closed in the workshop"):
            st.version.set(session.version)

    with solara.Row(gap="6px", style={"flex-wrap": "wrap", "align-items": "center"},
                    classes=["wijk-close-places"]) as row:
        solara.HTML(tag="span", classes=["lever-label"],
                    unsafe_innerHTML=escape(t("close_now", lang) + ":"))
        for i, label in open_places:
            solara.Button(t("close_button", lang, place=label), small=True, outlined=True,
                          color="error", on_click=lambda i=i: close_place(i),
                          classes=["wijk-close", f"wijk-close-{i}"])
        if not open_places:
            solara.HTML(tag="span", unsafe_innerHTML=escape(t("no_open_places", lang)))
        solara.HTML(tag="span", classes=["lever-help"],
                    unsafe_innerHTML=escape(t("close_now_help", lang)))
    return row


@solara.component
def Markers(lang: str):
    return solara.HTML(tag="div", unsafe_innerHTML=markers_html(lang))


@solara.component
def Charts(lang: str, charts: tuple):
    """All six charts as one HTML block (one widget update per frame)."""
    cards = []
    for name, title, help_text, better, svg, now in charts:
        arrow = t("better_up", lang) if better == "up" else t("better_down", lang)
        values = " · ".join(f'<span style="color:{col};font-weight:600">{escape(label)}: '
                            f'{escape(val)}</span>' for label, col, val in now)
        cards.append(
            f'<div class="wijk-chart-card" data-outcome="{name}">'
            f'<div class="wijk-chart-title">{escape(title)} '
            f'<span style="font-weight:400;color:#888;font-size:12px">({escape(arrow)})</span>'
            f'</div><div class="wijk-chart-help">{escape(help_text)}</div>{svg}'
            f'<div class="wijk-now">{escape(t("now", lang))}: {values}</div></div>')
    return solara.HTML(tag="div", unsafe_innerHTML=(
        f'<h3 style="margin:8px 0 2px 0">{escape(t("charts", lang))}</h3>'
        f'<div class="lever-help" style="margin-bottom:6px">{escape(t("chart_note", lang))}</div>'
        f'<div class="wijk-charts">{"".join(cards)}</div>'))


@solara.component
def ProblemBox(st: TabState, lang: str):
    problem = st.problem.value
    if not problem:
        return solara.Text("")
    kind, lines = problem
    head = t("scenario_problem" if kind == "scenario" else "combo_problem", lang)
    fix = t("scenario_fix" if kind == "scenario" else "combo_fix", lang)
    lines = lines or [t("internal_error", lang)]  # details are in the server log
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return solara.Error(children=[solara.HTML(
        tag="div", classes=["wijk-problem"],
        unsafe_innerHTML=f"<b>{escape(head)}</b><ul>{items}</ul><div>{escape(fix)}</div>")])


@solara.component
def About(lang: str, key: str, **fmt):
    return solara.Details(summary=f'{t("about", lang)} — {t(key + "_title", lang)}',
                          children=[solara.HTML(tag="div", unsafe_innerHTML=escape(
                              t(key, lang, **fmt)), style="font-size:14px;max-width:900px")])
