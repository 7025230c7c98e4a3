"""The Solara page: ``solara run wijksim.app.page`` (``wijksim app`` does that for you).

Every browser tab gets its own :class:`~wijksim.app.session.Session` (made in ``Page`` with
``use_memo``) and its own reactive state (``use_reactive``), so one participant's slider never
moves another's wijk. Stepping runs in a thread of that tab; drawing happens in
:func:`wijksim.app.views.draw` under the session lock.

Why not Mesa's SolaraViz: see docs/app.md ("Why its own Solara page").
"""

from __future__ import annotations

import threading
from dataclasses import replace
from html import escape
from typing import Any

import ipyvuetify
import solara
import traitlets

from ..scenario import ScenarioError
from . import levers as lv
from .access import Access
from .files import ScenarioFiles
from .gate import JoinGate
from .i18n import LANGS, lever_problem, num, problem_text, show_lever, t
from .render import COLOUR_MODES, legend_html, markers_html
from .session import (DEFAULT_SCENARIO, AppConfig, BuildError, BuildRequest, PolicyError,
                      Session, prewarm)
from .sources import LOG, page_problems
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
/* issue 16: usable from 360 px to a 1920 px projector; own header and lever panel */
.wijk-layout, .wijk-root { min-height: 100vh; background: #fff; }
.wijk-header { position: sticky; top: 0; z-index: 6; display: flex; align-items: center;
               gap: 8px; padding: 4px 12px; min-height: 52px; background: #1976d2;
               color: #fff; }
.wijk-title { flex: 1 1 auto; min-width: 0; font-size: 18px; font-weight: 500;
              overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.wijk-lang { flex: 0 0 auto; }
.wijk-lang, .wijk-lang.v-btn-toggle { background: transparent !important; }
.wijk-lang .v-btn { color: #fff !important; background-color: transparent !important;
                    border-color: rgba(255,255,255,.5) !important; min-width: 44px !important; }
.wijk-lang .v-btn.v-btn--active { background-color: rgba(255,255,255,.28) !important; }
.wijk-body { display: flex; align-items: flex-start; }
.wijk-aside { flex: 0 0 384px; width: 384px; position: sticky; top: 52px;
              max-height: calc(100vh - 52px); overflow-y: auto; overflow-x: hidden;
              border-right: 1px solid #e0e0e0; padding: 14px 4px 0 8px; }
.wijk-main { flex: 1 1 auto; min-width: 0; }
.v-dialog.wijk-drawer { position: fixed; left: 0; top: 0; margin: 0; height: 100%;
                        max-height: 100% !important; width: 400px; max-width: 86vw;
                        border-radius: 0; }
.wijk-drawer .wijk-sidebar { width: 100%; max-width: 100%; }
.wijk-banner-slot { min-height: 30px; }
.wijk-banner { padding: 4px 10px; color: #fff; font-size: 14px; font-weight: 600;
               border-radius: 6px; }
.wijk-controls { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; }
.wijk-controls .v-btn { margin: 0 !important; }
.wijk-gap table { border-collapse: collapse; font-size: 13px; margin: 2px 0; }
.wijk-gap th, .wijk-gap td { padding: 1px 10px 1px 0; text-align: left; white-space: nowrap; }
.wijk-gap th { font-weight: 600; border-bottom: 1px solid #ddd; }
.wijk-gap { overflow-x: auto; max-width: 100%; }
@media (max-width: 1099px) { .wijk-aside { display: none; } }
@media (min-width: 1100px) { .wijk-menu-button { display: none !important; } }
@media (max-width: 600px) {
  .wijk-title { font-size: 15px; white-space: normal; line-height: 1.2; }
  .wijk-main { padding: 4px 6px 40px 6px; }
  .wijk-card, .wijk-side { min-width: 0; flex-basis: 100%; }
  .wijk-charts { grid-template-columns: minmax(0, 1fr) !important; }
  .wijk-speed { min-width: 0 !important; flex: 1 1 160px; }
}
@media (min-width: 1800px) { .wijk-main { max-width: 1560px; } }
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
        self.start_levers = solara.reactive(levers)  # positions the wijk was built with
        self.restart = solara.reactive(0)  # bumped by 'Start over'
        self.seed = solara.reactive(config.seed)
        self.colour_by = solara.reactive("vraagverlegenheid")
        self.zoom = solara.reactive(False)  # charts: fixed scales (False) or fitted
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
    return BuildRequest(st.scenario.value, tuple(sorted(st.start_levers.value.items())),
                        int(st.seed.value), bool(st.compare.value), CONFIG.residents,
                        CONFIG.burn_in, st.revision.value, st.restart.value)


def _problem(kind: str, exc: BaseException) -> tuple[str, list[str]]:
    """The problem box's lines: no server path, no traceback (an unexpected error is
    logged on the server and shown as an empty list, which the box says in words)."""
    return kind, page_problems(SOURCES, exc)


def _combo_problem(exc: Exception) -> tuple[str, list]:
    """A lever combination the schema or the model refuses: the problems themselves, so the
    box can word them in the page's language when it draws."""
    if isinstance(exc, ScenarioError):
        return "combo", list(exc.problems)
    return "combo", [str(exc)]


def apply_levers(st: TabState, session: Session) -> None:
    """Apply the tab's live lever positions to the running wijk(s) (from the next week)."""
    try:
        if session.change_levers(dict(st.levers.value)):
            st.version.set(session.version)
        if st.problem.value and st.problem.value[0] == "combo":
            st.problem.set(None)
    except (ScenarioError, PolicyError) as exc:
        st.problem.set(_combo_problem(exc))


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
    menu_open = solara.use_reactive(False)
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
            apply_levers(st, session)  # levers moved while it was being built
        except ScenarioError as exc:
            st.problem.set(_combo_problem(exc))
        except BuildError as exc:
            LOG.error("model build failed", exc_info=exc)
            st.problem.set(("combo", [str(exc).split("\n")[0][:200]]))
        except Exception as exc:  # noqa: BLE001 - logged; the page says it in words
            st.problem.set(_problem("combo", exc))
        finally:
            st.building.set(False)
            st.version.set(session.version)

    solara.use_thread(builder, dependencies=[req], intrusive_cancel=False)

    def applier(cancel: threading.Event):
        """A lever moved: a policy change in the running wijk, once the lever rests."""
        if not session.wijks or st.building.value:
            return  # the builder applies them when the wijk is there
        if cancel.wait(DEBOUNCE_SECONDS):
            return  # moved again; the newer position takes over
        apply_levers(st, session)

    solara.use_thread(applier, dependencies=[tuple(sorted(st.levers.value.items()))],
                      intrusive_cancel=False)

    def player(cancel: threading.Event):
        if not st.playing.value:
            return

        def frame() -> tuple[int, float]:
            speed = SPEEDS[st.speed.value]
            weeks = max(1, round(speed * FRAME_SECONDS))
            return weeks, weeks / speed

        if session.play_loop(cancel, frame, lambda: st.version.set(session.version)):
            st.playing.set(False)  # reached the end, or the model failed

    solara.use_thread(player, dependencies=[st.playing.value], intrusive_cancel=False)

    solara.Title("wijksim")
    solara.Style(CSS)
    with solara.Div(classes=["wijk-root"]):
        Header(st, lang, menu_open)
        with solara.Div(classes=["wijk-body"]):
            with solara.Div(classes=["wijk-aside"]):  # wide screens: always there
                LeverPanel(st, session, "aside")
            Viewer(st, session)
        LeverMenu(st, session, lang, menu_open)


@solara.component
def Layout(children=[]):
    """The page draws its own header and lever panel (``Page``). Solara's AppLayout opens a
    drawer of at least 400 px over a phone screen, which only a swipe closes."""
    return solara.Div(children=children, classes=["wijk-layout"])


@solara.component
def Header(st: TabState, lang: str, menu_open):
    with solara.Div(classes=["wijk-header"]) as bar:
        solara.Button(icon_name="mdi-menu", on_click=lambda: menu_open.set(True), icon=True,
                      dark=True, classes=["wijk-menu-button"],
                      attributes={"aria-label": t("menu", lang)})
        solara.HTML(tag="div", unsafe_innerHTML=escape(t("title", lang)),
                    classes=["wijk-title"])
        solara.ToggleButtonsSingle(
            value=st.lang, children=[solara.Button(code.upper(), value=code, text=True)
                                     for code in LANGS],
            classes=["wijk-lang"], dense=True)
    return bar


class EscapeKey(ipyvuetify.VuetifyTemplate):
    """Counts presses of Escape anywhere on the page while it is shown. (A Vuetify dialog
    closes on Escape only once its content has the focus; after a tap on the menu button the
    focus is still on the page.)"""

    presses = traitlets.Int(0).tag(sync=True)
    template = traitlets.Unicode("""
<template><span class="wijk-escape-key"></span></template>
<script>
module.exports = {
  mounted() {
    this.onKey = (e) => { if (e.key === 'Escape') { this.presses = this.presses + 1; } };
    document.addEventListener('keydown', this.onKey);
  },
  beforeDestroy() { document.removeEventListener('keydown', this.onKey); },
};
</script>""").tag(sync=True)


@solara.component
def LeverMenu(st: TabState, session: Session, lang: str, menu_open):
    """Narrow screens: the lever panel as a drawer from the left, closed by default, never
    wider than the screen; a tap outside, Escape or its close button close it (a Vuetify
    dialog gives all three)."""
    with solara.v.Dialog(v_model=menu_open.value, on_v_model=menu_open.set,
                         content_class="wijk-drawer", transition="slide-x-transition",
                         scrollable=True) as dialog:
        with solara.v.Card(class_="wijk-drawer-card"):
            with solara.Row(style={"align-items": "center", "justify-content": "space-between",
                                   "padding": "4px 4px 0 12px"}):
                solara.HTML(tag="b", unsafe_innerHTML=escape(t("menu", lang)))
                solara.Button(t("close_menu", lang), icon_name="mdi-close", text=True,
                              on_click=lambda: menu_open.set(False),
                              classes=["wijk-menu-close"])
            with solara.v.CardText(style_="padding: 0 8px"):
                if menu_open.value:  # built when opened: one lever panel at a time
                    EscapeKey.element(on_presses=lambda _: menu_open.set(False))
                    LeverPanel(st, session, "menu")
    return dialog


# ------------------------------------------------------------------------------------------
@solara.component
def LeverPanel(st: TabState, session: Session, where: str = "aside"):
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
        st.start_levers.set(positions)
        st.revision.set(st.revision.value + 1)

    def set_lever(name: str, value: Any):
        st.levers.set({**st.levers.value, name: value})

    with solara.Column(classes=["wijk-sidebar", f"wijk-levers-{where}"], gap="4px"):
        ScenarioFiles(st, session, lang, load, st.problem.set)
        current = st.scenario.value
        # the box names the scenario; say what the levers changed on top of it (always
        # drawn, empty or not: a new element here would rebuild the sliders under it and
        # take the keyboard focus from the one being moved)
        moved = _moved_from_scenario(session, current, levers, lang)
        solara.HTML(tag="div", classes=["lever-help", "wijk-scenario-moved"],
                    unsafe_innerHTML=escape(t("scenario_moved", lang, changes=moved))
                    if moved else "")
        solara.InputInt(t("seed", lang), value=st.seed, continuous_update=False,
                        classes=["wijk-seed"])
        solara.HTML(tag="div", unsafe_innerHTML=escape(t("seed_help", lang)),
                    classes=["lever-help"])
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
                                 levers.get("regime"),
                                 st.start_levers.value.get(lever.name))


def _moved_from_scenario(session: Session, source: str, levers: dict, lang: str) -> str:
    """The levers set away from the scenario's own values, in words ('' if none)."""
    from .i18n import policy_text

    try:
        own = session.lever_positions(source)
    except ScenarioError:
        return ""
    moved = {lever.name: levers[lever.name] for lever in lv.LEVERS
             if lever.name in levers and levers[lever.name] != own.get(lever.name)}
    return policy_text(moved, lang) if moved else ""


@solara.component
def LeverControl(lever: lv.Lever, value: Any, on_value, lang: str, residents: int,
                 compare: bool, regime: str, started_with: Any = None):
    if value is None:
        return solara.Text("")
    disabled = lever.idle_under(regime) and not (compare and lever.tender_only)
    label = t(f"lever_{lever.name}", lang)
    with solara.Column(classes=["lever", f"lever-{lever.name}"], gap="0px") as col:
        if lever.kind == lv.OPTION:
            solara.HTML(tag="div", unsafe_innerHTML=escape(label), classes=["lever-label"])
            solara.ToggleButtonsSingle(
                value=value, on_value=on_value, dense=True,
                children=[solara.Button(t(f"lever_{lever.name}_{c}", lang), value=c)
                          for c in lever.choices])
        elif lever.kind == lv.CHOICE:
            if compare:
                return col
            solara.HTML(tag="div", unsafe_innerHTML=escape(label), classes=["lever-label"])
            solara.ToggleButtonsSingle(
                value=value, on_value=on_value, dense=True,
                children=[solara.Button(t(f"regime_{r}", lang), value=r) for r in lv.REGIMES],
                classes=["wijk-regime"])
        elif lever.kind == lv.SWITCH:
            solara.Switch(label=f"{label}: {show_lever(lever, value, lang)}", value=bool(value),
                          on_value=on_value)
        else:
            shown = show_lever(lever, value, lang)
            note = f" ({t('only_' + lever.only_regime, lang)})" if disabled else ""
            if not lever.live and started_with is not None and value != started_with:
                note += f" ({t('on_restart', lang)})"
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
    zoom = st.zoom.value
    views: Views | None = solara.use_memo(
        lambda: draw(session, lang, colour_by, zoom) if session.wijks else None,
        [version, lang, colour_by, len(session.wijks), zoom])
    busy = st.building.value or not session.wijks
    with solara.Column(classes=["wijk-main"], gap="8px"):
        Intro(lang)
        with solara.Div(classes=["wijk-controls"]):
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
        if views.gap:  # compare mode: the gap in numbers, above the fold
            GapTable(lang, tuple(views.gap), tuple(w.colour for w in views.wijks))
        ColourBy(st, lang, colour_by, legend_html(views.legend))
        charts = tuple((c.name, c.title, c.help, c.better, c.svg, tuple(c.now))
                       for c in views.charts)
        single = len(views.wijks) == 1
        with solara.Div(classes=["wijk-maps"]):
            for w in views.wijks:
                MapCard(w, lang)
            if single:  # one wijk: the charts beside the map
                with solara.Div(classes=["wijk-side"]):
                    ZoomSwitch(st, lang)
                    Charts(lang, charts)
        ClosePlaces(st, session, lang, tuple(
            sorted({i: label for w in views.wijks for i, label, is_open in w.places
                    if is_open}.items())))
        Markers(lang)
        About(lang, "about_map")
        About(lang, "about_timeline")
        if not single:  # two wijks: the charts under the maps, each with both lines
            ZoomSwitch(st, lang)
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
        """Start over: a new wijk from week 0 with the levers as they are now (the builder
        makes it; the same seed gives the same residents and luck)."""
        pause()
        st.start_levers.set(dict(st.levers.value))
        st.restart.set(st.restart.value + 1)

    with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}) as row:
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
    """The map, with a major event's banner in a strip above it (never over a label)."""
    with solara.Column(gap="2px") as col:
        with solara.Div(classes=["wijk-banner-slot"]):
            if banner:
                text, colour = banner
                solara.HTML(tag="div", classes=["wijk-banner"], unsafe_innerHTML=escape(text),
                            style=f"background:{colour}")
        with solara.Div(classes=["wijk-map-box"],
                        attributes={"data-week": str(week), "data-regime": regime}):
            solara.Image(png, format="png", width="100%", classes=["wijk-map"])
            solara.HTML(tag="div", unsafe_innerHTML=overlay,
                        style="position:absolute;left:0;top:0;width:100%;height:100%")
    return col


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
def GapTable(lang: str, rows: tuple, colours: tuple):
    """Compare mode: each wijk's value this week and the gap, for the main outcomes."""
    word_colour = {"better": "#1b7837", "worse": "#b2182b", "small": "#777"}
    head = (f'<tr><th>{escape(t("gap_outcome", lang))}</th>'
            f'<th style="color:{colours[0]}">{escape(t("regime_tender", lang))}</th>'
            f'<th style="color:{colours[1]}">{escape(t("regime_subsidy", lang))}</th>'
            f'<th>{escape(t("gap_diff", lang))}</th><th></th></tr>')
    body = "".join(
        f'<tr data-outcome="{name}"><td>{escape(title)}</td><td>{escape(a)}</td>'
        f'<td>{escape(b)}</td><td style="font-weight:700;color:{word_colour[word]}">'
        f'{escape(diff)}</td><td style="color:{word_colour[word]}">'
        f'{escape(t(f"gap_{word}", lang))}</td></tr>'
        for name, title, a, b, diff, word in rows)
    return solara.HTML(tag="div", classes=["wijk-gap"], unsafe_innerHTML=(
        f'<b>{escape(t("gap_title", lang))}</b><table>{head}{body}</table>'
        f'<div class="lever-help">{escape(t("gap_note", lang))}</div>'))


@solara.component
def ZoomSwitch(st: TabState, lang: str):
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, gap="8px") as row:
        solara.Switch(label=t("zoom", lang), value=st.zoom, classes=["wijk-zoom"])
        solara.HTML(tag="span", classes=["lever-help"],
                    unsafe_innerHTML=escape(t("zoom_help", lang)))
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
    items = "".join(f"<li>{escape(_problem_line(line, lang, kind))}</li>" for line in lines)
    return solara.Error(children=[solara.HTML(
        tag="div", classes=["wijk-problem"],
        unsafe_innerHTML=f"<b>{escape(head)}</b><ul>{items}</ul><div>{escape(fix)}</div>")])


def _problem_line(line, lang: str, kind: str) -> str:
    """A problem in the page's language: a lever combination's problem named by its lever,
    a scenario file's by its file and key."""
    if isinstance(line, str):
        return line
    if kind != "scenario" and any(lever.key == line.key for lever in lv.LEVERS):
        return lever_problem(line, lang)
    return problem_text(line, lang)


@solara.component
def About(lang: str, key: str, **fmt):
    return solara.Details(summary=f'{t("about", lang)} — {t(key + "_title", lang)}',
                          children=[solara.HTML(tag="div", unsafe_innerHTML=escape(
                              t(key, lang, **fmt)), style="font-size:14px;max-width:900px")])
