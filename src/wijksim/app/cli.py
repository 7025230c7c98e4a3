"""``wijksim app``: start the workshop app and print its address.

Registered by the main CLI (``wijksim.cli`` calls :func:`register`). This module imports
neither Solara nor the model at import time, so ``wijksim --help`` stays fast and works where the
app's extra dependencies are not installed.

The server is ``solara run wijksim.app.page`` in production mode; this process *becomes* that
server (``os.execve``), so Ctrl-C or a terminate signal stops it directly. Settings reach the
page through ``WIJKSIM_APP_*`` environment variables (:class:`~wijksim.app.session.AppConfig`).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
from pathlib import Path

from .access import ENV_CODE, Access, code_problem, exposure_warning, is_loopback, \
    new_join_code

DEFAULT_PORT = 8765
SOLARA_CDN_CACHE = Path.home() / ".cache" / "wijksim" / "solara-cdn"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "app", help="start the workshop app in the browser",
        description="Start the workshop app: a wijk in the browser. Every browser tab gets its "
                    "own wijk. Listens on 127.0.0.1 (this computer only) unless --host says "
                    "otherwise. Any other --host (0.0.0.0: every network) lets other "
                    "computers open the app, so the page then asks for a join code first "
                    "(printed at start-up, or set with --join-code).")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 = every network, "
                        "which needs a join code)")
    p.add_argument("--join-code", metavar="CODE", default=None,
                   help="the code the page asks for before it shows anything (default: none "
                        "on 127.0.0.1; a new random code printed at start-up on any other "
                        "--host)")
    p.add_argument("--scenarios", metavar="DIR", default=None,
                   help="a folder whose .toml scenario files the page offers next to the "
                        "shipped ones; the page reads no other files")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port (default {DEFAULT_PORT})")
    p.add_argument("--scenario", default="tender_3y",
                   help="scenario the page opens with: a shipped name or a .toml path "
                        "(default tender_3y)")
    p.add_argument("--residents", type=int, default=3000,
                   help="residents per wijk (default 3000, a workshop-size wijk)")
    p.add_argument("--seed", type=int, default=1, help="seed the page opens with (default 1)")
    p.add_argument("--burn-in", type=int, default=None, metavar="WEEKS",
                   help="weeks the wijk runs in before week 0 (default: the scenario's "
                        "run.burn_in_weeks); fewer start faster")
    p.add_argument("--open", action="store_true", help="open a browser tab as well")
    p.add_argument("--dry-run", action="store_true",
                   help="check the settings and print the server command, without starting")
    p.set_defaults(func=cmd_app)


def cmd_app(args: argparse.Namespace) -> int:
    from ..scenario import KEYS, ScenarioError, load_scenario
    from ..scenario.errors import Problem
    from .session import AppConfig

    problems = []
    for key, value in (("wijk.residents", args.residents),
                       ("run.burn_in_weeks", args.burn_in)):
        k = KEYS[key]
        if value is not None and not (k.lo <= value <= k.hi):
            problems.append(Problem("--" + key.split(".")[-1].replace("_weeks", "")
                                    .replace("_", "-"), key, value, k.allowed()))
    if not 0 < args.port < 65536:
        problems.append(Problem("--port", "", args.port, "a port from 1 to 65535",
                                show_value=False, reason=f"port {args.port} is not valid"))
    folder = _scenario_folder(args.scenarios, problems)
    access = _access(args, problems)
    if not 0 <= args.seed <= 2**63 - 1:
        problems.append(Problem("--seed", "", "", "", show_value=False,
                                reason=f"seed {args.seed} is not valid: expected a whole "
                                       "number from 0 to 9223372036854775807"))
    if problems:
        raise ScenarioError(problems)
    load_scenario(args.scenario)  # a broken start scenario fails here, with its problems
    taken = "" if args.dry_run else port_taken(args.host, args.port)  # before "open ..."
    if taken:
        raise ScenarioError([Problem("--port", "", args.port, "", show_value=False,
                                     reason=taken)])
    try:
        import solara  # noqa: F401
    except ImportError:
        raise ScenarioError([Problem("wijksim app", "", "", "", show_value=False,
                                     reason="the app needs Solara: pip install 'wijksim[app]'")])

    config = AppConfig(scenario=args.scenario, residents=args.residents, seed=args.seed,
                       burn_in=args.burn_in, scenarios_dir=folder)
    env = {k: v for k, v in os.environ.items() if k != ENV_CODE}  # only this start's code
    env.update(config.to_env(), **access.to_env())
    env.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")
    env.setdefault("SOLARA_THEME_SHOW_BANNER", "False")  # its badge covered map and charts
    # Solara warns on every first page load over http that an iframe-embedded page needs
    # https for its cookie; the app is not embedded, and the note only alarms a facilitator
    quiet = "ignore:Cookies with samesite=none require https:UserWarning"
    env["PYTHONWARNINGS"] = ",".join(x for x in (env.get("PYTHONWARNINGS"), quiet) if x)
    if "SOLARA_ASSETS_PROXY_CACHE_DIR" not in env and SOLARA_CDN_CACHE.is_dir():
        env["SOLARA_ASSETS_PROXY_CACHE_DIR"] = str(SOLARA_CDN_CACHE)  # offline assets
    cmd = [sys.executable, "-m", "solara", "run", "wijksim.app.page", "--host", args.host,
           "--port", str(args.port), "--production", "--no-check-version",
           "--open" if args.open else "--no-open"]
    for line in addresses(args.host, args.port):
        print(line)
    if not is_loopback(args.host):
        for line in exposure_warning(args.host, args.port, access.code):
            print(line, file=sys.stderr)
    elif access.required:
        print(f"The page asks for the join code: {access.code}")
    print("Stop it with Ctrl-C.", flush=True)
    if args.dry_run:
        print(" ".join(cmd))
        return 0
    if os.name == "posix":
        os.execve(sys.executable, cmd, env)  # become the server: signals reach it directly
    return subprocess.call(cmd, env=env)  # pragma: no cover (Windows)


def port_taken(host: str, port: int) -> str:
    """'' if the server can listen on ``host:port``; else one sentence saying so, with a free
    port to use instead. Checked the way the server binds (SO_REUSEADDR, as uvicorn does), so
    a port another program listens on is caught, a port in TIME_WAIT is not."""
    def free(p: int) -> bool:
        try:
            infos = socket.getaddrinfo(host or None, p, type=socket.SOCK_STREAM,
                                       flags=socket.AI_PASSIVE)
        except OSError:
            return True  # an unknown host is not a port problem; the server will say so
        family, kind, proto, _, addr = infos[0]
        with socket.socket(family, kind, proto) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(addr)
            except OSError:
                return False
        return True

    if free(port):
        return ""
    other = next((p for p in range(port + 1, min(port + 200, 65536)) if free(p)), None)
    hint = f"; start it with --port {other}" if other else "; choose another with --port"
    return (f"port {port} on {host or 'this computer'} is already in use (is the app "
            f"already running?){hint}")


def _scenario_folder(value: str | None, problems: list) -> str:
    """``--scenarios DIR``: an existing folder, as an absolute path ('' when not given)."""
    from ..scenario.errors import Problem

    if value is None:
        return ""
    folder = Path(value).expanduser()
    if not folder.is_dir():
        problems.append(Problem("--scenarios", "", "", "", show_value=False, reason=(
            f"{value}: {'is not a folder' if folder.exists() else 'no such folder'}; "
            "expected a folder holding .toml scenario files")))
        return ""
    return os.path.realpath(folder)


def _access(args: argparse.Namespace, problems: list) -> Access:
    """No code on loopback unless asked; any other host always has one."""
    from ..scenario.errors import Problem

    if args.join_code is not None:
        why = code_problem(args.join_code)
        if why:
            problems.append(Problem("--join-code", "", "", "", show_value=False, reason=why))
        return Access(args.join_code)
    return Access("" if is_loopback(args.host) else new_join_code())


def addresses(host: str, port: int) -> list[str]:
    """Lines telling where the app can be reached."""
    if host in ("0.0.0.0", "::", ""):
        lines = [f"wijksim app: open http://127.0.0.1:{port}/ in a browser on this computer"]
        ip = lan_address()
        if ip:
            lines.append(f"             or http://{ip}:{port}/ from other computers on the "
                         "network")
        return lines
    shown = f"[{host}]" if ":" in host else host
    return [f"wijksim app: open http://{shown}:{port}/ in your browser"]


def lan_address() -> str | None:
    """This computer's address on the local network (no packet is sent)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            ip = s.getsockname()[0]
        return None if ip.startswith("127.") else ip
    except OSError:
        return None
