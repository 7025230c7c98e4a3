"""Drawing the wijk: the map, the timeline and the charts.

Speed matters here (the app must redraw a workshop-size wijk without visible lag), so nothing
draws one artist per agent:

- **Residents** are one raster image. Each resident is a small disc stamped into a numpy RGB
  array by fancy indexing (the pixel indices of every disc are computed once per wijk), then
  PNG-encoded with Pillow at a low compression level. A 3,000-resident map takes a few ms.
- **Places and professionals** (a handful) are a small SVG drawn over the image, with tooltips.
- **Timeline and charts** are SVG strings (a polyline per series), so the browser draws them
  crisply at any size and they cost well under a millisecond each.

Everything returns bytes or strings; the Solara page only displays them. All user text that
reaches SVG/HTML is escaped.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from html import escape
from typing import Any, Sequence

import numpy as np
from PIL import Image

from ..model.outcomes import hidden_unknown_of, lonely_of
from ..model.residents import CASE, HIDDEN, IN_CARE, NO_NEED, WAITING
from .i18n import describe_event, event_label, num, pct, place_name, reason_text, t

MAP_PX = 640  # target map size in pixels
JITTER_SEED = 20240611  # fixed: a resident's dot stays put from frame to frame

# colours
PARK = (214, 232, 207)
BUILT = (238, 236, 230)
REGIME_COLOUR = {"tender": "#d95f02", "subsidy": "#1b9e77", "populatiebesteding": "#7570b3"}
PLACE_COLOUR = {"buurthuis": "#5e3c99", "library": "#225ea8", "cafe": "#8c510a",
                "playground": "#238b45", "huis_van_de_wijk": "#c51b7d"}
ROLE_COLOUR = {"hulpverlener": "#00838f", "opbouwwerker": "#f9a825"}
EVENT_STYLE = {  # colour, symbol
    "tender_lost": ("#d62728", "▼"), "tender_won": ("#7f7f7f", "▲"),
    "renewal": ("#1b9e77", "●"), "closure": ("#4d4d4d", "✕"),
    "reopening": ("#17becf", "◆"), "budget_cut": ("#8c564b", "€"),
    "programme_start": ("#1f77b4", "▶"), "programme_stop": ("#1f77b4", "■"),
    "heatwave": ("#ff7f0e", "☀"), "crisis": ("#9467bd", "✱"),
    "buurttop": ("#bcbd22", "★"), "initiative_ended": ("#aaaaaa", "|"),
    "staff_left": ("#a0a0a0", "↘"), "policy_change": ("#111111", "✎"),
    "regime_switch": ("#6a3d9a", "⇄"),
    "workshop_round": ("#999999", "▏"),  # a workshop round starts (wijksim workshop)
    # buurtrechten and burgercollectieven (docs/ODD.md 7.11-7.12)
    "transfer": ("#2ca02c", "⌂"), "contract": ("#2ca02c", "✍"),
    "contract_end": ("#7f7f7f", "↩"), "collective_founded": ("#e377c2", "+"),
    "wijkfonds": ("#bcbd22", "¤"), "challenge_won": ("#2ca02c", "✓"),
    "challenge_lost": ("#7f7f7f", "✗"), "task_ended": ("#7f7f7f", "↩"),
}


CHART_SKIP = ("initiative_ended", "staff_left")  # frequent small events: timeline only


def _rgb(hexstr: str) -> tuple[int, int, int]:
    h = hexstr.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


# ------------------------------------------------------------------------------------------
# resident colours
# ------------------------------------------------------------------------------------------
def _ramp(stops: Sequence[str], n: int = 256) -> np.ndarray:
    """A colour lookup table interpolating between hex ``stops``."""
    pts = np.array([_rgb(s) for s in stops], dtype=float)
    x = np.linspace(0, 1, len(stops))
    xs = np.linspace(0, 1, n)
    return np.stack([np.interp(xs, x, pts[:, c]) for c in range(3)], axis=1).astype(np.uint8)


# blue (asks easily) -> pale yellow -> red (never asks); ColorBrewer RdYlBu
V_STOPS = ("#4575b4", "#91bfdb", "#ffffbf", "#fc8d59", "#d73027")
V_LUT = _ramp(V_STOPS)
V_RANGE = (0.2, 0.8)
COLOUR_MODES = ("vraagverlegenheid", "ties", "need", "lonely")


@dataclass
class Legend:
    title: str
    items: list[tuple[str, str]]  # (hex colour, label)
    gradient: tuple[str, ...] = ()  # hex stops for a continuous scale (items: its two ends)


V_LEVELS = 100  # vraagverlegenheid is drawn in this many shades


def shared_v_range(models) -> tuple[float, float]:
    """A colour scale for vraagverlegenheid shared by the maps side by side, tighter than
    V_RANGE: the 5th to 95th percentile of all their residents, widened to whole 0.05 steps
    and at least 0.1 wide. On one scale a gap between the wijks shows as a colour shift."""
    v = np.concatenate([m.residents.v for m in models])
    lo = math.floor(float(np.percentile(v, 5)) * 20) / 20
    hi = math.ceil(float(np.percentile(v, 95)) * 20) / 20
    if hi - lo < 0.1:
        hi = lo + 0.1
    return max(0.0, lo), min(1.0, hi)


def resident_colours(model, mode: str, lang: str, v_range: tuple[float, float] | None = None
                     ) -> tuple[np.ndarray, np.ndarray, Legend]:
    """Per resident a colour index ``which`` into ``lut`` ((k, 3) uint8), and the legend."""
    r = model.residents
    if mode == "vraagverlegenheid":
        lo, hi = v_range or V_RANGE
        which = np.clip((r.v - lo) / (hi - lo), 0, 1) * (V_LEVELS - 1)
        return which.astype(np.int64), _ramp(V_STOPS, V_LEVELS), Legend(
            t("by_vraagverlegenheid_legend", lang),
            [(V_STOPS[0], f"{num(lo, lang, 2 if v_range else 1)} " + t("v_low", lang)),
             (V_STOPS[-1], f"{num(hi, lang, 2 if v_range else 1)} " + t("v_high", lang))],
            V_STOPS)
    if mode == "ties":
        good = model.ties.n_good
        k = int(model.p.meeting.lonely_below)
        bins = [("#d73027", t("ties_0", lang)),
                ("#fc8d59", f"1–{k - 1}" if k > 2 else "1"),
                ("#91bfdb", f"{k}–{k + 2}"),
                ("#4575b4", f"{k + 3}+")]
        which = np.select([good == 0, good < k, good < k + 3], [0, 1, 2], 3)
        return which, _lut(c for c, _ in bins), Legend(t("by_ties_legend", lang), bins)
    if mode == "need":
        which = need_categories(model)
        cats = [(NO_NEED, "#cfd8dc", "need_none"), (HIDDEN, "#d62728", "need_hidden"),
                (KNOWN_TO_TIES, "#f7a8a8", "need_known_ties"),
                (WAITING, "#ff9800", "need_waiting"), (CASE, "#1f77b4", "need_case"),
                (IN_CARE, "#7b1fa2", "need_in_care")]
        lut = np.zeros((max(c for c, _, _ in cats) + 1, 3), dtype=np.uint8)
        for code, colour, _ in cats:
            lut[code] = _rgb(colour)
        counts = np.bincount(which, minlength=len(lut))
        return which, lut, Legend(
            t("by_need_legend", lang),
            [(c, f"{t(key, lang)} ({pct(counts[code] / r.n, lang, 1)})")
             for code, c, key in cats])
    if mode == "lonely":
        k = int(model.p.meeting.lonely_below)
        which = lonely_categories(model)
        adults = max(1, int((r.age > 0).sum()))
        share = float((which == 0).sum()) / adults
        items = [("#d62728", f'{t("lonely_yes", lang)} ({pct(share, lang, 1)})'),
                 ("#9ecae1", t("lonely_no", lang)), ("#e0e0e0", t("lonely_youth", lang))]
        return which, _lut(c for c, _ in items), Legend(t("by_lonely_legend", lang, k=k), items)
    raise ValueError(f"unknown colour mode {mode!r}; one of {COLOUR_MODES}")


KNOWN_TO_TIES = 5  # map category: a hidden problem a tie knows about (no professional does)


def need_categories(model) -> np.ndarray:
    """Per resident the map's problem category: the model's need status, with a hidden
    problem split by :func:`~wijksim.model.outcomes.hidden_unknown_of`, the function the
    ``hidden_need_share`` outcome counts with: red on the map is exactly that share."""
    r = model.residents
    which = r.status.astype(np.int64)
    unknown = hidden_unknown_of(r.status, r.voiced.astype(np.uint8))
    which[(r.status == HIDDEN) & ~unknown] = KNOWN_TO_TIES
    return which


def lonely_categories(model) -> np.ndarray:
    """0 lonely, 1 not lonely, 2 young (not counted), by the outcome's own
    :func:`~wijksim.model.outcomes.lonely_of` (good contacts in the wijk and elsewhere)."""
    r = model.residents
    lonely = lonely_of(model.ties.n_good, r.friends_elsewhere, int(model.p.meeting.lonely_below))
    return np.where(r.age == 0, 2, np.where(lonely, 0, 1))


def _lut(colours) -> np.ndarray:
    return np.array([_rgb(c) for c in colours], dtype=np.uint8)


# ------------------------------------------------------------------------------------------
# the map
# ------------------------------------------------------------------------------------------
_BG = 4  # palette entries 0..3: park, built, and their grid lines; then fills, then edges


class MapPainter:
    """Draws one wijk's residents as a palette PNG. Made once per model; the layout never
    changes (a newcomer moves into the home of the resident who left, under the same index).
    """

    def __init__(self, model, px: int = MAP_PX):
        r = model.residents
        self.side = side = int(model.side)
        self.cell = cell = max(8, px // side)
        self.size = cell * side
        occupied = np.zeros((side, side), dtype=np.uint8)
        occupied[r.y, r.x] = 1
        bg = np.repeat(np.repeat(occupied, cell, axis=0), cell, axis=1)
        bg[::cell, :] += 2  # grid lines
        bg[:, ::cell] = np.where(bg[:, ::cell] < 2, bg[:, ::cell] + 2, bg[:, ::cell])
        self.background = bg
        rng = np.random.default_rng(JITTER_SEED)
        margin = 0.14
        self.jx = (r.x + margin + (1 - 2 * margin) * rng.random(r.n)) * cell
        self.jy = (r.y + margin + (1 - 2 * margin) * rng.random(r.n)) * cell
        rad = max(1.6, cell * 0.085)
        self.dot_radius = rad
        self.outline = self._stamp(rad + 1.0)
        self.fill = self._stamp(rad)

    def _stamp(self, radius: float) -> np.ndarray:
        """Flat pixel indices of a disc around every resident, shape (n, k)."""
        k = int(math.ceil(radius))
        dy, dx = np.mgrid[-k:k + 1, -k:k + 1]
        keep = dx ** 2 + dy ** 2 <= radius ** 2 + 0.25
        dx, dy = dx[keep], dy[keep]
        px = np.clip(np.rint(self.jx)[:, None].astype(np.int64) + dx[None, :], 0, self.size - 1)
        py = np.clip(np.rint(self.jy)[:, None].astype(np.int64) + dy[None, :], 0, self.size - 1)
        return py * self.size + px

    def indexed(self, which: np.ndarray, n_colours: int) -> np.ndarray:
        """The map as palette indices (size x size uint8)."""
        img = self.background.copy()
        flat = img.reshape(-1)
        which = np.asarray(which, dtype=np.uint8)
        flat[self.outline.ravel()] = np.repeat(which + _BG + n_colours, self.outline.shape[1])
        flat[self.fill.ravel()] = np.repeat(which + _BG, self.fill.shape[1])
        return img

    @staticmethod
    def palette(lut: np.ndarray) -> np.ndarray:
        park_line = tuple(int(c * 0.95) for c in PARK)
        built_line = tuple(int(c * 0.95) for c in BUILT)
        edges = (lut.astype(float) * 0.62).astype(np.uint8)
        return np.concatenate([np.array([PARK, BUILT, park_line, built_line], np.uint8),
                               lut, edges])

    def png(self, which: np.ndarray, lut: np.ndarray) -> bytes:
        if _BG + 2 * len(lut) > 256:
            raise ValueError("too many colours for a palette image")
        im = Image.fromarray(self.indexed(which, len(lut)), mode="P")
        im.putpalette(self.palette(lut).tobytes())
        buf = io.BytesIO()
        im.save(buf, format="png", compress_level=1)
        return buf.getvalue()

    def rgb(self, which: np.ndarray, lut: np.ndarray) -> np.ndarray:
        """The map as an RGB array (for tests and screenshots)."""
        return self.palette(lut)[self.indexed(which, len(lut))]


def professional_positions(model) -> list[tuple[float, float, int]]:
    """Where to draw each professional (cell units) and how many residents know and trust
    them: the mean home of those residents, or next to the first buurthuis if nobody does."""
    r = model.residents
    members = list(model.team.members)
    if not members:
        return []
    uids = np.array([p.unique_id for p in members])
    trusted = (r.prof_link >= 0) & (r.prof_trust >= 0.3)
    link = r.prof_link[trusted]
    order = np.argsort(uids)
    pos = np.minimum(np.searchsorted(uids[order], link), len(uids) - 1)
    ok = uids[order][pos] == link  # links to someone who left are ignored
    which = order[pos[ok]]
    xs, ys = r.x[trusted][ok] + 0.5, r.y[trusted][ok] + 0.5
    cnt = np.bincount(which, minlength=len(members))
    sx = np.bincount(which, weights=xs, minlength=len(members))
    sy = np.bincount(which, weights=ys, minlength=len(members))
    base = next((pl for pl in model.places if pl.kind_name in ("buurthuis", "huis_van_de_wijk")),
                None)
    bx, by = (base.x + 0.5, base.y + 0.5) if base is not None else (model.side / 2,) * 2
    out = []
    for k in range(len(members)):
        if cnt[k] > 0:
            out.append((sx[k] / cnt[k], sy[k] / cnt[k], int(cnt[k])))
        else:  # new: nobody knows them yet; they start from the buurthuis
            ang = 2 * math.pi * k / max(1, len(members))
            out.append((bx + 1.1 * math.cos(ang), by + 1.1 * math.sin(ang) + 0.2, 0))
    return out


def map_overlay(model, lang: str) -> str:
    """SVG drawn over the resident image: places (with reach) and professionals."""
    side = model.side
    parts = [f'<svg class="wijk-overlay" viewBox="0 0 {side} {side}" '
             f'preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg" '
             f'style="position:absolute;left:0;top:0;width:100%;height:100%">']
    fs = max(0.38, side / 38)  # label size in cell units
    places = model.places
    # reach first, under everything
    for pl in places:
        if pl.open:
            c = PLACE_COLOUR.get(pl.kind_name, "#555")
            parts.append(f'<circle cx="{pl.x + .5}" cy="{pl.y + .5}" r="{pl.reach:.2f}" '
                         f'fill="{c}" fill-opacity="0.035" stroke="{c}" stroke-opacity="0.35" '
                         f'stroke-width="{side / 400:.3f}" stroke-dasharray="{side / 120:.3f}"/>')
    labels: list[str] = []  # drawn last, over the professionals
    for pl in places:
        name = place_name(pl.kind_name, lang)
        c = PLACE_COLOUR.get(pl.kind_name, "#555") if pl.open else "#9e9e9e"
        fill_share = min(1.0, pl.visitors / max(pl.capacity, 1.0))
        s = (0.55 + 0.75 * math.sqrt(fill_share)) if pl.open else 0.6
        s *= max(1.0, side / 22)
        x0, y0 = pl.x + 0.5 - s / 2, pl.y + 0.5 - s / 2
        state = t("place_open", lang) if pl.open else t("place_closed", lang)
        tip = f"{name} — {state}"
        if pl.open:
            tip += "; " + t("visitors_week", lang, n=int(pl.visitors))
            tip += "; " + t("reach", lang, m=int(round(pl.reach * 50)))
        elif pl.closed_reason:
            tip += f" ({reason_text(pl.closed_reason, lang)})"
        parts.append(f'<g class="place" data-index="{pl.index}" data-kind="{pl.kind_name}" '
                     f'data-open="{int(pl.open)}">'
                     f'<title>{escape(tip)}</title>'
                     f'<rect x="{x0:.3f}" y="{y0:.3f}" width="{s:.3f}" height="{s:.3f}" '
                     f'rx="{s * 0.18:.3f}" fill="{c}" stroke="#fff" '
                     f'stroke-width="{s * 0.08:.3f}"/>')
        if not pl.open:
            d = s * 0.28
            cx, cy = pl.x + 0.5, pl.y + 0.5
            parts.append(f'<path d="M{cx - d},{cy - d}L{cx + d},{cy + d}M{cx - d},{cy + d}'
                         f'L{cx + d},{cy - d}" stroke="#fff" stroke-width="{s * 0.1:.3f}"/>')
        label = name if pl.open else f"{name} ({state})"
        ty = pl.y + 0.5 + s / 2 + fs * 1.05  # under the marker, or above it at the bottom
        if ty > side - 0.15:
            ty = pl.y + 0.5 - s / 2 - fs * 0.35
        half = len(label) * fs * 0.36  # about half the width of the bold label
        tx = min(max(pl.x + 0.5, half), side - half)
        parts.append("</g>")
        labels.append(f'<text x="{tx:.3f}" y="{ty:.3f}" font-size="{fs:.3f}" '
                      f'text-anchor="middle" font-family="DejaVu Sans, sans-serif" '
                      f'font-weight="bold" fill="#222" stroke="#fff" '
                      f'stroke-width="{fs * 0.22:.3f}" paint-order="stroke" '
                      f'pointer-events="none">{escape(label)}</text>')
    # professionals
    d = 0.42 * max(1.0, side / 22)
    for prof, (x, y, n) in zip(model.team.members, professional_positions(model)):
        role = prof.role
        c = ROLE_COLOUR.get(role, "#333")
        tip = t("prof_tip", lang, role=t(role, lang), provider=prof.provider.name,
                wk=num(prof.wijkkennis, lang), years=num(prof.tenure_weeks / 52, lang, 1), n=n)
        op = 0.35 + 0.65 * float(prof.wijkkennis)
        parts.append(f'<g class="professional" data-role="{role}"><title>{escape(tip)}</title>'
                     f'<path d="M{x:.3f},{y - d:.3f}L{x + d:.3f},{y:.3f}L{x:.3f},{y + d:.3f}'
                     f'L{x - d:.3f},{y:.3f}Z" fill="{c}" fill-opacity="{op:.2f}" '
                     f'stroke="#222" stroke-width="{d * 0.16:.3f}"/></g>')
    parts.extend(labels)
    parts.append("</svg>")
    return "".join(parts)


# ------------------------------------------------------------------------------------------
# timeline
# ------------------------------------------------------------------------------------------
def timeline_svg(events: list[dict[str, Any]], week: int, horizon: int, lang: str,
                 colour: str = "#555") -> str:
    """The run as a bar: time passed filled, events marked with their symbol and tooltip."""
    W, H, L, R = 600, 58, 12, 12
    span = W - L - R
    years = max(1, horizon // 52)

    def xof(wk: float) -> float:
        return L + span * min(max(wk, 0), horizon) / max(horizon, 1)

    parts = [f'<svg class="wijk-timeline" viewBox="0 0 {W} {H}" width="100%" '
             f'xmlns="http://www.w3.org/2000/svg" data-week="{week}" '
             f'font-family="DejaVu Sans, sans-serif">',
             f'<rect x="{L}" y="24" width="{span}" height="10" rx="5" fill="#e6e6e6"/>',
             f'<rect x="{L}" y="24" width="{xof(week) - L:.1f}" height="10" rx="5" '
             f'fill="{colour}" fill-opacity="0.55"/>']
    step = 1 if years <= 12 else 2 if years <= 24 else 5
    for y in range(0, years + 1, step):
        x = xof(52 * y)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="34" y2="40" stroke="#999"/>'
                     f'<text x="{x:.1f}" y="52" font-size="11" text-anchor="middle" '
                     f'fill="#666">{y}</text>')
    parts.append(f'<text x="{W - R}" y="14" font-size="11" text-anchor="end" fill="#666">'
                 f'{escape(t("years_axis", lang))} →</text>')
    for ev in events:
        kind = ev["kind"]
        colour_k, sym = EVENT_STYLE.get(kind, ("#555", "?"))
        x = xof(ev["week"])
        tip = (f'{t("week_counter", lang, week=ev["week"])}: {event_label(kind, lang)} — '
               f'{describe_event(ev, lang)}')
        if kind == "initiative_ended":
            parts.append(f'<g class="event minor" data-kind="{kind}"><title>{escape(tip)}</title>'
                         f'<line x1="{x:.1f}" x2="{x:.1f}" y1="35" y2="41" stroke="#aaa" '
                         f'stroke-width="2"/></g>')
            continue
        parts.append(f'<g class="event" data-kind="{kind}"><title>{escape(tip)}</title>'
                     f'<line x1="{x:.1f}" x2="{x:.1f}" y1="17" y2="34" stroke="{colour_k}" '
                     f'stroke-width="2"/>'
                     f'<text x="{x:.1f}" y="15" font-size="14" text-anchor="middle" '
                     f'fill="{colour_k}">{sym}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


# ------------------------------------------------------------------------------------------
# charts
# ------------------------------------------------------------------------------------------
@dataclass
class Series:
    label: str
    colour: str
    weeks: Sequence[int]
    values: Sequence[float]
    events: Sequence[dict[str, Any]] = ()


def _nice_range(lo: float, hi: float) -> tuple[float, float, list[float]]:
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = 0.0, 1.0
    if hi - lo < 1e-9:
        pad = max(abs(hi) * 0.05, 0.01)
        lo, hi = lo - pad, hi + pad
    pad = (hi - lo) * 0.12
    lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / 4
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    v = start
    while v <= hi + 1e-12:
        if v >= lo - 1e-12:
            ticks.append(round(v, 10))
        v += step
    return lo, hi, ticks


def _tick_digits(ticks: Sequence[float]) -> int:
    """Decimals needed to tell the ticks apart (0.25 steps -> 2, 0.5 -> 1, 5 -> 0)."""
    if len(ticks) < 2:
        return 2
    step = abs(ticks[1] - ticks[0])
    for d in range(0, 8):
        if abs(round(step * 10 ** d) - step * 10 ** d) < 1e-6:
            return d
    return 8


def y_scale(vals: np.ndarray, fixed: tuple[float, float] | None, min_span: float = 0.0,
            zoom: bool = False) -> tuple[float, float, list[float]]:
    """The y-axis of a chart. Without zoom: the outcome's own sensible range ``fixed``
    (stretched if a value falls outside), so a wobble in the third decimal stays flat. With
    zoom: fitted to the data, but never narrower than ``min_span`` (a few times the smallest
    difference that matters), so noise is never blown up to fill the chart."""
    dlo = float(vals.min()) if vals.size else 0.0
    dhi = float(vals.max()) if vals.size else 1.0
    if fixed is not None and not zoom:
        lo, hi = min(fixed[0], dlo), max(fixed[1], dhi)
        _, _, ticks = _nice_range(lo, hi)
        ticks = [v for v in ticks if lo - 1e-12 <= v <= hi + 1e-12]
        return lo, hi, ticks
    if dhi - dlo < min_span:
        mid = (dhi + dlo) / 2
        dlo, dhi = mid - min_span / 2, mid + min_span / 2
        if fixed is not None and dlo < fixed[0] <= mid:  # keep a floor of 0 where it is one
            dlo, dhi = fixed[0], fixed[0] + min_span
    return _nice_range(dlo, dhi)


def chart_svg(name: str, series: Sequence[Series], horizon: int, lang: str,
              share: bool = False, fixed: tuple[float, float] | None = None,
              min_span: float = 0.0, zoom: bool = False) -> str:
    """A small line chart; x = years 0..horizon, y on the outcome's own range (or zoomed, see
    :func:`y_scale`). Event marks are vertical lines in each series' colour, with a tooltip."""
    W, H, L, R, T, B = 340, 150, 46, 10, 10, 22
    pw, ph = W - L - R, H - T - B
    vals = np.concatenate([np.asarray(s.values, dtype=float) for s in series] or [np.zeros(0)])
    vals = vals[np.isfinite(vals)]
    lo, hi, ticks = y_scale(vals, fixed, min_span, zoom)
    years = max(1, horizon // 52)

    def xof(wk: float) -> float:
        return L + pw * min(max(wk, 0), horizon) / max(horizon, 1)

    def yof(v: float) -> float:
        return T + ph * (1 - (v - lo) / (hi - lo))

    digits = _tick_digits(ticks)

    def fmt(v: float) -> str:
        if share:
            return pct(v, lang, max(0, digits - 2))
        return num(v, lang, digits)

    parts = [f'<svg class="wijk-chart" data-outcome="{name}" data-lo="{lo:g}" data-hi="{hi:g}" '
             f'viewBox="0 0 {W} {H}" '
             f'width="100%" xmlns="http://www.w3.org/2000/svg" '
             f'font-family="DejaVu Sans, sans-serif" font-size="10">',
             f'<rect x="{L}" y="{T}" width="{pw}" height="{ph}" fill="#fafafa" stroke="#ddd"/>']
    for v in ticks:
        y = yof(v)
        parts.append(f'<line x1="{L}" x2="{L + pw}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e8e8e8"/>'
                     f'<text x="{L - 4}" y="{y + 3:.1f}" text-anchor="end" fill="#666">'
                     f'{fmt(v)}</text>')
    step = 1 if years <= 12 else 2 if years <= 24 else 5
    for y in range(0, years + 1, step):
        x = xof(52 * y)
        parts.append(f'<text x="{x:.1f}" y="{H - 8}" text-anchor="middle" fill="#666">{y}</text>')
    parts.append(f'<text x="{L + pw}" y="{H - 0.5}" text-anchor="end" fill="#999" '
                 f'font-size="9">{escape(t("years_axis", lang))}</text>')
    for s in series:
        for ev in s.events:
            if ev["kind"] in CHART_SKIP:
                continue
            colour_k, sym = EVENT_STYLE.get(ev["kind"], ("#555", "?"))
            x = xof(ev["week"])
            tip = (f'{s.label}, {t("week_counter", lang, week=ev["week"])}: '
                   f'{event_label(ev["kind"], lang)} — {describe_event(ev, lang)}')
            parts.append(f'<g class="event" data-kind="{ev["kind"]}"><title>{escape(tip)}'
                         f'</title><line x1="{x:.1f}" x2="{x:.1f}" y1="{T}" y2="{T + ph}" '
                         f'stroke="{colour_k}" stroke-width="1.2" stroke-dasharray="3 2" '
                         f'stroke-opacity="0.8"/><text x="{x:.1f}" y="{T + 9}" '
                         f'text-anchor="middle" font-size="9" fill="{colour_k}">{sym}</text></g>')
    for s in series:
        if not len(s.values):
            continue
        wk = np.asarray(s.weeks, dtype=float)
        vv = np.asarray(s.values, dtype=float)
        if len(vv) > 2 * pw:  # about two points per unit of width is as fine as it gets
            keep = np.unique(np.linspace(0, len(vv) - 1, 2 * pw).astype(int))
            wk, vv = wk[keep], vv[keep]
        ok = np.isfinite(vv)
        xy = np.empty(2 * int(ok.sum()))
        xy[0::2] = L + pw * np.clip(wk[ok], 0, horizon) / max(horizon, 1)
        xy[1::2] = T + ph * (1 - (vv[ok] - lo) / (hi - lo))
        pts = " ".join(map(str, np.round(xy, 1).tolist()))
        parts.append(f'<polyline points="{pts}" fill="none" stroke="{s.colour}" '
                     f'stroke-width="2" stroke-linejoin="round"><title>{escape(s.label)}'
                     f'</title></polyline>')
        if math.isfinite(vv[-1]):
            parts.append(f'<circle cx="{xof(wk[-1]):.1f}" cy="{yof(vv[-1]):.1f}" r="3" '
                         f'fill="{s.colour}"/>')
    parts.append("</svg>")
    return "".join(parts)


def legend_html(legend: Legend) -> str:
    """The map's colour key as HTML."""
    if legend.gradient:
        grad = ", ".join(legend.gradient)
        lo, hi = legend.items[0][1], legend.items[-1][1]
        body = (f'<span class="wijk-legend-end">{escape(lo)}</span>'
                f'<span style="display:inline-block;width:140px;height:12px;border-radius:6px;'
                f'background:linear-gradient(90deg,{grad});margin:0 8px;vertical-align:middle">'
                f'</span><span class="wijk-legend-end">{escape(hi)}</span>')
    else:
        body = " ".join(f'<span style="white-space:nowrap;margin-right:12px">'
                        f'<span style="display:inline-block;width:11px;height:11px;'
                        f'border-radius:6px;background:{c};border:1px solid rgba(0,0,0,.35);'
                        f'vertical-align:middle;margin-right:4px"></span>{escape(label)}</span>'
                        for c, label in legend.items)
    return (f'<div class="wijk-legend" style="font-size:13px;line-height:1.9">'
            f'<b>{escape(legend.title)}</b><br>{body}</div>')


def markers_html(lang: str) -> str:
    """Key to places and professionals on the map."""
    items = []
    for kind, colour in PLACE_COLOUR.items():
        items.append(f'<span style="white-space:nowrap;margin-right:10px">'
                     f'<span style="display:inline-block;width:11px;height:11px;border-radius:2px;'
                     f'background:{colour};vertical-align:middle;margin-right:4px"></span>'
                     f'{escape(place_name(kind, lang))}</span>')
    items.append('<span style="white-space:nowrap;margin-right:10px">'
                 '<span style="display:inline-block;width:11px;height:11px;border-radius:2px;'
                 'background:#9e9e9e;vertical-align:middle;margin-right:4px"></span>'
                 f'{escape(t("place_closed", lang))}</span>')
    profs = []
    for role, colour in ROLE_COLOUR.items():
        profs.append(f'<span style="white-space:nowrap;margin-right:10px">'
                     f'<span style="display:inline-block;width:9px;height:9px;'
                     f'transform:rotate(45deg);background:{colour};border:1px solid #222;'
                     f'vertical-align:middle;margin:0 6px 0 2px"></span>'
                     f'{escape(t(role, lang))}</span>')
    return (f'<div style="font-size:12px;line-height:1.9;color:#333">'
            f'<b>{escape(t("legend_places", lang))}:</b> {" ".join(items)}<br>'
            f'<b>{escape(t("legend_profs", lang))}:</b> {" ".join(profs)}</div>')
