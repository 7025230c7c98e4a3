"""How fast the workshop app steps and redraws a workshop-size wijk (prints figures; not a test).

    .venv/bin/python benchmarks/bench_app.py            # server side: step + draw, medians
    .venv/bin/python benchmarks/bench_app.py --browser  # also click -> new picture in Chromium

Server side it times exactly what the page does per frame: ``Session.step`` and
``views.draw`` (map PNG, overlay, timeline, six charts, texts), for one wijk and for compare
mode, early in the run and five years in (longer chart lines). With ``--browser`` it starts
``wijksim app``, clicks Step in Debian's Chromium and times, in the page itself, from the click
to the moment the week counter and the map image have changed (websocket, render, image decode
included), then plays for a while and reports the weeks per second reached.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from wijksim.app import views
from wijksim.app.server import running_app
from wijksim.app.session import WORKSHOP_RESIDENTS, AppConfig, BuildRequest, ModelCache, Session

ROOT = Path(__file__).resolve().parents[1]


def ms(xs: list[float]) -> str:
    xs = sorted(xs)
    return (f"median {1000 * statistics.median(xs):6.1f} ms  "
            f"(p90 {1000 * xs[int(0.9 * (len(xs) - 1))]:6.1f}, n={len(xs)})")


def server_side(residents: int, steps: int, scenario: str) -> None:
    print(f"== server side: {residents} residents, scenario {scenario}, "
          f"{os.cpu_count()} cpus ==")
    for compare in (False, True):
        cache = ModelCache()
        s = Session(AppConfig(scenario=scenario, residents=residents), cache=cache)
        pos = s.lever_positions(scenario)
        req = BuildRequest(scenario, tuple(sorted(pos.items())), 1, compare, residents)
        t0 = time.perf_counter()
        s.build(req)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        s.build(req)
        warm = time.perf_counter() - t0
        label = "compare (2 wijks)" if compare else "one wijk"
        print(f"{label}: build {cold:.2f} s (burn-in "
              f"{s.wijks[0].model.p.run.burn_in_weeks} weeks), from cache {warm * 1000:.0f} ms")
        views.draw(s, "nl", "vraagverlegenheid")  # first draw makes the map painter
        for phase, skip in (("weeks 1-", 0), ("after 5 years, weeks 261-", 260)):
            s.step(skip)
            st, dr, tot = [], [], []
            for k in range(steps):
                mode = ("vraagverlegenheid", "need")[k % 2]
                t0 = time.perf_counter()
                s.step(1)
                t1 = time.perf_counter()
                views.draw(s, "nl", mode)
                t2 = time.perf_counter()
                st.append(t1 - t0)
                dr.append(t2 - t1)
                tot.append(t2 - t0)
            print(f"  {phase}{s.week}:")
            print(f"    step          {ms(st)}")
            print(f"    draw          {ms(dr)}")
            print(f"    step + draw   {ms(tot)}")


def browser_side(residents: int, clicks: int, play_seconds: float) -> None:
    from playwright.sync_api import expect, sync_playwright

    print(f"== in Chromium: {residents} residents ==")
    log = Path(tempfile.mkdtemp(prefix="wijksim-bench-app-")) / "server.log"
    with running_app("--residents", str(residents), log=log, startup_seconds=60) as url:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            t0 = time.perf_counter()
            page.goto(url)
            expect(page.locator(".wijk-map-box img")).to_have_count(1, timeout=120_000)
            print(f"page open to first map: {time.perf_counter() - t0:.1f} s")
            for compare in (False, True):
                if compare:
                    page.locator(".wijk-compare label").click()
                    expect(page.locator(".wijk-map-box img")).to_have_count(2, timeout=60_000)
                    expect(page.locator(".wijk-week")).to_have_text("Week 0", timeout=60_000)
                lat_week, lat_img = [], []
                for _ in range(clicks):
                    page.evaluate("""() => {
                        const w = document.querySelector('.wijk-week');
                        const imgs = [...document.querySelectorAll('.wijk-map-box img')];
                        window.__bench = {week: w.textContent, srcs: imgs.map(i => i.src)};
                        const btn = [...document.querySelectorAll('button')]
                            .find(b => b.textContent.trim().toLowerCase() === 'stap');
                        window.__t0 = performance.now();
                        btn.click();
                        const poll = () => {
                            const now = performance.now();
                            const b = window.__bench;
                            if (b.tw === undefined && w.textContent !== b.week) b.tw = now;
                            const cur = [...document.querySelectorAll('.wijk-map-box img')];
                            if (b.ti === undefined && cur.every((im, k) =>
                                    im.src !== b.srcs[k] && im.complete)) b.ti = now;
                            if (b.tw === undefined || b.ti === undefined)
                                requestAnimationFrame(poll);
                        };
                        requestAnimationFrame(poll);
                    }""")
                    page.wait_for_function("() => window.__bench.tw !== undefined && "
                                           "window.__bench.ti !== undefined", timeout=30_000)
                    b = page.evaluate("() => [window.__bench.tw - window.__t0, "
                                      "window.__bench.ti - window.__t0]")
                    lat_week.append(b[0] / 1000)
                    lat_img.append(b[1] / 1000)
                label = "compare (2 wijks)" if compare else "one wijk"
                print(f"{label}: click Step -> week counter  {ms(lat_week)}")
                print(f"{label}: click Step -> new map image {ms(lat_img)}")
                start = int(page.locator(".wijk-week").inner_text().split()[-1])
                page.locator(".wijk-speed [role=slider]").focus()
                for _ in range(5):
                    page.locator(".wijk-speed [role=slider]").press("ArrowRight")  # 40 wk/s
                page.get_by_role("button", name="Afspelen", exact=True).click()
                t0 = time.perf_counter()
                page.wait_for_timeout(play_seconds * 1000)
                page.get_by_role("button", name="Pauze", exact=True).click()
                dt = time.perf_counter() - t0
                page.wait_for_timeout(300)
                end = int(page.locator(".wijk-week").inner_text().split()[-1])
                print(f"{label}: Play at the top speed (40 weeks/s asked): "
                      f"{(end - start) / dt:.1f} weeks/s reached")
                page.get_by_role("button", name="Opnieuw beginnen", exact=True).click()
                expect(page.locator(".wijk-week")).to_have_text("Week 0", timeout=30_000)
            browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--residents", type=int, default=WORKSHOP_RESIDENTS)
    ap.add_argument("--steps", type=int, default=50, help="steps timed per phase (>= 20)")
    ap.add_argument("--scenario", default="tender_3y")
    ap.add_argument("--browser", action="store_true", help="also time it in Chromium")
    ap.add_argument("--clicks", type=int, default=20)
    ap.add_argument("--play-seconds", type=float, default=8.0)
    args = ap.parse_args()
    server_side(args.residents, max(20, args.steps), args.scenario)
    if args.browser:
        browser_side(args.residents, max(20, args.clicks), args.play_seconds)


if __name__ == "__main__":
    main()
