"""The join-code page: asked before anything else when the app needs a code
(:mod:`wijksim.app.access`). Nothing of the workshop page is made until it is passed."""

from __future__ import annotations

from html import escape

import solara

from .access import Access, Attempts
from .i18n import t


def both(key: str, **fmt) -> str:
    """Dutch and English at once: the language switch lives on the page behind the gate."""
    return f"{t(key, 'nl', **fmt)} / {t(key, 'en', **fmt)}"


@solara.component
def JoinGate(access: Access, admitted: solara.Reactive[bool]):
    code = solara.use_reactive("")
    message = solara.use_reactive("")
    attempts: Attempts = solara.use_memo(Attempts, [])

    def check() -> None:
        wait = attempts.wait_seconds()
        if wait > 0:
            message.set(both("gate_wait", seconds=int(wait) + 1))
            return
        ok = access.check(code.value or "")
        attempts.record(ok)
        if ok:
            admitted.set(True)
        else:
            message.set(both("gate_wrong"))

    solara.Title("wijksim")
    with solara.Column(gap="12px", style={"max-width": "520px", "margin": "60px auto"},
                       classes=["wijk-gate"]) as col:
        solara.HTML(tag="h2", unsafe_innerHTML=escape(both("gate_title")))
        solara.HTML(tag="div", unsafe_innerHTML=escape(both("gate_help")))
        solara.InputText(both("gate_field"), value=code, password=True,
                         continuous_update=True, classes=["wijk-gate-code"])
        solara.Button(both("gate_button"), on_click=check, color="primary",
                      classes=["wijk-gate-button"])
        if message.value:
            solara.Warning(message.value, classes=["wijk-gate-message"])
    return col
