"""Make the app screenshots in docs/img/ (app.png, app-compare.png) from a running app.

    .venv/bin/python docs/img/make_screenshots.py        # starts `wijksim app` itself

Uses Debian's Chromium through Playwright, the workshop-size wijk (the app's default), English
labels, and plays until the tendering wijk has lost a tender, so the pictures show an event.
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

            # compare mode, played until the tendering wijk lost a tender
            page.locator(".wijk-colour-by").click()
            page.get_by_role("option", name="Reluctance to ask for help").click()
            page.locator(".wijk-compare label").click()
            expect(page.locator(".wijk-map-box img")).to_have_count(2, timeout=120_000)
            expect(week).to_have_text("Week 0", timeout=60_000)
            recent = page.locator(".wijk-card-tender .wijk-recent")
            play_until(page, lambda: "Tender lost" in recent.inner_text()
                       or int(week.inner_text().split()[-1]) >= 300, speed_up=True)
            shoot(page, HERE / "app-compare.png", 2000)
            browser.close()


def play_until(page, done, speed_up: bool = False, timeout: float = 120.0) -> None:
    if speed_up:  # 20 weeks a second
        thumb = page.locator(".wijk-speed [role=slider]")
        thumb.focus()
        for _ in range(2):
            thumb.press("ArrowRight")
    page.get_by_role("button", name="Play", exact=True).click()
    end = time.time() + timeout
    while not done() and time.time() < end:
        page.wait_for_timeout(100)
    page.get_by_role("button", name="Pause", exact=True).click()
    page.wait_for_timeout(500)


def shoot(page, path: Path, height: int) -> None:
    page.set_viewport_size({"width": 1500, "height": height})
    page.wait_for_timeout(600)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1500, "height": 1000})
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
