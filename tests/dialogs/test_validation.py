"""The validator rejects every kind of broken flow, naming the node at fault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dialogs.loading import FlowError, check_file, find_flow_path, load_flow, shipped_flow_paths
from dialogs.model import Answer, Flow
from dialogs.validation import BUTTON_LABEL_LIMIT, SECTION_TEXT_LIMIT, Problem, validate
from tests.dialogs.conftest import FIXTURES

# fixture -> (the node named, words the problem must contain)
BROKEN: dict[str, tuple[str, str]] = {
    "dangling-target": ("consent", "no-such-node"),
    "unreachable-node": ("orphan", "cannot be reached"),
    "missing-not-sure": ("consent", "not_sure"),
    "cycle": ("gate", "cycle"),
    "long-text": ("gate", "3000"),
    "long-label": ("consent", "75"),
    "long-title": ("refuse", "75"),
    "not-sure-to-outcome": ("gate", "advice point"),
    "advice-records-share": ("advice-consent", "advice_sought"),
    "unknown-kind": ("refuse", "verdict"),
    "duplicate-id": ("consent", "twice"),
    "yes-twice": ("gate", "twice"),
    "no-safeguarding-reminder": ("refuse", "safeguarding_reminder"),
    "weak-safeguarding-reminder": ("refuse", "someone else"),
}


def test_every_shipped_flow_is_valid() -> None:
    paths = shipped_flow_paths()
    assert {path.parent.name for path in paths} >= {"hm-gov-2024", "hm-gov-2018", "dfes-2006"}
    for path in paths:
        checked = check_file(path)
        assert checked.problems == [], path
        assert checked.flow is not None
        # flows/<id>/v<version>.yaml: the file's place says which flow and version it is
        assert (checked.flow.id, f"v{checked.flow.version}") == (path.parent.name, path.stem)


def test_the_valid_fixture_is_valid() -> None:
    checked = check_file(FIXTURES / "valid.yaml")
    assert checked.flow is not None
    assert checked.problems == []


@pytest.mark.parametrize(("name", "expected"), sorted(BROKEN.items()))
def test_broken_fixture_is_rejected_naming_the_node(name: str, expected: tuple[str, str]) -> None:
    node, words = expected
    checked = check_file(FIXTURES / f"{name}.yaml")
    assert checked.problems, f"{name} was accepted"
    named = [problem for problem in checked.problems if problem.node == node]
    assert named, checked.problems
    assert any(words in problem.message for problem in named), named
    assert any(repr(node) in str(problem) for problem in checked.problems)
    with pytest.raises(FlowError) as raised:
        load_flow(FIXTURES / f"{name}.yaml")
    assert node in str(raised.value)


def test_cycle_names_the_loop() -> None:
    (problem,) = check_file(FIXTURES / "cycle.yaml").problems
    assert problem.message == "cycle: gate -> consent -> gate"


def test_invalid_yaml_is_rejected_with_the_line() -> None:
    checked = check_file(FIXTURES / "invalid-yaml.yaml")
    assert checked.flow is None
    (problem,) = checked.problems
    assert problem.message.startswith("not valid YAML at line ")


def test_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    checked = check_file(tmp_path / "absent.yaml")
    assert checked.flow is None
    assert "cannot read" in checked.problems[0].message


@pytest.mark.parametrize("text", ["", "just a string\n", "- a\n- list\n"])
def test_a_flow_must_be_a_mapping(tmp_path: Path, text: str) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(text)
    assert check_file(path).problems == [Problem(None, "a flow file must be a YAML mapping")]


def test_bare_yes_no_keys_are_accepted_as_answers() -> None:
    raw = yaml.safe_load((FIXTURES / "bare-yes-no.yaml").read_text())
    assert True in raw["nodes"]["gate"]["answers"]  # PyYAML's reading, the pitfall itself
    checked = check_file(FIXTURES / "bare-yes-no.yaml")
    assert checked.problems == []
    assert checked.flow is not None
    gate = checked.flow.question("gate")
    assert gate.answers == {
        Answer.YES: "consent",
        Answer.NO: "refuse",
        Answer.NOT_SURE: "advice-gate",
    }
    # `Yes:` and `NO:` are booleans to PyYAML too
    assert checked.flow.question("consent").answers[Answer.NO] == "share-anyway"


def test_yaml_with_duplicate_keys_is_still_yaml_to_pyyaml() -> None:
    """The pitfall the loader guards against: safe_load keeps the second node silently."""
    raw = yaml.safe_load((FIXTURES / "duplicate-id.yaml").read_text())
    assert raw["nodes"]["consent"]["short"] == "Consent again?"


def test_a_field_given_twice_names_its_node(tmp_path: Path) -> None:
    field = "    text: Is there a purpose?\n"
    text = (FIXTURES / "valid.yaml").read_text()
    assert field in text
    path = tmp_path / "flow.yaml"
    path.write_text(text.replace(field, field + "    text: Again?\n", 1))
    (problem,) = check_file(path).problems
    assert problem.node == "gate"
    assert "'text' given twice" in problem.message


def test_a_top_level_key_given_twice_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text((FIXTURES / "valid.yaml").read_text() + "title: Again\n")
    (problem,) = check_file(path).problems
    assert "twice" in problem.message


# Boundary tests built in Python from the valid fixture.


def valid_raw() -> dict[str, Any]:
    raw = yaml.safe_load((FIXTURES / "valid.yaml").read_text())
    assert isinstance(raw, dict)
    return raw


def problems_of(raw: dict[str, Any]) -> list[Problem]:
    return validate(Flow.model_validate(raw))


@pytest.mark.parametrize(
    ("node", "field", "limit"),
    [
        ("gate", "text", SECTION_TEXT_LIMIT),
        ("gate", "help", SECTION_TEXT_LIMIT),
        ("gate", "short", BUTTON_LABEL_LIMIT),
        ("refuse", "title", BUTTON_LABEL_LIMIT),
        ("refuse", "guidance", SECTION_TEXT_LIMIT),
        ("advice-gate", "text", SECTION_TEXT_LIMIT),
    ],
)
def test_slack_limits_at_the_boundary(node: str, field: str, limit: int) -> None:
    assert (SECTION_TEXT_LIMIT, BUTTON_LABEL_LIMIT) == (3000, 75)
    raw = valid_raw()
    # The advice text is shown with who to ask and the reminder, all in one section.
    extra = 0
    if field == "text" and raw["nodes"][node]["kind"] == "advice":
        advice = raw["nodes"][node]
        extra = len("\n".join(["", *advice["ask"], advice["reminder"]]))
    raw["nodes"][node][field] = "x" * (limit - extra)
    assert problems_of(raw) == []
    raw["nodes"][node][field] = "x" * (limit - extra + 1)
    (problem,) = problems_of(raw)
    assert problem.node == node
    assert str(limit) in problem.message


def test_empty_text_is_rejected() -> None:
    raw = valid_raw()
    raw["nodes"]["consent"]["help"] = "   "
    assert problems_of(raw) == [Problem("consent", "help is empty")]


def test_start_must_be_a_node() -> None:
    raw = valid_raw()
    raw["start"] = "nowhere"
    assert any("nowhere" in problem.message for problem in problems_of(raw))


def test_advice_record_must_lead_to_an_outcome() -> None:
    raw = valid_raw()
    raw["nodes"]["advice-gate"]["record"] = "consent"
    assert Problem("advice-gate", "record must lead to an outcome") in problems_of(raw)


def test_unknown_answers_and_fields_are_rejected(tmp_path: Path) -> None:
    raw = valid_raw()
    raw["nodes"]["gate"]["answers"]["perhaps"] = "refuse"
    raw["nodes"]["consent"]["colour"] = "blue"
    path = tmp_path / "flow.yaml"
    path.write_text(yaml.safe_dump(raw))
    checked = check_file(path)
    assert checked.flow is None
    assert {problem.node for problem in checked.problems} == {"gate", "consent"}


def test_every_problem_is_reported_not_just_the_first() -> None:
    raw = valid_raw()
    raw["nodes"]["gate"]["short"] = "S" * 80
    raw["nodes"]["refuse"]["title"] = "T" * 80
    raw["nodes"]["consent"]["answers"]["no"] = "nowhere"
    assert {problem.node for problem in problems_of(raw)} == {"gate", "refuse", "consent"}


def test_find_flow_path() -> None:
    # an id finds the flow's latest version
    assert find_flow_path("hm-gov-2018").parts[-2:] == ("hm-gov-2018", "v2.yaml")
    assert find_flow_path("hm-gov-2024").parts[-2:] == ("hm-gov-2024", "v1.yaml")
    assert find_flow_path(str(FIXTURES / "valid.yaml")) == FIXTURES / "valid.yaml"
    with pytest.raises(FlowError) as raised:
        find_flow_path("no-such-flow")
    assert "hm-gov-2018" in str(raised.value)


def test_the_package_ships_every_flow_version() -> None:
    """A non-editable install carries only what pyproject's package-data names."""
    import tomllib

    from dialogs.loading import SHIPPED_FLOWS

    pyproject = tomllib.loads((SHIPPED_FLOWS.parents[1] / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["dialogs"]
    for path in shipped_flow_paths():
        inside = path.relative_to(SHIPPED_FLOWS.parent)
        assert any(inside.match(pattern) for pattern in patterns), inside


def test_a_plain_question_must_be_shorter_and_only_beside_the_sources_wording() -> None:
    raw = valid_raw()
    raw["nodes"]["gate"]["text"] = "Is there, in the words of the source, a clear purpose to share?"
    raw["nodes"]["gate"]["plain"] = "A clear purpose?"
    assert problems_of(raw) == []
    raw["nodes"]["gate"]["plain"] = raw["nodes"]["gate"]["text"] + " Really?"
    assert [p.message for p in problems_of(raw)] == [
        "plain must be shorter than the source's wording"
    ]
    raw["nodes"]["gate"]["plain"] = "A clear purpose?"
    raw["nodes"]["gate"]["source"] = "derived"
    assert [p.message for p in problems_of(raw)] == [
        "a derived question is in our words already: no plain needed"
    ]
