"""Round eleven (issue 8): classes from the misses and over-removals of the training and pending
authors, and of the authors written for this round.

Each class is tested on sentences written for this file, with sentences beside it for the near
misses it must not let through.
"""

import pytest

from bot.privacy.anonymiser import Anonymiser
from tests.privacy.findings import covered


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
