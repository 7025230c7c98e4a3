"""Make the workshop screenshots in docs/img/ (workshop-*.png) from a running session.

    .venv/bin/python docs/img/make_workshop_screenshots.py   # starts `wijksim workshop` itself

Uses Debian's Chromium through Playwright and a workshop-size wijk (3000 residents): five
participants join on phone-size pages, make decisions, and the facilitator closes two rounds,
so the projector shows marks for rounds and decisions.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from wijksim.workshop.server import running_workshop

HERE = Path(__file__).resolve().parent
PHONE = {"width": 390, "height": 844}
WAIT = 180_000


def join(browser, run, name, role=None):
    page = browser.new_context(viewport=PHONE, device_scale_factor=1).new_page()
    page.set_default_timeout(WAIT)
    page.goto(run.base + "/")
    page.locator(".ws-code-input input").fill(run.code)
    page.locator(".ws-name-input input").fill(name)
    page.locator(".ws-join-button").click()
    if role:
        page.locator(f".ws-role-{role}").click()
        expect(page.locator(".ws-you")).to_be_visible(timeout=WAIT)
    return page


def decide(page, lever, value):
    box = page.locator(f".ws-lever-{lever}")
    box.locator("input").fill(str(value))
    box.locator(".ws-send").click()
    expect(box.locator(".ws-ok")).to_be_visible(timeout=WAIT)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="wijksim-workshop-shots-"))
    with running_workshop("tender_3y", "--residents", "3000", folder=tmp / "session",
                          log=tmp / "server.log", startup_seconds=600) as run:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu"])
            first = browser.new_context(viewport=PHONE).new_page()
            first.goto(run.base + "/")
            first.locator(".ws-code-input input").fill(run.code)
            first.locator(".ws-name-input input").fill("Fatima")
            first.screenshot(path=str(HERE / "workshop-join.png"))
            first.locator(".ws-join-button").click()
            first.locator(".ws-role-bewoner").wait_for(timeout=WAIT)
            first.screenshot(path=str(HERE / "workshop-roles.png"), full_page=True)
            first.locator(".ws-role-bewoner").click()
            g = join(browser, run, "Wethouder Jansen", "gemeente")
            a = join(browser, run, "Manager Welzijn", "aanbieder")
            o = join(browser, run, "Opbouwwerker Sanne", "opbouwwerker")
            fac = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
            fac.set_default_timeout(WAIT)
            fac.goto(run.facilitator)
            proj = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
            proj.set_default_timeout(WAIT)
            proj.goto(run.projector)
            for rnd, (budget, share, orient, offer) in enumerate(
                    ((160, 0.35, 0.9, "join_initiative"), (200, 0.45, 0.95, "ask_neighbour")),
                    start=1):
                decide(g, "budget", budget)
                if rnd == 2:
                    g.locator(".ws-lever-regime .ws-choice-subsidy").click()
                decide(a, "opbouw_share", share)
                decide(o, "orientation", orient)
                box = first.locator(f".ws-lever-{offer}")
                box.locator(".ws-on").click()  # Fatima's own household acts
                expect(box.locator(".ws-ok")).to_be_visible(timeout=WAIT)
                if rnd == 1:
                    o.locator(".ws-lever-focus_place .ws-focus-0").click()
                if rnd == 2:
                    fac.locator(".ws-broadcast-input input").fill(
                        "Nog 5 minuten: wat doet de overstap met de wachtlijst?")
                    fac.locator(".ws-broadcast").click()
                    expect(proj.locator(".ws-message")).to_be_visible()
                    fac.screenshot(path=str(HERE / "workshop-facilitator.png"), full_page=True)
                    g.screenshot(path=str(HERE / "workshop-phone-gemeente.png"), full_page=True)
                    first.screenshot(path=str(HERE / "workshop-phone-bewoner.png"),
                                     full_page=True)
                    o.screenshot(path=str(HERE / "workshop-phone-opbouwwerker.png"),
                                 full_page=True)
                    break
                fac.locator(".ws-close-round").click()
                expect(proj.locator(".ws-status")).to_have_attribute("data-week", str(52 * rnd),
                                                                        timeout=WAIT)
            fac.locator(".ws-close-round").click()
            expect(proj.locator(".ws-status")).to_have_attribute("data-week", "104", timeout=WAIT)
            proj.screenshot(path=str(HERE / "workshop-projector.png"), full_page=True)
            browser.close()
    print(f"screenshots in {HERE} (server log {tmp / 'server.log'})")


if __name__ == "__main__":
    main()
