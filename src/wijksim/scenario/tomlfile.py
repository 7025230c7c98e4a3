"""Reading a TOML file that a person wrote by hand: every way it can fail becomes one
:class:`Problem` naming the file and what to do, never a traceback.

Scenario and experiment files are edited in whatever editor is at hand, so besides TOML
syntax errors this catches files saved in another encoding (Windows-1252, UTF-16 from
Notepad), binary files picked by mistake, folders and files that are far too large. A UTF-8
byte-order mark (which some Windows editors add) is accepted: it is still UTF-8.
"""

from __future__ import annotations

import codecs
import tomllib
from pathlib import Path
from typing import Any

from .errors import Problem, ScenarioError

MAX_BYTES = 1_000_000  # a scenario or experiment file is a few kB; more is a wrong file

_BOMS = [(codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")]
SAVE_AS_UTF8 = "save it as UTF-8 text (in most editors: Save as... > Encoding: UTF-8)"


def _fail(path: Path, reason: str, allowed: str = "a UTF-8 TOML text file") -> ScenarioError:
    return ScenarioError([Problem(str(path), "", "", allowed, reason)])


def read_toml(path: str | Path) -> dict[str, Any]:
    """Parse ``path`` as TOML, or raise :class:`ScenarioError` with one clear problem."""
    path = Path(path)
    if path.is_dir():
        raise _fail(path, "is a folder, not a file: give the path of a .toml file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _fail(path, f"is {size / 1e6:.1f} MB; a scenario or experiment file is a "
                              f"few kB of text - is this the right file?")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, "no such file", "an existing file") from None
    except OSError as exc:
        raise _fail(path, f"cannot read: {exc.strerror}", "a readable file") from None
    return parse_toml(raw, path)


def parse_toml(raw: bytes, path: Path) -> dict[str, Any]:
    """Decode ``raw`` (the bytes of ``path``) as UTF-8 and parse it as TOML."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raise _fail(path, f"is saved as {name} text; {SAVE_AS_UTF8}")
    if b"\x00" in raw:
        raise _fail(path, "is not a text file (it contains NUL bytes): give the path of a "
                          ".toml scenario or experiment file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(path, f"is not UTF-8 text: byte 0x{raw[exc.start]:02x} at line {line}, "
                          f"column {col} (probably saved as Windows-1252 or Latin-1); "
                          f"{SAVE_AS_UTF8}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, f"TOML syntax error: {exc}", "valid TOML") from None
