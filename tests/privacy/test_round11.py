"""Round eleven (issue 8): classes from the misses and over-removals of the training and pending
authors, and of the authors written for this round.

Each class is tested on sentences written for this file, with sentences beside it for the near
misses it must not let through.
"""

import pytest

from bot.privacy.anonymiser import Anonymiser
from tests.privacy.findings import assert_unchanged, covered


# A number said in words starts at a word of its own: "phone" does not end in a spoken "one".
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("phone 07 700 900 123 after 4", "07 700 900 123"),
        ("phone oh seven seven double oh nine double oh one two three", "oh seven seven"),
        ("mob seven seven double oh nine double oh one two three", "seven seven double"),
    ],
)
def test_a_spoken_number_starts_at_a_word(anonymiser: Anonymiser, text: str, secret: str) -> None:
    result = anonymiser.anonymise(text)
    assert result.text.startswith(("phone [", "mob ["))
    assert covered(anonymiser, text, secret, "PHONE")


# A letter o typed for a zero or l for a one among a number's figures, even before a word that
# starts with one ("... 338 on the fax").
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("The number is O1632 96O 338 on the fax", "O1632 96O 338"),
        ("Sticky note: Stacey O77OO 9OO 5l2!!", "O77OO 9OO 5l2"),
        ('her text says "my number is 07700900l98"', "07700900l98"),
        ("07700 900 l98 or the old one", "07700 900 l98"),
    ],
)
def test_letters_typed_for_figures_are_still_a_number(
    anonymiser: Anonymiser, text: str, secret: str
) -> None:
    assert covered(anonymiser, text, secret, "PHONE")


@pytest.mark.parametrize(
    "text",
    [
        "he was 10 on the o1 list",
        "Room 0l is the quiet room on level 2",
        "We saw 10 of the 100 logs on our own",
    ],
)
def test_words_among_figures_stay(anonymiser: Anonymiser, text: str) -> None:
    assert_unchanged(anonymiser, text)
