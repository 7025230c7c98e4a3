"""The page's scenario field: pick a scenario from a list, reload it, or upload its text.

There is no path field: the list holds the shipped scenarios and the files of the folder
named with ``wijksim app --scenarios DIR`` (:mod:`wijksim.app.sources`), and a scenario
that lives elsewhere is dropped on the page or pasted as text. Whatever goes wrong is shown
in the tab's problem box (in the user's language, without server paths), never as a
traceback.
"""

from __future__ import annotations

from html import escape
from typing import Callable

import solara

from ..scenario import ScenarioError
from ..scenario.tomlfile import MAX_BYTES
from .i18n import scenario_description, t
from .sources import OWN, START, UPLOAD, page_problems


def item_label(session, key: str, lang: str) -> str:
    """What the list shows for a scenario key (a name, never a server path)."""
    if key.startswith(UPLOAD):
        return f"{t('scenario_uploaded', lang)}"
    shown = key.split(":", 1)[1] if key.startswith((OWN, START)) else key
    prefix = f"{t('scenario_own', lang)}: " if key.startswith((OWN, START)) else ""
    try:
        scen = session.base(key)
        desc = scenario_description(key, scen.meta, scen.description, lang)
    except Exception:  # noqa: BLE001 - a broken file is listed; loading it says what is wrong
        desc = ""
    return f"{prefix}{shown} — {desc}" if desc else f"{prefix}{shown}"


@solara.component
def ScenarioFiles(st, session, lang: str, load: Callable[[str], None],
                  show_problem: Callable[[tuple[str, list[str]]], None]):
    """The scenario list, Load (reads the chosen file again), and the upload fields."""
    text = solara.use_reactive("")
    tried = solara.use_reactive("")  # the last one picked or uploaded, loaded or not

    def pick(key: str) -> None:
        tried.set(key)
        load(key)
    names = session.scenarios()
    current = st.scenario.value
    keys = names + ([current] if current not in names else [])
    items = [{"text": item_label(session, k, lang), "value": k} for k in keys]

    def fail(exc: BaseException) -> None:
        show_problem(("scenario", page_problems(session.sources, exc)))

    def upload(data: bytes | str) -> None:
        try:
            key = session.sources.add_upload(data)
        except Exception as exc:  # noqa: BLE001 - too large: said on the page
            fail(exc)
            return
        pick(key)

    def on_file(info) -> None:  # runs in Solara's upload thread: nothing may escape it
        try:
            if int(info.get("size") or 0) > MAX_BYTES:
                raise ScenarioError([_too_large(info)])
            upload(info["file_obj"].read(MAX_BYTES + 1))
        except Exception as exc:  # noqa: BLE001
            fail(exc)

    def load_text() -> None:
        if not (text.value or "").strip():
            show_problem(("scenario", [t("no_text", lang)]))
            return
        upload(text.value)

    with solara.Column(gap="4px", classes=["wijk-scenario-files"]) as col:
        solara.v.Select(label=t("scenario", lang), items=items, v_model=current,
                        on_v_model=pick, class_="wijk-scenario", dense=True,
                        hide_details=True)
        solara.Button(t("reload", lang),  # reads the last picked file anew, after an edit
                      on_click=lambda: load(tried.value or st.scenario.value),
                      outlined=True, color="primary", classes=["wijk-load"],
                      style={"align-self": "flex-start"})
        solara.HTML(tag="div", classes=["lever-help"],
                    unsafe_innerHTML=escape(t("own_files_hint", lang)))
        solara.FileDrop(label=t("drop_file", lang), on_file=on_file, lazy=True)
        with solara.Div(classes=["wijk-upload-text"]):
            solara.InputTextArea(t("paste_file", lang), value=text, continuous_update=True,
                                 rows=3, auto_grow=False)
        solara.Button(t("load_text", lang), on_click=load_text, outlined=True,
                      color="primary", classes=["wijk-load-text"],
                      style={"align-self": "flex-start"})
    return col


def _too_large(info):
    from ..scenario.errors import Problem

    return Problem(str(info.get("name", "file"))[-60:], "", "", "", (
        f"is larger than {MAX_BYTES // 1000} kB; a scenario file is a few kB"),
        show_value=False)
