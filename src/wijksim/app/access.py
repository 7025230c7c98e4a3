"""Who may use the app: nobody but this computer, unless the person who starts it says so.

``wijksim app`` listens on 127.0.0.1 by default, which only this computer can reach. Any
other ``--host`` (``0.0.0.0``, a LAN address) makes the app reachable by every computer
that can reach this one; then a *join code* is required, printed at start-up and asked by
the page before it shows anything (no wijk is built, no scenario read, until it is given).

This module is the mechanism only, without Solara, so the command line can use it and
workshop mode (``wijksim workshop``: one facilitator, many participants) uses it too, for its
join code and its facilitator and projector secrets: an :class:`Access`
policy holds the code and checks attempts; :class:`Attempts` slows down guessing per tab.

What it does not do: encrypt. The app speaks plain HTTP, so on a shared network the code
and the page can be read by anyone who can watch the traffic (docs/app.md).
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
import time
from dataclasses import dataclass, field

ENV_CODE = "WIJKSIM_APP_JOIN_CODE"
# no 0/o, 1/l/i: read aloud or from a projector, a code must be typed right the first time
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_GROUPS, GROUP_LENGTH = 3, 4  # 12 characters of 31: about 59 bits, beyond guessing
MIN_CODE_LENGTH = 6
MAX_CODE_LENGTH = 128


def is_loopback(host: str) -> bool:
    """True when only this computer can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_join_code() -> str:
    """A random code such as ``k7dm-q2xp-9fha``, easy to read aloud and type."""
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(GROUP_LENGTH))
                    for _ in range(CODE_GROUPS))


def new_secret() -> str:
    """A long random secret for a URL (a workshop facilitator's link, its projector's key):
    never typed, so case and every character count."""
    return secrets.token_urlsafe(18)


def secret_matches(typed: str, secret: str) -> bool:
    """Constant-time comparison of a secret as given, character for character."""
    return hmac.compare_digest(str(typed or "").encode(), secret.encode())


def normalise(code: str) -> str:
    """Case, spaces and dashes do not count: ``K7DM Q2XP 9FHA`` is ``k7dm-q2xp-9fha``."""
    return "".join(ch for ch in code.lower() if ch not in " -\t")


def code_problem(code: str) -> str:
    """Why ``code`` cannot be a join code ('' when it can)."""
    n = len(normalise(code))
    if n < MIN_CODE_LENGTH:
        return f"a join code needs at least {MIN_CODE_LENGTH} letters or digits"
    if n > MAX_CODE_LENGTH or not code.isprintable():
        return f"a join code is at most {MAX_CODE_LENGTH} printable characters"
    return ""


def exposure_warning(host: str, port: int, code: str) -> list[str]:
    """What ``wijksim app --host HOST`` prints when HOST is not loopback."""
    who = ("every computer that can reach this one" if host in ("0.0.0.0", "::", "")
           else f"every computer that can reach {host}")
    return [f"warning: --host {host}: {who} on port {port} can open the app (for example "
            "everyone on the same Wi-Fi); the connection is not encrypted.",
            f"warning: the page asks for this join code before it shows anything: {code}"]


@dataclass(frozen=True)
class Access:
    """The access rule of one running app: open (``code`` empty) or a join code."""

    code: str = ""

    @property
    def required(self) -> bool:
        return bool(self.code)

    def check(self, attempt: str) -> bool:
        """Constant-time comparison of the normalised texts."""
        if not self.required:
            return True
        if len(attempt) > MAX_CODE_LENGTH * 2:
            return False
        return hmac.compare_digest(normalise(attempt).encode(), normalise(self.code).encode())

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Access":
        env = os.environ if env is None else env
        return cls(env.get(ENV_CODE, ""))

    def to_env(self) -> dict[str, str]:
        return {ENV_CODE: self.code} if self.code else {}


@dataclass
class Attempts:
    """Wrong attempts of one tab: after ``free`` of them, each next try waits longer
    (1, 2, 4 ... up to 60 seconds), so guessing a code from a page is hopeless."""

    free: int = 5
    wrong: int = 0
    blocked_until: float = 0.0
    clock: object = field(default=time.monotonic, repr=False)

    def wait_seconds(self) -> float:
        return max(0.0, self.blocked_until - self.clock())

    def record(self, ok: bool) -> None:
        if ok:
            self.wrong = 0
            self.blocked_until = 0.0
            return
        self.wrong += 1
        if self.wrong >= self.free:
            self.blocked_until = self.clock() + min(60.0, 2.0 ** (self.wrong - self.free))
