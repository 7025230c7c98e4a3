"""The app's scenario field in Chromium (issue 19): paths outside the allowed folders are
refused, a file whose unknown keys hold secrets does not show them, a deeply nested file gets
a message (not a traceback), and no server path reaches the page; with a join code the page
shows nothing until the code is given."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from wijksim.app.server import AppDidNotStart, running_app

from .conftest import RESIDENTS, SECRETS, STARTUP_SECONDS
from .test_app import UPDATE_MS, button, open_app

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"),
              pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning")]


def problem_box(page: Page):
    box = page.locator(".wijk-problem")
    expect(box).to_be_visible(timeout=UPDATE_MS)
    return box


def assert_nothing_leaks(page: Page, folder) -> None:
    html = page.content()
    for secret in SECRETS:
        assert secret not in html, secret
    assert str(folder.parent) not in html  # no server path
    assert "root:x:0" not in html  # nothing of /etc/passwd
    text = page.inner_text("body")  # what a participant sees (the CSS names 'Traceback')
    assert "Traceback" not in text and "RecursionError" not in text and "File \"" not in text


def pick(page: Page, name: str) -> None:
    page.locator(".wijk-scenario").click()
    page.get_by_role("option", name=re.compile(name)).click()


def upload_text(page: Page, text: str) -> None:
    page.locator(".wijk-upload-text textarea").fill(text)
    button(page, "Tekst laden").click()


def test_unknown_keys_holding_secrets_are_named_not_shown(page: Page, app_url,
                                                          own_scenarios, artifacts):
    errors = open_app(page, app_url)
    pick(page, "secret")
    box = problem_box(page)
    expect(box).to_contain_text("'api_key' staat niet in een [sectie]")
    expect(box).to_contain_text("onbekende sleutel 'funding.token'")
    expect(box).to_contain_text("onbekende sectie 'credentials'")
    assert_nothing_leaks(page, own_scenarios)
    page.screenshot(path=str(artifacts / "app-secret-file.png"))
    assert not errors, errors


def test_a_deeply_nested_file_gets_a_message(page: Page, app_url, own_scenarios):
    errors = open_app(page, app_url)
    pick(page, "deep")
    expect(problem_box(page)).to_contain_text("nest lijsten of tabellen meer dan 12 niveaus diep")
    assert_nothing_leaks(page, own_scenarios)
    expect(page.locator(".wijk-map-box img")).to_have_count(1)  # the wijk stays, the tab too
    assert not errors, errors


# the page is Dutch by default: the messages are worded in Dutch (app/i18n.problem_text)
@pytest.mark.parametrize("text, message", [
    ('extends = "../outside"\n', "alleen scenario's van deze app"),
    ('extends = "{outside}"\n', "alleen scenario's van deze app"),
    ('extends = "~/outside"\n', "alleen scenario's van deze app"),
    ('extends = "outside"\n', "dit scenario bestaat niet"),
    ("/etc/passwd", "TOML-fout op regel 1"),
    ('extends = "/etc/passwd"\n', "alleen scenario's van deze app"),
])
def test_paths_outside_the_allowed_folders_are_refused(page: Page, app_url, own_scenarios,
                                                       text, message):
    errors = open_app(page, app_url)
    upload_text(page, text.replace("{outside}", str(own_scenarios.parent / "outside.toml")))
    expect(problem_box(page)).to_contain_text(message)
    assert_nothing_leaks(page, own_scenarios)
    assert not errors, errors


def test_uploaded_text_runs(page: Page, app_url):
    errors = open_app(page, app_url)
    upload_text(page, 'extends = "mijn_wijk"\n[funding.tender]\ncontract_years = 6\n')
    expect(page.locator(".wijk-problem")).to_have_count(0, timeout=UPDATE_MS)
    expect(page.locator(".wijk-settings")).to_contain_text("contract 6 jaar", timeout=UPDATE_MS)
    assert not errors, errors


CODE = "kraan-fiets-42"


@pytest.fixture(scope="module")
def app_with_code(tmp_path_factory, browser_type_launch_args):
    log = tmp_path_factory.mktemp("app-code") / "server.log"
    try:
        with running_app("--residents", str(RESIDENTS), "--join-code", CODE, log=log,
                         startup_seconds=STARTUP_SECONDS) as url:
            yield url
    except AppDidNotStart as exc:
        pytest.fail(str(exc))


def test_the_page_asks_for_the_join_code_first(page: Page, app_with_code, artifacts):
    page.goto(app_with_code)
    field = page.locator(".wijk-gate-code input")
    expect(field).to_be_visible(timeout=60_000)
    expect(page.locator(".wijk-map-box")).to_have_count(0)
    expect(page.locator(".wijk-scenario")).to_have_count(0)
    field.fill("wrong-code")
    page.locator(".wijk-gate-button").click()
    expect(page.locator(".wijk-gate-message")).to_contain_text("Die code klopt niet")
    expect(page.locator(".wijk-map-box")).to_have_count(0)
    page.screenshot(path=str(artifacts / "app-join-code.png"))
    field.fill(CODE.upper().replace("-", " "))  # case, spaces and dashes do not count
    page.locator(".wijk-gate-button").click()
    expect(page.locator(".wijk-map-box img")).to_have_count(1, timeout=60_000)
