"""Issue 16 without a browser: a lever moved while the wijk runs is a policy change in the
same wijk; the map and the charts count with the model's own definitions; every text the page
shows exists in Dutch and English."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from wijksim.app import i18n, levers as lv, render, views
from wijksim.app.session import AppConfig, BuildRequest, ModelCache, Session
from wijksim.scenario import load_scenario, shipped_scenarios

N = 600
BURN = 26
APP_SRC = Path(i18n.__file__).parent
MODEL_SRC = APP_SRC.parent / "model"


@pytest.fixture(scope="module")
def cache():
    return ModelCache()


def started(cache, scenario="tender_3y", compare=False, weeks=0) -> Session:
    s = Session(AppConfig(residents=N, burn_in=BURN), cache=cache)
    pos = s.lever_positions(scenario)
    s.build(BuildRequest(scenario, tuple(sorted(pos.items())), 1, compare, N, BURN))
    s.step(weeks)
    return s


# -- 3. a policy changes from the next week, in the same wijk ---------------------------------
def test_a_lever_moved_mid_run_changes_the_same_wijk_from_the_next_week(cache):
    plain = started(cache, weeks=20)
    moved = started(cache, weeks=20)
    levers = {**moved.wijks[0].settings(), "regime": "subsidy"}
    assert moved.change_levers(levers)
    w = moved.wijks[0]
    assert w.regime == "subsidy" and w.week == 20  # no restart
    ev = w.events()[-1]
    assert (ev["week"], ev["kind"], ev["levers"]) == (20, "policy_change", {"regime": "subsidy"})
    assert i18n.describe_event(ev, "nl") == "overstap naar meerjarige subsidie"
    assert i18n.describe_event(ev, "en") == "switch to multi-year subsidy"
    assert w.series == plain.wijks[0].series  # history until now is untouched
    plain.step(30)
    moved.step(30)
    assert moved.wijks[0].series["wijkkennis"] != plain.wijks[0].series["wijkkennis"] or \
        moved.wijks[0].series["cohesion"] != plain.wijks[0].series["cohesion"]
    v = views.draw(moved, "nl", "need")
    for chart in v.charts:  # a vertical mark on every chart ...
        assert 'data-kind="policy_change"' in chart.svg, chart.name
    assert 'data-kind="policy_change"' in v.wijks[0].timeline
    assert any("overstap naar meerjarige subsidie" in text for _, _, text, _ in
               v.wijks[0].recent)  # ... and an entry in the event list


def test_compare_mode_applies_a_lever_to_both_wijks_but_keeps_their_regimes(cache):
    s = started(cache, compare=True, weeks=10)
    levers = {**s.wijks[0].settings(), "budget": 240.0, "regime": "subsidy"}
    assert s.change_levers(levers)
    assert [w.regime for w in s.wijks] == ["tender", "subsidy"]
    for w in s.wijks:
        assert w.model.p.funding.budget_per_resident == 240.0
        assert w.events()[-1]["levers"] == {"budget": 240.0}


def test_place_counts_wait_for_start_over(cache):
    s = started(cache, weeks=5)
    pos = s.wijks[0].settings()
    assert not s.change_levers({**pos, "buurthuizen": pos["buurthuizen"] + 1})
    assert not lv.BY_NAME["buurthuizen"].live and lv.BY_NAME["budget"].live


def test_an_unchanged_lever_logs_nothing_and_a_tender_lever_is_quiet_under_subsidy(cache):
    s = started(cache, scenario="subsidy", weeks=5)
    pos = s.wijks[0].settings()
    n_events = len(s.wijks[0].events())
    assert not s.change_levers(pos)
    assert s.change_levers({**pos, "contract_years": 7})  # value changes, nothing to tell
    assert len(s.wijks[0].events()) == n_events


# -- 2. one definition per word -----------------------------------------------------------------
def test_map_categories_count_what_the_charts_show_at_the_same_week(cache):
    s = started(cache, weeks=40)
    m = s.wijks[0].model
    need = render.need_categories(m)
    chart = s.wijks[0].series
    assert s.wijks[0].weeks[-1] == m.latest_week  # the charts' last point is this week
    assert (need == render.HIDDEN).sum() == round(chart["hidden_need_share"][-1] * m.residents.n)
    assert (need == render.KNOWN_TO_TIES).sum() > 0  # a neighbour knows: not red, not hidden
    lonely = render.lonely_categories(m)
    adults = (m.residents.age > 0).sum()
    assert (lonely == 0).sum() == round(chart["lonely_share"][-1] * adults)
    legend = render.resident_colours(m, "need", "nl")[2]
    assert i18n.pct(chart["hidden_need_share"][-1], "nl", 1) in legend.items[1][1]


# -- 5. every text in both languages ----------------------------------------------------------
def _logged_kinds() -> set[str]:
    kinds = set()
    for path in MODEL_SRC.glob("*.py"):
        kinds |= set(re.findall(r'log_event\(\s*"(\w+)"', path.read_text()))
    return kinds


def test_every_event_kind_the_model_logs_has_a_name_and_a_symbol():
    kinds = _logged_kinds()
    assert {"tender_lost", "staff_left", "policy_change", "regime_switch"} <= kinds
    for kind in kinds:
        assert kind in i18n.EVENT_KINDS, kind
        nl, en = i18n.EVENT_KINDS[kind]
        assert nl and en and "_" not in nl + en, kind
        colour, symbol = render.EVENT_STYLE[kind]
        assert symbol and symbol != "?", kind


def test_every_text_key_the_app_asks_for_exists():
    missing = []
    for path in APP_SRC.glob("*.py"):
        for key in re.findall(r'\bt\(\s*"([a-z_0-9]+)"', path.read_text()):
            if key not in i18n.TEXT:
                missing.append(f"{path.name}: {key}")
    for group in lv.GROUPS:
        missing += [f"group_{group}"] if f"group_{group}" not in i18n.TEXT else []
    for mode in render.COLOUR_MODES:
        missing += [f"by_{mode}"] if f"by_{mode}" not in i18n.TEXT else []
    for word in ("better", "worse", "small"):  # views.gap_rows
        missing += [f"gap_{word}"] if f"gap_{word}" not in i18n.TEXT else []
    for regime in lv.REGIMES:
        for key in (f"regime_{regime}", f"policy_switch_{regime}"):
            missing += [key] if key not in i18n.TEXT else []
    assert not missing, missing


@pytest.mark.parametrize("name", shipped_scenarios())
def test_every_event_of_every_shipped_scenario_reads_in_both_languages(name):
    from wijksim import WijkModel

    m = WijkModel(name, seed=2, **{"wijk.residents": 600, "run.burn_in_weeks": 26})
    m.run(52 * 6)
    for ev in m.events:
        nl, en = i18n.describe_event(ev, "nl"), i18n.describe_event(ev, "en")
        assert nl != ev["text"] or ev["text"] == en, (ev["kind"], ev["text"])
        for words in (nl, en):
            assert not re.search(r"[a-z]_[a-z]", words), words  # no internal names
        assert " a opbouwwerker" not in en and " a hulpverlener" not in en
        if re.search(r"\b(geen|1) van de \d+ medewerkers", nl):
            assert nl.endswith("gaat mee"), nl


@pytest.mark.parametrize("moved,total,words", [
    ("0", "6", "geen van de 6 medewerkers gaat mee"),
    ("1", "6", "1 van de 6 medewerkers gaat mee"),
    ("3", "6", "3 van de 6 medewerkers gaan mee"),
])
def test_dutch_grammar_of_staff_moving_along(moved, total, words):
    text = f"A lost the contract to B; {moved} of {total} staff moved along"
    assert i18n.event_words(text, "nl").endswith(words)


@pytest.mark.parametrize("name", shipped_scenarios())
def test_every_shipped_scenario_describes_itself_in_both_languages(name):
    scen = load_scenario(name)
    nl = i18n.scenario_description(name, scen.meta, scen.description, "nl")
    en = i18n.scenario_description(name, scen.meta, scen.description, "en")
    assert nl and en and nl != en
    assert not re.search(r"\b(met|van|een|het)\b", en), en  # no Dutch sentence on the EN page


def test_a_lever_problem_is_worded_in_the_page_language():
    from wijksim.scenario import ScenarioError

    base = load_scenario("tender_3y")
    with pytest.raises(ScenarioError) as err:
        base.with_overrides({"funding.budget_per_resident": -1.0}, origin="levers")
    nl = i18n.lever_problem(err.value.problems[0], "nl")
    en = i18n.lever_problem(err.value.problems[0], "en")
    assert nl.startswith("Budget per bewoner per jaar") and "tot en met" in nl
    assert en.startswith("Budget per resident per year") and "allowed" in en


# -- 6. clear start-up ------------------------------------------------------------------------
def test_a_taken_port_gets_one_message_with_a_free_port_before_any_address(capsys):
    import socket

    from wijksim.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["app", "--host", "127.0.0.1", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert "open http" not in out + err  # nothing promises an address that does not work
    assert f"port {port}" in err and "already in use" in err
    suggested = int(re.search(r"--port (\d+)", err).group(1))
    assert suggested != port
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


# -- 4. compare mode shows the gap ------------------------------------------------------------
def test_compare_mode_has_headline_numbers_and_their_difference(cache):
    s = started(cache, compare=True, weeks=30)
    rows = views.gap_rows(s, "en")
    assert [r[0] for r in rows] == [c[0] for c in views.CHARTS]
    tender, subsidy = s.wijks
    name, _, a, b, diff, word = rows[3]  # wijkkennis
    d = subsidy.series["wijkkennis"][-1] - tender.series["wijkkennis"][-1]
    assert a == i18n.num(tender.series["wijkkennis"][-1], "en", 2)
    assert diff == ("+" if d >= 0 else "−") + i18n.num(abs(d), "en", 2)
    assert word in ("better", "worse", "small")
    assert views.draw(s, "nl", "need").gap and not views.draw(started(cache), "nl", "need").gap


def test_chart_axes_keep_their_own_range_and_zoom_never_blows_up_noise():
    flat = np.array([0.550, 0.551, 0.552])
    lo, hi, _ = render.y_scale(flat, (0.0, 1.0), 0.05, zoom=False)
    assert (lo, hi) == (0.0, 1.0)
    lo, hi, ticks = render.y_scale(flat, (0.0, 1.0), 0.05, zoom=True)
    assert hi - lo >= 0.05 and lo <= 0.550 and hi >= 0.552
    lo, hi, _ = render.y_scale(np.array([0.2, 0.8]), (0.0, 0.1), 0.0, zoom=False)
    assert hi >= 0.8  # a value outside the usual range stretches the axis, never clips
    svg = render.chart_svg("vraagverlegenheid", [render.Series("a", "#000", [0, 1, 2], flat)],
                           520, "nl", fixed=(0.0, 1.0), min_span=0.05)
    assert 'data-lo="0" data-hi="1"' in svg


def test_maps_side_by_side_share_a_tighter_scale(cache):
    s = started(cache, compare=True, weeks=10)
    lo, hi = render.shared_v_range([w.model for w in s.wijks])
    assert render.V_RANGE[0] <= lo < hi <= render.V_RANGE[1] and hi - lo >= 0.1
    assert hi - lo < render.V_RANGE[1] - render.V_RANGE[0]
    v = views.draw(s, "nl", "vraagverlegenheid")
    assert i18n.num(lo, "nl", 2) in v.legend.items[0][1]


def test_a_lever_the_running_model_cannot_take_is_reported_and_changes_nothing(cache,
                                                                                monkeypatch):
    from wijksim.app.session import PolicyError

    s = started(cache, weeks=5)
    w = s.wijks[0]

    def broken(*_a, **_k):
        raise ZeroDivisionError("no staff to divide the hours over")

    monkeypatch.setattr(w.model, "change_policy", broken)
    with pytest.raises(PolicyError, match="ZeroDivisionError"):
        s.change_levers({**w.settings(), "budget": 40.0})
    assert w.week == 5 and w.regime == "tender" and s.step(1) == 6  # it runs on as it was


def test_every_kind_of_initiative_has_words():
    """The app and the workshop name every kind of initiative the model founds, in nl and en."""
    from wijksim.app.i18n import INITIATIVE_KINDS
    from wijksim.model.initiatives import KINDS

    assert set(INITIATIVE_KINDS) == set(KINDS)
    assert all(nl and en for nl, en in INITIATIVE_KINDS.values())
