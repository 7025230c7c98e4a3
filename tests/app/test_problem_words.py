"""Problems of a scenario file are worded in the page's language (issue 16: Dutch everywhere on
the Dutch page). Every file of the bad-file corpus is loaded; each problem, worded in Dutch,
must keep no English sentence of the loader or the TOML reader."""

import re
from pathlib import Path

import pytest

from wijksim.app.i18n import problem_text
from wijksim.scenario import ScenarioError, load_scenario

CORPUS = sorted((Path(__file__).parents[1] / "data" / "bad" / "scenarios").iterdir())
# words of the English messages that Dutch never uses (checked outside quotes and file names)
ENGLISH = re.compile(r"\b(the|not|expected|allowed|unknown|mean|line|column|written|file|"
                     r"folder|number|whole|from|with|should|must|give|save|section|key|"
                     r"extended|empty|chain|shares)\b", re.I)


def problems_of(path: Path):
    try:
        load_scenario(path)
    except ScenarioError as exc:
        return exc.problems
    return []


def _words(text: str, problem) -> str:
    """The text without what is quoted, the file name and the scenario keys it names."""
    text = text.replace(problem.file, "") if problem.file else text
    text = re.sub(r"\(de TOML-lezer zegt: .*?\)", "", text)  # the reader's own words
    text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\[[^\]]*\]", "", text)
    return re.sub(r"\b[\w.]+\.\w+\b", "", text)  # dotted keys and file names


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_problem_of_a_bad_file_reads_in_dutch(path):
    for problem in problems_of(path):
        english, dutch = problem_text(problem, "en"), problem_text(problem, "nl")
        assert english == str(problem)
        left = ENGLISH.findall(_words(dutch, problem))
        assert not left, f"{path.name}: English left in {dutch!r}: {left}"


def test_the_value_of_an_unknown_key_stays_hidden_in_dutch_too(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text('extends = "tender_3y"\n[wijk]\napi_key = "sk-geheim"\n')
    (problem,) = problems_of(f)
    assert "sk-geheim" not in problem_text(problem, "nl")
    assert "onbekende sleutel" in problem_text(problem, "nl")
