"""Writes :mod:`wijksim.scenario.paramtypes`: the typed scenario parameters, one frozen dataclass
per schema section, generated from the schema (``make docs`` runs
``python -m wijksim.scenario.typegen``). ``tests/test_params.py`` fails when the file and the
schema differ.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from .schema import SECTIONS, Key

GENERATED = Path(__file__).with_name("paramtypes.py")


def class_name(path: str) -> str:
    """'funding.tender' -> 'FundingTenderParams'; '' (the root) -> 'ScenarioParams'."""
    return "".join(part.title() for part in path.split(".")) + "Params" if path else \
        "ScenarioParams"


def section_paths() -> list[str]:
    """Every section path, parents of nested sections included, children before parents."""
    paths = {""} | {s.name for s in SECTIONS}
    for s in SECTIONS:  # parents of nested sections ('funding' of 'funding.tender')
        parts = s.name.split(".")
        paths |= {".".join(parts[:k]) for k in range(1, len(parts))}
    return sorted(paths, key=lambda x: (-x.count(".") if x else 1, x))


def annotation(key: Key) -> str:
    """The field's type as written in the generated module."""
    if key.type is list:
        items = {type(x) for x in key.default} or {float}
        item = "bool" if items == {bool} else "int" if items == {int} else "float"
        return f"list[{item}]"
    return key.type.__name__


def source() -> str:
    """The text of wijksim/model/paramtypes.py for the current schema."""
    keys = {s.name: s for s in SECTIONS}
    paths = section_paths()
    out = ['"""Typed scenario parameters, one frozen dataclass per schema section.',
           "",
           "GENERATED from wijksim.scenario.schema by ``make docs`` "
           "(python -m wijksim.scenario.typegen);",
           "do not edit: change the schema and regenerate. docs/scenario-keys.md describes "
           "every field.",
           '"""', "", "from __future__ import annotations", "",
           "from dataclasses import dataclass"]
    for path in paths:
        sec = keys.get(path)
        children = sorted(c for c in paths if c and c.rpartition(".")[0] == path and c != path)
        title = f"[{path}] {sec.title}: {sec.doc}" if sec else \
            (f"[{path}] and its subsections." if path else "Every section of a scenario.")
        doc = textwrap.wrap(f'"""{title}"""', 95, initial_indent="    ",
                            subsequent_indent="    ")
        out += ["", "", "@dataclass(frozen=True, slots=True)", f"class {class_name(path)}:",
                *doc, ""]
        for k in sec.keys if sec else []:
            unit = f" ({k.unit})" if k.unit else ""
            out.append(f"    {k.name.rpartition('.')[2]}: {annotation(k)}  # {k.status}{unit}")
        for c in children:
            out.append(f"    {c.rpartition('.')[2]}: {class_name(c)}")
    out += ["", "", "# section path -> class ('' is the root)",
            "SECTION_TYPES: dict[str, type] = {"]
    out += [f'    "{path}": {class_name(path)},' for path in paths]
    out += ["}", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """``python -m wijksim.scenario.typegen [FILE]``: write the generated module (default: its
    place in the package); ``make docs`` calls this."""
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else GENERATED
    target.write_text(source(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
