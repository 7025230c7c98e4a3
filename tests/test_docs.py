"""Documentation kept in step with the code: generated key reference, cited passages."""

import re
from pathlib import Path

from wijksim.scenario import KEYS, SECTIONS
from wijksim.scenario.reference import render
from wijksim.scenario.schema import ASSUMPTION, CALIBRATED, LITERATURE

ROOT = Path(__file__).parents[1]
CITE = re.compile(r"\b\d{3}-[A-Za-z0-9]+-[A-Za-z0-9-]+|\b\d{3}-voorwoord")


def cited(text: str) -> list[str]:
    """Passage IDs cited in square brackets, e.g. [004-H1-utrecht, 004-H8-overhead]."""
    return [sid for group in re.findall(r"\[([^\]]+)\]", text) for sid in CITE.findall(group)]
SOURCE_IDS = set(re.findall(r"^### (\S+)", (ROOT / "docs" / "sources.md").read_text(), re.M))


def test_scenario_key_reference_is_generated_from_the_schema():
    page = (ROOT / "docs" / "scenario-keys.md").read_text()
    assert page == render(), "run: make docs (python -m wijksim.scenario.reference ...)"


def test_every_key_has_a_doc_and_a_status():
    for key in KEYS.values():
        assert key.doc and key.status in (CALIBRATED, LITERATURE, ASSUMPTION), key.name


def test_every_cited_passage_exists():
    for key in KEYS.values():
        for sid in filter(None, key.source.split(",")):
            assert sid in SOURCE_IDS, (key.name, sid)
    for path in (ROOT / "scenarios").glob("*.toml"):
        for sid in cited(path.read_text()):
            assert sid in SOURCE_IDS, (path.name, sid)


def test_every_shipped_scenario_cites_a_passage():
    for path in (ROOT / "scenarios").glob("*.toml"):
        assert cited(path.read_text()), path.name


def test_odd_describes_every_section_and_mechanism_module():
    odd = (ROOT / "docs" / "ODD.md").read_text()
    for sec in SECTIONS:
        assert f"`{sec.name}" in odd or f"[{sec.name}]" in odd, sec.name
    for module in ("needs", "meeting", "helping", "professionals", "funding", "initiatives",
                   "places", "municipality", "shocks", "population", "outcomes"):
        assert f"{module}.py" in odd, module


def step_phases() -> list[tuple[str, str | None]]:
    """(call, docs/ODD.md section in its comment) for every call WijkModel.step() makes."""
    import ast
    import inspect
    import textwrap

    from wijksim.model.wijk import WijkModel

    src = textwrap.dedent(inspect.getsource(WijkModel.step))
    lines = src.splitlines()
    phases = []
    for node in ast.parse(src).body[0].body:
        call = getattr(node, "value", None)
        if isinstance(node, (ast.Expr, ast.Assign)) and isinstance(call, ast.Call):
            section = re.search(r"#\s*(\d+\.\d+)\s", lines[node.lineno - 1] + " ")
            phases.append((ast.unparse(call.func), section.group(1) if section else None))
    return phases


def test_odd_tick_table_lists_the_phases_of_step_with_their_sections():
    odd = (ROOT / "docs" / "ODD.md").read_text()
    tick = odd[odd.index("### 3.1 The weekly tick"):odd.index("### 3.2")]
    rows = re.findall(r"^\| \d+ \| `([^`]+)` \| (\d+\.\d+) \|", tick, re.M)
    assert rows == step_phases(), "docs/ODD.md 3.1 and WijkModel.step() differ"
    headings = set(re.findall(r"^#{2,3} (\d+(?:\.\d+)?) ", odd, re.M))
    assert {section for _, section in rows} <= headings


# the fixed wording of every message docs/troubleshooting.md explains, as the code says it
TROUBLE_PHRASES = [
    "did you mean", "is not inside a [section]", "is not allowed: expected",
    "TOML syntax error", "is not UTF-8 text", "is saved as", "is not a text file",
    "is a folder, not a file", "the file has no settings", "no such scenario file",
    "extended by", "cycle: ", "missing [experiment] table", "missing '='", "cannot connect",
    "workers with wijksim", "already holds the results of another run", "holds other files",
    "already holds the results of another comparison", "add --resume to finish or extend",
    "are not runs of this", "the stored runs were made at git commit",
    "finished runs are stored", "a worker process died", "the Dask cluster failed",
    "kan niet geladen worden", "cannot be loaded", "liep vast in week", "got stuck in week",
    "is not valid", "the app needs Solara",
    # issue 19
    "keys belong inside a section such as [funding]", "belongs under [",
    "in quotes is one key whose name holds a dot", "TOML syntax error at line",
    "a decimal number is written with a point, not a comma", "text needs quotes",
    "this looks like a summary line from the top of a file",
    "this line is neither 'key = value' nor a [section]", "is given twice",
    "the name is empty", "the chain of files extending each other is longer than",
    "nests lists or tables more than", "a named pipe (FIFO)",
    "wijksim reads only ordinary text files", "points back to itself (a link loop)",
    "is a link to a file that does not exist", "few kB of text",
    "name has", "is analysed but not recorded",
    "expected a whole number from 0 to", "not a scheduler address",
    "is not a name for a new scenario", "both set", "which this experiment varies in",
    "is a file, not a folder", "is inside a system folder", "cannot write there",
    "only scenarios of this app can be used here", "this is not one of the scenarios this app",
    "Er ging iets mis in de app zelf", "Something went wrong in the app itself",
    "can open the app", "Die code klopt niet", "That code is not right",
    "a join code needs at least", "no such folder",
]


def test_troubleshooting_explains_messages_the_code_really_gives():
    doc = (ROOT / "docs" / "troubleshooting.md").read_text()
    code = "\n".join(p.read_text() for p in (ROOT / "src" / "wijksim").rglob("*.py"))
    for phrase in TROUBLE_PHRASES:
        assert phrase in doc, f"troubleshooting.md does not explain {phrase!r}"
        assert phrase in code, f"no message says {phrase!r} any more; update the page"
