"""``wijksim workshop`` in Chromium: a facilitator, a projector and 11 participants on phones
through three rounds; and the bad input of issue 18 (wrong code, full role, rejoin, two phones
pressing at once, out-of-range values), and a name in use typed on another phone.

Each test starts its own server through the real command line (1000 residents, short burn-in)
and reads the record and the stored round snapshots afterwards, so what is checked is what a
facilitator would find in the session folder.
"""

from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import expect

from wijksim.app.server import AppDidNotStart
from wijksim.model.wijk import WijkModel
from wijksim.workshop.server import running_workshop

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}
WAIT = 60_000  # ms; the machine is shared


@pytest.fixture
def workshop(tmp_path, browser_type_launch_args):
    try:
        with running_workshop("tender_3y", "--residents", "1000", "--burn-in", "26",
                              "--limit", "gemeente=1", "--limit", "aanbieder=2",
                              "--limit", "opbouwwerker=3", "--limit", "bewoner=5",
                              folder=tmp_path / "session", log=tmp_path / "server.log") as run:
            yield run
    except AppDidNotStart as exc:
        pytest.fail(str(exc))


@pytest.fixture
def browser(browser, workshop):
    """The session's browser, but every context opened in a test is closed after it, before
    its server stops (open pages of a stopped server keep reconnecting and load the machine)."""
    opened = []
    real = browser.new_context

    def new_context(**kwargs):
        ctx = real(**kwargs)
        opened.append(ctx)
        return ctx

    browser.new_context = new_context
    yield browser
    browser.new_context = real
    for ctx in opened:
        try:
            ctx.close()
        except Exception:  # noqa: BLE001 - already closed by the test
            pass


def open_join(browser, run, name, phone=None):
    """The join page on a new phone (a browser context of its own), or again on ``phone``."""
    page = (phone or browser.new_context(viewport=PHONE)).new_page()
    page.set_default_timeout(WAIT)
    page.goto(run.base + "/")
    page.locator(".ws-code-input input").fill(run.code)
    page.locator(".ws-name-input input").fill(name)
    page.locator(".ws-join-button").click()
    return page


def join(browser, run, name, role):
    page = open_join(browser, run, name)
    page.locator(f".ws-role-{role}").click()
    expect(page.locator(".ws-you")).to_contain_text(name)
    return page


def decide(page, lever, value, shown):
    box = page.locator(f".ws-lever-{lever}")
    box.locator("input").fill(str(value))
    box.locator(".ws-send").click()
    expect(box.locator(".ws-ok")).to_contain_text(f"= {shown}")


def act(page, lever, on=True):
    """A bewoner's own choice for their household: Ja / Nee."""
    box = page.locator(f".ws-lever-{lever}")
    box.locator(".ws-on" if on else ".ws-off").click()
    expect(box.locator(".ws-ok")).to_contain_text("= Ja" if on else "= Nee")


ACTS = ("ask_neighbour", "offer_help", "buurthuis", "join_initiative", "start_initiative")


def all_at(pages, week):
    for page in pages:
        expect(page.locator(".ws-status")).to_have_attribute("data-week", str(week),
                                                            timeout=WAIT)
    return {page.locator(".ws-status").get_attribute("data-week") for page in pages}


def test_three_rounds_with_a_facilitator_a_projector_and_eleven_phones(browser, workshop,
                                                                         artifacts):
    run = workshop
    fac = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    fac.set_default_timeout(WAIT)
    fac.goto(run.facilitator)
    proj = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    proj.set_default_timeout(WAIT)
    proj.goto(run.projector)
    expect(proj.locator(".ws-code")).to_have_text(run.code)
    g = join(browser, run, "Wethouder", "gemeente")
    a = [join(browser, run, f"Manager {i}", "aanbieder") for i in (1, 2)]
    o = [join(browser, run, f"Opbouw {i}", "opbouwwerker") for i in (1, 2, 3)]
    b = [join(browser, run, f"Bewoner {i}", "bewoner") for i in range(1, 6)]
    phones = [g, *a, *o, *b]
    assert len(phones) == 11
    made = []  # (name, lever, value) of every decision made here

    def do(page, name, lever, value, shown):
        decide(page, lever, value, shown)
        made.append((name, lever, round(float(value), 6)))

    for r in (1, 2, 3):
        do(g, "Wethouder", "budget", 160 + 40 * r, str(160 + 40 * r))
        if r == 2:
            g.locator(".ws-lever-regime .ws-choice-subsidy").click()
            expect(g.locator(".ws-lever-regime .ws-ok")).to_contain_text("subsidie")
            made.append(("Wethouder", "regime", "subsidy"))
        do(a[0], "Manager 1", "opbouw_share", 0.2 + 0.1 * r, f"0,{2 + r}")
        do(a[1], "Manager 2", "case_hours", 2 + 0.5 * r, f"{2 + 0.5 * r:g}".replace(".", ","))
        do(o[0], "Opbouw 1", "orientation", 0.8 + 0.05 * r,
           f"{0.8 + 0.05 * r:.2f}".rstrip("0").replace(".", ","))
        do(o[1], "Opbouw 2", "found_support", r, str(r))
        do(o[2], "Opbouw 3", "found_support", r + 2, str(r + 1))  # the two's mean
        if r == 1:  # where the community hours go: the first place and the streets around it
            o[0].locator(".ws-lever-focus_place .ws-focus-0").click()
            expect(o[0].locator(".ws-lever-focus_place .ws-ok")).to_be_visible()
            made.append(("Opbouw 1", "focus_place", 0.0))
        for k, page in enumerate(b, start=1):  # each bewoner acts for their own household
            expect(page.locator(".ws-household")).to_contain_text("Jouw huishouden")
            lever = ACTS[(k + r) % len(ACTS)]
            act(page, lever)
            made.append((f"Bewoner {k}", lever, 1.0))
        fac.locator(".ws-close-round").click()
        weeks = all_at([fac, proj, *phones], 52 * r)
        assert weeks == {str(52 * r)}
        if r == 1:  # each bewoner's page says what became of their household's choice
            for page in b:
                expect(page.locator(".ws-household")).to_contain_text("week 0: ")
            proj.screenshot(path=str(artifacts / "workshop-projector.png"), full_page=True)
            g.screenshot(path=str(artifacts / "workshop-phone-gemeente.png"), full_page=True)
            b[0].screenshot(path=str(artifacts / "workshop-phone-bewoner.png"), full_page=True)

    # the shared wijk took every role's decisions: the snapshot at the start of round 4
    model = WijkModel.load(run.folder / "round-4.wijk")
    v = model.scenario.values
    assert v["funding.budget_per_resident"] == 280 and v["funding.regime"] == "subsidy"
    assert v["professionals.opbouwwerker_share"] == pytest.approx(0.5)
    assert v["professionals.case_hours"] == pytest.approx(3.5)
    assert v["professionals.orientation_opbouwwerker"] == pytest.approx(0.95)
    assert v["initiatives.found_support"] == pytest.approx(4.0)  # mean of 3 and 5
    assert v["professionals.focus_place"] == 0
    changes = {(e["round"], e["role"]) for e in model.events if e["kind"] == "policy_change"}
    assert changes == {(r, role) for r in (1, 2, 3)
                       for role in ("gemeente", "aanbieder", "opbouwwerker")}
    # every bewoner's choice acted on their own household, one event each
    households = [e for e in model.events if e["kind"] == "workshop_resident"
                  and "no longer" not in e["text"]]  # (not: an initiative lost at a round's end)
    assert len(households) == 3 * 5 and len({e["resident"] for e in households}) == 5
    # the record holds every decision, with who, role, round and week
    dec = pd.read_csv(run.folder / "decisions.csv", keep_default_na=False)
    assert len(dec) == len(made) == 3 * 11 + 2
    got = sorted((r["name"], r["lever"],
                  r["new"] if r["lever"] == "regime" else 1.0 if r["new"] == "True" else
                  round(float(r["new"]), 6)) for r in dec.to_dict("records"))
    assert got == sorted(made)
    assert set(dec["round"]) == {1, 2, 3} and set(dec["week"]) == {0, 52, 104}
    rounds = pd.read_csv(run.folder / "rounds.csv")
    assert list(rounds["round"]) == [1, 2, 3] and list(rounds["week_end"]) == [52, 104, 156]


def test_bad_input_gets_a_message_and_the_session_goes_on(browser, workshop):
    run = workshop
    wrong = browser.new_context(viewport=PHONE).new_page()
    wrong.goto(run.base + "/")
    wrong.locator(".ws-code-input input").fill("ZZZZZZ")
    wrong.locator(".ws-name-input input").fill("Iemand")
    wrong.locator(".ws-join-button").click()
    expect(wrong.locator(".ws-err")).to_contain_text("code klopt niet", timeout=WAIT)

    g = join(browser, run, "Wethouder", "gemeente")
    second = open_join(browser, run, "Nog een wethouder")
    second.locator(".ws-role-gemeente").click()
    expect(second.locator(".ws-err")).to_contain_text("is vol (1)")

    box = g.locator(".ws-lever-budget")
    box.locator("input").fill("5000")
    box.locator(".ws-send").click()
    expect(box.locator(".ws-err")).to_contain_text("5000 kan niet; kies van 40 tot en met 400")
    box.locator("input").fill("veel")
    box.locator(".ws-send").click()
    expect(box.locator(".ws-err")).to_contain_text("verwacht een getal")
    decide(g, "budget", 250, "250")

    # the page drops out; the same name on the same phone is the same participant
    phone = g.context
    g.close()
    g = open_join(browser, run, "wethouder", phone)
    expect(g.locator(".ws-you")).to_contain_text("Gemeente")
    expect(g.locator(".ws-lever-budget .ws-lever-now")).to_contain_text("gekozen: 250")
    # another phone typing that name does not take the gemeente over
    thief = open_join(browser, run, "Wethouder")
    expect(thief.locator(".ws-err")).to_contain_text("deze naam is al in gebruik")
    expect(thief.locator(".ws-you")).to_have_count(0)

    # two phones press at the same moment: both land, one after the other
    b1, b2 = join(browser, run, "B1", "bewoner"), join(browser, run, "B2", "bewoner")
    b1.locator(".ws-lever-offer_help .ws-on").click(no_wait_after=True)
    b2.locator(".ws-lever-offer_help .ws-off").click(no_wait_after=True)
    for page, word in ((b1, "Ja"), (b2, "Nee")):  # each their own household's choice
        expect(page.locator(".ws-lever-offer_help .ws-ok")).to_be_visible(timeout=WAIT)
        expect(page.locator(".ws-lever-offer_help .ws-lever-now")).to_contain_text(
            f"gekozen: {word}", timeout=WAIT)

    dec = pd.read_csv(run.folder / "decisions.csv", keep_default_na=False)
    got = sorted((n, lv, v if v in ("True", "False") else float(v))
                 for n, lv, v in zip(dec["name"], dec["lever"], dec["new"].astype(str)))
    assert got == [("B1", "offer_help", "True"), ("B2", "offer_help", "False"),
                   ("Wethouder", "budget", 250.0)]
    # and the session goes on for everyone
    fac = browser.new_context().new_page()
    fac.goto(run.facilitator)
    fac.locator(".ws-close-round").click(timeout=WAIT)
    assert all_at([fac, g, b1, b2], 52) == {"52"}
    bad = browser.new_context().new_page()
    bad.goto(run.base + "/facilitator?key=" + run.code)  # the join code is not the secret
    expect(bad.locator("text=niet geldig")).to_be_visible(timeout=WAIT)
    expect(bad.locator(".ws-close-round")).to_have_count(0)
