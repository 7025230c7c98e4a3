"""Scenario files: shipped ones load; every malformed file gets one clear message, exit 2."""

import subprocess
import sys
from pathlib import Path

import pytest

from wijksim.scenario import KEYS, ScenarioError, load_scenario, shipped_scenarios
from wijksim.scenario.regimes import funding_terms

BAD = Path(__file__).parents[1] / "data" / "bad" / "scenarios"

# file -> fragments its single message must contain (key, value, what is allowed)
EXPECTED = {
    "bad_type.toml": ["funding.tender.contract_years", '"nine"', "whole number from 1 to 100"],
    "typo_key.toml": ["contract_yeras", "did you mean 'funding.tender.contract_years'"],
    "typo_section.toml": ["funding.tendr", "did you mean 'funding.tender'"],
    "out_of_range.toml": ["p_incumbent_loses", "1.5", "from 0 to 1"],
    "syntax_error.toml": ["TOML syntax error", "line 1"],
    "missing_parent.toml": ["extends", "no_such_scenario", "shipped scenario"],
    "cycle_a.toml": ["cycle", "cycle_a.toml -> cycle_b.toml -> cycle_a.toml"],
    "shares_sum.toml": ["wijk.group_shares", "add up to 1", "0.9"],
    "programme_without_budget.toml": ["programme_stop_year", "no programme"],
    "challenge_without_task.toml": ["buurtrechten.challenge_task", "'service'",
                                    "needs a task"],
    "wijkfonds_without_money.toml": ["buurtrechten.wijkfonds_share", "above 0",
                                     "needs money"],
    "wrong_choice.toml": ["funding.regime", '"market"', "'tender', 'subsidy'"],
    "list_length.toml": ["wijk.age_shares", "list of 3 numbers"],
    "bool_type.toml": ["paid_coordinators", '"yes"', "true or false"],
    "top_level_key.toml": ["residents", "not inside a [section]", "did you mean 'wijk.residents'"],
    "stop_before_start.toml": ["netwerkberaad.stop_year", "after start_year (4)"],
    "fractional_int.toml": ["contract_years", "3.5", "whole number"],
    "not_a_number.toml": ["p_incumbent_loses", "nan"],
    "meta_typo.toml": ["meta.nmae", "did you mean"],
    "key_as_table.toml": ["funding.regime", "'tender', 'subsidy'"],
    "empty.toml": ["no settings", 'extends = "tender_3y"'],
    "only_comments.toml": ["no settings"],
    "negative_value.toml": ["wijk.residents", "-500", "from 50 to 500000"],
    "negative_years.toml": ["funding.subsidy.period_years", "-4", "from 1 to 100"],
    "probability_above_one.toml": ["funding.tender.staff_moves", "1.01", "from 0 to 1"],
    "huge_integer.toml": ["wijk.residents", "99999999999999999999999", "from 50 to 500000"],
    "huge_float.toml": ["run.years", "1e+300", "from 1 to 100"],
    "infinity.toml": ["contract_years", "inf", "whole number"],
    "latin1_encoding.toml": ["not UTF-8", "line 4, column 19", "save it as UTF-8"],
    "utf16_encoding.toml": ["UTF-16", "save it as UTF-8"],
    "binary_file.toml": ["not a text file"],
    "duplicate_key.toml": ["TOML syntax error", "Cannot overwrite a value", "line 4"],
    "unclosed_string.toml": ["TOML syntax error", "line 2"],
    "extends_self.toml": ["extends", "cycle: extends_self.toml -> extends_self.toml"],
    "extends_not_text.toml": ["extends = 3", "a scenario name or path"],
    "extends_bad_parent.toml": ["bad_type.toml", "contract_years", '"nine"'],
    "date_value.toml": ["run.years", "2024-01-01", "whole number"],
    "list_for_number.toml": ["wijk.residents", "[3000, 4000]", "whole number"],
    "section_for_key.toml": ["wijk.residents", "a table", "whole number"],
    # issue 19: the exact message of each (after "FILE: ")
    "decimal_comma.toml": ["TOML syntax error at line 4, column 16: a decimal number is "
                           "written with a point, not a comma: 0.9, not 0,9 (the TOML reader "
                           "says: Expected newline or end of document after a statement)"],
    "unquoted_text.toml": ['TOML syntax error at line 4, column 10: text needs quotes: write '
                           'it as "subsidy", not subsidy (the TOML reader says: Invalid '
                           'value)'],
    "uncommented_summary.toml": ["TOML syntax error at line 4, column 21: this looks like a "
                                 "summary line from the top of a file made by 'wijksim new': "
                                 "put the # back, and change the key in its own [section] "
                                 "further down"],
    "uncommented_comment.toml": ["TOML syntax error at line 3, column 10: this line is "
                                 "neither 'key = value' nor a [section]; if it is a comment, "
                                 "put a # in front of it"],
    "deeply_nested.toml": ["nests lists or tables more than 12 levels deep; a scenario or "
                           "experiment file needs at most 6"],
    "quoted_dotted_key.toml": ['"wijk.residents" in quotes is one key whose name holds a dot, '
                               'not the key residents of [wijk]: write wijk.residents without '
                               'quotes, or residents under [wijk]'],
    "extends_empty.toml": ['extends = "" is not allowed: expected a scenario name or path, '
                           'e.g. "tender_3y" (the name is empty)'],
    "secret_top_level.toml": ["'api_key' is not inside a [section]; keys belong inside a "
                              "section such as [funding]"],
    "meta_name_too_long.toml": ["[meta] name has 80 characters; expected 1 to 64"],
    "key_in_wrong_section.toml": ["unknown key 'wijk.contract_years' - did you mean "
                                  "'funding.tender.contract_years'? (contract_years belongs "
                                  "under [funding.tender], not [wijk])"],
    "long_extends_chain.toml": ["the chain of files extending each other is longer than 10 "
                                "files (long_extends_chain.toml -> c01.toml -> c02.toml -> ... "
                                "-> c10.toml); let one of them extend a shipped scenario"],
    # issue 17: populatiebesteding's population weight and the keys it requires
    "population_weight_out_of_range.toml": [
        "funding.populatiebesteding.population_weight = 3.5 is not allowed: expected a number "
        "from 0 to 2"],
    "populatiebesteding_without_keys.toml": [
        'funding.regime = "populatiebesteding" needs '
        "funding.populatiebesteding.population_weight and "
        "funding.populatiebesteding.reference_vulnerability, which the file does not set"],
}
SECRET_VALUES = {"secret_top_level.toml": "sk-do-not-show-me"}


def test_corpus_is_complete():
    files = {p.name for p in BAD.glob("*.toml")} - {"cycle_b.toml"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gets_one_clear_message(name):
    with pytest.raises(ScenarioError) as err:
        load_scenario(BAD / name)
    assert len(err.value.problems) == 1, err.value.problems
    msg = str(err.value.problems[0])
    assert name in msg  # names the file
    for fragment in EXPECTED[name]:
        assert fragment in msg, (fragment, msg)
    if name in SECRET_VALUES:  # a key the schema does not know: its value is not repeated
        assert SECRET_VALUES[name] not in msg


@pytest.mark.parametrize("name", ["typo_key.toml", "syntax_error.toml", "cycle_a.toml"])
def test_cli_validate_exit_2_without_traceback(name):
    res = subprocess.run([sys.executable, "-m", "wijksim.cli", "validate", str(BAD / name)],
                         capture_output=True, text=True)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and name in lines[0]


def test_several_problems_in_one_file_are_all_reported(tmp_path):
    f = tmp_path / "many.toml"
    f.write_text('[funding.tender]\ncontract_years = 0\nstaff_moves = "all"\n[wjik]\nx = 1\n')
    with pytest.raises(ScenarioError) as err:
        load_scenario(f)
    assert len(err.value.problems) == 3


def test_shipped_scenarios_load_and_differ():
    names = shipped_scenarios()
    assert {"tender_3y", "tender_9y", "subsidy", "subsidy_netwerkberaad", "buurthuis_sold",
            "budget_cut", "programme_stopped", "heatwave", "crisis"} <= set(names)
    hashes = {load_scenario(n).hash for n in names}
    assert len(hashes) == len(names)


def test_extends_inherits_and_overrides():
    base, nine = load_scenario("tender_3y"), load_scenario("tender_9y")
    assert nine["funding.tender.contract_years"] == 9
    assert base["funding.tender.contract_years"] == 3
    same = {k for k in KEYS if k != "funding.tender.contract_years"}
    assert all(base[k] == nine[k] for k in same)
    assert nine.chain[0].endswith("tender_3y.toml")


def test_overrides_are_validated_like_files():
    s = load_scenario("subsidy", {"funding.subsidy.period_years": 8})
    assert s["funding.subsidy.period_years"] == 8
    with pytest.raises(ScenarioError, match="did you mean 'funding.subsidy.period_years'"):
        load_scenario("subsidy", {"funding.subsidy.period_yeras": 8})


def test_hash_depends_on_values_only(tmp_path):
    copy = tmp_path / "copy.toml"
    copy.write_text('extends = "tender_3y"\n[meta]\nname = "another name"\n')
    assert load_scenario(copy).hash == load_scenario("tender_3y").hash


def test_regime_maps_to_generic_terms_only():
    tender = funding_terms(load_scenario("tender_3y").values)
    subsidy = funding_terms(load_scenario("subsidy").values)
    assert tender.period_weeks == 156 and tender.p_provider_change == 0.5
    assert subsidy.p_provider_change == 0.0 and subsidy.staff_continuity == 1.0
    assert subsidy.renewal_overhead_share == 0.0


def test_new_scenario_from_cli_is_valid_and_extends_base(tmp_path):
    from wijksim.cli import main

    assert main(["new", "mine", "--from", "subsidy", "--dir", str(tmp_path)]) == 0
    text = (tmp_path / "mine.toml").read_text()
    assert 'extends = "subsidy"' in text and "# contract_years = 3" in text
    assert load_scenario(tmp_path / "mine.toml").hash == load_scenario("subsidy").hash
    # a student uncomments one lever
    (tmp_path / "mine.toml").write_text(text.replace("# period_years = 4", "period_years = 8"))
    assert load_scenario(tmp_path / "mine.toml")["funding.subsidy.period_years"] == 8
    assert main(["new", "mine", "--from", "subsidy", "--dir", str(tmp_path)]) == 2  # exists


@pytest.mark.parametrize("enabled", [True, False])
def test_the_toml_reader_runs_with_the_collector_paused(tmp_path, monkeypatch, enabled):
    """Reading a hostile file nested thousands deep drives Python's TOML reader to its
    recursion limit. A garbage collection down there runs other objects' finalizers (the
    app's widgets) with no stack left; they fail, and Python prints 'Exception ignored ...
    RecursionError' to the terminal (90 times in one browser test's server log). So the
    collector is paused while the reader runs, and left as it was found afterwards, also
    when the reader fails."""
    import gc

    from wijksim.scenario import tomlfile

    seen = []
    real = tomlfile.tomllib.loads

    def loads(text):
        seen.append(gc.isenabled())
        return real(text)

    monkeypatch.setattr(tomlfile.tomllib, "loads", loads)
    deep = tmp_path / "deep.toml"
    deep.write_text('[wijk]\nresidents = ' + "[" * 3000 + "]" * 3000)
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(ScenarioError, match="levels deep"):
            tomlfile.parse_toml(deep.read_bytes(), deep)
        assert gc.isenabled() is enabled
        assert tomlfile.parse_toml(b"[wijk]\nresidents = 500\n", deep) == {
            "wijk": {"residents": 500}}
        assert seen == [False, False] and gc.isenabled() is enabled
    finally:
        gc.enable()
