"""The preview says what was removed, by kind, in plain words (bot/text/templates/removed.j2)."""

from __future__ import annotations

import re

from bot.privacy.anonymiser import _PRIORITY
from bot.privacy.marking import MARKED
from bot.text.rendering import for_terminal, render

# Labels that recognizers being added for issue 8 produce; the preview must name them already.
QUASI_IDENTIFIERS = ("SCHOOL", "HEALTH_SETTING", "PLACE", "ORG", "VEHICLE_REG", "SOCIAL_HANDLE")
EVERY_LABEL = tuple(dict.fromkeys((*_PRIORITY, *QUASI_IDENTIFIERS, MARKED)))


def _removed_line(removed: dict[str, int]) -> str:
    text = render("preview_intro.j2", removed=removed)
    return next(line for line in text.splitlines() if line.startswith("Removed before saving:"))


def test_the_practitioner_reads_counts_and_kinds_in_a_stable_order() -> None:
    line = _removed_line({"DATE": 1, "NAME": 2, "SCHOOL": 1})
    assert line.startswith("Removed before saving: 2 names, 1 school, 1 date.")
    assert _removed_line({"SCHOOL": 1, "NAME": 2, "DATE": 1}) == line


def test_every_label_has_plain_words_in_one_and_many() -> None:
    for label in EVERY_LABEL:
        one = _removed_line({label: 1}).split(": ", 1)[1].split(".")[0]
        many = _removed_line({label: 3}).split(": ", 1)[1].split(".")[0]
        assert re.fullmatch(r"1 [A-Za-z][A-Za-z ]+", one), (label, one)
        assert re.fullmatch(r"3 [A-Za-z][A-Za-z ]+", many), (label, many)
        assert one != many.replace("3", "1", 1), label
        # Words, not the label: a screen reader says "NHS numbers", not "NHS underscore".
        assert "_" not in one + many, label


def test_every_kind_is_listed_once_in_the_order_of_the_template() -> None:
    removed = dict.fromkeys(reversed(EVERY_LABEL), 2)
    listed = _removed_line(removed).split(": ", 1)[1].split(". ")[0].split(", ")
    assert len(listed) == len(EVERY_LABEL)
    assert listed[:3] == ["2 names", "2 Slack mentions", "2 social media names"]
    assert listed[-1] == "2 words you marked"


def test_a_kind_with_no_words_yet_is_still_counted_in_words() -> None:
    assert _removed_line({"NAME": 1, "PET_NAME": 2}).startswith(
        "Removed before saving: 1 name, 2 pet name."
    )


def test_nothing_removed_is_said_plainly_in_slack_and_the_terminal() -> None:
    assert "Nothing identifying was found." in render("preview_intro.j2", removed={})
    terminal = for_terminal(render("preview_intro_terminal.j2", removed={"NAME": 1}))
    assert "Removed before saving: 1 name." in terminal
    assert "mark" in terminal
