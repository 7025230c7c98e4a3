"""The app reads only what it should (issue 19): scenarios by name from the shipped folder and
the ``--scenarios`` folder, uploads as text; ``extends`` confined to those; messages without
secrets, server paths or tracebacks; a join code when the app is open to other computers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wijksim.app.access import Access, Attempts, code_problem, is_loopback, new_join_code
from wijksim.app.session import AppConfig, Session
from wijksim.app.sources import page_lines
from wijksim.cli import main
from wijksim.scenario import ScenarioError

SECRETS = ("sk-SECRET-top", "sk-SECRET-funding", "sk-SECRET-wijk", "sk-SECRET-table",
           "sk-SECRET-meta")
SECRET_FILE = (f'api_key = "{SECRETS[0]}"\n[funding]\ntoken = "{SECRETS[1]}"\n'
               f'[wijk]\npassword = "{SECRETS[2]}"\n[credentials]\nx = "{SECRETS[3]}"\n'
               f'[meta]\nkey = "{SECRETS[4]}"\n')


@pytest.fixture
def folder(tmp_path) -> Path:
    own = tmp_path / "own"
    own.mkdir()
    (own / "mine.toml").write_text('extends = "tender_3y"\n[funding.tender]\n'
                                   'contract_years = 7\n')
    (own / "secret.toml").write_text(SECRET_FILE)
    (own / "deep.toml").write_text('extends = "tender_3y"\n[wijk]\nresidents = '
                                   + "[" * 3000 + "]" * 3000 + "\n")
    (own / "escape.toml").write_text('extends = "../outside"\n')
    (tmp_path / "outside.toml").write_text('extends = "tender_3y"\n[wijk]\nhomophily = 0.5\n')
    (own / "link.toml").symlink_to(tmp_path / "outside.toml")
    return own


def session(folder: Path) -> Session:
    return Session(AppConfig(residents=600, burn_in=4, scenarios_dir=str(folder)))


def problems(s: Session, key: str) -> list[str]:
    with pytest.raises(ScenarioError) as err:
        s.base(key)
    return page_lines(s.sources, err.value)


def test_the_list_holds_shipped_scenarios_and_the_folder_but_no_link_leading_out(folder):
    offered = session(folder).scenarios()
    assert "tender_3y" in offered and "eigen:mine" in offered
    assert "eigen:link" not in offered  # links to a file outside the folder are not listed


def test_an_offered_file_loads(folder):
    assert session(folder).base("eigen:mine")["funding.tender.contract_years"] == 7


@pytest.mark.parametrize("key", ["/etc/passwd", "../outside", "~/.bashrc", "eigen:../outside",
                                 "eigen:/etc/passwd", "eigen:link", "outside", "eigen:outside",
                                 str(Path(__file__))])
def test_paths_and_names_outside_the_folders_are_refused(folder, key):
    lines = problems(session(folder), key)
    assert len(lines) == 1
    assert "offers" in lines[0] and str(folder.parent) not in lines[0]


@pytest.mark.parametrize("text", ['extends = "../outside"\n', 'extends = "/etc/passwd"\n',
                                  'extends = "~/outside"\n', 'extends = "link"\n'])
def test_uploaded_text_may_extend_only_offered_scenarios(folder, text):
    s = session(folder)
    lines = problems(s, s.sources.add_upload(text))
    assert len(lines) == 1 and "uploaded.toml: extends" in lines[0], lines
    assert "only scenarios of this app" in lines[0] or "no such scenario" in lines[0]


def test_uploaded_text_extending_an_offered_file_loads(folder):
    s = session(folder)
    scen = s.base(s.sources.add_upload('extends = "mine"\n[wijk]\nhomophily = 0.3\n'))
    assert scen["funding.tender.contract_years"] == 7 and scen["wijk.homophily"] == 0.3


@pytest.mark.parametrize("how", ["file", "upload", "extended"])
def test_values_of_unknown_keys_never_reach_the_page(folder, how):
    s = session(folder)
    key = {"file": "eigen:secret", "upload": s.sources.add_upload(SECRET_FILE),
           "extended": s.sources.add_upload('extends = "secret"\n')}[how]
    lines = problems(s, key)
    text = "\n".join(lines)
    assert len(lines) == 5, lines  # each unknown key named, with what is allowed
    assert "api_key" in text and "funding.token" in text and "meta.key" in text
    assert not any(secret in text for secret in SECRETS), text


def test_a_deeply_nested_file_gets_a_message_not_a_recursion_error(folder):
    lines = problems(session(folder), "eigen:deep")
    assert lines == ["deep.toml: nests lists or tables more than 12 levels deep; a scenario "
                     "or experiment file needs at most 6"]


def test_messages_carry_no_server_path(folder):
    text = "\n".join(problems(session(folder), "eigen:escape"))
    assert "escape.toml: extends" in text
    assert str(folder) not in text and os.path.realpath(folder) not in text
    assert "/" not in text.replace("../outside", "")


def test_an_unexpected_error_is_logged_not_shown(caplog):
    lines = page_lines(Session().sources, RuntimeError("/srv/secret/path exploded"))
    assert lines == []  # the page says 'internal_error' in words instead
    assert "exploded" in caplog.text  # with its traceback in the server log


# -- access ------------------------------------------------------------------------------------
@pytest.mark.parametrize("host, loop", [("127.0.0.1", True), ("127.8.0.1", True), ("::1", True),
                                        ("localhost", True), ("0.0.0.0", False),
                                        ("192.168.1.5", False), ("::", False),
                                        ("example.org", False)])
def test_loopback_is_recognised(host, loop):
    assert is_loopback(host) == loop


def test_join_codes_check_and_slow_down_guessing():
    code = new_join_code()
    assert len(code) == 14 and not code_problem(code)
    access = Access(code)
    assert access.required and access.check(code.upper().replace("-", " "))
    assert not access.check("") and not access.check(code[:-1]) and not access.check("x" * 999)
    assert not Access("").required and Access("").check("anything")
    now = [0.0]
    tries = Attempts(free=2, clock=lambda: now[0])
    for _ in range(3):
        tries.record(False)
    assert tries.wait_seconds() == 2.0
    now[0] = 5.0
    assert tries.wait_seconds() == 0


def test_app_on_the_network_warns_and_gets_a_code(capsys):
    assert main(["app", "--host", "0.0.0.0", "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert "warning: --host 0.0.0.0: every computer that can reach this one" in err
    assert "join code" in err and "not encrypted" in err


def test_app_on_loopback_says_nothing(capsys):
    assert main(["app", "--dry-run"]) == 0
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["--join-code", "ab"], "--join-code: a join code needs at least 6 letters or digits"),
    (["--scenarios", "/no/such/dir"], "--scenarios: /no/such/dir: no such folder"),
    (["--seed", "-1"], "--seed: seed -1 is not valid"),
])
def test_app_options_are_checked(argv, message, capsys):
    assert main(["app", *argv, "--dry-run"]) == 2
    assert message in capsys.readouterr().err
