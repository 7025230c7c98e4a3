"""The debrief report: one self-contained HTML file made from the session's record.

It shows the wijk's main charts over the whole session with a mark at every round and every
decision, the map at the end, each round's headline numbers (start, end, change) and the
decision timeline (who, role, round, week, what changed). Decisions undone by going back to an
earlier round are listed apart, greyed: what was tried is part of the conversation.

Everything typed by a participant (names) is escaped; the file is written atomically into the
session folder under a fixed name, never a name anyone typed.
"""

from __future__ import annotations

import base64
import time
from html import escape
from pathlib import Path

from ..app.i18n import num, pct, t
from ..files import write_bytes_atomic
from . import roles as rl
from . import words  # noqa: F401 - registers the texts

SHARES = ("hidden_need_share", "lonely_share")


def _fmt(name: str, value: float, lang: str) -> str:
    return pct(value, lang, 1) if name in SHARES else num(value, lang, 2)


def _value(v, lang: str) -> str:
    """A recorded value as the pages show it: a bewoner's on/off as ja/nee (yes/no)."""
    if str(v) in ("True", "False"):
        return {"True": ("ja", "yes"), "False": ("nee", "no")}[str(v)][lang != "nl"]
    return str(v)


def _lever_label(lever: str, lang: str) -> str:
    if lever.startswith("place_"):
        return f"{t('ws_places', lang)} #{lever.split('_', 1)[1]}"
    pair = rl.BY_LEVER.get(lever)
    return pair[1].label(lang) if pair else lever


def debrief_html(session, lang: str = "nl") -> str:
    """The report for ``session`` (a WorkshopSession) in ``lang``."""
    from ..app.views import draw
    from .session import COLOUR_BY, HEADLINE

    with session.lock:
        views = draw(session.app_session, lang, COLOUR_BY)
        rounds = session.rounds()
        current = session.decisions()
        every = session.decisions(all_branches=True)
        cfg = session.config
    undone = [d for d in every if d not in current]
    png = base64.b64encode(views.wijks[0].png).decode() if views.wijks else ""
    charts = "".join(f'<div class="chart"><h3>{escape(c.title)}</h3>{c.svg}</div>'
                     for c in views.charts)
    head = "".join(f"<th>{escape(t('o_' + k, lang))}</th>" for k in HEADLINE)
    round_rows = []
    for r in rounds:
        cells = []
        for k in HEADLINE:
            a, b = float(r[f"{k}_start"]), float(r[k])
            cells.append(f"<td>{_fmt(k, a, lang)} → <b>{_fmt(k, b, lang)}</b></td>")
        round_rows.append(f"<tr><td>{int(r['round'])}</td><td>{int(r['week_start'])}–"
                          f"{int(r['week_end'])}</td><td>{int(r['decisions'])}</td>"
                          + "".join(cells) + "</tr>")

    def rows(ds):
        out = []
        for d in ds:
            role = rl.BY_ROLE.get(str(d["role"]))
            out.append(f"<tr><td>{int(d['round'])}</td><td>{int(d['week'])}</td>"
                       f"<td>{escape(str(d['name']))}</td>"
                       f"<td>{escape(role.title(lang) if role else str(d['role']))}</td>"
                       f"<td>{escape(_lever_label(str(d['lever']), lang))}</td>"
                       f"<td>{escape(_value(d['old'], lang))}</td>"
                       f"<td>{escape(_value(d['new'], lang))}</td></tr>")
        return "".join(out)

    dec_head = ("<tr><th>ronde</th><th>week</th><th>wie</th><th>rol</th><th>knop</th>"
                "<th>was</th><th>werd</th></tr>" if lang == "nl" else
                "<tr><th>round</th><th>week</th><th>who</th><th>role</th><th>lever</th>"
                "<th>was</th><th>became</th></tr>")
    nl = lang == "nl"
    title = "Nabespreking" if nl else "Debrief"
    undone_html = (f"<h2>{'Teruggedraaid' if nl else 'Undone by going back'}</h2>"
                   f'<table class="undone">{dec_head}{rows(undone)}</table>' if undone else "")
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>wijksim — {title}</title><style>
body {{ font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1200px; }}
table {{ border-collapse: collapse; margin: 8px 0 20px 0; font-size: 14px; }}
td, th {{ border: 1px solid #ccc; padding: 3px 8px; text-align: left; }}
.charts {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }}
.chart svg {{ width: 100%; height: auto; }} .chart h3 {{ font-size: 15px; margin: 0; }}
.undone {{ color: #888; }} img {{ width: 420px; }}
</style></head><body>
<h1>wijksim — {title}</h1>
<p>{escape(cfg.scenario)}, seed {cfg.seed}, {cfg.residents} {'bewoners' if nl else 'residents'},
{len(rounds)} {'rondes' if nl else 'rounds'}; {'gemaakt' if nl else 'made'}
{time.strftime('%Y-%m-%d %H:%M')}. {escape(t('ws_week', lang, week=views.week))}.</p>
<h2>{'De wijk' if nl else 'The wijk'}</h2><div class="charts">{charts}</div>
{f'<img alt="map" src="data:image/png;base64,{png}">' if png else ''}
<h2>{'Rondes' if nl else 'Rounds'}</h2>
<table><tr><th>{'ronde' if nl else 'round'}</th><th>{'weken' if nl else 'weeks'}</th>
<th>{'keuzes' if nl else 'choices'}</th>{head}</tr>{''.join(round_rows)}</table>
<h2>{'Alle keuzes' if nl else 'Every decision'}</h2><table>{dec_head}{rows(current)}</table>
{undone_html}
<p style="color:#777;font-size:12px">{'Eén wijk, één toevalsreeks: een aanleiding voor het '
'gesprek, geen schatting. Verschillen tussen regimes schat je met wijksim compare over '
'meerdere seeds.' if nl else 'One wijk, one random sequence: a starting point for the '
'conversation, not an estimate. Differences between regimes are estimated with wijksim '
'compare over several seeds.'}</p>
</body></html>"""


def write_debrief(session, lang: str = "nl") -> Path:
    """Write ``debrief-<lang>.html`` into the session folder; return its path."""
    path = Path(session.folder) / f"debrief-{'nl' if lang == 'nl' else 'en'}.html"
    write_bytes_atomic(debrief_html(session, lang).encode(), path)
    return path
