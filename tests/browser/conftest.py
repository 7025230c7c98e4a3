"""Fixtures for the browser tests: one ``wijksim app`` server per session, Debian's Chromium.

The server is started through the real command line (``python -m wijksim.cli app``), so the
tests drive what a facilitator runs. Screenshots go to ``test-artifacts/`` (gitignored).

When ``WIJKSIM_REQUIRE_BROWSER=1`` (CI), a missing Chromium fails the tests instead of
skipping them. Never run ``playwright install``: Playwright drives /usr/bin/chromium.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wijksim.app.server import AppDidNotStart, running_app

CHROMIUM = os.environ.get("WIJKSIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
RESIDENTS = 1000  # smaller than the workshop default: these tests check behaviour, not size
STARTUP_SECONDS = 90
SERVER_LOG: dict[str, Path] = {}  # the running server's output, for tests that read it


def _require_browser() -> bool:
    return os.environ.get("WIJKSIM_REQUIRE_BROWSER", "") not in ("", "0", "false", "False")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        msg = f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)"
        if _require_browser():
            pytest.fail(msg + " — WIJKSIM_REQUIRE_BROWSER is set, so this is a failure")
        pytest.skip(msg)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True,
            "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1600, "height": 1000}}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# the --scenarios folder of the test server (tests/browser/test_app_files.py): a student's
# file, one whose unknown keys hold secrets, one nested far too deep
SECRETS = ("sk-live-SECRET-top", "sk-live-SECRET-section", "sk-live-SECRET-table")
OWN_FILES = {
    "mijn_wijk.toml": 'extends = "tender_3y"\n[meta]\nname = "mijn_wijk"\n',
    "secret.toml": (f'api_key = "{SECRETS[0]}"\n[funding]\ntoken = "{SECRETS[1]}"\n'
                    f'[credentials]\npassword = "{SECRETS[2]}"\n'),
    "deep.toml": 'extends = "tender_3y"\n[wijk]\nresidents = ' + "[" * 3000 + "]" * 3000,
}


@pytest.fixture(scope="session")
def own_scenarios(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("own-scenarios")
    for name, text in OWN_FILES.items():
        (folder / name).write_text(text)
    (folder.parent / "outside.toml").write_text(f'extends = "tender_3y"\n# {SECRETS[0]}\n')
    return folder


@pytest.fixture(scope="session")
def app_url(tmp_path_factory, browser_type_launch_args, own_scenarios):
    """Start ``wijksim app`` on a free port; yield its address; stop it afterwards."""
    log = tmp_path_factory.mktemp("app") / "server.log"
    SERVER_LOG["path"] = log
    try:
        with running_app("--residents", str(RESIDENTS), "--scenarios", str(own_scenarios),
                         log=log, startup_seconds=STARTUP_SECONDS) as url:
            first = log.read_text().splitlines()[0] if log.read_text() else ""
            assert url in first, f"the address is not printed: {first!r}"
            yield url
    except AppDidNotStart as exc:
        pytest.fail(str(exc))
    finally:
        if ARTIFACTS.is_dir() and log.is_file():
            worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
            (ARTIFACTS / f"app-server-{worker}.log").write_text(log.read_text())
