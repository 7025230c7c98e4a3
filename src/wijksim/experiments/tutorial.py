"""The tutorial's numbers, made by running the tutorial (docs/tutorial.md cannot go stale).

The page is a list of steps: console blocks (``$ wijksim ...`` and what it prints), files to
save (``<!-- tutorial-file: NAME -->`` before a code block), edits (``<!-- tutorial-edit:
PATH | PREFIX | NEW LINE -->``) and Python to run (``<!-- tutorial-run -->``). :func:`steps`
reads them; :func:`run_steps` does them in an empty folder, in page order, exactly as a reader
would; :func:`regenerate` puts what each command printed into its console block, so every
number on the page comes from the code as it is.

Only the console blocks' output lines change: the commands, the prose and the other blocks
stay as they are. Regenerate after a change to the model's numbers::

    python -m wijksim.experiments.tutorial docs/tutorial.md        # about 5 minutes on 2 cores

``tests/experiments/test_tutorial.py`` runs the same steps on a smaller wijk and checks that
each command prints what the page shows, apart from numbers, hashes and timings.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterator

MARKER = re.compile(r"<!-- tutorial-(edit|file|run)(?::\s*(.*?))?\s*-->")
Step = tuple  # (kind, payload): see steps()


def steps(text: str) -> Iterator[Step]:
    """(kind, payload) in page order: ("cmd", (command, expected lines, line number of the
    command)), ("edit", (path, prefix, new line)), ("file", (name, content)),
    ("python", code)."""
    lines = text.splitlines()
    i, pending = 0, None
    while i < len(lines):
        line = lines[i]
        m = MARKER.match(line.strip())
        if m:
            pending = (m.group(1), m.group(2))
            if m.group(1) == "edit":
                path, prefix, new = (x.strip() for x in m.group(2).split("|"))
                yield "edit", (path, prefix, new)
                pending = None
            i += 1
            continue
        if line.startswith("```"):
            lang = line[3:].strip()
            j = i + 1
            while not lines[j].startswith("```"):
                j += 1
            body = lines[i + 1:j]
            if lang == "console":
                cmd, out, at = None, [], 0
                for k, b in enumerate(body):
                    if b.startswith("$ "):
                        if cmd:
                            yield "cmd", (cmd, out, at)
                        cmd, out, at = b[2:], [], i + 1 + k
                    else:
                        out.append(b)
                if cmd:
                    yield "cmd", (cmd, out, at)
            elif pending and pending[0] == "file":
                yield "file", (pending[1].strip(), "\n".join(body) + "\n")
            elif pending and pending[0] == "run":
                yield "python", "\n".join(body) + "\n"
            pending = None
            i = j + 1
            continue
        i += 1


def wijksim_command(args: list[str], cwd: Path, timeout: float = 3600
                    ) -> subprocess.CompletedProcess:
    """A command as a reader types it, in a fresh process (no terminal: no progress bar)."""
    env = {**os.environ, "MPLBACKEND": "Agg", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "wijksim.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, env=env)


def run_steps(text: str, folder: Path, adapt: Callable[[list[str]], list[str]] = list,
              check: Callable[[str, list[str], list[str]], None] | None = None
              ) -> list[tuple[int, list[str]]]:
    """Do every step of the page in ``folder``. ``adapt`` may change a command's arguments
    (the test makes the wijk smaller); ``check(command, expected, printed)`` is called for
    every command. Returns (line number, printed lines) of every command. A command that
    fails raises RuntimeError with what it printed."""
    printed = []
    for kind, payload in steps(text):
        if kind == "edit":
            path, prefix, new = payload
            f = folder / path
            lines = f.read_text().splitlines()
            k = next(k for k, line in enumerate(lines) if line.startswith(prefix))
            lines[k] = new
            f.write_text("\n".join(lines) + "\n")
        elif kind == "file":
            name, content = payload
            (folder / name).write_text(content)
        elif kind == "python":
            res = subprocess.run([sys.executable, "-c", payload], cwd=folder,
                                 capture_output=True, text=True, timeout=600)
            if res.returncode:
                raise RuntimeError(f"the tutorial's Python failed:\n{res.stderr}")
        else:
            cmd, expected, at = payload
            args = adapt(shlex.split(cmd))
            if args[0] != "wijksim":
                raise RuntimeError(f"not a wijksim command: {cmd}")
            res = wijksim_command(args[1:], folder)
            if res.returncode:
                raise RuntimeError(f"$ {cmd}\n{res.stdout}{res.stderr}")
            out = [x for x in res.stdout.splitlines() if not x.startswith("note: ")]
            if check is not None:
                check(cmd, expected, out)
            printed.append((at, out))
    return printed


def regenerate(path: Path, folder: Path | None = None) -> str:
    """Run the tutorial at ``path`` at the sizes it shows and return the page with every
    console block's output replaced by what the command printed now. Lines of '...' (output
    the page leaves out on purpose) keep their place: the printed lines they stand for are
    left out again."""
    text = Path(path).read_text()
    with tempfile.TemporaryDirectory(prefix="wijksim-tutorial-") as tmp:
        printed = run_steps(text, Path(folder or tmp))
    lines = text.splitlines()
    expected = {at: out for kind, payload in steps(text) if kind == "cmd"
                for _, out, at in [payload]}
    for at, out in reversed(printed):
        old = expected[at]
        new = _keep_ellipsis(old, [x.rstrip() for x in out])
        lines[at + 1:at + 1 + len(old)] = new
    return "\n".join(lines) + "\n"


def _keep_ellipsis(old: list[str], new: list[str]) -> list[str]:
    """Where the page shows '...' between a head and a tail, keep only as many printed lines
    at the start and end as the page has around it."""
    if "..." not in old:
        return new
    k = old.index("...")
    tail = len(old) - k - 1
    return new[:k] + ["..."] + (new[len(new) - tail:] if tail else [])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0] if argv else "docs/tutorial.md")
    page = regenerate(path)
    path.write_text(page)
    print(f"regenerated the output in {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
