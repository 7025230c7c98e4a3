"""Make the app screenshots in docs/img/ from a running app: app.png (one wijk),
app-policy.png (a switch to multi-year subsidy in week 120, marked on every chart),
app-compare.png (compare mode at 1440 x 900, the gap above the fold), app-phone.png and
app-phone-levers.png (390 x 844, the lever drawer open).

    .venv/bin/python docs/img/make_screenshots.py        # starts `wijksim app` itself

Uses Debian's Chromium through Playwright, the workshop-size wijk (the app's default), English
labels (Dutch for the phone), and plays until something has happened, so the pictures show it.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from wijksim.app.server import running_app

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def main() -> None:
    log = Path(tempfile.mkdtemp(prefix="wijksim-screenshots-")) / "server.log"
    with running_app(log=log, startup_seconds=120) as url:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            page.goto(url)
            expect(page.locator(".wijk-map-box img")).to_have_count(1, timeout=120_000)
            page.get_by_role("button", name="EN", exact=True).click()
            week = page.locator(".wijk-week")

            # one wijk, coloured by problems, a year in
            page.locator(".wijk-colour-by").click()
            page.get_by_role("option", name="Problems").click()
            play_until(page, lambda: int(week.inner_text().split()[-1]) >= 60)
            shoot(page, HERE / "app.png", 1300)

            # a policy change: tendering until week 120, then multi-year subsidy
            play_until(page, lambda: int(week.inner_text().split()[-1]) >= 120, speed_up=True)
            page.locator(".lever-regime").get_by_role("button", name="Multi-year subsidy").click()
            expect(page.locator(".wijk-recent")).to_contain_text("switch to multi-year subsidy",
                                                                 timeout=30_000)
            play_until(page, lambda: int(week.inner_text().split()[-1]) >= 260)
            shoot(page, HERE / "app-policy.png", 1300)

            # compare mode at 1440 x 900, played until the tendering wijk lost a tender
            page.get_by_role("button", name="Start over", exact=True).click()
            page.locator(".lever-regime").get_by_role("button", name="Tendering").click()
            page.locator(".wijk-colour-by").click()
            page.get_by_role("option", name="Reluctance to ask for help").click()
            page.locator(".wijk-compare label").click()
            expect(page.locator(".wijk-map-box img")).to_have_count(2, timeout=120_000)
            expect(week).to_have_text("Week 0", timeout=60_000)
            recent = page.locator(".wijk-card-tender .wijk-recent")
            play_until(page, lambda: "Tender lost" in recent.inner_text()
                       or int(week.inner_text().split()[-1]) >= 300)
            page.set_viewport_size({"width": 1440, "height": 900})
            page.evaluate("() => window.scrollTo({top: 0, behavior: 'instant'})")
            page.wait_for_timeout(600)
            page.screenshot(path=str(HERE / "app-compare.png"))
            print(f"wrote {(HERE / 'app-compare.png').relative_to(ROOT)}")

            # a phone, in Dutch: the wijk first, the levers in a drawer
            phone = browser.new_page(viewport={"width": 390, "height": 844},
                                     device_scale_factor=2, has_touch=True)
            phone.goto(url)
            expect(phone.locator(".wijk-map-box img")).to_have_count(1, timeout=120_000)
            play_until(phone, lambda: int(phone.locator(".wijk-week").inner_text()
                                          .split()[-1]) >= 30, play="Afspelen", pause="Pauze")
            phone.screenshot(path=str(HERE / "app-phone.png"))
            phone.locator(".wijk-menu-button").click()
            expect(phone.locator(".wijk-drawer .lever-budget")).to_be_visible(timeout=30_000)
            phone.wait_for_timeout(800)
            phone.screenshot(path=str(HERE / "app-phone-levers.png"))
            print("wrote docs/img/app-phone.png, docs/img/app-phone-levers.png")
            browser.close()


def play_until(page, done, speed_up: bool = False, timeout: float = 180.0, play: str = "Play",
               pause: str = "Pause") -> None:
    if speed_up:  # 20 weeks a second
        thumb = page.locator(".wijk-speed [role=slider]")
        thumb.focus()
        for _ in range(2):
            thumb.press("ArrowRight")
    page.get_by_role("button", name=play, exact=True).click()
    end = time.time() + timeout
    while not done() and time.time() < end:
        page.wait_for_timeout(100)
    page.get_by_role("button", name=pause, exact=True).click()
    page.wait_for_timeout(500)


def shoot(page, path: Path, height: int) -> None:
    page.set_viewport_size({"width": 1500, "height": height})
    page.wait_for_timeout(600)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1500, "height": 1000})
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
