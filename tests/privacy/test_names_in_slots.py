"""Names that are also words, in lower case, found by the syntax of a person slot (issue 8):
before an age, owning a person, after a word for a person or a name cue, listed with a name
already found, and spelled out letter by letter. Each class with clean sentences beside it."""

import pytest

from bot.privacy.anonymiser import Anonymiser
from tests.privacy.findings import assert_unchanged, names_found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("meadow 12 was outside the offy again", ["meadow"]),
        ("ok so ivy (6) has nits again", ["ivy"]),
        ("new lad at the hub, clay, 14, says hes sofa surfing", ["clay"]),
        ("boy rowan 11 wont go home", ["rowan"]),
        ("storm 8 and harmony 5 left at the park", ["storm", "harmony"]),
        ("dawn 16 from the flats turned up drunk", ["dawn"]),
    ],
)
def test_a_name_that_is_a_word_before_an_age_is_removed(
    rules_only: Anonymiser, text: str, names: list[str]
) -> None:
    assert names_found(rules_only, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "will do, 14 of them on the list",
        "hope 2 see u at the meeting",
        "there is a grace period of 14 days",
        "summer 2 weeks off for the staff",
        "moved to bay 3, bed 4 and ward 40.",
        "may 15 is the review",
        "the meeting in june 12 was moved",
        "level 3 and tier 2 were agreed",
    ],
)
def test_a_word_before_a_number_is_no_name(rules_only: Anonymiser, text: str) -> None:
    """(A bed, a ward or a date may go as something else: not as a name.)"""
    assert names_found(rules_only, text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("rubys dad picked her up late", ["rubys"]),
        ("pearl's mam has been drinking", ["pearl"]),
        ("heaths older brother was arrested", ["heaths"]),
        ("jades tiktok has her school in the bio", ["jades"]),
    ],
)
def test_a_name_that_is_a_word_owning_a_person_is_removed(
    rules_only: Anonymiser, text: str, names: list[str]
) -> None:
    assert names_found(rules_only, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "the kids mum was at the door",
        "her friends dad drove them home",
        "the boys dad rang the school",
        "2 years older brother lives with nan",
        "its mum that worries me",
    ],
)
def test_an_owner_that_is_no_name_is_kept(rules_only: Anonymiser, text: str) -> None:
    assert_unchanged(rules_only, text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("his cousin heath drives them about", ["heath"]),
        ("her sister ivy lives in the same block", ["ivy"]),
        ("a girl called ruby came to the door", ["ruby"]),
        ("robert aka sonny on the estate", ["robert", "sonny"]),
    ],
)
def test_a_name_that_is_a_word_after_a_word_for_a_person_or_a_cue_is_removed(
    rules_only: Anonymiser, text: str, names: list[str]
) -> None:
    assert set(names) <= set(names_found(rules_only, text))


@pytest.mark.parametrize(
    "text",
    [
        "mum said she will ring back",
        "dad so angry at the meeting",
        "mum called round this morning",
        "mum called back after tea",
        "his dad will attend the meeting",
        "we ran a session for the girls",
    ],
)
def test_words_after_a_word_for_a_person_or_a_cue_are_kept(
    rules_only: Anonymiser, text: str
) -> None:
    assert_unchanged(rules_only, text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("spoke to kayleigh n rio about the party", ["kayleigh", "rio"]),
        ("tyler, rowan and jasmine were in the car", ["tyler", "rowan", "jasmine"]),
    ],
)
def test_a_name_listed_with_a_found_name_is_removed(
    rules_only: Anonymiser, text: str, names: list[str]
) -> None:
    assert names_found(rules_only, text) == names


def test_a_word_listed_with_a_found_name_is_kept(rules_only: Anonymiser) -> None:
    text = "kayleigh and summer holidays were the worry"
    assert names_found(rules_only, text) == ["kayleigh"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("the boy is Tomasz T O M A S Z Nowak", "the boy is [NAME]"),
        ("her name is Aisha, A I S H A, she is 9", "her name is [NAME], [NAME], she is 9"),
    ],
)
def test_a_found_name_spelled_out_is_removed(
    rules_only: Anonymiser, text: str, kept: str
) -> None:
    assert rules_only.anonymise(text).text == kept


def test_letters_that_spell_no_found_name_are_kept(rules_only: Anonymiser) -> None:
    assert_unchanged(rules_only, "use the A B C approach with the family")
