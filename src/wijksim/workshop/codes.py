"""Who may do what: a short join code for participants and a separate facilitator secret.

Both come from :mod:`secrets`. The join code is short enough to read off a projector and type
on a phone (six characters from an alphabet without look-alikes: no 0/O, 1/I/L); the
facilitator secret is long and only ever travels in the facilitator's own URL. Comparisons
are constant-time.

Small on purpose: when ``wijksim app --host`` gets its own join-code gate (issue 19,
``wijksim.app.access``), this module is the one place to swap for it.
"""

from __future__ import annotations

import hmac
import secrets
import unicodedata

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
NAME_MAX = 24


class AccessError(PermissionError):
    """A wrong code or secret; ``str()`` is English, ``.nl`` Dutch."""

    def __init__(self, en: str, nl: str):
        super().__init__(en)
        self.nl = nl

    def text(self, lang: str) -> str:
        return self.nl if lang == "nl" else str(self)


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_secret() -> str:
    return secrets.token_urlsafe(18)


def normal_code(typed: str) -> str:
    """What a participant typed, as a code: capitals, no spaces or dashes."""
    return "".join(ch for ch in str(typed or "").upper() if ch.isalnum())


def code_matches(typed: str, code: str) -> bool:
    return hmac.compare_digest(normal_code(typed).encode(), code.encode())


def secret_matches(typed: str, secret: str) -> bool:
    return hmac.compare_digest(str(typed or "").encode(), secret.encode())


def clean_name(typed: str) -> str:
    """A display name: printable characters only, spaces collapsed, at most NAME_MAX
    characters; AccessError when nothing is left. (Pages still escape it when they show it.)"""
    text = unicodedata.normalize("NFC", str(typed or ""))
    text = "".join(ch if unicodedata.category(ch)[0] not in "CZ" or ch == " " else " "
                   for ch in text)
    text = " ".join(text.split())
    if not text:
        raise AccessError("type a name", "vul een naam in")
    if len(text) > NAME_MAX:
        raise AccessError(f"a name has at most {NAME_MAX} characters",
                          f"een naam heeft hoogstens {NAME_MAX} tekens")
    return text
