"""The workshop app in a real browser: Playwright drives Debian's Chromium against
``wijksim app``. These tests check behaviour (things shown, counters moving, a lever reaching the
model, labels changing language, two maps in compare mode, a friendly message for a broken
file), never outcome values, which are being calibrated elsewhere.

Every test opens its own browser context, i.e. a new tab with its own wijk.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"),
              # pytest-base-url (a pytest-playwright dependency) under pytest 9; harmless
              pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning")]

FIRST_RENDER_MS = 60_000  # server start-up imports and the first build
UPDATE_MS = 20_000


class PageErrors(list):
    def attach(self, page: Page) -> "PageErrors":
        page.on("pageerror", lambda e: self.append(f"page error: {e}"))
        page.on("response", lambda r: self.append(f"HTTP {r.status} {r.url}")
                if r.status >= 400 else None)
        return self


def open_app(page: Page, url: str) -> PageErrors:
    errors = PageErrors().attach(page)
    page.goto(url)
    expect(page.locator(".wijk-map-box img")).to_have_count(1, timeout=FIRST_RENDER_MS)
    expect(week(page)).to_have_text("Week 0", timeout=UPDATE_MS)
    return errors


def week(page: Page):
    return page.locator(".wijk-week")


def button(page: Page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def shoot(page: Page, artifacts, name: str, height: int = 2000) -> None:
    page.set_viewport_size({"width": 1600, "height": height})
    page.wait_for_timeout(400)
    page.screenshot(path=str(artifacts / name))
    page.set_viewport_size({"width": 1600, "height": 1000})


# ------------------------------------------------------------------------------------------
def test_opens_shows_the_wijk_and_steps(page: Page, app_url, artifacts):
    errors = open_app(page, app_url)
    expect(page.get_by_text("wijksim — een wijk als sociaal ecosysteem")).to_be_visible()
    # the map: residents image, places and professionals drawn over it
    expect(page.locator(".wijk-overlay .place")).not_to_have_count(0)
    expect(page.locator(".wijk-overlay .professional")).not_to_have_count(0)
    expect(page.locator(".wijk-legend")).to_contain_text("hulp te vragen")
    # live plots of the five outcomes the issue names (and loneliness)
    for outcome in ("cohesion", "vraagverlegenheid", "hidden_need_share", "wijkkennis",
                    "trust"):
        expect(page.locator(f'svg.wijk-chart[data-outcome="{outcome}"]')).to_have_count(1)
    expect(page.locator(".wijk-timeline")).to_have_count(1)
    # what the page says it runs: the default scenario at the size the server was given
    expect(page.locator(".wijk-scenario")).to_contain_text("tender_3y")
    expect(page.locator(".wijk-settings")).to_contain_text("1.000 bewoners")

    img = page.locator(".wijk-map-box img")
    before = img.get_attribute("src")
    button(page, "Stap").click()
    expect(week(page)).to_have_text("Week 1", timeout=UPDATE_MS)
    expect(img).not_to_have_attribute("src", before, timeout=UPDATE_MS)
    button(page, "Stap").click()
    expect(week(page)).to_have_text("Week 2", timeout=UPDATE_MS)

    button(page, "Afspelen").click()
    expect(week(page)).to_have_text(re.compile(r"Week ([6-9]|\d\d+)$"), timeout=UPDATE_MS)
    button(page, "Pauze").click()
    expect(button(page, "Afspelen")).to_be_visible(timeout=UPDATE_MS)
    paused_at = week(page).inner_text()
    page.wait_for_timeout(800)
    expect(week(page)).to_have_text(paused_at)  # pause really stops the clock

    button(page, "Opnieuw beginnen").click()
    expect(week(page)).to_have_text("Week 0", timeout=UPDATE_MS)
    assert not errors, errors


def test_a_lever_changes_the_policy_from_the_next_week(page: Page, app_url, artifacts):
    """Issue 16: moving a lever while the wijk runs changes the terms in the same wijk (no
    restart), marks the moment on every chart and in the event list; 'Opnieuw beginnen'
    starts over with the levers as they are."""
    errors = open_app(page, app_url)
    for k in range(3):
        button(page, "Stap").click()
        expect(week(page)).to_have_text(f"Week {k + 1}", timeout=UPDATE_MS)
    lever = page.locator(".lever-contract_years")
    expect(lever.locator(".lever-label")).to_have_text("Contractduur (jaar): 3")
    expect(page.locator(".wijk-settings")).to_contain_text("contract 3 jaar")

    thumb = lever.locator("[role=slider]")
    thumb.focus()
    thumb.press("ArrowRight")
    thumb.press("ArrowRight")
    expect(lever.locator(".lever-label")).to_have_text("Contractduur (jaar): 5")
    # the running wijk reads its contract length back from its own scenario values
    expect(page.locator(".wijk-settings")).to_contain_text("contract 5 jaar", timeout=UPDATE_MS)
    expect(week(page)).to_have_text("Week 3")  # the same wijk runs on
    expect(page.locator(".wijk-recent")).to_contain_text("contract 5 jaar")

    page.locator(".lever-regime").get_by_role("button", name="Meerjarige subsidie").click()
    recent = page.locator(".wijk-recent")
    expect(recent).to_contain_text("overstap naar meerjarige subsidie", timeout=UPDATE_MS)
    expect(recent).to_contain_text("Week 3")
    expect(page.locator(".wijk-card-title")).to_contain_text("Meerjarige subsidie")
    # the scenario box still names tender_3y, and says what the levers changed on top of it
    expect(page.locator(".wijk-scenario-moved")).to_contain_text(
        "overstap naar meerjarige subsidie")
    for outcome in ("cohesion", "vraagverlegenheid", "hidden_need_share", "wijkkennis",
                    "trust", "lonely_share"):  # a vertical mark on every chart
        expect(page.locator(f'svg.wijk-chart[data-outcome="{outcome}"] '
                            '.event[data-kind="policy_change"]')).not_to_have_count(0)
    expect(week(page)).to_have_text("Week 3")
    shoot(page, artifacts, "app-policy-change.png", 1100)
    button(page, "Opnieuw beginnen").click()  # starts over, with the levers as they are
    expect(week(page)).to_have_text("Week 0", timeout=UPDATE_MS)
    expect(page.locator(".wijk-settings")).to_contain_text("Meerjarige subsidie")
    expect(page.locator(".wijk-recent")).not_to_contain_text("overstap")

    # a switch: netwerkberaad on reaches the model too
    page.locator(".lever-netwerkberaad label").click()
    expect(page.locator(".wijk-settings")).to_contain_text("netwerkberaden aan",
                                                           timeout=UPDATE_MS)
    shoot(page, artifacts, "app-lever.png", 1100)
    assert not errors, errors


def test_pick_a_shipped_scenario(page: Page, app_url):
    errors = open_app(page, app_url)
    page.locator(".wijk-scenario").click()
    page.get_by_role("option", name=re.compile(r"^subsidy_netwerkberaad")).click()
    expect(page.locator(".wijk-scenario")).to_contain_text("subsidy_netwerkberaad")
    # the levers jump to the scenario's own values, and the new wijk runs with them
    expect(page.locator(".lever-netwerkberaad")).to_contain_text("Netwerkberaden: aan")
    settings = page.locator(".wijk-settings")
    expect(settings).to_contain_text("Meerjarige subsidie", timeout=UPDATE_MS)
    expect(settings).to_contain_text("netwerkberaden aan", timeout=UPDATE_MS)
    # tender-only levers say they do not apply to a subsidy
    expect(page.locator(".lever-contract_years")).to_contain_text("alleen bij aanbesteden")
    assert not errors, errors


def test_populatiebesteding_is_a_choice_with_levers_of_its_own(page: Page, app_url):
    """Issue 17: the third regime is a button of the regime lever, in both languages; its own
    levers apply to it and say so under the other regimes."""
    errors = open_app(page, app_url)
    expect(page.locator(".lever-subcontractors")).to_contain_text(
        "alleen bij populatiebesteding")
    page.locator(".lever-regime").get_by_role("button", name="Populatiebesteding").click()
    expect(page.locator(".wijk-card-title")).to_contain_text("Populatiebesteding",
                                                              timeout=UPDATE_MS)
    expect(page.locator(".wijk-settings")).to_contain_text("2 onderaannemers",
                                                           timeout=UPDATE_MS)
    expect(page.locator(".lever-subcontractors")).not_to_contain_text("alleen bij")
    expect(page.locator(".lever-contract_years")).to_contain_text("alleen bij aanbesteden")
    button(page, "EN").click()
    expect(page.locator(".wijk-card-title")).to_contain_text("Population-based funding",
                                                              timeout=UPDATE_MS)
    expect(page.locator(".lever-subcontractors .lever-label")).to_have_text(
        "Subcontractors of the main provider: 2")
    assert not errors, errors


def test_language_switch_changes_labels(page: Page, app_url):
    errors = open_app(page, app_url)
    expect(button(page, "Afspelen")).to_be_visible()
    expect(page.locator(".wijk-chart-title").first).to_contain_text("Samenhang")
    button(page, "EN").click()
    expect(button(page, "Play")).to_be_visible(timeout=UPDATE_MS)
    expect(button(page, "Step")).to_be_visible()
    expect(page.get_by_text("wijksim — a neighbourhood as a social ecosystem")).to_be_visible()
    expect(page.locator(".wijk-chart-title").first).to_contain_text("Cohesion")
    expect(page.locator(".lever-contract_years .lever-label")).to_have_text(
        "Contract length (years): 3")
    expect(page.locator(".wijk-settings")).to_contain_text("1,000 residents")
    expect(page.get_by_text("Afspelen", exact=True)).to_have_count(0)
    button(page, "NL").click()
    expect(button(page, "Afspelen")).to_be_visible(timeout=UPDATE_MS)
    assert not errors, errors


def test_compare_mode_shows_two_wijks_stepping_together(page: Page, app_url, artifacts):
    errors = open_app(page, app_url)
    button(page, "EN").click()
    page.locator(".wijk-compare label").click()
    maps = page.locator(".wijk-map-box")
    expect(maps).to_have_count(2, timeout=FIRST_RENDER_MS)
    expect(page.locator(".wijk-card-title")).to_have_text(
        ["Map of the wijk: Tendering", "Map of the wijk: Multi-year subsidy"])
    expect(page.locator(".wijk-map-box img")).to_have_count(2)
    # both lines in every chart
    expect(page.locator('svg.wijk-chart[data-outcome="wijkkennis"] polyline')).to_have_count(2)
    button(page, "Step").click()
    expect(maps.nth(0)).to_have_attribute("data-week", "1", timeout=UPDATE_MS)
    expect(maps.nth(1)).to_have_attribute("data-week", "1", timeout=UPDATE_MS)
    button(page, "Play").click()
    expect(week(page)).to_have_text(re.compile(r"Week (1\d|[2-9]\d|\d{3})$"), timeout=30_000)
    button(page, "Pause").click()
    expect(button(page, "Play")).to_be_visible(timeout=UPDATE_MS)
    page.wait_for_timeout(300)
    assert maps.nth(0).get_attribute("data-week") == maps.nth(1).get_attribute("data-week")
    shoot(page, artifacts, "app-compare.png", 2150)
    page.locator(".wijk-compare label").click()
    expect(maps).to_have_count(1, timeout=UPDATE_MS)
    assert not errors, errors


def test_broken_scenario_file_gives_a_friendly_message(page: Page, app_url, artifacts,
                                                       own_scenarios):
    broken = own_scenarios / "mijn_wijk.toml"
    original = broken.read_text()
    broken.write_text('extends = "tender_3y"\n[funding.tender]\ncontract_yeras = 9\n'
                      'p_incumbent_loses = 1.7\n')
    try:
        errors = open_app(page, app_url)
        page.locator(".wijk-scenario").click()  # a file of the --scenarios folder, by name
        page.get_by_role("option", name=re.compile(r"mijn_wijk")).click()
        problem = page.locator(".wijk-problem")
        expect(problem).to_be_visible(timeout=UPDATE_MS)
        expect(problem).to_contain_text("kan niet geladen worden")
        expect(problem).to_contain_text("bedoel je 'funding.tender.contract_years'")
        expect(problem).to_contain_text("p_incumbent_loses = 1.7")
        expect(page.get_by_text("Traceback")).to_have_count(0)
        expect(page.locator(".wijk-map-box img")).to_have_count(1)  # the old wijk stays
        shoot(page, artifacts, "app-broken-file.png", 1000)

        # fixed file: 'Load again' reads it, and the page runs the student's scenario
        broken.write_text('extends = "tender_3y"\n[meta]\nname = "mijn_wijk"\n'
                          '[funding.tender]\ncontract_years = 7\n')
        button(page, "Opnieuw laden").click()
        expect(problem).to_have_count(0, timeout=UPDATE_MS)
        expect(page.locator(".wijk-settings")).to_contain_text("contract 7 jaar",
                                                               timeout=UPDATE_MS)
        # the same file edited again: Load again reads it anew
        broken.write_text(broken.read_text().replace("contract_years = 7",
                                                     "contract_years = 8"))
        button(page, "Opnieuw laden").click()
        expect(page.locator(".wijk-settings")).to_contain_text("contract 8 jaar",
                                                               timeout=UPDATE_MS)
        assert not errors, errors
    finally:
        broken.write_text(original)


def test_tabs_do_not_share_a_wijk(browser, app_url):
    a = browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()
    b = browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()
    try:
        open_app(a, app_url)
        open_app(b, app_url)
        for _ in range(3):
            button(a, "Stap").click()
        expect(week(a)).to_have_text("Week 3", timeout=UPDATE_MS)
        thumb = a.locator(".lever-budget [role=slider]")
        thumb.focus()
        thumb.press("ArrowRight")
        expect(a.locator(".lever-budget .lever-label")).to_have_text(
            "Budget per bewoner per jaar (euro): 170")
        b.wait_for_timeout(500)
        expect(week(b)).to_have_text("Week 0")
        expect(b.locator(".lever-budget .lever-label")).to_have_text(
            "Budget per bewoner per jaar (euro): 160")
        expect(b.locator(".wijk-settings")).to_contain_text("€ 160 per bewoner")
    finally:
        a.context.close()
        b.context.close()


def test_close_a_place_now(page: Page, app_url):
    errors = open_app(page, app_url)
    first = page.locator(".wijk-close").first  # whichever place is open (budget decides)
    label = first.inner_text().strip()
    index = re.search(r"wijk-close-(\d+)", first.get_attribute("class")).group(1)
    place = page.locator(f'.wijk-overlay .place[data-index="{index}"]')
    expect(place).to_have_attribute("data-open", "1")
    first.click()
    expect(place).to_have_attribute("data-open", "0", timeout=UPDATE_MS)
    expect(page.locator(".wijk-recent")).to_contain_text("Plek gesloten")
    expect(page.locator(".wijk-banner")).to_contain_text("gesloten in de workshop")
    expect(page.locator('.wijk-timeline .event[data-kind="closure"]')).not_to_have_count(0)
    expect(page.locator(f".wijk-close-{index}")).to_have_count(0)
    assert label.lower().startswith("sluit"), label
    assert not errors, errors


def test_absurd_slider_combinations_keep_the_page_alive(page: Page, app_url, artifacts):
    """Every slider pushed to its end (End, then Home), netwerkberaad flipped, then played:
    the page keeps running a wijk or says in words why it cannot - never a traceback."""
    errors = open_app(page, app_url)
    sliders = page.locator(".lever [role=slider]")
    n = sliders.count()
    assert n >= 6
    for key in ("End", "Home"):
        for i in range(n):
            thumb = sliders.nth(i)
            thumb.focus()
            thumb.press(key)
        page.locator(".lever-netwerkberaad label").click()
        for restart in (False, True):  # as a policy change mid-run, then from week 0
            if restart:
                button(page, "Opnieuw beginnen").click()
                expect(week(page)).to_have_text("Week 0", timeout=UPDATE_MS)
            start = int(week(page).inner_text().split()[-1])
            button(page, "Afspelen").click()
            expect(week(page)).not_to_have_text(f"Week {start}", timeout=UPDATE_MS)
            page.wait_for_timeout(1500)
            button(page, "Pauze").click()
            expect(page.locator(".wijk-map-box img")).to_have_count(1)
            expect(page.get_by_text("Traceback")).to_have_count(0)
            expect(page.get_by_text("liep vast")).to_have_count(0)  # no model failure
    shoot(page, artifacts, "app-absurd-levers.png", 1100)
    assert not errors, errors


def test_a_buurtrecht_lever_reaches_the_model(page: Page, app_url):
    """The right to challenge is a row of buttons; picking a task turns the right on in the
    running wijk (the settings line says so) without a problem about its needed key."""
    errors = open_app(page, app_url)
    challenge = page.locator(".lever-right_challenge")
    expect(challenge).to_contain_text("Uitdaagrecht")
    challenge.get_by_role("button", name="opbouwwerk").click()
    expect(page.locator(".wijk-settings")).to_contain_text("uitdaagrecht: opbouwwerk",
                                                           timeout=UPDATE_MS)
    page.locator(".lever-collectives label").click()
    expect(page.locator(".wijk-settings")).to_contain_text("burgercollectieven aan",
                                                           timeout=UPDATE_MS)
    assert not errors, errors
