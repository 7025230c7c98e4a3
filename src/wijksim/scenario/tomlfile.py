"""Reading a TOML file that a person wrote by hand: every way it can fail becomes one
:class:`Problem` naming the file and what to do, never a traceback.

Scenario and experiment files are edited in whatever editor is at hand, so besides TOML
syntax errors this catches files saved in another encoding (Windows-1252, UTF-16 from
Notepad), binary files picked by mistake, folders and files that are far too large. A UTF-8
byte-order mark (which some Windows editors add) is accepted: it is still UTF-8.

Nothing but an ordinary file is ever opened: a device (``/dev/zero``), a named pipe (FIFO)
or a socket is refused from its ``stat`` alone, because reading one never ends or blocks
for ever; and at most :data:`MAX_BYTES` are read. Syntax errors name the line and, for the
mistakes students make in their first edits, say what is probably wrong.
"""

from __future__ import annotations

import codecs
import errno
import gc
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from .errors import Problem, ScenarioError

# Limits (docs/troubleshooting.md, "Limits"):
MAX_BYTES = 1_000_000  # the largest shipped file is ~3 kB; a 1 MB file is a wrong file
MAX_DEPTH = 12  # the deepest a valid file needs is 6 (a list in [parameters.a.b.c]); Python's
#                 recursion limit, hit by the TOML reader at ~300 nested arrays, stays far away

_BOMS = [(codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")]
SAVE_AS_UTF8 = "save it as UTF-8 text (in most editors: Save as... > Encoding: UTF-8)"
_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
            (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _fail(path: Path, reason: str, allowed: str = "a UTF-8 TOML text file") -> ScenarioError:
    return ScenarioError([Problem(str(path), "", "", allowed, reason)])


def read_toml(path: str | Path) -> dict[str, Any]:
    """Parse ``path`` as TOML, or raise :class:`ScenarioError` with one clear problem."""
    path = Path(path)
    return parse_toml(read_text_file(path), path)


def read_text_file(path: Path) -> bytes:
    """The bytes of an ordinary file of at most MAX_BYTES, checked before it is opened."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise _fail(path, "is a link to a file that does not exist",
                        "an existing file") from None
        raise _fail(path, "no such file", "an existing file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _fail(path, "is a symbolic link that points back to itself (a link loop): "
                              "give the path of the .toml file itself") from None
        raise _fail(path, f"cannot read: {exc.strerror}", "a readable file") from None
    check_ordinary(path, info)
    try:  # O_NONBLOCK: should the file be swapped for a pipe after stat, open does not block
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _fail(path, f"cannot read: {exc.strerror}", "a readable file") from None
    with os.fdopen(fd, "rb") as fh:
        check_ordinary(path, os.fstat(fh.fileno()))
        try:
            raw = fh.read(MAX_BYTES + 1)
        except OSError as exc:  # /proc/self/mem and the like
            raise _fail(path, f"cannot read: {exc.strerror}", "a readable file") from None
    if len(raw) > MAX_BYTES:
        raise _too_large(path, len(raw))
    return raw


def check_ordinary(path: Path, info: os.stat_result) -> None:
    """Refuse a folder, a device, a pipe or a socket, and a file over MAX_BYTES."""
    if stat.S_ISDIR(info.st_mode):
        raise _fail(path, "is a folder, not a file: give the path of a .toml file")
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _SPECIAL if test(info.st_mode)), "a special file")
        raise _fail(path, f"is {kind}, not a file: wijksim reads only ordinary text files "
                          "(nothing was read from it)")
    if info.st_size > MAX_BYTES:
        raise _too_large(path, info.st_size)


def _too_large(path: Path, size: int) -> ScenarioError:
    return _fail(path, f"is {size / 1e6:.1f} MB or more; a scenario or experiment file is a "
                       f"few kB of text (at most {MAX_BYTES // 1000} kB) - is this the right "
                       "file?")


def parse_toml(raw: bytes, path: Path) -> dict[str, Any]:
    """Decode ``raw`` (the bytes of ``path``) as UTF-8 and parse it as TOML."""
    if len(raw) > MAX_BYTES:
        raise _too_large(path, len(raw))
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
        doc = _read_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, syntax_message(str(exc), text), "valid TOML") from None
    except RecursionError:  # arrays or inline tables nested hundreds deep
        doc = None
    if doc is None or _depth(doc) > MAX_DEPTH:
        raise _fail(path, f"nests lists or tables more than {MAX_DEPTH} levels deep; a "
                          "scenario or experiment file needs at most 6")
    return doc


def _read_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` with Python's garbage collector paused.

    On a hostile file nested thousands deep the reader recurses to Python's recursion limit
    (caught above). A collection down there would run other objects' finalizers with no
    stack left - in the app, Solara's widgets - and each failure prints 'Exception ignored
    ... RecursionError' to the terminal. A scenario file is read in milliseconds; the
    collector resumes as it was afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return tomllib.loads(text)
    finally:
        if was_enabled:
            gc.enable()


def _depth(node: Any) -> int:
    """How deeply lists and tables nest (without recursion: the input may be hostile)."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item
        stack += [(c, level + 1) for c in children if isinstance(c, (dict, list))]
    return deepest


# -- syntax errors in a student's words ------------------------------------------------------
_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")
_SUMMARY_LINE = re.compile(r"^\[[\w.\-\"]+\]\s+[\w\-]+\s*=")
_DECIMAL_COMMA = re.compile(r"=\s*[-+]?\d+,\d")
_BARE_WORD = re.compile(r"=\s*[^\W\d]")


def syntax_message(reader: str, text: str) -> str:
    """``TOML syntax error at line N: <what is probably wrong> (<the reader's words>)``.

    The hint quotes nothing from the line itself: the same message is shown in the app,
    where a file must never have its contents echoed back."""
    where = _WHERE.search(reader)
    if not where:  # e.g. "Cannot overwrite a value (at end of document)"
        hint = _hint(reader, "")
        return f"TOML syntax error: {reader}" + (f" - {hint}" if hint else "")
    number = int(where.group(1))
    lines = text.splitlines()
    line = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    hint = _hint(reader, line)
    what = _WHERE.sub("", reader).strip()
    return (f"TOML syntax error at line {number}, column {where.group(2)}: "
            + (f"{hint} (the TOML reader says: {what})" if hint else what))


def _hint(reader: str, line: str) -> str:
    """What is probably wrong, for the mistakes of a first edit."""
    value = line.split("=", 1)[1].split("#", 1)[0].strip() if "=" in line else ""
    if reader.startswith(("Cannot overwrite", "Cannot declare")):
        return ("a key or [section] is given twice; each may appear once in a file (remove "
                "one, or put the # back in front of the copy)")
    if _SUMMARY_LINE.match(line):
        return ("this looks like a summary line from the top of a file made by 'wijksim "
                "new': put the # back, and change the key in its own [section] further down")
    if _DECIMAL_COMMA.search(line):
        return "a decimal number is written with a point, not a comma: 0.9, not 0,9"
    if value[:1] == "[" and "," in value and reader.startswith("Unclosed array"):
        return "a list is written [0.5, 0.3, 0.2]: check its commas and the closing ]"
    if value.lower() in ("true", "false") and value not in ("true", "false"):
        return "true and false are written in lower case"
    if _BARE_WORD.search(line) and reader.startswith("Invalid value"):
        return 'text needs quotes: write it as "subsidy", not subsidy'
    if line and "=" not in line and not line.startswith(("[", "#")):
        return ("this line is neither 'key = value' nor a [section]; if it is a comment, put "
                "a # in front of it")
    if line.startswith("[") and not line.split("#", 1)[0].rstrip().endswith("]"):
        return "a section line is written [name], with the closing ]"
    return ""
