"""The workshop app: a wijk in the browser (Solara).

Start it with ``wijksim app`` (see :mod:`wijksim.app.cli`). The parts:

- :mod:`.i18n` — every user-facing text, Dutch and English, in one table;
- :mod:`.levers` — the policy levers shown as sliders and switches, with bounds taken from the
  scenario schema, and how they turn into scenario overrides;
- :mod:`.session` — one browser tab's wijk (or two, in compare mode): building, stepping,
  resetting, the history the plots read. Plain Python, no Solara, so it is unit-tested and
  benchmarked without a browser;
- :mod:`.render` — the map (residents as one raster image, places and professionals as a small
  SVG overlay), the timeline and the charts (SVG), all as bytes/strings;
- :mod:`.page` — the Solara components.

The app imports the model; the model never imports the app.
"""
