"""``wijksim workshop``: start (or resume) a workshop session and its server.

This process checks the options, makes the session folder (the shared wijk at the start of
round 1, the join code and the secrets: :class:`~wijksim.workshop.session.WorkshopSession`),
prints the three addresses and then *becomes* the Solara server (``os.execve``), which
resumes the session from the folder. So a server that is stopped and started again with
``--resume`` carries on from the start of the last round, with the same code and links.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from . import ENV_DIR

DEFAULT_PORT = 8766
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "workshop", help="start a workshop: one shared wijk, participants on their phones",
        description="Start a workshop session: one shared wijk, a facilitator page, a "
                    "projector page and a join page for participants (join code). Listens on "
                    "127.0.0.1 (this computer only) unless --host says otherwise.")
    p.add_argument("scenario", nargs="?", default="tender_3y",
                   help="shipped scenario name or .toml path (default tender_3y)")
    p.add_argument("--seed", type=int, default=1, help="which wijk (default 1)")
    p.add_argument("--residents", type=int, default=3000,
                   help="residents in the wijk (600-20000, default 3000)")
    p.add_argument("--round-weeks", type=int, default=52,
                   help="weeks one round runs (default 52: a round is a year)")
    p.add_argument("--burn-in", type=int, default=None, metavar="WEEKS",
                   help="weeks the wijk runs in before week 0 (default: the scenario's)")
    p.add_argument("--limit", action="append", default=[], metavar="ROLE=N",
                   help="how many participants a role takes, e.g. --limit gemeente=1 "
                        "(defaults: gemeente 1, aanbieder 2, opbouwwerker 4, bewoner 30)")
    p.add_argument("--dir", default=None,
                   help="session folder for the record (default results/workshop-<scenario>-"
                        "seed<seed>); must be new or empty unless --resume")
    p.add_argument("--resume", action="store_true",
                   help="carry on the session in --dir from the start of its last round")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 for a room's "
                        "network: prints a warning)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port (default {DEFAULT_PORT})")
    p.add_argument("--dry-run", action="store_true",
                   help="make or check the session and print the addresses, without serving")
    p.set_defaults(func=cmd_workshop)


def _limits(items: list[str], problems: list) -> tuple[tuple[str, int], ...]:
    from ..scenario.errors import Problem
    from . import roles as rl

    limits = {r.name: r.default_limit for r in rl.ROLES}
    for item in items:
        role, _, n = item.partition("=")
        if role not in limits or not n.isdigit() or not 0 <= int(n) <= 100:
            problems.append(Problem("--limit", "", item, "", show_value=False, reason=(
                f"{item!r}: expected ROLE=N with ROLE one of {', '.join(limits)} and N a "
                "whole number from 0 to 100")))
            continue
        limits[role] = int(n)
    return tuple(limits.items())


def cmd_workshop(args: argparse.Namespace) -> int:
    from ..app.cli import SOLARA_CDN_CACHE, lan_address, port_taken
    from ..scenario import ScenarioError
    from ..scenario.errors import Problem
    from .session import WorkshopConfig, WorkshopSession, check_config

    problems: list = []
    limits = _limits(args.limit, problems)
    if not 0 < args.port < 65536:
        problems.append(Problem("--port", "", args.port, "", show_value=False,
                                reason=f"port {args.port} is not valid; use 1 to 65535"))
    if not 1 <= args.round_weeks <= 520:
        problems.append(Problem("--round-weeks", "", args.round_weeks, "", show_value=False,
                                reason="--round-weeks is a whole number from 1 to 520"))
    folder = Path(args.dir or f"results/workshop-{Path(args.scenario).stem}-seed{args.seed}")
    if folder.exists() and not folder.is_dir():
        problems.append(Problem("--dir", "", str(folder), "", show_value=False,
                                reason=f"{folder} is a file, not a folder"))
    elif args.resume and not (folder / "session.json").is_file():
        problems.append(Problem("--dir", "", str(folder), "", show_value=False,
                                reason=f"{folder} holds no workshop session to resume "
                                       "(no session.json); start one without --resume"))
    elif not args.resume and folder.is_dir() and any(folder.iterdir()):
        problems.append(Problem("--dir", "", str(folder), "", show_value=False,
                                reason=f"{folder} is not empty; add --resume to carry on the "
                                       "session in it, or choose a new folder"))
    if problems:
        raise ScenarioError(problems)
    config = WorkshopConfig(args.scenario, args.seed, args.residents, args.round_weeks,
                            args.burn_in, limits)
    if not args.resume:
        check_config(config)  # bad scenario or size: refused before the wijk is built
    taken = "" if args.dry_run else port_taken(args.host, args.port)
    if taken:
        raise ScenarioError([Problem("--port", "", args.port, "", show_value=False,
                                     reason=taken)])
    if args.resume:
        session = WorkshopSession.resume(folder, draw=False)
        print(f"wijksim workshop: resuming {folder} at round {session.round} "
              f"(week {session.model.week})")
    else:
        print(f"wijksim workshop: building the wijk ({args.residents} residents, seed "
              f"{args.seed}) ...", flush=True)
        session = WorkshopSession.start(config, folder)
    for line in addresses(session, args.host, args.port, lan_address):
        print(line)
    if args.host not in LOOPBACK:
        print(f"warning: listening on {args.host}: anyone on this network who has the join "
              "code can take part; the facilitator link (with its secret) is for you only.",
              file=sys.stderr)
    print(f"The record is kept in {folder}/. Stop with Ctrl-C; carry on later with --resume.",
          flush=True)
    join_url = addresses(session, args.host, args.port, lan_address)[-1].split()[3]
    env = dict(os.environ, **{ENV_DIR: str(folder.resolve()),
                              "WIJKSIM_WORKSHOP_JOIN_URL": join_url})
    env.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")
    env.setdefault("SOLARA_THEME_SHOW_BANNER", "False")
    quiet = "ignore:Cookies with samesite=none require https:UserWarning"
    env["PYTHONWARNINGS"] = ",".join(x for x in (env.get("PYTHONWARNINGS"), quiet) if x)
    if "SOLARA_ASSETS_PROXY_CACHE_DIR" not in env and SOLARA_CDN_CACHE.is_dir():
        env["SOLARA_ASSETS_PROXY_CACHE_DIR"] = str(SOLARA_CDN_CACHE)
    cmd = [sys.executable, "-m", "solara", "run", "wijksim.workshop.pages", "--host",
           args.host, "--port", str(args.port), "--production", "--no-check-version",
           "--no-open"]
    if args.dry_run:
        print(" ".join(cmd))
        return 0
    if os.name == "posix":
        os.execve(sys.executable, cmd, env)
    return subprocess.call(cmd, env=env)  # pragma: no cover (Windows)


def addresses(session, host: str, port: int, lan_address=None) -> list[str]:
    """The facilitator, projector and join addresses, and the join code."""
    if host in ("0.0.0.0", "::", ""):
        shown = (lan_address() if lan_address else None) or "127.0.0.1"
    else:
        shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}"
    return [f"facilitator (keep this to yourself): {base}/facilitator?key={session.secret}",
            f"projector:                           {base}/projector?key={session.view_key}",
            f"participants join at:                {base}/  with code {session.join_code}"]
