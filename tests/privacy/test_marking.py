"""A word or phrase the practitioner marks as missed (bot/privacy/marking.py)."""

from __future__ import annotations

import re

from bot.privacy.anonymiser import Anonymiser
from bot.privacy.marking import (
    MARK_LIMIT,
    MarkProblem,
    digests,
    placeholder_counts,
    problem,
    remove_marked,
)

DRAFT = (
    "[NAME] ([NAME]), DOB [DATE], told her teacher that [NAME] goes to the Trampoline club "
    "in little ouseburn; LITTLE\u00a0 OUSEBURN is small, and the trampoline   CLUB is nearby."
)


def _mark(anonymiser: Anonymiser, text: str, phrase: str) -> tuple[str, frozenset[str]]:
    return remove_marked(anonymiser, text, phrase, digests(anonymiser, phrase))


def test_a_marked_phrase_goes_as_a_whole_in_any_case_and_spacing(anonymiser: Anonymiser) -> None:
    text, _ = _mark(anonymiser, DRAFT, "Little Ouseburn")
    assert "ouseburn" not in text.lower() and "little" not in text.lower()
    assert text.count("[REMOVED]") == 2, text
    text, _ = _mark(anonymiser, text, "trampoline club")
    assert "trampoline" not in text.lower() and "club" not in text.lower(), text
    assert "goes to the [REMOVED] in [REMOVED]" in text
    assert "the [REMOVED] is nearby" in text


def test_placeholders_already_there_stay_as_they_are(anonymiser: Anonymiser) -> None:
    text, _ = _mark(anonymiser, DRAFT, "Little Ouseburn")
    assert text.startswith("[NAME] ([NAME]), DOB [DATE], told her teacher that [NAME] goes")
    # Marking a placeholder's own word does not break the placeholders.
    text, _ = _mark(anonymiser, text, "name")
    assert text.startswith("[NAME] ([NAME]), DOB [DATE], told")


def test_another_form_of_a_marked_word_goes_through_the_dialog_memory(
    anonymiser: Anonymiser,
) -> None:
    text, known = _mark(anonymiser, "Met Zebedee at school; Zebedee's bag was lost.", "zebedee")
    assert "zebedee" not in text.lower(), text
    assert "[REMOVED] at school" in text
    later = anonymiser.anonymise("ZEBEDEE came back", known)
    assert "ZEBEDEE" not in later.text


def test_marking_twice_changes_nothing_more(anonymiser: Anonymiser) -> None:
    once, known = _mark(anonymiser, DRAFT, "Little Ouseburn")
    twice, again = remove_marked(anonymiser, once, "Little Ouseburn", known)
    assert twice == once
    assert again == known


def test_only_whole_words_are_marked(anonymiser: Anonymiser) -> None:
    text, _ = _mark(anonymiser, "Ash came; the ashes were cold.", "Ash")
    assert text.endswith("the ashes were cold.")


def test_the_dialog_remembers_digests_never_the_words(anonymiser: Anonymiser) -> None:
    remembered = digests(anonymiser, "Little Ouseburn")
    assert len(remembered) == 2
    assert all(re.fullmatch(r"[0-9a-f]{32}", d) for d in remembered)
    assert remembered == {anonymiser.digest("little"), anonymiser.digest("OUSEBURN")}


def test_empty_or_oversized_input_is_refused() -> None:
    assert problem("") is MarkProblem.EMPTY
    assert problem("   ") is MarkProblem.EMPTY
    assert problem(" .,; ") is MarkProblem.EMPTY
    assert problem("x" * (MARK_LIMIT + 1)) is MarkProblem.TOO_LONG
    assert problem("Little Ouseburn") is None
    assert problem("4471") is None


def test_placeholder_counts_say_what_was_removed() -> None:
    assert placeholder_counts(["[NAME] and [NAME] on [DATE]", "[REMOVED], [NAME]"]) == {
        "NAME": 3,
        "DATE": 1,
        "REMOVED": 1,
    }
    assert placeholder_counts(["[name] [Name] [] plain"]) == {}
