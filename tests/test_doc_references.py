"""Code and docs cite docs/ODD.md sections, not the design brief that is not in the repository
(issue 12 item 7): a reader must be able to follow every reference."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]
OUTSIDE = re.compile(r"MODEL" + r"\.md|\b[Mm]echanisms? [1-9]\b")
TEXT = (".py", ".md", ".toml", ".txt")


def outside_references(paths) -> list[str]:
    return [f"{p.relative_to(ROOT)}:{i}" for p in paths
            for i, line in enumerate(p.read_text("utf-8", "replace").splitlines(), 1)
            if OUTSIDE.search(line)]


def test_no_reference_to_the_design_brief_or_its_mechanism_numbers():
    paths = [ROOT / "README.md", *(p for d in ("src", "docs", "tests", "experiments")
                                   for p in (ROOT / d).rglob("*")
                                   if p.suffix in TEXT and p.is_file())]
    assert outside_references(paths) == []


def test_the_check_finds_such_a_reference(tmp_path):
    bad = tmp_path / "x.py"
    bad.write_text("# see mech" + "anism 4\n")
    assert OUTSIDE.search(bad.read_text())
