"""What the page shows for a session, drawn in one go: per wijk a map, a timeline, recent
events and a read-back of its settings; and the charts with every wijk's line.

Plain Python (no Solara), so the benchmark times exactly what the page draws
(``benchmarks/bench_app.py``) and tests can check it without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import levers as lv
from . import render
from .i18n import describe_event, event_label, num, pct, show_lever, t, whole
from .session import MAJOR_EVENTS, PLOTTED, Session, Wijk

# chart: outcome, better direction, shown as a share (%)
CHARTS = (
    ("cohesion", "up", False),
    ("vraagverlegenheid", "down", False),
    ("hidden_need_share", "down", True),
    ("wijkkennis", "up", False),
    ("trust", "up", False),
    ("lonely_share", "down", True),
)
assert tuple(c[0] for c in CHARTS) == PLOTTED
# The y-axis of each chart when not zoomed: the outcome's own scale (0-1 scales in full; for
# cohesion and the shares a range that holds every shipped scenario with room to spare), so
# the lines keep their place from week to week and a tiny wobble looks tiny.
CHART_RANGE = {"cohesion": (0.0, 4.0), "vraagverlegenheid": (0.0, 1.0),
               "hidden_need_share": (0.0, 0.10), "wijkkennis": (0.0, 1.0), "trust": (0.0, 1.0),
               "lonely_share": (0.0, 0.6)}
ZOOM_SPAN_THRESHOLDS = 5  # zoomed in, an axis still spans 5x the smallest difference that matters
BANNER_WEEKS = 13  # a major event stays on the map this many weeks (a quarter)


@dataclass
class WijkView:
    regime: str
    title: str
    colour: str
    week: int
    horizon: int
    png: bytes
    overlay: str
    timeline: str
    settings: str
    recent: list[tuple[int, str, str, str]]  # (week, label, text, colour), newest first
    banner: tuple[str, str] | None  # (text, colour) of a major event of the last weeks
    places: list[tuple[int, str, bool]]  # (index, label, open)
    notices: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class ChartView:
    name: str
    title: str
    help: str
    better: str
    svg: str
    now: list[tuple[str, str, str]]  # (wijk title, colour, value as text)


@dataclass
class Views:
    wijks: list[WijkView]
    charts: list[ChartView]
    legend: render.Legend
    week: int
    horizon: int
    gap: list = field(default_factory=list)  # compare mode: gap_rows()


def regime_title(regime: str, lang: str) -> str:
    return t(f"regime_{regime}", lang)


def settings_text(w: Wijk, lang: str, seed: int) -> str:
    """The lever positions as the running model has them (read back from its scenario)."""
    pos = w.settings()
    parts = [regime_title(pos["regime"], lang)]
    for lever in lv.LEVERS:
        if lever.name == "regime" or lever.idle_under(pos["regime"]):
            continue
        parts.append(t(f"short_{lever.name}", lang, v=show_lever(lever, pos[lever.name], lang)))
    parts.append(t("short_seed", lang, v=seed))
    parts.append(t("residents_n", lang, n=whole(w.model.residents.n, lang)))
    return " · ".join(parts)


def place_labels(places, lang: str) -> list[str]:
    """'Café 1', 'Café 2' when a kind occurs more than once, else just 'Buurthuis'."""
    from .i18n import place_name

    kinds = [pl.kind_name for pl in places]
    seen: dict[str, int] = {}
    out = []
    for kind in kinds:
        seen[kind] = seen.get(kind, 0) + 1
        name = place_name(kind, lang)
        out.append(f"{name} {seen[kind]}" if kinds.count(kind) > 1 else name)
    return out


def notices(w: Wijk, lang: str) -> list[str]:
    """Friendly notes on lever combinations that do not work out as asked."""
    m, out = w.model, []
    if not m.team.members and not m.team.vacancies:
        out.append(t("notice_no_staff", lang))
    kinds = ("buurthuis", "huis_van_de_wijk")
    open_now = sum(1 for pl in m.places if pl.kind_name in kinds and pl.open)
    built = sum(1 for pl in m.places if pl.kind_name in kinds)
    if m.week == 0 and built > open_now:
        closed = built - open_now
        key = ("notice_places_closed_only" if built == 1 else
               "notice_places_closed_one" if closed == 1 else "notice_places_closed")
        out.append(t(key, lang, closed=closed, wanted=built))
    return out


def wijk_view(session: Session, w: Wijk, lang: str, colour_by: str,
              v_range: tuple[float, float] | None = None) -> WijkView:
    m = w.model
    if w.painter is None:
        w.painter = render.MapPainter(m)
    which, lut, _ = render.resident_colours(m, colour_by, lang, v_range)
    colour = render.REGIME_COLOUR.get(w.regime, "#555")
    events = w.events()
    major = [e for e in events if e["kind"] in MAJOR_EVENTS]
    recent = [(e["week"], event_label(e["kind"], lang), describe_event(e, lang),
               render.EVENT_STYLE.get(e["kind"], ("#555", ""))[0]) for e in reversed(major[-4:])]
    banner = None
    if major and m.week - major[-1]["week"] <= BANNER_WEEKS:
        e = major[-1]
        banner = (f'{t("week_counter", lang, week=e["week"])}: {event_label(e["kind"], lang)} — '
                  f'{describe_event(e, lang)}',
                  render.EVENT_STYLE.get(e["kind"], ("#555", ""))[0])
    labels = place_labels(m.places, lang)
    seed = session.request.seed if session.request else m.seed
    return WijkView(
        regime=w.regime, title=regime_title(w.regime, lang), colour=colour, week=m.week,
        horizon=m.horizon, png=w.painter.png(which, lut), overlay=render.map_overlay(m, lang),
        timeline=render.timeline_svg(events, m.week, m.horizon, lang, colour),
        settings=settings_text(w, lang, seed), recent=recent, banner=banner,
        places=[(pl.index, labels[k], bool(pl.open)) for k, pl in enumerate(m.places)],
        notices=notices(w, lang), error=w.error)


def min_span(name: str, values) -> float:
    """The narrowest y-axis a zoomed chart may have: a few times the outcome's materiality
    threshold (wijksim.analysis.materiality), at the level of its latest value."""
    from ..analysis.materiality import threshold

    th = threshold(name)
    if th is None or not len(values):
        return 0.0
    return ZOOM_SPAN_THRESHOLDS * th.limit(float(values[-1]))


def gap_rows(session: Session, lang: str) -> list[tuple[str, str, str, str, str, str]]:
    """Compare mode, this week: per main outcome its name, each wijk's value, the difference
    (subsidy minus tendering) and a word on it: better / worse for the subsidy wijk, or
    'small' when the gap is below the outcome's materiality threshold. One run, one week: a
    pointer for the conversation, not an estimate (that needs seeds: wijksim compare)."""
    from ..analysis.materiality import threshold

    if len(session.wijks) != 2:
        return []
    a, b = session.wijks  # tendering, subsidy (lv.COMPARE_REGIMES order)
    rows = []
    for name, better, share in CHARTS:
        va, vb = a.series[name][-1], b.series[name][-1]
        diff = vb - va
        if share:
            shown = [pct(va, lang, 1), pct(vb, lang, 1),
                     f"{'+' if diff >= 0 else '−'}{num(abs(diff) * 100, lang, 1)} "
                     + t("pct_points", lang)]
        else:
            shown = [num(va, lang, 2), num(vb, lang, 2),
                     f"{'+' if diff >= 0 else '−'}{num(abs(diff), lang, 2)}"]
        th = threshold(name)
        if th is not None and not th.is_material(diff, va):
            word = "small"
        else:
            word = "better" if (diff > 0) == (better == "up") else "worse"
        rows.append((name, t(f"chart_{name}", lang), *shown, word))
    return rows


def chart_views(session: Session, lang: str, zoom: bool = False) -> list[ChartView]:
    out = []
    wijks = session.wijks
    k = int(wijks[0].model.p.meeting.lonely_below) if wijks else 4
    horizon = max((w.horizon for w in wijks), default=520)
    for name, better, share in CHARTS:
        series = [render.Series(regime_title(w.regime, lang),
                                render.REGIME_COLOUR.get(w.regime, "#555"),
                                w.weeks, w.series[name], w.events()) for w in wijks]
        now = [(s.label, s.colour, (pct(s.values[-1], lang, 1) if share else
                                    num(s.values[-1], lang, 2)))
               for s in series if len(s.values)]
        span = min_span(name, series[0].values) if series else 0.0
        out.append(ChartView(name, t(f"chart_{name}", lang), t(f"chart_{name}_help", lang, k=k),
                             better, render.chart_svg(name, series, horizon, lang, share,
                                                      CHART_RANGE.get(name), span, zoom), now))
    return out


def draw(session: Session, lang: str, colour_by: str, zoom: bool = False) -> Views:
    """Everything the page shows, under the session lock (never a half-stepped model)."""
    with session.lock:
        v_range = None
        if len(session.wijks) > 1 and colour_by == "vraagverlegenheid":
            v_range = render.shared_v_range([w.model for w in session.wijks])
        wijks = [wijk_view(session, w, lang, colour_by, v_range) for w in session.wijks]
        charts = chart_views(session, lang, zoom)
        if session.wijks:
            _, _, legend = render.resident_colours(session.wijks[0].model, colour_by, lang,
                                                   v_range)
        else:
            legend = render.Legend("", [])
        return Views(wijks, charts, legend, session.week,
                     session.wijks[0].horizon if session.wijks else 0, gap_rows(session, lang))
